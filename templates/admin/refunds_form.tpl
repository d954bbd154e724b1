{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page page-narrow admin-refunds">
<div class="page-head">
<h1>Refund {{NUMBER}}</h1>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<dl class="facts">
<dt>Shop</dt><dd>{{SHOP}}</dd>
<dt>Status</dt><dd>{{VO_STATUS}}</dd>
<dt>Paid</dt><dd>{{TOTAL}}</dd>
<dt>Paid back</dt><dd>{{REFUNDED}}</dd>
<dt>Left to pay back</dt><dd class="refund-left">{{LEFT}}</dd>
</dl>
{{#NOT_PAID}}<p>This order was never paid: there is nothing to pay back.</p>{{/NOT_PAID}}
{{#NOTHING_LEFT}}<p>All of it has been paid back.</p>{{/NOTHING_LEFT}}
{{#CAN_REFUND}}<form class="form" method="post" action="/admin/refunds" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="number" value="{{NUMBER}}">
<input type="hidden" name="key" value="{{KEY}}">
<div class="field">
<label for="amount">Amount to pay back</label>
<input id="amount" name="amount" type="text" inputmode="decimal" value="{{AMOUNT}}"{{#AMOUNT_ERROR}} aria-invalid="true" aria-describedby="amount-error"{{/AMOUNT_ERROR}}>
{{#AMOUNT_ERROR}}<p class="field-error" id="amount-error">{{MESSAGE}}</p>{{/AMOUNT_ERROR}}
</div>
<div class="field">
<label for="reason">Reason</label>
<textarea id="reason" name="reason" rows="3" maxlength="400"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>{{REASON}}</textarea>
{{#REASON_ERROR}}<p class="field-error" id="reason-error">{{MESSAGE}}</p>{{/REASON_ERROR}}
</div>
<fieldset id="restock">
<legend>Units back to stock when the refund is made</legend>
{{#RESTOCK_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/RESTOCK_ERROR}}
{{#ITEM}}<div class="field">
<input type="hidden" name="item" value="{{ITEM_ID}}">
<label for="restock-{{N}}">{{NAME}} (bought {{QUANTITY}})</label>
<select id="restock-{{N}}" name="restock">{{#QTY}}<option value="{{VALUE}}">{{VALUE}}</option>{{/QTY}}</select>
</div>{{/ITEM}}
</fieldset>
<div class="check">
<input id="manual" name="manual" type="checkbox" value="yes"{{#BANK}} checked{{/BANK}}>
<label for="manual">Pay it back by hand (bank transfer) instead of through the payment provider</label>
</div>
<div class="actions"><button class="button button-danger" type="submit">Pay back</button> <a href="/admin/refunds">Cancel</a></div>
</form>{{/CAN_REFUND}}
</div>

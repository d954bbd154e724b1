{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page page-narrow admin-returns">
<div class="page-head">
<h1>Return of {{NUMBER}}</h1>
<p class="return-state">{{STATE}}</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<dl class="facts">
<dt>Shop</dt><dd>{{SHOP}}</dd>
<dt>The customer's reason</dt><dd>{{REASON_TEXT}}</dd>
<dt>To pay back</dt><dd>{{AMOUNT}}</dd>
{{#HAS_REFUSAL}}<dt>The shop refused</dt><dd>{{TEXT}}</dd>{{/HAS_REFUSAL}}
{{#HAS_ESCALATION}}<dt>The customer asks</dt><dd>{{TEXT}}{{#CONVERSATION}} <a href="/admin/conversations/{{CONVERSATION_ID}}?return={{RETURN_ID}}">Read the customer's conversation with the shop</a> (your reading is audited){{/CONVERSATION}}</dd>{{/HAS_ESCALATION}}
{{#HAS_INSTRUCTIONS}}<dt>Instructions</dt><dd>{{TEXT}}</dd>{{/HAS_INSTRUCTIONS}}
{{#HAS_ADMIN_NOTE}}<dt>Decision</dt><dd>{{TEXT}}</dd>{{/HAS_ADMIN_NOTE}}
{{#REFUND_FAILED}}<dt>Refund</dt><dd>Refused by the provider: {{TEXT}}</dd>{{/REFUND_FAILED}}
{{#REFUND_CONFIRMING}}<dt>Refund</dt><dd>Being confirmed with the payment provider.</dd>{{/REFUND_CONFIRMING}}
</dl>
<ul>{{#ITEM}}<li>{{QTY}} × {{NAME}}</li>{{/ITEM}}</ul>
{{#CAN_DECIDE}}<form class="form" method="post" action="/admin/returns/{{ID}}/accept" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="instructions">Accept: how and where the customer sends it back</label>
<textarea id="instructions" name="instructions" rows="3" maxlength="1000"{{#INSTRUCTIONS_ERROR}} aria-invalid="true" aria-describedby="instructions-error"{{/INSTRUCTIONS_ERROR}}>{{INSTRUCTIONS}}</textarea>
{{#INSTRUCTIONS_ERROR}}<p class="field-error" id="instructions-error">{{MESSAGE}}</p>{{/INSTRUCTIONS_ERROR}}
</div>
<div class="actions"><button class="button" type="submit">Accept the return</button></div>
</form>
<form class="form" method="post" action="/admin/returns/{{ID}}/close" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="note">Close: why the shop's refusal stands</label>
<textarea id="note" name="note" rows="3" maxlength="500"{{#NOTE_ERROR}} aria-invalid="true" aria-describedby="note-error"{{/NOTE_ERROR}}>{{NOTE}}</textarea>
{{#NOTE_ERROR}}<p class="field-error" id="note-error">{{MESSAGE}}</p>{{/NOTE_ERROR}}
</div>
<div class="actions"><button class="button button-danger" type="submit">Close the return</button></div>
</form>{{/CAN_DECIDE}}
{{#CAN_RECEIVE}}<form class="form" method="post" action="/admin/returns/{{ID}}/receive" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="check">
<input id="restock" name="restock" type="checkbox" value="yes" checked>
<label for="restock">Put the units back in stock</label>
</div>
<div class="actions"><button class="button" type="submit">Mark received and pay back</button></div>
</form>{{/CAN_RECEIVE}}
{{#CAN_PAY}}<form class="inline-form" method="post" action="/admin/returns/{{ID}}/pay">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button" type="submit">Retry the refund</button>
</form>{{/CAN_PAY}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Return items: order {{NUMBER}}</h1>
<p>Items can be returned within {{DAYS}} days of delivery. The shop answers with how to send them back; you are paid back when they arrive.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#NOTHING_LEFT}}<p>Every item of this part of the order has been paid back already.</p>{{/NOTHING_LEFT}}
<form class="form" method="post" action="/orders/{{ORDER_ID}}/returns" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="vendor_order" value="{{VENDOR_ORDER}}">
{{#GUEST_TOKEN}}<input type="hidden" name="token" value="{{TOKEN}}">
{{/GUEST_TOKEN}}<fieldset id="qty"{{#QTY_ERROR}} aria-describedby="qty-error"{{/QTY_ERROR}}>
<legend>How many of each item</legend>
{{#QTY_ERROR}}<p class="field-error" id="qty-error">{{MESSAGE}}</p>{{/QTY_ERROR}}
{{#ITEM}}<div class="field">
<input type="hidden" name="item" value="{{ITEM_ID}}">
<label for="qty-{{N}}">{{NAME}} (up to {{LEFT}})</label>
<select id="qty-{{N}}" name="qty">{{#QTY}}<option value="{{VALUE}}">{{VALUE}}</option>{{/QTY}}</select>
</div>{{/ITEM}}
</fieldset>
<div class="field">
<label for="reason">Why you return them</label>
<textarea id="reason" name="reason" rows="4" maxlength="500"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>{{REASON}}</textarea>
{{#REASON_ERROR}}<p class="field-error" id="reason-error">{{MESSAGE}}</p>{{/REASON_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Ask to return</button>
<a href="{{BACK}}">Back to the order</a>
</div>
</form>
</div>

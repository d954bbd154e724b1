{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Return of {{NUMBER}}</h1>
<p class="return-state">{{STATE}}</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<dl class="facts">
<dt>Asked on</dt><dd>{{REQUESTED}}</dd>
<dt>The customer's reason</dt><dd>{{REASON_TEXT}}</dd>
<dt>To pay back</dt><dd>{{AMOUNT}}</dd>
{{#HAS_INSTRUCTIONS}}<dt>Instructions</dt><dd>{{TEXT}}</dd>{{/HAS_INSTRUCTIONS}}
{{#HAS_REFUSAL}}<dt>Your refusal</dt><dd>{{TEXT}}</dd>{{/HAS_REFUSAL}}
{{#HAS_ESCALATION}}<dt>The customer asked the marketplace</dt><dd>{{TEXT}}</dd>{{/HAS_ESCALATION}}
{{#HAS_ADMIN_NOTE}}<dt>The marketplace decided</dt><dd>{{TEXT}}</dd>{{/HAS_ADMIN_NOTE}}
{{#REFUND_FAILED}}<dt>Refund</dt><dd>Not made yet: {{TEXT}}. The marketplace retries it.</dd>{{/REFUND_FAILED}}
{{#REFUND_CONFIRMING}}<dt>Refund</dt><dd>Being confirmed with the payment provider.</dd>{{/REFUND_CONFIRMING}}
</dl>
<table class="data-table">
<caption>Items to return</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Units returned</th><th scope="col">Units bought</th></tr></thead>
<tbody>
{{#ITEM}}<tr><th scope="row">{{NAME}}</th><td class="num">{{QTY}}</td><td class="num">{{BOUGHT}}</td></tr>
{{/ITEM}}</tbody>
</table>
{{#CAN_DECIDE}}<section class="section" aria-labelledby="accept-title">
<h2 id="accept-title">Accept</h2>
<form class="form" method="post" action="/vendor/returns/{{ID}}/accept" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="instructions">How and where to send it back</label>
<textarea id="instructions" name="instructions" rows="4" maxlength="1000"{{#INSTRUCTIONS_ERROR}} aria-invalid="true" aria-describedby="instructions-error"{{/INSTRUCTIONS_ERROR}}>{{INSTRUCTIONS}}</textarea>
{{#INSTRUCTIONS_ERROR}}<p class="field-error" id="instructions-error">{{MESSAGE}}</p>{{/INSTRUCTIONS_ERROR}}
</div>
<div class="actions"><button class="button" type="submit">Accept the return</button></div>
</form>
</section>
<section class="section" aria-labelledby="refuse-title">
<h2 id="refuse-title">Refuse</h2>
<form class="form" method="post" action="/vendor/returns/{{ID}}/refuse" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="refusal">Why you refuse it</label>
<textarea id="refusal" name="refusal" rows="3" maxlength="500"{{#REFUSAL_ERROR}} aria-invalid="true" aria-describedby="refusal-error"{{/REFUSAL_ERROR}}>{{REFUSAL}}</textarea>
{{#REFUSAL_ERROR}}<p class="field-error" id="refusal-error">{{MESSAGE}}</p>{{/REFUSAL_ERROR}}
</div>
<div class="actions"><button class="button button-danger" type="submit">Refuse the return</button></div>
</form>
</section>{{/CAN_DECIDE}}
{{#CAN_RECEIVE}}<section class="section" aria-labelledby="receive-title">
<h2 id="receive-title">The parcel arrived</h2>
<form class="form" method="post" action="/vendor/returns/{{ID}}/receive" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="check">
<input id="restock" name="restock" type="checkbox" value="1" checked>
<label for="restock">Put the units back in stock</label>
</div>
<div class="actions"><button class="button" type="submit">Mark received and pay back</button></div>
</form>
</section>{{/CAN_RECEIVE}}
</div>

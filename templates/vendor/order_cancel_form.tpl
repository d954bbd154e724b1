{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Cancel {{NUMBER}}</h1>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#TOO_LATE}}<p>This order has shipped or is cancelled already: it cannot be cancelled.</p>{{/TOO_LATE}}
{{#CAN_CANCEL}}<p>Cancelling puts the items back in stock and pays the customer back what was paid for this order. The customer reads your reason.</p>
<form class="form" method="post" action="/vendor/orders/{{ID}}/cancel" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reason">Why you cancel it</label>
<textarea id="reason" name="reason" rows="3" maxlength="400"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>{{REASON}}</textarea>
{{#REASON_ERROR}}<p class="field-error" id="reason-error">{{MESSAGE}}</p>{{/REASON_ERROR}}
</div>
<div class="actions"><button class="button button-danger" type="submit">Cancel the order</button></div>
</form>{{/CAN_CANCEL}}
</div>

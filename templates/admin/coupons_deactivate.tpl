{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-coupon">
<div class="page-head">
<h1>Withdraw coupon {{CODE}}</h1>
</div>
{{#INACTIVE}}<p>This coupon was withdrawn already.</p>
<p><a href="{{BACK_URL}}">Back to the coupon</a></p>{{/INACTIVE}}
{{#ACTIVE}}{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>Shoppers who type it are told it can no longer be used. Orders already placed keep their discount. A withdrawn coupon cannot be used again: make a new one instead.</p>
<div class="field">
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}> Yes, withdraw {{CODE}}</label>
</div>
<div class="actions"><button type="submit" class="button button-danger">Withdraw coupon</button> <a href="{{BACK_URL}}">Keep it</a></div>
</form>{{/ACTIVE}}
</div>

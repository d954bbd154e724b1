{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>{{HEADING}}</h1>
</div>
{{#SUMMARY}}<dl class="summary">
<dt>State</dt><dd>{{STATE}}</dd>
<dt>Discount</dt><dd>{{DISCOUNT}}</dd>
<dt>Applies to</dt><dd>{{SCOPE}}</dd>
<dt>Valid</dt><dd>{{VALIDITY}}</dd>
<dt>Uses held by orders</dt><dd>{{USES}}</dd>
<dt>Per customer</dt><dd>{{PER_CUSTOMER}}</dd>
</dl>
{{#CAN_DEACTIVATE}}<p><a href="{{URL}}">Withdraw this coupon</a></p>{{/CAN_DEACTIVATE}}
{{/SUMMARY}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was saved: please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>FIELDS}}
<div class="actions">
<button type="submit" class="button">{{SUBMIT}}</button>
<a href="/vendor/coupons">Cancel</a>
</div>
</form>
</div>

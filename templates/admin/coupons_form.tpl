{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-coupon">
<div class="page-head">
<h1>{{HEADING}}</h1>
</div>
{{#SUMMARY}}<dl class="summary">
<dt>State</dt><dd>{{STATE}}</dd>
<dt>Discount</dt><dd>{{DISCOUNT}}</dd>
<dt>Applies to</dt><dd>{{SCOPE}}</dd>
<dt>Borne by</dt><dd>{{PAYER}}</dd>
<dt>Valid</dt><dd>{{VALIDITY}}</dd>
<dt>Uses held by orders</dt><dd>{{USES}}</dd>
<dt>Given back by unpaid orders</dt><dd>{{RELEASED}}</dd>
<dt>Per customer</dt><dd>{{PER_CUSTOMER}}</dd>
{{#HAS_NOTE}}<dt>Note</dt><dd>{{NOTE}}</dd>{{/HAS_NOTE}}</dl>
{{#VENDOR_MADE}}<p>The vendor made this coupon on the vendor portal for its own items and bears it: only the vendor changes its terms. You can withdraw it.</p>{{/VENDOR_MADE}}
<p><a href="{{AUDIT_URL}}">Its entries in the audit log</a>{{#CAN_DEACTIVATE}} · <a href="{{URL}}">Withdraw this coupon</a>{{/CAN_DEACTIVATE}}</p>
{{/SUMMARY}}
{{#EDITABLE}}{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
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
<a href="/admin/coupons">Cancel</a>
</div>
</form>{{/EDITABLE}}
</div>

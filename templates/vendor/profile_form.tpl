{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Business profile</h1>
<p>What we verify, and what shoppers see of your shop. Your name, email address and password are in <a href="/account">your account settings</a>.</p>
</div>
{{#STATUS_PENDING}}<p class="notice notice-warn">We are checking your details. This usually takes two working days. Until then you can edit your profile but cannot publish listings. If you change a detail we have already checked, we check it again.</p>{{/STATUS_PENDING}}
{{#STATUS_VERIFIED}}<p class="notice notice-good">Your shop is live at <a href="/v/{{SLUG}}">/v/{{SLUG}}</a>. Changing your legal name, registration number, tax id, address, phone or bank details sends your shop back for checking.</p>{{/STATUS_VERIFIED}}
{{#STATUS_REJECTED}}<div class="notice notice-bad">
<p>We could not verify your shop with these details.</p>
{{#HAS_REASON}}<blockquote class="reason"><p>{{REASON}}</p></blockquote>{{/HAS_REASON}}
<p>Fix your profile and send it again: save your changes below, then send it for checking.</p>
<form action="/vendor/resubmit" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">Send my profile for checking again</button>
</form>
</div>{{/STATUS_REJECTED}}
{{#STATUS_BLOCKED}}<p class="notice notice-bad">Your shop is blocked. You can keep your profile up to date; <a href="/vendor/">your dashboard</a> says why it was blocked and how to appeal.</p>{{/STATUS_BLOCKED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form form-wide" action="/vendor/profile" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>FIELDS}}
<div class="actions">
<button type="submit" class="button">Save my profile</button>
<a href="/vendor/">Cancel</a>
</div>
</form>
</div>

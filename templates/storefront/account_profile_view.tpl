{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Your account</h1>
<p>Member since {{SINCE}}.</p>
</div>
<section class="section" aria-labelledby="account-summary">
<h2 id="account-summary">Your details</h2>
<dl class="facts">
<dt>Name</dt><dd>{{SHOWN_NAME}}</dd>
<dt>Email address</dt><dd>{{EMAIL}} {{#VERIFIED}}<span class="status-badge">confirmed</span>{{/VERIFIED}}{{#UNVERIFIED}}<span class="status-badge status-pending">not confirmed yet</span>
<form class="inline-form" method="post" action="/verify/resend">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="link-button" type="submit">Send a new confirmation mail</button>
</form>{{/UNVERIFIED}} · <a href="/account/email">Change</a>{{>EMAIL_PENDING}}</dd>
<dt>Phone</dt><dd>{{SHOWN_PHONE}}</dd>
<dt>Password</dt><dd><a href="/account/password">Change your password</a></dd>
</dl>
</section>
<section class="section" aria-labelledby="profile-title">
<h2 id="profile-title">Profile</h2>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h3 id="error-summary-title">Please check the form</h3>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/account/profile" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="name">Name</label>
<input id="name" name="name" type="text" value="{{NAME}}" autocomplete="name" maxlength="100" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
</div>
<div class="field">
<label for="phone">Phone <span class="muted">(optional)</span></label>
<input id="phone" name="phone" type="tel" value="{{PHONE}}" autocomplete="tel" maxlength="30" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
<p class="hint" id="phone-hint">Vendors may use it to reach you about a delivery. Stored encrypted.</p>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Save profile</button>
</div>
</form>
</section>
<section class="section" id="personalisation" aria-labelledby="personalisation-title">
<h2 id="personalisation-title">Personalisation</h2>
{{#PERSONAL_ON}}<p>On: we remember the products you view, show them to you again under “Recently viewed”, and choose the products “for you” and some Sponsored products from the categories you viewed or bought from. Shops never learn who you are.</p>
<form class="inline-form" method="post" action="/account/personalisation">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="personalise" value="off">
<button class="button button-plain" type="submit">Turn personalisation off</button>
</form>
<p class="hint">Off: we forget what you viewed, stop recording it, and show you only what the page shows everybody.</p>{{/PERSONAL_ON}}
{{#PERSONAL_OFF}}<p>Off: we do not record what you view, and you see only what each page shows everybody (its Sponsored products included).</p>
<form class="inline-form" method="post" action="/account/personalisation">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="personalise" value="on">
<button class="button button-plain" type="submit">Turn personalisation on</button>
</form>{{/PERSONAL_OFF}}
</section>
<section class="section" aria-labelledby="more-title">
<h2 id="more-title">More</h2>
<ul class="link-list">
<li><a href="/account/addresses">Your addresses</a> ({{ADDRESS_COUNT}})</li>
<li><a href="/account/notifications">Notifications</a> (and which come by mail)</li>
<li><a href="/account/wishlists">Wishlists</a></li>
<li><a href="/account/sessions">Where you are logged in</a></li>
<li><a href="/account/tickets">Help and support</a> (your questions to us and our answers)</li>
<li><a href="/account/password">Change your password</a></li>
<li><a href="/account/email">Change your email address</a></li>
{{#IS_VENDOR}}<li><a href="/vendor/">Your shop in the vendor portal</a></li>{{/IS_VENDOR}}
<li><a href="/account/data.json" download>Download your data</a> (a JSON file with everything we keep about you)</li>
<li><a href="/account/delete">Delete your account</a></li>
</ul>
</section>
</div>

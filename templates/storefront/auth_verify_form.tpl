{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
{{#CONFIRM}}<div class="page-head">
<h1>Confirm your email address</h1>
<p>Confirm that <strong>{{EMAIL}}</strong> is the address of your {{ACCOUNT}}.</p>
{{#VENDOR}}<p>Then you go back to the vendor portal.</p>{{/VENDOR}}
</div>
<form class="form" method="post" action="/verify">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button class="button" type="submit">Confirm my email address</button>
</div>
</form>{{/CONFIRM}}
{{#INVALID}}<div class="page-head">
<h1>This link is no longer valid</h1>
<p>The confirmation link has been used already, has expired (links work for 24 hours) or was not copied completely.</p>
</div>
{{#CAN_RESEND}}<form class="form" method="post" action="/verify/resend">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>We can send you a new link and code.</p>
<div class="actions">
<button class="button" type="submit">Send a new mail</button>
</div>
</form>{{/CAN_RESEND}}
{{#INVALID_GUEST}}<p><a class="button" href="/login?next=/verify">Log in</a> to ask for a new link, or to see whether your address is confirmed already.</p>{{/INVALID_GUEST}}
{{#INVALID_MEMBER}}<p>Your email address is confirmed already. <a href="{{HOME_URL}}">{{HOME_LABEL}}</a>.</p>{{/INVALID_MEMBER}}
{{/INVALID}}
{{#CODE_GUEST}}<div class="page-head">
<h1>Confirm your email address</h1>
<p>Log in to enter your code, or use the link in the mail.</p>
</div>
<p><a class="button" href="/login?next=/verify">Log in</a></p>{{/CODE_GUEST}}
{{#VERIFIED}}<div class="page-head">
<h1>Your email address is confirmed</h1>
<p>Nothing more to do. <a href="{{HOME_URL}}">{{HOME_LABEL}}</a>.</p>
</div>{{/VERIFIED}}
{{#CODE_FORM}}<div class="page-head">
<h1>Confirm your email address</h1>
<p>We sent a mail to <strong>{{EMAIL}}</strong>. Open the link in it, or enter the 6-digit code from it here.</p>
<p>{{UNTIL}}</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the code</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/verify" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="code">Code from the mail</label>
<input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]*" autocomplete="one-time-code" maxlength="7" required{{#CODE_ERROR}} aria-invalid="true" aria-describedby="code-error"{{/CODE_ERROR}}>
{{#CODE_ERROR}}<p class="field-error" id="code-error">{{MESSAGE}}</p>{{/CODE_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Confirm</button>
</div>
</form>
<form class="inline-form" method="post" action="/verify/resend">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>No mail? Look in the spam folder, or <button class="link-button" type="submit">send a new mail</button>.</p>
</form>{{/CODE_FORM}}
</div>

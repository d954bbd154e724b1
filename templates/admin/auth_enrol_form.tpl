{{%AUTOESCAPE context="HTML"}}
<div class="page admin-enrol">
{{#INVALID}}<div class="page-head">
<h1>This enrolment link does not work</h1>
</div>
<div class="notice notice-bad">
<p>The link is not valid: it may have been used already, it may have expired (links work for 24 hours), or a newer link may have replaced it.</p>
<p>Ask another admin, or whoever runs the server, for a new link: <code>bazaar-admin enrol-link EMAIL</code>.</p>
</div>
<p><a href="/admin/login">Go to the admin login page</a></p>{{/INVALID}}
{{#START}}<div class="page-head">
<h1>Set up a new authenticator app</h1>
<p>Hello {{NAME}}. This link sets up your admin account {{EMAIL}} again: a new authenticator app and a new password.</p>
</div>
<div class="notice notice-warn">
<p>Your account already has an authenticator app and a password. Nothing has changed yet. When you start, your current app stops making codes for this account, and the next page shows a new key to add to your app.</p>
</div>
<form class="form" action="/admin/enrol" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<input type="hidden" name="step" value="start">
<div class="actions">
<button type="submit" class="button">Start setting up a new authenticator</button>
</div>
</form>
<p>Still have your app and password? <a href="/admin/login">Log in as usual</a> instead; this link then stays unused until it expires.</p>{{/START}}
{{#FORM}}<div class="page-head">
<h1>Set up your admin account</h1>
<p>Hello {{NAME}}. You log in to the admin site as {{EMAIL}}, with a password and a code from an authenticator app on your phone.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section class="panel" aria-labelledby="app-title">
<h2 id="app-title">1. Add Bazaar to your authenticator app</h2>
<p>Scan this QR code with the app, or type the key below into it (time-based, 6 digits).</p>
{{#QR}}<div class="qr">{{SVG:none}}</div>{{! totp_qr_svg draws it: path data and a fixed aria-label from the code, no request input }}{{/QR}}
<p>Key: <span class="secret">{{SECRET}}</span></p>
<p class="hint">Keep this page to yourself: anyone with the key can make your codes. Starting again from the link makes a new key, and this one stops working.</p>
</section>
<form class="form" action="/admin/enrol" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<fieldset>
<legend>2. Choose your password</legend>
<input type="email" name="username" value="{{EMAIL}}" autocomplete="username" hidden readonly>
<div class="field">
<label for="password">Password</label>
<p class="hint" id="password-hint">At least 12 characters. A few unrelated words make a strong password that is easy to remember.</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input type="password" id="password" name="password" value="" minlength="12" maxlength="128" required autocomplete="new-password" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field">
<label for="password2">Password again</label>
{{#PASSWORD2_ERROR}}<p class="field-error" id="password2-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PASSWORD2_ERROR}}
<input type="password" id="password2" name="password2" value="" minlength="12" maxlength="128" required autocomplete="new-password"{{#PASSWORD2_ERROR}} aria-describedby="password2-error" aria-invalid="true"{{/PASSWORD2_ERROR}}>
</div>
</fieldset>
<fieldset>
<legend>3. Confirm the app works</legend>
<div class="field">
<label for="code">Code shown by the app</label>
<p class="hint" id="code-hint">6 digits.</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="" inputmode="numeric" pattern="[0-9 ]*" maxlength="7" required autocomplete="one-time-code" aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
</div>
</fieldset>
<div class="actions">
<button type="submit" class="button">Finish setting up</button>
</div>
</form>{{/FORM}}
</div>

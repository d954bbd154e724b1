{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Change your password</h1>
<p>Every other device logged in to your account will be logged out. We will tell you by mail.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/account/password" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="text" name="username" value="{{EMAIL}}" autocomplete="username" hidden>
<div class="field">
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
{{#CURRENT_PASSWORD_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
</div>
<div class="field">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="{{PASSWORD_MIN}}" maxlength="128" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-hint">At least {{PASSWORD_MIN}} characters.</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Change password</button>
<a href="/account">Cancel</a>
</div>
</form>
<p class="muted">Forgot your current password? <a href="/reset">Reset it by mail</a>.</p>
</div>

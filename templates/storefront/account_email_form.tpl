{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Change your email address</h1>
<p>Your address now is <strong>{{CURRENT_EMAIL}}</strong>. We will send a link to the new address; the change happens when you open it. We will also tell the current address.</p>
</div>
{{>EMAIL_PENDING}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/account/email" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="email">New email address</label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
{{#EMAIL_TAKEN}}<p class="field-help"><a href="/login">Log in</a> or <a href="/reset">reset your password</a>.</p>{{/EMAIL_TAKEN}}
</div>
<div class="field">
<label for="current_password">Current password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
{{#CURRENT_PASSWORD_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Send the link</button>
<a href="/account">Cancel</a>
</div>
</form>
</div>

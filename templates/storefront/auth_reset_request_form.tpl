{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Reset your password</h1>
</div>
{{#SENT}}<div class="notice" role="status">
<p>If an account exists for that address, we sent a link to reset the password. It works for one hour.</p>
</div>
<p>No mail after a few minutes? Look in the spam folder, or <a href="/reset">try again</a>.</p>
<p><a href="/login">Back to log in</a></p>{{/SENT}}
{{#ASK}}<p>Enter the email address of your account. We will send you a link to choose a new password.</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/reset" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="email">Email address</label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Send the link</button>
<a href="/login">Back to log in</a>
</div>
</form>{{/ASK}}
</div>

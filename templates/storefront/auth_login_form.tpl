{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Log in</h1>
<p>New here? <a href="/signup{{#HAS_NEXT}}?next={{NEXT:u}}{{/HAS_NEXT}}">Create an account</a>.</p>
</div>
{{#BLOCKED}}<div class="notice notice-bad" role="alert">
<p>{{MESSAGE}}</p>
</div>{{/BLOCKED}}
{{#LOCKED}}<div class="notice notice-bad" role="alert">
<p>Too many failed attempts to log in. For the safety of the account, logging in is paused: please try again in {{MINUTES}} minute{{#LOCKED_PLURAL}}s{{/LOCKED_PLURAL}}. If you forgot your password, you can <a href="/reset">reset it</a>.</p>
</div>{{/LOCKED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/login" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field">
<label for="email">Email address</label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" required{{#EMAIL_ERROR}} aria-invalid="true" aria-describedby="email-error"{{/EMAIL_ERROR}}>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
<div class="field">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" required{{#PASSWORD_ERROR}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_ERROR}}>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Log in</button>
<a href="/reset">Forgot your password?</a>
</div>
</form>
</div>

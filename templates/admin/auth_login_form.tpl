{{%AUTOESCAPE context="HTML"}}
<div class="page admin-login">
<div class="page-head">
<h1>Log in to the admin site</h1>
<p>For the people who run the marketplace. After your password you will be asked for the code of your authenticator app.</p>
</div>
{{#BLOCKED}}<div class="notice notice-bad" role="alert"><p>{{MESSAGE}}</p></div>{{/BLOCKED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="/admin/login" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field">
<label for="email">Email address</label>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input type="email" id="email" name="email" value="{{EMAIL}}" maxlength="254" required autocomplete="username" spellcheck="false"{{#EMAIL_ERROR}} aria-describedby="email-error" aria-invalid="true"{{/EMAIL_ERROR}}>
</div>
<div class="field">
<label for="password">Password</label>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input type="password" id="password" name="password" value="" maxlength="128" required autocomplete="current-password"{{#PASSWORD_ERROR}} aria-describedby="password-error" aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">Continue</button>
</div>
</form>
<p class="hint">No password yet? Use the enrolment link you were given. Lost your authenticator app? Ask another admin for a new enrolment link.</p>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
{{#FORM}}<div class="page-head">
<h1>Choose a new password</h1>
<p>For the account <strong>{{EMAIL}}</strong>. Every device logged in to it will be logged out.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/reset/new" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<input type="text" name="username" value="{{EMAIL}}" autocomplete="username" hidden>
<div class="field">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="{{PASSWORD_MIN}}" maxlength="128" required aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
<p class="hint" id="password-hint">At least {{PASSWORD_MIN}} characters.</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Save the new password</button>
</div>
</form>{{/FORM}}
{{#INVALID}}<div class="page-head">
<h1>This link is no longer valid</h1>
<p>A reset link works once, for one hour. This one has been used, has expired or was not copied completely.</p>
</div>
<p><a class="button" href="/reset">Ask for a new link</a></p>
<p><a href="/login">Back to log in</a></p>{{/INVALID}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page admin-mfa">
<div class="page-head">
<h1>Second factor</h1>
<p>Logged in as {{EMAIL}}.</p>
</div>
{{#NOT_ENROLLED}}<div class="notice notice-warn">
<p>Your account has no authenticator app set up yet, so you cannot finish logging in.</p>
<p>Open the enrolment link you were given. If you do not have one (or it has expired), ask another admin, or whoever runs the server, for a new one: <code>bazaar-admin enrol-link {{EMAIL}}</code>.</p>
</div>{{/NOT_ENROLLED}}
{{#ENROLLED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="/admin/2fa" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field">
<label for="code">Code from your authenticator app</label>
<p class="hint" id="code-hint">6 digits. Each code works once; if it was just used, wait for the next one.</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="" inputmode="numeric" pattern="[0-9 ]*" maxlength="7" required autocomplete="one-time-code" aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">Sign in</button>
</div>
</form>
{{/ENROLLED}}
<form class="inline-form" action="/admin/logout" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link-button">Cancel and log out</button>
</form>
</div>

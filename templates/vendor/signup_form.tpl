{{%AUTOESCAPE context="HTML"}}
<div class="page vendor-signup">
<div class="page-head">
<h1>Sell on Bazaar</h1>
<p class="lead">Open your own shop next to other independent shops, with your products in front of every shopper.</p>
</div>
{{#SIGNED_IN}}<div class="notice">
<p>You are logged in as {{EMAIL}}. A shop needs a separate business account, with its own email address and password: your shopping account stays as it is.</p>
<p>Log out first, then come back to this page to create the business account.</p>
<form action="/logout" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">Log out</button>
</form>
<p><a href="/">Back to shopping</a></p>
</div>{{/SIGNED_IN}}
{{#FORM}}
<p>We check every business before its shop opens; this usually takes two working days. You can use your vendor portal straight away. Already selling here? <a href="/login?next=/vendor/">Log in</a>.</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form form-wide" action="/vendor/signup" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>You</legend>
<p class="hint">You log in to the vendor portal with these.</p>
<div class="field">
<label for="name">Your name</label>
{{#NAME_ERROR}}<p class="field-error" id="name-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NAME_ERROR}}
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="100" required autocomplete="name"{{#NAME_ERROR}} aria-describedby="name-error" aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field">
<label for="email">Email address</label>
<p class="hint" id="email-hint">We send a link to this address to confirm it. It must not already belong to a shopper's account.</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/EMAIL_ERROR}}
{{#EMAIL_TAKEN}}<p class="hint"><a href="/login?next=/vendor/">Log in</a> or <a href="/reset">reset your password</a>.</p>{{/EMAIL_TAKEN}}
<input type="email" id="email" name="email" value="{{EMAIL}}" maxlength="254" required autocomplete="email" spellcheck="false" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>
<div class="field">
<label for="password">Password</label>
<p class="hint" id="password-hint">At least {{PASSWORD_MIN}} characters. A few unrelated words make a strong password that is easy to remember.</p>
{{#PASSWORD_ERROR}}<p class="field-error" id="password-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input type="password" id="password" name="password" value="" minlength="{{PASSWORD_MIN}}" maxlength="128" required autocomplete="new-password" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
</fieldset>
{{>FIELDS}}
<div class="actions">
<button type="submit" class="button">Create my vendor account</button>
</div>
</form>
{{/FORM}}
</div>

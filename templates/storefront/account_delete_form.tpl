{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Delete your account</h1>
</div>
{{#REFUSED_VENDOR}}<div class="notice" role="status">
<p>This account runs a shop. To close a shop, contact the marketplace at <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a>: open orders, payouts and invoices have to be settled first.</p>
</div>{{/REFUSED_VENDOR}}
{{#REFUSED_ADMIN}}<div class="notice" role="status">
<p>Administrator accounts are closed by another administrator, not from this page.</p>
</div>{{/REFUSED_ADMIN}}
{{#FORM}}<p>Deleting your account:</p>
<ul>
<li>erases your name, email address, phone number, saved addresses, password and our copies of the mail we sent you,</li>
<li>logs you out on every device,</li>
<li>cannot be undone. You can <a href="/account/data.json" download>download your data</a> first.</li>
</ul>
<p>Records the law requires us to keep (for example invoices of past orders) are kept, without your name, for as long as required.</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/account/delete" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="text" name="username" value="{{EMAIL}}" autocomplete="username" hidden>
<div class="field">
<label for="current_password">Your password</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" maxlength="128" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
{{#CURRENT_PASSWORD_ERROR}}<p class="field-error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
</div>
<div class="check">
<input id="confirm" name="confirm" type="checkbox" value="1" required{{#CONFIRM_ERROR}} aria-invalid="true" aria-describedby="confirm-error"{{/CONFIRM_ERROR}}>
<label for="confirm">I understand that my account and its data will be deleted for good.</label>
</div>
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error">{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<div class="actions">
<button class="button button-danger" type="submit">Delete my account</button>
<a href="/account">Cancel</a>
</div>
</form>{{/FORM}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
{{#CONFIRM}}<div class="page-head">
<h1>Confirm your new email address</h1>
<p>Make <strong>{{NEW_EMAIL}}</strong> the address of your {{SITE_NAME}} account. You will log in with it from now on.</p>
</div>
<form class="form" method="post" action="/account/email/confirm">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="actions">
<button class="button" type="submit">Use this address</button>
</div>
</form>{{/CONFIRM}}
{{#INVALID}}<div class="page-head">
<h1>This link is no longer valid</h1>
<p>The link has been used already, has expired (links work for 24 hours), was replaced by a newer one or was not copied completely. Your email address has not been changed.</p>
</div>
{{#LOGGED_IN}}<p><a class="button" href="/account/email">Ask again</a></p>{{/LOGGED_IN}}
{{#GUEST}}<p><a class="button" href="/login?next=/account/email">Log in</a> to ask again.</p>{{/GUEST}}{{/INVALID}}
{{#TAKEN}}<div class="page-head">
<h1>This address cannot be used</h1>
<p>This address already has an account — log in or reset your password. Your email address has not been changed.</p>
</div>
<p><a href="/login">Log in</a> · <a href="/reset">Reset your password</a></p>{{/TAKEN}}
</div>

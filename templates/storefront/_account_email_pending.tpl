{{%AUTOESCAPE context="HTML"}}
{{! The address change waiting for its link (sf_account_email_pending):
    NEW_EMAIL, CURRENT_EMAIL, LEFT ("5 hours") and CSRF. }}
<div class="notice notice-warn" role="status">
<p><strong>A change of your email address is waiting.</strong> Open the link we sent to <strong>{{NEW_EMAIL}}</strong> to make it the address of your account (the link works for {{LEFT}} more). Until then your address stays {{CURRENT_EMAIL}}.</p>
<form class="inline-form" method="post" action="/account/email/resend">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="link-button" type="submit">Send the link again</button>
</form>
<form class="inline-form" method="post" action="/account/email/cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="link-button" type="submit">Cancel the change</button>
</form>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Stop these mails</h1>
</div>
{{#ASK}}<p>Stop mails about <strong>{{LABEL}}</strong>? They stay listed in your notifications.</p>
<form class="form" method="post" action="{{ACTION}}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<div class="actions">
<button class="button" type="submit">Stop mails about {{LABEL}}</button>
</div>
</form>{{/ASK}}
{{#DONE}}<p role="status">Done: you will get no more mails about <strong>{{LABEL}}</strong>.</p>{{/DONE}}
<p>To choose which mails you get, see {{#SHOPPER}}<a href="/account/notifications">your notifications</a>{{/SHOPPER}}{{#VENDOR}}<a href="/vendor/notifications">your shop's notifications</a>{{/VENDOR}} (after logging in).</p>
</div>

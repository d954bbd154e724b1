{{%AUTOESCAPE context="HTML"}}
{{! The notification centre, the same for shoppers (/account/notifications)
    and vendors (/vendor/notifications): PATH is the centre's own path.
    Filled by notify_centre_fill (cgi/lib/notify.c). }}
<section class="section" aria-labelledby="notes-title">
<h2 id="notes-title">What happened{{#HAS_UNREAD}} <span class="status-badge">{{UNREAD}} unread</span>{{/HAS_UNREAD}}</h2>
{{#NONE}}<p>Nothing yet. When an order ships, a message arrives or a saved product gets cheaper, it is listed here.</p>{{/NONE}}
{{#HAS_UNREAD}}<form class="inline-form" method="post" action="{{PATH}}/read-all">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-plain button-small" type="submit">Mark all as read</button>
</form>{{/HAS_UNREAD}}
<p class="muted">{{RESULT_TEXT}}</p>
<ul class="link-list notifications">
{{#NOTE}}<li class="{{#UNREAD}}unread{{/UNREAD}}{{#READ}}read{{/READ}}">
<form class="inline-form" method="post" action="{{PATH}}/{{ID}}/open">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#UNREAD}}<span class="status-badge">new</span> {{/UNREAD}}<span class="muted">{{KIND}} · {{WHEN}}</span>
<button class="link-button" type="submit">{{TEXT}}</button>
</form>
</li>
{{/NOTE}}</ul>
{{>PAGINATION}}
</section>
<section class="section" aria-labelledby="mail-title">
<h2 id="mail-title">Which ones also come by mail</h2>
<form class="form" method="post" action="{{PATH}}/settings" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>Send me a mail about</legend>
{{#KIND_CHOICE}}<label class="check"><input type="checkbox" name="mail" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/KIND_CHOICE}}</fieldset>
<p class="hint">Every such mail also has a link that stops mails of its kind with one click.</p>
<div class="actions">
<button class="button" type="submit">Save mail choices</button>
</div>
</form>
</section>

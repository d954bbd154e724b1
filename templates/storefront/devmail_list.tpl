{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Outgoing mail</h1>
<p>This development site sends no mail: the mailer writes each message into <code>{{DIR}}</code>. Newest first.</p>
</div>
{{#UNREADABLE}}<p class="empty">The mail directory cannot be read: {{REASON}}.</p>{{/UNREADABLE}}
{{#NO_MAIL}}<p class="empty">No mail yet. Sign up or ask for a password reset, and the message appears here within a second or two.</p>{{/NO_MAIL}}
{{#HAS_MAIL}}<p class="result-count">{{COUNT}} {{NOUN}}{{#TRUNCATED}}, the newest {{SHOWN}} shown{{/TRUNCATED}}</p>
<ol class="devmail-list">
{{#MAIL}}<li><a href="{{URL}}">{{SUBJECT}}</a><br><span class="muted">To {{TO}} · {{DATE}} · #{{ID}}</span></li>
{{/MAIL}}</ol>{{/HAS_MAIL}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Notifications</h1>
<p>What happened in your shop: orders, messages, reviews and tickets.</p>
</div>
{{>CENTRE}}
</div>

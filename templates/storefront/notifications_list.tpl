{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Notifications</h1>
<p>What happened with your orders, messages, reviews, tickets and saved products.</p>
</div>
{{>CENTRE}}
</div>

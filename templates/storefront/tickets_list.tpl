{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Help and support</h1>
<p>Ask the marketplace's support team about an order, a payment or your account. We answer by mail and here.</p>
<p><a class="button" href="/account/tickets/new">Ask a question</a></p>
</div>
{{>TICKETS}}
</div>

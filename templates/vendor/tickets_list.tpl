{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Help and support</h1>
<p>Ask the marketplace's support team about an order, a payment or your shop's account. We answer by mail and here.</p>
<p><a class="button" href="/vendor/tickets/new">Ask a question</a></p>
</div>
{{>TICKETS}}
</div>

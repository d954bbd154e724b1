{{%AUTOESCAPE context="HTML"}}
<div class="page admin">
{{>ADMIN_NAV}}
<div class="page-head">
<h1>Order</h1>
</div>
{{>ORDER}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page invoice-page">
<p class="no-print"><a href="/vendor/orders/{{ID}}">Back to the order</a> · <a href="/vendor/orders/{{ID}}/invoice.pdf">PDF</a></p>
{{>INVOICE}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{! An invoice (cgi/lib/invoice.c): the vendor is the seller. Printable:
    the page's own layout prints without the site's header (site.css). }}
<article class="invoice">
<h1>Invoice {{NUMBER}}</h1>
<p>Date: {{ISSUED_AT}} · Order {{ORDER_NUMBER}} of {{ORDER_DATE}}</p>
<div class="invoice-parties">
<section aria-labelledby="invoice-seller">
<h2 id="invoice-seller">Seller</h2>
<p><strong>{{SELLER_NAME}}</strong><br>
{{#SELLER_ADDRESS_LINE}}{{LINE}}<br>
{{/SELLER_ADDRESS_LINE}}Registration number: {{SELLER_REGISTRATION}}<br>
Tax id: {{SELLER_TAX_ID}}<br>
Shop: {{SHOP}}, sold through {{SITE}}</p>
</section>
<section aria-labelledby="invoice-buyer">
<h2 id="invoice-buyer">Buyer</h2>
<p><strong>{{BUYER_NAME}}</strong><br>
{{#BUYER_LINE}}{{LINE}}<br>
{{/BUYER_LINE}}{{BUYER_EMAIL}}</p>
</section>
</div>
<table class="data-table">
<caption class="visually-hidden">Items</caption>
<thead>
<tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Tax rate</th><th scope="col" class="num">Amount</th></tr>
</thead>
<tbody>
{{#ITEM}}<tr><th scope="row">{{NAME}}{{#HAS_SKU}} ({{SKU}}){{/HAS_SKU}}</th><td class="num">{{QTY}}</td><td class="num">{{UNIT}}</td><td class="num">{{RATE}}</td><td class="num">{{AMOUNT}}</td></tr>
{{/ITEM}}</tbody>
<tfoot>
<tr><th scope="row" colspan="4">Shipping</th><td class="num">{{SHIPPING}}</td></tr>
{{#HAS_DISCOUNT}}<tr><th scope="row" colspan="4">Discount</th><td class="num">-{{DISCOUNT}}</td></tr>{{/HAS_DISCOUNT}}
<tr><th scope="row" colspan="4">Total (tax included)</th><td class="num"><strong>{{TOTAL}}</strong></td></tr>
</tfoot>
</table>
<table class="data-table invoice-tax">
<caption>Tax breakdown</caption>
<thead>
<tr><th scope="col">Rate</th><th scope="col" class="num">Net</th><th scope="col" class="num">Tax</th><th scope="col" class="num">Gross</th></tr>
</thead>
<tbody>
{{#TAX}}<tr><th scope="row">{{RATE}}</th><td class="num">{{NET}}</td><td class="num">{{TAX_AMOUNT}}</td><td class="num">{{GROSS}}</td></tr>
{{/TAX}}</tbody>
<tfoot>
<tr><th scope="row" colspan="2">Total tax</th><td class="num">{{TAX_TOTAL}}</td><td></td></tr>
</tfoot>
</table>
{{#HAS_REFUNDED}}<p>Refunded since: {{REFUNDED}}</p>{{/HAS_REFUNDED}}
</article>

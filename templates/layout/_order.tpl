{{%AUTOESCAPE context="HTML"}}
{{! An order (cgi/lib/orderview.c), the same for the customer, the vendor
    (its own part only) and the admins. INVOICE (with INVOICE_URL and
    INVOICE_PDF_URL) shows on a paid part when the page links invoices;
    CONVERSATION on the customer's own page, to write to the part's shop. }}
<div class="order">
<dl class="order-facts">
<dt>Order</dt><dd>{{NUMBER}}</dd>
<dt>Placed</dt><dd>{{PLACED_AT}} UTC</dd>
<dt>Status</dt><dd><span class="order-status order-status-{{STATUS}}">{{STATUS_LABEL}}</span>{{#PAID}} on {{PAID_AT}} UTC{{/PAID}}</dd>
<dt>Payment</dt><dd>{{PAYMENT_METHOD}}</dd>
{{#SHOW_EMAIL}}<dt>Customer</dt><dd>{{EMAIL}}{{#GUEST}} (guest){{/GUEST}}</dd>{{/SHOW_EMAIL}}
{{#BANK}}<dt>Bank transfer reference</dt><dd>{{BANK_REFERENCE}}</dd>{{/BANK}}
</dl>
{{#ADDRESS}}<section class="section" aria-labelledby="order-address">
<h2 id="order-address">Delivery address</h2>
<address class="order-address">{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#SHIP_HAS_LINE2}}{{SHIP_LINE2}}<br>{{/SHIP_HAS_LINE2}}{{SHIP_POSTCODE}} {{SHIP_CITY}}<br>{{SHIP_COUNTRY}}{{#SHIP_HAS_PHONE}}<br>Phone: {{SHIP_PHONE}}{{/SHIP_HAS_PHONE}}</address>
</section>{{/ADDRESS}}
{{#VENDOR}}<section class="section vendor-order" aria-labelledby="vo-{{VO_ID}}">
<h2 id="vo-{{VO_ID}}">{{SHOP}} <span class="vo-number">{{VO_NUMBER}}</span></h2>
<p class="vo-status">Status: <strong class="order-status order-status-{{VO_STATUS}}" data-vo-status="{{VO_STATUS}}">{{VO_STATUS_LABEL}}</strong>{{#IS_PROCESSING}}, usually sent within {{HANDLING_DAYS}} working days{{/IS_PROCESSING}}</p>
{{#SHIPPED}}<p class="vo-tracking">Sent on {{SHIPPED_AT}} UTC with <strong>{{CARRIER}}</strong>, tracking number <strong class="tracking-number">{{TRACKING}}</strong></p>{{/SHIPPED}}
{{#DELIVERED}}<p>Delivered on {{DELIVERED_AT}} UTC</p>{{/DELIVERED}}
{{#CANCELLED}}<p>Cancelled on {{CANCELLED_AT}} UTC by {{CANCELLED_BY}}: {{CANCEL_REASON}}</p>{{/CANCELLED}}
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Items of {{VO_NUMBER}}</caption>
<thead>
<tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Price</th><th scope="col" class="num">Tax rate</th><th scope="col" class="num">Amount</th></tr>
</thead>
<tbody>
{{#ITEM}}<tr><th scope="row">{{ITEM_NAME}}{{#HAS_SKU}} <span class="sku">({{ITEM_SKU}})</span>{{/HAS_SKU}}</th><td class="num">{{ITEM_QTY}}</td><td class="num">{{ITEM_PRICE}}</td><td class="num">{{ITEM_TAX_RATE}}</td><td class="num">{{ITEM_LINE}}</td></tr>
{{/ITEM}}</tbody>
<tfoot>
<tr><th scope="row" colspan="4">Shipping</th><td class="num">{{VO_SHIPPING}}</td></tr>
{{#VO_HAS_DISCOUNT}}<tr><th scope="row" colspan="4">Discount</th><td class="num">-{{VO_DISCOUNT}}</td></tr>{{/VO_HAS_DISCOUNT}}
<tr><th scope="row" colspan="4">Total (tax included: {{VO_TAX}})</th><td class="num">{{VO_TOTAL}}</td></tr>
{{#VO_HAS_REFUNDED}}<tr><th scope="row" colspan="4">Refunded</th><td class="num">{{VO_REFUNDED}}</td></tr>{{/VO_HAS_REFUNDED}}
{{#VO_CONFIRMING}}<tr class="refund-confirming"><th scope="row" colspan="4">Of which being confirmed with the payment provider</th><td class="num">{{VO_CONFIRMING_AMOUNT}}</td></tr>{{/VO_CONFIRMING}}
</tfoot>
</table>
</div>
{{#CONVERSATION}}<p class="vo-conversation"><a href="/messages/{{CONVERSATION_ID}}">Ask the shop about this order<span class="visually-hidden"> ({{SHOP}}, {{VO_NUMBER}})</span></a>{{#UNREAD}} <strong class="unread-count">{{UNREAD_COUNT}} unread</strong>{{/UNREAD}}</p>{{/CONVERSATION}}
{{#INVOICE}}<p><a href="{{INVOICE_URL}}">Invoice<span class="visually-hidden"> of {{VO_NUMBER}}</span></a> · <a href="{{INVOICE_PDF_URL}}">PDF<span class="visually-hidden"> invoice of {{VO_NUMBER}}</span></a></p>{{/INVOICE}}
</section>
{{/VENDOR}}
{{#TOTALS}}<section class="section" aria-labelledby="order-totals">
<h2 id="order-totals">Totals</h2>
<dl class="order-facts">
<dt>Items</dt><dd>{{ITEMS}}</dd>
<dt>Shipping</dt><dd>{{SHIPPING}}</dd>
{{#HAS_DISCOUNT}}<dt>Discount {{COUPON}}</dt><dd>-{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
<dt>Total</dt><dd><strong>{{TOTAL}}</strong> (tax included: {{TAX}})</dd>
{{#HAS_REFUNDED}}<dt>Refunded</dt><dd>{{REFUNDED}}</dd>{{/HAS_REFUNDED}}
</dl>
</section>{{/TOTALS}}
{{#HAS_HISTORY}}<section class="section" aria-labelledby="order-history">
<h2 id="order-history">History</h2>
<ol class="order-history">
{{#HISTORY}}<li>{{AT}} UTC · {{WHAT}}: {{#HAS_FROM}}{{FROM_LABEL}} → {{/HAS_FROM}}{{TO_LABEL}} ({{WHO}}){{#HAS_NOTE}} · {{NOTE}}{{/HAS_NOTE}}</li>
{{/HISTORY}}</ol>
</section>{{/HAS_HISTORY}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow checkout">
<div class="page-head">
<h1>Order {{NUMBER}}</h1>
{{#PAID}}<p class="order-status" id="order-status">Paid. Thank you: each shop now prepares its part.</p>{{/PAID}}
{{#AWAITING_CARD}}<p class="order-status" id="order-status">Placed, waiting for the payment ({{METHOD}}).</p>
{{#PAY_NOW}}<form class="inline-form" method="post" action="/orders/{{ID}}/payment">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#GUEST_TOKEN}}<input type="hidden" name="token" value="{{TOKEN}}">
{{/GUEST_TOKEN}}<button class="button" type="submit">Pay now</button>
</form>{{/PAY_NOW}}
{{/AWAITING_CARD}}
{{#AWAITING_BANK}}<p class="order-status" id="order-status">Placed, waiting for your bank transfer.</p>{{>BANK_DETAILS}}{{/AWAITING_BANK}}
{{#CLOSED}}<p class="order-status" id="order-status">This order was not paid and is closed.</p>{{/CLOSED}}
<p>We sent the confirmation to <strong>{{EMAIL}}</strong>.{{#GUEST}} Its link confirms the address and opens this order again later.{{/GUEST}}</p>
</div>
{{#VENDOR}}<section class="section" aria-label="{{NUMBER}} from {{NAME}}">
<h2>{{NUMBER}}: from {{NAME}}</h2>
<ul class="checkout-lines">
{{#LINE}}<li>{{NAME}} &times; {{QUANTITY}} <span class="checkout-line-amount">{{LINE}}</span></li>
{{/LINE}}</ul>
<p>Shipping: {{SHIPPING}}. Total: <strong>{{TOTAL}}</strong></p>
</section>
{{/VENDOR}}
<section class="section" aria-labelledby="totals-title">
<h2 id="totals-title">Totals</h2>
<dl class="checkout-sums">
<dt>Items</dt><dd>{{ITEMS}}</dd>
<dt>Shipping</dt><dd>{{SHIPPING}}</dd>
{{#HAS_DISCOUNT}}<dt>Discount</dt><dd>&minus;{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
<dt>Total</dt><dd id="order-total"><strong>{{TOTAL}}</strong></dd>
<dt>Tax included</dt><dd>{{TAX}}</dd>
</dl>
</section>
</div>

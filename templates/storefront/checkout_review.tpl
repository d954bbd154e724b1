{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow checkout">
<div class="page-head">
<h1>Review your order</h1>
<p>Nothing is ordered until you place the order below. <a href="/checkout">Change the address, payment or coupon</a> or <a href="/cart">your cart</a>.</p>
</div>
{{#MESSAGE}}<p class="notice" role="alert">{{TEXT}}</p>{{/MESSAGE}}
{{#VENDOR}}<section class="section checkout-vendor" aria-label="From {{NAME}}">
<h2>From {{NAME}}</h2>
<table class="data-table checkout-table">
<thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th><th scope="col">Amount</th></tr></thead>
<tbody>
{{#LINE}}<tr><td>{{NAME}}{{#SHORT}} <strong class="field-error">{{LEFT}}</strong>{{/SHORT}}{{#UNAVAILABLE}} <strong class="field-error">No longer for sale</strong>{{/UNAVAILABLE}}</td><td>{{QUANTITY}}</td><td>{{UNIT_PRICE}}</td><td>{{LINE}}{{#HAS_DISCOUNT}}<br><span class="muted">&minus;{{DISCOUNT}}</span>{{/HAS_DISCOUNT}}</td></tr>
{{/LINE}}</tbody>
</table>
<dl class="checkout-sums">
<dt>Subtotal</dt><dd class="vendor-items">{{ITEMS}}</dd>
<dt>Shipping</dt><dd class="vendor-shipping">{{SHIPPING}}</dd>
{{#HAS_DISCOUNT}}<dt>Discount</dt><dd class="vendor-discount">&minus;{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
<dt>Total from {{NAME}}</dt><dd class="vendor-total">{{TOTAL}}</dd>
<dt>Tax included</dt><dd>{{TAX}}</dd>
<dt>Delivery</dt><dd>in {{DELIVERY}}</dd>
</dl>
</section>
{{/VENDOR}}
<section class="section" aria-labelledby="totals-title">
<h2 id="totals-title">Your order</h2>
<dl class="checkout-sums">
<dt>Items</dt><dd id="order-items">{{ITEMS}}</dd>
<dt>Shipping</dt><dd id="order-shipping">{{SHIPPING}}</dd>
{{#HAS_DISCOUNT}}<dt>Discount (coupon {{CODE}}, {{WHAT}})</dt><dd id="order-discount">&minus;{{DISCOUNT}}</dd>{{/HAS_DISCOUNT}}
<dt>Total</dt><dd id="order-total" data-minor="{{TOTAL_MINOR}}"><strong>{{TOTAL}}</strong></dd>
<dt>Tax included</dt><dd id="order-tax">{{TAX}}</dd>
<dt>Delivery to</dt><dd><address>{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#SHIP_HAS_LINE2}}{{SHIP_LINE2}}<br>{{/SHIP_HAS_LINE2}}{{SHIP_POSTCODE}} {{SHIP_CITY}}<br>{{SHIP_COUNTRY}}</address></dd>
<dt>Mails to</dt><dd>{{EMAIL}}</dd>
<dt>Payment</dt><dd>{{METHOD}}</dd>
</dl>
</section>
{{#PROBLEM}}<p class="notice" role="alert">{{TEXT}} <a href="/cart">Go to your cart</a>.</p>{{/PROBLEM}}
{{#PLACE}}<form class="form" method="post" action="/checkout/place">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="key" value="{{KEY}}">
<input type="hidden" name="quote" value="{{QUOTE}}">
{{#CARRY}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/CARRY}}<div class="actions">
<button class="button" type="submit">Place the order and pay {{TOTAL}}</button>
</div>
</form>{{/PLACE}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page cart">
<div class="page-head">
<h1>Your cart</h1>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>{{#ERROR_SUMMARY}}<li>{{MESSAGE}}</li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#EMPTY}}<p class="empty">Your cart is empty. <a href="/">Find something you like</a>.</p>{{/EMPTY}}
{{#VENDOR}}<section class="section cart-vendor" aria-labelledby="cart-vendor-{{VENDOR_ID}}">
<h2 id="cart-vendor-{{VENDOR_ID}}">From <a href="{{VENDOR_URL}}">{{VENDOR_NAME}}</a></h2>
<ul class="cart-lines">
{{#LINE}}<li class="cart-line" id="line-{{LINE_ID}}">
<div class="cart-line-name">{{#LINK}}<a href="{{URL}}">{{NAME}}</a>{{/LINK}}{{#NO_LINK}}{{NAME}}{{/NO_LINK}}
<span class="cart-line-price">{{PRICE}} each</span></div>
{{#WARN_PRICE}}<p class="cart-warning">The price changed from {{PRICE_ADDED}} to {{PRICE}} since you added it.</p>{{/WARN_PRICE}}
{{#WARN_SOLD_OUT}}<p class="cart-warning">Sold out since you added it: it cannot be bought now.</p>{{/WARN_SOLD_OUT}}
{{#WARN_SHORT}}<p class="cart-warning">Only {{STOCK}} left, fewer than you want: lower the quantity to buy it.</p>{{/WARN_SHORT}}
{{#WARN_GONE}}<p class="cart-warning">No longer sold: it cannot be bought.</p>{{/WARN_GONE}}
<div class="cart-line-actions">
{{#CAN_CHANGE}}<form class="inline-form" method="post" action="/cart/items/{{LINE_ID}}/quantity" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="qty-{{LINE_ID}}">Quantity<span class="visually-hidden"> of {{NAME}}</span></label>
<input id="qty-{{LINE_ID}}" name="qty" type="number" value="{{QUANTITY}}" min="1" max="99" inputmode="numeric">
<button type="submit">Update<span class="visually-hidden"> the quantity of {{NAME}}</span></button>
</form>{{/CAN_CHANGE}}
<form class="inline-form" method="post" action="/cart/items/{{LINE_ID}}/save"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Save for later<span class="visually-hidden">: {{NAME}}</span></button></form>
<form class="inline-form" method="post" action="/cart/items/{{LINE_ID}}/remove"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Remove<span class="visually-hidden"> {{NAME}}</span></button></form>
</div>
<p class="cart-line-total"><span class="visually-hidden">Line total: </span>{{LINE_TOTAL}}</p>
</li>
{{/LINE}}</ul>
<p class="cart-subtotal">Subtotal from {{VENDOR_NAME}}: <strong>{{SUBTOTAL}}</strong></p>
</section>
{{/VENDOR}}
{{#HAS_LINES}}<div class="cart-summary">
<p class="cart-total">Total for {{UNITS}} {{#ONE}}item{{/ONE}}{{#MANY}}items{{/MANY}}: <strong>{{TOTAL}}</strong></p>
<p>Shipping and tax are worked out at checkout, per shop.</p>
<p><a class="button" href="/checkout">Check out</a></p>
</div>{{/HAS_LINES}}
{{#HAS_GOES_WELL}}<section class="section recs" aria-labelledby="cart-goes-well">
<h2 id="cart-goes-well">{{#RULED}}Goes well with what's in your cart{{/RULED}}{{#BEST_SELLERS}}Best sellers{{/BEST_SELLERS}}</h2>
<ul class="grid">
{{#GOES_WELL}}<li>{{>CARD}}</li>
{{/GOES_WELL}}</ul>
</section>{{/HAS_GOES_WELL}}
{{#HAS_SAVED}}<section class="section cart-saved" aria-labelledby="cart-saved-title">
<h2 id="cart-saved-title">Saved for later</h2>
<ul class="cart-lines">
{{#SAVED}}<li class="cart-line" id="line-{{LINE_ID}}">
<div class="cart-line-name">{{#LINK}}<a href="{{URL}}">{{NAME}}</a>{{/LINK}}{{#NO_LINK}}{{NAME}}{{/NO_LINK}}
<span class="cart-line-price">{{PRICE}} each, {{QUANTITY}} wanted</span></div>
{{#WARN_PRICE}}<p class="cart-warning">The price changed from {{PRICE_ADDED}} to {{PRICE}} since you added it.</p>{{/WARN_PRICE}}
{{#WARN_SOLD_OUT}}<p class="cart-warning">Sold out.</p>{{/WARN_SOLD_OUT}}
{{#WARN_SHORT}}<p class="cart-warning">Only {{STOCK}} left.</p>{{/WARN_SHORT}}
{{#WARN_GONE}}<p class="cart-warning">No longer sold.</p>{{/WARN_GONE}}
<div class="cart-line-actions">
<form class="inline-form" method="post" action="/cart/items/{{LINE_ID}}/move"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Move to cart<span class="visually-hidden">: {{NAME}}</span></button></form>
<form class="inline-form" method="post" action="/cart/items/{{LINE_ID}}/remove"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Remove<span class="visually-hidden"> {{NAME}}</span></button></form>
</div>
</li>
{{/SAVED}}</ul>
</section>{{/HAS_SAVED}}
{{! Recently viewed (sf_personal.c fills it in for the visitor). }}
<!--# if expr="$bz_rv" --><!--# include virtual="/_bazaar/recent" --><!--# endif -->
</div>

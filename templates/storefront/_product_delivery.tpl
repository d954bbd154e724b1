{{%AUTOESCAPE context="HTML"}}
<section class="delivery" aria-labelledby="product-delivery">
<h2 id="product-delivery">Delivery and returns</h2>
{{#SHIPS}}<p id="delivery-cost">Delivery to {{COUNTRY}}: <strong>{{COST}}</strong>{{#FREE_FROM}}, free on orders from this shop of {{AMOUNT}} or more{{/FREE_FROM}}.</p>
<p id="delivery-window">Arrives {{WINDOW}} after payment.</p>{{/SHIPS}}
{{#NO_SHIP}}<p id="delivery-cost">{{VENDOR}} does not deliver to {{COUNTRY}}.</p>{{/NO_SHIP}}
<p id="delivery-countries">Delivers to {{COUNTRIES}}.</p>
<form class="delivery-country" method="get" action="{{PATH}}">
<label for="delivery-country">Deliver to</label>
<select id="delivery-country" name="country">
{{>OPTIONS}}{{OPTIONS_HTML:none}}</select>{{! OPTIONS_HTML is storefront/_country_options.tpl drawn with its own escaping by sf_product.c, from the fixed list of countries }}
<button type="submit" class="button button-small">Show</button>
</form>
<p id="returns">Returns: {{#RETURNS}}within {{DAYS}} days of delivery.{{/RETURNS}}{{#NO_RETURNS}}this shop takes no returns beyond what the law gives you.{{/NO_RETURNS}}</p>
{{#HAS_POLICY}}<p class="return-policy">{{POLICY:pre_escape}}</p>{{/HAS_POLICY}}
<p id="payment-methods">Pay by {{METHODS}}.</p>
</section>

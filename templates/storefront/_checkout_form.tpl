{{%AUTOESCAPE context="HTML"}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check your order</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section class="section" aria-labelledby="cart-title" id="cart">
<h2 id="cart-title">Your items</h2>
{{#CART_ERROR}}<p class="field-error" id="cart-error">{{MESSAGE}}</p>{{/CART_ERROR}}
<ul class="checkout-lines">
{{#LINE}}<li><span class="checkout-line-name">{{NAME}}</span> <span class="muted">from {{VENDOR}}</span> &times; {{QUANTITY}} <span class="checkout-line-amount">{{LINE}}</span>{{#SHORT}} <strong class="field-error">{{LEFT}}</strong>{{/SHORT}}{{#UNAVAILABLE}} <strong class="field-error">No longer for sale</strong>{{/UNAVAILABLE}}</li>
{{/LINE}}</ul>
<p>Items: <strong>{{ITEMS_TOTAL}}</strong>. Shipping, discount and the total come on the next page. <a href="/cart">Change your cart</a></p>
</section>
<form class="form" method="post" action="/checkout/review" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#GUEST}}<fieldset>
<legend>Contact</legend>
<p class="hint">Have an account? <a href="/login?next=/checkout">Log in</a> to use your saved addresses. Or buy as a guest:</p>
<div class="field">
<label for="email">Email address</label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" required aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
<p class="hint" id="email-hint">The order's mails go there; the first one has a link that confirms the address and opens your order.</p>
{{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
</div>
</fieldset>{{/GUEST}}
{{#USER}}<p>The order's mails go to <strong>{{ACCOUNT_EMAIL}}</strong>.</p>{{/USER}}
<fieldset id="address_id">
<legend>Delivery address</legend>
{{#ADDRESS_ID_ERROR}}<p class="field-error" id="address_id-error">{{MESSAGE}}</p>{{/ADDRESS_ID_ERROR}}
{{#SAVED}}<div class="check">
<input id="address-{{ID}}" name="address_id" type="radio" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}>
<label for="address-{{ID}}"><strong>{{LABEL}}</strong>: {{SUMMARY}}</label>
</div>
{{/SAVED}}
{{#HAS_SAVED}}{{#NEW_ADDRESS}}<div class="check">
<input id="address-new" name="address_id" type="radio" value="0"{{#CHECKED}} checked{{/CHECKED}}>
<label for="address-new">A new address:</label>
</div>{{/NEW_ADDRESS}}{{/HAS_SAVED}}
{{#NO_SAVED}}<input type="hidden" name="address_id" value="0">{{/NO_SAVED}}
<div class="field">
<label for="name">Full name</label>
<input id="name" name="name" type="text" value="{{NAME}}" autocomplete="shipping name" maxlength="100"{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
</div>
<div class="field">
<label for="line1">Street and number</label>
<input id="line1" name="line1" type="text" value="{{LINE1}}" autocomplete="shipping address-line1" maxlength="200"{{#LINE1_ERROR}} aria-invalid="true" aria-describedby="line1-error"{{/LINE1_ERROR}}>
{{#LINE1_ERROR}}<p class="field-error" id="line1-error">{{MESSAGE}}</p>{{/LINE1_ERROR}}
</div>
<div class="field">
<label for="line2">Address line 2 <span class="muted">(optional)</span></label>
<input id="line2" name="line2" type="text" value="{{LINE2}}" autocomplete="shipping address-line2" maxlength="200"{{#LINE2_ERROR}} aria-invalid="true" aria-describedby="line2-error"{{/LINE2_ERROR}}>
{{#LINE2_ERROR}}<p class="field-error" id="line2-error">{{MESSAGE}}</p>{{/LINE2_ERROR}}
</div>
<div class="field">
<label for="city">Town or city</label>
<input id="city" name="city" type="text" value="{{CITY}}" autocomplete="shipping address-level2" maxlength="100"{{#CITY_ERROR}} aria-invalid="true" aria-describedby="city-error"{{/CITY_ERROR}}>
{{#CITY_ERROR}}<p class="field-error" id="city-error">{{MESSAGE}}</p>{{/CITY_ERROR}}
</div>
<div class="field">
<label for="postcode">Postcode</label>
<input id="postcode" name="postcode" type="text" value="{{POSTCODE}}" autocomplete="shipping postal-code" maxlength="20"{{#POSTCODE_ERROR}} aria-invalid="true" aria-describedby="postcode-error"{{/POSTCODE_ERROR}}>
{{#POSTCODE_ERROR}}<p class="field-error" id="postcode-error">{{MESSAGE}}</p>{{/POSTCODE_ERROR}}
</div>
<div class="field">
<label for="country">Country code</label>
<input id="country" name="country" type="text" value="{{COUNTRY}}" autocomplete="shipping country" maxlength="2" pattern="[A-Za-z]{2}" aria-describedby="country-hint{{#COUNTRY_ERROR}} country-error{{/COUNTRY_ERROR}}"{{#COUNTRY_ERROR}} aria-invalid="true"{{/COUNTRY_ERROR}}>
<p class="hint" id="country-hint">Two letters, for example DE, FR or GB.</p>
{{#COUNTRY_ERROR}}<p class="field-error" id="country-error">{{MESSAGE}}</p>{{/COUNTRY_ERROR}}
</div>
<div class="field">
<label for="phone">Phone for the delivery <span class="muted">(optional)</span></label>
<input id="phone" name="phone" type="tel" value="{{PHONE}}" autocomplete="shipping tel" maxlength="30"{{#PHONE_ERROR}} aria-invalid="true" aria-describedby="phone-error"{{/PHONE_ERROR}}>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
{{#CAN_SAVE}}<div class="check">
<input id="save_address" name="save_address" type="checkbox" value="1"{{#SAVE_CHECKED}} checked{{/SAVE_CHECKED}}>
<label for="save_address">Save this new address in my address book</label>
</div>{{/CAN_SAVE}}
</fieldset>
<fieldset id="method">
<legend>Payment</legend>
{{#METHOD_ERROR}}<p class="field-error" id="method-error">{{MESSAGE}}</p>{{/METHOD_ERROR}}
{{#NO_METHOD}}<p class="notice">The shops in your cart accept no payment method in common: buy from them in separate orders.</p>{{/NO_METHOD}}
{{#METHOD}}<div class="check">
<input id="method-{{VALUE}}" name="method" type="radio" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}{{#DISABLED}} disabled aria-describedby="method-{{VALUE}}-why"{{/DISABLED}}>
<label for="method-{{VALUE}}">{{LABEL}}</label>
{{#REFUSED}}<p class="hint" id="method-{{VALUE}}-why">{{WHY}}</p>{{/REFUSED}}
</div>
{{/METHOD}}
</fieldset>
<div class="field">
<label for="coupon">Coupon code <span class="muted">(optional)</span></label>
<input id="coupon" name="coupon" type="text" value="{{COUPON}}" autocomplete="off" maxlength="40"{{#COUPON_ERROR}} aria-invalid="true" aria-describedby="coupon-error"{{/COUPON_ERROR}}>
{{#COUPON_ERROR}}<p class="field-error" id="coupon-error">{{MESSAGE}}</p>{{/COUPON_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Review your order</button>
</div>
</form>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow checkout">
<div class="page-head">
<h1>Checkout</h1>
</div>
{{#EMPTY}}<p class="empty">Your cart is empty. <a href="/">Find something to buy</a>.</p>{{/EMPTY}}
{{#UNVERIFIED}}<p class="notice">Confirm your email address before you buy: follow the link we sent you, or <a href="/verify">enter the code</a>.</p>{{/UNVERIFIED}}
{{>CHECKOUT_FORM}}
</div>

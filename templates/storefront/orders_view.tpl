{{%AUTOESCAPE context="HTML"}}
<div class="page account">
<div class="page-head">
<h1>Your order</h1>
{{#GUEST_VIEW}}<p>You opened this order with the link of its confirmation mail. Keep the mail: the link is your way back here.</p>{{/GUEST_VIEW}}
</div>
{{>ORDER}}
{{#HAS_REVIEW_ITEMS}}<section class="section" aria-labelledby="order-reviews">
<h2 id="order-reviews">Review what you received</h2>
<ul>{{#REVIEW_ITEM}}<li>{{NAME}}: {{#CAN_REVIEW}}<a href="/p/{{PRODUCT_ID}}/review?item={{ITEM_ID}}">Write a review</a>{{/CAN_REVIEW}}{{#REVIEWED}}<a href="/p/{{PRODUCT_ID}}/reviews#review-{{REVIEW_ID}}">Your review</a>{{/REVIEWED}}</li>
{{/REVIEW_ITEM}}</ul>
</section>{{/HAS_REVIEW_ITEMS}}
{{#PAYMENT}}<p><a class="button" href="{{URL}}">Pay for this order</a></p>{{/PAYMENT}}
{{#RETURNS}}<p><a href="{{URL}}">Cancel a part of this order, or return items</a></p>{{/RETURNS}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
{{#LIST}}<div class="page-head">
<h1>{{LIST_NAME}}</h1>
<p>A wishlist someone shared with you.</p>
</div>
{{#EMPTY}}<p class="muted">No products in this list.</p>{{/EMPTY}}
<ul class="link-list wishlist-items">
{{#ITEM}}<li><a href="{{PRODUCT_URL}}">{{PRODUCT}}</a> · {{PRICE}} · {{#IN_STOCK}}in stock{{/IN_STOCK}}{{#SOLD_OUT}}sold out{{/SOLD_OUT}}{{#GONE}}no longer sold{{/GONE}}</li>
{{/ITEM}}</ul>{{/LIST}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Wishlists</h1>
<p>Products you saved. When one gets cheaper or comes back in stock, it shows in your <a href="/account/notifications">notifications</a> (and, if you want, by mail: at most one a day).</p>
</div>
{{#NO_LISTS}}<p>Nothing saved yet: use "Save to wishlist" on a product's page.</p>{{/NO_LISTS}}
{{#LIST}}<section class="section wishlist" aria-labelledby="list-{{LIST_ID}}">
<h2 id="list-{{LIST_ID}}">{{LIST_NAME}}</h2>
{{#SHARED}}<p>Shared, read-only, at <a href="{{SHARE_PATH}}">{{SHARE_PATH}}</a>: anyone with this address can see the list.</p>{{/SHARED}}
{{#EMPTY}}<p class="muted">No products in this list.</p>{{/EMPTY}}
<ul class="link-list wishlist-items">
{{#ITEM}}<li>
<a href="{{PRODUCT_URL}}">{{PRODUCT}}</a> · {{PRICE}} · {{#IN_STOCK}}in stock{{/IN_STOCK}}{{#SOLD_OUT}}sold out{{/SOLD_OUT}}{{#GONE}}no longer sold{{/GONE}}
{{#OWN}}{{#CAN_BUY}}<form class="inline-form" method="post" action="/account/wishlists/{{LIST_ID}}/items/{{PRODUCT_ID}}/cart">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-small" type="submit">Move to cart<span class="visually-hidden">: {{PRODUCT}}</span></button>
</form>{{/CAN_BUY}}
{{#CAN_MOVE}}<form class="inline-form" method="post" action="/account/wishlists/{{LIST_ID}}/items/{{PRODUCT_ID}}/move" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label class="visually-hidden" for="to-{{LIST_ID}}-{{PRODUCT_ID}}">Move {{PRODUCT}} to</label>
<select id="to-{{LIST_ID}}-{{PRODUCT_ID}}" name="to">{{#OTHER_LIST}}<option value="{{TO_ID}}">{{TO_NAME}}</option>{{/OTHER_LIST}}</select>
<button class="button button-plain button-small" type="submit">Move to list</button>
</form>{{/CAN_MOVE}}
<form class="inline-form" method="post" action="/account/wishlists/{{LIST_ID}}/items/{{PRODUCT_ID}}/remove">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-plain button-small" type="submit">Remove<span class="visually-hidden"> {{PRODUCT}}</span></button>
</form>{{/OWN}}
</li>
{{/ITEM}}</ul>
<form class="inline-form" method="post" action="/account/wishlists/{{LIST_ID}}/share">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#PRIVATE}}<input type="hidden" name="share" value="on">
<button class="button button-plain button-small" type="submit">Share this list</button>{{/PRIVATE}}
{{#SHARED}}<input type="hidden" name="share" value="off">
<button class="button button-plain button-small" type="submit">Stop sharing</button>{{/SHARED}}
</form>
<form class="inline-form" method="post" action="/account/wishlists/{{LIST_ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-plain button-small" type="submit">Delete the list {{LIST_NAME}}</button>
</form>
</section>
{{/LIST}}
<section class="section" aria-labelledby="new-list">
<h2 id="new-list">A new list</h2>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h3 id="error-summary-title">Please check the form</h3>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/account/wishlists" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="name">Name</label>
<input id="name" name="name" type="text" value="{{NAME}}" maxlength="100" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Make the list</button>
</div>
</form>
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
{{#BANNER}}{{#PICTURE}}<div class="vendor-banner"><picture><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="" width="{{WIDTH}}" height="{{HEIGHT}}"></picture></div>{{/PICTURE}}{{/BANNER}}
<div class="vendor-head">
{{#LOGO}}{{#PICTURE}}<picture class="vendor-logo"><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="{{NAME}} logo" width="{{WIDTH}}" height="{{HEIGHT}}"></picture>{{/PICTURE}}{{/LOGO}}
<h1>{{NAME}}</h1>
<p class="muted">Selling on {{SITE_NAME}} since {{SINCE}}</p>
{{#STANDING}}<dl class="facts vendor-standing">
{{#RATED}}<dt>Rating</dt><dd class="rating">{{AVERAGE}} out of 5 from {{COUNT}} of its products</dd>{{/RATED}}
{{#SHIPPING}}<dt>Shipped on time</dt><dd>{{PERCENT}}% of {{ORDERS}}</dd>{{/SHIPPING}}
{{#CANCELS}}<dt>Cancelled by the shop</dt><dd>{{PERCENT}}% of {{ORDERS}}</dd>{{/CANCELS}}
</dl>{{/STANDING}}
<div class="description">
{{>DESCRIPTION}}
</div>
</div>
<section aria-labelledby="vendor-products">
<div class="result-bar">
<h2 id="vendor-products">Products from {{NAME}}</h2>
<p class="result-count">{{RESULT_TEXT}}</p>
</div>
{{#HAS_PRODUCTS}}<ul class="grid">
{{#PRODUCT}}<li>{{>CARD}}</li>
{{/PRODUCT}}</ul>
{{>PAGINATION}}{{/HAS_PRODUCTS}}
{{#NO_PRODUCTS}}<p class="empty">This shop has nothing listed right now.</p>{{/NO_PRODUCTS}}
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
{{#BANNER}}{{#PICTURE}}<div class="vendor-banner"><picture><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="" width="{{WIDTH}}" height="{{HEIGHT}}"></picture></div>{{/PICTURE}}{{/BANNER}}
<div class="vendor-head">
{{#LOGO}}{{#PICTURE}}<picture class="vendor-logo"><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="{{NAME}} logo" width="{{WIDTH}}" height="{{HEIGHT}}"></picture>{{/PICTURE}}{{/LOGO}}
<h1>{{NAME}}</h1>
<p class="muted">Selling on {{SITE_NAME}} since {{SINCE}}</p>
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

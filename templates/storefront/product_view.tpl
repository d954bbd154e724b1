{{%AUTOESCAPE context="HTML"}}
<div class="page">
<article class="product" aria-labelledby="product-name" data-recent-id="{{RECENT_ID}}">
<div class="gallery">
<figure class="main-image">
{{#PICTURE}}<picture><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}"></picture>{{/PICTURE}}{{#PLAIN_IMAGE}}<img src="{{IMAGE}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}">{{/PLAIN_IMAGE}}
</figure>
{{#HAS_THUMBS}}<ul class="thumbs" aria-label="More pictures">
{{#THUMB}}<li><a href="{{FULL}}">{{#PICTURE}}<picture><source type="image/webp" srcset="{{WEBP_SRCSET}}" sizes="{{SIZES}}"><img src="{{IMAGE}}" srcset="{{JPEG_SRCSET}}" sizes="{{SIZES}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}" loading="lazy"></picture>{{/PICTURE}}{{#PLAIN_IMAGE}}<img src="{{IMAGE}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}" loading="lazy">{{/PLAIN_IMAGE}}</a></li>
{{/THUMB}}</ul>{{/HAS_THUMBS}}
</div>
<div class="buy-box">
<h1 id="product-name">{{NAME}}</h1>
<p class="sold-by">Sold by <a href="{{VENDOR_URL}}">{{VENDOR}}</a></p>
<p class="price"><span class="visually-hidden">Price: </span>{{PRICE}}{{#WAS}} <s class="was"><span class="visually-hidden">was </span>{{WAS_PRICE}}</s> <span class="save">Save {{SAVE_PERCENT}}%</span> <span class="sale-badge">Sale</span>{{/WAS}}</p>
<p class="stock {{STOCK_CLASS}}">{{STOCK_LABEL}}</p>
{{#CAN_BUY}}<form class="add-to-cart" method="post" action="/cart/add" novalidate>
<input type="hidden" name="product" value="{{PRODUCT_ID}}">
<label for="add-qty">Quantity</label>
<input id="add-qty" name="qty" type="number" value="1" min="1" max="{{QTY_MAX}}" inputmode="numeric">
<button class="button" type="submit">Add to cart</button>
</form>{{/CAN_BUY}}
{{#CAN_SAVE}}<form class="save-product" method="post" action="/wishlist/save">
<input type="hidden" name="product" value="{{PRODUCT_ID}}">
<button class="button button-plain" type="submit">Save to wishlist</button>
</form>{{/CAN_SAVE}}
{{#SIMILAR_LOOKING}}<p class="similar-looking"><a href="/p/{{PRODUCT_ID}}/similar">Similar looking</a> products</p>{{/SIMILAR_LOOKING}}
<dl class="facts">
<dt>Category</dt><dd><a href="{{CATEGORY_URL}}">{{CATEGORY}}</a></dd>
<dt>Shop</dt><dd><a href="{{VENDOR_URL}}">{{VENDOR}}</a></dd>
</dl>
{{>DELIVERY}}
</div>
</article>
<section class="section description" aria-labelledby="product-about">
<h2 id="product-about">About this product</h2>
{{>DESCRIPTION}}
</section>
{{>REVIEWS}}
{{#HAS_BOUGHT_TOGETHER}}<section class="section recs" aria-labelledby="product-bought-together">
<h2 id="product-bought-together">{{#RULED}}Frequently bought together{{/RULED}}{{#BEST_SELLERS}}Best sellers{{/BEST_SELLERS}}</h2>
<ul class="grid">
{{#BOUGHT_TOGETHER}}<li>{{>CARD}}{{CARD_HTML:none}}{{! CARD_HTML is storefront/_product_card.tpl drawn with its own escaping by sf_product.c, from catalogue rows only }}</li>
{{/BOUGHT_TOGETHER}}</ul>
</section>{{/HAS_BOUGHT_TOGETHER}}
{{#HAS_RELATED}}<section class="section" aria-labelledby="product-related">
<h2 id="product-related">More in {{RELATED_IN}}</h2>
<ul class="grid">
{{#RELATED}}<li>{{>CARD}}{{CARD_HTML:none}}{{! CARD_HTML is storefront/_product_card.tpl drawn with its own escaping by sf_product.c, from catalogue rows only }}</li>
{{/RELATED}}</ul>
</section>{{/HAS_RELATED}}
{{! Recently viewed (sf_personal.c): nginx's SSI, or the storefront, puts
    the visitor's strip here; static/js/recent.js remembers this product,
    and without JavaScript the image does (GET /recent/add/{id}: never
    fetched where scripts run). }}
<!--# if expr="$bz_rv" --><!--# include virtual="/_bazaar/recent" --><!--# endif -->
<script src="{{ASSET_JS_RECENT_JS}}" defer></script>
<noscript><img src="/recent/add/{{RECENT_ID}}" alt="" width="1" height="1" hidden></noscript>
</div>
{{#STRUCTURED_DATA}}<script type="application/ld+json">{{JSON_LD:none}}</script>{{/STRUCTURED_DATA}}{{! JSON_LD is schema.org data written by sf_seo.c with json_to_buf, which writes every <, > and & as a \u escape: no value in it can close the script element }}

{{%AUTOESCAPE context="HTML"}}
<article class="card">
<a class="card-link" href="{{URL}}">
{{#PICTURE}}<picture><source type="image/webp" srcset="{{WEBP_SRCSET}}"><img src="{{IMAGE}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}" loading="lazy"></picture>{{/PICTURE}}{{#PLAIN_IMAGE}}<img src="{{IMAGE}}" alt="{{ALT}}" width="{{WIDTH}}" height="{{HEIGHT}}" loading="lazy">{{/PLAIN_IMAGE}}
<h3 class="card-title">{{NAME}}</h3>
</a>
<div class="card-body">
{{#SPONSORED}}<p class="sponsored-tag">Sponsored</p>
{{/SPONSORED}}<p class="vendor">Sold by {{VENDOR}}</p>{{#SPONSORED}}{{#BEACON}}<img class="beacon" src="/_i?p={{PROMOTION}}" alt="" width="1" height="1">
<p class="why"><a href="{{WHY_URL}}">Why am I seeing this<span class="visually-hidden"> Sponsored product, {{NAME}}</span>?</a></p>{{/BEACON}}{{/SPONSORED}}
<p class="price"><span class="visually-hidden">Price: </span>{{PRICE}}{{#WAS}} <s class="was"><span class="visually-hidden">was </span>{{WAS_PRICE}}</s> <span class="sale-badge">Sale</span>{{/WAS}}</p>
<p class="stock {{STOCK_CLASS}}">{{STOCK_LABEL}}</p>
</div>
</article>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>{{NAME}}</h1>
{{#HAS_DESCRIPTION}}<p>{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
</div>
{{#HAS_SUBCATS}}<nav class="subcats" aria-label="{{SUBCATS_LABEL}}">
<ul>
{{#SUBCAT}}<li><a href="{{URL}}" aria-current="{{CURRENT}}">{{NAME}}</a></li>
{{/SUBCAT}}</ul>
</nav>{{/HAS_SUBCATS}}
{{! The Sponsored section between its markers is drawn again for a shopper
    with interests (sf_personal.c); the first marker names the promotions
    the page shows everybody. }}
<!--bz:sponsored category{{#SPONSORED_PRODUCT}} {{PROMOTION_ID}}{{/SPONSORED_PRODUCT}}-->{{#HAS_SPONSORED}}<section class="section sponsored" aria-labelledby="cat-sponsored">
<div class="section-head"><h2 id="cat-sponsored">Sponsored</h2><p class="muted">Paid placements</p></div>
<ul class="grid">
{{#SPONSORED_PRODUCT}}<li>{{>CARD}}</li>
{{/SPONSORED_PRODUCT}}</ul>
</section>{{/HAS_SPONSORED}}<!--/bz:sponsored-->
<div class="listing with-filters">
{{>FILTERS}}
<section aria-labelledby="cat-results">
<div class="result-bar">
<h2 id="cat-results" class="visually-hidden">Products</h2>
<p class="result-count" role="status">{{RESULT_TEXT}}</p>
</div>
{{#HAS_PRODUCTS}}<ul class="grid">
{{#PRODUCT}}<li>{{>CARD}}</li>
{{/PRODUCT}}</ul>
{{>PAGINATION}}{{/HAS_PRODUCTS}}
{{#NO_PRODUCTS}}<div class="empty">
{{#EMPTY_CATEGORY}}<p><strong>There are no products in this category yet.</strong></p>
<p>Have a look around <a href="/">the home page</a> in the meantime.</p>
{{/EMPTY_CATEGORY}}{{#NO_MATCH}}<p><strong>No products match these filters.</strong></p>
<ul>
{{#PRICE_HINT}}<li><a href="{{URL}}">Remove the price limits</a></li>
{{/PRICE_HINT}}{{#STOCK_HINT}}<li><a href="{{URL}}">Include sold-out items</a></li>
{{/STOCK_HINT}}{{#CLEAR_ALL}}<li><a href="{{URL}}">Clear all filters</a></li>
{{/CLEAR_ALL}}</ul>{{/NO_MATCH}}
</div>{{/NO_PRODUCTS}}
</section>
</div>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
{{#PROMPT}}<h1>Search</h1>
<p class="lead">What are you looking for?</p>
<form class="error-search" action="/search" method="get" role="search" aria-label="Search the catalogue">
<label class="visually-hidden" for="search-page-q">Search products</label>
<input id="search-page-q" type="search" name="q" maxlength="100" placeholder="For example: linen shirt">
<button class="button" type="submit">Search</button>
</form>
{{/PROMPT}}
{{#HAS_QUERY}}<h1>Results for “{{Q_SHOWN}}”</h1>{{/HAS_QUERY}}
</div>
{{#PROMPT}}{{#HAS_CATEGORIES}}<section class="section" aria-labelledby="search-browse">
<h2 id="search-browse">Or browse a category</h2>
<ul class="cat-cards">
{{#CATEGORY}}<li><a class="cat-card" href="{{URL}}"><strong>{{NAME}}</strong></a></li>
{{/CATEGORY}}</ul>
</section>{{/HAS_CATEGORIES}}{{/PROMPT}}
{{! As on category pages: drawn again between the markers for a shopper
    with interests (sf_personal.c). }}
{{#HAS_QUERY}}<!--bz:sponsored search{{#SPONSORED_PRODUCT}} {{PROMOTION_ID}}{{/SPONSORED_PRODUCT}}-->{{/HAS_QUERY}}{{#HAS_SPONSORED}}<section class="section sponsored" aria-labelledby="search-sponsored">
<div class="section-head"><h2 id="search-sponsored">Sponsored</h2><p class="muted">Paid placements among your results</p></div>
<ul class="grid">
{{#SPONSORED_PRODUCT}}<li>{{>CARD}}</li>
{{/SPONSORED_PRODUCT}}</ul>
</section>{{/HAS_SPONSORED}}{{#HAS_QUERY}}<!--/bz:sponsored-->{{/HAS_QUERY}}
{{#HAS_QUERY}}<div class="listing with-filters">
<div class="listing-side">
{{>FILTERS}}
{{>FACETS}}
</div>
<section aria-labelledby="search-results">
<div class="result-bar">
<h2 id="search-results" class="visually-hidden">Matching products</h2>
<p class="result-count" role="status">{{RESULT_TEXT}}</p>
</div>
{{#CORRECTED}}<p class="did-you-mean">Showing the results for <strong>{{CORRECTED_TEXT}}</strong> instead of “{{ASKED}}”.</p>{{/CORRECTED}}
{{#DID_YOU_MEAN}}<p class="did-you-mean">Did you mean <a href="{{CORRECTED_URL}}"><strong>{{CORRECTED_TEXT}}</strong></a>?</p>{{/DID_YOU_MEAN}}
{{>CHIPS}}
{{#HAS_PRODUCTS}}<ul class="grid">
{{#PRODUCT}}<li>{{>CARD}}</li>
{{/PRODUCT}}</ul>
{{>PAGINATION}}{{/HAS_PRODUCTS}}
{{#NO_PRODUCTS}}<div class="empty">
<p><strong>Nothing matched “{{Q_SHOWN}}”{{#FILTERED}} with these filters{{/FILTERED}}.</strong></p>
<ul>
<li>Check the spelling, or try fewer or more general words.</li>
<li>Words need at least three letters; the end of a word may be left off (“shi” finds “shirt”).</li>
{{#FILTERED}}<li><a href="{{UNFILTERED_URL}}">Search again without filters</a>.</li>{{/FILTERED}}
</ul>
{{#HAS_CATEGORIES}}<p>Or browse a category:</p>
<ul>
{{#CATEGORY}}<li><a href="{{URL}}">{{NAME}}</a></li>
{{/CATEGORY}}</ul>{{/HAS_CATEGORIES}}
</div>{{/NO_PRODUCTS}}
</section>
</div>{{/HAS_QUERY}}
</div>

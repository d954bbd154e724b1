{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Similar looking to {{NAME}}</h1>
<p class="lead"><a href="{{PRODUCT_URL}}">Back to {{NAME}}</a> · <a href="/search/image">Search with a picture of your own</a></p>
</div>
{{#NOT_YET}}<p class="empty">The pictures of this product have not been compared with the others yet. Try again in a minute.</p>{{/NOT_YET}}
{{#HAS_PRODUCTS}}<section class="section" aria-labelledby="similar-results">
<h2 id="similar-results" class="visually-hidden">Products whose pictures look like it</h2>
<ul class="grid">
{{#PRODUCT}}<li>{{>CARD}}</li>
{{/PRODUCT}}</ul>
</section>{{/HAS_PRODUCTS}}
{{#NO_PRODUCTS}}<p class="empty">No other product looks like it yet.</p>{{/NO_PRODUCTS}}
</div>

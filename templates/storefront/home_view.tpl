{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Shop independent sellers in one place</h1>
<p class="lead">Independent shops, each checked by us before it opens. Browse and search all their products here.</p>
</div>
{{#HAS_CATEGORIES}}<section class="section" aria-labelledby="home-cats">
<h2 id="home-cats">Shop by category</h2>
<ul class="cat-cards">
{{#CATEGORY}}<li><a class="cat-card" href="{{URL}}"><strong>{{NAME}}</strong>{{#HAS_SUBS}}<span>{{SUBS}}</span>{{/HAS_SUBS}}</a></li>
{{/CATEGORY}}</ul>
</section>{{/HAS_CATEGORIES}}
{{! The shopper's own parts (sf_personal.c): the program replaces these
    markers (and the Sponsored section between its two, whose first names
    the page and the promotions shown) for a visitor with recently viewed
    products or a session; for anyone else they are HTML comments. }}
<!--# if expr="$bz_rv" --><!--# include virtual="/_bazaar/recent" --><!--# endif -->
<!--bz:for-you-->
<!--bz:sponsored home{{#SPONSORED_PRODUCT}} {{PROMOTION_ID}}{{/SPONSORED_PRODUCT}}-->{{#HAS_SPONSORED}}<section class="section sponsored" aria-labelledby="home-sponsored">
<div class="section-head"><h2 id="home-sponsored">Sponsored</h2><p class="muted">Paid placements by sellers on {{SITE_NAME}}</p></div>
<ul class="grid">
{{#SPONSORED_PRODUCT}}<li>{{>CARD}}</li>
{{/SPONSORED_PRODUCT}}</ul>
</section>{{/HAS_SPONSORED}}<!--/bz:sponsored-->
<section class="section" aria-labelledby="home-new">
<h2 id="home-new">New arrivals</h2>
{{#HAS_NEW}}<ul class="grid">
{{#NEW_PRODUCT}}<li>{{>CARD}}</li>
{{/NEW_PRODUCT}}</ul>{{/HAS_NEW}}
{{#NO_NEW}}<p class="empty">No products yet — come back soon.</p>{{/NO_NEW}}
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
{{! The home page's Sponsored section drawn for a logged-in shopper who lets
    the shop personalise (sf_personal.c): the promotions in their interests
    first, each card's "why" link saying which. }}
<section class="section sponsored" aria-labelledby="home-sponsored">
<div class="section-head"><h2 id="home-sponsored">Sponsored</h2><p class="muted">Paid placements, chosen from what you viewed and bought</p></div>
<ul class="grid">
{{#SPONSORED_PRODUCT}}<li>{{>CARD}}</li>
{{/SPONSORED_PRODUCT}}</ul>
</section>

{{%AUTOESCAPE context="HTML"}}
{{! A page's Sponsored section (home, category, search) drawn for a shopper
    with interests (sf_personal.c): the promotions in their interests first,
    each card's "why" link saying so, then the page's own. }}
<section class="section sponsored" aria-labelledby="{{HEADING_ID}}">
<div class="section-head"><h2 id="{{HEADING_ID}}">Sponsored</h2><p class="muted">Paid placements, chosen from what you viewed{{#ACCOUNT}} and bought{{/ACCOUNT}}</p></div>
<ul class="grid">
{{#SPONSORED_PRODUCT}}<li>{{>CARD}}</li>
{{/SPONSORED_PRODUCT}}</ul>
</section>

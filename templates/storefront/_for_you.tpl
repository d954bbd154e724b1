{{%AUTOESCAPE context="HTML"}}
{{! "For you" on a logged-in shopper's home page (sf_personal.c): products
    chosen from their orders and recent views (cgi/lib/recs.h). }}
<section class="section for-you" aria-labelledby="for-you-title">
<div class="section-head"><h2 id="for-you-title">For you</h2><p class="muted">Chosen from what you bought and viewed · <a href="/account#personalisation">Personalisation</a></p></div>
<ul class="grid">
{{#FOR_YOU}}<li>{{>CARD}}</li>
{{/FOR_YOU}}</ul>
</section>

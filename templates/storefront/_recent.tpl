{{%AUTOESCAPE context="HTML"}}
{{! The visitor's recently viewed products (sf_personal.c): shared by every
    visitor with the same list (memcached, keyed by the list), so nothing
    here may be of one visitor: "Clear" posts without a token (R_ORIGIN). }}
<section class="section recent" aria-labelledby="recent-title">
<div class="section-head"><h2 id="recent-title">Recently viewed</h2>
<form class="inline-form recent-clear" method="post" action="/recent/clear"><button class="link-button" type="submit">Clear<span class="visually-hidden"> your recently viewed products</span></button></form></div>
<ul class="grid">
{{#RECENT}}<li>{{>CARD}}</li>
{{/RECENT}}</ul>
</section>

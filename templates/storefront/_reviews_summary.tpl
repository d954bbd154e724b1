{{%AUTOESCAPE context="HTML"}}
<section class="section reviews" id="reviews" aria-labelledby="reviews-title">
<h2 id="reviews-title">Reviews</h2>
{{#RATED}}<div class="review-summary">
<p class="rating"><strong>{{AVERAGE}} out of 5</strong> · {{COUNT}}</p>
<table class="review-bars">
<caption class="visually-hidden">How many reviews gave each number of stars</caption>
{{#BAR}}<tr><th scope="row">{{STARS}} {{STAR_WORD}}</th><td><meter min="0" max="100" value="{{PERCENT}}">{{PERCENT}}%</meter></td><td>{{N}}</td></tr>
{{/BAR}}</table>
</div>{{/RATED}}
{{#NOT_RATED}}<p>No reviews yet.</p>{{/NOT_RATED}}
{{>REVIEW}}
{{#MORE}}<p><a href="/p/{{PRODUCT_ID}}/reviews">Read all {{COUNT}} reviews</a></p>{{/MORE}}
<p><a href="/p/{{PRODUCT_ID}}/review">Write a review</a></p>
</section>

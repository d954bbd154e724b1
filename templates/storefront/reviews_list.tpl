{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Reviews of {{NAME}}</h1>
<p><a href="{{PRODUCT_URL}}">Back to the product</a> · <a href="/p/{{PRODUCT_ID}}/review">Write a review</a></p>
</div>
{{#RATED}}<div class="review-summary">
<p class="rating"><strong>{{AVERAGE}} out of 5</strong> · {{COUNT}}</p>
<table class="review-bars">
<caption class="visually-hidden">How many reviews gave each number of stars</caption>
{{#BAR}}<tr><th scope="row">{{STARS}} {{STAR_WORD}}</th><td><meter min="0" max="100" value="{{PERCENT}}">{{PERCENT}}%</meter></td><td>{{N}}</td></tr>
{{/BAR}}</table>
</div>{{/RATED}}
{{#NOT_RATED}}<p>No reviews yet.</p>{{/NOT_RATED}}
<h2>All reviews</h2>
<form class="sort-form" method="get" action="/p/{{PRODUCT_ID}}/reviews">
<label for="sort">Sort by</label>
<select id="sort" name="sort">{{#SORT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SORT}}</select>
<button class="button" type="submit">Sort</button>
</form>
<p>{{RESULT}}</p>
{{#LOG_IN}}<p><a href="/login?next={{NEXT:u}}">Log in</a> to vote for helpful reviews or report one.</p>{{/LOG_IN}}
{{>REVIEW}}
{{>PAGINATION}}
</div>

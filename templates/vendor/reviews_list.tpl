{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Reviews</h1>
<p>What your customers wrote about your products, those you have not answered first. You can answer each review once, publicly: your answer shows under it on the product's page, and its author is told.</p>
</div>
{{#NO_REVIEWS}}<div class="empty"><p>No customer has reviewed your products yet.</p></div>{{/NO_REVIEWS}}
{{#HAS_REVIEWS}}{{#REVIEW}}<article class="review" id="review-{{ID}}">
<h2><a href="/p/{{PRODUCT_ID}}/reviews#review-{{ID}}">{{TITLE}}</a></h2>
<p class="review-meta">{{PRODUCT}} · {{RATING}} out of 5 · {{AUTHOR}} · <time>{{CREATED}}</time></p>
{{#HELD}}<p class="notice">Waiting for a moderator: not shown yet.</p>{{/HELD}}
<div class="review-body">{{>BODY}}</div>
{{#ANSWERED}}<div class="review-reply"><p class="review-meta">Your answer</p>{{>REPLY}}</div>{{/ANSWERED}}
{{#CAN_REPLY}}<form class="form" method="post" action="/vendor/reviews/{{ID}}/reply" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reply-{{ID}}">Your answer (once, public)</label>
<textarea id="reply-{{ID}}" name="reply" rows="3" maxlength="2000" required></textarea>
</div>
<button class="button" type="submit">Publish the answer</button>
</form>{{/CAN_REPLY}}
</article>
{{/REVIEW}}{{/HAS_REVIEWS}}
</div>

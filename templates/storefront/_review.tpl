{{%AUTOESCAPE context="HTML"}}
<article class="review" id="review-{{ID}}" aria-labelledby="review-{{ID}}-title">
<p class="review-stars"><span aria-hidden="true">{{STARS}}</span><span class="visually-hidden">{{RATING}} out of 5 stars</span></p>
<h3 id="review-{{ID}}-title">{{TITLE}}</h3>
<p class="review-meta"><span class="review-author">{{AUTHOR}}</span> · <span class="verified">Verified purchase</span> · <time>{{CREATED}}</time>{{#EDITED}} · <span class="edited">Edited {{DATE}}</span>{{/EDITED}}</p>
{{#HELD}}<p class="notice">Only you can see this review: it waits for a moderator.</p>{{/HELD}}
{{#HIDDEN}}<p class="notice">Only you can see this review: a moderator hid it.</p>{{/HIDDEN}}
<div class="review-body">{{>BODY}}</div>
{{#HAS_PHOTOS}}<ul class="review-photos" aria-label="Photos">
{{#PHOTO}}<li><a href="{{FULL}}"><img src="{{URL}}" alt="Photo from the review" width="96" height="96" loading="lazy"></a></li>
{{/PHOTO}}</ul>{{/HAS_PHOTOS}}
{{#REPLY}}<div class="review-reply">
<p class="review-meta">The shop answered on <time>{{DATE}}</time></p>
{{>TEXT}}
</div>{{/REPLY}}
{{#HELPFUL}}<p class="review-helpful">{{TEXT}}</p>{{/HELPFUL}}
{{#CAN_VOTE}}<form class="inline-form" method="post" action="/reviews/{{ID}}/helpful">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button-link" type="submit">Helpful</button>
</form>{{/CAN_VOTE}}
{{#CAN_REPORT}}<details class="review-report">
<summary>Report</summary>
<form method="post" action="/reviews/{{ID}}/report" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="report-{{ID}}">What is wrong with it</label>
<textarea id="report-{{ID}}" name="reason" rows="2" maxlength="500"></textarea>
<button class="button-link" type="submit">Report to a moderator</button>
</form>
</details>{{/CAN_REPORT}}
{{#SHARED_ACTIONS}}<form class="inline-form" method="post" action="/reviews/{{ID}}/helpful">
<button class="button-link" type="submit">Helpful</button>
</form>
<details class="review-report">
<summary>Report</summary>
<form method="post" action="/reviews/{{ID}}/report" novalidate>
<label for="report-{{ID}}">What is wrong with it</label>
<textarea id="report-{{ID}}" name="reason" rows="2" maxlength="500"></textarea>
<button class="button-link" type="submit">Report to a moderator</button>
</form>
</details>{{/SHARED_ACTIONS}}
{{#CAN_EDIT}}<p><a href="/reviews/{{ID}}/edit">Edit your review</a></p>{{/CAN_EDIT}}
</article>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Edit your review of {{NAME}}</h1>
</div>
{{#TOO_LATE}}<p class="notice">This review can no longer be changed.</p>
<p><a href="/p/{{PRODUCT_ID}}/reviews">Back to the reviews</a></p>{{/TOO_LATE}}
{{#FORM}}<p>A review can be changed within {{DAYS}} days of posting it; it shows that it was edited.</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/reviews/{{ID}}/edit" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset id="rating"{{#RATING_ERROR}} aria-describedby="rating-error"{{/RATING_ERROR}}>
<legend>Your rating</legend>
{{#RATING_ERROR}}<p class="field-error" id="rating-error">{{MESSAGE}}</p>{{/RATING_ERROR}}
{{#STAR}}<label class="choice"><input type="radio" name="rating" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{VALUE}} out of 5</label>
{{/STAR}}</fieldset>
<div class="field">
<label for="title">Title</label>
<input id="title" name="title" type="text" maxlength="120" value="{{TITLE}}"{{#TITLE_ERROR}} aria-invalid="true" aria-describedby="title-error"{{/TITLE_ERROR}}>
{{#TITLE_ERROR}}<p class="field-error" id="title-error">{{MESSAGE}}</p>{{/TITLE_ERROR}}
</div>
<div class="field">
<label for="body">Your review</label>
<textarea id="body" name="body" rows="6" maxlength="5000"{{#BODY_ERROR}} aria-invalid="true" aria-describedby="body-error"{{/BODY_ERROR}}>{{BODY}}</textarea>
{{#BODY_ERROR}}<p class="field-error" id="body-error">{{MESSAGE}}</p>{{/BODY_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Save</button>
<a href="/p/{{PRODUCT_ID}}/reviews">Cancel</a>
</div>
</form>{{/FORM}}
</div>

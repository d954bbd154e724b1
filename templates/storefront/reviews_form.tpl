{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
{{#REFUSED}}<div class="page-head">
<h1>Review {{NAME}}</h1>
</div>
<p class="notice" role="status">{{TEXT}}</p>
{{#NOT_DELIVERED}}<p>Your order of it has not been delivered yet: you can review it once it has arrived.</p>{{/NOT_DELIVERED}}
{{#ALREADY}}<p>You have reviewed it already. <a href="/reviews/{{ID}}/edit">Edit your review</a></p>{{/ALREADY}}
{{#LOG_IN}}<p>Bought it? <a href="/login?next={{NEXT:u}}">Log in</a> to review it.</p>{{/LOG_IN}}
<p><a href="/p/{{PRODUCT_ID}}/reviews">Read the reviews</a></p>
{{/REFUSED}}
{{#FORM}}<div class="page-head">
<h1>Review {{NAME}}</h1>
<p>Your review shows your first name and the initial of your last name, and that you bought it here.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/p/{{PRODUCT_ID}}/review" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="item" value="{{ITEM}}">
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
<div class="field">
<label for="photo">Photos (up to {{PHOTOS_MAX}}: JPEG, PNG, WebP or GIF)</label>
<input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/gif" multiple{{#PHOTO_ERROR}} aria-invalid="true" aria-describedby="photo-error"{{/PHOTO_ERROR}}>
{{#PHOTO_ERROR}}<p class="field-error" id="photo-error">{{MESSAGE}}</p>{{/PHOTO_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Post your review</button>
</div>
</form>{{/FORM}}
</div>

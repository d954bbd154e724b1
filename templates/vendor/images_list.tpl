{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Pictures of {{PRODUCT_NAME}}</h1>
<p>Up to {{MAX}} pictures. The first is the cover shoppers see in lists. Each needs an alt text: what a screen reader says instead of the picture.</p>
<p><a href="/vendor/listings">Back to your listings</a></p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#NO_IMAGES}}<div class="empty"><p>This listing has no pictures yet. Shoppers see a placeholder until you add one.</p></div>{{/NO_IMAGES}}
{{#HAS_IMAGES}}<ol class="image-list">
{{#IMAGE_ROW}}<li class="image-item" id="image-{{ID}}">
<img src="{{THUMB}}" alt="" width="200" loading="lazy">
<p class="image-position">Picture {{POSITION}}{{#COVER}} <strong class="cover-tag">(cover)</strong>{{/COVER}}</p>
<form class="form" action="{{ALT_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="{{ALT_ID}}">Alt text of picture {{POSITION}}</label>
{{#ALT_INVALID}}<p class="field-error" id="{{ALT_ID}}-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ALT_INVALID}}
<input type="text" id="{{ALT_ID}}" name="image_alt" value="{{IMAGE_ALT}}" maxlength="200" required{{#ALT_INVALID}} aria-invalid="true" aria-describedby="{{ALT_ID}}-error"{{/ALT_INVALID}}>
</div>
<button type="submit" class="button button-plain button-small">Save the alt text<span class="visually-hidden"> of picture {{POSITION}}</span></button>
</form>
<div class="image-actions">
{{#CAN_UP}}<form action="{{MOVE_ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="direction" value="up">
<button type="submit" class="button button-plain button-small">Move up<span class="visually-hidden"> picture {{POSITION}}</span></button>
</form>{{/CAN_UP}}
{{#CAN_DOWN}}<form action="{{MOVE_ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="direction" value="down">
<button type="submit" class="button button-plain button-small">Move down<span class="visually-hidden"> picture {{POSITION}}</span></button>
</form>{{/CAN_DOWN}}
<form action="{{DELETE_ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-danger button-small">Delete<span class="visually-hidden"> picture {{POSITION}}</span></button>
</form>
</div>
</li>
{{/IMAGE_ROW}}</ol>{{/HAS_IMAGES}}
{{#CAN_ADD}}<section aria-labelledby="add-title">
<h2 id="add-title">Add a picture</h2>
<form class="form" action="{{ACTION}}" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="picture">Picture</label>
<p class="hint" id="picture-hint">A JPEG, PNG, WebP or GIF photo of up to 10 MB, ideally 1200 pixels wide or more. We make smaller copies for the shop and remove the camera's details (such as where it was taken).</p>
{{#PICTURE_ERROR}}<p class="field-error" id="picture-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PICTURE_ERROR}}
<input type="file" id="picture" name="picture" accept="image/jpeg,image/png,image/webp,image/gif" required aria-describedby="picture-hint{{#PICTURE_ERROR}} picture-error{{/PICTURE_ERROR}}"{{#PICTURE_ERROR}} aria-invalid="true"{{/PICTURE_ERROR}}>
</div>
<div class="field">
<label for="alt">Alt text</label>
<p class="hint" id="alt-hint">Say what the picture shows, for shoppers who cannot see it: "Blue linen shirt, front view".</p>
{{#ALT_ERROR}}<p class="field-error" id="alt-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ALT_ERROR}}
<input type="text" id="alt" name="alt" value="{{ALT}}" maxlength="200" required aria-describedby="alt-hint{{#ALT_ERROR}} alt-error{{/ALT_ERROR}}"{{#ALT_ERROR}} aria-invalid="true"{{/ALT_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">Add the picture</button>
</div>
</form>
</section>{{/CAN_ADD}}
{{#FULL}}<p class="notice">This listing has {{MAX}} pictures, the most it can have. Delete one to add another.</p>{{/FULL}}
</div>

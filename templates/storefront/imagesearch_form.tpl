{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Search by picture</h1>
<p class="lead">Send a photo of something you like: we show the products whose pictures look most like it. Your photo is not kept.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="/search/image" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="picture">Your picture (JPEG, PNG, WebP or GIF, up to 10 MB)</label>
<input id="picture" name="picture" type="file" accept="image/jpeg,image/png,image/webp,image/gif"{{#PICTURE_ERROR}} aria-invalid="true" aria-describedby="picture-error"{{/PICTURE_ERROR}}>
{{#PICTURE_ERROR}}<p class="field-error" id="picture-error">{{MESSAGE}}</p>{{/PICTURE_ERROR}}
</div>
<div class="actions">
<button class="button" type="submit">Search</button>
</div>
</form>
{{#SEARCHED}}<section class="section" aria-labelledby="imagesearch-results">
<h2 id="imagesearch-results">Products that look like your picture</h2>
{{#HAS_PRODUCTS}}<ul class="grid">
{{#PRODUCT}}<li>{{>CARD}}</li>
{{/PRODUCT}}</ul>{{/HAS_PRODUCTS}}
{{#NO_PRODUCTS}}<p class="empty">No product pictures to compare with yet.</p>{{/NO_PRODUCTS}}
</section>{{/SEARCHED}}
</div>

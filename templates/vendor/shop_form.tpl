{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Logo and banner</h1>
<p>Shown on your shop's page, <a href="/v/{{SLUG}}">/v/{{SLUG}}</a>. JPEG, PNG, WebP or GIF, up to 10 MB. We make copies in the sizes the shop needs and remove the camera's details.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section aria-labelledby="logo-title">
<h2 id="logo-title">Logo</h2>
{{#HAS_LOGO}}<p><img class="shop-logo" src="{{URL}}" alt="Your logo" width="200"></p>
<form action="/vendor/shop/logo/delete" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-danger">Remove the logo</button>
</form>{{/HAS_LOGO}}
{{#NO_LOGO}}<p>Your shop has no logo yet.</p>{{/NO_LOGO}}
<form class="form" action="/vendor/shop/logo" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="logo">New logo</label>
<p class="hint" id="logo-hint">Square works best; it is shown up to 200 pixels wide.</p>
{{#LOGO_ERROR}}<p class="field-error" id="logo-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/LOGO_ERROR}}
<input type="file" id="logo" name="logo" accept="image/jpeg,image/png,image/webp,image/gif" required aria-describedby="logo-hint{{#LOGO_ERROR}} logo-error{{/LOGO_ERROR}}"{{#LOGO_ERROR}} aria-invalid="true"{{/LOGO_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Send the logo</button></div>
</form>
</section>
<section aria-labelledby="banner-title">
<h2 id="banner-title">Banner</h2>
{{#HAS_BANNER}}<p><img class="shop-banner" src="{{URL}}" alt="Your banner" width="600"></p>
<form action="/vendor/shop/banner/delete" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-danger">Remove the banner</button>
</form>{{/HAS_BANNER}}
{{#NO_BANNER}}<p>Your shop has no banner yet.</p>{{/NO_BANNER}}
<form class="form" action="/vendor/shop/banner" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="banner">New banner</label>
<p class="hint" id="banner-hint">Wide works best, about four times as wide as it is high, 1200 pixels wide or more.</p>
{{#BANNER_ERROR}}<p class="field-error" id="banner-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BANNER_ERROR}}
<input type="file" id="banner" name="banner" accept="image/jpeg,image/png,image/webp,image/gif" required aria-describedby="banner-hint{{#BANNER_ERROR}} banner-error{{/BANNER_ERROR}}"{{#BANNER_ERROR}} aria-invalid="true"{{/BANNER_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Send the banner</button></div>
</form>
</section>
</div>

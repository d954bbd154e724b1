{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Promote a listing</h1>
<p>Your listing shows in the Sponsored places of the home page, of its categories and of the searches that find it, labelled as sponsored with your shop's name, from midnight (UTC) of the first day for the number of days you choose. Your plan's price is {{RATE}} a day; you see the total before you pay.</p>
</div>
{{#NOT_VERIFIED}}<p class="notice notice-warn">Only a verified shop can buy promotions.</p>{{/NOT_VERIFIED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#NO_LISTINGS}}<div class="empty">
<p>You have no active listing to promote.</p>
</div>{{/NO_LISTINGS}}
{{#HAS_LISTINGS}}<form class="form" action="/vendor/promotions/new" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="product">Listing</label>
{{#PRODUCT_ERROR}}<p class="field-error" id="product-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PRODUCT_ERROR}}
<select id="product" name="product" required{{#PRODUCT_ERROR}} aria-invalid="true" aria-describedby="product-error"{{/PRODUCT_ERROR}}>
{{#LISTING}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/LISTING}}</select>
</div>
<div class="field">
<label for="start">First day</label>
<p class="hint" id="start-hint">As YYYY-MM-DD; today or later.</p>
{{#START_ERROR}}<p class="field-error" id="start-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/START_ERROR}}
<input type="date" id="start" name="start" value="{{START}}" required aria-describedby="start-hint{{#START_ERROR}} start-error{{/START_ERROR}}"{{#START_ERROR}} aria-invalid="true"{{/START_ERROR}}>
</div>
<div class="field">
<label for="days">Number of days</label>
<p class="hint" id="days-hint">From 1 to {{DAYS_MAX}}, at {{RATE}} a day.</p>
{{#DAYS_ERROR}}<p class="field-error" id="days-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/DAYS_ERROR}}
<input type="number" id="days" name="days" value="{{DAYS}}" min="1" max="{{DAYS_MAX}}" required aria-describedby="days-hint{{#DAYS_ERROR}} days-error{{/DAYS_ERROR}}"{{#DAYS_ERROR}} aria-invalid="true"{{/DAYS_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">See the price</button>
<a href="/vendor/promotions">Back to your promotions</a>
</div>
</form>{{/HAS_LISTINGS}}
</div>

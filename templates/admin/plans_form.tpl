{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-plan">
<div class="page-head">
<h1>{{HEADING}}</h1>
{{#EDITING}}<p>Vendors on this plan have the new terms from the moment you save. Orders already placed keep the terms they were placed under.</p>{{/EDITING}}
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was saved: please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="name">Name</label>
<p class="hint" id="name-hint">The name vendors see, up to 64 characters.</p>
{{#NAME_ERROR}}<p class="field-error" id="name-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NAME_ERROR}}
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="64" required autocomplete="off" aria-describedby="name-hint{{#NAME_ERROR}} name-error{{/NAME_ERROR}}"{{#NAME_ERROR}} aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field">
<label for="commission">Commission (%)</label>
<p class="hint" id="commission-hint">Of each item's price, up to two decimals: 12.5 for 12.5 %. 0 for none.</p>
{{#COMMISSION_ERROR}}<p class="field-error" id="commission-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/COMMISSION_ERROR}}
<input type="text" id="commission" name="commission" value="{{COMMISSION}}" inputmode="decimal" required autocomplete="off" aria-describedby="commission-hint{{#COMMISSION_ERROR}} commission-error{{/COMMISSION_ERROR}}"{{#COMMISSION_ERROR}} aria-invalid="true"{{/COMMISSION_ERROR}}>
</div>
<div class="field">
<label for="commission_min">Minimum commission per item</label>
<p class="hint" id="commission_min-hint">An amount such as 0.50. Empty: no minimum.</p>
{{#COMMISSION_MIN_ERROR}}<p class="field-error" id="commission_min-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/COMMISSION_MIN_ERROR}}
<input type="text" id="commission_min" name="commission_min" value="{{COMMISSION_MIN}}" inputmode="decimal" autocomplete="off" aria-describedby="commission_min-hint{{#COMMISSION_MIN_ERROR}} commission_min-error{{/COMMISSION_MIN_ERROR}}"{{#COMMISSION_MIN_ERROR}} aria-invalid="true"{{/COMMISSION_MIN_ERROR}}>
</div>
<div class="field">
<label for="commission_max">Maximum commission per item</label>
<p class="hint" id="commission_max-hint">An amount such as 20.00. Empty: no maximum.</p>
{{#COMMISSION_MAX_ERROR}}<p class="field-error" id="commission_max-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/COMMISSION_MAX_ERROR}}
<input type="text" id="commission_max" name="commission_max" value="{{COMMISSION_MAX}}" inputmode="decimal" autocomplete="off" aria-describedby="commission_max-hint{{#COMMISSION_MAX_ERROR}} commission_max-error{{/COMMISSION_MAX_ERROR}}"{{#COMMISSION_MAX_ERROR}} aria-invalid="true"{{/COMMISSION_MAX_ERROR}}>
</div>
<div class="field">
<label for="listing_limit">Listing limit</label>
<p class="hint" id="listing_limit-hint">How many listings a shop may have live or hidden. Empty: no limit.</p>
{{#LISTING_LIMIT_ERROR}}<p class="field-error" id="listing_limit-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/LISTING_LIMIT_ERROR}}
<input type="text" id="listing_limit" name="listing_limit" value="{{LISTING_LIMIT}}" inputmode="numeric" autocomplete="off" aria-describedby="listing_limit-hint{{#LISTING_LIMIT_ERROR}} listing_limit-error{{/LISTING_LIMIT_ERROR}}"{{#LISTING_LIMIT_ERROR}} aria-invalid="true"{{/LISTING_LIMIT_ERROR}}>
</div>
<div class="field">
<label for="promotion_daily_rate">Promotion price per day</label>
<p class="hint" id="promotion_daily_rate-hint">What a day of a paid promotion costs, such as 3.00.</p>
{{#PROMOTION_DAILY_RATE_ERROR}}<p class="field-error" id="promotion_daily_rate-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PROMOTION_DAILY_RATE_ERROR}}
<input type="text" id="promotion_daily_rate" name="promotion_daily_rate" value="{{PROMOTION_DAILY_RATE}}" inputmode="decimal" required autocomplete="off" aria-describedby="promotion_daily_rate-hint{{#PROMOTION_DAILY_RATE_ERROR}} promotion_daily_rate-error{{/PROMOTION_DAILY_RATE_ERROR}}"{{#PROMOTION_DAILY_RATE_ERROR}} aria-invalid="true"{{/PROMOTION_DAILY_RATE_ERROR}}>
</div>
<div class="field">
<label for="monthly_fee">Monthly fee</label>
<p class="hint" id="monthly_fee-hint">Charged to the vendor's balance once a month, such as 19.00. 0 for none.</p>
{{#MONTHLY_FEE_ERROR}}<p class="field-error" id="monthly_fee-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/MONTHLY_FEE_ERROR}}
<input type="text" id="monthly_fee" name="monthly_fee" value="{{MONTHLY_FEE}}" inputmode="decimal" required autocomplete="off" aria-describedby="monthly_fee-hint{{#MONTHLY_FEE_ERROR}} monthly_fee-error{{/MONTHLY_FEE_ERROR}}"{{#MONTHLY_FEE_ERROR}} aria-invalid="true"{{/MONTHLY_FEE_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">{{SUBMIT}}</button>
<a href="/admin/plans">Cancel</a>
</div>
</form>
</div>

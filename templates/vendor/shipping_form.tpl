{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Shipping, payment and returns</h1>
<p>Shoppers see these terms on each of your product pages before they buy, and checkout charges them. They apply to orders placed after you save them.</p>
{{#NOT_SAVED}}<p class="notice">You have not saved your terms yet. Until you do, your shop delivers free of charge to {{COUNTRY}} only, accepts every payment method and takes returns for {{DEFAULT_RETURN_DAYS}} days after delivery.</p>{{/NOT_SAVED}}
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was saved: please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="/vendor/shipping" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>Delivery</legend>
<div class="field">
<label for="flat_rate">Delivery charge per order</label>
<p class="hint" id="flat_rate-hint">One charge for each order from your shop, however many items it has, such as 4.90. 0 for free delivery.</p>
{{#FLAT_RATE_ERROR}}<p class="field-error" id="flat_rate-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/FLAT_RATE_ERROR}}
<input type="text" id="flat_rate" name="flat_rate" value="{{FLAT_RATE}}" inputmode="decimal" required autocomplete="off" aria-describedby="flat_rate-hint{{#FLAT_RATE_ERROR}} flat_rate-error{{/FLAT_RATE_ERROR}}"{{#FLAT_RATE_ERROR}} aria-invalid="true"{{/FLAT_RATE_ERROR}}>
</div>
<div class="field">
<label for="free_above">Free delivery from</label>
<p class="hint" id="free_above-hint">Orders from your shop whose items come to at least this amount are delivered free, such as 50.00. Empty: never free.</p>
{{#FREE_ABOVE_ERROR}}<p class="field-error" id="free_above-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/FREE_ABOVE_ERROR}}
<input type="text" id="free_above" name="free_above" value="{{FREE_ABOVE}}" inputmode="decimal" autocomplete="off" aria-describedby="free_above-hint{{#FREE_ABOVE_ERROR}} free_above-error{{/FREE_ABOVE_ERROR}}"{{#FREE_ABOVE_ERROR}} aria-invalid="true"{{/FREE_ABOVE_ERROR}}>
</div>
<div class="field">
<label for="handling_days">Days to send an order</label>
<p class="hint" id="handling_days-hint">From payment to handing the parcel to the carrier, 0 to 60.</p>
{{#HANDLING_DAYS_ERROR}}<p class="field-error" id="handling_days-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/HANDLING_DAYS_ERROR}}
<input type="text" id="handling_days" name="handling_days" value="{{HANDLING_DAYS}}" inputmode="numeric" required autocomplete="off" aria-describedby="handling_days-hint{{#HANDLING_DAYS_ERROR}} handling_days-error{{/HANDLING_DAYS_ERROR}}"{{#HANDLING_DAYS_ERROR}} aria-invalid="true"{{/HANDLING_DAYS_ERROR}}>
</div>
<div class="field">
<label for="transit_min_days">Fewest days in transit</label>
<p class="hint" id="transit_min_days-hint">Shoppers see the delivery window: days to send plus the fewest to the most days in transit.</p>
{{#TRANSIT_MIN_DAYS_ERROR}}<p class="field-error" id="transit_min_days-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TRANSIT_MIN_DAYS_ERROR}}
<input type="text" id="transit_min_days" name="transit_min_days" value="{{TRANSIT_MIN_DAYS}}" inputmode="numeric" required autocomplete="off" aria-describedby="transit_min_days-hint{{#TRANSIT_MIN_DAYS_ERROR}} transit_min_days-error{{/TRANSIT_MIN_DAYS_ERROR}}"{{#TRANSIT_MIN_DAYS_ERROR}} aria-invalid="true"{{/TRANSIT_MIN_DAYS_ERROR}}>
</div>
<div class="field">
<label for="transit_max_days">Most days in transit</label>
{{#TRANSIT_MAX_DAYS_ERROR}}<p class="field-error" id="transit_max_days-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TRANSIT_MAX_DAYS_ERROR}}
<input type="text" id="transit_max_days" name="transit_max_days" value="{{TRANSIT_MAX_DAYS}}" inputmode="numeric" required autocomplete="off"{{#TRANSIT_MAX_DAYS_ERROR}} aria-describedby="transit_max_days-error" aria-invalid="true"{{/TRANSIT_MAX_DAYS_ERROR}}>
</div>
</fieldset>
<fieldset id="countries">
<legend>Countries you deliver to</legend>
{{#COUNTRIES_ERROR}}<p class="field-error" id="countries-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/COUNTRIES_ERROR}}
<ul class="checks">
{{#COUNTRY}}<li><label class="check"><input type="checkbox" name="countries" value="{{CODE}}"{{#TICKED}} checked{{/TICKED}}{{#COUNTRIES_ERROR}} aria-invalid="true" aria-describedby="countries-error"{{/COUNTRIES_ERROR}}> {{NAME}}</label></li>
{{/COUNTRY}}</ul>
</fieldset>
<fieldset id="methods">
<legend>Payment methods you accept</legend>
<p class="hint">An order with items from several shops can be paid only by a method all of them accept.</p>
{{#METHODS_ERROR}}<p class="field-error" id="methods-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/METHODS_ERROR}}
<ul class="checks">
{{#METHOD}}<li><label class="check"><input type="checkbox" name="methods" value="{{VALUE}}"{{#TICKED}} checked{{/TICKED}}{{#METHODS_ERROR}} aria-invalid="true" aria-describedby="methods-error"{{/METHODS_ERROR}}> {{LABEL}}</label></li>
{{/METHOD}}</ul>
</fieldset>
<fieldset>
<legend>Returns</legend>
<div class="field">
<label for="return_days">Return window (days after delivery)</label>
<p class="hint" id="return_days-hint">How long a customer may ask to send items back, 0 to 365.</p>
{{#RETURN_DAYS_ERROR}}<p class="field-error" id="return_days-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/RETURN_DAYS_ERROR}}
<input type="text" id="return_days" name="return_days" value="{{RETURN_DAYS}}" inputmode="numeric" required autocomplete="off" aria-describedby="return_days-hint{{#RETURN_DAYS_ERROR}} return_days-error{{/RETURN_DAYS_ERROR}}"{{#RETURN_DAYS_ERROR}} aria-invalid="true"{{/RETURN_DAYS_ERROR}}>
</div>
<div class="field">
<label for="return_policy">Return policy</label>
<p class="hint" id="return_policy-hint">In your words, up to 2000 characters: what may come back, in what state, who pays the return.</p>
{{#RETURN_POLICY_ERROR}}<p class="field-error" id="return_policy-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/RETURN_POLICY_ERROR}}
<textarea id="return_policy" name="return_policy" rows="6" maxlength="2000" aria-describedby="return_policy-hint{{#RETURN_POLICY_ERROR}} return_policy-error{{/RETURN_POLICY_ERROR}}"{{#RETURN_POLICY_ERROR}} aria-invalid="true"{{/RETURN_POLICY_ERROR}}>{{RETURN_POLICY:pre_escape}}</textarea>
</div>
</fieldset>
<div class="actions"><button type="submit" class="button">Save the terms</button></div>
</form>
</div>

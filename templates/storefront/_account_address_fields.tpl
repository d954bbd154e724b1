{{%AUTOESCAPE context="HTML"}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="{{PREFIX}}-error-summary-title">
<h3 id="{{PREFIX}}-error-summary-title">Please check the address</h3>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="label">Name of this address</label>
<input id="label" name="label" type="text" value="{{LABEL}}" autocomplete="off" maxlength="60" required aria-describedby="label-hint{{#LABEL_ERROR}} label-error{{/LABEL_ERROR}}"{{#LABEL_ERROR}} aria-invalid="true"{{/LABEL_ERROR}}>
<p class="hint" id="label-hint">For you, for example Home or Office.</p>
{{#LABEL_ERROR}}<p class="field-error" id="label-error">{{MESSAGE}}</p>{{/LABEL_ERROR}}
</div>
<div class="field">
<label for="name">Full name</label>
<input id="name" name="name" type="text" value="{{NAME}}" autocomplete="shipping name" maxlength="100" required{{#NAME_ERROR}} aria-invalid="true" aria-describedby="name-error"{{/NAME_ERROR}}>
{{#NAME_ERROR}}<p class="field-error" id="name-error">{{MESSAGE}}</p>{{/NAME_ERROR}}
</div>
<div class="field">
<label for="line1">Street and number</label>
<input id="line1" name="line1" type="text" value="{{LINE1}}" autocomplete="shipping address-line1" maxlength="200" required{{#LINE1_ERROR}} aria-invalid="true" aria-describedby="line1-error"{{/LINE1_ERROR}}>
{{#LINE1_ERROR}}<p class="field-error" id="line1-error">{{MESSAGE}}</p>{{/LINE1_ERROR}}
</div>
<div class="field">
<label for="line2">Address line 2 <span class="muted">(optional)</span></label>
<input id="line2" name="line2" type="text" value="{{LINE2}}" autocomplete="shipping address-line2" maxlength="200"{{#LINE2_ERROR}} aria-invalid="true" aria-describedby="line2-error"{{/LINE2_ERROR}}>
{{#LINE2_ERROR}}<p class="field-error" id="line2-error">{{MESSAGE}}</p>{{/LINE2_ERROR}}
</div>
<div class="field">
<label for="city">Town or city</label>
<input id="city" name="city" type="text" value="{{CITY}}" autocomplete="shipping address-level2" maxlength="100" required{{#CITY_ERROR}} aria-invalid="true" aria-describedby="city-error"{{/CITY_ERROR}}>
{{#CITY_ERROR}}<p class="field-error" id="city-error">{{MESSAGE}}</p>{{/CITY_ERROR}}
</div>
<div class="field">
<label for="postcode">Postcode</label>
<input id="postcode" name="postcode" type="text" value="{{POSTCODE}}" autocomplete="shipping postal-code" maxlength="20" required{{#POSTCODE_ERROR}} aria-invalid="true" aria-describedby="postcode-error"{{/POSTCODE_ERROR}}>
{{#POSTCODE_ERROR}}<p class="field-error" id="postcode-error">{{MESSAGE}}</p>{{/POSTCODE_ERROR}}
</div>
<div class="field">
<label for="country">Country code</label>
<input id="country" name="country" type="text" value="{{COUNTRY}}" autocomplete="shipping country" maxlength="2" pattern="[A-Za-z]{2}" required aria-describedby="country-hint{{#COUNTRY_ERROR}} country-error{{/COUNTRY_ERROR}}"{{#COUNTRY_ERROR}} aria-invalid="true"{{/COUNTRY_ERROR}}>
<p class="hint" id="country-hint">Two letters, for example GB, DE or FR.</p>
{{#COUNTRY_ERROR}}<p class="field-error" id="country-error">{{MESSAGE}}</p>{{/COUNTRY_ERROR}}
</div>
<div class="field">
<label for="phone">Phone for the delivery <span class="muted">(optional)</span></label>
<input id="phone" name="phone" type="tel" value="{{PHONE}}" autocomplete="shipping tel" maxlength="30"{{#PHONE_ERROR}} aria-invalid="true" aria-describedby="phone-error"{{/PHONE_ERROR}}>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error">{{MESSAGE}}</p>{{/PHONE_ERROR}}
</div>
<div class="check">
<input id="is_default" name="is_default" type="checkbox" value="1"{{#IS_DEFAULT}} checked{{/IS_DEFAULT}}>
<label for="is_default">Use as my default delivery address</label>
</div>

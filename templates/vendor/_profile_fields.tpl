{{%AUTOESCAPE context="HTML"}}
{{! The business profile's fields, shared by the sign-up and the profile
    form. Each field: value under its upper-cased name, <NAME>_ERROR {MESSAGE}
    when it is wrong (view_form_error); RECHECK shows the notes of a verified
    shop. }}
<fieldset>
<legend>Your business</legend>
{{#RECHECK}}<p class="notice notice-warn" id="recheck-business">Your shop is verified: changing these sends your shop back for checking (legal name, registration number, tax id). It is hidden from shoppers until we have checked the new details.</p>{{/RECHECK}}
<div class="field">
<label for="legal_name">Legal name</label>
<p class="hint" id="legal_name-hint">The name your business is registered under, as on your invoices.</p>
{{#LEGAL_NAME_ERROR}}<p class="field-error" id="legal_name-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/LEGAL_NAME_ERROR}}
<input type="text" id="legal_name" name="legal_name" value="{{LEGAL_NAME}}" maxlength="200" required autocomplete="organization" aria-describedby="legal_name-hint{{#LEGAL_NAME_ERROR}} legal_name-error{{/LEGAL_NAME_ERROR}}"{{#LEGAL_NAME_ERROR}} aria-invalid="true"{{/LEGAL_NAME_ERROR}}>
</div>
<div class="field">
<label for="trading_name">Trading name</label>
<p class="hint" id="trading_name-hint">The name shoppers see. Your shop's web address is made from it when you sign up.</p>
{{#TRADING_NAME_ERROR}}<p class="field-error" id="trading_name-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TRADING_NAME_ERROR}}
<input type="text" id="trading_name" name="trading_name" value="{{TRADING_NAME}}" maxlength="120" required autocomplete="off" aria-describedby="trading_name-hint{{#TRADING_NAME_ERROR}} trading_name-error{{/TRADING_NAME_ERROR}}"{{#TRADING_NAME_ERROR}} aria-invalid="true"{{/TRADING_NAME_ERROR}}>
</div>
<div class="field">
<label for="registration_number">Registration number</label>
<p class="hint" id="registration_number-hint">Your company number in the business register.</p>
{{#REGISTRATION_NUMBER_ERROR}}<p class="field-error" id="registration_number-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REGISTRATION_NUMBER_ERROR}}
<input type="text" id="registration_number" name="registration_number" value="{{REGISTRATION_NUMBER}}" maxlength="64" required autocomplete="off" spellcheck="false" aria-describedby="registration_number-hint{{#REGISTRATION_NUMBER_ERROR}} registration_number-error{{/REGISTRATION_NUMBER_ERROR}}"{{#REGISTRATION_NUMBER_ERROR}} aria-invalid="true"{{/REGISTRATION_NUMBER_ERROR}}>
</div>
<div class="field">
<label for="tax_id">Tax id</label>
<p class="hint" id="tax_id-hint">Your VAT number or the equivalent where your business is registered.</p>
{{#TAX_ID_ERROR}}<p class="field-error" id="tax_id-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TAX_ID_ERROR}}
<input type="text" id="tax_id" name="tax_id" value="{{TAX_ID}}" maxlength="64" required autocomplete="off" spellcheck="false" aria-describedby="tax_id-hint{{#TAX_ID_ERROR}} tax_id-error{{/TAX_ID_ERROR}}"{{#TAX_ID_ERROR}} aria-invalid="true"{{/TAX_ID_ERROR}}>
</div>
</fieldset>

<fieldset>
<legend>How to reach your business</legend>
{{#RECHECK}}<p class="notice notice-warn" id="recheck-contact">Your shop is verified: changing the address or the phone sends your shop back for checking. It is hidden from shoppers until we have checked the new details.</p>{{/RECHECK}}
<div class="field">
<label for="address">Business address</label>
<p class="hint" id="address-hint">Street, town, postcode and country, on separate lines. Only our staff see it.</p>
{{#ADDRESS_ERROR}}<p class="field-error" id="address-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ADDRESS_ERROR}}
<textarea id="address" name="address" rows="4" maxlength="240" required autocomplete="street-address" aria-describedby="address-hint{{#ADDRESS_ERROR}} address-error{{/ADDRESS_ERROR}}"{{#ADDRESS_ERROR}} aria-invalid="true"{{/ADDRESS_ERROR}}>{{ADDRESS:pre_escape}}</textarea>
</div>
<div class="field">
<label for="phone">Phone</label>
<p class="hint" id="phone-hint">With the country code, like +44 20 7946 0958. Only our staff see it.</p>
{{#PHONE_ERROR}}<p class="field-error" id="phone-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PHONE_ERROR}}
<input type="tel" id="phone" name="phone" value="{{PHONE}}" maxlength="30" required autocomplete="tel" aria-describedby="phone-hint{{#PHONE_ERROR}} phone-error{{/PHONE_ERROR}}"{{#PHONE_ERROR}} aria-invalid="true"{{/PHONE_ERROR}}>
</div>
<div class="field">
<label for="website">Website (optional)</label>
<p class="hint" id="website-hint">The full address, starting with https://</p>
{{#WEBSITE_ERROR}}<p class="field-error" id="website-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/WEBSITE_ERROR}}
<input type="url" id="website" name="website" value="{{WEBSITE}}" maxlength="255" autocomplete="url" spellcheck="false" aria-describedby="website-hint{{#WEBSITE_ERROR}} website-error{{/WEBSITE_ERROR}}"{{#WEBSITE_ERROR}} aria-invalid="true"{{/WEBSITE_ERROR}}>
</div>
</fieldset>

<fieldset>
<legend>Your shop</legend>
<div class="field">
<label for="description">Description</label>
<p class="hint" id="description-hint">What you sell and what makes your shop worth a visit. Shown on your shop's page.</p>
{{#DESCRIPTION_ERROR}}<p class="field-error" id="description-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/DESCRIPTION_ERROR}}
<textarea id="description" name="description" rows="6" maxlength="5000" required aria-describedby="description-hint{{#DESCRIPTION_ERROR}} description-error{{/DESCRIPTION_ERROR}}"{{#DESCRIPTION_ERROR}} aria-invalid="true"{{/DESCRIPTION_ERROR}}>{{DESCRIPTION:pre_escape}}</textarea>
</div>
</fieldset>

<fieldset>
<legend>Where we pay your sales</legend>
{{#RECHECK}}<p class="notice notice-warn" id="recheck-bank">Your shop is verified: changing these sends your shop back for checking (account holder, IBAN or account number).</p>{{/RECHECK}}
<div class="field">
<label for="bank_holder">Account holder</label>
<p class="hint" id="bank_holder-hint">The name on the bank account, usually your business's legal name.</p>
{{#BANK_HOLDER_ERROR}}<p class="field-error" id="bank_holder-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BANK_HOLDER_ERROR}}
<input type="text" id="bank_holder" name="bank_holder" value="{{BANK_HOLDER}}" maxlength="100" required autocomplete="off" aria-describedby="bank_holder-hint{{#BANK_HOLDER_ERROR}} bank_holder-error{{/BANK_HOLDER_ERROR}}"{{#BANK_HOLDER_ERROR}} aria-invalid="true"{{/BANK_HOLDER_ERROR}}>
</div>
<div class="field">
<label for="bank_account">IBAN or account number</label>
<p class="hint" id="bank_account-hint">An IBAN like GB82 WEST 1234 5698 7654 32, or an account number of 6 to 20 digits. Spaces are fine.</p>
{{#BANK_ACCOUNT_ERROR}}<p class="field-error" id="bank_account-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BANK_ACCOUNT_ERROR}}
<input type="text" id="bank_account" name="bank_account" value="{{BANK_ACCOUNT}}" maxlength="50" required autocomplete="off" spellcheck="false" aria-describedby="bank_account-hint{{#BANK_ACCOUNT_ERROR}} bank_account-error{{/BANK_ACCOUNT_ERROR}}"{{#BANK_ACCOUNT_ERROR}} aria-invalid="true"{{/BANK_ACCOUNT_ERROR}}>
</div>
</fieldset>

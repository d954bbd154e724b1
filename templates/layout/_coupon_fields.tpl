{{%AUTOESCAPE context="HTML"}}
{{! A coupon's fields, on the admin site and the vendor portal (new and
    edit). Each field: value under its upper-cased name, <NAME>_ERROR
    {MESSAGE} when it is wrong (view_form_error). Sections: NEW (the code
    field, a new coupon only), KIND_PERCENT / KIND_FIXED (the radio
    checked), CATEGORY_OPTION {ID, NAME, SELECTED}, ADMIN (the vendor
    choice VENDOR_OPTION {ID, NAME, SELECTED} and who bears the cost,
    BORNE_MARKETPLACE / BORNE_VENDOR), VENDOR_SHOP (the vendor portal: the
    shop's name). }}
<fieldset>
<legend>The code</legend>
{{#NEW}}<div class="field">
<label for="code">Code</label>
<p class="hint" id="code-hint">What shoppers type at checkout: 3 to 40 letters, digits, - or _, such as SPRING10. Upper and lower case are the same; it cannot be changed later.</p>
{{#CODE_ERROR}}<p class="field-error" id="code-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CODE_ERROR}}
<input type="text" id="code" name="code" value="{{CODE}}" maxlength="{{CODE_MAX}}" spellcheck="false" required autocomplete="off" aria-describedby="code-hint{{#CODE_ERROR}} code-error{{/CODE_ERROR}}"{{#CODE_ERROR}} aria-invalid="true"{{/CODE_ERROR}}>
</div>
{{/NEW}}<div class="field">
<label for="note">Note (optional)</label>
<p class="hint" id="note-hint">What it is for, for the people who manage it; shoppers do not see it.</p>
{{#NOTE_ERROR}}<p class="field-error" id="note-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NOTE_ERROR}}
<input type="text" id="note" name="note" value="{{NOTE}}" maxlength="{{NOTE_MAX}}" autocomplete="off" aria-describedby="note-hint{{#NOTE_ERROR}} note-error{{/NOTE_ERROR}}"{{#NOTE_ERROR}} aria-invalid="true"{{/NOTE_ERROR}}>
</div>
</fieldset>
<fieldset>
<legend>The discount</legend>
<div class="field">
<fieldset class="choices" aria-describedby="kind-hint{{#KIND_ERROR}} kind-error{{/KIND_ERROR}}">
<legend>Discount</legend>
<p class="hint" id="kind-hint">Taken off the price of the items it applies to (never off shipping).</p>
{{#KIND_ERROR}}<p class="field-error" id="kind-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/KIND_ERROR}}
<label class="check"><input type="radio" id="kind" name="kind" value="percent"{{#KIND_PERCENT}} checked{{/KIND_PERCENT}}> A percentage off</label>
<label class="check"><input type="radio" id="kind-fixed" name="kind" value="fixed"{{#KIND_FIXED}} checked{{/KIND_FIXED}}> A fixed amount off</label>
</fieldset>
</div>
<div class="field">
<label for="percent">Percentage off</label>
<p class="hint" id="percent-hint">For a percentage: such as 10 or 12.5 (at most 100).</p>
{{#PERCENT_ERROR}}<p class="field-error" id="percent-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PERCENT_ERROR}}
<input type="text" id="percent" name="percent" value="{{PERCENT}}" inputmode="decimal" maxlength="20" autocomplete="off" aria-describedby="percent-hint{{#PERCENT_ERROR}} percent-error{{/PERCENT_ERROR}}"{{#PERCENT_ERROR}} aria-invalid="true"{{/PERCENT_ERROR}}>
</div>
<div class="field">
<label for="amount">Amount off</label>
<p class="hint" id="amount-hint">For a fixed amount: such as 5.00. An order whose items it applies to come to less gets those items free, never money back.</p>
{{#AMOUNT_ERROR}}<p class="field-error" id="amount-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/AMOUNT_ERROR}}
<input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" maxlength="20" autocomplete="off" aria-describedby="amount-hint{{#AMOUNT_ERROR}} amount-error{{/AMOUNT_ERROR}}"{{#AMOUNT_ERROR}} aria-invalid="true"{{/AMOUNT_ERROR}}>
</div>
<div class="field">
<label for="min_order">Minimum order (optional)</label>
<p class="hint" id="min_order-hint">The coupon works only when the items it applies to come to at least this much, such as 30.00. Empty: no minimum.</p>
{{#MIN_ORDER_ERROR}}<p class="field-error" id="min_order-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/MIN_ORDER_ERROR}}
<input type="text" id="min_order" name="min_order" value="{{MIN_ORDER}}" inputmode="decimal" maxlength="20" autocomplete="off" aria-describedby="min_order-hint{{#MIN_ORDER_ERROR}} min_order-error{{/MIN_ORDER_ERROR}}"{{#MIN_ORDER_ERROR}} aria-invalid="true"{{/MIN_ORDER_ERROR}}>
</div>
</fieldset>
<fieldset>
<legend>What it applies to</legend>
{{#VENDOR_SHOP}}<p>Your items only ({{NAME}}); your shop bears the discount.</p>{{/VENDOR_SHOP}}
{{#ADMIN}}<div class="field">
<label for="vendor">Vendor (optional)</label>
<p class="hint" id="vendor-hint">Only this vendor's items. Empty: every vendor's.</p>
{{#VENDOR_ERROR}}<p class="field-error" id="vendor-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/VENDOR_ERROR}}
<select id="vendor" name="vendor" aria-describedby="vendor-hint{{#VENDOR_ERROR}} vendor-error{{/VENDOR_ERROR}}"{{#VENDOR_ERROR}} aria-invalid="true"{{/VENDOR_ERROR}}>
<option value="">Every vendor</option>
{{#VENDOR_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/VENDOR_OPTION}}</select>
</div>
{{/ADMIN}}<div class="field">
<label for="category">Category (optional)</label>
<p class="hint" id="category-hint">Only items in this category or a category below it. Empty: every category.</p>
{{#CATEGORY_ERROR}}<p class="field-error" id="category-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CATEGORY_ERROR}}
<select id="category" name="category" aria-describedby="category-hint{{#CATEGORY_ERROR}} category-error{{/CATEGORY_ERROR}}"{{#CATEGORY_ERROR}} aria-invalid="true"{{/CATEGORY_ERROR}}>
<option value="">Every category</option>
{{#CATEGORY_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CATEGORY_OPTION}}</select>
</div>
{{#ADMIN}}<div class="field">
<fieldset class="choices" aria-describedby="borne_by-hint{{#BORNE_BY_ERROR}} borne_by-error{{/BORNE_BY_ERROR}}">
<legend>Who bears the cost</legend>
<p class="hint" id="borne_by-hint">The marketplace, or the vendor chosen above (its share of each order is lowered by the discount).</p>
{{#BORNE_BY_ERROR}}<p class="field-error" id="borne_by-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BORNE_BY_ERROR}}
<label class="check"><input type="radio" id="borne_by" name="borne_by" value="marketplace"{{#BORNE_MARKETPLACE}} checked{{/BORNE_MARKETPLACE}}> The marketplace</label>
<label class="check"><input type="radio" id="borne_by-vendor" name="borne_by" value="vendor"{{#BORNE_VENDOR}} checked{{/BORNE_VENDOR}}> The vendor</label>
</fieldset>
</div>
{{/ADMIN}}</fieldset>
<fieldset>
<legend>When and how often</legend>
<div class="field">
<label for="starts">First day (optional)</label>
<p class="hint" id="starts-hint">Such as 2026-12-01. It works from the start of this day (UTC). Empty: from now.</p>
{{#STARTS_ERROR}}<p class="field-error" id="starts-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/STARTS_ERROR}}
<input type="text" id="starts" name="starts" value="{{STARTS}}" maxlength="10" inputmode="numeric" autocomplete="off" aria-describedby="starts-hint{{#STARTS_ERROR}} starts-error{{/STARTS_ERROR}}"{{#STARTS_ERROR}} aria-invalid="true"{{/STARTS_ERROR}}>
</div>
<div class="field">
<label for="ends">Last day (optional)</label>
<p class="hint" id="ends-hint">Such as 2026-12-31. It works until the end of this day (UTC). Empty: no end.</p>
{{#ENDS_ERROR}}<p class="field-error" id="ends-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ENDS_ERROR}}
<input type="text" id="ends" name="ends" value="{{ENDS}}" maxlength="10" inputmode="numeric" autocomplete="off" aria-describedby="ends-hint{{#ENDS_ERROR}} ends-error{{/ENDS_ERROR}}"{{#ENDS_ERROR}} aria-invalid="true"{{/ENDS_ERROR}}>
</div>
<div class="field">
<label for="max_uses">Total uses (optional)</label>
<p class="hint" id="max_uses-hint">How many orders may use it in all, such as 1 for a single-use code. Empty: no limit.</p>
{{#MAX_USES_ERROR}}<p class="field-error" id="max_uses-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/MAX_USES_ERROR}}
<input type="text" id="max_uses" name="max_uses" value="{{MAX_USES}}" maxlength="8" inputmode="numeric" autocomplete="off" aria-describedby="max_uses-hint{{#MAX_USES_ERROR}} max_uses-error{{/MAX_USES_ERROR}}"{{#MAX_USES_ERROR}} aria-invalid="true"{{/MAX_USES_ERROR}}>
</div>
<div class="field">
<label for="per_customer">Uses per customer (optional)</label>
<p class="hint" id="per_customer-hint">How many orders one customer may use it for (1 to 100). A guest with a customer's email address counts as that customer. Empty: no limit.</p>
{{#PER_CUSTOMER_ERROR}}<p class="field-error" id="per_customer-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PER_CUSTOMER_ERROR}}
<input type="text" id="per_customer" name="per_customer" value="{{PER_CUSTOMER}}" maxlength="3" inputmode="numeric" autocomplete="off" aria-describedby="per_customer-hint{{#PER_CUSTOMER_ERROR}} per_customer-error{{/PER_CUSTOMER_ERROR}}"{{#PER_CUSTOMER_ERROR}} aria-invalid="true"{{/PER_CUSTOMER_ERROR}}>
</div>
</fieldset>

{{%AUTOESCAPE context="HTML"}}
{{! A listing's fields (new and edit). Each field: value under its upper-cased
    name, <NAME>_ERROR {MESSAGE} when it is wrong (view_form_error). The
    category select: section GROUP {LABEL, section OPTION {VALUE, LABEL,
    section SELECTED}}. }}
<fieldset>
<legend>The product</legend>
<div class="field">
<label for="name">Name</label>
<p class="hint" id="name-hint">What it is, as shoppers would search for it: "Oak chopping board, 40 cm". 3 to 200 characters.</p>
{{#NAME_ERROR}}<p class="field-error" id="name-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NAME_ERROR}}
<input type="text" id="name" name="name" value="{{NAME}}" maxlength="200" required autocomplete="off" aria-describedby="name-hint{{#NAME_ERROR}} name-error{{/NAME_ERROR}}"{{#NAME_ERROR}} aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field">
<label for="description">Description</label>
<p class="hint" id="description-hint">Paragraphs are separated by a blank line. Start a line with "- " for a bulleted list, or "1. " for a numbered one. Up to 10,000 characters; no HTML.</p>
{{#DESCRIPTION_ERROR}}<p class="field-error" id="description-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/DESCRIPTION_ERROR}}
<textarea id="description" name="description" rows="10" required aria-describedby="description-hint{{#DESCRIPTION_ERROR}} description-error{{/DESCRIPTION_ERROR}}"{{#DESCRIPTION_ERROR}} aria-invalid="true"{{/DESCRIPTION_ERROR}}>{{DESCRIPTION:pre_escape}}</textarea>
</div>
<div class="field">
<label for="category">Category</label>
<p class="hint" id="category-hint">The most specific category that fits: shoppers browse by these.</p>
{{#CATEGORY_ERROR}}<p class="field-error" id="category-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CATEGORY_ERROR}}
<select id="category" name="category" required aria-describedby="category-hint{{#CATEGORY_ERROR}} category-error{{/CATEGORY_ERROR}}"{{#CATEGORY_ERROR}} aria-invalid="true"{{/CATEGORY_ERROR}}>
<option value="">Choose a category</option>
{{#GROUP}}<optgroup label="{{LABEL}}">
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</optgroup>
{{/GROUP}}</select>
</div>
</fieldset>
<fieldset>
<legend>Price</legend>
<div class="field">
<label for="price">Price</label>
<p class="hint" id="price-hint">In euros, like 12.50.</p>
{{#PRICE_ERROR}}<p class="field-error" id="price-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PRICE_ERROR}}
<input type="text" id="price" name="price" value="{{PRICE}}" inputmode="decimal" maxlength="20" required autocomplete="off" aria-describedby="price-hint{{#PRICE_ERROR}} price-error{{/PRICE_ERROR}}"{{#PRICE_ERROR}} aria-invalid="true"{{/PRICE_ERROR}}>
</div>
<div class="field">
<label for="compare_at">Compare-at price (optional)</label>
<p class="hint" id="compare_at-hint">An earlier, higher price: the shop shows the listing as a sale, with this price struck through. Leave it empty when there is no sale.</p>
{{#COMPARE_AT_ERROR}}<p class="field-error" id="compare_at-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/COMPARE_AT_ERROR}}
<input type="text" id="compare_at" name="compare_at" value="{{COMPARE_AT}}" inputmode="decimal" maxlength="20" autocomplete="off" aria-describedby="compare_at-hint{{#COMPARE_AT_ERROR}} compare_at-error{{/COMPARE_AT_ERROR}}"{{#COMPARE_AT_ERROR}} aria-invalid="true"{{/COMPARE_AT_ERROR}}>
</div>
</fieldset>
<fieldset>
<legend>Stock and shipping</legend>
<div class="field">
<label for="sku">SKU (optional)</label>
<p class="hint" id="sku-hint">Your own reference for the product: letters, digits and - _ . / (no spaces), unique among your listings.</p>
{{#SKU_ERROR}}<p class="field-error" id="sku-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/SKU_ERROR}}
<input type="text" id="sku" name="sku" value="{{SKU}}" maxlength="64" autocomplete="off" spellcheck="false" aria-describedby="sku-hint{{#SKU_ERROR}} sku-error{{/SKU_ERROR}}"{{#SKU_ERROR}} aria-invalid="true"{{/SKU_ERROR}}>
</div>
<div class="field">
<label for="stock">Stock</label>
<p class="hint" id="stock-hint">How many you can send now. At 0 the listing shows as sold out.</p>
{{#STOCK_ERROR}}<p class="field-error" id="stock-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/STOCK_ERROR}}
<input type="text" id="stock" name="stock" value="{{STOCK}}" inputmode="numeric" maxlength="8" required autocomplete="off" aria-describedby="stock-hint{{#STOCK_ERROR}} stock-error{{/STOCK_ERROR}}"{{#STOCK_ERROR}} aria-invalid="true"{{/STOCK_ERROR}}>
</div>
<div class="field">
<label for="low_stock_threshold">Low-stock warning</label>
<p class="hint" id="low_stock_threshold-hint">We warn you when stock falls to this number or below. 0 turns the warning off.</p>
{{#LOW_STOCK_THRESHOLD_ERROR}}<p class="field-error" id="low_stock_threshold-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/LOW_STOCK_THRESHOLD_ERROR}}
<input type="text" id="low_stock_threshold" name="low_stock_threshold" value="{{LOW_STOCK_THRESHOLD}}" inputmode="numeric" maxlength="7" autocomplete="off" aria-describedby="low_stock_threshold-hint{{#LOW_STOCK_THRESHOLD_ERROR}} low_stock_threshold-error{{/LOW_STOCK_THRESHOLD_ERROR}}"{{#LOW_STOCK_THRESHOLD_ERROR}} aria-invalid="true"{{/LOW_STOCK_THRESHOLD_ERROR}}>
</div>
<div class="field">
<label for="weight_grams">Weight in grams (optional)</label>
<p class="hint" id="weight_grams-hint">The weight of one packed unit, for shipping rates.</p>
{{#WEIGHT_GRAMS_ERROR}}<p class="field-error" id="weight_grams-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/WEIGHT_GRAMS_ERROR}}
<input type="text" id="weight_grams" name="weight_grams" value="{{WEIGHT_GRAMS}}" inputmode="numeric" maxlength="8" autocomplete="off" aria-describedby="weight_grams-hint{{#WEIGHT_GRAMS_ERROR}} weight_grams-error{{/WEIGHT_GRAMS_ERROR}}"{{#WEIGHT_GRAMS_ERROR}} aria-invalid="true"{{/WEIGHT_GRAMS_ERROR}}>
</div>
</fieldset>

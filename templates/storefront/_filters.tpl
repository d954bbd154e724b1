{{%AUTOESCAPE context="HTML"}}
<form class="filters" method="get" action="{{ACTION}}" aria-labelledby="filters-title">
<h2 id="filters-title">Refine</h2>
{{#KEEP_Q}}<input type="hidden" name="q" value="{{Q}}">{{/KEEP_Q}}
{{#KEEP}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/KEEP}}
<div class="field field-wide">
<label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">
{{#SORT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT_OPTION}}</select>
</div>
<div class="field">
<label for="f-min">Min price ({{CURRENCY}})</label>
<input id="f-min" type="number" name="min_price" value="{{MIN_PRICE}}" min="0" step="0.01" inputmode="decimal">
</div>
<div class="field">
<label for="f-max">Max price ({{CURRENCY}})</label>
<input id="f-max" type="number" name="max_price" value="{{MAX_PRICE}}" min="0" step="0.01" inputmode="decimal">
</div>
<div class="check">
<input id="f-stock" type="checkbox" name="in_stock" value="1"{{#IN_STOCK}} checked{{/IN_STOCK}}>
<label for="f-stock">In stock only</label>
</div>
<div class="actions">
<button class="button" type="submit">Apply</button>
{{#CAN_CLEAR}}<a href="{{CLEAR_URL}}">Clear filters</a>{{/CAN_CLEAR}}
</div>
</form>

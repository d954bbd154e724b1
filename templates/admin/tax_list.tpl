{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-tax">
<div class="page-head">
<h1>Tax rates</h1>
<p>Prices include tax. The rate of a product's category says how much of its price is tax, on the order and on the invoice. A sub-category without a rate of its own has its top category's; a top category without one has none. A change applies to orders placed from now on.</p>
</div>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Category</th><th scope="col">In force</th><th scope="col">Own rate (%)</th></tr></thead>
<tbody>
{{#CATEGORY}}<tr id="category-{{ID}}" class="depth-{{DEPTH}}">
<td data-label="Category">{{#TOP}}<strong>{{NAME}}</strong>{{/TOP}}{{#SUB}}<span class="sub-category">{{NAME}}</span>{{/SUB}}</td>
<td data-label="In force">{{IN_FORCE}}{{#INHERITED}} <span class="muted">(top category's)</span>{{/INHERITED}}</td>
<td data-label="Own rate (%)"><form class="inline-form" action="/admin/tax/{{ID}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label class="visually-hidden" for="rate-{{ID}}">Own tax rate of {{NAME}} in percent</label>
<input type="text" id="rate-{{ID}}" name="rate" value="{{RATE}}" size="6" inputmode="decimal" autocomplete="off">
<button type="submit" class="button button-small">Save</button>
</form></td>
</tr>
{{/CATEGORY}}</tbody>
</table>
</div>
</div>

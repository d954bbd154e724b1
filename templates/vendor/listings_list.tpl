{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your listings</h1>
<p>Everything you have listed, whatever its state.</p>
</div>
<section class="notice new-listing" aria-labelledby="new-listing-title">
<h2 id="new-listing-title">New listing</h2>
{{#CAN_ADD}}<p><a class="button" href="/vendor/listings/new">New listing</a></p>{{/CAN_ADD}}
{{#CANNOT_PUBLISH}}<div id="new-listing-why">
<p>You can prepare listings as drafts now. You can publish them once:</p>
<ul>
{{#NEEDS_VERIFIED_SHOP}}<li>we have verified your shop (<a href="/vendor/">see where it stands</a>);</li>
{{/NEEDS_VERIFIED_SHOP}}{{#NEEDS_VERIFIED_EMAIL}}<li>you have verified your email address (<a href="/verify">verify it now</a>).</li>
{{/NEEDS_VERIFIED_EMAIL}}</ul>
<p>Questions? Write to <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a>.</p>
</div>{{/CANNOT_PUBLISH}}
{{#BLOCKED}}<p id="new-listing-why">{{WHY}}</p>{{/BLOCKED}}
{{#CAN_ADD}}<p>Many at once: <a href="/vendor/listings/import">import a CSV file</a> &middot; <a href="/vendor/listings/export.csv" download>download your listings as a CSV file</a></p>{{/CAN_ADD}}
</section>
<form class="listing-tools" action="/vendor/listings" method="get" role="search" aria-label="Your listings">
<div class="field">
<label for="q">Name or SKU</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100">
</div>
<div class="field">
<label for="status">Show</label>
<select id="status" name="status">
{{#FILTER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FILTER_OPTION}}</select>
</div>
<div class="field">
<label for="sort">Sort</label>
<select id="sort" name="sort">
{{#SORT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT_OPTION}}</select>
</div>
<button type="submit" class="button">Show</button>
</form>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#NO_PRODUCTS}}<div class="empty">
<p>You have no listings yet.</p>
</div>{{/NO_PRODUCTS}}
{{#NO_MATCH}}<div class="empty">
<p>None of your listings match. <a href="/vendor/listings">Show them all</a>.</p>
</div>{{/NO_MATCH}}
{{#HAS_PRODUCTS}}<p class="result-count">{{RESULT_TEXT}}</p>
<form action="/vendor/listings/bulk" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#KEEP}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/KEEP}}<fieldset class="bulk">
<legend>With the ticked listings</legend>
{{#ID_ERROR}}<p class="field-error" id="id-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ID_ERROR}}
<div class="field">
<label for="action">Do</label>
<select id="action" name="action">
<option value="archive">Archive (take out of the shop)</option>
<option value="restore">Restore as drafts</option>
<option value="stock">Set the stock to</option>
</select>
</div>
<div class="field">
<label for="stock">Stock (for "Set the stock to")</label>
{{#STOCK_ERROR}}<p class="field-error" id="stock-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/STOCK_ERROR}}
<input type="text" id="stock" name="stock" value="{{STOCK}}" inputmode="numeric" maxlength="8" autocomplete="off"{{#STOCK_ERROR}} aria-invalid="true" aria-describedby="stock-error"{{/STOCK_ERROR}}>
</div>
<button type="submit" class="button">Apply</button>
</fieldset>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Your listings</caption>
<thead>
<tr><th scope="col"><span class="visually-hidden">Tick</span></th><th scope="col">Product</th><th scope="col">Price</th><th scope="col">Stock</th><th scope="col">State</th></tr>
</thead>
<tbody>
{{#PRODUCT}}<tr class="state-{{STATE}}">
<td><input type="checkbox" name="id" value="{{ID}}" id="tick-{{ID}}"><label for="tick-{{ID}}" class="visually-hidden">Tick {{NAME}}</label></td>
<th scope="row"><a href="/vendor/listings/{{ID}}/edit">{{NAME}}</a>{{#HAS_SKU}}<br><span class="muted">SKU {{SKU}}</span>{{/HAS_SKU}}{{#LIVE}}<br><a href="{{URL}}">View in the shop<span class="visually-hidden">: {{NAME}}</span></a>{{/LIVE}}<br><a href="/vendor/listings/{{ID}}/images">Pictures<span class="visually-hidden"> of {{NAME}}</span></a></th>
<td class="num">{{PRICE}}{{#WAS}}<br><s class="muted"><span class="visually-hidden">was </span>{{WAS_PRICE}}</s>{{/WAS}}</td>
<td class="num">{{#LOW_STOCK}}<span class="stock-low">{{/LOW_STOCK}}{{STOCK}}{{#LOW_STOCK}} (low)</span>{{/LOW_STOCK}}<br><a href="/vendor/listings/{{ID}}/stock">Change<span class="visually-hidden"> the stock of {{NAME}}</span></a></td>
<td>{{STATE_LABEL}}</td>
</tr>
{{/PRODUCT}}</tbody>
</table>
</div>
</form>
{{>PAGINATION}}{{/HAS_PRODUCTS}}
</div>

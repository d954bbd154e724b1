{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your listings</h1>
<p>Everything you have listed, newest first, whatever its state.</p>
</div>
<section class="notice new-listing" aria-labelledby="new-listing-title">
<h2 id="new-listing-title">New listing</h2>
<p><button type="button" class="button" disabled aria-describedby="new-listing-why">New listing</button></p>
<div id="new-listing-why">
{{#CANNOT_LIST}}<p>You can add listings once:</p>
<ul>
{{#NEEDS_VERIFIED_SHOP}}<li>we have verified your shop (<a href="/vendor/">see where it stands</a>);</li>
{{/NEEDS_VERIFIED_SHOP}}{{#NEEDS_VERIFIED_EMAIL}}<li>you have verified your email address (<a href="/verify">verify it now</a>).</li>
{{/NEEDS_VERIFIED_EMAIL}}</ul>{{/CANNOT_LIST}}
{{#CAN_LIST}}<p>Your shop and your email address are verified. Adding listings here is not open yet: it is coming to the portal soon.</p>{{/CAN_LIST}}
</div>
</section>
{{#NO_PRODUCTS}}<div class="empty">
<p>You have no listings yet.</p>
</div>{{/NO_PRODUCTS}}
{{#HAS_PRODUCTS}}<p class="result-count">{{RESULT_TEXT}}</p>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Your listings</caption>
<thead>
<tr><th scope="col">Product</th><th scope="col">Price</th><th scope="col">Stock</th><th scope="col">State</th></tr>
</thead>
<tbody>
{{#PRODUCT}}<tr class="state-{{STATE}}">
<th scope="row">{{NAME}}{{#LIVE}}<br><a href="{{URL}}">View in the shop<span class="visually-hidden">: {{NAME}}</span></a>{{/LIVE}}</th>
<td class="num">{{PRICE}}</td>
<td class="num">{{STOCK}}</td>
<td>{{STATE_LABEL}}</td>
</tr>
{{/PRODUCT}}</tbody>
</table>
</div>
{{>PAGINATION}}{{/HAS_PRODUCTS}}
</div>

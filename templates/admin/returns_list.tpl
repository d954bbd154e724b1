{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-returns">
<div class="page-head">
<h1>Returns</h1>
<p>Returns the customers escalated after a shop refused them come first: accept one with instructions, or close it with a note. Then every other open return.</p>
</div>
{{#NO_RETURNS}}<div class="empty"><p>No open return.</p></div>{{/NO_RETURNS}}
{{#HAS_RETURNS}}<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Open returns</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Shop</th><th scope="col">Asked on</th><th scope="col">Reason</th><th scope="col">To pay back</th><th scope="col">State</th></tr></thead>
<tbody>
{{#RETURN}}<tr>
<th scope="row" data-label="Order"><a href="/admin/returns/{{ID}}">{{NUMBER}}</a></th>
<td data-label="Shop">{{SHOP}}</td>
<td data-label="Asked on">{{REQUESTED}}</td>
<td data-label="Reason">{{REASON}}</td>
<td data-label="To pay back" class="num">{{AMOUNT}}</td>
<td data-label="State">{{STATE}}</td>
</tr>
{{/RETURN}}</tbody>
</table>
</div>{{/HAS_RETURNS}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-coupons">
<div class="page-head">
<h1>Coupons</h1>
<p>Codes shoppers type at checkout. Vendors make their own for their items on the vendor portal; they are listed here too.</p>
<p><a class="button" href="/admin/coupons/new">New coupon</a></p>
</div>
{{#NO_COUPONS}}<div class="empty"><p>There is no coupon yet.</p></div>{{/NO_COUPONS}}
{{#HAS_COUPONS}}<p class="result-count">{{RESULT_TEXT}}</p>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Code</th><th scope="col">Discount</th><th scope="col">Applies to</th><th scope="col">Borne by</th><th scope="col">Valid</th><th scope="col">Uses</th><th scope="col">Per customer</th><th scope="col">State</th><th scope="col">Made by</th></tr></thead>
<tbody>
{{#COUPON}}<tr>
<td data-label="Code"><a href="{{URL}}"><code>{{CODE}}</code></a>{{#HAS_NOTE}}<br><span class="hint">{{NOTE}}</span>{{/HAS_NOTE}}</td>
<td data-label="Discount">{{DISCOUNT}}</td>
<td data-label="Applies to">{{SCOPE}}</td>
<td data-label="Borne by">{{PAYER}}</td>
<td data-label="Valid">{{VALIDITY}}</td>
<td data-label="Uses">{{USES}}</td>
<td data-label="Per customer">{{PER_CUSTOMER}}</td>
<td data-label="State">{{STATE}}</td>
<td data-label="Made by">{{MADE_BY}}</td>
</tr>
{{/COUPON}}</tbody>
</table>
</div>
{{>PAGINATION}}{{/HAS_COUPONS}}
</div>

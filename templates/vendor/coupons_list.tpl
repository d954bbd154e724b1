{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your coupons</h1>
<p>Codes shoppers type at checkout for a discount on your items. Your shop bears the discount: your share of each order is lowered by it.</p>
</div>
<p><a class="button" href="/vendor/coupons/new">New coupon</a></p>
{{#NO_COUPONS}}<div class="empty">
<p>You have no coupons yet.</p>
</div>{{/NO_COUPONS}}
{{#HAS_COUPONS}}<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Your coupons</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Discount</th><th scope="col">Applies to</th><th scope="col">Valid</th><th scope="col">Uses</th><th scope="col">Per customer</th><th scope="col">State</th></tr></thead>
<tbody>
{{#COUPON}}<tr>
<th scope="row" data-label="Code"><a href="{{URL}}"><code>{{CODE}}</code></a>{{#HAS_NOTE}}<br><span class="hint">{{NOTE}}</span>{{/HAS_NOTE}}</th>
<td data-label="Discount">{{DISCOUNT}}</td>
<td data-label="Applies to">{{SCOPE}}</td>
<td data-label="Valid">{{VALIDITY}}</td>
<td data-label="Uses">{{USES}}</td>
<td data-label="Per customer">{{PER_CUSTOMER}}</td>
<td data-label="State">{{STATE}}</td>
</tr>
{{/COUPON}}</tbody>
</table>
</div>{{/HAS_COUPONS}}
{{#HAS_MARKETPLACE}}<section class="section" aria-labelledby="coupons-marketplace">
<h2 id="coupons-marketplace">The marketplace's coupons on your items</h2>
<p>Made by the marketplace's admins, borne by your shop. Write to the marketplace to change them.</p>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Code</th><th scope="col">Discount</th><th scope="col">Applies to</th><th scope="col">Valid</th><th scope="col">Uses</th><th scope="col">Per customer</th><th scope="col">State</th></tr></thead>
<tbody>
{{#MARKETPLACE_COUPON}}<tr>
<th scope="row" data-label="Code"><code>{{CODE}}</code></th>
<td data-label="Discount">{{DISCOUNT}}</td>
<td data-label="Applies to">{{SCOPE}}</td>
<td data-label="Valid">{{VALIDITY}}</td>
<td data-label="Uses">{{USES}}</td>
<td data-label="Per customer">{{PER_CUSTOMER}}</td>
<td data-label="State">{{STATE}}</td>
</tr>
{{/MARKETPLACE_COUPON}}</tbody>
</table>
</div>
</section>{{/HAS_MARKETPLACE}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-plans">
<div class="page-head">
<h1>Plans</h1>
<p>The terms vendors sell under. A change applies from now on; orders already placed keep the terms they were placed under. Move a vendor to another plan from the vendor's page.</p>
<p><a class="button" href="/admin/plans/new">New plan</a></p>
</div>
{{#NO_PLANS}}<div class="empty"><p>There is no plan yet.</p></div>{{/NO_PLANS}}
{{#HAS_PLANS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Plan</th><th scope="col">Commission</th><th scope="col">Listings</th><th scope="col">Promotion</th><th scope="col">Monthly fee</th><th scope="col">Vendors</th></tr></thead>
<tbody>
{{#PLAN}}<tr>
<td data-label="Plan"><a href="{{URL}}">{{NAME}}</a></td>
<td data-label="Commission">{{COMMISSION}}</td>
<td data-label="Listings">{{LISTING_LIMIT}}</td>
<td data-label="Promotion">{{PROMOTION_RATE}}</td>
<td data-label="Monthly fee">{{MONTHLY_FEE}}</td>
<td data-label="Vendors">{{VENDORS}}</td>
</tr>
{{/PLAN}}</tbody>
</table>
</div>{{/HAS_PLANS}}
</div>

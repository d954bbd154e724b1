{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-home">
<div class="page-head">
<h1>Admin</h1>
<p>Logged in as {{NAME}}.</p>
</div>
<section class="panel" aria-labelledby="queue-title">
<h2 id="queue-title">Verification queue</h2>
{{#HAS_PENDING}}<p><strong>{{PENDING}}</strong> {{NOUN}} waiting for verification{{#OLDEST}}, the oldest since {{DATE}}{{/OLDEST}}.</p>
<p><a class="button" href="/admin/vendors">Work through the queue</a></p>{{/HAS_PENDING}}
{{#NO_PENDING}}<p>No vendor is waiting for verification.</p>{{/NO_PENDING}}
</section>
<section class="panel" aria-labelledby="held-title">
<h2 id="held-title">Listings to review</h2>
{{#HAS_HELD}}<p><strong>{{HELD}}</strong> {{NOUN}} waiting for review before they are shown.</p>
<p><a class="button" href="/admin/listings/review">Review listings</a></p>{{/HAS_HELD}}
{{#NO_HELD}}<p>No listing is waiting for review.</p>{{/NO_HELD}}
</section>
<section class="panel" aria-labelledby="vendors-title">
<h2 id="vendors-title">Vendors</h2>
<div class="table-scroll">
<table class="data-table">
<thead><tr><th scope="col">Status</th><th scope="col">Vendors</th></tr></thead>
<tbody>
{{#VENDOR_ROW}}<tr><th scope="row"><a href="{{URL}}">{{LABEL}}</a></th><td>{{COUNT}}</td></tr>
{{/VENDOR_ROW}}</tbody>
</table>
</div>
</section>
<section class="panel" aria-labelledby="users-title">
<h2 id="users-title">Accounts</h2>
<div class="table-scroll">
<table class="data-table">
<thead><tr><th scope="col">Kind</th><th scope="col">Accounts</th></tr></thead>
<tbody>
{{#USER_ROW}}<tr><th scope="row"><a href="{{URL}}">{{LABEL}}</a></th><td>{{COUNT}}</td></tr>
{{/USER_ROW}}</tbody>
</table>
</div>
<p><a href="/admin/users">Find an account</a> · <a href="/admin/audit">Read the audit log</a></p>
</section>
</div>

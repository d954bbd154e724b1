{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Promotion of {{NAME}}</h1>
<p>{{DAYS}} days from {{FIRST_DAY}} to {{LAST_DAY}} (UTC), {{FEE}}: {{STATE}}.</p>
</div>
<p>An impression is one showing of your listing in a Sponsored place; a click, one visit of its page from there. The counts are brought up to date every minute.</p>
{{#NO_DAYS}}<div class="empty">
<p>No impressions yet.</p>
</div>{{/NO_DAYS}}
{{#HAS_DAYS}}<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Impressions and clicks per day</caption>
<thead>
<tr><th scope="col">Day (UTC)</th><th scope="col">Impressions</th><th scope="col">Clicks</th><th scope="col">Click rate</th></tr>
</thead>
<tbody>
{{#DAY}}<tr><th scope="row">{{DATE}}</th><td class="num">{{IMPRESSIONS}}</td><td class="num">{{CLICKS}}</td><td class="num">{{RATE}}</td></tr>
{{/DAY}}</tbody>
<tfoot>
<tr><th scope="row">Total</th><td class="num">{{TOTAL_IMPRESSIONS}}</td><td class="num">{{TOTAL_CLICKS}}</td><td class="num">{{TOTAL_RATE}}</td></tr>
</tfoot>
</table>
</div>{{/HAS_DAYS}}
<p><a href="/vendor/promotions">Back to your promotions</a></p>
</div>

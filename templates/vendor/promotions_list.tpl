{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your promotions</h1>
<p>A promotion shows one of your listings in the Sponsored places of the home page, of its categories and of the searches that find it, for the days you choose. It is paid from your balance; one that has not started can be cancelled and is refunded.</p>
</div>
{{#CAN_BUY}}<p><a class="button" href="/vendor/promotions/new">Promote a listing</a></p>{{/CAN_BUY}}
{{#NO_PROMOTIONS}}<div class="empty">
<p>You have no promotions yet.</p>
</div>{{/NO_PROMOTIONS}}
{{#HAS_RUNNING}}<section class="section" aria-labelledby="promotions-running">
<h2 id="promotions-running">Running</h2>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Running promotions</caption>
<thead>
<tr><th scope="col">Listing</th><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Price</th><th scope="col">State</th><th scope="col">Report</th></tr>
</thead>
<tbody>
{{#RUNNING_ROW}}<tr>
<th scope="row">{{NAME}}</th>
<td class="num">{{DAYS}}</td>
<td>{{FIRST_DAY}}</td>
<td>{{LAST_DAY}}</td>
<td class="num">{{FEE}}</td>
<td>{{STATE}}</td>
<td><a href="/vendor/promotions/{{ID}}/report">Report<span class="visually-hidden"> on {{NAME}} from {{FIRST_DAY}}</span></a></td>
</tr>
{{/RUNNING_ROW}}</tbody>
</table>
</div>
</section>{{/HAS_RUNNING}}
{{#HAS_SCHEDULED}}<section class="section" aria-labelledby="promotions-scheduled">
<h2 id="promotions-scheduled">Scheduled</h2>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Scheduled promotions</caption>
<thead>
<tr><th scope="col">Listing</th><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Price</th><th scope="col">State</th><th scope="col">Report</th></tr>
</thead>
<tbody>
{{#SCHEDULED_ROW}}<tr>
<th scope="row">{{NAME}}</th>
<td class="num">{{DAYS}}</td>
<td>{{FIRST_DAY}}</td>
<td>{{LAST_DAY}}</td>
<td class="num">{{FEE}}</td>
<td>{{STATE}}{{#CAN_CANCEL}}<form class="inline-form" action="/vendor/promotions/{{ID}}/cancel" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-small">Cancel and refund<span class="visually-hidden"> the promotion of {{NAME}} from {{FIRST_DAY}}</span></button>
</form>{{/CAN_CANCEL}}</td>
<td><a href="/vendor/promotions/{{ID}}/report">Report<span class="visually-hidden"> on {{NAME}} from {{FIRST_DAY}}</span></a></td>
</tr>
{{/SCHEDULED_ROW}}</tbody>
</table>
</div>
</section>{{/HAS_SCHEDULED}}
{{#HAS_PAST}}<section class="section" aria-labelledby="promotions-past">
<h2 id="promotions-past">Past</h2>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Past promotions</caption>
<thead>
<tr><th scope="col">Listing</th><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Price</th><th scope="col">State</th><th scope="col">Report</th></tr>
</thead>
<tbody>
{{#PAST_ROW}}<tr>
<th scope="row">{{NAME}}</th>
<td class="num">{{DAYS}}</td>
<td>{{FIRST_DAY}}</td>
<td>{{LAST_DAY}}</td>
<td class="num">{{FEE}}</td>
<td>{{STATE}}</td>
<td><a href="/vendor/promotions/{{ID}}/report">Report<span class="visually-hidden"> on {{NAME}} from {{FIRST_DAY}}</span></a></td>
</tr>
{{/PAST_ROW}}</tbody>
</table>
</div>
</section>{{/HAS_PAST}}
{{#HAS_CANCELLED}}<section class="section" aria-labelledby="promotions-cancelled">
<h2 id="promotions-cancelled">Cancelled</h2>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Cancelled promotions</caption>
<thead>
<tr><th scope="col">Listing</th><th scope="col">Days</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Price</th><th scope="col">State</th><th scope="col">Report</th></tr>
</thead>
<tbody>
{{#CANCELLED_ROW}}<tr>
<th scope="row">{{NAME}}</th>
<td class="num">{{DAYS}}</td>
<td>{{FIRST_DAY}}</td>
<td>{{LAST_DAY}}</td>
<td class="num">{{FEE}}</td>
<td>{{STATE}}</td>
<td><a href="/vendor/promotions/{{ID}}/report">Report<span class="visually-hidden"> on {{NAME}} from {{FIRST_DAY}}</span></a></td>
</tr>
{{/CANCELLED_ROW}}</tbody>
</table>
</div>
</section>{{/HAS_CANCELLED}}
</div>

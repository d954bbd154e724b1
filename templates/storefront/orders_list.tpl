{{%AUTOESCAPE context="HTML"}}
<div class="page account">
<div class="page-head">
<h1>Your orders</h1>
</div>
{{#NO_ORDERS}}<div class="empty">
<p>You have not ordered anything yet.</p>
</div>{{/NO_ORDERS}}
{{#HAS_ORDERS}}<p class="result-count">{{RESULT_TEXT}}</p>{{/HAS_ORDERS}}
<ul class="order-list">
{{#ORDER}}<li class="order-row">
<h2><a href="/orders/{{ORDER_ID}}">Order {{NUMBER}}</a></h2>
<p>Placed {{PLACED_AT}} · <span class="order-status order-status-{{STATUS}}">{{STATUS_LABEL}}</span> · {{TOTAL}}</p>
<ul class="order-parts">
{{#PART}}<li>{{SHOP}} ({{VO_NUMBER}}): <strong class="order-status order-status-{{VO_STATUS}}">{{VO_STATUS_LABEL}}</strong>{{#TRACKED}}, {{CARRIER}} <span class="tracking-number">{{TRACKING}}</span>{{/TRACKED}}</li>
{{/PART}}</ul>
</li>
{{/ORDER}}</ul>
{{>PAGINATION}}
</div>

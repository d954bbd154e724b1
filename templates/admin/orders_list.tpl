{{%AUTOESCAPE context="HTML"}}
<div class="page admin">
{{>ADMIN_NAV}}
<div class="page-head">
<h1>Orders</h1>
</div>
<form class="filters" action="/admin/orders" method="get" novalidate>
<label for="orders-status">Show</label>
<select id="orders-status" name="status">
<option value="">All orders</option>
{{#FILTER}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FILTER}}</select>
<label for="orders-q">Order number or customer's email</label>
<input id="orders-q" name="q" type="search" value="{{Q}}" maxlength="254">
<button type="submit" class="button">Show</button>
</form>
{{#NO_ORDERS}}<div class="empty"><p>No order matches.</p></div>{{/NO_ORDERS}}
{{#HAS_ORDERS}}<p class="result-count">{{RESULT_TEXT}}</p>{{/HAS_ORDERS}}
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Orders</caption>
<thead>
<tr><th scope="col">Order</th><th scope="col">Placed (UTC)</th><th scope="col">Customer</th><th scope="col" class="num">Total</th><th scope="col">Status</th><th scope="col">Shops</th></tr>
</thead>
<tbody>
{{#ORDER}}<tr>
<th scope="row"><a href="/admin/orders/{{ID}}">{{NUMBER}}</a></th>
<td>{{PLACED_AT}}</td>
<td>{{EMAIL}}</td>
<td class="num">{{TOTAL}}</td>
<td><span class="order-status order-status-{{STATUS}}">{{STATUS_LABEL}}</span></td>
<td>{{PARTS}}</td>
</tr>
{{/ORDER}}</tbody>
</table>
</div>
{{>PAGINATION}}
</div>

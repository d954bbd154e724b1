{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your orders</h1>
<p>Each order here is your part of a customer's order. Send the paid ones waiting under "To send", then mark them shipped with the carrier and tracking number: the customer is told at once.</p>
</div>
<form class="filters" action="/vendor/orders" method="get" novalidate>
<label for="orders-status">Show</label>
<select id="orders-status" name="status">
{{#FILTER}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FILTER}}</select>
<label for="orders-q">Order number</label>
<input id="orders-q" name="q" type="search" value="{{Q}}" maxlength="32" placeholder="BZ-000123">
<button type="submit" class="button">Show</button>
</form>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h2>Nothing was marked shipped</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#NOTHING_TO_SEND}}<div class="empty"><p>No paid order is waiting to be sent.</p></div>{{/NOTHING_TO_SEND}}
{{#NO_ORDERS}}<div class="empty"><p>No order matches.</p></div>{{/NO_ORDERS}}
{{#HAS_ORDERS}}<p class="result-count">{{RESULT_TEXT}}</p>{{/HAS_ORDERS}}
<form action="/vendor/orders/ship" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="status" value="{{FILTER_VALUE}}">
<div class="table-scroll">
<table class="data-table" id="id">
<caption class="visually-hidden">Orders</caption>
<thead>
<tr>{{#BULK}}<th scope="col"><span class="visually-hidden">Sent</span></th>{{/BULK}}<th scope="col">Order</th><th scope="col">Placed (UTC)</th><th scope="col">Ship to</th><th scope="col" class="num">Units</th><th scope="col" class="num">Total</th><th scope="col">Status</th>{{#BULK}}<th scope="col">Tracking number</th>{{/BULK}}</tr>
</thead>
<tbody>
{{#ORDER}}<tr>
{{#SHIPPABLE}}<td><input type="checkbox" name="id" value="{{ID}}" id="ship-{{ID}}" aria-label="Mark {{NUMBER}} shipped"></td>{{/SHIPPABLE}}
<th scope="row"><a href="/vendor/orders/{{ID}}">{{NUMBER}}</a></th>
<td>{{PLACED_AT}}</td>
<td>{{SHIP_NAME}}, {{SHIP_COUNTRY}}</td>
<td class="num">{{UNITS}}</td>
<td class="num">{{TOTAL}}</td>
<td><span class="order-status order-status-{{STATUS}}">{{STATUS_LABEL}}</span>{{#TRACKED}}<br>{{CARRIER}} <span class="tracking-number">{{TRACKING}}</span>{{/TRACKED}}</td>
{{#SHIPPABLE}}<td><input type="hidden" name="row" value="{{ID}}"><input type="text" name="tracking" maxlength="100" aria-label="Tracking number of {{NUMBER}}" autocomplete="off"></td>{{/SHIPPABLE}}
</tr>
{{/ORDER}}</tbody>
</table>
</div>
{{#BULK_FORM}}<div class="form-row" id="tracking">
<label for="carrier">Carrier of the ticked orders</label>
{{#CARRIER_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/CARRIER_ERROR}}
{{#TRACKING_ERROR}}<p class="field-error">{{MESSAGE}}</p>{{/TRACKING_ERROR}}
<input id="carrier" name="carrier" type="text" maxlength="60" list="carriers" value="{{CARRIER}}" required>
<datalist id="carriers">{{#CARRIER_OPTION}}<option value="{{NAME}}">{{/CARRIER_OPTION}}</datalist>
<button type="submit" class="button">Mark the ticked orders shipped</button>
</div>{{/BULK_FORM}}
</form>
{{>PAGINATION}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-refunds">
<div class="page-head">
<h1>Refunds</h1>
<p>Refunds the provider refused come first, each with a retry; a refused refund paid nothing back and changed nothing. Refunds marked "manual" are paid back by bank transfer by hand.</p>
</div>
<form class="form form-inline" method="get" action="/admin/refunds/new" novalidate>
<div class="field">
<label for="number">Refund a vendor order: its number</label>
<input id="number" name="number" type="text" maxlength="32" placeholder="BZ-000123-1">
</div>
<div class="actions"><button class="button" type="submit">Open the refund form</button></div>
</form>
{{#NO_REFUNDS}}<div class="empty"><p>No refund yet.</p></div>{{/NO_REFUNDS}}
{{#HAS_REFUNDS}}<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Refunds</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Amount</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">Provider's answer</th><th scope="col">Attempts</th><th scope="col">Asked</th></tr></thead>
<tbody>
{{#REFUND}}<tr class="refund-{{STATUS}}">
<th scope="row" data-label="Order">{{NUMBER}}</th>
<td data-label="Amount" class="num">{{AMOUNT}}</td>
<td data-label="State">{{STATUS}}{{#CAN_RETRY}}<form class="inline-form" method="post" action="/admin/refunds/{{ID}}/retry">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-small" type="submit">Retry<span class="visually-hidden"> the refund of {{NUMBER}}</span></button>
</form>{{/CAN_RETRY}}</td>
<td data-label="Reason">{{REASON}}</td>
<td data-label="Provider's answer">{{FAILURE}}</td>
<td data-label="Attempts" class="num">{{ATTEMPTS}}</td>
<td data-label="Asked">{{CREATED}}</td>
</tr>
{{/REFUND}}</tbody>
</table>
</div>{{/HAS_REFUNDS}}
</div>

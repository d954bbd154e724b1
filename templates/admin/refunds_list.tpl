{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-refunds">
<div class="page-head">
<h1>Refunds</h1>
<p>Refunds the provider refused come first, each with a retry; a refused refund paid nothing back and changed nothing. Refunds marked "manual" are paid back by bank transfer by hand. A pending refund is being confirmed with the payment provider: when the provider did not answer, the refund job asks it again with the same key, so it is never paid twice.</p>
</div>
<form class="form form-inline" method="get" action="/admin/refunds/new" novalidate>
<div class="field">
<label for="number">Refund a vendor order: its number</label>
<input id="number" name="number" type="text" maxlength="32" placeholder="BZ-000123-1">
</div>
<div class="actions"><button class="button" type="submit">Open the refund form</button></div>
</form>
{{#HAS_STUCK}}<section class="stuck-refunds" aria-labelledby="stuck-title">
<h2 id="stuck-title">Stuck: no answer for over {{STUCK_MINUTES}} minutes</h2>
<p>These refunds were started but their answer was never recorded (the provider did not answer, or the program stopped half way). The amount is held against the order and nothing else happened yet. The refund job settles them by asking the provider again with the same key, so a refund it made is not made twice; you can settle one now.</p>
<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Stuck refunds</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Amount</th><th scope="col">Paid back</th><th scope="col">Attempts</th><th scope="col">Asked</th><th scope="col">Waiting since</th><th scope="col">Action</th></tr></thead>
<tbody>
{{#STUCK}}<tr class="refund-stuck">
<th scope="row" data-label="Order">{{NUMBER}}</th>
<td data-label="Amount" class="num">{{AMOUNT}}</td>
<td data-label="Paid back">{{WAY}}</td>
<td data-label="Attempts" class="num">{{ATTEMPTS}}</td>
<td data-label="Asked">{{CREATED}}</td>
<td data-label="Waiting since">{{SINCE}}</td>
<td data-label="Action"><form class="inline-form" method="post" action="/admin/refunds/{{ID}}/settle">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-small" type="submit">Settle now<span class="visually-hidden"> the refund of {{NUMBER}}</span></button>
</form></td>
</tr>
{{/STUCK}}</tbody>
</table>
</div>
</section>{{/HAS_STUCK}}
{{#NO_REFUNDS}}<div class="empty"><p>No refund yet.</p></div>{{/NO_REFUNDS}}
{{#HAS_REFUNDS}}<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Refunds</caption>
<thead><tr><th scope="col">Order</th><th scope="col">Amount</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">Provider's answer</th><th scope="col">Attempts</th><th scope="col">Asked</th></tr></thead>
<tbody>
{{#REFUND}}<tr class="refund-{{STATUS}}">
<th scope="row" data-label="Order">{{NUMBER}}</th>
<td data-label="Amount" class="num">{{AMOUNT}}</td>
<td data-label="State">{{STATUS}}{{#CONFIRMING}}: being confirmed with the payment provider{{/CONFIRMING}}{{#CAN_RETRY}}<form class="inline-form" method="post" action="/admin/refunds/{{ID}}/retry">
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

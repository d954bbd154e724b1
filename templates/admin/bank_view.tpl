{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-bank">
<div class="page-head">
<h1>Bank transfers</h1>
<p>Money received on the marketplace's account, matched to the orders paid by bank transfer by the reference the payer wrote. An order is paid when what arrived reaches its total; anything beyond is an over-payment to pay back by hand.</p>
</div>
{{#IMPORT_PROBLEMS}}<div class="error-summary" role="alert" aria-labelledby="import-problems-title">
<h2 id="import-problems-title">Nothing was recorded: the statement has problems</h2>
<ul>{{#PROBLEM}}<li>{{TEXT}}</li>{{/PROBLEM}}{{#MORE}}<li>and {{COUNT}} more</li>{{/MORE}}</ul>
</div>{{/IMPORT_PROBLEMS}}
{{#IMPORTED}}<section class="panel" aria-labelledby="imported-title">
<h2 id="imported-title">Statement read</h2>
<p role="status">{{SUMMARY}}</p>
<ul class="import-lines">{{#LINE}}<li>Line {{LINE}}: {{TEXT}}</li>{{/LINE}}</ul>
</section>{{/IMPORTED}}
<section class="panel" aria-labelledby="record-title">
<h2 id="record-title">Record a transfer</h2>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was recorded: please correct what is marked below</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="/admin/payments/bank" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="received_on">Date received</label>
<p class="hint" id="received_on-hint">YYYY-MM-DD, as on the statement.</p>
{{#RECEIVED_ON_ERROR}}<p class="field-error" id="received_on-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/RECEIVED_ON_ERROR}}
<input type="text" id="received_on" name="received_on" value="{{RECEIVED_ON}}" required autocomplete="off" aria-describedby="received_on-hint"{{#RECEIVED_ON_ERROR}} aria-invalid="true"{{/RECEIVED_ON_ERROR}}>
</div>
<div class="field">
<label for="amount">Amount</label>
{{#AMOUNT_ERROR}}<p class="field-error" id="amount-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/AMOUNT_ERROR}}
<input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" required autocomplete="off"{{#AMOUNT_ERROR}} aria-invalid="true"{{/AMOUNT_ERROR}}>
</div>
<div class="field">
<label for="reference">Reference</label>
<p class="hint" id="reference-hint">As the payer wrote it; the order's reference is found in it.</p>
{{#REFERENCE_ERROR}}<p class="field-error" id="reference-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REFERENCE_ERROR}}
<input type="text" id="reference" name="reference" value="{{REFERENCE}}" maxlength="140" autocomplete="off" aria-describedby="reference-hint">
</div>
<div class="field">
<label for="payer">Payer</label>
{{#PAYER_ERROR}}<p class="field-error" id="payer-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PAYER_ERROR}}
<input type="text" id="payer" name="payer" value="{{PAYER}}" maxlength="140" autocomplete="off">
</div>
<div class="field">
<label for="order">Order number (when the reference names none)</label>
{{#ORDER_ERROR}}<p class="field-error" id="order-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ORDER_ERROR}}
<input type="text" id="order" name="order" value="{{ORDER}}" maxlength="32" autocomplete="off"{{#ORDER_ERROR}} aria-invalid="true"{{/ORDER_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Record the transfer</button></div>
</form>
</section>
<section class="panel" aria-labelledby="import-title">
<h2 id="import-title">Upload a statement</h2>
<p>A CSV file whose first line names the columns <code>date</code> (YYYY-MM-DD), <code>amount</code>, <code>reference</code> and, if you have it, <code>payer</code>. Outgoing amounts (negative) are skipped; a line uploaded before is not recorded twice.</p>
<form class="form" action="/admin/payments/bank/import" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="statement">Statement (CSV)</label>
<input type="file" id="statement" name="statement" accept=".csv,text/csv" required>
</div>
<div class="actions"><button type="submit" class="button">Read the statement</button></div>
</form>
</section>
{{#HAS_UNMATCHED}}<section class="panel" aria-labelledby="unmatched-title">
<h2 id="unmatched-title">Transfers that name no order</h2>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Reference</th><th scope="col">Payer</th><th scope="col">Assign to order</th></tr></thead>
<tbody>{{#UNMATCHED}}<tr>
<td data-label="Date">{{DATE}}</td><td data-label="Amount">{{AMOUNT}}</td><td data-label="Reference">{{REFERENCE}}</td><td data-label="Payer">{{PAYER}}</td>
<td><form class="inline-form" method="post" action="/admin/payments/bank/{{ID}}/assign" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label class="visually-hidden" for="assign-{{ID}}">Order number for the transfer of {{AMOUNT}} on {{DATE}}</label>
<input type="text" id="assign-{{ID}}" name="order" maxlength="32" placeholder="BZ-000123" autocomplete="off">
<button class="button button-small" type="submit">Assign</button>
</form></td>
</tr>{{/UNMATCHED}}</tbody>
</table>
</div>
</section>{{/HAS_UNMATCHED}}
{{#HAS_WAITING}}<section class="panel" aria-labelledby="waiting-title">
<h2 id="waiting-title">Orders waiting for a transfer</h2>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Order</th><th scope="col">Reference</th><th scope="col">Total</th><th scope="col">Received</th><th scope="col">Expires</th></tr></thead>
<tbody>{{#WAITING}}<tr><td data-label="Order">{{NUMBER}}</td><td data-label="Reference">{{REFERENCE}}</td><td data-label="Total">{{TOTAL}}</td><td data-label="Received">{{RECEIVED}}</td><td data-label="Expires">{{EXPIRES}}</td></tr>{{/WAITING}}</tbody>
</table>
</div>
</section>{{/HAS_WAITING}}
{{#HAS_TRANSFERS}}<section class="panel" aria-labelledby="transfers-title">
<h2 id="transfers-title">Latest matched transfers</h2>
<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Reference</th><th scope="col">Payer</th><th scope="col">Order</th><th scope="col">Counted</th><th scope="col">Over-paid</th><th scope="col">From</th></tr></thead>
<tbody>{{#TRANSFER}}<tr>
<td data-label="Date">{{DATE}}</td><td data-label="Amount">{{AMOUNT}}</td><td data-label="Reference">{{REFERENCE}}</td><td data-label="Payer">{{PAYER}}</td>
<td data-label="Order">{{ORDER}} ({{ORDER_STATUS}})</td><td data-label="Counted">{{APPLIED}}</td><td data-label="Over-paid">{{#EXCESS}}{{AMOUNT}}: pay back{{/EXCESS}}</td><td data-label="From">{{SOURCE}}</td>
</tr>{{/TRANSFER}}</tbody>
</table>
</div>
</section>{{/HAS_TRANSFERS}}
</div>

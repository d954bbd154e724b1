{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-payouts">
<div class="page-head">
<h1>Payouts</h1>
<p>Payouts of vendors' available balances, asked for by the vendor or by the schedule. Make the bank transfer, then mark the payout sent: the vendor's ledger gets the payout entry. Times are UTC.</p>
</div>
<form class="filters" action="/admin/payouts" method="get" aria-label="Show payouts">
<div class="field">
<label for="payouts-status">Show</label>
<select id="payouts-status" name="status">
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}</select>
</div>
<div class="actions"><button type="submit" class="button">Show</button></div>
</form>
<p class="result-count">{{RESULT_TEXT}}, totalling {{SUM}}{{#CAN_EXPORT}} · <a href="/admin/payouts.csv" download>Download the waiting payouts as CSV for the bank</a>{{/CAN_EXPORT}}</p>
{{#NO_PAYOUTS}}<div class="empty"><p>No payout here.</p></div>{{/NO_PAYOUTS}}
{{#HAS_PAYOUTS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Payout</th><th scope="col">Vendor</th><th scope="col">Requested (UTC)</th><th scope="col">How</th><th scope="col" class="num">Amount</th><th scope="col">Details</th></tr></thead>
<tbody>
{{#PAYOUT}}<tr>
<td data-label="Payout">{{ID}}</td>
<td data-label="Vendor"><a href="{{VENDOR_URL}}">{{VENDOR}}</a> · <a href="{{LEDGER_URL}}">ledger</a></td>
<td data-label="Requested (UTC)">{{REQUESTED_AT}}</td>
<td data-label="How">{{SOURCE}}</td>
<td data-label="Amount" class="num">{{AMOUNT}}</td>
<td data-label="Details">{{#SENT}}Sent {{AT}}{{/SENT}}{{#REFERENCE}}, transfer {{TEXT}}{{/REFERENCE}}{{#CANCELLED}}Cancelled {{AT}}: {{REASON}}{{/CANCELLED}}
{{#ACTIONS}}<form class="inline-form" action="{{SENT_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="reference-{{ID}}">Transfer reference</label>
<input type="text" id="reference-{{ID}}" name="reference" maxlength="64" autocomplete="off">
<button type="submit" class="button">Mark sent</button>
</form>
<form class="inline-form" action="{{CANCEL_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="reason-{{ID}}">Reason to cancel (the vendor reads it)</label>
<input type="text" id="reason-{{ID}}" name="reason" maxlength="500" required>
<button type="submit" class="button button-danger">Cancel</button>
</form>{{/ACTIONS}}</td>
</tr>
{{/PAYOUT}}</tbody>
</table>
</div>{{/HAS_PAYOUTS}}
{{>PAGINATION}}
{{#SCHEDULE}}<section class="panel" aria-labelledby="schedule-title">
<h2 id="schedule-title">Schedule</h2>
<p>Payouts requested without the vendor asking: each verified vendor's whole available balance, when it reaches the minimum.{{#UPDATED}} Last changed {{AT}}.{{/UPDATED}}</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">The schedule was not changed: please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="/admin/payouts/schedule" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="frequency">When</label>
{{#FREQUENCY_ERROR}}<p class="field-error" id="frequency-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/FREQUENCY_ERROR}}
<select id="frequency" name="frequency"{{#FREQUENCY_ERROR}} aria-invalid="true" aria-describedby="frequency-error"{{/FREQUENCY_ERROR}}>
{{#FREQUENCY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FREQUENCY_OPTION}}</select>
</div>
<div class="field">
<label for="minimum">Minimum amount</label>
<p class="hint" id="minimum-hint">Such as 25.00; a smaller balance waits for the next time.</p>
{{#MINIMUM_ERROR}}<p class="field-error" id="minimum-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/MINIMUM_ERROR}}
<input type="text" id="minimum" name="minimum" value="{{MINIMUM}}" inputmode="decimal" autocomplete="off" aria-describedby="minimum-hint{{#MINIMUM_ERROR}} minimum-error{{/MINIMUM_ERROR}}"{{#MINIMUM_ERROR}} aria-invalid="true"{{/MINIMUM_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Save the schedule</button></div>
</form>
</section>{{/SCHEDULE}}
</div>

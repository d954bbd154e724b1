{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your payouts</h1>
<p>What you earn from an order (its sale less the commission) is held until the order is delivered and its return window of {{RETURN_DAYS}} days has passed; then it is available to pay out to your bank account. Fees are taken from it at once. Times are UTC.</p>
</div>
<section class="panel" aria-labelledby="money-title">
<h2 id="money-title">Your money</h2>
<dl class="facts">
<dt>Balance</dt><dd>{{BALANCE}}</dd>
<dt>Held</dt><dd>{{HELD}}</dd>
<dt>Payouts on their way</dt><dd>{{REQUESTED}}</dd>
<dt>Available</dt><dd><strong class="available">{{AVAILABLE}}</strong></dd>
</dl>
{{#CAN_REQUEST}}<form action="/vendor/payouts" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">Request a payout of {{AVAILABLE}}</button>
</form>{{/CAN_REQUEST}}
{{#NOTHING_AVAILABLE}}<p class="muted">Nothing is available to pay out now.</p>{{/NOTHING_AVAILABLE}}
<p><a href="/vendor/ledger">Every entry of your ledger</a></p>
</section>
<section aria-labelledby="payouts-title">
<h2 id="payouts-title">Payouts</h2>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_PAYOUTS}}<div class="empty"><p>No payout yet.</p></div>{{/NO_PAYOUTS}}
{{#HAS_PAYOUTS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Requested (UTC)</th><th scope="col">How</th><th scope="col" class="num">Amount</th><th scope="col">State</th><th scope="col">Details</th></tr></thead>
<tbody>
{{#PAYOUT}}<tr>
<td data-label="Requested (UTC)">{{REQUESTED_AT}}</td>
<td data-label="How">{{SOURCE}}</td>
<td data-label="Amount" class="num">{{AMOUNT}}</td>
<td data-label="State"><span class="status-badge status-{{STATUS_CLASS}}">{{STATUS}}</span></td>
<td data-label="Details">{{#SENT}}Sent {{AT}}{{/SENT}}{{#REFERENCE}}, transfer {{TEXT}}{{/REFERENCE}}{{#CANCELLED}}Cancelled {{AT}}: {{REASON}}{{/CANCELLED}}</td>
</tr>
{{/PAYOUT}}</tbody>
</table>
</div>{{/HAS_PAYOUTS}}
{{>PAGINATION}}
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
{{! A vendor's ledger: the balance, the filters, the entries (ledger_page_fill). }}
<p class="balance">Balance: <strong{{#BALANCE_NEGATIVE}} class="amount-negative"{{/BALANCE_NEGATIVE}}>{{BALANCE}}</strong></p>
<form class="filters" action="{{ACTION}}" method="get" aria-label="Filter the ledger">
<div class="field">
<label for="ledger-kind">Kind</label>
<select id="ledger-kind" name="kind">
<option value="">All kinds</option>
{{#KIND_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/KIND_OPTION}}</select>
</div>
<div class="field">
<label for="ledger-from">From</label>
<input type="date" id="ledger-from" name="from" value="{{FROM}}">
</div>
<div class="field">
<label for="ledger-to">To</label>
<input type="date" id="ledger-to" name="to" value="{{TO}}">
</div>
<div class="actions">
<button type="submit" class="button">Filter</button>
{{#FILTERED}}<a href="{{URL}}">Show everything</a>{{/FILTERED}}
</div>
</form>
<p class="result-count">{{RESULT_TEXT}}, totalling {{SUM}}{{#CSV}} · <a href="{{URL}}" download>Download as CSV</a>{{/CSV}}</p>
{{#NO_ENTRIES}}<div class="empty"><p>No entry matches.</p></div>{{/NO_ENTRIES}}
{{#HAS_ENTRIES}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Kind</th><th scope="col">Reference</th><th scope="col">Note</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
{{#ENTRY}}<tr>
<td data-label="When (UTC)">{{AT}}</td>
<td data-label="Kind">{{KIND}}</td>
<td data-label="Reference">{{REFERENCE}}</td>
<td data-label="Note">{{NOTE}}</td>
<td data-label="Amount" class="num amount-{{SIGN}}">{{AMOUNT}}</td>
</tr>
{{/ENTRY}}</tbody>
</table>
</div>{{/HAS_ENTRIES}}
{{>PAGINATION}}

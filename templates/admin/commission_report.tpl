{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-commission">
<div class="page-head">
<h1>Commission revenue</h1>
<p>The commission charged on paid orders, less what was given back with refunds, by period and vendor, newest first. Times are UTC.</p>
</div>
<form class="filters" action="/admin/commission" method="get" aria-label="Filter the report">
<div class="field">
<label for="commission-by">By</label>
<select id="commission-by" name="by">
<option value="month"{{#BY_MONTH}} selected{{/BY_MONTH}}>Month</option>
<option value="day"{{#BY_DAY}} selected{{/BY_DAY}}>Day</option>
</select>
</div>
<div class="field">
<label for="commission-from">From</label>
<input type="date" id="commission-from" name="from" value="{{FROM}}">
</div>
<div class="field">
<label for="commission-to">To</label>
<input type="date" id="commission-to" name="to" value="{{TO}}">
</div>
<div class="field">
<label for="commission-vendor">Vendor</label>
<select id="commission-vendor" name="vendor">
<option value="">All vendors</option>
{{#VENDOR_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/VENDOR_OPTION}}</select>
</div>
<div class="actions"><button type="submit" class="button">Show</button></div>
</form>
<p class="result-count">Charged {{CHARGED}}, given back {{RETURNED}}, net <strong>{{NET}}</strong></p>
{{#NO_ROWS}}<div class="empty"><p>No commission in this selection.</p></div>{{/NO_ROWS}}
{{#HAS_ROWS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Period</th><th scope="col">Vendor</th><th scope="col" class="num">Charged</th><th scope="col" class="num">Given back</th><th scope="col" class="num">Net</th></tr></thead>
{{#PERIOD}}<tbody>
{{#ROW}}<tr>
<td data-label="Period">{{PERIOD}}</td>
<td data-label="Vendor"><a href="{{VENDOR_URL}}">{{VENDOR_NAME}}</a></td>
<td data-label="Charged" class="num">{{CHARGED}}</td>
<td data-label="Given back" class="num">{{RETURNED}}</td>
<td data-label="Net" class="num">{{NET}}</td>
</tr>
{{/ROW}}<tr class="subtotal"><th scope="row" colspan="4">Total of {{PERIOD}}</th><td class="num"><strong>{{PERIOD_NET}}</strong></td></tr>
</tbody>
{{/PERIOD}}</table>
</div>{{/HAS_ROWS}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Stock of {{NAME}}</h1>
<p class="stock-now">In stock: <strong id="stock-now">{{STOCK}}</strong>{{#SOLD_OUT}} <span class="badge">Sold out</span>{{/SOLD_OUT}}</p>
<p>Every change is kept below with its reason and who made it. <a href="/vendor/listings">Back to your listings</a></p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section aria-labelledby="stock-change-title">
<h2 id="stock-change-title">Change the stock</h2>
<form class="form" action="/vendor/listings/{{ID}}/stock" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="change">Units to add</label>
<p class="hint" id="change-hint">A number of units: 12 adds twelve, -3 takes three away.</p>
{{#CHANGE_ERROR}}<p class="field-error" id="change-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CHANGE_ERROR}}
<input type="text" id="change" name="change" value="{{CHANGE}}" inputmode="numeric" required autocomplete="off" aria-describedby="change-hint{{#CHANGE_ERROR}} change-error{{/CHANGE_ERROR}}"{{#CHANGE_ERROR}} aria-invalid="true"{{/CHANGE_ERROR}}>
</div>
<div class="field">
<label for="reason">Reason</label>
{{#REASON_ERROR}}<p class="field-error" id="reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
<select id="reason" name="reason"{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>
{{#REASON_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/REASON_OPTION}}</select>
</div>
<div class="field">
<label for="note">Note <span class="optional">(optional)</span></label>
<p class="hint" id="note-hint">For your records: a delivery note, what broke. Up to 500 characters.</p>
{{#NOTE_ERROR}}<p class="field-error" id="note-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NOTE_ERROR}}
<input type="text" id="note" name="note" value="{{NOTE}}" maxlength="500" autocomplete="off" aria-describedby="note-hint{{#NOTE_ERROR}} note-error{{/NOTE_ERROR}}"{{#NOTE_ERROR}} aria-invalid="true"{{/NOTE_ERROR}}>
</div>
<div class="actions">
<button type="submit" class="button">Change the stock</button>
</div>
</form>
</section>
<section aria-labelledby="stock-history-title">
<h2 id="stock-history-title">History</h2>
{{#NO_HISTORY}}<p class="empty">No change has been recorded yet.</p>{{/NO_HISTORY}}
{{#HAS_HISTORY}}<p class="result-count">{{RESULT_TEXT}}</p>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Changes of the stock, newest first</caption>
<thead>
<tr><th scope="col">When (UTC)</th><th scope="col">Change</th><th scope="col">Reason</th><th scope="col">Note</th><th scope="col">In stock after</th><th scope="col">By</th></tr>
</thead>
<tbody>
{{#CHANGE}}<tr class="stock-{{DIRECTION}}">
<td>{{WHEN}}</td>
<td class="num">{{DELTA}}</td>
<td>{{REASON}}</td>
<td>{{NOTE}}</td>
<td class="num">{{AFTER}}</td>
<td>{{WHO}}</td>
</tr>
{{/CHANGE}}</tbody>
</table>
</div>
{{>PAGINATION}}{{/HAS_HISTORY}}
</section>
</div>

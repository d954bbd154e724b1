{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-listing">
<div class="page-head">
<h1>{{NAME}}</h1>
<p>From <a href="{{VENDOR_URL}}">{{VENDOR}}</a> · submitted {{SUBMITTED}}{{#LIVE}} · <a href="{{URL}}">Live in the shop</a>{{/LIVE}}</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}

<section class="panel" aria-labelledby="listing-title">
<h2 id="listing-title">The listing</h2>
<p>Why it is held: {{CAUSE}}</p>
{{#NEW_LISTING}}<p>A new listing: no version of it was approved before.</p>{{/NEW_LISTING}}
{{#NOTHING_CHANGED}}<p>Nothing changed since the version last approved.</p>{{/NOTHING_CHANGED}}
<div class="table-scroll">
<table class="data-table listing-diff">
<thead><tr><th scope="col">Field</th><th scope="col">Last approved</th><th scope="col">Submitted</th></tr></thead>
<tbody>
{{#FIELD}}<tr{{#DIFFERS}} class="changed"{{/DIFFERS}}>
<th scope="row">{{LABEL}}{{#DIFFERS}} <span class="status-badge status-pending">Changed</span>{{/DIFFERS}}</th>
<td>{{#FIRST}}—{{/FIRST}}{{#OLD}}{{VALUE}}{{#LINES}}{{#LINE}}{{TEXT}}<br>{{/LINE}}{{/LINES}}{{#PICTURES}}{{#PICTURE}}<img src="{{URL}}" alt="{{ALT}}" width="120"> {{ALT}}<br>{{/PICTURE}}{{#NO_PICTURES}}none{{/NO_PICTURES}}{{/PICTURES}}{{/OLD}}</td>
<td>{{#NEW}}{{VALUE}}{{#LINES}}{{#LINE}}{{TEXT}}<br>{{/LINE}}{{/LINES}}{{#PICTURES}}{{#PICTURE}}<img src="{{URL}}" alt="{{ALT}}" width="120"> {{ALT}}<br>{{/PICTURE}}{{#NO_PICTURES}}none{{/NO_PICTURES}}{{/PICTURES}}{{/NEW}}</td>
</tr>
{{/FIELD}}</tbody>
</table>
</div>
</section>

<section class="panel" id="decision" tabindex="-1" aria-labelledby="decision-title">
<h2 id="decision-title">Decision</h2>
{{#DECIDED}}<p>{{#APPROVED}}Approved{{/APPROVED}}{{#REJECTED}}Rejected{{/REJECTED}} {{AT}} by {{BY}}.</p>
{{#REJECTED}}<p>Reason: {{REASON}}</p>{{/REJECTED}}{{/DECIDED}}
{{#OPEN}}<form class="form" action="{{APPROVE_ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="review" value="{{REVIEW}}">
<input type="hidden" name="revision" value="{{REVISION}}">
<p>Approving makes the listing live in the shop at once and tells the vendor by email.</p>
<div class="actions"><button type="submit" class="button">Approve listing</button></div>
</form>
<form class="form" action="{{REJECT_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="review" value="{{REVIEW}}">
<input type="hidden" name="revision" value="{{REVISION}}">
<fieldset>
<legend>Reject</legend>
<div class="field">
<label for="reason">Reason, sent to the vendor</label>
<p class="hint" id="reason-hint">10 to 2,000 characters. Say what is wrong and what to change; the vendor reads it in a mail and on the listing, and can edit it and publish it again.</p>
{{#REASON_ERROR}}<p class="field-error" id="reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
<textarea id="reason" name="reason" rows="5" maxlength="2000" required aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON}}</textarea>
</div>
<div class="actions"><button type="submit" class="button button-danger">Reject listing</button></div>
</fieldset>
</form>{{/OPEN}}
</section>

{{#HAS_HISTORY}}<section class="panel" aria-labelledby="history-title">
<h2 id="history-title">Earlier reviews</h2>
<ul>
{{#HISTORY}}<li>Submitted {{SUBMITTED}} as “{{NAME}}”: {{#APPROVED}}approved {{AT}} by {{BY}}{{/APPROVED}}{{#REJECTED}}rejected {{AT}} by {{BY}}: {{REASON}}{{/REJECTED}}{{#PENDING}}waiting{{/PENDING}}. {{CAUSE}}</li>
{{/HISTORY}}</ul>
</section>{{/HAS_HISTORY}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-user">
<div class="page-head" id="account" tabindex="-1">
<h1>{{NAME}}</h1>
<p>{{EMAIL}} · <span class="status-badge status-{{STATUS_CLASS}}">{{STATUS}}</span></p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}

<section class="panel" aria-labelledby="details-title">
<h2 id="details-title">Account</h2>
<dl class="facts">
{{#FACT}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}</dl>
{{#VENDOR}}<p>Shop: <a href="{{URL}}">{{TRADING_NAME}}</a> ({{STATUS}})</p>{{/VENDOR}}
</section>

{{#BLOCK}}<section class="panel" aria-labelledby="block-title">
<h2 id="block-title">Block this account</h2>
<p>Blocking logs the account out everywhere at once and keeps it from logging in.{{#IS_VENDOR}} The shop and all its products disappear from the site until the account is unblocked.{{/IS_VENDOR}} The account holder is told by email, with the reason and how to appeal.</p>
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reason">Reason, shown to the account holder</label>
<p class="hint" id="reason-hint">Up to 500 characters.</p>
{{#REASON_ERROR}}<p class="field-error" id="reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
<textarea id="reason" name="reason" rows="3" maxlength="500" required aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON}}</textarea>
</div>
<div class="field">
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}> Yes, block {{EMAIL}}</label>
</div>
<div class="actions"><button type="submit" class="button button-danger">Block account</button></div>
</form>
</section>{{/BLOCK}}

{{#UNBLOCK}}<section class="panel" aria-labelledby="unblock-title">
<h2 id="unblock-title">Unblock this account</h2>
<p>The account can log in again; a shop returns to the status it had before the block. The account holder is told by email.</p>
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reason">Why it is unblocked</label>
<p class="hint" id="unblock-reason-hint">Kept in the audit log. Up to 500 characters.</p>
{{#REASON_ERROR}}<p class="field-error" id="unblock-reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
{{!The block form is never on the same page (an account is active or blocked), so the id "reason" is the field's in the error summary.}}<textarea id="reason" name="reason" rows="3" maxlength="500" required aria-describedby="unblock-reason-hint{{#REASON_ERROR}} unblock-reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON}}</textarea>
</div>
<div class="actions"><button type="submit" class="button">Unblock account</button></div>
</form>
</section>{{/UNBLOCK}}

{{#SELF}}<p class="notice">This is your own account: another admin would have to block it.</p>{{/SELF}}

<section class="panel" aria-labelledby="audit-title">
<h2 id="audit-title">Audit log about this account</h2>
{{#NO_AUDIT}}<p>Nothing recorded yet.</p>{{/NO_AUDIT}}
{{#HAS_AUDIT}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Action</th><th scope="col">By</th><th scope="col">IP</th><th scope="col">Detail</th></tr></thead>
<tbody>
{{#AUDIT}}<tr><td data-label="When (UTC)">{{AT}}</td><td data-label="Action">{{ACTION}}</td><td data-label="By">{{ACTOR}}</td><td data-label="IP">{{IP}}</td><td data-label="Detail">{{DETAIL}}</td></tr>
{{/AUDIT}}</tbody>
</table>
</div>{{/HAS_AUDIT}}
<p><a href="{{AUDIT_ABOUT_URL}}">Everything about this account</a> · <a href="{{AUDIT_BY_URL}}">Everything done by this account</a></p>
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-vendors">
<div class="page-head">
<h1>Vendors</h1>
{{#IS_QUEUE}}<p>Vendors waiting for verification, the longest waiting first. Open one to work through its checklist.</p>{{/IS_QUEUE}}
</div>
<nav class="subcats" aria-label="Vendors by status">
<ul>
{{#TAB}}<li><a href="{{URL}}" aria-current="{{CURRENT}}">{{LABEL}}</a></li>
{{/TAB}}</ul>
</nav>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_VENDORS}}<div class="empty"><p>No vendor has this status.</p></div>{{/NO_VENDORS}}
{{#HAS_VENDORS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Trading name</th><th scope="col">Legal name</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Submitted</th><th scope="col">Resubmissions</th></tr></thead>
<tbody>
{{#VENDOR}}<tr>
<th scope="row"><a href="{{URL}}">{{TRADING_NAME}}</a></th>
<td data-label="Legal name">{{LEGAL_NAME}}</td>
<td data-label="Owner">{{OWNER}}</td>
<td data-label="Status"><span class="status-badge status-{{STATUS_CLASS}}">{{STATUS}}</span></td>
<td data-label="Submitted">{{SUBMITTED}}</td>
<td data-label="Resubmissions">{{RESUBMISSIONS}}</td>
</tr>
{{/VENDOR}}</tbody>
</table>
</div>{{/HAS_VENDORS}}
{{>PAGINATION}}
</div>

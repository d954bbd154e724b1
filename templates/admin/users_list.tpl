{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-users">
<div class="page-head">
<h1>Accounts</h1>
<p>Find an account by email address or name.</p>
</div>
<form class="filters" action="/admin/users" method="get" role="search" aria-label="Find accounts">
<div class="field field-wide">
<label for="q">Email or name contains</label>
<input type="search" id="q" name="q" value="{{Q}}" maxlength="100" autocomplete="off" spellcheck="false">
</div>
<div class="field">
<label for="role">Role</label>
<select id="role" name="role">
<option value="">Any role</option>
{{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE_OPTION}}</select>
</div>
<div class="field">
<label for="status">Status</label>
<select id="status" name="status">
<option value="">Any status</option>
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}</select>
</div>
<div class="actions">
<button type="submit" class="button">Find</button>
<a href="/admin/users">Clear</a>
</div>
</form>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_USERS}}<div class="empty"><p>No account matches.</p></div>{{/NO_USERS}}
{{#HAS_USERS}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
<tbody>
{{#USER}}<tr>
<th scope="row"><a href="{{URL}}">{{EMAIL}}</a>{{#UNVERIFIED}} <span class="muted">(not verified)</span>{{/UNVERIFIED}}</th>
<td data-label="Name">{{NAME}}</td>
<td data-label="Role">{{ROLE}}</td>
<td data-label="Status"><span class="status-badge status-{{STATUS_CLASS}}">{{STATUS}}</span></td>
<td data-label="Created">{{CREATED}}</td>
</tr>
{{/USER}}</tbody>
</table>
</div>{{/HAS_USERS}}
{{>PAGINATION}}
</div>

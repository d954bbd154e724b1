{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-audit">
<div class="page-head">
<h1>Audit log</h1>
<p>Who did what, newest first. Times are UTC. Entries cannot be changed or deleted.</p>
</div>
<form class="filters" action="/admin/audit" method="get" aria-label="Filter the audit log">
<div class="field">
<label for="action">Action</label>
<input type="text" id="action" name="action" value="{{ACTION}}" maxlength="64" placeholder="vendor.approve" spellcheck="false">
</div>
<div class="field">
<label for="actor">Done by (account id)</label>
<input type="number" id="actor" name="actor" value="{{ACTOR}}" min="1" inputmode="numeric">
</div>
<div class="field">
<label for="object_type">Object type</label>
<input type="text" id="object_type" name="object_type" value="{{OBJECT_TYPE}}" maxlength="32" placeholder="user" spellcheck="false">
</div>
<div class="field">
<label for="object_id">Object id</label>
<input type="number" id="object_id" name="object_id" value="{{OBJECT_ID}}" min="1" inputmode="numeric">
</div>
<div class="actions">
<button type="submit" class="button">Filter</button>
{{#FILTERED}}<a href="/admin/audit">Show everything</a>{{/FILTERED}}
</div>
</form>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_ENTRIES}}<div class="empty"><p>No entry matches.</p></div>{{/NO_ENTRIES}}
{{#HAS_ENTRIES}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">On</th><th scope="col">IP</th><th scope="col">Detail</th></tr></thead>
<tbody>
{{#ENTRY}}<tr>
<td data-label="When">{{AT}}</td>
<td data-label="Who">{{#ACTOR_LINK}}<a href="{{URL}}">{{LABEL}}</a>{{/ACTOR_LINK}}{{#ACTOR_SYSTEM}}{{LABEL}}{{/ACTOR_SYSTEM}}</td>
<td data-label="Action">{{ACTION}}</td>
<td data-label="On">{{#OBJECT_LINK}}<a href="{{URL}}">{{LABEL}}</a>{{/OBJECT_LINK}}{{#OBJECT_TEXT}}{{LABEL}}{{/OBJECT_TEXT}}</td>
<td data-label="IP">{{IP}}</td>
<td data-label="Detail">{{DETAIL}}</td>
</tr>
{{/ENTRY}}</tbody>
</table>
</div>{{/HAS_ENTRIES}}
{{>PAGINATION}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page admin">
{{>ADMIN_NAV}}
<div class="page-head">
<h1>Support tickets</h1>
<p>Questions of customers and vendors, and returns they ask the marketplace to decide. The longest waiting come first.</p>
</div>
<form class="filters" action="/admin/tickets" method="get" novalidate>
<label for="tickets-show">Show</label>
<select id="tickets-show" name="show">
{{#SHOW}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SHOW}}</select>
<label for="tickets-whose">Whose</label>
<select id="tickets-whose" name="whose">
{{#WHOSE}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/WHOSE}}</select>
<button type="submit" class="button">Show</button>
</form>
{{#NO_TICKETS}}<div class="empty"><p>No ticket matches.</p></div>{{/NO_TICKETS}}
{{#HAS_TICKETS}}<p class="result-count">{{RESULT_TEXT}}</p>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Support tickets</caption>
<thead>
<tr><th scope="col">Ticket</th><th scope="col">Subject</th><th scope="col">From</th><th scope="col">About</th><th scope="col">Status</th><th scope="col">Assigned to</th><th scope="col">Last change (UTC)</th></tr>
</thead>
<tbody>
{{#TICKET}}<tr>
<th scope="row"><a href="/admin/tickets/{{ID}}">{{ID}}</a></th>
<td><a href="/admin/tickets/{{ID}}">{{SUBJECT}}</a>{{#RETURN}} (return){{/RETURN}}</td>
<td>{{SIDE}}</td>
<td>{{CATEGORY}}</td>
<td class="ticket-state">{{STATE}}</td>
<td>{{ASSIGNEE}}</td>
<td>{{UPDATED}}</td>
</tr>
{{/TICKET}}</tbody>
</table>
</div>{{/HAS_TICKETS}}
{{>PAGINATION}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page admin">
{{>ADMIN_NAV}}
<div class="page-head">
<h1>Ticket {{ID}}: {{SUBJECT}}</h1>
</div>
<dl class="facts">
{{#ASKER}}<dt>From</dt><dd>{{NAME}} ({{SIDE}}), {{EMAIL}}</dd>{{/ASKER}}
<dt>About</dt><dd>{{CATEGORY}}</dd>
{{#ORDER}}<dt>Order</dt><dd>{{NUMBER}}</dd>{{/ORDER}}
{{#ORDER_LINK}}<dd><a href="/admin/orders/{{ID}}">Open the order</a></dd>{{/ORDER_LINK}}
{{#RETURN}}<dt>Return</dt><dd>{{STATE}}</dd>{{/RETURN}}
{{#RETURN_LINK}}<dd><a href="/admin/returns/{{ID}}">Decide the return</a></dd>{{/RETURN_LINK}}
<dt>Status</dt><dd class="ticket-state">{{STATE}}</dd>
<dt>Assigned to</dt><dd class="ticket-assignee">{{ASSIGNEE}}</dd>
<dt>Opened (UTC)</dt><dd>{{CREATED}}</dd>
</dl>
{{>THREAD}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section class="section" aria-labelledby="answer-title">
<h2 id="answer-title">Answer</h2>
<form class="form" method="post" action="/admin/tickets/{{ID}}/answer" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="answer">Answer to the customer (sent by mail)</label>
{{#ANSWER_ERROR}}<p class="field-error" id="answer-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ANSWER_ERROR}}
<textarea id="answer" name="answer" rows="6" maxlength="5000"{{#ANSWER_ERROR}} aria-invalid="true" aria-describedby="answer-error"{{/ANSWER_ERROR}}>{{ANSWER}}</textarea>
</div>
<div class="field">
<label for="answer-status">Then the ticket is</label>
<select id="answer-status" name="status">{{#ANSWER_STATUS}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ANSWER_STATUS}}</select>
</div>
<div class="actions"><button class="button" type="submit">Send the answer</button></div>
</form>
</section>
<section class="section" aria-labelledby="note-title">
<h2 id="note-title">Internal note</h2>
<form class="form" method="post" action="/admin/tickets/{{ID}}/note" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="note">Note for the support team (the customer never sees it)</label>
{{#NOTE_ERROR}}<p class="field-error" id="note-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NOTE_ERROR}}
<textarea id="note" name="note" rows="4" maxlength="5000"{{#NOTE_ERROR}} aria-invalid="true" aria-describedby="note-error"{{/NOTE_ERROR}}>{{NOTE}}</textarea>
</div>
<div class="actions"><button class="button" type="submit">Add the note</button></div>
</form>
</section>
<section class="section" aria-labelledby="assign-title">
<h2 id="assign-title">Assign and status</h2>
<form class="inline-form" method="post" action="/admin/tickets/{{ID}}/assign" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="assignee">Assigned to</label>
<select id="assignee" name="assignee"><option value="0">Nobody</option>{{#STAFF}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/STAFF}}</select>
<button class="button" type="submit">Assign</button>
</form>
<form class="inline-form" method="post" action="/admin/tickets/{{ID}}/status" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="status">Status</label>
<select id="status" name="status">{{#STATUS_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/STATUS_OPTION}}</select>
<button class="button" type="submit">Change the status</button>
</form>
</section>
</div>

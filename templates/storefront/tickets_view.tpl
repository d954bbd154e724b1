{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>{{SUBJECT}}</h1>
<dl class="facts">
<dt>Ticket</dt><dd>{{ID}}</dd>
<dt>About</dt><dd>{{CATEGORY}}</dd>
{{#ORDER}}<dt>Order</dt><dd>{{NUMBER}}</dd>{{/ORDER}}
<dt>Status</dt><dd class="ticket-state">{{STATE}}</dd>
<dt>Asked on</dt><dd>{{CREATED}}</dd>
</dl>
</div>
{{>THREAD}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check the form</h2>
<ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="body">Your answer</label>
{{#RESOLVED}}<p class="hint" id="body-hint">This question is resolved. If it is not, write again: it opens again.</p>{{/RESOLVED}}
{{#BODY_ERROR}}<p class="field-error" id="body-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BODY_ERROR}}
<textarea id="body" name="body" rows="6" maxlength="5000" required{{#BODY_ERROR}} aria-invalid="true" aria-describedby="body-error"{{/BODY_ERROR}}>{{BODY}}</textarea>
</div>
<div class="actions">
<button class="button" type="submit">Send</button>
<a href="{{BACK}}">Back to your questions</a>
</div>
</form>
</div>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-words">
<div class="page-head">
<h1>Delete “{{TEXT}}”</h1>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>Listings that contain it will no longer be held for review because of it. Listings already waiting stay in the queue.</p>
<div class="field">
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}> Yes, delete “{{TEXT}}” from the prohibited words</label>
</div>
<div class="actions"><button type="submit" class="button button-danger">Delete word</button> <a href="/admin/prohibited-words">Keep it</a></div>
</form>
</div>

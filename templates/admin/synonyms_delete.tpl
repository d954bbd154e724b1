{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-synonyms">
<div class="page-head">
<h1>Delete the group “{{TEXT}}”</h1>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>A search for one of these words will no longer find products described with the others, within a few seconds.</p>
<div class="field">
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}> Yes, delete the group “{{TEXT}}”</label>
</div>
<div class="actions"><button type="submit" class="button button-danger">Delete group</button> <a href="/admin/synonyms">Keep it</a></div>
</form>
</div>

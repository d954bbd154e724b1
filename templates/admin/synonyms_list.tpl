{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-synonyms">
<div class="page-head">
<h1>Search synonyms</h1>
<p>Each group holds words or phrases that mean the same to a shopper: a search for any of them also finds products described with the others (“sneakers” finds “trainers”). Changes reach the search within a few seconds.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section class="panel" aria-labelledby="add-title">
<h2 id="add-title">Add a group</h2>
<form class="form" action="/admin/synonyms" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="words">Words or phrases</label>
<p class="hint" id="words-hint">Two to {{GROUP_MAX}}, separated by commas, such as “sofa, couch, settee”. Case does not matter. A word or phrase can be in one group only.</p>
{{#WORDS_ERROR}}<p class="field-error" id="words-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/WORDS_ERROR}}
<input type="text" id="words" name="words" value="{{WORDS}}" maxlength="{{TEXT_MAX}}" required aria-describedby="words-hint{{#WORDS_ERROR}} words-error{{/WORDS_ERROR}}"{{#WORDS_ERROR}} aria-invalid="true"{{/WORDS_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Add group</button></div>
</form>
</section>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_ENTRIES}}<div class="empty"><p>There are no synonym groups yet.</p></div>{{/NO_ENTRIES}}
{{#HAS_ENTRIES}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Words or phrases</th><th scope="col">Added</th><th scope="col">By</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#ENTRY}}<tr>
<th scope="row">{{TEXT}}</th>
<td data-label="Added">{{ADDED}}</td>
<td data-label="By">{{BY}}</td>
<td><a href="{{DELETE_URL}}">Delete<span class="visually-hidden"> the group {{TEXT}}</span></a></td>
</tr>
{{/ENTRY}}</tbody>
</table>
</div>{{/HAS_ENTRIES}}
{{>PAGINATION}}
</div>

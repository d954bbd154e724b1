{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-words">
<div class="page-head">
<h1>Prohibited words</h1>
<p>A listing whose name, description or picture texts contain one of these words or phrases, as a whole word and in any case, waits for review when the vendor publishes it or edits it while it is live. Listings already live are checked at their next edit.</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<section class="panel" aria-labelledby="add-title">
<h2 id="add-title">Add a word</h2>
<form class="form" action="/admin/prohibited-words" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="word">Word or phrase</label>
<p class="hint" id="word-hint">Up to {{WORD_MAX}} characters. It matches whole words only: “gun” does not hold “begun”. A phrase matches its words in order.</p>
{{#WORD_ERROR}}<p class="field-error" id="word-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/WORD_ERROR}}
<input type="text" id="word" name="word" value="{{WORD}}" maxlength="{{WORD_MAX}}" required aria-describedby="word-hint{{#WORD_ERROR}} word-error{{/WORD_ERROR}}"{{#WORD_ERROR}} aria-invalid="true"{{/WORD_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Add word</button></div>
</form>
</section>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_ENTRIES}}<div class="empty"><p>No word is on the list.</p></div>{{/NO_ENTRIES}}
{{#HAS_ENTRIES}}<div class="table-scroll table-stack">
<table class="data-table">
<thead><tr><th scope="col">Word</th><th scope="col">Added</th><th scope="col">By</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#ENTRY}}<tr>
<th scope="row">{{TEXT}}</th>
<td data-label="Added">{{ADDED}}</td>
<td data-label="By">{{BY}}</td>
<td><a href="{{DELETE_URL}}">Delete<span class="visually-hidden"> {{TEXT}}</span></a></td>
</tr>
{{/ENTRY}}</tbody>
</table>
</div>{{/HAS_ENTRIES}}
{{>PAGINATION}}
</div>

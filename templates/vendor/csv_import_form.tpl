{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Import listings from a CSV file</h1>
<p>Add and change many listings at once with a spreadsheet. Start from <a href="/vendor/listings/export.csv" download>your listings as a CSV file</a>, change it, save it as "CSV UTF-8" and send it below. Every line is checked first: if one line has a problem, nothing changes and the list below says which line and why.</p>
</div>
{{#CANNOT_IMPORT}}<p class="notice notice-warn" id="cannot-import">{{WHY}}</p>{{/CANNOT_IMPORT}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
{{#REPORT}}<section class="error-summary import-report" role="alert" aria-labelledby="import-report-title">
<h2 id="import-report-title">Nothing was imported: the file has {{COUNT}}</h2>
<p>Fix these lines in your file and send it again. Line numbers count the first line, the one naming the columns, as line 1.</p>
<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Problems in the file, by line</caption>
<thead>
<tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr>
</thead>
<tbody>
{{#PROBLEM}}<tr><td class="num">{{LINE}}</td><td>{{COLUMN}}</td><td>{{MESSAGE}}</td></tr>
{{/PROBLEM}}</tbody>
</table>
</div>
{{#MORE}}<p>And {{N}} more problems after these.</p>{{/MORE}}
</section>{{/REPORT}}
<form class="form form-wide" action="/vendor/listings/import" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="file">Your CSV file</label>
<p class="hint" id="file-hint">Saved as "CSV UTF-8", up to 10 MB.</p>
{{#FILE_ERROR}}<p class="field-error" id="file-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/FILE_ERROR}}
<input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="file-hint{{#FILE_ERROR}} file-error{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
</div>
<div class="field">
<label for="csv">Or the file's text <span class="optional">(instead of a file)</span></label>
<p class="hint" id="csv-hint">Open the file in a text editor, copy everything and paste it here (up to 64 KB).</p>
{{#CSV_ERROR}}<p class="field-error" id="csv-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CSV_ERROR}}
<textarea id="csv" name="csv" rows="14" spellcheck="false" aria-describedby="csv-hint{{#CSV_ERROR}} csv-error{{/CSV_ERROR}}"{{#CSV_ERROR}} aria-invalid="true"{{/CSV_ERROR}}>{{CSV}}</textarea>
</div>
<div class="actions">
<button type="submit" class="button"{{#CANNOT_IMPORT}} disabled{{/CANNOT_IMPORT}}>Check and import</button>
<a href="/vendor/listings">Cancel</a>
</div>
</form>
<section aria-labelledby="csv-columns-title">
<h2 id="csv-columns-title">The columns</h2>
<p>The first line names the columns, in any order; the rules are those of the listing form. A line whose SKU you already have changes that listing; any other SKU makes a new listing. A column left out keeps each listing's value.</p>
<dl class="csv-columns">
<dt><code>sku</code></dt><dd>Your reference for the listing (required): letters, digits and <code>- _ . /</code>, starting with a letter or digit.</dd>
<dt><code>name</code></dt><dd>The listing's name (required, 3 to 200 characters).</dd>
<dt><code>description</code></dt><dd>Paragraphs separated by blank lines, and lists, as on the listing form (required, up to 10,000 characters).</dd>
<dt><code>category</code></dt><dd>The category's short name as in its address, <code>/c/<em>name</em></code> (required): a category without sub-categories.</dd>
<dt><code>price</code></dt><dd>Like <code>12.50</code> (required).</dd>
<dt><code>compare_at_price</code></dt><dd>A "was" price, above the price, shown as a sale (may be empty).</dd>
<dt><code>stock</code></dt><dd>Units in stock (required); a change is recorded in the listing's stock history.</dd>
<dt><code>low_stock_threshold</code></dt><dd>The low-stock warning level (may be left out; 0: no warning).</dd>
<dt><code>weight_grams</code></dt><dd>The weight in grams (may be left out).</dd>
<dt><code>status</code></dt><dd><code>draft</code>, <code>active</code> (published as with the Publish button: it may wait for our review first) or <code>archived</code> (required). A live listing leaves the shop by being archived.</dd>
</dl>
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="status">Error {{STATUS}}</p>
<h1>We couldn’t find that page</h1>
<p>The product or page may have been removed, or the address may be mistyped.</p>
{{#HAS_MESSAGE}}<p class="message">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<form class="error-search" action="/search" method="get" role="search" aria-label="Search the catalogue">
<label class="visually-hidden" for="error-search-q">Search products</label>
<input id="error-search-q" type="search" name="q" maxlength="100" placeholder="Search products">
<button class="button" type="submit">Search</button>
</form>
<p><a href="/">Go to the home page</a></p>
<p class="request-id">Request id: <code>{{REQUEST_ID}}</code></p>
</div>

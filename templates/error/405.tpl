{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="status">Error {{STATUS}}</p>
<h1>That action isn’t available here</h1>
{{#HAS_MESSAGE}}<p class="message">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<p>The page exists, but it can’t be used this way. Links and buttons on the site always work.</p>
<p><a href="/">Go to the home page</a></p>
<p class="request-id">Request id: <code>{{REQUEST_ID}}</code></p>
</div>

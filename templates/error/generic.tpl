{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="status">Error {{STATUS}}</p>
<h1>{{REASON}}</h1>
{{#HAS_MESSAGE}}<p class="message">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<p>The request could not be completed. Please try again in a moment.</p>
<p><a href="/">Go to the home page</a></p>
<p class="request-id">Request id: <code>{{REQUEST_ID}}</code></p>
</div>

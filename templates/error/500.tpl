{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="status">Error {{STATUS}}</p>
<h1>Sorry, something went wrong on our side</h1>
<p>We’ve logged the problem. Please try again in a moment.</p>
<p><a href="/">Go to the home page</a></p>
<p class="request-id">Request id: <code>{{REQUEST_ID}}</code> (quote it if you contact us)</p>
</div>

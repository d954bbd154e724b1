{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<p class="status">Error {{STATUS}}</p>
<h1>Something in that request wasn’t right</h1>
{{#HAS_MESSAGE}}<p class="message">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<p>Please go back, correct the value and try again.</p>
<p><a href="/">Go to the home page</a></p>
<p class="request-id">Request id: <code>{{REQUEST_ID}}</code> (quote it if you contact us)</p>
</div>

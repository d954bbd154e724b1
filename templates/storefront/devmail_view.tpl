{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>{{SUBJECT}}</h1>
</div>
<dl class="devmail-headers">
<dt>From</dt><dd>{{FROM}}</dd>
<dt>To</dt><dd>{{TO}}</dd>
<dt>Date</dt><dd>{{DATE}}</dd>
<dt>Message-ID</dt><dd><code>{{MESSAGE_ID}}</code></dd>
<dt>File</dt><dd><code>{{FILE}}</code></dd>
</dl>
{{! pre_escape: HTML-escaped like every value, but line breaks and spaces kept for the pre }}
<pre class="devmail-body">{{#SEGMENT}}{{#TEXT}}{{VALUE:pre_escape}}{{/TEXT}}{{#LINK}}<a href="{{URL}}">{{URL}}</a>{{/LINK}}{{/SEGMENT}}</pre>
<p><a href="/dev/mail">All outgoing mail</a></p>
</div>

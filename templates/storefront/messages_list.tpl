{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Messages</h1>
<p>Each part of an order you placed has a conversation with its shop. Open one to write to the shop.</p>
</div>
{{#NO_CONVERSATIONS}}<p>No conversations yet: you get one with each shop you order from.</p>{{/NO_CONVERSATIONS}}
<ul class="conversations">
{{#CONVERSATION}}<li class="conversation"><a href="/messages/{{ID}}">{{SHOP}}: order {{VO_NUMBER}}</a>
{{#UNREAD}}<strong class="unread-count">{{COUNT}} unread</strong>{{/UNREAD}}
<span class="conversation-count">{{TOTAL}}</span>{{#LAST}} · last {{AT}}{{/LAST}}</li>
{{/CONVERSATION}}</ul>
{{>PAGINATION}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{! The messages of a conversation (cgi/lib/chat.c, chat_fill), for the
    customer's, the shop's and the admin's page. static/js/chat.js (loaded
    with the header's account links, layout/_account_links.tpl) adds the
    messages that arrive while the page is open (EventSource on LIVE_URL);
    without it the page shows them when it is loaded again. }}
<ol class="chat-messages" id="chat-messages" data-live="{{LIVE_URL}}" data-side="{{SIDE}}" aria-live="polite">
{{#MESSAGE}}<li class="chat-message chat-from-{{SENDER}}{{#MINE}} chat-mine{{/MINE}}" id="m-{{ID}}" data-id="{{ID}}">
<p class="chat-meta"><span class="chat-who">{{WHO}}</span> <time>{{AT}}</time></p>
{{#HIDDEN}}<p class="chat-hidden">This message was hidden by the marketplace.</p>{{/HIDDEN}}
{{#SHOWN}}{{#TEXT}}<p class="chat-text">{{BODY}}</p>{{/TEXT}}
{{#IMAGE}}<p class="chat-image"><a href="{{URL}}"><img src="{{URL}}" width="{{WIDTH}}" height="{{HEIGHT}}" alt="Picture sent by {{WHO}}" loading="lazy"></a></p>{{/IMAGE}}
{{#REPORT}}<details class="chat-report"><summary>Report</summary>
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field"><label for="reason-{{ID}}">What is wrong with this message</label>
<textarea id="reason-{{ID}}" name="reason" rows="2" maxlength="500" required></textarea></div>
<div class="actions"><button class="button" type="submit">Report to the marketplace</button></div>
</form></details>{{/REPORT}}{{/SHOWN}}
</li>
{{/MESSAGE}}</ol>
{{#NO_MESSAGES}}<p class="chat-empty" id="chat-empty">No messages yet.</p>{{/NO_MESSAGES}}

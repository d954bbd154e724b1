{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Messages</h1>
<p>Each of your orders placed by a customer with an account has a conversation with that customer. Answer questions here: the customer is told by mail, at most once an hour.</p>
</div>
<form class="filters" action="/vendor/messages" method="get" novalidate>
<label for="messages-filter">Show</label>
<select id="messages-filter" name="filter">
{{#FILTER}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FILTER}}</select>
<label for="messages-order">Order number</label>
<input id="messages-order" name="order" type="search" value="{{ORDER}}" maxlength="32" placeholder="BZ-000123">
<button type="submit" class="button">Show</button>
</form>
{{#NO_CONVERSATIONS}}<div class="empty"><p>No conversation matches.</p></div>{{/NO_CONVERSATIONS}}
<ul class="conversations">
{{#CONVERSATION}}<li class="conversation{{#UNANSWERED}} conversation-unanswered{{/UNANSWERED}}"><a href="/vendor/messages/{{ID}}">{{CUSTOMER}}: order {{VO_NUMBER}}</a>
{{#UNREAD}}<strong class="unread-count">{{COUNT}} unread</strong>{{/UNREAD}}
{{#UNANSWERED}}<span class="conversation-waiting">waiting for your answer</span>{{/UNANSWERED}}
<span class="conversation-count">{{TOTAL}}</span>{{#LAST}} · last {{AT}}{{/LAST}}</li>
{{/CONVERSATION}}</ul>
{{>PAGINATION}}
</div>

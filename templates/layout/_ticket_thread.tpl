{{%AUTOESCAPE context="HTML"}}
{{! A support ticket's messages, oldest first (cgi/lib/ticket.c,
    ticket_fill_view), on the customer's, the vendor's and support's pages.
    MESSAGE {WHO, AT, BODY} with one of FROM_ASKER, FROM_SUPPORT,
    INTERNAL_NOTE (support's pages only), EVENT (support's pages only). }}
<ol class="ticket-thread">
{{#MESSAGE}}<li class="ticket-message{{#FROM_SUPPORT}} ticket-answer{{/FROM_SUPPORT}}{{#INTERNAL_NOTE}} ticket-note{{/INTERNAL_NOTE}}{{#EVENT}} ticket-event{{/EVENT}}">
<p class="ticket-meta"><strong>{{WHO}}</strong>{{#INTERNAL_NOTE}} (internal note: the customer does not see it){{/INTERNAL_NOTE}}, {{AT}}</p>
<p class="ticket-body">{{BODY}}</p>
</li>{{/MESSAGE}}
</ol>

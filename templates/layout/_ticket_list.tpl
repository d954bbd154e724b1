{{%AUTOESCAPE context="HTML"}}
{{! The asker's support tickets (cgi/lib/ticket.c, ticket_fill_list), on
    the shop's account pages and the vendor portal: TICKET {URL, SUBJECT,
    CATEGORY, STATE, UPDATED}, HAS_TICKETS or NO_TICKETS. }}
{{#HAS_TICKETS}}<table class="table">
<thead><tr><th scope="col">Subject</th><th scope="col">About</th><th scope="col">Status</th><th scope="col">Last change</th></tr></thead>
<tbody>{{#TICKET}}<tr><td><a href="{{URL}}">{{SUBJECT}}</a></td><td>{{CATEGORY}}</td><td class="ticket-state">{{STATE}}</td><td>{{UPDATED}}</td></tr>{{/TICKET}}</tbody>
</table>{{/HAS_TICKETS}}
{{#NO_TICKETS}}<p>Nothing asked yet.</p>{{/NO_TICKETS}}

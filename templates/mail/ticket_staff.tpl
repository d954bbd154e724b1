{{%AUTOESCAPE context="HTML"}}
{{! To support (the ticket's assignee, else the support address;
    cgi/lib/ticket.c): ID, SUBJECT, ASKER, one of the sections NEW, REPLY,
    ASSIGNED, RETURN, and HAS_TEXT {TEXT} (what the asker wrote). A text
    mail: see verify_email.tpl for the format. }}
{{#NEW}}
{{ASKER}} has opened ticket {{ID}}, "{{SUBJECT}}":{{BI_NEWLINE}}
{{/NEW}}
{{#REPLY}}
{{ASKER}} has answered on ticket {{ID}}, "{{SUBJECT}}"; it is open again:{{BI_NEWLINE}}
{{/REPLY}}
{{#ASSIGNED}}
Ticket {{ID}}, "{{SUBJECT}}" from {{ASKER}}, is yours now.{{BI_NEWLINE}}
{{/ASSIGNED}}
{{#RETURN}}
{{ASKER}} asks the marketplace to decide a refused return (ticket {{ID}},
"{{SUBJECT}}"). Their note:{{BI_NEWLINE}}
{{/RETURN}}
{{#HAS_TEXT}}
{{TEXT}}{{BI_NEWLINE}}
{{/HAS_TEXT}}
{{BASE_URL}}/admin/tickets/{{ID}}{{BI_NEWLINE}}
{{SITE_NAME}}

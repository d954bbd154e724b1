{{%AUTOESCAPE context="HTML"}}
{{! The ticket is resolved, to the customer or vendor who asked
    (cgi/lib/ticket.c): ID, SUBJECT, NAME, CUSTOMER_PAGE or VENDOR_PAGE (the link to the
    ticket; neither for a guest). A text mail: see
    verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
Our support team has marked your question "{{SUBJECT}}" (ticket {{ID}})
as resolved.{{BI_NEWLINE}}
{{#CUSTOMER_PAGE}}
If it is not, answer on your ticket and it opens again:{{BI_NEWLINE}}
{{BASE_URL}}/account/tickets/{{ID}}{{BI_NEWLINE}}
{{/CUSTOMER_PAGE}}
{{#VENDOR_PAGE}}
If it is not, answer on your ticket and it opens again:{{BI_NEWLINE}}
{{BASE_URL}}/vendor/tickets/{{ID}}{{BI_NEWLINE}}
{{/VENDOR_PAGE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! Support's answer, to the customer or vendor who asked (cgi/lib/ticket.c):
    ID, SUBJECT, NAME, HAS_TEXT {TEXT} (the answer; never an internal note),
    CUSTOMER_PAGE or VENDOR_PAGE (the link to the
    ticket; neither for a guest). A text mail: see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
Our support team has answered your question "{{SUBJECT}}" (ticket {{ID}}):{{BI_NEWLINE}}
{{#HAS_TEXT}}
{{TEXT}}{{BI_NEWLINE}}
{{/HAS_TEXT}}
{{#CUSTOMER_PAGE}}
To answer, open your ticket:{{BI_NEWLINE}}
{{BASE_URL}}/account/tickets/{{ID}}{{BI_NEWLINE}}
{{/CUSTOMER_PAGE}}
{{#VENDOR_PAGE}}
To answer, open your ticket:{{BI_NEWLINE}}
{{BASE_URL}}/vendor/tickets/{{ID}}{{BI_NEWLINE}}
{{/VENDOR_PAGE}}
{{SITE_NAME}}
{{BASE_URL}}

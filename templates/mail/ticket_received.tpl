{{%AUTOESCAPE context="HTML"}}
{{! To the customer or vendor who opened a ticket (cgi/lib/ticket.c): ID,
    SUBJECT, NAME, HAS_TEXT {TEXT} (their message), CUSTOMER_PAGE or VENDOR_PAGE (the link to the
    ticket; neither for a guest) (where they
    follow it; none for a guest). A text mail: see verify_email.tpl for the
    format. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have your question "{{SUBJECT}}" (ticket {{ID}}). Our support team
answers by mail; you do not need to write again.{{BI_NEWLINE}}
{{#HAS_TEXT}}
What you wrote:{{BI_NEWLINE}}
{{TEXT}}{{BI_NEWLINE}}
{{/HAS_TEXT}}
{{#CUSTOMER_PAGE}}
Follow it or add to it here:{{BI_NEWLINE}}
{{BASE_URL}}/account/tickets/{{ID}}{{BI_NEWLINE}}
{{/CUSTOMER_PAGE}}
{{#VENDOR_PAGE}}
Follow it or add to it here:{{BI_NEWLINE}}
{{BASE_URL}}/vendor/tickets/{{ID}}{{BI_NEWLINE}}
{{/VENDOR_PAGE}}
{{SITE_NAME}}
{{BASE_URL}}

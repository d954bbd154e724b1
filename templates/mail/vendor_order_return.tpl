{{%AUTOESCAPE context="HTML"}}
{{! A step of a return, to the vendor (cgi/lib/ordermail.c): one of the
    sections REQUESTED, ESCALATED, ADMIN_ACCEPTED, ADMIN_REFUSED; TEXT (in
    HAS_TEXT) is the customer's reason or the decision. A text mail: see
    verify_email.tpl for the format. }}
Hello {{SHOP}},{{BI_NEWLINE}}
{{#REQUESTED}}
The customer of order {{VO_NUMBER}} asks to return items. Their reason:{{BI_NEWLINE}}
{{/REQUESTED}}
{{#ESCALATED}}
The customer of order {{VO_NUMBER}} disagrees with your refusal of their
return and asked the marketplace to decide. Their words:{{BI_NEWLINE}}
{{/ESCALATED}}
{{#ADMIN_ACCEPTED}}
The marketplace has accepted the return of order {{VO_NUMBER}}:{{BI_NEWLINE}}
{{/ADMIN_ACCEPTED}}
{{#ADMIN_REFUSED}}
The marketplace has refused the return of order {{VO_NUMBER}}:{{BI_NEWLINE}}
{{/ADMIN_REFUSED}}
{{#HAS_TEXT}}
{{TEXT}}{{BI_NEWLINE}}
{{/HAS_TEXT}}
{{BASE_URL}}/vendor/orders/{{VO_ID}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

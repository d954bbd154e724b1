{{%AUTOESCAPE context="HTML"}}
{{! A step of a return, to the customer (cgi/lib/ordermail.c): one of the
    sections ACCEPTED, REFUSED, ADMIN_ACCEPTED, ADMIN_REFUSED, RECEIVED; TEXT
    (in HAS_TEXT) is the instructions, the reason or the decision. A text
    mail: see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
{{#ACCEPTED}}
{{SHOP}} has accepted your return for order {{VO_NUMBER}}. How to send
it back:{{BI_NEWLINE}}
{{/ACCEPTED}}
{{#REFUSED}}
{{SHOP}} has refused your return for order {{VO_NUMBER}}. Their reason:{{BI_NEWLINE}}
{{/REFUSED}}
{{#ADMIN_ACCEPTED}}
We have looked at your return for order {{VO_NUMBER}} from {{SHOP}} and
accept it:{{BI_NEWLINE}}
{{/ADMIN_ACCEPTED}}
{{#ADMIN_REFUSED}}
We have looked at your return for order {{VO_NUMBER}} from {{SHOP}} and
cannot accept it:{{BI_NEWLINE}}
{{/ADMIN_REFUSED}}
{{#RECEIVED}}
{{SHOP}} has received your return for order {{VO_NUMBER}}. The refund
follows; we send a mail when it is made.{{BI_NEWLINE}}
{{/RECEIVED}}
{{#HAS_TEXT}}
{{TEXT}}{{BI_NEWLINE}}
{{/HAS_TEXT}}
{{#REFUSED}}
If you disagree, you can ask us to decide from your order's page.{{BI_NEWLINE}}
{{/REFUSED}}
{{#ACCOUNT}}
{{BASE_URL}}/orders/{{ORDER_ID}}{{BI_NEWLINE}}
{{/ACCOUNT}}
{{#GUEST}}
{{#GUEST_MAIL_LINK}}
Your order's page:{{BI_NEWLINE}}
{{BASE_URL}}/orders/{{ORDER_ID}}/guest?token={{GUEST_MAIL_TOKEN}}{{BI_NEWLINE}}
{{/GUEST_MAIL_LINK}}
{{#GUEST_NO_LINK}}
Your order's page opens with the link in your order confirmation.{{BI_NEWLINE}}
{{/GUEST_NO_LINK}}
{{/GUEST}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A payment that did not go through (cgi/lib/ordermail.c). A text mail:
    see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
The payment by {{PAYMENT_METHOD}} for your order {{ORDER_NUMBER}}
({{ORDER_TOTAL}}) did not go through.{{BI_NEWLINE}}
{{#HAS_REASON}}
The payment service said: {{REASON}}{{BI_NEWLINE}}
{{/HAS_REASON}}
Nothing has been charged. You can try again from your order's page or
place the order again.{{BI_NEWLINE}}
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

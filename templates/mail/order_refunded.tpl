{{%AUTOESCAPE context="HTML"}}
{{! A refund of (part of) a vendor order (cgi/lib/ordermail.c). A text
    mail: see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have refunded {{REFUND_AMOUNT}} of your order {{VO_NUMBER}} from {{SHOP}}.{{BI_NEWLINE}}
{{#HAS_REFUND_REASON}}
Reason: {{REFUND_REASON}}{{BI_NEWLINE}}
{{/HAS_REFUND_REASON}}
{{#PROVIDER}}
The money goes back to your {{PAYMENT_METHOD}}; it can take a few days to
show.{{BI_NEWLINE}}
{{/PROVIDER}}
{{#MANUAL}}
You paid by bank transfer: we send the money back to your account by hand
within a few working days.{{BI_NEWLINE}}
{{/MANUAL}}
Refunded on this order so far: {{VO_REFUNDED}} of {{VO_TOTAL}}.{{BI_NEWLINE}}
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

{{%AUTOESCAPE context="HTML"}}
{{! A vendor order was cancelled (cgi/lib/ordermail.c), to the customer.
    A text mail: see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
Your order {{VO_NUMBER}} from {{SHOP}} has been cancelled.{{BI_NEWLINE}}
Reason: {{REASON}}{{BI_NEWLINE}}
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}}: {{ITEM_LINE}}
{{/ITEM}}
{{BI_NEWLINE}}Anything you paid for it is refunded; we send a separate mail when the
refund is made.{{BI_NEWLINE}}
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

{{%AUTOESCAPE context="HTML"}}
{{! Payment received (cgi/lib/ordermail.c). A text mail: see
    verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have received your payment of {{ORDER_TOTAL}} for order {{ORDER_NUMBER}}.
The shops are now preparing your parcels:{{BI_NEWLINE}}
{{#VENDOR}}
{{SHOP}} ({{VO_NUMBER}}): {{VO_TOTAL}}, usually sent within {{HANDLING_DAYS}} working days
{{/VENDOR}}
{{BI_NEWLINE}}We tell you when each parcel leaves, with its tracking number.{{BI_NEWLINE}}
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

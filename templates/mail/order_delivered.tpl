{{%AUTOESCAPE context="HTML"}}
{{! A vendor order has arrived (cgi/lib/ordermail.c). A text mail: see
    verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
Your parcel {{VO_NUMBER}} from {{SHOP}} has been delivered.{{BI_NEWLINE}}
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}}
{{/ITEM}}
{{BI_NEWLINE}}If something is wrong with it, you can ask for a return from your order's
page within the shop's return window.{{BI_NEWLINE}}
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

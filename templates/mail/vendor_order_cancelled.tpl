{{%AUTOESCAPE context="HTML"}}
{{! A vendor order was cancelled by the customer, an admin or the shop's
    system (cgi/lib/ordermail.c), to the vendor. A text mail: see
    verify_email.tpl for the format. }}
Hello {{SHOP}},{{BI_NEWLINE}}
Order {{VO_NUMBER}} has been cancelled: do not send it.{{BI_NEWLINE}}
Reason: {{REASON}}{{BI_NEWLINE}}
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}}
{{/ITEM}}
{{BI_NEWLINE}}{{BASE_URL}}/vendor/orders/{{VO_ID}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

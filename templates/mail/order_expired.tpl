{{%AUTOESCAPE context="HTML"}}
{{! An order nobody paid in time (cgi/lib/ordermail.c). A text mail: see
    verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
We did not receive the payment for your order {{ORDER_NUMBER}} ({{ORDER_TOTAL}})
in time, so it has been cancelled and nothing will be sent:{{BI_NEWLINE}}
{{#VENDOR}}
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}} from {{SHOP}}
{{/ITEM}}
{{/VENDOR}}
{{BI_NEWLINE}}If you still want these items, you are welcome to order them again. If you
paid in the meantime, write to {{SUPPORT_EMAIL}} and we refund it.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

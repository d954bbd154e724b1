{{%AUTOESCAPE context="HTML"}}
{{! To a vendor when its part of an order is paid (cgi/lib/ordermail.c).
    A text mail: see verify_email.tpl for the format. }}
Hello {{SHOP}},{{BI_NEWLINE}}
You have a new paid order to send: {{VO_NUMBER}}.{{BI_NEWLINE}}
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}}{{#HAS_SKU}} (SKU {{ITEM_SKU}}){{/HAS_SKU}}: {{ITEM_LINE}}
{{/ITEM}}
  Shipping paid: {{VO_SHIPPING}}
  Total: {{VO_TOTAL}}{{BI_NEWLINE}}
It goes to {{SHIP_NAME}} in {{SHIP_COUNTRY}}; the full address and the
packing slip are on the order's page. Please send it within
{{HANDLING_DAYS}} working days and enter the carrier and tracking number
when you do.{{BI_NEWLINE}}
{{BASE_URL}}/vendor/orders/{{VO_ID}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

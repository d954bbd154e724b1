{{%AUTOESCAPE context="HTML"}}
{{! The order confirmation (cgi/lib/ordermail.c): one mail for the whole
    order, a VENDOR section per shop with its items and sums. A text mail:
    see verify_email.tpl for the format. GUEST_LINK (a guest's order) has
    GUEST_TOKEN; BANK (a bank transfer) has BANK_REFERENCE. }}
Hello {{NAME}},{{BI_NEWLINE}}
Thank you for your order {{ORDER_NUMBER}}. Each shop below sends its part
of it on its own, and we tell you when each parcel leaves.{{BI_NEWLINE}}
{{#VENDOR}}
From {{SHOP}} ({{VO_NUMBER}}):
{{#ITEM}}
  {{ITEM_QTY}} x {{ITEM_NAME}} at {{ITEM_PRICE}}: {{ITEM_LINE}}
{{/ITEM}}
  Shipping: {{VO_SHIPPING}}
{{#VO_HAS_DISCOUNT}}
  Discount: -{{VO_DISCOUNT}}
{{/VO_HAS_DISCOUNT}}
  Subtotal: {{VO_TOTAL}}{{BI_NEWLINE}}
{{/VENDOR}}
Items: {{ORDER_ITEMS}}
Shipping: {{ORDER_SHIPPING}}
{{#HAS_DISCOUNT}}
Discount ({{COUPON}}): -{{ORDER_DISCOUNT}}
{{/HAS_DISCOUNT}}
Total: {{ORDER_TOTAL}} (of which tax {{ORDER_TAX}}){{BI_NEWLINE}}
{{#BANK}}
You chose to pay by bank transfer. Please transfer {{ORDER_TOTAL}} with the
reference {{BANK_REFERENCE}}; the bank details are on your order's page. The
shops start on your order as soon as the payment arrives.{{BI_NEWLINE}}
{{/BANK}}
{{#PROVIDER}}
Payment by {{PAYMENT_METHOD}}: we write again as soon as it is confirmed.{{BI_NEWLINE}}
{{/PROVIDER}}
{{#GUEST_LINK}}
Please confirm your email address and follow your order with this link
(keep this mail: the link is your way back to the order):{{BI_NEWLINE}}
{{BASE_URL}}/orders/{{ORDER_ID}}/guest?token={{GUEST_TOKEN}}{{BI_NEWLINE}}
{{/GUEST_LINK}}
{{#ACCOUNT}}
Your order and each shop's progress:{{BI_NEWLINE}}
{{BASE_URL}}/orders/{{ORDER_ID}}{{BI_NEWLINE}}
{{/ACCOUNT}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

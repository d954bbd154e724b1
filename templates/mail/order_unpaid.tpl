{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. The caller
    (cgi/lib/payment.c) passes ORDER_NUMBER, TOTAL, ORDER_ID and REASON (why
    the order ended unpaid: it expired, or its payment failed); SITE_NAME,
    BASE_URL and SUPPORT_EMAIL are always there. }}
Hello,{{BI_NEWLINE}}
Your order {{ORDER_NUMBER}} ({{TOTAL}}) has not been paid and is now closed.{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
Nothing was charged, and the items are back on sale. If you still want
them, you are welcome to order them again.{{BI_NEWLINE}}
Your order:
{{BASE_URL}}/orders/{{ORDER_ID}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

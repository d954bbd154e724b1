{{%AUTOESCAPE context="HTML"}}
{{! A payout sent to a vendor (cgi/lib/ordermail.c). A text mail: see
    verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have sent {{AMOUNT}} to the bank account of {{SHOP}}.
Reference: {{REFERENCE}}{{BI_NEWLINE}}
It usually arrives within two working days. Every payout is in your
ledger in the vendor portal.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

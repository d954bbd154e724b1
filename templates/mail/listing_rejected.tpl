{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, LISTING (the product's name), REASON (written by the admin),
    PRODUCT_URL and EDIT_URL (the listing's form in the vendor portal);
    SITE_NAME, BASE_URL and SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have reviewed your listing "{{LISTING}}" and cannot show it in the
shop as it is. It is back among your drafts.{{BI_NEWLINE}}
What needs to change:{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
How to fix it: edit the listing in the vendor portal and publish it again.
We review it again as soon as you do.{{BI_NEWLINE}}
{{EDIT_URL}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

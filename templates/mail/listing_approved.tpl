{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, LISTING (the product's name), PRODUCT_URL and EDIT_URL; SITE_NAME,
    BASE_URL and SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have reviewed your listing "{{LISTING}}" and it is live in the shop
now:{{BI_NEWLINE}}
{{PRODUCT_URL}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, PRODUCT (the product's name), TITLE (the review's title), REASON
    (written by the admin) and REVIEWS_URL; SITE_NAME, BASE_URL and
    SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
Your review "{{TITLE}}" of {{PRODUCT}} was reported, and after reading it
we have hidden it from the product's page. It no longer counts in the
product's rating.{{BI_NEWLINE}}
Why:{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
The product's reviews:{{BI_NEWLINE}}
{{REVIEWS_URL}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

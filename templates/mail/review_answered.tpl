{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, PRODUCT (the product's name), TITLE (the review's title) and
    REVIEWS_URL; SITE_NAME, BASE_URL and SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
The shop that sold you {{PRODUCT}} has answered your review "{{TITLE}}".
Read the answer with the product's reviews:{{BI_NEWLINE}}
{{REVIEWS_URL}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

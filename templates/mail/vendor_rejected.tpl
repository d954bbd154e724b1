{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, TRADING_NAME, REASON (written by the admin) and PROFILE_URL (the
    profile form of the vendor portal); SITE_NAME, BASE_URL and
    SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
We have checked the business details you submitted for {{TRADING_NAME}}
and cannot open your shop on {{SITE_NAME}} yet.{{BI_NEWLINE}}
What needs to change:{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
How to fix it: log in to the vendor portal, correct your business profile
and submit it again. We check it again as soon as you do.{{BI_NEWLINE}}
{{PROFILE_URL}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

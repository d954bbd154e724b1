{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME and LOGIN_URL; SITE_NAME and BASE_URL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
The block on your {{SITE_NAME}} account has been lifted: you can log in
again.{{BI_NEWLINE}}
{{LOGIN_URL}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

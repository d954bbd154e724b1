{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME and MINUTES (how long logins are refused); SITE_NAME and BASE_URL
    are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
There have been too many failed attempts to log in to your {{SITE_NAME}}
admin account, with a wrong password or a wrong code from your
authenticator app. Logins for your address are refused for up to
{{MINUTES}} minutes.{{BI_NEWLINE}}
If this was you, wait and try again. If it was not, someone may be trying
your password: change it after you log in, and tell the other admins.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

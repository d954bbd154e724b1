{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines in
    this file are dropped: end a paragraph with BI_NEWLINE (in braces) to keep
    an empty line after it. Values print on one line; the caller passes
    NAME, VERIFY_URL (mail_base_url() + the verify page + "?token=" + token), CODE and
    HOURS (how long they work); SITE_NAME, BASE_URL and SUPPORT_EMAIL are
    always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
Please confirm the email address of your {{SITE_NAME}} account by opening
this link:{{BI_NEWLINE}}
{{VERIFY_URL}}{{BI_NEWLINE}}
Or enter this code on the confirmation page: {{CODE}}{{BI_NEWLINE}}
The link and the code can be used once, within {{HOURS}} hours.{{BI_NEWLINE}}
If you did not sign up at {{SITE_NAME}}, ignore this message: without the
confirmation nothing happens.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, REASON (written by the admin) and shows IS_VENDOR for a vendor's
    account; SITE_NAME, BASE_URL and SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
Your {{SITE_NAME}} account has been blocked. You have been logged out and
cannot log in while the block lasts.{{#IS_VENDOR}} Your shop and its products
are not shown to shoppers in that time.{{/IS_VENDOR}}{{BI_NEWLINE}}
The reason:{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
If you think this is a mistake, or you have fixed what the reason says,
you can appeal: write to {{SUPPORT_EMAIL}} from the address this message
was sent to, and say why the block should be lifted. A person reads every
appeal.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

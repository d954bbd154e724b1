{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format), sent to the OLD
    address once a change of address is confirmed. The caller passes NAME,
    OLD_EMAIL and NEW_EMAIL; SUPPORT_EMAIL is always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
The email address of your {{SITE_NAME}} account is now {{NEW_EMAIL}}
instead of {{OLD_EMAIL}}: the change was asked for by someone logged in to
the account and confirmed from the new address. Mail about the account now
goes there, and every other device was logged out.{{BI_NEWLINE}}
If this was you, there is nothing more to do.{{BI_NEWLINE}}
If it was not you, write at once to {{SUPPORT_EMAIL}} from this address,
so that we can give the account back to you.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format), the last one sent to
    a deleted account's address. The caller passes NAME and EMAIL. }}
Hello {{NAME}},{{BI_NEWLINE}}
Your {{SITE_NAME}} account ({{EMAIL}}) has been deleted, as you asked. Your
name, address book, phone number, password and our copies of the mail we
sent you have been erased, and every device has been logged out. This is
the last mail about this account.{{BI_NEWLINE}}
If you did not delete the account yourself, write to {{SUPPORT_EMAIL}} at
once.{{BI_NEWLINE}}
Thank you for shopping with us.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

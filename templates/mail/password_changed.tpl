{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format). The caller passes
    NAME and RESET_LINK (mail_base_url() + "/reset"). }}
Hello {{NAME}},{{BI_NEWLINE}}
The password of your {{SITE_NAME}} account has just been changed, and every
other device logged in to it has been logged out.{{BI_NEWLINE}}
If this was you, there is nothing more to do.{{BI_NEWLINE}}
If it was not you, reset your password now at
{{RESET_LINK}}
and write to {{SUPPORT_EMAIL}} so that we can help you secure the account.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format), sent to the NEW
    address. The caller passes NAME, NEW_EMAIL, LINK (mail_base_url() +
    "/account/email/confirm?token=" + token) and HOURS. }}
Hello {{NAME}},{{BI_NEWLINE}}
You asked to use this email address for your {{SITE_NAME}} account:
{{NEW_EMAIL}}{{BI_NEWLINE}}
To confirm the change, open this link:{{BI_NEWLINE}}
{{LINK}}{{BI_NEWLINE}}
The link works once, within {{HOURS}} hours. Until you open it, your account
keeps its current address.{{BI_NEWLINE}}
If you did not ask for this, ignore this message: nothing changes.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format). The caller passes
    NAME, LINK (mail_base_url() + "/reset/new?token=" + token) and HOURS (how
    long it works), and shows HOURS_PLURAL when HOURS is not 1; SITE_NAME,
    BASE_URL and SUPPORT_EMAIL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
Someone, hopefully you, asked to reset the password of your {{SITE_NAME}}
account. To choose a new password, open this link:{{BI_NEWLINE}}
{{LINK}}{{BI_NEWLINE}}
The link works once, within {{HOURS}} hour{{#HOURS_PLURAL}}s{{/HOURS_PLURAL}}. Choosing a new
password logs your account out on every device.{{BI_NEWLINE}}
If you did not ask for this, ignore this message: your password stays as it
is. Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

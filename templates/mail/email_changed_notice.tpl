{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format), sent to the CURRENT
    address when a change is requested. The caller passes NAME, OLD_EMAIL,
    NEW_EMAIL and RESET_LINK (mail_base_url() + "/reset"). }}
Hello {{NAME}},{{BI_NEWLINE}}
Someone logged in to your {{SITE_NAME}} account asked to change its email
address from {{OLD_EMAIL}} to {{NEW_EMAIL}}. The change happens when the link
we sent to the new address is opened.{{BI_NEWLINE}}
If this was you, there is nothing more to do.{{BI_NEWLINE}}
If it was not you, reset your password now at
{{RESET_LINK}}
(that logs out every device) and write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A text mail (see verify_email.tpl for the format). The caller passes
    NAME and MINUTES (how long logging in is paused at most); the link to
    the shop's reset page is made from BASE_URL here. }}
Hello {{NAME}},{{BI_NEWLINE}}
There have been many failed attempts to log in to your {{SITE_NAME}}
account, so logging in with your address is paused for up to {{MINUTES}}
minutes. Your password still works after that.{{BI_NEWLINE}}
If it was you and you forgot your password, you can choose a new one at
{{BASE_URL}}/reset{{BI_NEWLINE}}
If it was not you, someone may be guessing your password. A long password
that you use nowhere else keeps them out; you can change it in your account.
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

{{%AUTOESCAPE context="HTML"}}
{{! A notification by mail with no mail of its own (cgi/lib/notify.c sets
    NOTIFICATION_TEXT and NOTIFICATION_URL; the unsubscribe paragraph is
    added after it). A text mail: see verify_email.tpl for the format. }}
{{NOTIFICATION_TEXT}}{{BI_NEWLINE}}
{{NOTIFICATION_URL}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

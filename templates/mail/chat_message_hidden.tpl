{{%AUTOESCAPE context="HTML"}}
{{! A message of a conversation was reported and hidden by a moderator
    (cgi/lib/chat.c, chat_moderate). A text mail: see verify_email.tpl for
    the format. The caller passes NAME, VO_NUMBER and REASON (written by
    the admin). }}
Hello {{NAME}},{{BI_NEWLINE}}
One of your messages about order {{VO_NUMBER}} was reported, and after
reading it we have hidden it from the conversation.{{BI_NEWLINE}}
Why:{{BI_NEWLINE}}
{{REASON}}{{BI_NEWLINE}}
Questions? Write to {{SUPPORT_EMAIL}}.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

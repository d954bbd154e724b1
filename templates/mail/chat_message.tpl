{{%AUTOESCAPE context="HTML"}}
{{! A new message in a conversation about a vendor order (cgi/lib/chat.c):
    at most one such mail an hour per conversation and reader. A text mail:
    see verify_email.tpl for the format. }}
Hello {{NAME}},{{BI_NEWLINE}}
{{FROM}} wrote to you about order {{VO_NUMBER}}.{{BI_NEWLINE}}
Read and answer it here:
{{URL}}{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

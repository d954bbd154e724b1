{{%AUTOESCAPE context="HTML"}}
{{! The vendor's notification line of a new paid order (cgi/lib/ordermail.c):
    the text, then the path it links to. Plain text read by notify_user_from,
    escaped once where the centre shows it (see order_shipped.tpl). }}
New order {{VO_NUMBER:none}} to send{{! plain text, escaped once where shown: see above }}
/vendor/orders/{{VO_ID}}

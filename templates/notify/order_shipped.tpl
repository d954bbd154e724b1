{{%AUTOESCAPE context="HTML"}}
{{! The notification line of a shipped vendor order (cgi/lib/ordermail.c):
    the text, then the path it links to. Not HTML: notify_user_from reads the
    two lines as plain text and the centre's page escapes the text when it
    shows it, so the shop's name is written as typed (:none) to be escaped
    once, there. A name holds no line break (it is tidied). }}
{{SHOP:none}} has sent your parcel {{VO_NUMBER}}{{! plain text, escaped once where shown: see above }}
/orders/{{ORDER_ID}}

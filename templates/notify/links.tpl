{{%AUTOESCAPE context="HTML"}}
{{! The links of a notification mail, one a line, read by cgi/lib/notify.c
    (not a page): the one-click unsubscribe link of the kind, then the
    person's notification centre. Every value is digits, hex or a kind's
    name, so the escaping changes nothing. }}
{{BASE_URL}}/unsubscribe?u={{USER_ID}}&a={{AUDIENCE}}&k={{KIND}}&s={{SIG}}
{{#SHOPPER}}{{BASE_URL}}/account/notifications{{/SHOPPER}}{{#VENDOR}}{{BASE_URL}}/vendor/notifications{{/VENDOR}}

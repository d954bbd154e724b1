{{%AUTOESCAPE context="HTML"}}
{{! A text mail (text/plain, see cgi/lib/mail.h). No HTML tags. Blank lines are
    dropped: BI_NEWLINE (in braces) keeps an empty line. The caller passes
    NAME, TRADING_NAME, SHOP_URL (the public shop) and PORTAL_URL (the vendor
    portal); SITE_NAME and BASE_URL are always there. }}
Hello {{NAME}},{{BI_NEWLINE}}
Good news: we have checked the business details of {{TRADING_NAME}} and
your shop is now open on {{SITE_NAME}}. Shoppers can find your active
products from now on.{{BI_NEWLINE}}
Your shop:
{{SHOP_URL}}{{BI_NEWLINE}}
In the vendor portal you can see your listings and keep your business
details up to date. Adding listings there is not open yet:
{{PORTAL_URL}}{{BI_NEWLINE}}
Thank you for selling with us.{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

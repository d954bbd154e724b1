{{%AUTOESCAPE context="HTML"}}
{{! A product in one of the shopper's wishlists got cheaper or is back in
    stock (cgi/lib/wishlist.c, at most one such mail a day). A text mail:
    see verify_email.tpl for the format. }}
{{#DROP}}{{PRODUCT}} is cheaper now: {{PRICE}} (was {{BEFORE}}).{{BI_NEWLINE}}{{/DROP}}
{{#BACK}}{{PRODUCT}} is back in stock, at {{PRICE}}.{{BI_NEWLINE}}{{/BACK}}
{{BASE_URL}}{{PRODUCT_PATH}}{{BI_NEWLINE}}
Your saved products: {{BASE_URL}}/account/wishlists{{BI_NEWLINE}}
{{SITE_NAME}}
{{BASE_URL}}

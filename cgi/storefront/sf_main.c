/*
 * sf_main: the storefront program. This table is the only list of its URLs;
 * each row names the handler, the template it renders and the parameters it
 * accepts (anything else in the query string never reaches a handler).
 */
#include "sf.h"

#include "auth.h"
#include "cart.h"
#include "catalog.h"
#include "chat.h"
#include "notify.h"
#include "order.h"
#include "recs.h"
#include "report.h"
#include "review.h"
#include "route.h"
#include "search.h"
#include "ticket.h"
#include "validate.h"
#include "wishlist.h"

/* ?page=N on every listing. */
#define SF_PARAM_PAGE \
	{ "page", PARAM_INT, 1, SF_PAGE_MAX, NULL, 0, "Page", NULL, NULL }
/* Price range and stock filter of the category and search pages. */
#define SF_PARAM_FILTERS \
	{ "min_price", PARAM_MONEY, 0, SF_PRICE_MAX, NULL, 0, "Minimum price", NULL, NULL }, \
	{ "max_price", PARAM_MONEY, 0, SF_PRICE_MAX, NULL, 0, "Maximum price", NULL, NULL }, \
	{ "in_stock", PARAM_ENUM, 0, 0, sf_list_in_stock_choices, 0, "In stock only", NULL, NULL }

static const struct param sf_params_category[] = {
	SF_PARAM_PAGE,
	{ "sort", PARAM_ENUM, 0, 0, sf_list_sorts_catalog, 0, "Sort order", NULL, NULL },
	SF_PARAM_FILTERS,
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

/* The facets of the search page (sf_list_facets): a category, a shop, a
 * price band, a least rating, on sale. */
#define SF_PARAM_FACETS \
	{ "category", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Category", NULL, NULL }, \
	{ "vendor", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Shop", NULL, NULL }, \
	{ "band", PARAM_INT, 0, SEARCH_NBANDS - 1, NULL, 0, "Price band", NULL, NULL }, \
	{ "rating", PARAM_INT, 1, 4, NULL, 0, "Customer rating", NULL, NULL }, \
	{ "sale", PARAM_ENUM, 0, 0, sf_list_in_stock_choices, 0, "On sale", NULL, NULL }

static const struct param sf_params_search[] = {
	{ "q", PARAM_TEXT, 0, SF_QUERY_MAX, NULL, 0, "Search text", NULL, NULL },
	SF_PARAM_PAGE,
	{ "sort", PARAM_ENUM, 0, 0, sf_list_sorts_search, 0, "Sort order", NULL, NULL },
	SF_PARAM_FILTERS,
	SF_PARAM_FACETS,
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};
static const struct param sf_params_suggest[] = {
	{ "q", PARAM_TEXT, 0, SF_QUERY_MAX, NULL, 0, "Search text", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

static const struct param sf_params_vendor[] = {
	SF_PARAM_PAGE,
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};
/* The country the product page quotes delivery to (cgi/lib/shipping.h). */
static const struct param sf_params_product[] = {
	{ "country", PARAM_TEXT, 0, 10, NULL, 0, "Country", sf_product_valid_country, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

/* Recently viewed, Sponsored "why" and the personalisation setting
 * (sf_personal.c). */
static const char *const sf_personal_reasons[] = { "viewed", "bought", NULL };
static const struct param sf_params_personal_why[] = {
	{ "r", PARAM_ENUM, 0, 0, sf_personal_reasons, 0, "Reason", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};
static const char *const sf_personal_switch[] = { "on", "off", NULL };
static const struct param sf_params_personal_setting[] = {
	{ "personalise", PARAM_ENUM, 0, 0, sf_personal_switch, PARAM_REQUIRED, "Personalisation", NULL,
	  "Choose on or off." },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

/* Fields checked by their handler, which shows the form again with what is
 * wrong next to each field; the fields of R_FORM routes carry their rules
 * (ROUTE_FIELD, ROUTE_SECRET) and the router does that. */
#define SF_FIELD(name, max, label) { name, PARAM_TEXT, 0, max, NULL, 0, label, NULL, NULL }
#define SF_PARAMS_END { NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL }

static const struct param sf_params_next[] = {
	SF_FIELD("next", 500, "Return address"),
	SF_PARAMS_END,
};
static const struct param sf_params_signup[] = {
	ROUTE_FIELD("name", 0, "Name", 0u, validate_person_name, "Enter your name."),
	ROUTE_FIELD("email", 0, "Email", 0u, validate_email, "Enter your email address."),
	ROUTE_SECRET("password", "Password", validate_password, "Enter a password."),
	SF_FIELD("next", 500, "Return address"),
	SF_PARAMS_END,
};
/* The address's shape is auth_password_login's: it answers a wrong one as
 * it answers a wrong password. */
static const struct param sf_params_login[] = {
	ROUTE_FIELD("email", 0, "Email", 0u, NULL, "Enter your email address."),
	ROUTE_SECRET("password", "Password", NULL, "Enter your password."),
	SF_FIELD("next", 500, "Return address"),
	SF_PARAMS_END,
};
static const struct param sf_params_token[] = {
	SF_FIELD("token", 100, "Link"),
	SF_PARAMS_END,
};
static const struct param sf_params_verify[] = {
	SF_FIELD("token", 100, "Link"),
	SF_FIELD("code", 20, "Code"),
	SF_PARAMS_END,
};
static const struct param sf_params_reset_request[] = {
	ROUTE_FIELD("email", 0, "Email", 0u, validate_email, "Enter your email address."),
	SF_PARAMS_END,
};
static const struct param sf_params_reset[] = {
	SF_FIELD("token", 100, "Link"),
	SF_FIELD("password", 1000, "New password"),
	SF_PARAMS_END,
};
static const struct param sf_params_profile[] = {
	ROUTE_FIELD("name", 0, "Name", 0u, validate_person_name, "Enter your name."),
	ROUTE_FIELD("phone", 0, "Phone", 0u, validate_contact_phone, NULL),
	SF_PARAMS_END,
};
static const struct param sf_params_password[] = {
	SF_FIELD("current_password", 1000, "Current password"),
	SF_FIELD("password", 1000, "New password"),
	SF_PARAMS_END,
};
static const struct param sf_params_email_change[] = {
	SF_FIELD("email", 300, "New email"),
	SF_FIELD("current_password", 1000, "Current password"),
	SF_PARAMS_END,
};
static const struct param sf_params_address[] = {
	ROUTE_FIELD("label", 0, "Name of this address", 0u, validate_address_label,
		    "Give the address a short name, for example Home."),
	VALIDATE_ADDRESS_FIELDS,
	SF_FIELD("is_default", 10, "Default address"),
	SF_PARAMS_END,
};
/* The cart: a quantity, and the product to add. */
static const struct param sf_params_cart_add[] = {
	{ "product", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Product", NULL,
	  "Choose a product to add." },
	{ "qty", PARAM_INT, 1, CART_QTY_MAX, NULL, PARAM_REQUIRED, "Quantity", NULL, "Enter a quantity." },
	SF_PARAMS_END,
};
static const struct param sf_params_cart_quantity[] = {
	{ "qty", PARAM_INT, 1, CART_QTY_MAX, NULL, PARAM_REQUIRED, "Quantity", NULL, "Enter a quantity." },
	SF_PARAMS_END,
};
/* A ticked confirmation box. */
static const char *const sf_main_ticked[] = { "1", NULL };
static const struct param sf_params_address_delete[] = {
	{ "confirm", PARAM_ENUM, 0, 0, sf_main_ticked, PARAM_REQUIRED, "Confirmation", NULL,
	  "Tick the box to confirm that this address should be deleted." },
	SF_PARAMS_END,
};
static const struct param sf_params_delete_account[] = {
	SF_FIELD("current_password", 1000, "Current password"),
	SF_FIELD("confirm", 10, "Confirmation"),
	SF_PARAMS_END,
};

/* The checkout's fields: the address's are required only for a new
 * address (address_id 0), which the handler checks. */
#define SF_CHECKOUT_FIELDS \
	ROUTE_FIELD("email", 0, "Email", 0u, validate_email, NULL), \
	{ "address_id", PARAM_INT, 0, 999999999999999999LL, NULL, 0, "Address", NULL, NULL }, \
	ROUTE_FIELD("name", 0, "Full name", 0u, validate_address_name, NULL), \
	ROUTE_FIELD("line1", 0, "Street and number", 0u, validate_address_line, NULL), \
	ROUTE_FIELD("line2", 0, "Address line 2", 0u, validate_address_line, NULL), \
	ROUTE_FIELD("city", 0, "Town or city", 0u, validate_address_city, NULL), \
	ROUTE_FIELD("postcode", 0, "Postcode", 0u, validate_address_postcode, NULL), \
	ROUTE_FIELD("country", 0, "Country code", 0u, validate_address_country, NULL), \
	ROUTE_FIELD("phone", 0, "Phone", 0u, validate_contact_phone, NULL), \
	SF_FIELD("save_address", 10, "Save the address"), \
	{ "method", PARAM_ENUM, 0, 0, order_method_names, 0, "Payment method", NULL, NULL }, \
	ROUTE_FIELD("coupon", 40, "Coupon code", 0u, NULL, NULL)
static const struct param sf_params_checkout[] = {
	SF_CHECKOUT_FIELDS,
	SF_PARAMS_END,
};
static const struct param sf_params_checkout_place[] = {
	SF_CHECKOUT_FIELDS,
	SF_FIELD("key", 64, "Order form key"),
	SF_FIELD("quote", 64, "Order reviewed"),
	SF_PARAMS_END,
};

/* The customer's orders: a page of the history; a guest's order link. */
static const struct param sf_params_orders[] = {
	SF_PARAM_PAGE,
	SF_PARAMS_END,
};
static const struct param sf_params_order_token[] = {
	{ "token", PARAM_TEXT, 0, 64, NULL, PARAM_REQUIRED, "Order link", NULL,
	  "This link is not complete: open it from the order confirmation mail." },
	SF_PARAMS_END,
};

/* What a customer does on an order (sf_returns.c, sf_payment.c): an
 * account's, or a guest's with the order link's token (R_LINK: the handler
 * checks it, sf_orders_customer). */
#define SF_PARAM_ORDER_LINK SF_FIELD(ROUTE_LINK_FIELD, 64, "Order link")
static const struct param sf_params_order_link[] = {
	SF_PARAM_ORDER_LINK,
	SF_PARAMS_END,
};

static const struct param sf_params_cancel[] = {
	{ "vendor_order", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Part of the order", NULL, NULL },
	SF_PARAM_ORDER_LINK,
	SF_PARAMS_END,
};

static const struct param sf_params_return_new[] = {
	{ "vendor_order", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Part of the order", NULL, NULL },
	SF_PARAM_ORDER_LINK,
	SF_PARAMS_END,
};

static const struct param sf_params_return[] = {
	{ "vendor_order", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Part of the order", NULL, NULL },
	{ "item", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_MANY, "Item", NULL, NULL },
	{ "qty", PARAM_INT, 0, 999, NULL, PARAM_MANY, "Quantity", NULL, NULL },
	ROUTE_FIELD("reason", 500, "Reason", PARAM_MULTILINE, NULL, "Say why you return the items."),
	SF_PARAM_ORDER_LINK,
	SF_PARAMS_END,
};

static const struct param sf_params_return_escalate[] = {
	ROUTE_FIELD("note", 500, "Note", PARAM_MULTILINE, NULL, "Say why the marketplace should decide."),
	SF_PARAM_ORDER_LINK,
	SF_PARAMS_END,
};

/* The notification centre and the unsubscribe link of its mails. */
static const struct param sf_params_notifications_settings[] = {
	{ "mail", PARAM_ENUM, 0, 0, notify_kind_names, PARAM_MANY, "Mail about", NULL, NULL },
	SF_PARAMS_END,
};
static const char *const sf_main_one_click[] = { "One-Click", NULL };
static const struct param sf_params_unsubscribe[] = {
	{ "List-Unsubscribe", PARAM_ENUM, 0, 0, sf_main_one_click, 0, "Unsubscribe", NULL, NULL },
	SF_PARAMS_END,
};
/* Reviews (sf_reviews.c). */
static const struct param sf_params_reviews[] = {
	{ "sort", PARAM_ENUM, 0, 0, sf_reviews_sorts, 0, "Sort order", NULL, NULL },
	SF_PARAM_PAGE,
	SF_PARAMS_END,
};
static const struct param sf_params_review_new[] = {
	{ "item", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Item", NULL, NULL },
	SF_PARAMS_END,
};
#define SF_REVIEW_FIELDS \
	{ "rating", PARAM_INT, 1, 5, NULL, PARAM_REQUIRED, "Rating", NULL, "Choose from one to five stars." }, \
	ROUTE_FIELD("title", REVIEW_TITLE_MAX, "Title", 0u, NULL, "Give your review a title."), \
	ROUTE_FIELD("body", REVIEW_BODY_MAX, "Review", PARAM_MULTILINE, NULL, "Write what you think of it.")
static const struct param sf_params_review[] = {
	{ "item", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Item", NULL, NULL },
	SF_REVIEW_FIELDS,
	{ "photo", PARAM_FILE, 0, REVIEW_PHOTOS_MAX, NULL, 0, "Photos", NULL, NULL },
	SF_PARAMS_END,
};
static const struct param sf_params_review_edit[] = {
	SF_REVIEW_FIELDS,
	SF_PARAMS_END,
};
static const struct param sf_params_review_report[] = {
	ROUTE_FIELD("reason", REVIEW_REASON_MAX, "Reason", PARAM_MULTILINE, NULL, NULL),
	SF_PARAMS_END,
};
/* A message to a shop (sf_messages.c): text, a picture or both. */
static const struct param sf_params_message[] = {
	ROUTE_FIELD("text", CHAT_TEXT_MAX, "Your message", PARAM_MULTILINE, NULL, NULL),
	{ "picture", PARAM_FILE, 0, 1, NULL, 0, "Picture", NULL, NULL },
	SF_PARAMS_END,
};

/* Wishlists (sf_wishlists.c). */
static const struct param sf_params_wishlist_save[] = {
	{ "product", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Product", NULL,
	  "Choose a product to save." },
	SF_PARAMS_END,
};
static const struct param sf_params_wishlist_new[] = {
	ROUTE_FIELD("name", WISHLIST_NAME_MAX, "Name", 0u, NULL, "Give the list a name."),
	SF_PARAMS_END,
};
static const char *const sf_main_share[] = { "on", "off", NULL };
static const struct param sf_params_wishlist_share[] = {
	{ "share", PARAM_ENUM, 0, 0, sf_main_share, PARAM_REQUIRED, "Sharing", NULL, NULL },
	SF_PARAMS_END,
};
static const struct param sf_params_wishlist_move[] = {
	{ "to", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "List", NULL, "Choose a list." },
	SF_PARAMS_END,
};
static const struct param sf_params_message_report[] = {
	ROUTE_FIELD("reason", REPORT_REASON_MAX, "What is wrong with this message", PARAM_MULTILINE, NULL,
		    "Say what is wrong with this message."),
	SF_PARAMS_END,
};

/* Questions to the marketplace's support team (sf_tickets.c). */
static const struct param sf_params_ticket_new[] = {
	ROUTE_FIELD("order", TICKET_ORDER_MAX, "Order number", 0u, NULL, NULL),
	{ "category", PARAM_ENUM, 0, 0, ticket_categories, 0, "What it is about", NULL, NULL },
	SF_PARAMS_END,
};
static const struct param sf_params_ticket[] = {
	TICKET_PARAMS_OPEN,
	SF_PARAMS_END,
};
static const struct param sf_params_ticket_reply[] = {
	TICKET_PARAM_BODY,
	SF_PARAMS_END,
};

/* Search by picture (sf_imagesearch.c). */
static const struct param sf_params_imagesearch[] = {
	{ "picture", PARAM_FILE, 0, 1, NULL, PARAM_REQUIRED, "Picture", NULL, "Choose a picture to search with." },
	SF_PARAMS_END,
};

static const struct route sf_routes[] = {
	{ "GET", "/", sf_home_view, "storefront/home_view.tpl", 0, NULL, NULL },
	{ "GET", "/c/{slug}", sf_catalog_category, "storefront/catalog_category.tpl", 0,
	  sf_params_category, NULL },
	{ "GET", "/search", sf_search_results, "storefront/search_results.tpl", 0,
	  sf_params_search, NULL },
	{ "GET", "/search/suggest", sf_suggest_json, NULL, 0, sf_params_suggest, NULL },
	{ "GET", "/p/{id}-{slug}", sf_product_view, "storefront/product_view.tpl", 0, sf_params_product, NULL },
	{ "GET", "/p/{id}", sf_product_redirect, NULL, 0, NULL, NULL },
	{ "GET", "/v/{slug}", sf_vendor_shop, "storefront/vendor_shop.tpl", 0, sf_params_vendor, NULL },
	{ "GET", "/healthz", sf_health_check, NULL, 0, NULL, NULL },

	{ "GET", "/signup", sf_auth_signup_form, "storefront/auth_signup_form.tpl", 0, sf_params_next, NULL },
	{ "POST", "/signup", sf_auth_signup, "storefront/auth_signup_form.tpl", R_CSRF | R_FORM, sf_params_signup,
	  sf_auth_signup_form_page },
	{ "GET", "/login", sf_auth_login_form, "storefront/auth_login_form.tpl", 0, sf_params_next, NULL },
	{ "POST", "/login", sf_auth_login, "storefront/auth_login_form.tpl", R_CSRF | R_FORM, sf_params_login,
	  sf_auth_login_form_page },
	/* Also from the header of cached pages: no token, the Origin is checked. */
	{ "POST", "/logout", sf_auth_logout, NULL, R_CSRF | R_ORIGIN, NULL, NULL },
	{ "GET", "/verify", sf_auth_verify_form, "storefront/auth_verify_form.tpl", 0, sf_params_token, NULL },
	{ "POST", "/verify", sf_auth_verify, "storefront/auth_verify_form.tpl", R_CSRF, sf_params_verify, NULL },
	{ "POST", "/verify/resend", sf_auth_verify_resend, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "GET", "/reset", sf_auth_reset_request_form, "storefront/auth_reset_request_form.tpl", 0, NULL, NULL },
	{ "POST", "/reset", sf_auth_reset_request, "storefront/auth_reset_request_form.tpl", R_CSRF | R_FORM,
	  sf_params_reset_request, sf_auth_reset_request_form_page },
	{ "GET", "/reset/new", sf_auth_reset_form, "storefront/auth_reset_form.tpl", 0, sf_params_token, NULL },
	{ "POST", "/reset/new", sf_auth_reset, "storefront/auth_reset_form.tpl", R_CSRF, sf_params_reset, NULL },

	{ "GET", "/account", sf_account_profile_view, "storefront/account_profile_view.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/profile", sf_account_profile_save, "storefront/account_profile_view.tpl",
	  R_LOGIN | R_CSRF | R_FORM, sf_params_profile, sf_account_profile_form_page },
	{ "GET", "/account/password", sf_account_password_form, "storefront/account_password_form.tpl",
	  R_LOGIN, NULL, NULL },
	{ "POST", "/account/password", sf_account_password_change, "storefront/account_password_form.tpl",
	  R_LOGIN | R_CSRF, sf_params_password, NULL },
	{ "GET", "/account/email", sf_account_email_form, "storefront/account_email_form.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/email", sf_account_email_change, "storefront/account_email_form.tpl", R_LOGIN | R_CSRF,
	  sf_params_email_change, NULL },
	{ "POST", "/account/email/resend", sf_account_email_resend, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "POST", "/account/email/cancel", sf_account_email_cancel, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "GET", "/account/email/confirm", sf_account_email_confirm_form,
	  "storefront/account_email_confirm_form.tpl", 0, sf_params_token, NULL },
	{ "POST", "/account/email/confirm", sf_account_email_confirm, "storefront/account_email_confirm_form.tpl",
	  R_CSRF, sf_params_token, NULL },
	{ "GET", "/account/addresses", sf_account_address_list, "storefront/account_address_list.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/addresses", sf_account_address_add, "storefront/account_address_list.tpl",
	  R_LOGIN | R_CSRF | R_FORM, sf_params_address, sf_account_address_add_form_page },
	{ "GET", "/account/addresses/{id}", sf_account_address_form, "storefront/account_address_form.tpl",
	  R_LOGIN, NULL, NULL },
	{ "POST", "/account/addresses/{id}", sf_account_address_update, "storefront/account_address_form.tpl",
	  R_LOGIN | R_CSRF | R_FORM, sf_params_address, sf_account_address_update_form_page },
	{ "POST", "/account/addresses/{id}/delete", sf_account_address_delete,
	  "storefront/account_address_form.tpl", R_LOGIN | R_CSRF | R_FORM, sf_params_address_delete,
	  sf_account_address_delete_form_page },
	{ "GET", "/account/sessions", sf_account_session_list, "storefront/account_session_list.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/sessions/{id}/end", sf_account_session_end, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "POST", "/account/sessions/end-others", sf_account_session_end_others, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "GET", "/account/data.json", sf_account_data_download, NULL, R_LOGIN, NULL, NULL },
	{ "GET", "/account/delete", sf_account_delete_form, "storefront/account_delete_form.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/delete", sf_account_delete_erase, "storefront/account_delete_form.tpl", R_LOGIN | R_CSRF,
	  sf_params_delete_account, NULL },

	{ "GET", "/checkout", sf_checkout_form, "storefront/checkout_form.tpl", 0, NULL, NULL },
	{ "POST", "/checkout/review", sf_checkout_review, "storefront/checkout_form.tpl", R_CSRF | R_FORM,
	  sf_params_checkout, sf_checkout_form_page },
	{ "POST", "/checkout/place", sf_checkout_place, "storefront/checkout_review.tpl", R_CSRF,
	  sf_params_checkout_place, NULL },
	{ "GET", "/checkout/placed/{id}", sf_checkout_placed, "storefront/checkout_placed.tpl", 0, NULL, NULL },
	/* The customer's orders (sf_orders.c). */
	{ "GET", "/orders", sf_orders_list, "storefront/orders_list.tpl", R_LOGIN, sf_params_orders, NULL },
	{ "GET", "/orders/{id}", sf_orders_view, "storefront/orders_view.tpl", R_LOGIN, NULL, NULL },
	{ "GET", "/orders/{id}/invoice/{vo:id}", sf_orders_invoice, "storefront/orders_invoice.tpl", R_LOGIN, NULL, NULL },
	{ "GET", "/orders/{id}/invoice/{vo:id}.pdf", sf_orders_invoice_pdf, NULL, R_LOGIN, NULL, NULL },
	{ "GET", "/orders/{id}/guest", sf_orders_guest, "storefront/orders_view.tpl", 0, sf_params_order_token, NULL },
	{ "GET", "/orders/{id}/guest/invoice/{vo:id}", sf_orders_guest_invoice, "storefront/orders_invoice.tpl", 0,
	  sf_params_order_token, NULL },
	{ "GET", "/orders/{id}/guest/invoice/{vo:id}.pdf", sf_orders_guest_invoice_pdf, NULL, 0, sf_params_order_token,
	  NULL },
	{ "GET", "/cart", sf_cart_view, "storefront/cart_view.tpl", 0, NULL, NULL },
	/* From cached product pages: no token, the Origin is checked. */
	{ "POST", "/cart/add", sf_cart_add, "storefront/cart_view.tpl", R_CSRF | R_ORIGIN | R_FORM,
	  sf_params_cart_add, sf_cart_form_page },
	{ "POST", "/cart/items/{id}/quantity", sf_cart_quantity, "storefront/cart_view.tpl", R_CSRF | R_FORM,
	  sf_params_cart_quantity, sf_cart_form_page },
	{ "POST", "/cart/items/{id}/remove", sf_cart_remove, NULL, R_CSRF, NULL, NULL },
	{ "POST", "/cart/items/{id}/save", sf_cart_save, NULL, R_CSRF, NULL, NULL },
	{ "POST", "/cart/items/{id}/move", sf_cart_move, NULL, R_CSRF, NULL, NULL },
	{ "GET", "/cart/header", sf_cart_header, "storefront/cart_header.tpl", 0, NULL, NULL },
	{ "GET", "/orders/{id}/returns", sf_returns_view, "storefront/returns_view.tpl", R_LOGIN | R_LINK,
	  sf_params_order_link, NULL },
	{ "POST", "/orders/{id}/cancel", sf_returns_cancel, NULL, R_LOGIN | R_LINK | R_CSRF, sf_params_cancel, NULL },
	{ "GET", "/orders/{id}/returns/new", sf_returns_new, "storefront/returns_form.tpl", R_LOGIN | R_LINK,
	  sf_params_return_new, NULL },
	{ "POST", "/orders/{id}/returns", sf_returns_create, "storefront/returns_form.tpl",
	  R_LOGIN | R_LINK | R_CSRF | R_FORM, sf_params_return, sf_returns_form_page },
	{ "POST", "/returns/{id}/escalate", sf_returns_escalate, NULL, R_LOGIN | R_LINK | R_CSRF,
	  sf_params_return_escalate, NULL },
	{ "GET", "/orders/{id}/payment", sf_payment_view, "storefront/payment_view.tpl", R_LOGIN | R_LINK,
	  sf_params_order_link, NULL },
	{ "POST", "/orders/{id}/payment", sf_payment_pay, NULL, R_LOGIN | R_LINK | R_CSRF, sf_params_order_link,
	  NULL },
	{ "GET", "/payments/{id}/return", sf_payment_return, "storefront/payment_return.tpl", 0, NULL, NULL },
	{ "GET", "/payments/{id}/cancel", sf_payment_cancel, "storefront/payment_return.tpl", 0, NULL, NULL },
	{ "POST", "/payments/webhook/{provider:slug}", sf_payment_webhook, NULL, R_SIGNED, NULL, NULL },
	/* Conversations with the shops (sf_messages.c); nginx asks the last
	 * one before a browser subscribes to a conversation's live channel. */
	{ "GET", "/messages", sf_messages_list, "storefront/messages_list.tpl", R_LOGIN, sf_params_orders, NULL },
	{ "GET", "/messages/{id}", sf_messages_view, "storefront/messages_view.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/messages/{id}", sf_messages_send, "storefront/messages_view.tpl",
	  R_LOGIN | R_CSRF | R_FORM | R_UPLOAD, sf_params_message, sf_messages_form_page },
	{ "POST", "/messages/{id}/{message:id}/report", sf_messages_report, NULL, R_LOGIN | R_CSRF,
	  sf_params_message_report, NULL },
	{ "GET", "/live/chat/{id}", sf_messages_live, NULL, 0, NULL, NULL },
	{ "GET", "/live/unread", sf_messages_live_unread, NULL, 0, NULL, NULL },

	/* The notification centre (sf_notifications.c); the mails' unsubscribe
	 * link is signed and needs no login (R_SIGNED: RFC 8058's one-click POST). */
	{ "GET", "/account/notifications", sf_notifications_list, "storefront/notifications_list.tpl", R_LOGIN,
	  sf_params_orders, NULL },
	{ "POST", "/account/notifications/{id}/open", sf_notifications_open, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "POST", "/account/notifications/read-all", sf_notifications_read_all, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "POST", "/account/notifications/settings", sf_notifications_settings, NULL, R_LOGIN | R_CSRF,
	  sf_params_notifications_settings, NULL },
	{ "GET", "/unsubscribe", sf_notifications_unsubscribe_form, "storefront/notifications_unsubscribe.tpl", 0,
	  NULL, NULL },
	{ "POST", "/unsubscribe", sf_notifications_unsubscribe, "storefront/notifications_unsubscribe.tpl", R_SIGNED,
	  sf_params_unsubscribe, NULL },
	{ "GET", "/account/tickets", sf_tickets_list, "storefront/tickets_list.tpl", R_LOGIN, NULL, NULL },
	{ "GET", "/account/tickets/new", sf_tickets_new, "storefront/tickets_form.tpl", R_LOGIN, sf_params_ticket_new,
	  NULL },
	{ "POST", "/account/tickets", sf_tickets_create, "storefront/tickets_form.tpl", R_LOGIN | R_CSRF | R_FORM,
	  sf_params_ticket, sf_tickets_form_page },
	{ "GET", "/account/tickets/{id}", sf_tickets_view, "storefront/tickets_view.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/tickets/{id}/reply", sf_tickets_reply, "storefront/tickets_view.tpl",
	  R_LOGIN | R_CSRF | R_FORM, sf_params_ticket_reply, sf_tickets_view_page },

	/* Wishlists (sf_wishlists.c); "Save" comes from cached product pages:
	 * no token, the Origin is checked. */
	{ "POST", "/wishlist/save", sf_wishlists_save, NULL, R_CSRF | R_ORIGIN, sf_params_wishlist_save, NULL },
	{ "GET", "/account/wishlists", sf_wishlists_list, "storefront/wishlists_list.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/account/wishlists", sf_wishlists_create, "storefront/wishlists_list.tpl", R_LOGIN | R_CSRF | R_FORM,
	  sf_params_wishlist_new, sf_wishlists_form_page },
	{ "POST", "/account/wishlists/{id}/delete", sf_wishlists_delete, NULL, R_LOGIN | R_CSRF, NULL, NULL },
	{ "POST", "/account/wishlists/{id}/share", sf_wishlists_share, NULL, R_LOGIN | R_CSRF,
	  sf_params_wishlist_share, NULL },
	{ "POST", "/account/wishlists/{id}/items/{product:id}/remove", sf_wishlists_remove, NULL, R_LOGIN | R_CSRF,
	  NULL, NULL },
	{ "POST", "/account/wishlists/{id}/items/{product:id}/move", sf_wishlists_move, NULL, R_LOGIN | R_CSRF,
	  sf_params_wishlist_move, NULL },
	{ "POST", "/account/wishlists/{id}/items/{product:id}/cart", sf_wishlists_to_cart, NULL, R_LOGIN | R_CSRF,
	  NULL, NULL },
	{ "GET", "/w/{token:slug}", sf_wishlists_shared, "storefront/wishlists_shared.tpl", 0, NULL, NULL },
	{ "GET", "/search/image", sf_imagesearch_form, "storefront/imagesearch_form.tpl", 0, NULL, NULL },
	{ "POST", "/search/image", sf_imagesearch_upload, "storefront/imagesearch_form.tpl",
	  R_CSRF | R_FORM | R_UPLOAD, sf_params_imagesearch, sf_imagesearch_form_page },
	{ "GET", "/p/{id}/similar", sf_imagesearch_similar, "storefront/imagesearch_similar.tpl", 0, NULL, NULL },
	{ "GET", "/p/{id}/reviews", sf_reviews_list, "storefront/reviews_list.tpl", 0, sf_params_reviews, NULL },
	{ "GET", "/p/{id}/review", sf_reviews_form, "storefront/reviews_form.tpl", 0, sf_params_review_new, NULL },
	{ "POST", "/p/{id}/review", sf_reviews_create, "storefront/reviews_form.tpl",
	  R_LOGIN | R_CSRF | R_FORM | R_UPLOAD, sf_params_review, sf_reviews_form_page },
	{ "GET", "/reviews/{id}/edit", sf_reviews_edit_form, "storefront/reviews_edit_form.tpl", R_LOGIN, NULL, NULL },
	{ "POST", "/reviews/{id}/edit", sf_reviews_edit, "storefront/reviews_edit_form.tpl", R_LOGIN | R_CSRF | R_FORM,
	  sf_params_review_edit, sf_reviews_edit_form_page },
	/* Also from the shared product page, without a token: by Origin, log in first. */
	{ "POST", "/reviews/{id}/helpful", sf_reviews_helpful, NULL, R_CSRF | R_ORIGIN, NULL, NULL },
	{ "POST", "/reviews/{id}/report", sf_reviews_report, NULL, R_CSRF | R_ORIGIN, sf_params_review_report, NULL },

	/* The shopper's own parts of shared pages (sf_personal.c): the strip
	 * nginx's SSI includes; "Clear" comes from cached pages (no token, the
	 * Origin is checked); a view recorded by the product page's <noscript>
	 * image (a GET from an image: the handler checks where it comes from,
	 * R_ORIGIN being for POSTs). */
	{ "GET", "/recent/strip", sf_personal_recent, "storefront/_recent.tpl", 0, NULL, NULL },
	{ "POST", "/recent/clear", sf_personal_clear, NULL, R_CSRF | R_ORIGIN, NULL, NULL },
	{ "GET", "/recent/add/{id}", sf_personal_add, NULL, 0, NULL, NULL },
	{ "GET", "/sponsored/{id}/why", sf_personal_why, "storefront/personal_why.tpl", 0, sf_params_personal_why,
	  NULL },
	{ "POST", "/account/personalisation", sf_personal_setting, NULL, R_LOGIN | R_CSRF,
	  sf_params_personal_setting, NULL },

	/* For search engines (sf_seo.c); nginx serves the sitemaps from
	 * memcached and asks these only on a miss. */
	{ "GET", "/robots.txt", sf_seo_robots, NULL, 0, NULL, NULL },
	{ "GET", "/sitemap.xml", sf_seo_sitemap_index, NULL, 0, NULL, NULL },
	{ "GET", "/sitemaps/products-{id}.xml", sf_seo_sitemap_products, NULL, 0, NULL, NULL },
	{ "GET", "/sitemaps/categories-{id}.xml", sf_seo_sitemap_categories, NULL, 0, NULL, NULL },
	{ "GET", "/sitemaps/shops-{id}.xml", sf_seo_sitemap_shops, NULL, 0, NULL, NULL },

	{ "GET", "/dev/mail", sf_devmail_list, "storefront/devmail_list.tpl", 0, NULL, NULL },
	{ "GET", "/dev/mail/{id}", sf_devmail_view, "storefront/devmail_view.tpl", 0, NULL, NULL },
};

/* The listings' generation: the product page's related strip and every
 * listing read it; the recommendations' (recs.h): the product page's
 * "bought together"; the home page's. Read together, once a request
 * (cache_gen_keep), with a cached listing in the same round trip. */
static const char *const sf_gen_families[] = { CATALOG_FAMILY_LIST, RECS_FAMILY, CATALOG_FAMILY_HOME, NULL };

const struct app sf_app = {
	.name = "storefront",
	.routes = sf_routes,
	.nroutes = sizeof sf_routes / sizeof sf_routes[0],
	.worker_init = sf_nav_init,	/* per worker, after the core has connected */
	.guard = auth_guard,
	.layout_hook = sf_nav_layout,	/* the category navigation of every page */
	.login_path = "/login",
	/* An admin's account pages here need the second factor too. */
	.second_factor_path = "/admin/2fa",
	.gen_families = sf_gen_families,
	/* Shared pages it sends carry the visitor's own header (hdr.h). */
	.shared_header = sf_cart_header_draw,
	/* An anonymous cart's count in a cookie nginx reads (hdr.h). */
	.after_request = sf_cart_sync_count,
	/* Recently viewed, "for you", Sponsored chosen for the shopper. */
	.personal_fill = sf_personal_fill,
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&sf_app, argc, argv);
}
#endif

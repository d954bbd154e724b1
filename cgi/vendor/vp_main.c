/*
 * vp_main: the vendor portal program. This table is the only list of its
 * URLs; each row names the handler, the template it renders and the
 * parameters it accepts (anything else never reaches a handler). nginx
 * passes every path under /vendor to this program unchanged.
 */
#include "vp.h"

#include "auth.h"
#include "chat.h"
#include "coupon.h"
#include "ledger.h"
#include "listing.h"
#include "notify.h"
#include "orderflow.h"
#include "report.h"
#include "review.h"
#include "route.h"
#include "shipping.h"
#include "stock.h"
#include "ticket.h"
#include "validate.h"

#define VP_PARAMS_END { NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL }

/* The business profile: the one declaration of its fields, for the sign-up
 * and the profile form. The limits keep each value within its column (a
 * sealed one too: 4 bytes a character at most, plus CRYPT_OVERHEAD). An
 * account number is compacted before its length counts (validate.h). */
#define VP_PROFILE_PARAMS \
	ROUTE_FIELD("legal_name", 200, "Legal name", 0u, NULL, \
		 "Enter the legal name of your business, as it is registered."), \
	ROUTE_FIELD("trading_name", 120, "Trading name", 0u, NULL, "Enter the name shoppers will see for your shop."), \
	ROUTE_FIELD("registration_number", 64, "Registration number", 0u, validate_reference, \
		 "Enter your company registration number."), \
	ROUTE_FIELD("tax_id", 64, "Tax id", 0u, validate_reference, "Enter your tax id (VAT number or equivalent)."), \
	ROUTE_FIELD("address", 240, "Business address", PARAM_MULTILINE, NULL, "Enter your business address."), \
	ROUTE_FIELD("phone", 30, "Phone", 0u, validate_phone, "Enter a phone number we can reach your business on."), \
	ROUTE_FIELD("website", 255, "Website", 0u, validate_website, NULL), \
	ROUTE_FIELD("description", 5000, "Description", PARAM_MULTILINE, NULL, \
		 "Tell shoppers in a few words what your shop sells."), \
	ROUTE_FIELD("bank_holder", 100, "Account holder", 0u, NULL, "Enter the name of the bank account holder."), \
	ROUTE_FIELD("bank_account", 0, "IBAN or account number", 0u, validate_bank_account, \
		 "Enter the IBAN or account number we should pay into.")

static const struct param vp_params_signup[] = {
	ROUTE_FIELD("name", 0, "Your name", 0u, validate_person_name, "Enter your name."),
	ROUTE_FIELD("email", 0, "Email", 0u, validate_email, "Enter your email address."),
	ROUTE_SECRET("password", "Password", validate_password, "Enter a password."),
	VP_PROFILE_PARAMS,
	VP_PARAMS_END,
};

static const struct param vp_params_profile[] = {
	VP_PROFILE_PARAMS,
	VP_PARAMS_END,
};

/* A listing's fields, for the new and the edit form; the rules are the
 * listing module's (listing.h), which a CSV import uses too. "price" comes
 * before "compare_at", whose rule compares with it. "publish" is the second
 * submit button ("Save and publish"). */
static const char *const vp_params_yes[] = { "1", NULL };
#define VP_LISTING_PARAMS \
	ROUTE_FIELD("name", 0, "Name", 0u, listing_validate_name, LISTING_NAME_MISSING), \
	ROUTE_FIELD("description", 0, "Description", PARAM_MULTILINE, listing_validate_description, \
		    LISTING_DESCRIPTION_MISSING), \
	ROUTE_FIELD("category", 0, "Category", 0u, listing_validate_category, LISTING_CATEGORY_MISSING), \
	ROUTE_FIELD("price", 0, "Price", 0u, listing_validate_price, LISTING_PRICE_MISSING), \
	ROUTE_FIELD("compare_at", 0, "Compare-at price", 0u, listing_validate_compare_at, NULL), \
	ROUTE_FIELD("sku", 0, "SKU", 0u, listing_validate_sku, NULL), \
	ROUTE_FIELD("stock", 0, "Stock", 0u, listing_validate_stock, LISTING_STOCK_MISSING), \
	ROUTE_FIELD("low_stock_threshold", 0, "Low-stock warning", 0u, listing_validate_threshold, NULL), \
	ROUTE_FIELD("weight_grams", 0, "Weight", 0u, listing_validate_weight, NULL), \
	{ "publish", PARAM_ENUM, 0, 0, vp_params_yes, 0, "Publish", NULL, NULL }

static const struct param vp_params_listing[] = {
	VP_LISTING_PARAMS,
	VP_PARAMS_END,
};

static const struct param vp_params_listings[] = {
	ROUTE_FIELD("q", 100, "Search", 0u, NULL, NULL),
	{ "status", PARAM_ENUM, 0, 0, vp_listings_filters, 0, "Show", NULL, NULL },
	{ "sort", PARAM_ENUM, 0, 0, vp_listings_sorts, 0, "Sort", NULL, NULL },
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};

/* A change of a listing's stock (vp_stock.c). */
static const struct param vp_params_stock[] = {
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};
static const struct param vp_params_stock_change[] = {
	{ "change", PARAM_INT, -STOCK_MAX, STOCK_MAX, NULL, PARAM_REQUIRED, "Change", NULL,
	  "Enter how many units to add (or, with a minus sign, to take away)." },
	{ "reason", PARAM_ENUM, 0, 0, vp_stock_reasons, PARAM_REQUIRED, "Reason", NULL,
	  "Choose why the stock changes." },
	ROUTE_FIELD("note", STOCK_NOTE_MAX, "Note", 0u, NULL, NULL),
	VP_PARAMS_END,
};

/* A CSV import (vp_csv.c): a file uploaded, or its text pasted (up to a
 * form field's 64 KiB, as it is, line breaks and all). */
static const struct param vp_params_csv_import[] = {
	{ "file", PARAM_FILE, 0, 1, NULL, 0, "CSV file", NULL, NULL },
	{ "csv", PARAM_TEXT, 0, 64 * 1024, NULL, PARAM_MULTILINE, "CSV text", NULL, NULL },
	VP_PARAMS_END,
};

/* The ledger's filters (ledger.h) and, on the page, its page number. */
#define VP_PARAMS_LEDGER_FILTERS \
	{ "kind", PARAM_ENUM, 0, 0, ledger_kinds, 0, "Kind", NULL, NULL }, \
	{ "from", PARAM_TEXT, 0, 10, NULL, 0, "From", validate_date, NULL }, \
	{ "to", PARAM_TEXT, 0, 10, NULL, 0, "To", validate_date, NULL }
static const struct param vp_params_ledger[] = {
	VP_PARAMS_LEDGER_FILTERS,
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};
static const struct param vp_params_ledger_csv[] = {
	VP_PARAMS_LEDGER_FILTERS,
	VP_PARAMS_END,
};

/* The bulk actions: the ticked listings ("id", any number), what to do,
 * the stock to set, and the confirmation of an archive. */
static const struct param vp_params_listings_bulk[] = {
	{ "id", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_MANY, "Listing", NULL, NULL },
	{ "action", PARAM_ENUM, 0, 0, vp_listings_actions, PARAM_REQUIRED, "Action", NULL,
	  "Choose what to do with the ticked listings." },
	ROUTE_FIELD("stock", 0, "Stock", 0u, listing_validate_stock, NULL),
	{ "confirm", PARAM_ENUM, 0, 0, vp_params_yes, 0, "Confirm", NULL, NULL },
	/* the list's view, carried back to it */
	ROUTE_FIELD("q", 100, "Search", 0u, NULL, NULL),
	{ "status", PARAM_ENUM, 0, 0, vp_listings_filters, 0, "Show", NULL, NULL },
	{ "sort", PARAM_ENUM, 0, 0, vp_listings_sorts, 0, "Sort", NULL, NULL },
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};

/* Pictures: a file (media.h decides what it is) and its alt text. */
static const char *const vp_directions[] = { "up", "down", NULL };

static const struct param vp_params_images_add[] = {
	{ "picture", PARAM_FILE, 0, 1, NULL, PARAM_REQUIRED, "Picture", NULL, "Choose a picture to send." },
	ROUTE_FIELD("alt", 200, "Alt text", 0u, NULL,
		    "Enter the alt text: what the picture shows, for shoppers who cannot see it."),
	VP_PARAMS_END,
};

static const struct param vp_params_images_alt[] = {
	ROUTE_FIELD("image_alt", 200, "Alt text", 0u, NULL,
		    "Enter the alt text: what the picture shows, for shoppers who cannot see it."),
	VP_PARAMS_END,
};

static const struct param vp_params_images_move[] = {
	{ "direction", PARAM_ENUM, 0, 0, vp_directions, PARAM_REQUIRED, "Direction", NULL, NULL },
	VP_PARAMS_END,
};

static const struct param vp_params_logo[] = {
	{ "logo", PARAM_FILE, 0, 1, NULL, PARAM_REQUIRED, "Logo", NULL, "Choose a picture for your logo." },
	VP_PARAMS_END,
};

static const struct param vp_params_banner[] = {
	{ "banner", PARAM_FILE, 0, 1, NULL, PARAM_REQUIRED, "Banner", NULL, "Choose a picture for your banner." },
	VP_PARAMS_END,
};

/* A promotion: which listing, from which day, for how many days; the
 * confirmation's box and its random key. */
static const struct param vp_params_promotion[] = {
	{ "product", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Listing", NULL,
	  "Choose the listing to promote." },
	ROUTE_FIELD("start", 10, "First day", 0u, vp_promotions_valid_start, "Enter the first day of the promotion."),
	{ "days", PARAM_INT, 1, 30, NULL, PARAM_REQUIRED, "Number of days", NULL,
	  "Enter the number of days, from 1 to 30." },
	{ "confirm", PARAM_ENUM, 0, 0, vp_params_yes, 0, "Confirmation", NULL, NULL },
	ROUTE_FIELD("key", 32, "Confirmation key", 0u, vp_promotions_valid_key, NULL),
	VP_PARAMS_END,
};

/* The payouts page's page number. */
static const struct param vp_params_payouts[] = {
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};
/* A coupon on the shop's items: its terms, a new one's code, withdrawing. */
static const struct param vp_params_coupon_new[] = {
	ROUTE_FIELD("code", COUPON_CODE_MAX, "Code", 0u, coupon_field_code,
		    "Enter the code: 3 to 40 letters, digits, '-' or '_'."),
	COUPON_PARAMS_TERMS,
	VP_PARAMS_END,
};
static const struct param vp_params_coupon[] = {
	COUPON_PARAMS_TERMS,
	VP_PARAMS_END,
};
static const struct param vp_params_coupon_deactivate[] = {
	{ "confirm", PARAM_ENUM, 0, 0, vp_params_yes, PARAM_REQUIRED, "Confirmation", NULL,
	  "Tick the box to confirm that the coupon is withdrawn." },
	VP_PARAMS_END,
};
/* The shop's shipping, payment and return terms (cgi/lib/shipping.h). */
static const char *const vp_params_methods[] = { "card", "paypal", "bank_transfer", NULL };
static const struct param vp_params_shipping[] = {
	{ "flat_rate", PARAM_MONEY, 0, SHIPPING_RATE_MAX, NULL, PARAM_REQUIRED, "Delivery charge per order", NULL,
	  "Enter what you charge to deliver an order, such as 4.90 (0 for free delivery)." },
	{ "free_above", PARAM_MONEY, 0, SHIPPING_RATE_MAX, NULL, 0, "Free delivery from", NULL, NULL },
	{ "handling_days", PARAM_INT, 0, SHIPPING_HANDLING_MAX, NULL, PARAM_REQUIRED, "Days to send an order", NULL,
	  "Enter how many days you need to send an order, such as 2." },
	{ "transit_min_days", PARAM_INT, 0, SHIPPING_TRANSIT_MAX, NULL, PARAM_REQUIRED, "Fewest days in transit",
	  NULL, "Enter the fewest days a parcel takes to arrive, such as 1." },
	{ "transit_max_days", PARAM_INT, 0, SHIPPING_TRANSIT_MAX, NULL, PARAM_REQUIRED, "Most days in transit",
	  NULL, "Enter the most days a parcel takes to arrive, such as 5." },
	{ "methods", PARAM_ENUM, 0, 0, vp_params_methods, PARAM_MANY | PARAM_REQUIRED, "Payment methods", NULL,
	  "Choose at least one payment method you accept." },
	{ "countries", PARAM_TEXT, 0, 100, NULL, PARAM_MANY | PARAM_REQUIRED, "Countries", vp_shipping_valid_country,
	  "Choose at least one country you deliver to." },
	{ "return_days", PARAM_INT, 0, SHIPPING_RETURN_MAX, NULL, PARAM_REQUIRED, "Return window", NULL,
	  "Enter how many days after delivery a customer may send items back, such as 14." },
	ROUTE_FIELD("return_policy", SHIPPING_POLICY_MAX, "Return policy", PARAM_MULTILINE, NULL, NULL),
	VP_PARAMS_END,
};

/* Orders (vp_orders.c): the list's view, a shipment, the bulk shipment. */
#define VP_PARAMS_ORDERS_VIEW \
	{ "status", PARAM_ENUM, 0, 0, vp_orders_filters, 0, "Show", NULL, NULL }, \
	ROUTE_FIELD("q", 32, "Order number", 0u, NULL, NULL), \
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL }
static const struct param vp_params_orders[] = {
	VP_PARAMS_ORDERS_VIEW,
	VP_PARAMS_END,
};
#define VP_PARAM_CARRIER \
	ROUTE_FIELD("carrier", ORDERFLOW_CARRIER_MAX, "Carrier", 0u, NULL, "Enter the carrier.")
static const struct param vp_params_order_ship[] = {
	VP_PARAM_CARRIER,
	ROUTE_FIELD("tracking", ORDERFLOW_TRACKING_MAX, "Tracking number", 0u, vp_orders_valid_tracking,
		    "Enter the tracking number."),
	VP_PARAMS_END,
};
/* The inbox (vp_messages.c) and a message to a customer. */
static const struct param vp_params_messages[] = {
	{ "filter", PARAM_ENUM, 0, 0, vp_messages_filters, 0, "Show", NULL, NULL },
	ROUTE_FIELD("order", 32, "Order number", 0u, vp_messages_valid_order, NULL),
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page", NULL, NULL },
	VP_PARAMS_END,
};
static const struct param vp_params_message[] = {
	ROUTE_FIELD("text", CHAT_TEXT_MAX, "Your message", PARAM_MULTILINE, NULL, NULL),
	{ "picture", PARAM_FILE, 0, 1, NULL, 0, "Picture", NULL, NULL },
	VP_PARAMS_END,
};
static const struct param vp_params_message_report[] = {
	ROUTE_FIELD("reason", REPORT_REASON_MAX, "What is wrong with this message", PARAM_MULTILINE, NULL,
		    "Say what is wrong with this message."),
	VP_PARAMS_END,
};
static const struct param vp_params_orders_ship[] = {
	{ "id", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_MANY, "Order", NULL, NULL },
	{ "row", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_MANY, "Order", NULL, NULL },
	ROUTE_FIELD("tracking", ORDERFLOW_TRACKING_MAX, "Tracking number", PARAM_MANY, vp_orders_valid_tracking, NULL),
	VP_PARAM_CARRIER,
	VP_PARAMS_ORDERS_VIEW,
	VP_PARAMS_END,
};

/* Reviews (vp_reviews.c). */
static const struct param vp_params_review_reply[] = {
	ROUTE_FIELD("reply", REVIEW_REPLY_MAX, "Answer", PARAM_MULTILINE, NULL, "Write your answer."),
	VP_PARAMS_END,
};
/* Returns and cancellations (vp_returns.c). */
static const struct param vp_params_return_accept[] = {
	ROUTE_FIELD("instructions", 1000, "Instructions", PARAM_MULTILINE, NULL,
		    "Say how and where the customer sends the items back."),
	VP_PARAMS_END,
};

static const struct param vp_params_return_refuse[] = {
	ROUTE_FIELD("refusal", 500, "Reason", PARAM_MULTILINE, NULL, "Say why you refuse the return."),
	VP_PARAMS_END,
};

static const struct param vp_params_return_receive[] = {
	{ "restock", PARAM_ENUM, 0, 0, vp_params_yes, 0, "Restock", NULL, NULL },
	VP_PARAMS_END,
};

static const struct param vp_params_order_cancel[] = {
	ROUTE_FIELD("reason", 400, "Reason", PARAM_MULTILINE, NULL, "Say why you cancel the order."),
	VP_PARAMS_END,
};

static const struct param vp_params_notifications_settings[] = {
	{ "mail", PARAM_ENUM, 0, 0, notify_kind_names, PARAM_MANY, "Mail about", NULL, NULL },
	VP_PARAMS_END,
};

/* Questions to the marketplace's support team (vp_tickets.c). */
static const struct param vp_params_ticket_new[] = {
	ROUTE_FIELD("order", TICKET_ORDER_MAX, "Order number", 0u, NULL, NULL),
	{ "category", PARAM_ENUM, 0, 0, ticket_categories, 0, "What it is about", NULL, NULL },
	VP_PARAMS_END,
};
static const struct param vp_params_ticket[] = {
	TICKET_PARAMS_OPEN,
	VP_PARAMS_END,
};
static const struct param vp_params_ticket_reply[] = {
	TICKET_PARAM_BODY,
	VP_PARAMS_END,
};

static const struct route vp_routes[] = {
	{ "GET", "/vendor", vp_dashboard_redirect, NULL, 0, NULL, NULL },
	{ "GET", "/vendor/", vp_dashboard_view, "vendor/dashboard_view.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/signup", vp_signup_form, "vendor/signup_form.tpl", 0, NULL, NULL },
	{ "POST", "/vendor/signup", vp_signup, "vendor/signup_form.tpl", R_CSRF | R_FORM, vp_params_signup,
	  vp_signup_form_page },
	{ "GET", "/vendor/profile", vp_profile_form, "vendor/profile_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/profile", vp_profile_update, "vendor/profile_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_profile, vp_profile_form_page },
	{ "POST", "/vendor/resubmit", vp_profile_resubmit, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "GET", "/vendor/listings", vp_listings_list, "vendor/listings_list.tpl", R_VENDOR,
	  vp_params_listings, NULL },
	{ "GET", "/vendor/listings/{id}/stock", vp_stock_view, "vendor/stock_view.tpl", R_VENDOR,
	  vp_params_stock, NULL },
	{ "POST", "/vendor/listings/{id}/stock", vp_stock_adjust, "vendor/stock_view.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_stock_change, vp_stock_form_page },
	{ "GET", "/vendor/listings/export.csv", vp_csv_export, NULL, R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/listings/import", vp_csv_import_form, "vendor/csv_import_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/listings/import", vp_csv_import, "vendor/csv_import_form.tpl",
	  R_VENDOR | R_CSRF | R_FORM | R_UPLOAD, vp_params_csv_import, vp_csv_form_page },
	{ "POST", "/vendor/listings/bulk", vp_listings_bulk, "vendor/listings_list.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_listings_bulk, vp_listings_bulk_page },
	{ "GET", "/vendor/listings/new", vp_listing_form_new, "vendor/listing_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/listings/new", vp_listing_create, "vendor/listing_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_listing, vp_listing_form_new_page },
	{ "GET", "/vendor/listings/{id}/edit", vp_listing_form_edit, "vendor/listing_form.tpl", R_VENDOR,
	  NULL, NULL },
	{ "POST", "/vendor/listings/{id}/edit", vp_listing_update, "vendor/listing_form.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_listing, vp_listing_form_edit_page },
	{ "POST", "/vendor/listings/{id}/publish", vp_listing_actions_publish, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/listings/{id}/archive", vp_listing_actions_archive, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/listings/{id}/restore", vp_listing_actions_restore, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/listings/{id}/duplicate", vp_listing_actions_duplicate, NULL, R_VENDOR | R_CSRF,
	  NULL, NULL },
	{ "GET", "/vendor/listings/{id}/images", vp_images_list, "vendor/images_list.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/listings/{id}/images", vp_images_add, "vendor/images_list.tpl",
	  R_VENDOR | R_CSRF | R_FORM | R_UPLOAD, vp_params_images_add, vp_images_form_page },
	{ "POST", "/vendor/listings/{id}/images/{image:id}/alt", vp_images_alt, "vendor/images_list.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_images_alt, vp_images_form_page },
	{ "POST", "/vendor/listings/{id}/images/{image:id}/move", vp_images_move, NULL, R_VENDOR | R_CSRF,
	  vp_params_images_move, NULL },
	{ "POST", "/vendor/listings/{id}/images/{image:id}/delete", vp_images_delete, NULL, R_VENDOR | R_CSRF,
	  NULL, NULL },
	{ "GET", "/vendor/shop", vp_shop_form, "vendor/shop_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/shop/logo", vp_shop_logo, "vendor/shop_form.tpl", R_VENDOR | R_CSRF | R_FORM | R_UPLOAD,
	  vp_params_logo, vp_shop_form_page },
	{ "POST", "/vendor/shop/banner", vp_shop_banner, "vendor/shop_form.tpl",
	  R_VENDOR | R_CSRF | R_FORM | R_UPLOAD, vp_params_banner, vp_shop_form_page },
	{ "POST", "/vendor/shop/logo/delete", vp_shop_logo_delete, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/shop/banner/delete", vp_shop_banner_delete, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "GET", "/vendor/promotions", vp_promotions_list, "vendor/promotions_list.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/promotions/new", vp_promotions_new, "vendor/promotions_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/promotions/new", vp_promotions_create, "vendor/promotions_form.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_promotion, vp_promotions_form_page },
	{ "POST", "/vendor/promotions/{id}/cancel", vp_promotions_cancel, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "GET", "/vendor/promotions/{id}/report", vp_promotions_report, "vendor/promotions_report.tpl", R_VENDOR,
	  NULL, NULL },
	{ "GET", "/vendor/plan", vp_plan_view, "vendor/plan_view.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/ledger", vp_ledger_list, "vendor/ledger_list.tpl", R_VENDOR, vp_params_ledger, NULL },
	{ "GET", "/vendor/ledger.csv", vp_ledger_csv, NULL, R_VENDOR, vp_params_ledger_csv, NULL },
	{ "GET", "/vendor/payouts", vp_payouts_list, "vendor/payouts_list.tpl", R_VENDOR, vp_params_payouts, NULL },
	{ "POST", "/vendor/payouts", vp_payouts_request, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "GET", "/vendor/coupons", vp_coupons_list, "vendor/coupons_list.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/coupons/new", vp_coupons_new, "vendor/coupons_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/coupons", vp_coupons_create, "vendor/coupons_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_coupon_new, vp_coupons_new_form_page },
	{ "GET", "/vendor/coupons/{id}", vp_coupons_edit, "vendor/coupons_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/coupons/{id}", vp_coupons_update, "vendor/coupons_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_coupon, vp_coupons_edit_form_page },
	{ "GET", "/vendor/coupons/{id}/deactivate", vp_coupons_deactivate_form, "vendor/coupons_deactivate.tpl",
	  R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/coupons/{id}/deactivate", vp_coupons_deactivate, "vendor/coupons_deactivate.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_coupon_deactivate, vp_coupons_deactivate_form_page },
	{ "GET", "/vendor/orders", vp_orders_list, "vendor/orders_list.tpl", R_VENDOR, vp_params_orders, NULL },
	{ "POST", "/vendor/orders/ship", vp_orders_bulk_ship, "vendor/orders_list.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_orders_ship, vp_orders_bulk_page },
	{ "GET", "/vendor/orders/{id}", vp_orders_view, "vendor/orders_view.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/orders/{id}/ship", vp_orders_ship, "vendor/orders_view.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_order_ship, vp_orders_view_page },
	{ "POST", "/vendor/orders/{id}/deliver", vp_orders_deliver, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "GET", "/vendor/orders/{id}/slip", vp_orders_slip, "vendor/orders_slip.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/orders/{id}/invoice", vp_orders_invoice, "vendor/orders_invoice.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/orders/{id}/invoice.pdf", vp_orders_invoice_pdf, NULL, R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/shipping", vp_shipping_form, "vendor/shipping_form.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/shipping", vp_shipping_save, "vendor/shipping_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_shipping, vp_shipping_form_page },
	{ "GET", "/vendor/reviews", vp_reviews_list, "vendor/reviews_list.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/reviews/{id}/reply", vp_reviews_reply, NULL, R_VENDOR | R_CSRF, vp_params_review_reply, NULL },
	{ "GET", "/vendor/returns", vp_returns_list, "vendor/returns_list.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/returns/{id}", vp_returns_view, "vendor/returns_view.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/returns/{id}/accept", vp_returns_accept, "vendor/returns_view.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_return_accept, vp_returns_form_page },
	{ "POST", "/vendor/returns/{id}/refuse", vp_returns_refuse, "vendor/returns_view.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_return_refuse, vp_returns_form_page },
	{ "POST", "/vendor/returns/{id}/receive", vp_returns_receive, NULL, R_VENDOR | R_CSRF,
	  vp_params_return_receive, NULL },
	{ "GET", "/vendor/orders/{id}/cancel", vp_returns_cancel_form, "vendor/order_cancel_form.tpl", R_VENDOR,
	  NULL, NULL },
	{ "POST", "/vendor/orders/{id}/cancel", vp_returns_cancel, "vendor/order_cancel_form.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_order_cancel, vp_returns_cancel_page },
	/* The shop's notification centre (vp_notifications.c). */
	{ "GET", "/vendor/notifications", vp_notifications_list, "vendor/notifications_list.tpl", R_VENDOR,
	  vp_params_payouts, NULL },
	{ "POST", "/vendor/notifications/{id}/open", vp_notifications_open, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/notifications/read-all", vp_notifications_read_all, NULL, R_VENDOR | R_CSRF, NULL, NULL },
	{ "POST", "/vendor/notifications/settings", vp_notifications_settings, NULL, R_VENDOR | R_CSRF,
	  vp_params_notifications_settings, NULL },

	{ "GET", "/vendor/tickets", vp_tickets_list, "vendor/tickets_list.tpl", R_VENDOR, NULL, NULL },
	{ "GET", "/vendor/tickets/new", vp_tickets_new, "vendor/tickets_form.tpl", R_VENDOR, vp_params_ticket_new, NULL },
	{ "POST", "/vendor/tickets", vp_tickets_create, "vendor/tickets_form.tpl", R_VENDOR | R_CSRF | R_FORM,
	  vp_params_ticket, vp_tickets_form_page },
	{ "GET", "/vendor/tickets/{id}", vp_tickets_view, "vendor/tickets_view.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/tickets/{id}/reply", vp_tickets_reply, "vendor/tickets_view.tpl",
	  R_VENDOR | R_CSRF | R_FORM, vp_params_ticket_reply, vp_tickets_view_page },
	{ "GET", "/vendor/messages", vp_messages_list, "vendor/messages_list.tpl", R_VENDOR, vp_params_messages, NULL },
	{ "GET", "/vendor/messages/{id}", vp_messages_view, "vendor/messages_view.tpl", R_VENDOR, NULL, NULL },
	{ "POST", "/vendor/messages/{id}", vp_messages_send, "vendor/messages_view.tpl",
	  R_VENDOR | R_CSRF | R_FORM | R_UPLOAD, vp_params_message, vp_messages_form_page },
	{ "POST", "/vendor/messages/{id}/{message:id}/report", vp_messages_report, NULL, R_VENDOR | R_CSRF,
	  vp_params_message_report, NULL },
};

const struct app vp_app = {
	.name = "vendor",
	.routes = vp_routes,
	.nroutes = sizeof vp_routes / sizeof vp_routes[0],
	.guard = auth_guard,
	/* The shop's whole header: a vendor is a shopper too, and its log-out
	 * is the portal's one (vendor/_nav.tpl has none). */
	.header_omit = 0,
	/* Vendors log in with the shop's login page. */
	.login_path = "/login",
	.second_factor_path = "/admin/2fa",
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&vp_app, argc, argv);
}
#endif

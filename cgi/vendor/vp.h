/*
 * vp: the vendor portal, where a business signs up, keeps its profile and
 * follows its verification, and manages its listings. The route table in
 * vp_main.c lists every URL (all under /vendor/); each page family has its
 * own file:
 *   vp_signup.c     GET/POST /vendor/signup      a new vendor account
 *   vp_dashboard.c  GET /vendor/                 status, next steps, plan, balance, listings, promotions
 *   vp_profile.c    GET/POST /vendor/profile     the business profile
 *                   POST /vendor/resubmit        a rejected profile, sent again
 *   vp_listings.c   GET /vendor/listings         the vendor's own products (search,
 *                   filter, sort, pages); POST /vendor/listings/bulk
 *   vp_listing_form.c  GET/POST /vendor/listings/new, /vendor/listings/{id}/edit
 *                   a listing's form (new and edit)
 *   vp_listing_actions.c  POST /vendor/listings/{id}/publish|archive|restore|duplicate
 *   vp_stock.c      GET/POST /vendor/listings/{id}/stock  a listing's stock and its history
 *   vp_csv.c        GET /vendor/listings/export.csv, GET/POST /vendor/listings/import
 *                   the listings as a CSV file, out and back in
 *   vp_images.c     /vendor/listings/{id}/images a listing's pictures: add, alt text, order, delete
 *   vp_shop.c       /vendor/shop                 the shop's logo and banner
 *   vp_promotions.c /vendor/promotions...        paid promotions and their reports
 *   vp_returns.c    /vendor/returns..., /vendor/orders/{id}/cancel   returns and cancellations
 *   vp_plan.c       GET /vendor/plan             the plan and its terms
 *   vp_ledger.c     GET /vendor/ledger(.csv)     the ledger, its balance, its CSV export
 *   vp_coupons.c    /vendor/coupons...           the shop's own coupons: make, change, withdraw
 *   vp_notifications.c  /vendor/notifications... the shop's notification centre and mail choices
 *   vp_tickets.c    /vendor/tickets...           questions to the marketplace's support team
 *   vp_messages.c   /vendor/messages...          the inbox: conversations with customers
 * Shared by them: the business profile's fields (declared once in vp_main.c,
 * kept by vp_profile.c) and the portal navigation (vp_dashboard.c).
 *
 * Every page reads the vendor through the session's user (vendors.user_id):
 * another vendor's data is never reachable from here.
 */
#ifndef BAZAAR_VP_H
#define BAZAAR_VP_H
#include <stddef.h>

#include "arena.h"
#include "fcgi_loop.h"
#include "tmpl.h"
#include "view.h"

extern const struct app vp_app;

/* Handlers (route table in vp_main.c). */
int vp_dashboard_redirect(struct req *rq, struct resp *rs);
int vp_dashboard_view(struct req *rq, struct resp *rs);
int vp_signup_form(struct req *rq, struct resp *rs);
int vp_signup(struct req *rq, struct resp *rs);
int vp_profile_form(struct req *rq, struct resp *rs);
int vp_profile_update(struct req *rq, struct resp *rs);
int vp_profile_resubmit(struct req *rq, struct resp *rs);
int vp_listings_list(struct req *rq, struct resp *rs);
int vp_listings_bulk(struct req *rq, struct resp *rs);
tmpl_dict *vp_listings_bulk_page(struct req *rq, struct resp *rs, struct view *v);
/* The choices of the list's parameters (NULL-terminated, for struct param). */
extern const char *const vp_listings_sorts[];
extern const char *const vp_listings_filters[];
extern const char *const vp_listings_actions[];
int vp_listing_form_new(struct req *rq, struct resp *rs);
int vp_listing_create(struct req *rq, struct resp *rs);
tmpl_dict *vp_listing_form_new_page(struct req *rq, struct resp *rs, struct view *v);
int vp_listing_form_edit(struct req *rq, struct resp *rs);
int vp_listing_update(struct req *rq, struct resp *rs);
tmpl_dict *vp_listing_form_edit_page(struct req *rq, struct resp *rs, struct view *v);
int vp_listing_actions_publish(struct req *rq, struct resp *rs);
int vp_listing_actions_archive(struct req *rq, struct resp *rs);
int vp_listing_actions_restore(struct req *rq, struct resp *rs);
int vp_listing_actions_duplicate(struct req *rq, struct resp *rs);
int vp_stock_view(struct req *rq, struct resp *rs);
int vp_stock_adjust(struct req *rq, struct resp *rs);
int vp_csv_export(struct req *rq, struct resp *rs);
int vp_csv_import_form(struct req *rq, struct resp *rs);
int vp_csv_import(struct req *rq, struct resp *rs);
int vp_images_list(struct req *rq, struct resp *rs);
int vp_images_add(struct req *rq, struct resp *rs);
int vp_images_move(struct req *rq, struct resp *rs);
int vp_images_delete(struct req *rq, struct resp *rs);
int vp_images_alt(struct req *rq, struct resp *rs);
int vp_shop_form(struct req *rq, struct resp *rs);
int vp_shop_logo(struct req *rq, struct resp *rs);
int vp_shop_banner(struct req *rq, struct resp *rs);
int vp_shop_logo_delete(struct req *rq, struct resp *rs);
int vp_shop_banner_delete(struct req *rq, struct resp *rs);
int vp_promotions_list(struct req *rq, struct resp *rs);
int vp_promotions_new(struct req *rq, struct resp *rs);
int vp_promotions_create(struct req *rq, struct resp *rs);
int vp_promotions_cancel(struct req *rq, struct resp *rs);
int vp_promotions_report(struct req *rq, struct resp *rs);
tmpl_dict *vp_promotions_form_page(struct req *rq, struct resp *rs, struct view *v);
/* The promotion form's rules (validators of the route table). */
const char *vp_promotions_valid_start(struct req *rq, const char **value);
const char *vp_promotions_valid_key(struct req *rq, const char **value);
int vp_plan_view(struct req *rq, struct resp *rs);
int vp_ledger_list(struct req *rq, struct resp *rs);
int vp_ledger_csv(struct req *rq, struct resp *rs);
int vp_coupons_list(struct req *rq, struct resp *rs);
int vp_coupons_new(struct req *rq, struct resp *rs);
int vp_coupons_edit(struct req *rq, struct resp *rs);
int vp_coupons_create(struct req *rq, struct resp *rs);
int vp_coupons_update(struct req *rq, struct resp *rs);
tmpl_dict *vp_coupons_new_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *vp_coupons_edit_form_page(struct req *rq, struct resp *rs, struct view *v);
int vp_coupons_deactivate_form(struct req *rq, struct resp *rs);
int vp_coupons_deactivate(struct req *rq, struct resp *rs);
tmpl_dict *vp_coupons_deactivate_form_page(struct req *rq, struct resp *rs, struct view *v);
int vp_notifications_list(struct req *rq, struct resp *rs);
int vp_notifications_open(struct req *rq, struct resp *rs);
int vp_notifications_read_all(struct req *rq, struct resp *rs);
int vp_notifications_settings(struct req *rq, struct resp *rs);
int vp_shipping_form(struct req *rq, struct resp *rs);
int vp_shipping_save(struct req *rq, struct resp *rs);
tmpl_dict *vp_shipping_form_page(struct req *rq, struct resp *rs, struct view *v);
const char *vp_shipping_valid_country(struct req *rq, const char **value);
/* vp_messages.c: the shop's conversations with customers (chat.h). */
extern const char *const vp_messages_filters[];
const char *vp_messages_valid_order(struct req *rq, const char **value);
int vp_messages_list(struct req *rq, struct resp *rs);
int vp_messages_view(struct req *rq, struct resp *rs);
int vp_messages_send(struct req *rq, struct resp *rs);
int vp_messages_report(struct req *rq, struct resp *rs);
tmpl_dict *vp_messages_form_page(struct req *rq, struct resp *rs, struct view *v);

#define VP_PER_PAGE	24
#define VP_PAGE_MAX	10000

/* ---- vp_profile.c: the business profile ---------------------------------- */

/* The fields of the business profile, in form order. */
enum vp_field {
	VP_LEGAL_NAME,
	VP_TRADING_NAME,
	VP_REGISTRATION_NUMBER,
	VP_TAX_ID,
	VP_ADDRESS,
	VP_PHONE,
	VP_WEBSITE,
	VP_DESCRIPTION,
	VP_BANK_HOLDER,
	VP_BANK_ACCOUNT,
	VP_NFIELDS
};

/*
 * The items of the admins' verification checklist (vendor_checks.item, in
 * the order of CHECKLIST in cgi/lib/checklist.h), as bits: a change
 * of a field undoes the checks of the items it is part of.
 */
enum vp_check {
	VP_CHECK_REGISTRATION = 1u << 0,	/* "registration" */
	VP_CHECK_TAX_ID = 1u << 1,		/* "tax_id" */
	VP_CHECK_ADDRESS = 1u << 2,		/* "address" */
	VP_CHECK_CONTACT = 1u << 3,		/* "contact" */
	VP_CHECK_BANK_HOLDER = 1u << 4,		/* "bank_holder" */
	VP_CHECK_PROHIBITED = 1u << 5,		/* "prohibited" */
};
#define VP_NCHECKS 6

/* How a field is kept (its rules of input are in vp_main.c). */
struct vp_field_rule {
	const char *name;	/* form field, and (upper-cased) its template key */
	const char *column;	/* sealed column (vendors.<column>), NULL when plain */
	int recheck;		/* a change sends a verified shop back for checking */
	unsigned checks;	/* enum vp_check: the checklist items a change undoes */
};

extern const struct vp_field_rule vp_profile_rules[VP_NFIELDS];

/* The profile's values (arena strings; "" when empty). */
struct vp_profile {
	const char *v[VP_NFIELDS];
};

/* The session's vendor, as the portal pages need it (arena strings). */
struct vp_vendor {
	long long id;
	const char *slug;
	const char *trading_name;
	const char *status;	/* pending, verified, rejected, blocked */
};

/*
 * Loads the vendor of the session's user into *out. Returns 0, 404 when the
 * user has no vendor row, 500 when the database fails.
 */
int vp_profile_vendor(struct req *rq, struct vp_vendor *out);
/* Reads the profile fields of the request (checked and tidied by the
 * router; "" for one not given). */
void vp_profile_read(struct req *rq, struct vp_profile *p);
/* Puts the values into the field set's dictionary. */
void vp_profile_fill(tmpl_dict *fields, const struct vp_profile *p);
/* Seals the personal fields (address, phone, bank holder, bank account) of
 * vendor_id and writes them. Returns 0, -1 on failure (logged). */
int vp_profile_seal(long long vendor_id, const struct vp_profile *p);
/* The written reason of the vendor's latest rejection (arena), or NULL. */
const char *vp_profile_rejection(struct arena *a, long long vendor_id);
/* The form pages of the form routes (route.h, route_form_page). */
tmpl_dict *vp_profile_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *vp_signup_form_page(struct req *rq, struct resp *rs, struct view *v);

/* ---- vp_listing_form.c: what every listing page checks first ------------- */

/* The session's vendor (vp_profile_vendor), refused when its shop may not
 * change its listings (blocked: 403 with the reason in rs->message).
 * Returns 0 or the status. */
int vp_listing_form_vendor(struct req *rq, struct resp *rs, struct vp_vendor *vendor);
/* ---- vp_stock.c: a listing's stock ---------------------------------------- */

/* The reasons a vendor may give for a change (stock.h's names). */
extern const char *const vp_stock_reasons[];
tmpl_dict *vp_stock_form_page(struct req *rq, struct resp *rs, struct view *v);

/* ---- vp_csv.c: the listings as a CSV file -------------------------------- */

tmpl_dict *vp_csv_form_page(struct req *rq, struct resp *rs, struct view *v);
/* ---- vp_images.c: pictures (a listing's, and the shop's logo and banner) -- */

#define VP_IMAGES_MAX 8	/* pictures a listing may have */

struct media_image;
/* The form pages of the picture forms (route.h, route_form_page). */
tmpl_dict *vp_images_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *vp_shop_form_page(struct req *rq, struct resp *rs, struct view *v);
/*
 * Stores the file sent in field through the media pipeline (media.h) into
 * *out, inside the caller's transaction. Returns 0; 422 with the field's
 * message added (route_form_error: the caller rolls back and answers
 * route_form_fail) when there is no file or it is refused; 500.
 */
int vp_images_store(struct req *rq, const char *field, struct media_image *out);
/* The full URL of a media path (under BAZAAR_ASSET_BASE_URL), in the arena. */
const char *vp_images_media_url(struct arena *a, const char *path);

/* ---- vp_dashboard.c: pieces every portal page shares --------------------- */

/* Fills include marker PORTAL_NAV with vendor/_nav.tpl; current is the
 * path of the page shown ("/vendor/", "/vendor/listings", "/vendor/profile"). */
void vp_dashboard_nav(tmpl_dict *page, const char *current);

/* ---- vp_payouts.c: the vendor's money and payouts ---------------------------- */
int vp_payouts_list(struct req *rq, struct resp *rs);
int vp_payouts_request(struct req *rq, struct resp *rs);
/* vp_returns.c */
int vp_returns_list(struct req *rq, struct resp *rs);
int vp_returns_view(struct req *rq, struct resp *rs);
int vp_returns_accept(struct req *rq, struct resp *rs);
int vp_returns_refuse(struct req *rq, struct resp *rs);
int vp_returns_receive(struct req *rq, struct resp *rs);
int vp_returns_cancel_form(struct req *rq, struct resp *rs);
int vp_returns_cancel(struct req *rq, struct resp *rs);
tmpl_dict *vp_returns_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *vp_returns_cancel_page(struct req *rq, struct resp *rs, struct view *v);
/* vp_tickets.c: questions to the marketplace's support team */
int vp_tickets_list(struct req *rq, struct resp *rs);
int vp_tickets_new(struct req *rq, struct resp *rs);
int vp_tickets_create(struct req *rq, struct resp *rs);
int vp_tickets_view(struct req *rq, struct resp *rs);
int vp_tickets_reply(struct req *rq, struct resp *rs);
tmpl_dict *vp_tickets_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *vp_tickets_view_page(struct req *rq, struct resp *rs, struct view *v);

/* vp_orders.c: the vendor's orders, shipping them, packing slips, invoices. */
extern const char *const vp_orders_filters[];
const char *vp_orders_valid_tracking(struct req *rq, const char **value);
int vp_orders_list(struct req *rq, struct resp *rs);
int vp_orders_bulk_ship(struct req *rq, struct resp *rs);
tmpl_dict *vp_orders_bulk_page(struct req *rq, struct resp *rs, struct view *v);
int vp_orders_view(struct req *rq, struct resp *rs);
tmpl_dict *vp_orders_view_page(struct req *rq, struct resp *rs, struct view *v);
int vp_orders_ship(struct req *rq, struct resp *rs);
int vp_orders_deliver(struct req *rq, struct resp *rs);
int vp_orders_slip(struct req *rq, struct resp *rs);
int vp_orders_invoice(struct req *rq, struct resp *rs);
int vp_orders_invoice_pdf(struct req *rq, struct resp *rs);
/* The dashboard's box of paid orders waiting to be sent (section
 * ORDERS_BOX of d). Returns 0 or -1. */
int vp_orders_dashboard(tmpl_dict *d, long long vendor_id);

/* vp_reviews.c: the reviews of the shop's products and its answers. */
int vp_reviews_list(struct req *rq, struct resp *rs);
int vp_reviews_reply(struct req *rq, struct resp *rs);

#endif

/*
 * sf: the storefront, the shoppers' side of Bazaar. The route table in
 * sf_main.c lists every URL; each page family has its own file:
 *   sf_home.c     GET /                  home page
 *   sf_catalog.c  GET /c/{slug}          category listing
 *   sf_search.c   GET /search            search (the search index, cgi/lib/search.h)
 *   sf_product.c  GET /p/{id}-{slug}     product page (GET /p/{id} redirects)
 *   sf_vendor.c   GET /v/{slug}          a vendor's shop
 *   sf_health.c   GET /healthz           liveness for the load balancer
 *   sf_auth.c     sign-up, login, email verification, password reset
 *   sf_account_*.c  /account/...         the customer's own pages (sf_account.h)
 *   sf_checkout.c /checkout/...         from the cart to an order placed
 *   sf_orders.c   /orders/...            the customer's orders, a guest's order link, invoices
 *   sf_cart.c     /cart/...              the cart, and the header fragment of
 *                                        shared pages (hdr.h)
 *   sf_returns.c  /orders/{id}/returns... cancelling and returning parts of an order
 *   sf_payment.c  /orders/{id}/payment, /payments/...  paying for an order
 *   sf_notifications.c  /account/notifications..., /unsubscribe  the notification centre
 *   sf_wishlists.c  /wishlist/save, /account/wishlists..., /w/{token}  wishlists
 *   sf_messages.c /messages/..., /live/chat/{id}  conversations with the shops
 *   sf_suggest.c  GET /search/suggest    suggestions while typing (JSON)
 *   sf_devmail.c  /dev/mail              the development mail viewer (and
 *                 sf_devmail_mime.c, which decodes the messages it shows)
 * Shared by them: sf_nav.c (the category tree kept in worker memory and the
 * layout's category navigation) and sf_list.c (product cards, filters,
 * pagination and the other pieces every listing page uses).
 */
#ifndef BAZAAR_SF_H
#define BAZAAR_SF_H
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "fcgi_loop.h"
#include "search.h"
#include "tmpl.h"
#include "view.h"

extern const struct app sf_app;

/* Handlers (route table in sf_main.c). */
int sf_home_view(struct req *rq, struct resp *rs);
int sf_catalog_category(struct req *rq, struct resp *rs);
int sf_search_results(struct req *rq, struct resp *rs);
/* sf_imagesearch.c: search by picture and "similar looking". */
int sf_imagesearch_form(struct req *rq, struct resp *rs);
tmpl_dict *sf_imagesearch_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_imagesearch_upload(struct req *rq, struct resp *rs);
int sf_imagesearch_similar(struct req *rq, struct resp *rs);
int sf_suggest_json(struct req *rq, struct resp *rs);
int sf_product_view(struct req *rq, struct resp *rs);
int sf_product_redirect(struct req *rq, struct resp *rs);
const char *sf_product_valid_country(struct req *rq, const char **value);
int sf_vendor_shop(struct req *rq, struct resp *rs);
int sf_health_check(struct req *rq, struct resp *rs);
/* sf_auth.c: sign-up, email verification, login, logout, password reset. */
int sf_auth_signup_form(struct req *rq, struct resp *rs);
int sf_auth_signup(struct req *rq, struct resp *rs);
tmpl_dict *sf_auth_signup_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_auth_login_form(struct req *rq, struct resp *rs);
int sf_auth_login(struct req *rq, struct resp *rs);
tmpl_dict *sf_auth_login_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_auth_logout(struct req *rq, struct resp *rs);
int sf_auth_verify_form(struct req *rq, struct resp *rs);
int sf_auth_verify(struct req *rq, struct resp *rs);
int sf_auth_verify_resend(struct req *rq, struct resp *rs);
int sf_auth_reset_request_form(struct req *rq, struct resp *rs);
int sf_auth_reset_request(struct req *rq, struct resp *rs);
tmpl_dict *sf_auth_reset_request_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_auth_reset_form(struct req *rq, struct resp *rs);
int sf_auth_reset(struct req *rq, struct resp *rs);
/* sf_account_<family>.c: the customer's own pages (sf_account.h). */
int sf_account_profile_view(struct req *rq, struct resp *rs);
int sf_account_profile_save(struct req *rq, struct resp *rs);
tmpl_dict *sf_account_profile_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_account_password_form(struct req *rq, struct resp *rs);
int sf_account_password_change(struct req *rq, struct resp *rs);
int sf_account_email_form(struct req *rq, struct resp *rs);
int sf_account_email_change(struct req *rq, struct resp *rs);
int sf_account_email_resend(struct req *rq, struct resp *rs);
int sf_account_email_cancel(struct req *rq, struct resp *rs);
int sf_account_email_confirm_form(struct req *rq, struct resp *rs);
int sf_account_email_confirm(struct req *rq, struct resp *rs);
/* sf_notifications.c: the notification centre and the unsubscribe link. */
int sf_notifications_list(struct req *rq, struct resp *rs);
int sf_notifications_open(struct req *rq, struct resp *rs);
int sf_notifications_read_all(struct req *rq, struct resp *rs);
int sf_notifications_settings(struct req *rq, struct resp *rs);
int sf_notifications_unsubscribe_form(struct req *rq, struct resp *rs);
int sf_notifications_unsubscribe(struct req *rq, struct resp *rs);
/* sf_wishlists.c: saved products in named lists, a shared list. */
int sf_wishlists_list(struct req *rq, struct resp *rs);
tmpl_dict *sf_wishlists_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_wishlists_save(struct req *rq, struct resp *rs);
int sf_wishlists_create(struct req *rq, struct resp *rs);
int sf_wishlists_delete(struct req *rq, struct resp *rs);
int sf_wishlists_share(struct req *rq, struct resp *rs);
int sf_wishlists_remove(struct req *rq, struct resp *rs);
int sf_wishlists_move(struct req *rq, struct resp *rs);
int sf_wishlists_to_cart(struct req *rq, struct resp *rs);
int sf_wishlists_shared(struct req *rq, struct resp *rs);
int sf_account_address_list(struct req *rq, struct resp *rs);
int sf_account_address_add(struct req *rq, struct resp *rs);
tmpl_dict *sf_account_address_add_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_account_address_form(struct req *rq, struct resp *rs);
int sf_account_address_update(struct req *rq, struct resp *rs);
tmpl_dict *sf_account_address_update_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_account_address_delete(struct req *rq, struct resp *rs);
tmpl_dict *sf_account_address_delete_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_account_session_list(struct req *rq, struct resp *rs);
int sf_account_session_end(struct req *rq, struct resp *rs);
int sf_account_session_end_others(struct req *rq, struct resp *rs);
int sf_account_data_download(struct req *rq, struct resp *rs);
int sf_account_delete_form(struct req *rq, struct resp *rs);
int sf_account_delete_erase(struct req *rq, struct resp *rs);
/* sf_checkout.c: the checkout. */
int sf_checkout_form(struct req *rq, struct resp *rs);
tmpl_dict *sf_checkout_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_checkout_review(struct req *rq, struct resp *rs);
int sf_checkout_place(struct req *rq, struct resp *rs);
int sf_checkout_placed(struct req *rq, struct resp *rs);
/* sf_orders.c: the customer's orders, a guest's order link, invoices. */
int sf_orders_list(struct req *rq, struct resp *rs);
int sf_orders_view(struct req *rq, struct resp *rs);
int sf_orders_guest(struct req *rq, struct resp *rs);
int sf_orders_invoice(struct req *rq, struct resp *rs);
int sf_orders_invoice_pdf(struct req *rq, struct resp *rs);
int sf_orders_guest_invoice(struct req *rq, struct resp *rs);
int sf_orders_guest_invoice_pdf(struct req *rq, struct resp *rs);
/* Who acts on an order as its customer: the logged-in user, or a guest
 * holding the link of the order's confirmation mail. */
struct sf_customer {
	long long user_id;	/* the customer's account; 0 for a guest */
	const char *token;	/* a guest's order link token; NULL for an account */
};
/*
 * The one check of every page a customer uses on an order: when the route
 * declares ROUTE_LINK_FIELD and the request carries it, the guest holding
 * the order's link (which also confirms the guest's address, once); else
 * the logged-in user, whose order it must be. 0 with *who set, 404 when the
 * order is not theirs (or does not exist: the page does not say which), 500.
 */
int sf_orders_customer(struct req *rq, long long order_id, struct sf_customer *who);
/* The order's page for this customer: /orders/{id}, or a guest's link. */
const char *sf_orders_order_url(struct req *rq, const struct sf_customer *who, long long order_id);
/* path for this customer: a guest's carries the token in its query (arena memory). */
const char *sf_orders_url(struct req *rq, const struct sf_customer *who, const char *path);
/* A guest's form carries the token: section GUEST_TOKEN with TOKEN in form. */
void sf_orders_form_token(tmpl_dict *form, const struct sf_customer *who);
/* sf_cart.c: the cart and the header fragment of shared pages. */
int sf_cart_view(struct req *rq, struct resp *rs);
tmpl_dict *sf_cart_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_cart_add(struct req *rq, struct resp *rs);
int sf_cart_quantity(struct req *rq, struct resp *rs);
int sf_cart_remove(struct req *rq, struct resp *rs);
int sf_cart_save(struct req *rq, struct resp *rs);
int sf_cart_move(struct req *rq, struct resp *rs);
int sf_cart_header(struct req *rq, struct resp *rs);
int sf_cart_header_draw(struct req *rq, struct buf *out);
void sf_cart_sync_count(struct req *rq, struct resp *rs);
/* sf_payment.c: paying for an order (payment.h). */
int sf_payment_view(struct req *rq, struct resp *rs);
int sf_payment_pay(struct req *rq, struct resp *rs);
int sf_payment_return(struct req *rq, struct resp *rs);
int sf_payment_cancel(struct req *rq, struct resp *rs);
int sf_payment_webhook(struct req *rq, struct resp *rs);
/* Sends the customer on to pay an order awaiting payment: the provider's
 * hosted page for card and PayPal; back (a path) for a bank transfer, or
 * with a flash saying why when the order cannot be paid or the provider
 * cannot be reached. Returns the status to answer (303; 500 on a database
 * error). For the page that placed the order and the order's pages. */
int sf_payment_start(struct req *rq, struct resp *rs, long long order_id, const char *back);
/* Includes storefront/_bank_details.tpl at {{>BANK_DETAILS}} of d: the
 * marketplace's account, the amount, the order's reference and what
 * arrived so far. Nothing when the order is not a bank transfer with a
 * reference. */
void sf_payment_bank_details(tmpl_dict *d, long long order_id);
/* sf_devmail.c: development only. */
int sf_devmail_list(struct req *rq, struct resp *rs);
int sf_devmail_view(struct req *rq, struct resp *rs);

/* ---- sf_devmail_mime.c: a message read back, for the mail viewer ---------- */

/* Header values decoded (RFC 2047, folded lines joined), body decoded from
 * its transfer encoding with LF line ends. Missing headers are "". All
 * strings are malloc'd. */
struct sf_devmail_mime {
	char *from, *to, *subject, *date, *message_id;
	char *body;
};
/* Parses text (a message as the mailer writes it; a header block without a
 * body is accepted). Returns 0, or -1 when out of memory. */
int sf_devmail_mime_parse(const char *text, size_t len, struct sf_devmail_mime *out);
void sf_devmail_mime_free(struct sf_devmail_mime *m);

/* ---- sf_search.c: the shopper's text --------------------------------------- */

/* Trimmed, each run of white space one space; NULL when nothing is left. */
char *sf_search_tidy(struct arena *a, const char *q);
/* The cards (SF_CARD_COLUMNS) of the products ids[0..n) in that order, those
 * still visible only: how the pages served from the search index read what
 * they show. NULL on a database error. */
struct db_result *sf_search_cards(struct arena *a, const long long *ids, size_t n);

/* ---- sf_nav.c: the category tree ---------------------------------------- */

/* A category, copied into the request's arena (the tree itself may be
 * reloaded at any time, so no pointer into it leaves sf_nav.c). */
struct sf_category {
	long long id;
	long long parent_id;	/* 0 for a top-level category */
	long long top_id;	/* the top-level category of its tree */
	int depth;
	int has_children;
	const char *slug;
	const char *name;
	const char *description;
};

/* Loads the tree; called once per worker (later reloads happen by age). */
int sf_nav_init(void);
/* Finds a category by slug; a slug missing from the tree is looked up in
 * the database once so a new category shows without waiting for a reload.
 * Returns 0, -1 when there is no such category, -2 when the database
 * could not be asked. */
int sf_nav_by_slug(struct arena *a, const char *slug, struct sf_category *out);
int sf_nav_by_id(struct arena *a, long long id, struct sf_category *out);
/* The same for an id a row refers to (a product's category, which exists):
 * one missing from the tree was created since the last reload, which is
 * done at once. 0, or -1 when it is still missing (the database could not
 * be asked). */
int sf_nav_by_id_known(struct arena *a, long long id, struct sf_category *out);
/* The children of parent_id (0: the top-level categories), in display order.
 * Returns how many were stored in *out (an arena array). */
size_t sf_nav_children(struct arena *a, long long parent_id, struct sf_category **out);
/* sf_app's layout hook: the category navigation of every page. */
void sf_nav_layout(tmpl_dict *layout, struct req *rq);

/* ---- sf_list.c: pieces shared by the listing pages ---------------------- */

#define SF_PER_PAGE	24
#define SF_PAGE_MAX	10000
#define SF_PRICE_MAX	100000000LL	/* 1,000,000.00 in minor units */
#define SF_QUERY_MAX	100		/* bytes of search text */

/*
 * The columns every product card is drawn from, in this order, the seller's
 * trading name last (every card says who sells it: the query joins vendors
 * as v); a query of Sponsored cards selects SF_SPONSORED_COLUMNS, which adds
 * the promotion's id (SF_COL_PROMOTION), which the card's link (?sp=<id>)
 * and its impression beacon (/_i?p=<id>) carry to nginx's clickstream log.
 */
#define SF_CARD_COLUMNS \
	"p.id, p.slug, p.name, p.price_minor, p.compare_at_minor, p.stock," \
	" i.path, i.alt, i.width, i.height, v.trading_name"
#define SF_SPONSORED_COLUMNS SF_CARD_COLUMNS ", pr.id"
/* How many Sponsored cards the home page shows, and a category or search
 * page. */
#define SF_SPONSORED_HOME_MAX	8
#define SF_SPONSORED_LIST_MAX	4
#define SF_CARD_IMAGE_JOIN \
	" LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 1"
/*
 * Every listing (and its COUNT) joins this right after "FROM products p":
 * only verified vendors' products are shown, as on the product page itself.
 * STRAIGHT_JOIN and the primary key keep products the driving table, read
 * through the listing's index in the requested order and stopped after
 * OFFSET + LIMIT rows, with one primary-key lookup of the vendor per row.
 * Left to itself the optimiser starts from the small vendors table
 * (idx_vendors_status), fetches every product of every verified vendor and
 * sorts them all.
 */
#define SF_VENDOR_JOIN \
	" STRAIGHT_JOIN vendors v FORCE INDEX (PRIMARY)" \
	" ON v.id = p.vendor_id AND v.status = 'verified'"
enum sf_card_col {
	SF_COL_ID, SF_COL_SLUG, SF_COL_NAME, SF_COL_PRICE, SF_COL_COMPARE, SF_COL_STOCK,
	SF_COL_IMAGE, SF_COL_ALT, SF_COL_WIDTH,
	SF_COL_HEIGHT, SF_COL_VENDOR, SF_COL_PROMOTION
};

enum sf_sort {
	SF_SORT_POPULAR,
	SF_SORT_RELEVANCE,
	SF_SORT_PRICE_ASC,
	SF_SORT_PRICE_DESC,
	SF_SORT_NEWEST,
};
/* The search index's order for a listing's sort choice (sf_search.c). */
enum search_sort sf_search_sort(enum sf_sort sort);

/* The validated listing parameters of one request. */
struct sf_filter {
	long long page;		/* 1 .. SF_PAGE_MAX */
	enum sf_sort sort;
	enum sf_sort default_sort;
	long long min_price;	/* minor units, -1 when not given */
	long long max_price;	/* minor units, -1 when not given */
	int in_stock;
	const char *q;		/* search text as shown (search page only) */
	/* The facets chosen by links of the search page (0 / -1: none). */
	long long category;	/* a category id: it and its descendants */
	long long vendor;	/* a shop's id */
	int band;		/* price band (search_price_bands), -1: any */
	int rating;		/* n stars and up, 1..4 */
	int on_sale;
};

/* Choices for the sort parameter: search pages offer relevance, category
 * and shop pages popularity (NULL-terminated, for struct param). */
extern const char *const sf_list_sorts_search[];
extern const char *const sf_list_sorts_catalog[];
extern const char *const sf_list_in_stock_choices[];

/* Reads page, sort, min_price, max_price and in_stock (already validated by
 * the router). A minimum above the maximum is swapped. */
void sf_list_filter(struct req *rq, struct sf_filter *f, enum sf_sort default_sort);
const char *sf_list_sort_name(enum sf_sort sort);
int sf_list_has_price(const struct sf_filter *f);
int sf_list_filtered(const struct sf_filter *f);	/* price or stock filter set */
/* The effective price bounds (0 .. SF_PRICE_MAX when not given). */
long long sf_list_price_low(const struct sf_filter *f);
long long sf_list_price_high(const struct sf_filter *f);
long long sf_list_offset(const struct sf_filter *f);
/* True when the requested page starts past the last result (a 404). */
int sf_list_past_end(const struct sf_filter *f, long long total);
/* The first column of a COUNT query's one row; frees r. -1 on error (r NULL). */
long long sf_list_total(struct db_result *r);

/* path + the query string that reproduces f at page (filters kept,
 * defaults left out); with_filters 0 keeps only the search text. */
char *sf_list_url(struct arena *a, const char *path, const struct sf_filter *f,
		  long long page, int with_filters);
/* The typed part of a cache key: "<page>:<sort>:<min>:<max>:<in_stock>"
 * and the facets ":<category>:<vendor>:<band>:<rating>:<on_sale>". */
char *sf_list_key_part(struct arena *a, const struct sf_filter *f);
/* The stamp of a cached listing (view_from_cache_stamped; ctx unused):
 * "g<list generation>:b<next moment a promotion starts or ends>", or
 * NULL when the promotions could not be read. */
const char *sf_list_stamp(struct req *rq, void *ctx);

struct search_query;
struct search_result;
/* The search query of f's filters and facets (text, sort and page are the
 * caller's). */
void sf_list_search_query(const struct sf_filter *f, struct search_query *q);
/*
 * The facets of a search page: include marker FACETS with
 * storefront/_facets.tpl (each facet's values as links with their counts,
 * combined with the filters in use; a chosen value links to its removal)
 * and include marker CHIPS with storefront/_chips.tpl (one removable chip a
 * filter or facet in use, and "Clear all"). Plain links: no JavaScript.
 */
void sf_list_facets(tmpl_dict *page, struct arena *a, const char *path, const struct sf_filter *f,
		    const struct search_result *res);
/* Fills include marker FILTERS with storefront/_filters.tpl. */
void sf_list_filters(tmpl_dict *page, struct arena *a, const char *path,
		     const struct sf_filter *f);
/* Fills include marker PAGINATION with layout/_pagination.tpl (nothing
 * when everything fits on one page). */
void sf_list_pagination(tmpl_dict *page, struct arena *a, const char *path,
			const struct sf_filter *f, long long total);
/* "1,234 products" or "Showing 25–48 of 1,234 products" (paging_result_text). */
char *sf_list_result_text(struct arena *a, const struct sf_filter *f, long long total,
			  const char *noun_one, const char *noun_many);

/* The product card every listing includes as {{>CARD}}. */
#define SF_LIST_CARD_TEMPLATE	"storefront/_product_card.tpl"
/* Adds one card per row of r (SF_CARD_COLUMNS order) as repetitions of
 * section; every card names the seller, sponsored ones are labelled. Rows whose id
 * is in skip[0..nskip) are left out. Returns the number of cards added. */
size_t sf_list_cards(tmpl_dict *page, struct arena *a, const char *section,
		     struct db_result *r, int sponsored, const long long *skip, size_t nskip);
/* The same, at most max cards. */
size_t sf_list_cards_max(tmpl_dict *page, struct arena *a, const char *section, struct db_result *r,
			 int sponsored, const long long *skip, size_t nskip, size_t max);
/* One card per product id, in the order given, as repetitions of section;
 * a product no longer shown (not active, its shop not verified) is left
 * out. For the recommendations (recs.h). Returns the cards added, or -1 on
 * a database error. */
long sf_list_cards_of(tmpl_dict *page, struct arena *a, const char *section, const long long *ids, size_t n);
/* The rows (SF_CARD_COLUMNS) sf_list_cards_of draws, NULL on a database error. */
struct db_result *sf_list_rows_of(struct arena *a, const long long *ids, size_t n);
/* The Sponsored slots: one SPONSORED_PRODUCT card per row of r
 * (SF_SPONSORED_COLUMNS: the card's, then the promotion's id, which the
 * section also gets as PROMOTION_ID for the page's marker, sf_personal.c),
 * each product once even when it runs two promotions, at most max; shows
 * HAS_SPONSORED when there is one. Returns the number of cards. */
size_t sf_list_sponsored(tmpl_dict *page, struct arena *a, struct db_result *r, size_t max);
/* Fills one card dictionary (storefront/_product_card.tpl) from the row. */
void sf_list_card(tmpl_dict *card, struct arena *a, struct db_result *r, int sponsored);
/* A Sponsored card (columns as sf_list_sponsored's) whose "why" link gives
 * why ("viewed", "bought": chosen from the shopper's interests, personal.h),
 * or NULL for a card the page shows everybody. */
void sf_list_sponsored_card(tmpl_dict *card, struct arena *a, struct db_result *r, const char *why);
/* The (unsponsored) card of the current row drawn on its own, exactly as
 * {{>CARD}} draws it in a page: malloc'd HTML, or NULL on failure. */
char *sf_list_card_html(struct arena *a, struct db_result *r);
/* STOCK_CLASS and STOCK_LABEL ("Sold out", "Only 3 left", "In stock") of a
 * card or of the product page. */
void sf_list_stock(tmpl_dict *d, long long stock);

/* Small text helpers (results live in the arena). */
char *sf_list_group_digits(struct arena *a, long long n);	/* 12,345 (view_group_digits) */
char *sf_list_media_url(struct arena *a, const char *path);
/*
 * A picture at path (relative to the media root) whose largest size is
 * width x height: sets IMAGE, WIDTH and HEIGHT on d and shows either section
 * PICTURE {WEBP_SRCSET, JPEG_SRCSET, SIZES} for a picture of the media
 * pipeline (its 200/600/1200 px WebP and JPEG, cgi/lib/media.h; IMAGE is the
 * 600 px JPEG) or PLAIN_IMAGE for an older single file (the demo's drawings).
 * sizes is the <img sizes> attribute: how wide the page shows it; largest
 * the widest size (200, 600 or 1200) worth offering at that width on a
 * screen of three device pixels a CSS pixel: a card (18rem, or half a
 * phone's 400 px) never needs the 1200 px file, and every size left out
 * saves two URLs a picture in the page. sizes NULL: the largest size
 * alone, the WebP file in WEBP_SRCSET and the JPEG in IMAGE (cards: at an
 * 18rem card, or half a phone's width at two or three device pixels a CSS
 * pixel, a browser picks the 600 px file from a list anyway; the list
 * would only lengthen every card of a page).
 */
void sf_list_picture(tmpl_dict *d, struct arena *a, const char *path, long long width, long long height,
		     const char *sizes, int largest);
#define SF_LIST_CARD_SIZE 600
#define SF_PRODUCT_MAIN_SIZES "(min-width: 48em) 36rem, 100vw"
#define SF_PRODUCT_MAIN_LARGEST 1200
#define SF_PRODUCT_THUMB_SIZES "6rem"
#define SF_PRODUCT_THUMB_LARGEST 600
char *sf_list_excerpt(struct arena *a, const char *text, size_t max);
/* view_begin plus what every storefront page shares: SITE_NAME in the page
 * dictionary and the public cache policy for anonymous visitors. */
tmpl_dict *sf_list_page(struct view *v, struct req *rq, struct resp *rs,
			const char *page_template, const char *title);
/* Canonical path and meta description of the page (either may be NULL). */
void sf_list_meta(struct view *v, const char *canonical, const char *description);

/* sf_messages.c: the customer's conversations with shops (chat.h). */
int sf_messages_list(struct req *rq, struct resp *rs);
int sf_messages_view(struct req *rq, struct resp *rs);
int sf_messages_send(struct req *rq, struct resp *rs);
tmpl_dict *sf_messages_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_messages_live(struct req *rq, struct resp *rs);
int sf_messages_live_unread(struct req *rq, struct resp *rs);

/* sf_personal.c: recently viewed, Sponsored products chosen for the shopper,
 * "for you", the personalisation setting (personal.h). */
int sf_personal_recent(struct req *rq, struct resp *rs);
int sf_personal_clear(struct req *rq, struct resp *rs);
int sf_personal_add(struct req *rq, struct resp *rs);
int sf_personal_why(struct req *rq, struct resp *rs);
int sf_personal_setting(struct req *rq, struct resp *rs);
/* struct app's personal_fill. */
void sf_personal_fill(struct req *rq, struct resp *rs);
int sf_messages_report(struct req *rq, struct resp *rs);

/* sf_returns.c */
int sf_returns_view(struct req *rq, struct resp *rs);
int sf_returns_cancel(struct req *rq, struct resp *rs);
int sf_returns_new(struct req *rq, struct resp *rs);
int sf_returns_create(struct req *rq, struct resp *rs);
int sf_returns_escalate(struct req *rq, struct resp *rs);
tmpl_dict *sf_returns_form_page(struct req *rq, struct resp *rs, struct view *v);

/* sf_tickets.c: questions to the marketplace's support team */
int sf_tickets_list(struct req *rq, struct resp *rs);
int sf_tickets_new(struct req *rq, struct resp *rs);
int sf_tickets_create(struct req *rq, struct resp *rs);
int sf_tickets_view(struct req *rq, struct resp *rs);
int sf_tickets_reply(struct req *rq, struct resp *rs);
tmpl_dict *sf_tickets_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *sf_tickets_view_page(struct req *rq, struct resp *rs, struct view *v);
/* sf_reviews.c: the reviews of a product and writing one (review.h). */
extern const char *const sf_reviews_sorts[];
int sf_reviews_list(struct req *rq, struct resp *rs);
int sf_reviews_form(struct req *rq, struct resp *rs);
tmpl_dict *sf_reviews_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_reviews_create(struct req *rq, struct resp *rs);
int sf_reviews_edit_form(struct req *rq, struct resp *rs);
tmpl_dict *sf_reviews_edit_form_page(struct req *rq, struct resp *rs, struct view *v);
int sf_reviews_edit(struct req *rq, struct resp *rs);
int sf_reviews_helpful(struct req *rq, struct resp *rs);
int sf_reviews_report(struct req *rq, struct resp *rs);
/* The product page's summary of its reviews (average, distribution, the
 * most helpful three) at include marker REVIEWS of page, from the product's
 * rating_avg and rating_count (no query when it has no review): drawn the
 * same for every visitor, so it goes into the shared cache. 0 or -1. */
int sf_reviews_summary(tmpl_dict *page, struct arena *a, long long product_id, const char *rating_avg,
		       long long rating_count);
/* The delivered items of the customer's order with a link to review each
 * (or to its review), section REVIEW_ITEM of the order page. 0 or -1. */
int sf_reviews_order_items(tmpl_dict *d, struct arena *a, long long order_id, long long user_id);

/* The average rating as the reviews' summary prints it ("4.5" of "4.50"). */
char *sf_reviews_average(struct arena *a, const char *avg);

/* sf_seo.c: robots.txt, the sitemaps (sitemap.h), and what search engines
 * and sharing read on the catalogue's pages. */
int sf_seo_robots(struct req *rq, struct resp *rs);
int sf_seo_sitemap_index(struct req *rq, struct resp *rs);
int sf_seo_sitemap_products(struct req *rq, struct resp *rs);
int sf_seo_sitemap_categories(struct req *rq, struct resp *rs);
int sf_seo_sitemap_shops(struct req *rq, struct resp *rs);
/* path (a site path, or an address already absolute) as an absolute
 * address under BAZAAR_BASE_URL, in a's memory; NULL for NULL. */
char *sf_seo_url(struct arena *a, const char *path);
/* The absolute address of a stored picture's largest JPEG; NULL for none. */
char *sf_seo_image_url(struct arena *a, const char *media_path);
/* A page's breadcrumbs as view_crumb draws them, kept for the structured
 * data (labels and addresses must outlive the page: arena or rows). */
#define SF_SEO_CRUMBS_MAX 8
struct sf_seo_crumbs {
	size_t n;
	const char *label[SF_SEO_CRUMBS_MAX];
	const char *url[SF_SEO_CRUMBS_MAX];	/* NULL: the page itself */
};
void sf_seo_crumb(struct view *v, struct sf_seo_crumbs *c, const char *label, const char *url);
/* The Open Graph and Twitter card tags of a page (layout section SHARE). */
struct sf_seo_share {
	const char *type;		/* og:type: "website", "product" */
	const char *title;
	const char *path;		/* the page's canonical path */
	const char *description;	/* or NULL */
	const char *image;		/* absolute address (sf_seo_image_url), or NULL */
	const char *image_alt;		/* NULL: the title */
	long long price_minor;		/* a product's price, or -1 */
};
void sf_seo_share(struct view *v, struct arena *a, const struct sf_seo_share *s);
/* What a product page shows, for its structured data. */
struct sf_seo_product {
	long long id;
	const char *name, *path, *description, *image, *category;
	const char *vendor, *vendor_path;
	long long price_minor, stock;
	const char *rating_value;	/* as shown (sf_reviews_average), or NULL */
	long long rating_count;
	const struct sf_seo_crumbs *crumbs;
};
/* The schema.org JSON-LD of a product page (Product with its Offer and
 * AggregateRating, and the BreadcrumbList) into section STRUCTURED_DATA
 * {JSON_LD} of d. 0, or -1 (logged; the page goes without it). */
int sf_seo_product(tmpl_dict *d, struct arena *a, const struct sf_seo_product *p);
/* The same document appended to out (compact, as json_to_buf_compact
 * writes it, with its final line break). 0, or -1 with out unchanged. */
int sf_seo_product_json(struct buf *out, struct arena *a, const struct sf_seo_product *p);

#endif

/*
 * view: a page in the site's layout. The layout (layout/base.tpl) includes
 * the page template at {{>CONTENT}}; the page gets its own dictionary (ctemplate
 * dictionaries of includes do not inherit), the layout gets title, flash,
 * breadcrumbs and the request id.
 *
 * Layout dictionary: SITE_NAME, TITLE, DESCRIPTION, CANONICAL (path),
 * REQUEST_ID, section FLASH {MESSAGE}, section CRUMBS (one per crumb:
 * LABEL, and section CRUMB_LINK {URL} when it links), section HAS_CRUMBS,
 * include CONTENT (the page). Template globals: ASSET_BASE, MEDIA_BASE,
 * ASSET_<NAME> per static file (asset.h).
 * Sections SEARCH (the search box) and ACCOUNT_NAV (the account links) unless
 * the program leaves them out (struct app's header_omit). With ACCOUNT_NAV,
 * for a logged-in visitor the layout also gets section USER {NAME, CSRF, and
 * sections IS_VENDOR, IS_ADMIN, LOGOUT}, otherwise section GUEST. Section
 * UNVERIFIED while a logged-in visitor's email address is not verified.
 * The account links are the partial layout/_account_links.tpl (ACCOUNT_LINKS,
 * view_account_links), the cart's link with the count of units in it
 * included. A shared page (struct view's shared) shows section SHARED_NAV
 * instead, with the guest links (GUEST_LINKS) for nginx to fall back on.
 * Session cookie name: bz_session; flash cookie name: bz_flash.
 */
#ifndef BAZAAR_VIEW_H
#define BAZAAR_VIEW_H
#include "req.h"
#include "resp.h"
#include "tmpl.h"

struct view {
	tmpl_dict *layout;
	tmpl_dict *body;
	const char *layout_name;
	/* Set before view_begin by a page that is itself about confirming the
	 * email address: the layout's "please confirm" banner would only say
	 * it twice. */
	int no_verify_banner;
	/* Set before view_begin by a page that offers a log-out button of its
	 * own: the layout's would be a second one. */
	int own_logout;
	/* Set before view_begin (sf_list_page does) for a page that may go to
	 * the shared cache: its header carries no account links, only the SSI
	 * directive that fills them per visitor (hdr.h). */
	int shared;
	/* A form's fields when the page includes them as a separate template
	 * (its dictionary inherits nothing from body), else NULL. */
	tmpl_dict *fields;
};

/* Starts a page; returns the dictionary for the page template. */
tmpl_dict *view_begin(struct view *v, struct req *rq, struct resp *rs,
		      const char *page_template, const char *title);
/* Fills the account links (layout/_account_links.tpl) for rq's visitor
 * into d: GUEST, or USER {NAME, CONFIRM_EMAIL, IS_VENDOR, IS_ADMIN, LOGOUT
 * (with TOKEN {CSRF} when token is set)}, and CART_COUNT {COUNT, ONE or
 * MANY} when the visitor's cart holds units to buy. Also the header
 * fragment of shared pages (hdr.h), drawn without the token. */
void view_account_links(tmpl_dict *d, struct req *rq, int logout, int token);
/* Adds a breadcrumb (url NULL for the current page). */
void view_crumb(struct view *v, const char *label, const char *url);
/* Sets the canonical URL and the meta description. */
void view_meta(struct view *v, const char *canonical_path, const char *description);
/* Renders the layout into rs->body and frees the dictionaries; returns 200,
 * or 500 when a template is missing. */
int view_end(struct view *v, struct resp *rs);
/* Frees without rendering (error paths). */
void view_discard(struct view *v);
/* view_end for a page answered with status: with a status other than 200
 * (a form shown again with what is wrong, a refusal) the rendered page is
 * sent as it is (keep_body), not replaced by the error page. Returns status,
 * or 500 when a template is missing. */
int view_end_status(struct view *v, struct resp *rs, int status);

/*
 * Marks a form field as wrong on the page dictionary d: shows section
 * "<FIELD>_ERROR" (FIELD upper-cased) with MESSAGE, and adds a row
 * {FIELD, MESSAGE} to section ERROR_SUMMARY (listed at the top of the form,
 * linking to the field "#<field>"), and shows HAS_ERRORS.
 */
void view_form_error(tmpl_dict *d, const char *field, const char *message);

/* 12345 -> "12,345", in arena memory: counts as the pages print them. */
char *view_group_digits(struct arena *a, long long n);
/*
 * Shared cache of anonymous pages. A page may come from or go to the cache
 * only for a GET or HEAD from a visitor who sends none of the cookies that
 * make a page personal (visitor.h: a session, a pending flash message).
 */
int view_cacheable(const struct req *rq, const struct resp *rs);
/* When cacheable and key is cached: fills rs->body, marks the response
 * public (RESP_PUBLIC_SHORT), returns 1. Otherwise 0. */
int view_from_cache(struct req *rq, struct resp *rs, const char *key);
/* Asks the dispatcher to store the body under key if the final status is 200
 * and the page is cacheable (ttl seconds, 0 = no expiry). */
void view_to_cache(struct req *rq, struct resp *rs, const char *key, int ttl);
/*
 * The same for a page that depends on cache generations (listings): it is
 * stored under a key without them, after a stamp line naming the
 * generations it was drawn at, and read in the same round trip as the
 * request's generations (cache_get_with_gens). stamp(rq, ctx) is called
 * after that read, so the cache_gen it asks are answered from memory; it
 * returns the stamp the page must carry now (request arena; no newline),
 * or NULL on an error. Returns 1 (rs->body filled, as view_from_cache), 0
 * (draw the page; *stamp_out is its stamp, for view_to_cache_stamped), or
 * -1 (stamp failed: answer 500).
 */
int view_from_cache_stamped(struct req *rq, struct resp *rs, const char *key,
			    const char *(*stamp)(struct req *rq, void *ctx), void *ctx,
			    const char **stamp_out);
void view_to_cache_stamped(struct req *rq, struct resp *rs, const char *key, const char *stamp, int ttl);

#endif

/*
 * sf_personal: the shopper's own parts of shared pages (personal.h):
 * recently viewed products (home, cart and product pages), "for you" and
 * the Sponsored products chosen from a logged-in shopper's interests (home
 * page), "why am I seeing this" for every Sponsored product, and the
 * account setting that turns personalisation off.
 *
 * The pages stay shared: they carry markers where the personal parts go,
 * and sf_personal_fill (struct app's personal_fill) puts them in for the
 * visitor after the shared copy is stored; nginx does the same for the
 * recently viewed strip of a product page it serves from memcached (SSI,
 * GET /recent/strip on a miss). A visitor with neither the bz_rv cookie nor
 * a session gets the pages as they are, at no cost.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "csrf.h"
#include "hdr.h"
#include "personal.h"
#include "promotion.h"
#include "recs.h"
#include "sess.h"

#define SF_PERSONAL_RECENT_TEMPLATE	"storefront/_recent.tpl"
#define SF_PERSONAL_SPONSORED_MAX	8
#define SF_PERSONAL_FOR_YOU_TEMPLATE	"storefront/_for_you.tpl"
#define SF_PERSONAL_FOR_YOU_MAX		8	/* at most PERSONAL_RECENT_MAX: sf_personal_cards */

/* The home page's markers (storefront/home_view.tpl): the Sponsored section
 * between the first two, "for you" at the third. */
#define SF_PERSONAL_SPONSORED_BEGIN	"<!--bz:sponsored-->"
#define SF_PERSONAL_SPONSORED_END	"<!--/bz:sponsored-->"
#define SF_PERSONAL_FOR_YOU		"<!--bz:for-you-->"

/* Cards of up to PERSONAL_RECENT_MAX products, for sale, of verified shops;
 * unused places are 0. */
static const char sf_personal_cards_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.status = 'active' AND p.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* The Sponsored products of the home page (placement home or all) in the
 * shopper's interest categories (or their top categories), then the others;
 * the last column says which category matched (0: none). */
static const char sf_personal_sponsored_sql[] =
	"SELECT " SF_SPONSORED_COLUMNS ","
	" CASE WHEN p.category_id IN (?, ?, ?, ?) THEN p.category_id"
	"  WHEN p.top_category_id IN (?, ?, ?, ?) THEN p.top_category_id ELSE 0 END AS interest"
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE pr.placement IN ('home', 'all') AND" PROMOTION_LIVE
	" ORDER BY interest = 0, pr.starts_at DESC, pr.id DESC LIMIT 32";
#define SF_PERSONAL_COL_INTEREST	(SF_COL_PROMOTION + 1)

/* The cards of ids, in their order, as repetitions of section of page.
 * Returns how many, or -1 on a database error. */
static int
sf_personal_cards(tmpl_dict *page, struct arena *a, const char *section, const long long *ids, size_t n)
{
	long long p[PERSONAL_RECENT_MAX] = { 0 };
	struct db_result *r;
	size_t i;
	int added = 0;

	if (n > PERSONAL_RECENT_MAX)
		n = PERSONAL_RECENT_MAX;
	memcpy(p, ids, n * sizeof *ids);
	r = db_query(sf_personal_cards_sql, "iiiiiiiiii", p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
		     p[9]);
	if (r == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		db_rewind(r);
		while (db_next(r))
			if (db_int(r, SF_COL_ID) == ids[i]) {
				sf_list_card(tmpl_include(tmpl_section(page, section), "CARD", SF_LIST_CARD_TEMPLATE), a,
					     r, 0);
				added++;
				break;
			}
	}
	db_free(r);
	return added;
}

/* A section of cards (template with one repeated section of {{>CARD}}s) for
 * ids into out; nothing when none of them is for sale. 0, or -1. */
static int
sf_personal_section(struct arena *a, const char *template, const char *section, const long long *ids,
		    size_t n, struct buf *out)
{
	tmpl_dict *d = tmpl_dict_new(template);
	int added, rc = 0;

	if (d == NULL)
		return -1;
	added = sf_personal_cards(d, a, section, ids, n);
	if (added < 0)
		rc = -1;
	else if (added > 0)
		rc = tmpl_render(template, d, out);
	tmpl_dict_free(d);
	return rc;
}

/* The logged-in visitor's user id when they let the shop personalise, 0 for
 * an anonymous visitor, -1 when they turned it off (or it cannot be told). */
static long long
sf_personal_user(struct req *rq)
{
	if (rq->sess == NULL)
		return 0;
	return rq->sess->personalise ? rq->sess->user_id : -1;
}

/* The strip for the visitor's cookie: memcached's copy, else drawn and
 * stored. Records the views of a logged-in shopper. */
static int
sf_personal_recent_strip(struct req *rq, long long user, struct buf *out)
{
	long long ids[PERSONAL_RECENT_MAX];
	const char *value = req_cookie(rq, PERSONAL_COOKIE);
	size_t n = personal_recent_cookie(rq, ids, PERSONAL_RECENT_MAX), len = 0, start = out->len;
	char *cached;

	if (n == 0 || user < 0)
		return 0;
	if (user > 0)
		personal_recent_record(user, ids, n);
	if ((cached = personal_recent_cached(value, &len)) != NULL) {
		buf_add(out, cached, len);
		free(cached);
		return 0;
	}
	if (sf_personal_section(&rq->arena, SF_PERSONAL_RECENT_TEMPLATE, "RECENT", ids, n, out) != 0)
		return -1;
	if (out->len > start)
		personal_recent_store(value, out->data + start, out->len - start);
	return 0;
}

/*
 * ROUTE: GET /recent/strip      TEMPLATE: storefront/_recent.tpl
 * PARAMS: none
 * The visitor's recently viewed products (the bz_rv cookie) without the
 * layout: what nginx's SSI puts into a shared product page when memcached
 * has no copy for that list. Stored there for the next visitor with the same
 * list; empty for a shopper who turned personalisation off.
 */
int
sf_personal_recent(struct req *rq, struct resp *rs)
{
	buf_reset(&rs->body);
	if (sf_personal_recent_strip(rq, sf_personal_user(rq), &rs->body) != 0)
		return 500;
	rs->cache = RESP_NO_STORE;
	return 200;
}

/* Where "Clear" came from, when it is a page of this site (its Referer's
 * origin checked as an Origin header is): its path. */
static const char *
sf_personal_back(struct req *rq)
{
	const char *ref = req_env(rq, "HTTP_REFERER"), *p, *c;

	if (ref == NULL || (p = strstr(ref, "://")) == NULL || (p = strchr(p + 3, '/')) == NULL)
		return "/";
	if (!csrf_same_origin(rq, ref, (size_t)(p - ref)) || p[1] == '/' || p[1] == '\\')
		return "/";
	for (c = p; *c; c++)
		if ((unsigned char)*c < 0x21 || (unsigned char)*c == 0x7f)
			return "/";
	return p;
}

/*
 * ROUTE: POST /recent/clear      TEMPLATE: none
 * PARAMS: none
 * Forgets the visitor's recently viewed products: the browser's list, and a
 * logged-in shopper's kept views. From the strip on cached pages, so checked
 * by Origin (R_ORIGIN), not by a token. Back to the page it came from.
 */
int
sf_personal_clear(struct req *rq, struct resp *rs)
{
	if (rq->sess != NULL && personal_recent_clear(rq->sess->user_id) != 0)
		return 500;
	personal_recent_set_cookie(rq, rs, NULL, 0);
	resp_set_flash(rs, "Your recently viewed products are cleared.");
	return resp_redirect(rs, 303, sf_personal_back(rq));
}

/* Replaces the first [b, e) of body with with (len bytes). */
static void
sf_personal_splice(struct buf *body, const char *b, const char *e, const char *with, size_t len)
{
	struct buf out;

	buf_init(&out);
	buf_add(&out, body->data, (size_t)(b - body->data));
	buf_add(&out, with, len);
	buf_add(&out, e, body->len - (size_t)(e - body->data));
	buf_free(body);
	*body = out;
}

/* The home page's Sponsored section chosen for the shopper into out: drawn
 * only when at least one promotion is in their interests. Returns the number
 * of cards chosen from their interests (0: nothing drawn), or -1. */
static int
sf_personal_sponsored(struct req *rq, long long user, struct buf *out)
{
	struct personal_interest in[PERSONAL_INTERESTS_MAX];
	long long c[PERSONAL_INTERESTS_MAX] = { 0 }, seen[SF_PERSONAL_SPONSORED_MAX];
	struct arena *a = &rq->arena;
	struct db_result *r;
	tmpl_dict *d;
	char at[24];
	int n = personal_interests(user, in, PERSONAL_INTERESTS_MAX), i, k = 0, chosen = 0;

	if (n <= 0)
		return n;
	for (i = 0; i < n; i++)
		c[i] = in[i].category_id;
	clock_datetime(clock_now(), at, sizeof at);
	r = db_query(sf_personal_sponsored_sql, "iiiiiiiiss", c[0], c[1], c[2], c[3], c[0], c[1], c[2], c[3], at,
		     at);
	if (r == NULL)
		return -1;
	d = tmpl_dict_new("storefront/_sponsored_for_you.tpl");
	while (k < SF_PERSONAL_SPONSORED_MAX && db_next(r)) {
		long long id = db_int(r, SF_COL_ID), interest = db_int(r, SF_PERSONAL_COL_INTEREST);
		const char *why = NULL;
		int j;

		for (j = 0; j < k && seen[j] != id; j++)
			;
		if (j < k)
			continue;
		seen[k++] = id;
		for (j = 0; interest > 0 && j < n; j++)
			if (in[j].category_id == interest)
				why = personal_reason_name(in[j].reason);
		if (interest > 0 && why == NULL)
			why = personal_reason_name(PERSONAL_VIEWED);	/* matched by the top category */
		if (why != NULL)
			chosen++;
		sf_list_sponsored_card(tmpl_include(tmpl_section(d, "SPONSORED_PRODUCT"), "CARD", SF_LIST_CARD_TEMPLATE),
				       a, r, why);
	}
	db_free(r);
	if (chosen > 0 && tmpl_render("storefront/_sponsored_for_you.tpl", d, out) != 0)
		chosen = -1;
	tmpl_dict_free(d);
	return chosen;
}

/* "For you" on the home page of a logged-in shopper: recs_for_you's choice
 * from their paid orders and their recent views (this browser's list, else
 * the account's). */
static int
sf_personal_for_you(struct req *rq, long long user, struct buf *out)
{
	long long recent[PERSONAL_RECENT_MAX], ids[SF_PERSONAL_FOR_YOU_MAX];
	int n, nrecent = (int)personal_recent_cookie(rq, recent, PERSONAL_RECENT_MAX);

	if (nrecent == 0 && (nrecent = personal_recent_load(user, recent, PERSONAL_RECENT_MAX)) < 0)
		return -1;
	if ((n = recs_for_you(user, recent, (size_t)nrecent, ids, SF_PERSONAL_FOR_YOU_MAX)) <= 0)
		return n;
	return sf_personal_section(&rq->arena, SF_PERSONAL_FOR_YOU_TEMPLATE, "FOR_YOU", ids, (size_t)n, out);
}

void
sf_personal_fill(struct req *rq, struct resp *rs)
{
	static const char recent[] = PERSONAL_RECENT_SSI;
	static const char sb[] = SF_PERSONAL_SPONSORED_BEGIN, se[] = SF_PERSONAL_SPONSORED_END;
	static const char fy[] = SF_PERSONAL_FOR_YOU;
	struct buf *body = &rs->body, part;
	const char *b, *e;
	long long user;
	int filled = 0;

	/* A guest's page goes as it is: its markers are HTML comments, as
	 * nginx sends it. Anyone nginx would send through SSI (a header of
	 * their own, a list) gets the directives worked out, as SSI would. */
	if (body->len == 0 || (!hdr_wanted(rq) && req_cookie(rq, PERSONAL_COOKIE) == NULL))
		return;
	if (memmem(body->data, body->len, "<!--", 4) == NULL)
		return;
	user = sf_personal_user(rq);
	buf_init(&part);
	if ((b = memmem(body->data, body->len, recent, sizeof recent - 1)) != NULL) {
		if (sf_personal_recent_strip(rq, user, &part) == 0) {
			sf_personal_splice(body, b, b + sizeof recent - 1, part.data ? part.data : "", part.len);
			filled = part.len > 0;
		}
		buf_reset(&part);
	}
	if (user > 0 && (b = memmem(body->data, body->len, sb, sizeof sb - 1)) != NULL &&
	    (e = memmem(b, body->len - (size_t)(b - body->data), se, sizeof se - 1)) != NULL) {
		if (sf_personal_sponsored(rq, user, &part) > 0) {
			sf_personal_splice(body, b, e + sizeof se - 1, part.data ? part.data : "", part.len);
			filled = 1;
		}
		buf_reset(&part);
	}
	if (user > 0 && (b = memmem(body->data, body->len, fy, sizeof fy - 1)) != NULL) {
		if (sf_personal_for_you(rq, user, &part) == 0 && part.len > 0) {
			sf_personal_splice(body, b, b + sizeof fy - 1, part.data ? part.data : "", part.len);
			filled = 1;
		}
		buf_reset(&part);
	}
	buf_free(&part);
	/* Drawn for this visitor: no shared cache may keep it. */
	if (filled)
		rs->cache = RESP_NO_STORE;
}

/*
 * ROUTE: GET /sponsored/{id}/why      TEMPLATE: storefront/personal_why.tpl
 * PARAMS: r (viewed or bought: the reason a card chosen for the shopper gave)
 * Why a Sponsored product is shown: who paid for it, where the promotion
 * runs, and for a card chosen from the shopper's interests, which ones; with
 * the way to turn personalisation off. A promotion that never ran is a 404.
 */
int
sf_personal_why(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	const char *reason = req_str(rq, "r"), *placement;
	char path[160];
	tmpl_dict *d;
	int status;

	r = db_query("SELECT p.id, p.slug, p.name, v.trading_name, pr.placement,"
		     " COALESCE(c.name, ''), COALESCE(t.name, ''), COALESCE(pc.name, '')"
		     " FROM promotions pr JOIN products p ON p.id = pr.product_id"
		     " JOIN vendors v ON v.id = p.vendor_id"
		     " LEFT JOIN categories c ON c.id = p.category_id"
		     " LEFT JOIN categories t ON t.id = p.top_category_id"
		     " LEFT JOIN categories pc ON pc.id = pr.category_id"
		     " WHERE pr.id = ? AND pr.status <> 'pending'", "i", req_path_id(rq, "id"));
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	d = sf_list_page(&v, rq, rs, "storefront/personal_why.tpl", "Why am I seeing this?");
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Why am I seeing this?", NULL);
	tmpl_set(d, "PRODUCT", db_str(r, 2));
	if (catalog_product_path(db_int(r, 0), db_str(r, 1), path, sizeof path))
		tmpl_set(d, "PRODUCT_URL", path);
	tmpl_set(d, "VENDOR", db_str(r, 3));
	placement = db_str(r, 4);
	if (strcmp(placement, "home") == 0)
		tmpl_show(d, "ON_HOME");
	else if (strcmp(placement, "category") == 0)
		tmpl_set(tmpl_section(d, "ON_CATEGORY"), "CATEGORY", *db_str(r, 7) ? db_str(r, 7) : db_str(r, 5));
	else if (strcmp(placement, "search") == 0)
		tmpl_show(d, "ON_SEARCH");
	else
		tmpl_show(d, "ON_ALL");
	/* A reason is the logged-in shopper's card's; anybody else (a link
	 * passed on) is told what the page shows everybody. */
	if (reason != NULL && *reason && rq->sess != NULL) {
		tmpl_dict *p = tmpl_section(d, "PERSONAL");
		const char *cat = *db_str(r, 6) ? db_str(r, 6) : db_str(r, 5);

		tmpl_set(tmpl_section(p, strcmp(reason, "bought") == 0 ? "BOUGHT" : "VIEWED"), "CATEGORY", cat);
	} else
		tmpl_show(d, "CONTEXTUAL");
	if (rq->sess != NULL)
		tmpl_show(d, rq->sess->personalise ? "LOGGED_IN_ON" : "LOGGED_IN_OFF");
	else
		tmpl_show(d, "ANONYMOUS");
	db_free(r);
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: POST /account/personalisation      TEMPLATE: none
 * PARAMS: personalise (on or off)
 * Turns personalisation on or off for the account: off deletes what the
 * shop kept of the shopper's views and removes this browser's list (and
 * tells its script to keep none); back to the account page.
 */
int
sf_personal_setting(struct req *rq, struct resp *rs)
{
	int on = strcmp(req_str(rq, "personalise"), "on") == 0;

	if (personal_set_enabled(rq->sess->user_id, on) != 0)
		return 500;
	if (!on)
		personal_recent_set_cookie(rq, rs, NULL, 0);
	personal_off_cookie(rq, rs, !on);
	resp_set_flash(rs, on ? "Personalisation is on: we use what you view and buy to choose what we show you."
			      : "Personalisation is off: we no longer use what you view and buy, and forgot what you viewed.");
	return resp_redirect(rs, 303, "/account#personalisation");
}

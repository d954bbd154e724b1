/*
 * sf_personal: the shopper's own parts of shared pages (personal.h):
 * recently viewed products (home, cart and product pages), "for you", the
 * Sponsored products chosen from the shopper's interests (home, category
 * and search pages), "why am I seeing this" for every Sponsored product,
 * and the account setting that turns personalisation off.
 *
 * The pages stay shared: they carry markers where the personal parts go,
 * and sf_personal_fill (struct app's personal_fill) puts them in for the
 * visitor after the shared copy is stored; nginx does the same for the
 * recently viewed strip of a product page it serves from memcached (SSI,
 * GET /recent/strip on a miss). A visitor with neither the bz_rv cookie nor
 * a session gets the pages as they are, at no cost.
 *
 * A view is put into the list by the product page's script
 * (static/js/recent.js), or, in a browser without JavaScript, by the image
 * in the page's <noscript> (GET /recent/add/{id}): the page itself stays
 * the same for everybody.
 *
 * Sponsored slots. A page with them writes its Sponsored section between
 * two markers, the first naming the page and the promotions it shows there
 * (the same for everybody):
 *
 *	<!--bz:sponsored category 12 7--> ...section... <!--/bz:sponsored-->
 *
 * For a shopper with interests (personal_interests: the categories of what
 * they viewed on this browser, and of a logged-in shopper's views and
 * purchases before), the section is drawn again: the live promotions of the
 * page's placement (or 'all') in those categories first, each card's "why"
 * link saying it was chosen for them, then the page's own.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "csrf.h"
#include "hdr.h"
#include "log.h"
#include "personal.h"
#include "promotion.h"
#include "recs.h"
#include "search.h"
#include "sess.h"

#define SF_PERSONAL_RECENT_TEMPLATE	"storefront/_recent.tpl"
#define SF_PERSONAL_SPONSORED_TEMPLATE	"storefront/_sponsored_for_you.tpl"
#define SF_PERSONAL_SPONSORED_MAX	SF_SPONSORED_HOME_MAX	/* the most any page shows */
#define SF_PERSONAL_FOR_YOU_TEMPLATE	"storefront/_for_you.tpl"
#define SF_PERSONAL_FOR_YOU_MAX		8	/* at most PERSONAL_RECENT_MAX: sf_personal_cards */

/* The markers of shared pages: a Sponsored section between the first two
 * (home, category and search pages), "for you" at the third (home page). */
#define SF_PERSONAL_SPONSORED_BEGIN	"<!--bz:sponsored "
#define SF_PERSONAL_SPONSORED_END	"<!--/bz:sponsored-->"
#define SF_PERSONAL_FOR_YOU		"<!--bz:for-you-->"

/* The Sponsored slots of each page, by the word its marker names it with:
 * the placement whose promotions (and those of 'all') may be chosen for the
 * shopper there, how many cards the page shows, and its heading's id. */
static const struct sf_personal_slots {
	const char *page;
	const char *placement;
	size_t max;
	const char *heading;
} sf_personal_slots[] = {
	{ "home", "home", SF_SPONSORED_HOME_MAX, "home-sponsored" },
	{ "category", "category", SF_SPONSORED_LIST_MAX, "cat-sponsored" },
	{ "search", "search", SF_SPONSORED_LIST_MAX, "search-sponsored" },
};

/* Cards of up to PERSONAL_RECENT_MAX products, for sale, of verified shops;
 * unused places are 0. */
static const char sf_personal_cards_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.status = 'active' AND p.id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* Whether a product is one the shop shows: for sale, of a verified shop. */
static const char sf_personal_visible_sql[] =
	"SELECT COUNT(*) FROM products p" SF_VENDOR_JOIN " WHERE p.id = ? AND p.status = 'active'";

/* The answer of GET /recent/add/{id}: a transparent GIF of 1x1 pixel. */
static const unsigned char sf_personal_pixel[] = {
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00,
	0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x01, 0x44, 0x00, 0x3b,
};

/* The live promotions a page's Sponsored section may show a shopper: those
 * the shared page shows (their ids as a JSON array), and those of its
 * placement (or 'all') whose product is in one of the shopper's interest
 * categories or their top-level categories; with the product's categories. */
static const char sf_personal_sponsored_sql[] =
	"SELECT " SF_SPONSORED_COLUMNS ", p.category_id, p.top_category_id"
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE" PROMOTION_LIVE
	" AND (pr.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"
	"  OR (pr.placement IN (?, 'all')"
	"   AND (p.category_id IN (?, ?, ?, ?) OR p.top_category_id IN (?, ?, ?, ?))))"
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 64";
#define SF_PERSONAL_COL_CATEGORY	(SF_COL_PROMOTION + 1)
#define SF_PERSONAL_COL_TOP		(SF_COL_PROMOTION + 2)

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

/* The path of the page the request came from, when it is a page of this
 * site (its Referer's origin checked as an Origin header is); else NULL
 * (no Referer, another site's, or one no page of this site has). */
static const char *
sf_personal_referer(struct req *rq)
{
	const char *ref = req_env(rq, "HTTP_REFERER"), *p, *c;

	if (ref == NULL || (p = strstr(ref, "://")) == NULL || (p = strchr(p + 3, '/')) == NULL)
		return NULL;
	if (!csrf_same_origin(rq, ref, (size_t)(p - ref)) || p[1] == '/' || p[1] == '\\')
		return NULL;
	for (c = p; *c; c++)
		if ((unsigned char)*c < 0x21 || (unsigned char)*c == 0x7f)
			return NULL;
	return p;
}

/* Where "Clear" came from, when it is a page of this site: its path. */
static const char *
sf_personal_back(struct req *rq)
{
	const char *p = sf_personal_referer(rq);

	return p != NULL ? p : "/";
}

/*
 * Whether a GET that changes the browser's list comes from this site: an
 * image of its own page, or the address typed. A browser that sends
 * Sec-Fetch-Site must send same-origin or none (a page of another site,
 * even of the same site's other origins, may not write into a shopper's
 * list); one that does not send it must not name another site in Origin or
 * Referer. Neither sent passes, as for a form (csrf.h): an old browser with
 * the Referer turned off, a tool. The cookie is SameSite=Lax besides, so
 * another site's image carries none of the shopper's.
 */
static int
sf_personal_same_origin(struct req *rq)
{
	const char *ref = req_env(rq, "HTTP_REFERER"), *why = NULL;

	if (rq->sec_fetch_site != NULL) {
		if (strcmp(rq->sec_fetch_site, "same-origin") != 0 && strcmp(rq->sec_fetch_site, "none") != 0)
			why = "sec-fetch-site";
	} else if (rq->origin != NULL && *rq->origin != '\0' &&
		   !csrf_same_origin(rq, rq->origin, strlen(rq->origin)))
		why = "origin";
	else if (ref != NULL && *ref != '\0' && sf_personal_referer(rq) == NULL)
		why = "referer";
	if (why == NULL)
		return 1;
	log_info("csrf.refused", "path=%s why=%s", log_quote(rq->path), why);
	return 0;
}

/*
 * ROUTE: GET /recent/add/{id}      TEMPLATE: none (image/gif)
 * PARAMS: none
 * Puts product id in front of the visitor's recently viewed products (the
 * bz_rv cookie; a logged-in shopper's kept views too), as the product page's
 * script does: the image in the page's <noscript>, so a browser without
 * JavaScript remembers what it viewed while the page stays shared. Answers
 * a 1x1 GIF that no cache keeps. Only from this site's own pages (403), a
 * product the shop shows (404); with personalisation off, the image and
 * nothing changed.
 */
int
sf_personal_add(struct req *rq, struct resp *rs)
{
	long long ids[PERSONAL_RECENT_MAX], id = req_path_id(rq, "id"), user = sf_personal_user(rq), shown;
	const char *off = req_cookie(rq, PERSONAL_OFF_COOKIE);
	size_t n;

	if (!sf_personal_same_origin(rq))
		return 403;
	if (user >= 0 && (off == NULL || *off == '\0')) {
		if ((shown = db_scalar(-1, sf_personal_visible_sql, "i", id)) < 0)
			return 500;
		if (shown == 0)
			return 404;
		n = personal_recent_cookie(rq, ids, PERSONAL_RECENT_MAX);
		n = personal_recent_push(ids, n, PERSONAL_RECENT_MAX, id);
		personal_recent_set_cookie(rq, rs, ids, n);
		/* As the strip records the list it draws; a failure is logged,
		 * and the browser's list stands. */
		if (user > 0)
			personal_recent_record(user, ids, n);
	}
	buf_reset(&rs->body);
	buf_add(&rs->body, sf_personal_pixel, sizeof sf_personal_pixel);
	rs->content_type = "image/gif";
	rs->cache = RESP_NO_STORE;
	return 200;
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

/* The shopper's interests (personal.h) for a visitor sf_personal_user
 * judged user: none with personalisation off. How many, or -1. */
static int
sf_personal_interests(struct req *rq, long long user, struct personal_interest *in)
{
	long long recent[PERSONAL_RECENT_MAX];
	size_t n = personal_recent_cookie(rq, recent, PERSONAL_RECENT_MAX);

	if (user < 0)
		return 0;
	return personal_interests(user, recent, n, in, PERSONAL_INTERESTS_MAX);
}

/* Parses a Sponsored begin marker at b (up to end): its page's slots and
 * the promotions the shared page shows there (at most max); returns where
 * the marker ends, or NULL when it is not one. */
static const char *
sf_personal_marker(const char *b, const char *end, const struct sf_personal_slots **slots, long long *shown,
		   size_t *nshown, size_t max)
{
	const char *s = b + sizeof SF_PERSONAL_SPONSORED_BEGIN - 1;
	size_t i, len;

	*slots = NULL;
	*nshown = 0;
	for (i = 0; i < sizeof sf_personal_slots / sizeof *sf_personal_slots; i++) {
		len = strlen(sf_personal_slots[i].page);
		if ((size_t)(end - s) > len && memcmp(s, sf_personal_slots[i].page, len) == 0 &&
		    (s[len] == ' ' || s[len] == '-')) {
			*slots = &sf_personal_slots[i];
			s += len;
			break;
		}
	}
	if (*slots == NULL)
		return NULL;
	while (s < end && *s == ' ') {
		long long id = 0;

		for (s++, len = 0; s < end && *s >= '0' && *s <= '9' && len < 18; s++, len++)
			id = id * 10 + (*s - '0');
		if (len == 0)
			return NULL;
		if (*nshown < max)
			shown[(*nshown)++] = id;
	}
	if ((size_t)(end - s) < 3 || memcmp(s, "-->", 3) != 0)
		return NULL;
	return s + 3;
}

/* Whether id is among the first n of seen; else adds it there. */
static int
sf_personal_seen(long long *seen, size_t *n, long long id)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (seen[i] == id)
			return 1;
	seen[(*n)++] = id;
	return 0;
}

/*
 * A page's Sponsored section chosen for a shopper with interests in (n of
 * them) into out: the promotions in their interests first (those of the very
 * categories, strongest interest first, then those of the same top-level
 * categories), each card's "why" link giving the reason, then the page's own
 * (shown, in its order), at most slots->max products. Drawn only when at
 * least one card is chosen from the interests: returns how many were (0:
 * nothing drawn, the page's own section stays), or -1.
 */
static int
sf_personal_sponsored(struct req *rq, const struct personal_interest *in, int n,
		      const struct sf_personal_slots *slots, const long long *shown, size_t nshown, struct buf *out)
{
	long long c[PERSONAL_INTERESTS_MAX] = { 0 }, t[PERSONAL_INTERESTS_MAX] = { 0 };
	long long seen[SF_PERSONAL_SPONSORED_MAX];
	struct arena *a = &rq->arena;
	struct db_result *r;
	tmpl_dict *d;
	size_t k = 0, j;
	char at[24];
	int i, exact, chosen = 0;

	for (i = 0; i < n && i < PERSONAL_INTERESTS_MAX; i++) {
		c[i] = in[i].category_id;
		t[i] = in[i].top_category_id;
	}
	clock_datetime(clock_now(), at, sizeof at);
	r = db_query(sf_personal_sponsored_sql, "ssssiiiiiiii", at, at, search_json_ids(a, shown, nshown),
		     slots->placement, c[0], c[1], c[2], c[3], t[0], t[1], t[2], t[3]);
	if (r == NULL)
		return -1;
	if ((d = tmpl_dict_new(SF_PERSONAL_SPONSORED_TEMPLATE)) == NULL) {
		db_free(r);
		return -1;
	}
	/* personal_interest_of's order: the interest a card names is the one
	 * the "why" page finds again. */
	for (exact = 1; exact >= 0; exact--)
		for (i = 0; i < n; i++) {
			db_rewind(r);
			while (k < slots->max && db_next(r)) {
				long long cat = db_int(r, SF_PERSONAL_COL_CATEGORY);
				const struct personal_interest *it =
					personal_interest_of(in, (size_t)n, cat, db_int(r, SF_PERSONAL_COL_TOP));

				if (it != &in[i] || (it->category_id == cat) != exact ||
				    sf_personal_seen(seen, &k, db_int(r, SF_COL_ID)))
					continue;
				sf_list_sponsored_card(tmpl_include(tmpl_section(d, "SPONSORED_PRODUCT"), "CARD",
								    SF_LIST_CARD_TEMPLATE),
						       a, r, personal_reason_name(it->reason));
				chosen++;
			}
		}
	for (j = 0; j < nshown && k < slots->max; j++) {
		db_rewind(r);
		while (db_next(r))
			if (db_int(r, SF_COL_PROMOTION) == shown[j]) {
				if (!sf_personal_seen(seen, &k, db_int(r, SF_COL_ID)))
					sf_list_sponsored_card(tmpl_include(tmpl_section(d, "SPONSORED_PRODUCT"),
									    "CARD", SF_LIST_CARD_TEMPLATE),
							       a, r, NULL);
				break;
			}
	}
	db_free(r);
	tmpl_set(d, "HEADING_ID", slots->heading);
	if (rq->sess != NULL)
		tmpl_show(d, "ACCOUNT");
	if (chosen > 0 && tmpl_render(SF_PERSONAL_SPONSORED_TEMPLATE, d, out) != 0)
		chosen = -1;
	tmpl_dict_free(d);
	return chosen;
}

/* Fills the Sponsored section of body (between its markers) for the
 * shopper; 1 when it did, 0 when the page's own stays, -1 on an error. */
static int
sf_personal_fill_sponsored(struct req *rq, long long user, struct buf *body)
{
	static const char sb[] = SF_PERSONAL_SPONSORED_BEGIN, se[] = SF_PERSONAL_SPONSORED_END;
	struct personal_interest in[PERSONAL_INTERESTS_MAX];
	const struct sf_personal_slots *slots;
	long long shown[SF_PERSONAL_SPONSORED_MAX];
	const char *b, *after, *e, *end = body->data + body->len;
	size_t nshown;
	struct buf part;
	int n, rc;

	if (user < 0 || (b = memmem(body->data, body->len, sb, sizeof sb - 1)) == NULL ||
	    (after = sf_personal_marker(b, end, &slots, shown, &nshown, SF_PERSONAL_SPONSORED_MAX)) == NULL ||
	    (e = memmem(after, (size_t)(end - after), se, sizeof se - 1)) == NULL)
		return 0;
	if ((n = sf_personal_interests(rq, user, in)) <= 0)
		return n;
	buf_init(&part);
	rc = sf_personal_sponsored(rq, in, n, slots, shown, nshown, &part);
	if (rc > 0)
		sf_personal_splice(body, b, e + sizeof se - 1, part.data ? part.data : "", part.len);
	buf_free(&part);
	return rc > 0 ? 1 : rc;
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

/* Which markers body holds, from one pass over its comments (every marker
 * is one): the recently viewed strip's directives (*recent: where they
 * start, NULL when none), a Sponsored section, "for you". A page is some
 * 15 KB, and looking for each marker in turn read it whole once a marker
 * it lacked. */
/* The next "<!--" in [p, end), where end is a NUL (a buf's): strstr, which
 * glibc runs a dozen times faster than memmem for a needle this short,
 * going on past any NUL byte of its own the body holds. */
static const char *
sf_personal_next_comment(const char *p, const char *end)
{
	const char *c;

	while (p < end) {
		if ((c = strstr(p, "<!--")) != NULL)
			return c;
		p += strlen(p) + 1;
	}
	return NULL;
}

static void
sf_personal_markers(const struct buf *body, const char **recent, int *sponsored, int *for_you)
{
	static const char rv[] = PERSONAL_RECENT_SSI, sb[] = SF_PERSONAL_SPONSORED_BEGIN, fy[] = SF_PERSONAL_FOR_YOU;
	const char *p = body->data, *end = body->data + body->len;
	size_t left;

	*recent = NULL;
	*sponsored = *for_you = 0;
	while ((p = sf_personal_next_comment(p, end)) != NULL) {
		left = (size_t)(end - p);
		if (*recent == NULL && left >= sizeof rv - 1 && memcmp(p, rv, sizeof rv - 1) == 0)
			*recent = p;
		else if (left >= sizeof sb - 1 && memcmp(p, sb, sizeof sb - 1) == 0)
			*sponsored = 1;
		else if (left >= sizeof fy - 1 && memcmp(p, fy, sizeof fy - 1) == 0)
			*for_you = 1;
		p += 4;
	}
}

void
sf_personal_fill(struct req *rq, struct resp *rs)
{
	static const char recent[] = PERSONAL_RECENT_SSI;
	static const char fy[] = SF_PERSONAL_FOR_YOU;
	struct buf *body = &rs->body, part;
	const char *b;
	long long user;
	int filled = 0, sponsored, for_you;

	/* A guest's page goes as it is: its markers are HTML comments, as
	 * nginx sends it. Anyone nginx would send through SSI (a header of
	 * their own, a list) gets the directives worked out, as SSI would. */
	if (body->len == 0 || (!hdr_wanted(rq) && req_cookie(rq, PERSONAL_COOKIE) == NULL))
		return;
	sf_personal_markers(body, &b, &sponsored, &for_you);
	if (b == NULL && !sponsored && !for_you)
		return;
	user = sf_personal_user(rq);
	buf_init(&part);
	if (b != NULL) {
		if (sf_personal_recent_strip(rq, user, &part) == 0) {
			sf_personal_splice(body, b, b + sizeof recent - 1, part.data ? part.data : "", part.len);
			filled = part.len > 0;
		}
		buf_reset(&part);
	}
	if (sponsored && sf_personal_fill_sponsored(rq, user, body) > 0)
		filled = 1;
	if (for_you && user > 0 && (b = memmem(body->data, body->len, fy, sizeof fy - 1)) != NULL) {
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
 * PARAMS: r (viewed or bought: given by a card chosen for the shopper)
 * Why a Sponsored product is shown: who paid for it, where the promotion
 * runs, and for a card chosen from the shopper's interests, which one (found
 * again from the visitor's own interests, so a link passed on says nothing
 * of its sender); with the way to turn personalisation off. A promotion that
 * never ran is a 404.
 */
int
sf_personal_why(struct req *rq, struct resp *rs)
{
	struct personal_interest in[PERSONAL_INTERESTS_MAX];
	const struct personal_interest *it = NULL;
	struct view v = { 0 };
	struct db_result *r;
	const char *reason = req_str(rq, "r"), *placement;
	long long user = sf_personal_user(rq);
	char path[160];
	tmpl_dict *d;
	int status, n;

	r = db_query("SELECT p.id, p.slug, p.name, v.trading_name, pr.placement,"
		     " COALESCE(c.name, ''), COALESCE(t.name, ''), COALESCE(pc.name, ''),"
		     " p.category_id, p.top_category_id"
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
	/* A card chosen for the shopper: the interest it answers, as
	 * sf_personal_sponsored chose it. */
	if (reason != NULL && *reason) {
		if ((n = sf_personal_interests(rq, user, in)) < 0) {
			db_free(r);
			return 500;
		}
		it = personal_interest_of(in, (size_t)n, db_int(r, 8), db_int(r, 9));
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
	if (it != NULL) {
		/* The very category, or the part of the shop both are in. */
		const char *cat = it->category_id == db_int(r, 8) || !*db_str(r, 6) ? db_str(r, 5) : db_str(r, 6);

		tmpl_set(tmpl_section(tmpl_section(d, "PERSONAL"), it->reason == PERSONAL_BOUGHT ? "BOUGHT" : "VIEWED"),
			 "CATEGORY", cat);
	} else
		tmpl_show(d, "CONTEXTUAL");
	if (rq->sess != NULL)
		tmpl_show(d, user > 0 ? "LOGGED_IN_ON" : "LOGGED_IN_OFF");
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

/*
 * sf_search: the search page, served from the search index (cgi/lib/search.h:
 * stemming, phrases, prefixes, synonyms, ranking mixed with rating, sales and
 * stock; MariaDB FULLTEXT only when the index is missing). The index answers
 * with product ids; the cards are read from MariaDB by primary key, so a
 * card always shows the current price and picture.
 */
#include "sf.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "clock.h"
#include "promotion.h"
#include "search.h"
#include "text.h"

#define SF_SEARCH_TTL		300

/* The cards of the products whose ids are a JSON array, in its order (one
 * bind); only those still visible. */
static const char sf_search_cards_sql[] =
	"SELECT " SF_CARD_COLUMNS
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, id BIGINT PATH '$')) j"
	" STRAIGHT_JOIN products p ON p.id = j.id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN " ORDER BY j.n";

/* The products of the promotions running now (two binds, the shop's time)
 * bought for searches or to run everywhere; then those of them the search
 * finds (one more bind: their ids as a JSON array). */
static const char sf_search_promoted_sql[] =
	"SELECT DISTINCT pr.product_id FROM promotions pr"
	" WHERE" PROMOTION_LIVE " AND pr.placement IN ('search', 'all') LIMIT 64";
static const char sf_search_sponsored_sql[] =
	"SELECT " SF_SPONSORED_COLUMNS
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE" PROMOTION_LIVE " AND pr.placement IN ('search', 'all')"
	" AND pr.product_id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j)"
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 16";
#define SF_SEARCH_PROMOTED_MAX	64

enum search_sort
sf_search_sort(enum sf_sort sort)
{
	switch (sort) {
	case SF_SORT_PRICE_ASC:
		return SEARCH_SORT_PRICE_ASC;
	case SF_SORT_PRICE_DESC:
		return SEARCH_SORT_PRICE_DESC;
	case SF_SORT_NEWEST:
		return SEARCH_SORT_NEWEST;
	case SF_SORT_POPULAR:
		return SEARCH_SORT_POPULAR;
	case SF_SORT_RELEVANCE:
		break;
	}
	return SEARCH_SORT_RELEVANCE;
}

/* The cards of ids, in that order; NULL on a database error. */
struct db_result *
sf_search_cards(struct arena *a, const long long *ids, size_t n)
{
	return db_query(sf_search_cards_sql, "s", search_json_ids(a, ids, n));
}

/* The text as shown and as the cache key sees it: trimmed, with each run of
 * white space made one space. NULL when nothing is left. */
char *
sf_search_tidy(struct arena *a, const char *q)
{
	char *t = text_tidy(a, q, TEXT_SQUEEZE);

	return *t ? t : NULL;
}

/* The query as the page names it between its own quotation marks: without
 * one pair of marks that already encloses the whole query (and appears
 * nowhere inside it), so a search for
 * "stainless steel" (in quotes) is titled “stainless steel”, not
 * “"stainless steel"”. The search box keeps what was typed. */
static const char *
sf_search_shown(struct arena *a, const char *q)
{
	static const struct { const char *open, *close; } marks[] = {
		{ "\"", "\"" }, { "'", "'" }, { "“", "”" }, { "‘", "’" }, { "«", "»" }, { "„", "“" },
	};
	size_t n = strlen(q), i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t lo = strlen(marks[i].open), lc = strlen(marks[i].close);

		const char *inner;

		if (n <= lo + lc || strncmp(q, marks[i].open, lo) != 0 || strcmp(q + n - lc, marks[i].close) != 0)
			continue;
		inner = arena_printf(a, "%.*s", (int)(n - lo - lc), q + lo);
		/* "a" and "b" is two quoted words, not one quotation */
		if (strstr(inner, marks[i].open) || strstr(inner, marks[i].close))
			continue;
		inner = sf_search_tidy(a, inner);
		return inner ? inner : q;
	}
	return q;
}

/* The Sponsored slots: the live search promotions whose product the text
 * finds. 0, or -1 on a database error. */
static int
sf_search_sponsored(tmpl_dict *d, struct arena *a, const char *q, const char *at)
{
	long long ids[SF_SEARCH_PROMOTED_MAX];
	struct search_query sq = SEARCH_QUERY_INIT;
	struct search_result found;
	struct db_result *r;
	size_t n = 0;

	if ((r = db_query(sf_search_promoted_sql, "ss", at, at)) == NULL)
		return -1;
	while (n < SF_SEARCH_PROMOTED_MAX && db_next(r))
		ids[n++] = db_int(r, 0);
	db_free(r);
	if (n == 0)
		return 0;
	sq.text = q;
	sq.among = ids;
	sq.namong = n;
	sq.limit = SF_SEARCH_PROMOTED_MAX;
	if (search_run(a, &sq, &found) < 0)
		return -1;
	if (found.fallback || found.n == 0)	/* no index: no promotions to match */
		return 0;
	r = db_query(sf_search_sponsored_sql, "sss", at, at, search_json_ids(a, found.ids, found.n));
	if (r == NULL)
		return -1;
	sf_list_sponsored(d, a, r, SF_SPONSORED_LIST_MAX);
	db_free(r);
	return 0;
}

/* Top-level categories to browse instead. */
static void
sf_search_categories(tmpl_dict *d, struct arena *a)
{
	struct sf_category *list;
	size_t n = sf_nav_children(a, 0, &list), i;

	if (n == 0)
		return;
	tmpl_show(d, "HAS_CATEGORIES");
	for (i = 0; i < n; i++) {
		tmpl_dict *s = tmpl_section(d, "CATEGORY");
		tmpl_set(s, "URL", arena_printf(a, "/c/%s", list[i].slug));
		tmpl_set(s, "NAME", list[i].name);
	}
}

/* The page's key: the text's hash and the filters (the generations are
 * in its stamp, sf_list_stamp). */
static char *
sf_search_key(struct arena *a, const char *q, const struct sf_filter *f)
{
	unsigned char hash[16];
	char hex[sizeof hash * 2 + 1];

	crypto_generichash(hash, sizeof hash, (const unsigned char *)q, strlen(q), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	return arena_printf(a, "s:%s:%s", hex, sf_list_key_part(a, f));
}

/*
 * ROUTE: GET /search      TEMPLATE: storefront/search_results.tpl
 * PARAMS: q (text, up to 100 bytes), page (1..10000),
 *         sort (relevance|price_asc|price_desc|newest), min_price, max_price, in_stock (1),
 *         the facets category, vendor (ids), band (0..5), rating (1..4), sale (1)
 * Finds the active products of verified vendors matching every word of q
 * (stemmed, with synonyms; "phrases"; the last word as a beginning when the
 * words alone find nothing) in the search index, ranked by relevance mixed
 * with rating, sales and stock, with the Sponsored ones among them on top;
 * without q it asks what to look for. The facets show as links with their
 * counts and the filters in use as removable chips; a misspelt q gets a
 * "did you mean" link, or the corrected text's results when it found none.
 */
int
sf_search_results(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct sf_filter f;
	struct db_result *r = NULL;
	struct search_query sq = SEARCH_QUERY_INIT;
	struct search_result found;
	const char *key = NULL, *asked = NULL;	/* asked: the text that found nothing */
	const char *stamp = NULL;
	long long total = 0;
	time_t now = clock_now();
	char at[24];
	tmpl_dict *d;
	int status = 500;

	sf_list_filter(rq, &f, SF_SORT_RELEVANCE);
	f.q = sf_search_tidy(a, req_str(rq, "q"));
	if (f.q == NULL) {
		d = sf_list_page(&v, rq, rs, "storefront/search_results.tpl", "Search");
		sf_list_meta(&v, "/search", "Search the products of every shop.");
		tmpl_show(d, "PROMPT");
		sf_search_categories(d, a);
		status = view_end(&v, rs);
		goto out;
	}

	key = sf_search_key(a, f.q, &f);
	switch (view_from_cache_stamped(rq, rs, key, sf_list_stamp, NULL, &stamp)) {
	case 1:
		status = 200;
		goto out;
	case -1:
		goto out;
	}
	sq.text = f.q;
	sf_list_search_query(&f, &sq);
	sq.sort = sf_search_sort(f.sort);
	sq.offset = sf_list_offset(&f);
	sq.limit = SF_PER_PAGE;
	sq.facets = SEARCH_FACETS_ALL;
	if (search_run(a, &sq, &found) < 0)
		goto out;
	/*
	 * A word the catalogue does not have: the corrected text is searched
	 * too. When it finds nothing, or as many as the text (a plural the
	 * stemmer knew anyway), nothing is said. When the text found nothing,
	 * or found only words further from it than the correction
	 * (correction_closer: "earings" found "ear"), the corrected text's
	 * results are shown and the page says so; otherwise it offers a "did
	 * you mean" link (a word one letter from another may be a plural the
	 * catalogue does not spell out: "bands" is not "hands").
	 */
	if (found.corrected != NULL && strcmp(found.corrected, f.q) != 0) {
		struct search_result again;

		sq.text = found.corrected;
		if (search_run(a, &sq, &again) < 0)
			goto out;
		sq.text = f.q;
		if (again.total == 0 || (again.total == found.total && !found.correction_closer)) {
			found.corrected = NULL;
		} else if (found.total == 0 || found.correction_closer) {
			asked = f.q;
			sq.text = again.corrected = found.corrected;
			found = again;
		}
	}
	total = found.total;
	if (sf_list_past_end(&f, total)) {
		status = 404;
		goto out;
	}

	d = sf_list_page(&v, rq, rs, "storefront/search_results.tpl",
			 arena_printf(a, "Results for “%s”", sf_search_shown(a, f.q)));
	tmpl_set(v.layout, "Q", f.q);
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Search", NULL);
	tmpl_show(d, "HAS_QUERY");
	tmpl_set(d, "Q", f.q);
	tmpl_set(d, "Q_SHOWN", sf_search_shown(a, f.q));
	tmpl_set(d, "RESULT_TEXT", sf_list_result_text(a, &f, total, "result", "results"));
	sf_list_filters(d, a, "/search", &f);
	sf_list_facets(d, a, "/search", &f, &found);
	if (asked == NULL && found.corrected != NULL) {
		tmpl_show(d, "DID_YOU_MEAN");
		tmpl_set(d, "CORRECTED_TEXT", found.corrected);
		tmpl_set(d, "CORRECTED_URL", sf_list_url(a, "/search", &(struct sf_filter){ .q = found.corrected },
							 1, 0));
	} else if (asked != NULL) {
		tmpl_show(d, "CORRECTED");
		tmpl_set(d, "CORRECTED_TEXT", sq.text);
		tmpl_set(d, "ASKED", asked);
	}
	clock_datetime(now, at, sizeof at);
	if (sf_search_sponsored(d, a, sq.text, at) < 0)
		goto out;
	if (total > 0) {
		if ((r = sf_search_cards(a, found.ids, found.n)) == NULL)
			goto out;
		sf_list_cards(d, a, "PRODUCT", r, 0, NULL, 0);
		tmpl_show(d, "HAS_PRODUCTS");
		sf_list_pagination(d, a, "/search", &f, total);
	} else {
		tmpl_show(d, "NO_PRODUCTS");
		if (sf_list_filtered(&f)) {
			tmpl_dict *s = tmpl_section(d, "FILTERED");
			tmpl_set(s, "UNFILTERED_URL", sf_list_url(a, "/search", &f, 1, 0));
		}
		sf_search_categories(d, a);
	}
	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache_stamped(rq, rs, key, stamp, SF_SEARCH_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * sf_search: full-text search over product names and descriptions.
 *
 * MariaDB's InnoDB FULLTEXT index in BOOLEAN MODE. The shopper's text never
 * becomes SQL: it is split into words in C (anything but letters and digits
 * separates words, so the operators + - < > ( ) ~ * " @ can never reach the
 * parser), words shorter than the index's minimum token size (3) are
 * dropped, and each remaining word becomes "+word*" (every word required,
 * any ending allowed). That string is a bound parameter.
 */
#include "sf.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "clock.h"
#include "promotion.h"
#include "text.h"

#define SF_SEARCH_TTL		300
#define SF_SEARCH_MIN_CHARS	3	/* innodb_ft_min_token_size */
#define SF_SEARCH_MAX_WORDS	12

#define SF_SEARCH_MATCH "MATCH(p.name, p.description) AGAINST (? IN BOOLEAN MODE)"
#define SF_SEARCH_SELECT \
	"SELECT " SF_CARD_COLUMNS ", " SF_SEARCH_MATCH " AS score" \
	" FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN " WHERE "
#define SF_SEARCH_COUNT "SELECT COUNT(*) FROM products p" SF_VENDOR_JOIN " WHERE "
#define SF_SEARCH_WHERE SF_SEARCH_MATCH " AND p.status = 'active' AND p.stock >= ?"
#define SF_SEARCH_PRICE " AND p.price_minor BETWEEN ? AND ?"
#define SF_SEARCH_PAGE " LIMIT ? OFFSET ?"
#define SF_ORDER_SCORE " ORDER BY score DESC, p.popularity DESC, p.id DESC"
#define SF_ORDER_PRICE_ASC " ORDER BY p.price_minor ASC, p.id ASC"
#define SF_ORDER_PRICE_DESC " ORDER BY p.price_minor DESC, p.id DESC"
#define SF_ORDER_NEWEST " ORDER BY p.created_at DESC, p.id DESC"

#define SF_SEARCH_SORTS(price) { \
	SF_SEARCH_SELECT SF_SEARCH_WHERE price SF_ORDER_SCORE SF_SEARCH_PAGE, \
	SF_SEARCH_SELECT SF_SEARCH_WHERE price SF_ORDER_PRICE_ASC SF_SEARCH_PAGE, \
	SF_SEARCH_SELECT SF_SEARCH_WHERE price SF_ORDER_PRICE_DESC SF_SEARCH_PAGE, \
	SF_SEARCH_SELECT SF_SEARCH_WHERE price SF_ORDER_NEWEST SF_SEARCH_PAGE }

/* [sort]: without and with the price filter (five and seven binds). */
static const char *const sf_search_list_sql[4] = SF_SEARCH_SORTS("");
static const char *const sf_search_list_price_sql[4] = SF_SEARCH_SORTS(SF_SEARCH_PRICE);
static const char sf_search_count_sql[] = SF_SEARCH_COUNT SF_SEARCH_WHERE;
static const char sf_search_count_price_sql[] = SF_SEARCH_COUNT SF_SEARCH_WHERE SF_SEARCH_PRICE;

/* The promotions running now (two binds, the shop's time) whose product
 * the search finds: bought for searches or to run everywhere. */
static const char sf_search_sponsored_sql[] =
	"SELECT " SF_SPONSORED_COLUMNS
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE" PROMOTION_LIVE " AND pr.placement IN ('search', 'all') AND " SF_SEARCH_MATCH
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 16";
#define SF_SEARCH_SPONSORED_MAX 4

static int
sf_search_sort_index(enum sf_sort sort)
{
	switch (sort) {
	case SF_SORT_PRICE_ASC:
		return 1;
	case SF_SORT_PRICE_DESC:
		return 2;
	case SF_SORT_NEWEST:
		return 3;
	case SF_SORT_RELEVANCE:
	case SF_SORT_POPULAR:
		break;
	}
	return 0;
}

/* Letters and digits (any non-ASCII byte counts as part of a letter). */
static int
sf_search_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
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

/* InnoDB's default stopwords of three letters or more: they are not in the
 * index, so requiring one ("+the*") would match nothing. */
static const char *const sf_search_stopwords[] = {
	"about", "are", "com", "for", "from", "how", "that", "the", "this", "und",
	"was", "what", "when", "where", "who", "will", "with", "www", NULL
};

static int
sf_search_is_stopword(const char *w)
{
	const char *const *s;

	for (s = sf_search_stopwords; *s; s++)
		if (strcmp(*s, w) == 0)
			return 1;
	return 0;
}

static int
sf_search_ends(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Drops an English plural ending so that the prefix match finds both forms
 * ("leads" -> "lead*", "glasses" -> "glass*", "batteries" -> "batter*"). */
static size_t
sf_search_stem(const char *w, size_t n)
{
	size_t cut = n;

	if (sf_search_ends(w, n, "sses") || sf_search_ends(w, n, "xes") ||
	    sf_search_ends(w, n, "ches") || sf_search_ends(w, n, "shes"))
		cut = n - 2;
	else if (sf_search_ends(w, n, "ies"))
		cut = n - 3;
	else if (sf_search_ends(w, n, "s") && !sf_search_ends(w, n, "ss") &&
		 !sf_search_ends(w, n, "us") && !sf_search_ends(w, n, "is"))
		cut = n - 1;
	return cut >= SF_SEARCH_MIN_CHARS ? cut : n;
}

char *
sf_search_boolean(struct arena *a, const char *q)
{
	const unsigned char *s = (const unsigned char *)(q ? q : ""), *start;
	struct buf b;
	size_t chars, words = 0, n, i;
	char *word, *out;

	buf_init(&b);
	while (*s && words < SF_SEARCH_MAX_WORDS) {
		while (*s && !sf_search_word_byte(*s))
			s++;
		start = s;
		chars = 0;
		while (*s && sf_search_word_byte(*s)) {
			if ((*s & 0xC0) != 0x80)	/* count characters, not bytes */
				chars++;
			s++;
		}
		if (chars < SF_SEARCH_MIN_CHARS)
			continue;
		n = (size_t)(s - start);
		word = arena_strndup(a, (const char *)start, n);
		for (i = 0; i < n; i++)
			if (word[i] >= 'A' && word[i] <= 'Z')
				word[i] = (char)(word[i] - 'A' + 'a');
		if (sf_search_is_stopword(word))
			continue;
		if (chars == n)		/* plain ASCII: English endings */
			n = sf_search_stem(word, n);
		buf_printf(&b, "%s+", words ? " " : "");
		buf_add(&b, word, n);
		buf_addc(&b, '*');
		words++;
	}
	out = words ? arena_strdup(a, b.data) : NULL;
	buf_free(&b);
	return out;
}

/* Counts the products that match and pass the filter; -1 on error. */
static long long
sf_search_count(const char *match, const struct sf_filter *f)
{
	long long stock_min = f->in_stock ? 1 : 0;

	if (sf_list_has_price(f))
		return sf_list_total(db_query(sf_search_count_price_sql, "siii", match, stock_min,
					      sf_list_price_low(f), sf_list_price_high(f)));
	return sf_list_total(db_query(sf_search_count_sql, "si", match, stock_min));
}

/* The filter's page of the matching products in the order of sort. */
static struct db_result *
sf_search_page(int sort, const char *match, const struct sf_filter *f)
{
	long long stock_min = f->in_stock ? 1 : 0;

	if (sf_list_has_price(f))
		return db_query(sf_search_list_price_sql[sort], "ssiiiii", match, match, stock_min,
				sf_list_price_low(f), sf_list_price_high(f), (long long)SF_PER_PAGE, sf_list_offset(f));
	return db_query(sf_search_list_sql[sort], "ssiii", match, match, stock_min, (long long)SF_PER_PAGE,
			sf_list_offset(f));
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

static char *
sf_search_key(struct arena *a, const char *q, const struct sf_filter *f, long long change)
{
	unsigned char hash[16];
	char hex[sizeof hash * 2 + 1];

	crypto_generichash(hash, sizeof hash, (const unsigned char *)q, strlen(q), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	return arena_printf(a, "s:%s:g%llu:b%lld:%s", hex, cache_gen(CATALOG_FAMILY_LIST), change,
			    sf_list_key_part(a, f));
}

/*
 * ROUTE: GET /search      TEMPLATE: storefront/search_results.tpl
 * PARAMS: q (text, up to 100 bytes), page (1..10000),
 *         sort (relevance|price_asc|price_desc|newest), min_price, max_price, in_stock (1)
 * Finds active products of verified vendors whose name or description
 * contain every word of q (word beginnings match), with the Sponsored ones
 * among them on top; without q it asks what to look for.
 */
int
sf_search_results(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct sf_filter f;
	struct db_result *r = NULL;
	const char *match, *key = NULL;
	long long total = 0, change;
	time_t now = clock_now();
	char at[24];
	tmpl_dict *d;
	int status = 500, sort;

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

	if ((change = promotion_next_change(now)) < 0)
		goto out;
	key = sf_search_key(a, f.q, &f, change);
	if (view_from_cache(rq, rs, key)) {
		status = 200;
		goto out;
	}
	match = sf_search_boolean(a, f.q);
	sort = sf_search_sort_index(f.sort);
	if (match && (total = sf_search_count(match, &f)) < 0)
		goto out;
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
	if (match != NULL) {
		clock_datetime(now, at, sizeof at);
		if ((r = db_query(sf_search_sponsored_sql, "sss", at, at, match)) == NULL)
			goto out;
		sf_list_sponsored(d, a, r, SF_SEARCH_SPONSORED_MAX);
		db_free(r);
		r = NULL;
	}
	if (total > 0) {
		if ((r = sf_search_page(sort, match, &f)) == NULL)
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
		view_to_cache(rq, rs, key, SF_SEARCH_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * search: the query side of the search engine (search.h): the index through
 * the bridge, the facets' labels, and the FULLTEXT fallback.
 */
#include "search.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "money.h"
#include "xsearch_bridge.h"

const struct search_band search_price_bands[SEARCH_NBANDS] = {
	{ 0, 1000 }, { 1000, 2500 }, { 2500, 5000 }, { 5000, 10000 }, { 10000, 25000 }, { 25000, -1 },
};

#define SEARCH_FALLBACK_LOG_EVERY	60	/* seconds between two search.fallback lines */

const char *
search_dir(void)
{
	return cfg_str("BAZAAR_SEARCH_DIR", "var/search");
}

/* Opens or reopens the index: 0, 1 when there is none, -1 (logged). */
static int
search_open(void)
{
	char err[256] = "";
	int rc = xsearch_open(search_dir(), err, sizeof err);

	if (rc < 0)
		log_error("search.open", "dir=%s msg=%s", log_quote(search_dir()), log_quote(err));
	return rc;
}

int
search_available(void)
{
	return search_open() == 0;
}

void
search_close(void)
{
	xsearch_close();
}

/* ---- the FULLTEXT fallback --------------------------------------------------------- */

#define SEARCH_FT_MIN_CHARS	3	/* innodb_ft_min_token_size */
#define SEARCH_FT_MAX_WORDS	12

/* Letters and digits (any non-ASCII byte counts as part of a letter). */
static int
search_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* InnoDB's default stopwords of three letters or more: they are not in the
 * index, so requiring one ("+the*") would match nothing. */
static const char *const search_ft_stopwords[] = {
	"about", "are", "com", "for", "from", "how", "that", "the", "this", "und",
	"was", "what", "when", "where", "who", "will", "with", "www", NULL
};

static int
search_ft_is_stopword(const char *w)
{
	const char *const *s;

	for (s = search_ft_stopwords; *s; s++)
		if (strcmp(*s, w) == 0)
			return 1;
	return 0;
}

static int
search_ends(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Drops an English plural ending so that the prefix match finds both forms
 * ("leads" -> "lead*", "glasses" -> "glass*", "batteries" -> "batter*"). */
static size_t
search_ft_stem(const char *w, size_t n)
{
	size_t cut = n;

	if (search_ends(w, n, "sses") || search_ends(w, n, "xes") || search_ends(w, n, "ches") ||
	    search_ends(w, n, "shes"))
		cut = n - 2;
	else if (search_ends(w, n, "ies"))
		cut = n - 3;
	else if (search_ends(w, n, "s") && !search_ends(w, n, "ss") && !search_ends(w, n, "us") &&
		 !search_ends(w, n, "is"))
		cut = n - 1;
	return cut >= SEARCH_FT_MIN_CHARS ? cut : n;
}

char *
search_fulltext_match(struct arena *a, const char *q)
{
	const unsigned char *s = (const unsigned char *)(q ? q : ""), *start;
	struct buf b;
	size_t chars, words = 0, n, i;
	char *word, *out;

	buf_init(&b);
	while (*s && words < SEARCH_FT_MAX_WORDS) {
		while (*s && !search_word_byte(*s))
			s++;
		start = s;
		chars = 0;
		while (*s && search_word_byte(*s)) {
			if ((*s & 0xC0) != 0x80)	/* count characters, not bytes */
				chars++;
			s++;
		}
		if (chars < SEARCH_FT_MIN_CHARS)
			continue;
		n = (size_t)(s - start);
		word = arena_strndup(a, (const char *)start, n);
		for (i = 0; i < n; i++)
			if (word[i] >= 'A' && word[i] <= 'Z')
				word[i] = (char)(word[i] - 'A' + 'a');
		if (search_ft_is_stopword(word))
			continue;
		if (chars == n)		/* plain ASCII: English endings */
			n = search_ft_stem(word, n);
		buf_printf(&b, "%s+", words ? " " : "");
		buf_add(&b, word, n);
		buf_addc(&b, '*');
		words++;
	}
	out = words ? arena_strdup(a, b.data) : NULL;
	buf_free(&b);
	return out;
}

#define SEARCH_FT_MATCH "MATCH(p.name, p.description) AGAINST (? IN BOOLEAN MODE)"
#define SEARCH_FT_FROM \
	" FROM products p STRAIGHT_JOIN vendors v FORCE INDEX (PRIMARY)" \
	" ON v.id = p.vendor_id AND v.status = 'verified'" \
	" WHERE " SEARCH_FT_MATCH " AND p.status = 'active' AND p.stock >= ?" \
	" AND p.price_minor BETWEEN ? AND ?"
#define SEARCH_FT_LIST(order) \
	"SELECT p.id, " SEARCH_FT_MATCH " AS score" SEARCH_FT_FROM order " LIMIT ? OFFSET ?"

static const char search_ft_count_sql[] = "SELECT COUNT(*)" SEARCH_FT_FROM;
/* [0] relevance and popular, then price up, price down, newest, rating */
static const char *const search_ft_list_sql[5] = {
	SEARCH_FT_LIST(" ORDER BY score DESC, p.popularity DESC, p.id DESC"),
	SEARCH_FT_LIST(" ORDER BY p.price_minor ASC, p.id ASC"),
	SEARCH_FT_LIST(" ORDER BY p.price_minor DESC, p.id DESC"),
	SEARCH_FT_LIST(" ORDER BY p.created_at DESC, p.id DESC"),
	SEARCH_FT_LIST(" ORDER BY p.rating_avg IS NULL, p.rating_avg DESC, p.id DESC"),
};

static int
search_ft_sort(enum search_sort sort)
{
	switch (sort) {
	case SEARCH_SORT_PRICE_ASC:
		return 1;
	case SEARCH_SORT_PRICE_DESC:
		return 2;
	case SEARCH_SORT_NEWEST:
		return 3;
	case SEARCH_SORT_RATING:
		return 4;
	case SEARCH_SORT_RELEVANCE:
	case SEARCH_SORT_POPULAR:
		break;
	}
	return 0;
}

/* Logs the fallback, at most once a minute per process. */
static void
search_log_fallback(const char *why)
{
	static time_t last;
	time_t now = time(NULL);

	if (last && now - last < SEARCH_FALLBACK_LOG_EVERY)
		return;
	last = now;
	log_warn("search.fallback", "dir=%s why=%s msg=%s", log_quote(search_dir()), log_quote(why),
		 log_quote("searching with MariaDB FULLTEXT: run bazaar-searchindex --rebuild"));
}

/* The words, price and stock filters through FULLTEXT; no facets, no spelling. */
static int
search_fallback(struct arena *a, const struct search_query *q, struct search_result *res)
{
	const char *match = search_fulltext_match(a, q->text);
	long long lo = q->min_price >= 0 ? q->min_price : 0;
	long long hi = q->max_price >= 0 ? q->max_price : 9223372036854775807LL;
	long long stock_min = q->in_stock ? 1 : 0;
	long long limit = q->limit < 0 ? 0 : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit;
	struct db_result *r;
	size_t i = 0;

	res->fallback = 1;
	if (match == NULL)
		return 0;
	if (q->price_band >= 0 && q->price_band < SEARCH_NBANDS) {
		const struct search_band *b = &search_price_bands[q->price_band];

		if (b->low > lo)
			lo = b->low;
		if (b->high >= 0 && b->high - 1 < hi)
			hi = b->high - 1;
	}
	res->total = db_scalar(-1, search_ft_count_sql, "siii", match, stock_min, lo, hi);
	if (res->total < 0)
		return -1;
	if (res->total == 0 || limit == 0)
		return 0;
	r = db_query(search_ft_list_sql[search_ft_sort(q->sort)], "ssiiiii", match, match, stock_min, lo, hi,
		     limit, q->offset < 0 ? 0 : q->offset);
	if (r == NULL)
		return -1;
	res->ids = arena_alloc(a, (db_rows(r) + 1) * sizeof *res->ids);
	while (db_next(r))
		res->ids[i++] = db_int(r, 0);
	res->n = i;
	db_free(r);
	return 0;
}

/* ---- labels of the facets ------------------------------------------------------------ */

char *
search_json_ids(struct arena *a, const long long *ids, size_t n)
{
	struct buf b;
	char *out;
	size_t i;

	buf_init(&b);
	buf_addc(&b, '[');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", ids[i]);
	buf_addc(&b, ']');
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

static const char search_category_names_sql[] =
	"SELECT c.id, c.name FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN categories c ON c.id = j.id";
static const char search_vendor_names_sql[] =
	"SELECT v.id, v.trading_name FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j"
	" JOIN vendors v ON v.id = j.id";

/* Names the values of a category or vendor facet; a value whose row is gone
 * (deleted since the index saw it) is dropped. */
static int
search_name_values(struct arena *a, struct search_facet_counts *f, const char *sql)
{
	struct db_result *r;
	long long *ids;
	size_t i, kept = 0;

	if (f->n == 0)
		return 0;
	ids = arena_alloc(a, f->n * sizeof *ids);
	for (i = 0; i < f->n; i++)
		ids[i] = f->v[i].value;
	if ((r = db_query(sql, "s", search_json_ids(a, ids, f->n))) == NULL)
		return -1;
	while (db_next(r)) {
		long long id = db_int(r, 0);

		for (i = 0; i < f->n; i++)
			if (f->v[i].value == id)
				f->v[i].label = arena_strdup(a, db_str(r, 1));
	}
	db_free(r);
	for (i = 0; i < f->n; i++)
		if (f->v[i].label)
			f->v[kept++] = f->v[i];
	f->n = kept;
	return 0;
}

static const char *
search_band_label(struct arena *a, int band)
{
	const struct search_band *b = &search_price_bands[band];
	char lo[32], hi[32];

	if (b->low <= 0)
		return arena_printf(a, "Under %s", money_format(b->high, hi, sizeof hi));
	if (b->high < 0)
		return arena_printf(a, "%s and more", money_format(b->low, lo, sizeof lo));
	return arena_printf(a, "%s to %s", money_format(b->low, lo, sizeof lo), money_format(b->high, hi, sizeof hi));
}

static int
search_labels(struct arena *a, struct search_result *res)
{
	struct search_facet_counts *f;
	size_t i;

	if (search_name_values(a, &res->facets[SEARCH_FACET_CATEGORY], search_category_names_sql) < 0 ||
	    search_name_values(a, &res->facets[SEARCH_FACET_VENDOR], search_vendor_names_sql) < 0)
		return -1;
	f = &res->facets[SEARCH_FACET_PRICE];
	for (i = 0; i < f->n; i++)
		f->v[i].label = search_band_label(a, (int)f->v[i].value);
	f = &res->facets[SEARCH_FACET_RATING];
	for (i = 0; i < f->n; i++)
		f->v[i].label = arena_printf(a, "%lld star%s & up", f->v[i].value, f->v[i].value == 1 ? "" : "s");
	f = &res->facets[SEARCH_FACET_SALE];
	for (i = 0; i < f->n; i++)
		f->v[i].label = "On sale";
	f = &res->facets[SEARCH_FACET_STOCK];
	for (i = 0; i < f->n; i++)
		f->v[i].label = "In stock";
	return 0;
}

/* ---- queries -------------------------------------------------------------------------- */

void
search_query_add(struct search_query *q, enum search_facet facet, long long value)
{
	switch (facet) {
	case SEARCH_FACET_CATEGORY:
		q->category_id = value;
		break;
	case SEARCH_FACET_VENDOR:
		q->vendor_id = value;
		break;
	case SEARCH_FACET_PRICE:
		q->price_band = (int)value;
		break;
	case SEARCH_FACET_RATING:
		q->min_rating = (int)value;
		break;
	case SEARCH_FACET_SALE:
		q->on_sale = 1;
		break;
	case SEARCH_FACET_STOCK:
		q->in_stock = 1;
		break;
	case SEARCH_NFACETS:
		break;
	}
}

/* The depth of a category (0 top level), or -1 when there is none such. */
static long long
search_category_depth(long long id)
{
	return db_scalar(-2, "SELECT COALESCE((SELECT depth FROM categories WHERE id = ?), -1)", "i", id);
}

int
search_run(struct arena *a, const struct search_query *q, struct search_result *res)
{
	char err[256] = "";
	long long depth = -1;
	int rc;

	memset(res, 0, sizeof *res);
	if (q->category_id > 0) {
		if ((depth = search_category_depth(q->category_id)) < -1)
			return -1;
		if (depth < 0)		/* no such category: nothing in it */
			return 0;
	}
	rc = search_open();
	if (rc != 0) {
		search_log_fallback(rc > 0 ? "missing" : "unreadable");
		if (search_fallback(a, q, res) < 0) {
			memset(res, 0, sizeof *res);
			return -1;
		}
		return 0;
	}
	if (xsearch_query(a, q, (int)depth, res, err, sizeof err) < 0) {
		log_error("search.failed", "msg=%s", log_quote(err));
		memset(res, 0, sizeof *res);
		return -1;
	}
	if (q->facets && search_labels(a, res) < 0) {
		memset(res, 0, sizeof *res);
		return -1;
	}
	return 0;
}

long
search_suggest(struct arena *a, const char *text, struct search_suggestion *out, size_t max)
{
	char err[256] = "";
	long n;

	if (text == NULL || !*text || max == 0)
		return 0;
	if (search_open() != 0)
		return -1;
	n = xsearch_suggest(a, text, out, max, err, sizeof err);
	if (n < 0)
		log_error("search.failed", "msg=%s", log_quote(err));
	return n;
}

const char *
search_correct(struct arena *a, const char *text)
{
	if (text == NULL || !*text || search_open() != 0)
		return NULL;
	return xsearch_correct(a, text);
}

/* ---- synonyms --------------------------------------------------------------------------- */

int
search_synonyms_set(const char *term, const char *const *synonyms, size_t n)
{
	struct buf b;
	size_t i;
	int rc = -1;

	if (term == NULL || !*term || strchr(term, '\t'))
		return -1;
	buf_init(&b);
	buf_add(&b, term, strlen(term));
	for (i = 0; i < n; i++) {
		if (synonyms[i] == NULL || strchr(synonyms[i], '\t'))
			goto out;
		buf_addc(&b, '\t');
		buf_add(&b, synonyms[i], strlen(synonyms[i]));
	}
	if (b.len > EVENTS_PAYLOAD_MAX)
		goto out;
	rc = events_emit(SEARCH_EVENT_SYNONYMS, 0, b.data) < 0 ? -1 : 0;
out:
	buf_free(&b);
	return rc;
}

long
search_synonyms_get(struct arena *a, const char *term, const char **out, size_t max)
{
	if (term == NULL || search_open() != 0)
		return -1;
	return xsearch_synonyms(a, term, out, max);
}

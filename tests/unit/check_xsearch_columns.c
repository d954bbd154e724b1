/*
 * Tests for the search index's columns (xsearch_bridge.h): on a generated
 * index of a few thousand products, every query answered from the columns
 * gives exactly what the matcher gives (ids in order, totals, every facet
 * count, the spelling correction): words, pairs, phrases, prefixes,
 * categories at every depth, every filter, every sort, pages 1 to 3. Then
 * the writer's changes in place (a price, a deletion, an id past the end of
 * the file), and the file made again when it is missing or stale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "arena.h"
#include "xsearch_bridge.h"

static char dir[] = "/tmp/check_xcols_XXXXXX";
static char err[256];

#define NPRODUCTS 4000
#define NTOP 4
#define NSUB 3
#define NLEAF 3

static unsigned long long seed;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* a skewed pick: small values more often, as words and vendors are */
static unsigned
skew(unsigned n)
{
	unsigned u = rnd(1000);

	return (unsigned)((unsigned long long)u * u * n / 1000000);
}

static const char *const adjectives[] = { "organic", "classic", "vintage", "compact", "sturdy", "light",
					  "soft", "bright", "rustic", "modern" };
static const char *const materials[] = { "cotton", "steel", "oak", "wool", "linen", "bamboo", "glass",
					 "leather" };
static const char *const nouns[NTOP][5] = {
	{ "shirt", "scarf", "jacket", "sock", "glove" },
	{ "kettle", "pan", "knife", "bowl", "mug" },
	{ "tent", "lantern", "stove", "rope", "bottle" },
	{ "lamp", "chair", "shelf", "rug", "vase" },
};
static const char *const tops[NTOP] = { "Clothing", "Kitchen", "Outdoors", "Home" };
static const char *const fillers[] = { "made", "by", "hand", "for", "daily", "use", "gift", "warm", "strong",
				       "easy", "care", "small", "batch", "fair", "trade" };

static long long
cat_top(unsigned t)
{
	return 1 + t;
}
static long long
cat_sub(unsigned t, unsigned s)
{
	return 10 + t * NSUB + s;
}
static long long
cat_leaf(unsigned t, unsigned s, unsigned l)
{
	return 100 + (t * NSUB + s) * NLEAF + l;
}

static void
put_product(long long id, long long price)
{
	struct xsearch_doc d;
	char name[128], desc[256];
	unsigned t = skew(NTOP), s = rnd(NSUB), l = rnd(NLEAF), k;

	memset(&d, 0, sizeof d);
	snprintf(name, sizeof name, "%s %s %s", adjectives[skew(10)], materials[skew(8)], nouns[t][skew(5)]);
	desc[0] = '\0';
	for (k = 0; k < 8; k++) {
		strcat(desc, k == 3 ? materials[skew(8)] : fillers[skew(15)]);
		strcat(desc, " ");
	}
	d.id = id;
	d.name = name;
	d.description = desc;
	d.vendor_name = "Shop";
	d.category_names = tops[t];
	d.categories[0] = cat_top(t);
	d.categories[1] = cat_sub(t, s);
	d.ncategories = 2;
	if (rnd(3)) {
		d.categories[2] = cat_leaf(t, s, l);
		d.ncategories = 3;
	}
	d.vendor_id = 1 + skew(40);
	d.price = price >= 0 ? price : 100 + rnd(40) * 250;	/* many equal prices: the ties' order counts */
	d.compare_at = rnd(5) == 0 ? d.price + 500 : 0;
	d.stock = rnd(10) < 3 ? 0 : 1 + rnd(20);
	d.popularity = rnd(50);
	d.sales = skew(500);
	d.rating = rnd(4) == 0 ? 0 : 1 + rnd(9) / 2.0;
	d.rating_count = d.rating > 0 ? 1 + rnd(8) : 0;
	d.created = 1700000000 + rnd(400) * 60;
	ck_assert_msg(xsearch_writer_put(&d, err, sizeof err) == 0, "%s", err);
}

/* Products of very different lengths that use "amber" from one to five
 * times: a ranking by relevance depends on the lengths there (BM25). */
#define NLONG 600
static void
put_long(long long id)
{
	struct xsearch_doc d;
	char name[128], desc[2048];
	unsigned words = 1 + rnd(150), amber = rnd(5), k;

	memset(&d, 0, sizeof d);
	snprintf(name, sizeof name, "amber %s %s", materials[rnd(8)], nouns[3][rnd(5)]);
	desc[0] = '\0';
	for (k = 0; k < words; k++) {
		strcat(desc, k < amber ? "amber" : fillers[rnd(15)]);
		strcat(desc, " ");
	}
	d.id = id;
	d.name = name;
	d.description = desc;
	d.vendor_name = "Shop";
	d.category_names = tops[3];
	d.categories[0] = cat_top(3);
	d.categories[1] = cat_sub(3, rnd(NSUB));
	d.ncategories = 2;
	d.vendor_id = 1 + rnd(40);
	d.price = 100 + rnd(40) * 250;
	d.stock = rnd(2) ? 0 : 1 + rnd(20);
	d.popularity = rnd(50);
	d.sales = rnd(3) ? 0 : skew(500);
	d.rating = rnd(2) ? 0 : 1 + rnd(9) / 2.0;
	d.rating_count = d.rating > 0 ? 1 + rnd(8) : 0;
	d.created = 1700000000 + rnd(400) * 60;
	ck_assert_msg(xsearch_writer_put(&d, err, sizeof err) == 0, "%s", err);
}

static void
setup(void)
{
	char path[600], link[600];
	long long id;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/db-1", dir);
	ck_assert_msg(xsearch_writer_open(path, "english", err, sizeof err) == 0, "%s", err);
	seed = 88172645463325252ULL;
	for (id = 1; id <= NPRODUCTS; id++)
		put_product(id, -1);
	for (id = NPRODUCTS + 1; id <= NPRODUCTS + NLONG; id++)
		put_long(id);
	for (id = 7; id <= NPRODUCTS; id += 97)	/* gaps in the ids */
		ck_assert_int_eq(xsearch_writer_delete(id, err, sizeof err), 0);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	snprintf(link, sizeof link, "%s/current", dir);
	ck_assert_int_eq(symlink("db-1", link), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
}

static void
teardown(void)
{
	char cmd[600];

	xsearch_use_columns(1);
	xsearch_close();
	xsearch_writer_close();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_xcols_XXXXXX");
}

static void
query(struct arena *a, const struct search_query *q, int depth, int columns, struct search_result *r)
{
	memset(r, 0, sizeof *r);
	xsearch_use_columns(columns);
	ck_assert_msg(xsearch_query(a, q, depth, r, err, sizeof err) == 0, "%s", err);
	xsearch_use_columns(1);
}

/* Whether x and y are the same answer; why says where they differ. */
static int
same(const struct search_result *x, const struct search_result *y, char *why, size_t n)
{
	size_t i, f;

	if (x->total != y->total)
		return snprintf(why, n, "total %lld, %lld", x->total, y->total), 0;
	if (x->n != y->n)
		return snprintf(why, n, "n %zu, %zu", x->n, y->n), 0;
	for (i = 0; i < x->n; i++)
		if (x->ids[i] != y->ids[i])
			return snprintf(why, n, "ids[%zu] %lld, %lld", i, x->ids[i], y->ids[i]), 0;
	if ((x->corrected == NULL) != (y->corrected == NULL) ||
	    (x->corrected && strcmp(x->corrected, y->corrected) != 0) || x->correction_closer != y->correction_closer)
		return snprintf(why, n, "correction"), 0;
	for (f = 0; f < SEARCH_NFACETS; f++) {
		if (x->facets[f].n != y->facets[f].n)
			return snprintf(why, n, "facet %zu: %zu values, %zu", f, x->facets[f].n, y->facets[f].n), 0;
		for (i = 0; i < x->facets[f].n; i++)
			if (x->facets[f].v[i].value != y->facets[f].v[i].value ||
			    x->facets[f].v[i].count != y->facets[f].v[i].count)
				return snprintf(why, n, "facet %zu [%zu]: %lld x %lld, %lld x %lld", f, i,
						x->facets[f].v[i].value, x->facets[f].v[i].count, y->facets[f].v[i].value,
						y->facets[f].v[i].count), 0;
	}
	return 1;
}

/* The answers of the columns and of the matcher to q are the same; returns the total. */
static long long
check_same(const struct search_query *q, int depth)
{
	struct arena a;
	struct search_result x, y;
	char why[160];
	long long total;

	arena_init(&a);
	query(&a, q, depth, 1, &x);
	query(&a, q, depth, 0, &y);
	ck_assert_msg(same(&x, &y, why, sizeof why),
		      "text '%s' category %lld sort %d offset %lld facets %u in_stock %d price %lld..%lld vendor %lld "
		      "band %d rating %d sale %d among %zu: %s",
		      q->text ? q->text : "", q->category_id, (int)q->sort, q->offset, q->facets, q->in_stock, q->min_price,
		      q->max_price, q->vendor_id, q->price_band, q->min_rating, q->on_sale, q->namong, why);
	total = x.total;
	arena_free(&a);
	return total;
}

static const char *const texts[] = {
	"organic", "organic cotton", "classic steel kettle", "cottons", "\"organic cotton\"", "kettle -steel",
	"vint", "lamp OR rug", "sturdy oak", "orgnic", "the", "glove warm", "light bamboo mug", "zzzz",
	"rustic lea", "soft wool scarf", "made by hand", "bright glass vase", "modern", "compact",
};

/* Relevance over the products of put_long(), every page, with and without
 * filters: the same as the matcher's; returns the matches. */
static long long
check_lengths(void)
{
	static const char *const q_texts[] = { "amber", "amber glass", "amber lamp oak" };
	long long found = 0;
	int i;

	for (i = 0; i < 36; i++) {
		struct search_query q = SEARCH_QUERY_INIT;

		q.text = q_texts[i % 3];
		q.sort = SEARCH_SORT_RELEVANCE;
		q.facets = SEARCH_FACETS_ALL;
		q.offset = (i / 3 % 4) * 24;
		q.limit = i % 2 ? 24 : 10;
		q.in_stock = i / 12 == 1;
		if (i / 12 == 2)
			q.max_price = 5000;
		found += check_same(&q, -1);
	}
	return found;
}

START_TEST(test_same_as_matcher)
{
	static const enum search_sort sorts[] = { SEARCH_SORT_RELEVANCE, SEARCH_SORT_PRICE_ASC, SEARCH_SORT_PRICE_DESC,
						  SEARCH_SORT_NEWEST, SEARCH_SORT_POPULAR, SEARCH_SORT_RATING };
	long long found = 0;
	int i;

	for (i = 0; i < 720; i++) {
		struct search_query q = SEARCH_QUERY_INIT;
		int depth = -1, pick = i % 12;

		q.sort = sorts[i % 6];
		q.offset = (i / 6 % 3) * 24;
		q.limit = 24;
		q.facets = (i / 18) % 3 == 2 ? 0 : SEARCH_FACETS_ALL;
		if (pick < 7) {
			q.text = texts[(i / 2) % 20];
		}
		if (pick >= 5) {	/* categories at every depth, and none */
			unsigned t = (unsigned)(i / 12) % NTOP, s = (unsigned)(i / 48) % NSUB, l = (unsigned)i % NLEAF;

			depth = (i / 12) % 4 - 1;
			q.category_id = depth == 0 ? cat_top(t) : depth == 1 ? cat_sub(t, s) : depth == 2 ? cat_leaf(t, s, l) : 0;
		}
		if (i % 3 == 0)
			q.in_stock = 1;
		if (i % 4 == 1)
			q.max_price = 3000 + i * 7;
		if (i % 5 == 2)
			q.min_price = 2000;
		if (i % 7 == 3)
			q.vendor_id = 1 + i % 5;
		if (i % 11 == 4)
			q.price_band = i % 6;
		if (i % 13 == 5)
			q.min_rating = 1 + i % 5;
		if (i % 17 == 6)
			q.on_sale = 1;
		if (i % 19 == 7) {
			static const long long among[] = { 3, 3, 40, 41, 7, 999, 1500, 100000 };

			q.among = among;
			q.namong = i % 2 ? 8 : 0;
		}
		found += check_same(&q, depth);
	}
	ck_assert_int_gt(found, 10000);	/* the queries found things */
	ck_assert_int_gt(check_lengths(), 4000);
}
END_TEST

/* The writer's changes show in the columns at its commit. */
START_TEST(test_changes_in_place)
{
	struct search_query q = SEARCH_QUERY_INIT;
	struct arena a;
	struct search_result r;
	char path[600];
	struct stat st;

	arena_init(&a);
	q.sort = SEARCH_SORT_PRICE_ASC;
	q.min_price = q.max_price = 123456;
	q.facets = SEARCH_FACETS_ALL;
	query(&a, &q, -1, 1, &r);
	ck_assert_int_eq(r.total, 0);
	put_product(12, 123456);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	query(&a, &q, -1, 1, &r);
	ck_assert_int_eq(r.total, 1);
	ck_assert_int_eq(r.ids[0], 12);
	check_same(&q, -1);

	/* an id far past the end of the file: it grows */
	snprintf(path, sizeof path, "%s/db-1/" XSEARCH_COLUMNS, dir);
	ck_assert_int_eq(stat(path, &st), 0);
	put_product(300000, 123456);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	query(&a, &q, -1, 1, &r);
	ck_assert_int_eq(r.total, 2);
	ck_assert_int_eq(r.ids[0], 12);
	ck_assert_int_eq(r.ids[1], 300000);
	check_same(&q, -1);
	q.sort = SEARCH_SORT_NEWEST;
	q.min_price = q.max_price = -1;
	check_same(&q, -1);

	/* deleted: gone from both */
	ck_assert_int_eq(xsearch_writer_delete(12, err, sizeof err), 0);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	q.min_price = q.max_price = 123456;
	query(&a, &q, -1, 1, &r);
	ck_assert_int_eq(r.total, 1);
	ck_assert_int_eq(r.ids[0], 300000);
	q.text = "organic";
	q.min_price = q.max_price = -1;
	check_same(&q, -1);
	arena_free(&a);
}
END_TEST

/* Without the file (a replica's copy), or with one of another revision,
 * queries go through the matcher; the writer makes it again at its open. */
START_TEST(test_missing_or_stale)
{
	struct search_query q = SEARCH_QUERY_INIT;
	char path[700], db[600];
	struct stat st;
	FILE *f;

	q.text = "organic cotton";
	q.sort = SEARCH_SORT_NEWEST;
	q.facets = SEARCH_FACETS_ALL;
	snprintf(db, sizeof db, "%s/db-1", dir);
	snprintf(path, sizeof path, "%s/" XSEARCH_COLUMNS, db);
	xsearch_writer_close();
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);

	/* made again from the database at the writer's open (the lengths
	 * too: relevance) */
	ck_assert_msg(xsearch_writer_open(db, "english", err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);
	ck_assert_int_gt(check_lengths(), 4000);
	xsearch_writer_close();

	/* a file whose revision is not the database's: not read, made again */
	f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 16, SEEK_SET), 0);	/* cols_header.revision */
	ck_assert_int_eq(fputc(0x7f, f), 0x7f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);
	ck_assert_msg(xsearch_writer_open(db, "english", err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);
	xsearch_writer_close();

	/* a record a writer left half written (its sequence number odd): a
	 * reader does not wait for it forever, the writer makes the file again */
	{
		unsigned char rs[4];
		long record;
		unsigned char seq;

		f = fopen(path, "r+b");
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(fseek(f, 8, SEEK_SET), 0);	/* cols_header.record_size */
		ck_assert_int_eq(fread(rs, 1, 4, f), 4);
		record = rs[0] | rs[1] << 8 | rs[2] << 16 | (long)rs[3] << 24;
		ck_assert_int_ge(record, 64);
		ck_assert_int_eq(fseek(f, 4096 + 2 * record, SEEK_SET), 0);	/* product 2's seq */
		ck_assert_int_eq(fread(&seq, 1, 1, f), 1);
		ck_assert_int_eq(fseek(f, 4096 + 2 * record, SEEK_SET), 0);
		ck_assert_int_eq(fputc(seq | 1, f), seq | 1);
		ck_assert_int_eq(fclose(f), 0);
	}
	q.text = NULL;
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);
	ck_assert_msg(xsearch_writer_open(db, "english", err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_gt(check_same(&q, -1), 0);
}
END_TEST

static Suite *
xsearch_columns_suite(void)
{
	Suite *s = suite_create("xsearch_columns");
	TCase *tc = tcase_create("columns");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_same_as_matcher);
	tcase_add_test(tc, test_changes_in_place);
	tcase_add_test(tc, test_missing_or_stale);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(xsearch_columns_suite)

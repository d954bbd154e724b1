/*
 * Page tests for sf_product.c: GET /p/{id}-{slug} and GET /p/{id}.
 */
#include "page_util.h"

#include "cache.h"
#include "catalog.h"
#include "money.h"
#include "recs.h"
#include "shipping.h"

/* An active product of a verified vendor, filed under a sub-category, with
 * plenty of stock: id, slug, name, price, vendor slug and name, top and
 * sub-category slug and name. */
#define PRODUCT_SQL \
	"SELECT p.id, p.slug, p.name, p.price_minor, v.slug, v.trading_name," \
	" t.slug, t.name, c.slug, c.name, p.stock" \
	" FROM products p JOIN vendors v ON v.id = p.vendor_id" \
	" JOIN categories c ON c.id = p.category_id" \
	" JOIN categories t ON t.id = p.top_category_id" \
	" WHERE p.status = 'active' AND v.status = 'verified' AND p.stock > 5" \
	" AND p.category_id <> p.top_category_id"

enum { P_ID, P_SLUG, P_NAME, P_PRICE, P_VSLUG, P_VNAME, P_TSLUG, P_TNAME, P_CSLUG, P_CNAME,
       P_STOCK, P_N };

static char *product[P_N];

static void
load_product(const char *extra_where)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "%s%s ORDER BY p.id LIMIT 1", PRODUCT_SQL, extra_where);
	pu_free_row(product, P_N);
	ck_assert_msg(pu_row1(product, P_N, sql, "", NULL), "no product for: %s", extra_where);
}

static struct pu_page *
get_product(void)
{
	return pu_getf("/p/%s-%s", product[P_ID], product[P_SLUG]);
}

START_TEST(test_product_page)
{
	struct pu_page *p;
	char price[64], *crumb;

	load_product("");
	p = get_product();
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, product[P_NAME]);
	pu_assert_has(p, "<h1 id=\"product-name\">");
	/* price through money_format */
	pu_assert_text(p, money_format(atoll(product[P_PRICE]), price, sizeof price));
	/* vendor link */
	crumb = NULL;
	ck_assert(asprintf(&crumb, "<a href=\"/v/%s\">", product[P_VSLUG]) > 0);
	pu_assert_has(p, crumb);
	free(crumb);
	pu_assert_text(p, product[P_VNAME]);
	/* breadcrumbs: Home > top > sub > product */
	pu_assert_has(p, "aria-label=\"Breadcrumb\"");
	pu_assert_has(p, "<li><a href=\"/\">Home</a></li>");
	ck_assert(asprintf(&crumb, "<li><a href=\"/c/%s\">", product[P_TSLUG]) > 0);
	pu_assert_has(p, crumb);
	free(crumb);
	ck_assert(asprintf(&crumb, "<li><a href=\"/c/%s\">", product[P_CSLUG]) > 0);
	pu_assert_has(p, crumb);
	free(crumb);
	pu_assert_has(p, "<span aria-current=\"page\">");
	/* stock, images with alt and size, canonical link */
	pu_assert_has(p, "In stock");
	pu_assert_has(p, "<img src=\"");
	pu_assert_lacks(p, "<img src=\"\"");
	pu_assert_has(p, "width=\"");
	ck_assert(asprintf(&crumb, "<link rel=\"canonical\" href=\"/p/%s-%s\">", product[P_ID],
			   product[P_SLUG]) > 0);
	pu_assert_has(p, crumb);
	free(crumb);
	pu_assert_has(p, "About this product");
	pu_free(p);
}
END_TEST

/* The products that lead the default sort, whose pages once showed invented
 * ratings and units sold, show neither: no review and no order exists. Their
 * related strips (cards) show no rating either. */
START_TEST(test_product_no_rating_or_sales)
{
	struct db_result *r = db_query("SELECT p.id, p.slug FROM products p"
				       " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
				       " WHERE p.status = 'active' ORDER BY p.popularity DESC, p.id DESC LIMIT 5", "");
	int pages = 0;

	ck_assert_ptr_nonnull(r);
	while (db_next(r)) {
		struct pu_page *p = pu_getf("/p/%s-%s", db_str(r, 0), db_str(r, 1));

		pu_assert_status(p, 200);
		pu_assert_has(p, "<dl class=\"facts\">");
		pu_assert_no_rating_or_sales(p);
		pu_free(p);
		pages++;
	}
	db_free(r);
	ck_assert_int_eq(pages, 5);
}
END_TEST

/* The demo catalogue describes each product with lines that suit its type:
 * no battery life for a bike helmet, no millilitres for a hair brush. Checked
 * over the whole generated catalogue (every status), then on one page. */
START_TEST(test_product_description_fits_type)
{
	static const struct {
		const char *name, *unfit[4];
	} types[] = {
		{ "%Bike Helmet%", { "%of light on one charge%", "%usb-rechargeable%", "%fit most bikes%", NULL } },
		{ "%Kettlebell%", { "%non-slip surface%", "%6 mm%", "%ultralight%", "%packable%" } },
		{ "%Dumbbell%", { "%non-slip surface%", "%6 mm%", "%ultralight%", "%packable%" } },
		{ "%Hair Brush%", { "% ml%", "%colour-safe%", "%formulated%", "%patch test%" } },
		{ "%Wide-Tooth Comb%", { "% ml%", "%colour-safe%", "%formulated%", "%patch test%" } },
		{ "%Charging Cable%", { "%from one plug%", "%mAh%", "%65 W%", NULL } },
		{ "%Phone Stand%", { "%raised edges protect the screen%", "%everyday drops%", NULL } },
		{ "%Car Mount%", { "%raised edges protect the screen%", "%everyday drops%", NULL } },
		{ "%Sun Hat%", { "%keep the cold out%", "%dark coat%", NULL } },
		{ "%Cat Collar%", { "%walks%", "%strong pullers%", NULL } },
		{ "%Seed%", { "%frosty weather%", "%soft brush%", "%against defects%", NULL } },
		{ "%Bulbs%", { "%frosty weather%", "%soft brush%", "%against defects%", NULL } },
		{ "%Sleeping Bag%", { "%taped seams%", "%-Person%", "%set up in minutes%", NULL } },
		{ "%Fire Pit%", { "%lights up at dusk%", "%rattan%", "%solar%", NULL } },
		{ "%Pillowcase%", { "%for: King%", "%Super King%", "%for: Single%", NULL } },
		{ "%Scented Candle%", { "% ml%", "%bottled%", NULL } },
		{ "%Necklace%", { "%care label%", "%size exchanges%", NULL } },
		{ "%Matcha%", { "%Darjeeling%", "%Earl Grey%", "% Bags%", NULL } },
	};
	long long checked = 0;
	size_t i, j;

	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		checked += db_scalar(-1, "SELECT COUNT(*) FROM products WHERE name LIKE ?", "s", types[i].name);
		for (j = 0; j < 4 && types[i].unfit[j]; j++) {
			char *row[2] = { NULL, NULL };
			struct db_result *r = db_query("SELECT name, description FROM products"
						       " WHERE name LIKE ? AND description LIKE ? LIMIT 1", "ss",
						       types[i].name, types[i].unfit[j]);

			ck_assert_ptr_nonnull(r);
			if (db_next(r)) {
				row[0] = strdup(db_str(r, 0));
				row[1] = strdup(db_str(r, 1));
			}
			db_free(r);
			ck_assert_msg(row[0] == NULL, "%s is described with \"%s\": %s", row[0], types[i].unfit[j],
				      row[1]);
		}
	}
	ck_assert_int_gt(checked, 20); /* the catalogue has products of these types */

	load_product(" AND p.name LIKE '%Bike Helmet%'");
	{
		struct pu_page *p = get_product();

		pu_assert_status(p, 200);
		pu_assert_has(p, "About this product");
		pu_assert_lacks(p, "of light on one charge");
		pu_free(p);
	}
}
END_TEST

START_TEST(test_product_images_have_alt)
{
	struct pu_page *p;
	const char *s;

	load_product("");
	p = get_product();
	pu_assert_status(p, 200);
	for (s = strstr(p->body, "<img "); s; s = strstr(s + 1, "<img ")) {
		const char *end = strchr(s, '>');
		ck_assert_ptr_nonnull(end);
		ck_assert_msg(memmem(s, (size_t)(end - s), " alt=\"", 6) != NULL, "img without alt: %.120s", s);
		ck_assert_msg(memmem(s, (size_t)(end - s), " width=\"", 8) != NULL, "img without width: %.120s", s);
		ck_assert_msg(memmem(s, (size_t)(end - s), " height=\"", 9) != NULL, "img without height: %.120s", s);
	}
	pu_free(p);
}
END_TEST

START_TEST(test_product_related)
{
	struct pu_page *p;
	char *row[1] = { NULL };
	long long id;

	/* a product whose sub-category has other active products */
	load_product(" AND (SELECT COUNT(*) FROM products o WHERE o.category_id = p.category_id"
		     " AND o.status = 'active') >= 5");
	id = atoll(product[P_ID]);
	ck_assert(pu_row1(row, 1,
			  "SELECT o.name FROM products o JOIN products p ON p.id = ?"
			  " WHERE o.category_id = p.category_id AND o.status = 'active' AND o.id <> p.id"
			  " ORDER BY o.popularity DESC, o.id DESC LIMIT 1", "i", &id));
	p = get_product();
	pu_assert_status(p, 200);
	pu_assert_has(p, "id=\"product-related\"");
	pu_assert_text(p, row[0]);
	ck_assert_int_gt(pu_assert_cards_sold_by(p, NULL), 0);
	/* all from the product's own category, and the heading says so */
	{
		char *e = pu_html(product[P_CNAME]), want[300];
		snprintf(want, sizeof want, "<h2 id=\"product-related\">More in %s</h2>", e);
		free(e);
		pu_assert_has(p, want);
	}
	pu_free_row(row, 1);
	pu_free(p);
}
END_TEST

START_TEST(test_product_stock_labels)
{
	struct pu_page *p;
	char label[32];

	load_product("");
	/* low stock */
	pu_free_row(product, P_N);
	ck_assert_msg(pu_row1(product, P_N,
			      "SELECT p.id, p.slug, p.name, p.price_minor, v.slug, v.trading_name,"
			      " t.slug, t.name, c.slug, c.name, p.stock FROM products p"
			      " JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id"
			      " JOIN categories t ON t.id = p.top_category_id"
			      " WHERE p.status = 'active' AND v.status = 'verified' AND p.stock BETWEEN 1 AND 5"
			      " ORDER BY p.id LIMIT 1", "", NULL), "the demo catalogue has no low-stock product");
	p = get_product();
	pu_assert_status(p, 200);
	snprintf(label, sizeof label, "Only %s left", product[P_STOCK]);
	pu_assert_has(p, label);
	pu_free(p);

	/* sold out */
	pu_free_row(product, P_N);
	ck_assert_msg(pu_row1(product, P_N,
			      "SELECT p.id, p.slug, p.name, p.price_minor, v.slug, v.trading_name,"
			      " t.slug, t.name, c.slug, c.name, p.stock FROM products p"
			      " JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id"
			      " JOIN categories t ON t.id = p.top_category_id"
			      " WHERE p.status = 'active' AND v.status = 'verified' AND p.stock = 0"
			      " ORDER BY p.id LIMIT 1", "", NULL), "the demo catalogue has no sold-out product");
	p = get_product();
	pu_assert_status(p, 200);
	pu_assert_has(p, "<p class=\"stock sold-out\">Sold out</p>");
	pu_free(p);
}
END_TEST

/* The anonymous page goes to memcached under pg:<path> and comes back from there. */
START_TEST(test_product_page_cache)
{
	struct pu_page *p;
	char path[160], key[256], *cached;
	size_t len;

	load_product("");
	ck_assert_ptr_nonnull(catalog_product_path(atoll(product[P_ID]), product[P_SLUG], path, sizeof path));
	ck_assert_ptr_nonnull(catalog_page_key(path, key, sizeof key));
	cache_delete(key);
	p = pu_get(path);
	pu_assert_status(p, 200);
	ck_assert_ptr_null(pu_header(p, "X-Cache"));
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "public, max-age=60");
	cached = cache_get(key, &len);
	ck_assert_msg(cached != NULL, "page not stored under %s", key);
	ck_assert_int_eq(len, strlen(p->body));
	ck_assert_mem_eq(cached, p->body, len);
	free(cached);
	pu_free(p);

	p = pu_get(path);
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "X-Cache"), "HIT");
	pu_assert_text(p, product[P_NAME]);
	pu_free(p);

	/* a visitor with a session gets the shared copy (nginx fills in its
	 * header links, hdr.h) */
	p = pu_request("GET", path, "bz_session=abc");
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "X-Cache"), "HIT");
	pu_free(p);
	/* a visitor with a message waiting gets a fresh, uncacheable page */
	p = pu_request("GET", path, "bz_flash=Saved");
	pu_assert_status(p, 200);
	ck_assert_ptr_null(pu_header(p, "X-Cache"));
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
}
END_TEST

static long long
statements_executed(void)
{
	struct db_result *r = db_query("SHOW SESSION STATUS LIKE 'Com_stmt_execute'", "");
	long long n;

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	n = db_int(r, 1);
	db_free(r);
	return n;
}

/* The uncached page costs one query (the product with its images); its
 * shop, categories and related strip come from the worker's memos while the
 * listing generation stands still. */
/* The generations of what a worker keeps for a product page (the shops,
 * their terms, the products with rules). */
static void
product_page_gens(unsigned long long g[3])
{
	cache_gen_forget();
	g[0] = cache_gen(CATALOG_FAMILY_LIST);
	g[1] = cache_gen(RECS_FAMILY);
	g[2] = cache_gen(CATALOG_FAMILY_HOME);
	cache_gen_forget();
}

START_TEST(test_product_query_count)
{
	struct pu_page *p;
	char path[160], key[256];
	long long before, used = -1;
	unsigned long long g0[3], g1[3];
	int attempt;

	load_product(" AND (SELECT COUNT(*) FROM products o WHERE o.category_id = p.category_id"
		     " AND o.status = 'active') >= 5");
	catalog_product_path(atoll(product[P_ID]), product[P_SLUG], path, sizeof path);
	catalog_page_key(path, key, sizeof key);
	/* A job of the test stack may move a generation between the two
	 * fetches (a product it indexed, a rule it mined): the worker then
	 * reads again what it keeps, rightly. Such a pair is tried again. */
	for (attempt = 0; attempt < 5; attempt++) {
		product_page_gens(g0);
		cache_delete(key);
		p = pu_get(path);	/* warm: statements prepared, category tree and strip loaded */
		pu_free(p);
		cache_delete(key);
		before = statements_executed();
		p = pu_get(path);
		pu_assert_status(p, 200);
		used = statements_executed() - before - 1;	/* less the SHOW itself */
		pu_free(p);
		product_page_gens(g1);
		if (memcmp(g0, g1, sizeof g0) == 0)
			break;
	}
	ck_assert_msg(attempt < 5, "the generations moved during every attempt");
	ck_assert_msg(used == 1, "the product page ran %lld statements", used);
}
END_TEST

/* "Frequently bought together": a stored rule of the product shows its
 * consequent under that heading (bazaar-recommend bumps the "recs"
 * generation, as here); without rules the section is the category's best
 * sellers and says so. The product itself is never in it. */
START_TEST(test_product_bought_together)
{
	struct pu_page *p;
	char *row[2] = { NULL, NULL }, path[160], key[256], want[300], *e;
	const char *from;
	long long id;

	load_product("");
	id = atoll(product[P_ID]);
	ck_assert(pu_row1(row, 2, "SELECT p.id, p.name FROM products p JOIN vendors v ON v.id = p.vendor_id"
			  " WHERE p.status = 'active' AND v.status = 'verified' AND p.stock > 0"
			  " AND p.top_category_id <> (SELECT top_category_id FROM products WHERE id = ?)"
			  " ORDER BY p.id LIMIT 1", "i", &id));
	db_exec("DELETE FROM recs_rules WHERE antecedent_id = ?", "i", id);
	ck_assert_int_eq(db_exec("INSERT INTO recs_rules (source, antecedent_id, consequent_id, baskets, support,"
				 " confidence, lift) VALUES ('bought', ?, ?, 5, 0.02, 0.6, 3.5)", "is", id, row[0]), 1);
	cache_bump("recs");
	catalog_product_path(id, product[P_SLUG], path, sizeof path);
	catalog_page_key(path, key, sizeof key);
	cache_delete(key);
	p = get_product();
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"product-bought-together\">Frequently bought together</h2>");
	from = strstr(p->body, "id=\"product-bought-together\"");
	e = pu_html(row[1]);
	ck_assert_ptr_nonnull(strstr(from, e));
	ck_assert(strstr(from, e) < strstr(from, "</section>"));
	snprintf(want, sizeof want, "href=\"/p/%s-", product[P_ID]);
	ck_assert(strstr(from, want) == NULL || strstr(from, want) > strstr(from, "</section>"));
	free(e);
	pu_free(p);

	/* The rule gone: best sellers, under their own heading. */
	db_exec("DELETE FROM recs_rules WHERE antecedent_id = ?", "i", id);
	cache_bump("recs");
	cache_delete(key);
	p = get_product();
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"product-bought-together\">Best sellers</h2>");
	pu_assert_lacks(p, "Frequently bought together");
	pu_free(p);
	pu_free_row(row, 2);
}
END_TEST

/* The related strip of the given page: from its heading to the end of its
 * section (malloc'd). */
static char *
related_strip(const struct pu_page *p)
{
	const char *from = strstr(p->body, "id=\"product-related\""), *to;

	ck_assert_ptr_nonnull(from);
	to = strstr(from, "</section>");
	ck_assert_ptr_nonnull(to);
	return strndup(from, (size_t)(to - from));
}

/* The worker keeps a category's strip with its cards already drawn: the
 * page it makes from them is byte for byte the one drawn card by card
 * (without memcached, where nothing is kept). */
START_TEST(test_product_related_memo_same_html)
{
	struct pu_page *p;
	char path[160], *kept, *drawn;

	load_product(" AND (SELECT COUNT(*) FROM products o WHERE o.category_id = p.category_id"
		     " AND o.status = 'active') >= 9");
	catalog_product_path(atoll(product[P_ID]), product[P_SLUG], path, sizeof path);
	ck_assert(cache_enabled());
	p = pu_request("GET", path, "bz_flash=page-test");	/* fills the memo */
	pu_free(p);
	p = pu_request("GET", path, "bz_flash=page-test");	/* drawn from it */
	pu_assert_status(p, 200);
	kept = related_strip(p);
	pu_free(p);
	cache_close();
	p = pu_request("GET", path, "bz_flash=page-test");
	pu_assert_status(p, 200);
	drawn = related_strip(p);
	pu_free(p);
	ck_assert_str_eq(kept, drawn);
	ck_assert_ptr_nonnull(strstr(kept, "<li>"));
	free(kept);
	free(drawn);
}
END_TEST

/* The product links ("/p/<id>-") of a strip, at most max, in order. */
static size_t
strip_links(const char *strip, long long *ids, size_t max)
{
	size_t n = 0;

	for (const char *at = strip; n < max && (at = strstr(at, "href=\"/p/")) != NULL; at++)
		ids[n++] = atoll(at + strlen("href=\"/p/"));
	return n;
}

/* The related strip shows four cards and none already on the page: not the
 * product, not the cards of "Frequently bought together" (without rules, the
 * category's best sellers, which the strip, by popularity, would repeat).
 * A card offers one picture, the 600 px one, as WebP with the JPEG as the
 * fallback: no list of sizes. */
START_TEST(test_product_related_leaves_out_the_page)
{
	struct pu_page *p;
	char path[160], *related;
	const char *from, *to;
	long long together[8], strip[8], id;
	size_t nt, ns, i, j;

	load_product(" AND (SELECT COUNT(*) FROM products o WHERE o.category_id = p.category_id"
		     " AND o.status = 'active') >= 9");
	id = atoll(product[P_ID]);
	catalog_product_path(id, product[P_SLUG], path, sizeof path);
	p = pu_request("GET", path, "bz_flash=page-test");
	pu_assert_status(p, 200);
	related = related_strip(p);
	ns = strip_links(related, strip, 8);
	ck_assert_uint_eq(ns, 4);
	from = strstr(p->body, "id=\"product-bought-together\"");
	ck_assert_ptr_nonnull(from);
	to = strstr(from, "</section>");
	{
		char *fbt = strndup(from, (size_t)(to - from));

		nt = strip_links(fbt, together, 8);
		free(fbt);
	}
	ck_assert_uint_gt(nt, 0);
	for (i = 0; i < ns; i++) {
		ck_assert(strip[i] != id);
		for (j = 0; j < nt; j++)
			ck_assert_msg(strip[i] != together[j], "product %lld is in both strips", strip[i]);
	}
	ck_assert_ptr_null(strstr(related, " sizes=\""));
	if (strstr(related, "<picture>") != NULL) {
		ck_assert_ptr_nonnull(strstr(related, "-600.webp\"><img src=\""));
		ck_assert_ptr_null(strstr(related, "-200.webp"));
	}
	free(related);
	pu_free(p);
}
END_TEST

/* A price change of a product in the related strip shows on the next render
 * of another product's page: the change bumps the listing generation. */
START_TEST(test_product_related_not_stale)
{
	struct pu_page *p;
	char *rel[2] = { NULL, NULL }, price[64], path[160];
	long long rel_id, old_price;

	load_product(" AND (SELECT COUNT(*) FROM products o WHERE o.category_id = p.category_id"
		     " AND o.status = 'active') >= 5");
	catalog_product_path(atoll(product[P_ID]), product[P_SLUG], path, sizeof path);
	p = pu_request("GET", path, "bz_flash=page-test");	/* loads the strip */
	pu_assert_status(p, 200);
	pu_free(p);
	/* The most popular other product of the category is in the strip. */
	ck_assert(pu_row1(rel, 2, "SELECT o.id, o.price_minor FROM products o JOIN products p ON p.id = ?"
				  " WHERE o.category_id = p.category_id AND o.status = 'active' AND o.id <> p.id"
				  " ORDER BY o.popularity DESC, o.id DESC LIMIT 1", "i",
			  &(long long){ atoll(product[P_ID]) }));
	rel_id = atoll(rel[0]);
	old_price = atoll(rel[1]);
	ck_assert_int_eq(catalog_set_price(rel_id, 987654), 0);
	p = pu_request("GET", path, "bz_flash=page-test");
	pu_assert_status(p, 200);
	pu_assert_text(p, money_format(987654, price, sizeof price));
	pu_free(p);
	ck_assert_int_eq(catalog_set_price(rel_id, old_price), 0);
	pu_free_row(rel, 2);
}
END_TEST

START_TEST(test_product_short_url_redirects)
{
	struct pu_page *p;
	char want[200];

	load_product("");
	p = pu_getf("/p/%s", product[P_ID]);
	pu_assert_status(p, 301);
	snprintf(want, sizeof want, "/p/%s-%s", product[P_ID], product[P_SLUG]);
	ck_assert_ptr_nonnull(pu_header(p, "Location"));
	ck_assert_str_eq(pu_header(p, "Location"), want);
	pu_free(p);
}
END_TEST

START_TEST(test_product_wrong_slug_redirects)
{
	struct pu_page *p;
	char want[200];

	load_product("");
	p = pu_getf("/p/%s-not-the-right-slug", product[P_ID]);
	pu_assert_status(p, 301);
	snprintf(want, sizeof want, "/p/%s-%s", product[P_ID], product[P_SLUG]);
	ck_assert_str_eq(pu_header(p, "Location"), want);
	pu_free(p);
}
END_TEST

START_TEST(test_product_bad_ids)
{
	static const char *const paths[] = {
		"/p/abc", "/p/0", "/p/012-x", "/p/-5", "/p/999999999999", "/p/999999999999-some-slug",
		"/p/", "/p/12-UPPER", "/p/12-a%20b", "/p/1234567890123456789",
	};
	size_t i;

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct pu_page *p = pu_get(paths[i]);
		ck_assert_msg(p->status == 404, "%s: status %d", paths[i], p->status);
		pu_assert_layout(p);
		pu_assert_has(p, "Request id: <code>");
		pu_free(p);
	}
}
END_TEST

/* Products that exist but may not be shown: not active, or the vendor is not verified. */
START_TEST(test_product_hidden_is_404)
{
	static const char *const where[] = {
		"p.status = 'hidden'", "p.status = 'draft'", "p.status = 'removed'",
		"p.status = 'active' AND v.status <> 'verified'",
	};
	size_t i, found = 0;

	for (i = 0; i < sizeof where / sizeof where[0]; i++) {
		char sql[512], *row[2] = { NULL, NULL };
		struct pu_page *p;

		snprintf(sql, sizeof sql, "SELECT p.id, p.slug FROM products p JOIN vendors v ON v.id = p.vendor_id"
			 " WHERE %s ORDER BY p.id LIMIT 1", where[i]);
		if (!pu_row1(row, 2, sql, "", NULL))
			continue;
		found++;
		p = pu_getf("/p/%s-%s", row[0], row[1]);
		ck_assert_msg(p->status == 404, "%s: status %d", where[i], p->status);
		pu_free(p);
		p = pu_getf("/p/%s", row[0]);
		ck_assert_msg(p->status == 404, "%s (short URL): status %d", where[i], p->status);
		pu_free(p);
		pu_free_row(row, 2);
	}
	ck_assert_msg(found > 0, "the demo catalogue has no hidden or unverified product");
}
END_TEST

START_TEST(test_product_post_is_405)
{
	struct pu_page *p;

	load_product("");
	p = pu_request("POST", "/p/1-x", NULL);
	pu_assert_status(p, 405);
	ck_assert_ptr_nonnull(pu_header(p, "Allow"));
	pu_free(p);
}
END_TEST

/* A cached product page lives at most a minute: the related strip on it
 * shows other products, whose changes do not delete this page. */
START_TEST(test_product_page_ttl)
{
	struct pu_page *p;
	char path[160], key[256];
	long ttl;

	load_product("");
	catalog_product_path(atoll(product[P_ID]), product[P_SLUG], path, sizeof path);
	catalog_page_key(path, key, sizeof key);
	cache_delete(key);
	p = pu_get(path);
	pu_assert_status(p, 200);
	pu_free(p);
	ttl = pu_memcached_ttl(key);
	ck_assert_msg(ttl > 0 && ttl <= 60, "the page is kept for %ld s", ttl);
}
END_TEST

/* ---- the related strip of a category with few products -------------------- */

#define SMALL_SLUG "page-test-small-category"

/* A product moved into a category of its own: id, category, top category. */
static long long small_product, small_from, small_top;

static void
undo_small_category(void)
{
	pu_parent_begin();
	if (small_product > 0 &&
	    pu_undo_exec("the moved product", "UPDATE products SET category_id = ? WHERE id = ?", "ii",
			 small_from, small_product) > 0)
		catalog_product_changed(small_product);
	pu_undo_exec("the small category", "DELETE FROM categories WHERE slug = '" SMALL_SLUG "'", "", 0, 0);
	pu_parent_end();
}

static void
choose_small_product(void)
{
	char *row[3] = { NULL, NULL, NULL };

	undo_small_category();
	pu_parent_begin();
	ck_assert(pu_row1(row, 3, "SELECT p.id, p.category_id, p.top_category_id FROM products p"
			  " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			  " WHERE p.status = 'active' AND p.category_id <> p.top_category_id"
			  " ORDER BY p.id LIMIT 1", "", NULL));
	small_product = atoll(row[0]);
	small_from = atoll(row[1]);
	small_top = atoll(row[2]);
	pu_free_row(row, 3);
	pu_parent_end();
}

/* Alone in its category, the product's strip is filled from the rest of the
 * top-level category, and the heading names that one. */
START_TEST(test_product_related_topped_up)
{
	char *row[2] = { NULL, NULL }, want[300], *e;
	long long category;
	struct pu_page *p;

	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, position, depth)"
				 " VALUES (?, '" SMALL_SLUG "', 'Page test small category', 999, 1)",
				 "i", small_top), 1);
	category = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("UPDATE products SET category_id = ? WHERE id = ?", "ii", category,
				 small_product), 1);
	catalog_product_changed(small_product);
	ck_assert(pu_row1(row, 2, "SELECT p.slug, t.name FROM products p JOIN categories t"
			  " ON t.id = p.top_category_id WHERE p.id = ?", "i", &small_product));
	p = pu_getf("/p/%lld-%s", small_product, row[0]);
	pu_assert_status(p, 200);
	e = pu_html(row[1]);
	snprintf(want, sizeof want, "<h2 id=\"product-related\">More in %s</h2>", e);
	free(e);
	pu_assert_has(p, want);
	pu_assert_lacks(p, "More in Page test small category");
	pu_free(p);
	pu_free_row(row, 2);
}
END_TEST

/* ---- without memcached ------------------------------------------------------ */

/* The most popular product of a category (first in the strip of any other
 * product there), its price, and another product of that category. */
static long long memo_related, memo_price, memo_other;

static void
undo_memo_price(void)
{
	pu_parent_begin();
	if (memo_related > 0)
		pu_undo_exec("a related product's price", "UPDATE products SET price_minor = ? WHERE id = ?",
			     "ii", memo_price, memo_related);
	/* a test that turned caching off in a worker kept for later tests */
	if (pu_ready && !cache_enabled())
		cache_init();
	if (memo_related > 0)
		catalog_product_changed(memo_related);
	pu_parent_end();
}

static void
choose_memo_products(void)
{
	char *row[3] = { NULL, NULL, NULL };

	pu_parent_begin();
	ck_assert(pu_row1(row, 3,
			  "SELECT a.id, a.price_minor, b.id FROM products a"
			  " JOIN vendors av ON av.id = a.vendor_id AND av.status = 'verified'"
			  " JOIN products b ON b.category_id = a.category_id AND b.id <> a.id AND b.status = 'active'"
			  " JOIN vendors bv ON bv.id = b.vendor_id AND bv.status = 'verified'"
			  " WHERE a.status = 'active' AND a.price_minor <> 987653"
			  " AND a.id = (SELECT o.id FROM products o WHERE o.category_id = a.category_id"
			  " AND o.status = 'active' ORDER BY o.popularity DESC, o.id DESC LIMIT 1)"
			  " ORDER BY a.id, b.id LIMIT 1", "", NULL));
	memo_related = atoll(row[0]);
	memo_price = atoll(row[1]);
	memo_other = atoll(row[2]);
	pu_free_row(row, 3);
	pu_parent_end();
}

/* A worker without memcached has no listing generation to go by (cache_gen
 * answers 0): its related strips are read afresh for every page. */
START_TEST(test_product_related_without_cache)
{
	char *slug[1] = { NULL }, price[64];
	struct pu_page *p;

	cache_close();
	ck_assert(!cache_enabled());
	ck_assert_uint_eq(cache_gen(CATALOG_FAMILY_LIST), 0);
	ck_assert(pu_row1(slug, 1, "SELECT slug FROM products WHERE id = ?", "i", &memo_other));
	p = pu_getf("/p/%lld-%s", memo_other, slug[0]);
	pu_assert_status(p, 200);
	pu_assert_has(p, pu_product_href(memo_related));
	pu_free(p);
	/* what an update from another process looks like to this worker */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 987653 WHERE id = ?", "i", memo_related), 1);
	p = pu_getf("/p/%lld-%s", memo_other, slug[0]);
	pu_assert_status(p, 200);
	pu_assert_text(p, money_format(987653, price, sizeof price));
	pu_free(p);
	pu_free_row(slug, 1);
}
END_TEST

/* ---- pictures in the order of their position ------------------------------ */

#define ORDER_PATH "p/page-test/order-"
/* A picture of the media pipeline (cgi/lib/media.h): only its row, no file. */
#define PIPELINE_BASE "m/ab/ab0123456789abcdef0123456789abcd"

/* A product given two more pictures, the later position first. */
static long long order_product;

static void
undo_picture_order(void)
{
	pu_parent_begin();
	if (pu_undo_exec("the added pictures", "DELETE FROM product_images WHERE path LIKE '" ORDER_PATH "%'"
			 " OR path = '" PIPELINE_BASE "-600.jpg'",
			 "", 0, 0) > 0 && order_product > 0)
		catalog_product_changed(order_product);
	pu_parent_end();
}

static void
choose_picture_order(void)
{
	char *row[1] = { NULL };

	undo_picture_order();
	pu_parent_begin();
	ck_assert(pu_row1(row, 1, "SELECT p.id FROM products p"
			  " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			  " WHERE p.status = 'active' ORDER BY p.id DESC LIMIT 1", "", NULL));
	order_product = atoll(row[0]);
	pu_free_row(row, 1);
	pu_parent_end();
}

/* The main picture is position 1 and the thumbnails follow the positions,
 * whatever order the rows were added in. */
START_TEST(test_product_pictures_in_position_order)
{
	char *slug[1] = { NULL };
	const char *cover, *second, *third;
	struct pu_page *p;
	long long top;

	top = db_scalar(0, "SELECT MAX(position) FROM product_images WHERE product_id = ?", "i", order_product);
	ck_assert_int_ge(db_exec("INSERT INTO product_images (product_id, position, path, alt, width, height)"
				 " VALUES (?, ?, '" ORDER_PATH "3.svg', 'third', 600, 600)",
				 "ii", order_product, top + 2), 1);
	ck_assert_int_ge(db_exec("INSERT INTO product_images (product_id, position, path, alt, width, height)"
				 " VALUES (?, ?, '" ORDER_PATH "2.svg', 'second', 600, 600)",
				 "ii", order_product, top + 1), 1);
	ck_assert_int_eq(catalog_product_changed(order_product), 0);
	ck_assert(pu_row1(slug, 1, "SELECT slug FROM products WHERE id = ?", "i", &order_product));
	p = pu_getf("/p/%lld-%s", order_product, slug[0]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "class=\"thumbs\"");
	cover = strstr(p->body, "class=\"main-image\"");
	ck_assert_ptr_nonnull(cover);
	ck_assert_ptr_null(memmem(cover, (size_t)(strstr(cover, "</figure>") - cover), ORDER_PATH, strlen(ORDER_PATH)));
	second = strstr(p->body, ORDER_PATH "2.svg");
	third = strstr(p->body, ORDER_PATH "3.svg");
	ck_assert_ptr_nonnull(second);
	ck_assert_ptr_nonnull(third);
	ck_assert_msg(second < third, "the thumbnails are not in the order of their position");
	pu_free(p);
	pu_free_row(slug, 1);
}
END_TEST

/* A picture of the media pipeline is a <picture>: its WebP sizes in the
 * source's srcset, the JPEG sizes in the img's, the 600 px JPEG as src, with
 * the width and height of that size; an older single file stays an <img>. */
START_TEST(test_product_pipeline_picture)
{
	char *slug[1] = { NULL };
	struct pu_page *p;
	long long top;

	top = db_scalar(0, "SELECT MAX(position) FROM product_images WHERE product_id = ?", "i", order_product);
	ck_assert_int_ge(db_exec("INSERT INTO product_images (product_id, position, path, alt, width, height)"
				 " VALUES (?, ?, '" PIPELINE_BASE "-600.jpg', 'pipeline', 1200, 800)",
				 "ii", order_product, top + 1), 1);
	ck_assert_int_eq(catalog_product_changed(order_product), 0);
	ck_assert(pu_row1(slug, 1, "SELECT slug FROM products WHERE id = ?", "i", &order_product));
	p = pu_getf("/p/%lld-%s", order_product, slug[0]);
	pu_assert_status(p, 200);
	/* a thumbnail (6rem) offers sizes up to 600 px, never the 1200 px file */
	pu_assert_has(p, "<source type=\"image/webp\" srcset=\"/media/" PIPELINE_BASE "-200.webp 200w, /media/"
		      PIPELINE_BASE "-600.webp 600w\" sizes=\"6rem\">");
	pu_assert_has(p, "<img src=\"/media/" PIPELINE_BASE "-600.jpg\" srcset=\"/media/" PIPELINE_BASE
		      "-200.jpg 200w, /media/" PIPELINE_BASE "-600.jpg 600w\" sizes=\"6rem\" alt=\"pipeline\""
		      " width=\"600\" height=\"400\"");
	pu_assert_has(p, "<a href=\"/media/" PIPELINE_BASE "-1200.jpg\">");
	ck_assert_int_eq(db_exec("DELETE FROM product_images WHERE product_id = ? AND path = '" PIPELINE_BASE "-600.jpg'",
				 "i", order_product), 1);
	ck_assert_int_eq(catalog_product_changed(order_product), 0);
	pu_free(p);
	pu_free_row(slug, 1);
}
END_TEST

/* ---- a vendor taken out of the shop --------------------------------------- */

/* The vendor of a category's most popular product, that product, and a
 * product of another vendor in the same category (whose strip shows it). */
static void
choose_vendor(void)
{
	pu_vendor_choose("SELECT a.vendor_id, a.id, b.id FROM products a"
			 " JOIN vendors av ON av.id = a.vendor_id AND av.status = 'verified'"
			 " JOIN products b ON b.category_id = a.category_id AND b.status = 'active'"
			 " AND b.vendor_id <> a.vendor_id"
			 " JOIN vendors bv ON bv.id = b.vendor_id AND bv.status = 'verified'"
			 " WHERE a.status = 'active'"
			 " AND a.id = (SELECT o.id FROM products o WHERE o.category_id = a.category_id"
			 " AND o.status = 'active' ORDER BY o.popularity DESC, o.id DESC LIMIT 1)"
			 " ORDER BY a.id, b.id LIMIT 1");
}

/* The shop's name and address are kept by the worker while the listing
 * generation stands: a renamed shop (catalog_vendor_changed bumps it) shows
 * its new name on the next page, in the page and in its JSON-LD. */
START_TEST(test_product_shop_renamed)
{
	char *row[2] = { NULL, NULL }, *name = NULL, *e, path[160];
	struct pu_page *p;

	ck_assert(pu_row1(row, 2, "SELECT p.slug, v.trading_name FROM products p JOIN vendors v ON v.id = p.vendor_id"
			  " WHERE p.id = ?", "i", &pu_vendor.product));
	catalog_product_path(pu_vendor.product, row[0], path, sizeof path);
	p = pu_request("GET", path, "bz_flash=page-test");	/* the worker keeps the shop */
	pu_assert_status(p, 200);
	e = pu_html(row[1]);
	pu_assert_has(p, e);
	free(e);
	pu_free(p);
	ck_assert_int_eq(db_exec("UPDATE vendors SET trading_name = CONCAT(trading_name, ' Renamed') WHERE id = ?",
				 "i", pu_vendor.vendor), 1);
	ck_assert_int_eq(catalog_vendor_changed(pu_vendor.vendor), 0);
	ck_assert(asprintf(&name, "%s Renamed", row[1]) > 0);
	p = pu_request("GET", path, "bz_flash=page-test");
	ck_assert_int_eq(db_exec("UPDATE vendors SET trading_name = ? WHERE id = ?", "si", row[1], pu_vendor.vendor), 1);
	ck_assert_int_eq(catalog_vendor_changed(pu_vendor.vendor), 0);
	pu_assert_status(p, 200);
	e = pu_html(name);
	pu_assert_has(p, e);
	free(e);
	pu_assert_has(p, "\"seller\":{\"@type\":\"Organization\",\"name\":");
	pu_free(p);
	free(name);
	pu_free_row(row, 2);
}
END_TEST

START_TEST(test_product_blocked_vendor)
{
	char *slug[1] = { NULL }, *href = strdup(pu_product_href(pu_vendor.product)), path[160];
	struct pu_page *p;

	ck_assert_int_gt(pu_vendor.other, 0);
	ck_assert(pu_row1(slug, 1, "SELECT slug FROM products WHERE id = ?", "i", &pu_vendor.other));
	catalog_product_path(pu_vendor.other, slug[0], path, sizeof path);
	p = pu_request("GET", path, "bz_flash=page-test");
	pu_assert_status(p, 200);
	pu_assert_has(p, href);
	pu_free(p);

	pu_vendor_block();
	p = pu_request("GET", path, "bz_flash=page-test");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	pu_free(p);
	/* and its own page is gone */
	pu_free_row(slug, 1);
	ck_assert(pu_row1(slug, 1, "SELECT slug FROM products WHERE id = ?", "i", &pu_vendor.product));
	p = pu_getf("/p/%lld-%s", pu_vendor.product, slug[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	free(href);
	pu_free_row(slug, 1);
}
END_TEST

/* ---- archived and on sale --------------------------------------------------
 * Two active products of one sub-category with other active products: the
 * first is archived (its page answers 410 with similar products), the second
 * gets a compare-at price above its price (a sale). Both are put back. */
static long long gone_product, sale_product, sale_compare_was = -1;

static void
undo_gone_and_sale(void)
{
	pu_parent_begin();
	if (gone_product > 0 &&
	    pu_undo_exec("the archived product", "UPDATE products SET status = 'active' WHERE id = ?", "i",
			 gone_product, 0) > 0)
		catalog_product_changed(gone_product);
	if (sale_product > 0 &&
	    pu_undo_exec("the product on sale", "UPDATE products SET compare_at_minor = NULLIF(?, -1) WHERE id = ?",
			 "ii", sale_compare_was, sale_product) > 0)
		catalog_product_changed(sale_product);
	pu_parent_end();
}

static void
choose_gone_and_sale(void)
{
	char *row[3] = { NULL, NULL, NULL };

	pu_parent_begin();
	ck_assert(pu_row1(row, 3, "SELECT MIN(p.id), MAX(p.id), COALESCE(MAX(q.compare_at_minor), -1) FROM products p"
			  " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			  " JOIN products q ON q.id = (SELECT MAX(r.id) FROM products r WHERE r.category_id = p.category_id"
			  " AND r.status = 'active')"
			  " WHERE p.status = 'active' AND p.category_id = (SELECT c.id FROM categories c"
			  " WHERE c.parent_id IS NOT NULL AND (SELECT COUNT(*) FROM products k WHERE k.category_id = c.id"
			  " AND k.status = 'active') >= 5 ORDER BY c.id LIMIT 1)", "", NULL));
	gone_product = atoll(row[0]);
	sale_product = atoll(row[1]);
	sale_compare_was = atoll(row[2]);
	pu_free_row(row, 3);
	pu_parent_end();
}

START_TEST(test_product_archived_is_410)
{
	char *row[3] = { NULL, NULL, NULL };
	struct pu_page *p;

	ck_assert(pu_row1(row, 3, "SELECT p.slug, p.name, c.slug FROM products p JOIN categories c ON c.id = p.category_id"
			  " WHERE p.id = ?", "i", &gone_product));
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'archived' WHERE id = ?", "i", gone_product), 1);
	catalog_product_changed(gone_product);
	p = pu_getf("/p/%lld-%s", gone_product, row[0]);
	pu_assert_status(p, 410);
	pu_assert_layout(p);
	pu_assert_text(p, "is no longer sold");
	pu_assert_text(p, row[1]);
	pu_assert_has(p, "<h2 id=\"similar-title\">Similar products</h2>");
	ck_assert_int_ge(pu_occurrences(p, "class=\"card\""), 3);
	pu_assert_lacks(p, pu_product_href(gone_product));	/* not among its own similar products */
	ck_assert_ptr_nonnull(strstr(p->body, "href=\"/c/"));
	pu_free(p);
	/* never stored for nginx: a restored listing shows again at once */
	{
		char path[200], key[256];

		ck_assert_ptr_nonnull(catalog_product_path(gone_product, row[0], path, sizeof path));
		ck_assert_ptr_nonnull(catalog_page_key(path, key, sizeof key));
		ck_assert_ptr_null(cache_get(key, NULL));
	}
	/* the short address leads to it; a wrong slug to the right one */
	p = pu_getf("/p/%lld", gone_product);
	pu_assert_status(p, 301);
	pu_free(p);
	p = pu_getf("/p/%lld-not-its-slug", gone_product);
	pu_assert_status(p, 301);
	pu_free(p);
	/* in review: a 404, like a draft */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'review' WHERE id = ?", "i", gone_product), 1);
	p = pu_getf("/p/%lld-%s", gone_product, row[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	pu_free_row(row, 3);
}
END_TEST

START_TEST(test_product_on_sale)
{
	char *row[2] = { NULL, NULL }, price[48], was[48], want[200];
	long long minor;
	struct pu_page *p;

	ck_assert(pu_row1(row, 2, "SELECT slug, price_minor FROM products WHERE id = ?", "i", &sale_product));
	minor = atoll(row[1]);
	ck_assert_int_eq(db_exec("UPDATE products SET compare_at_minor = ? WHERE id = ?", "ii", minor * 2, sale_product), 1);
	catalog_product_changed(sale_product);
	p = pu_getf("/p/%lld-%s", sale_product, row[0]);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, "<s class=\"was\"><span class=\"visually-hidden\">was </span>%s</s>"
		 " <span class=\"save\">Save 50%%</span> <span class=\"sale-badge\">Sale</span>",
		 money_format(minor * 2, was, sizeof was));
	pu_assert_has(p, want);
	pu_assert_text(p, money_format(minor, price, sizeof price));
	pu_free(p);
	/* its card on the category page (only products of its price) shows it too */
	pu_free_row(row, 2);
	ck_assert(pu_row1(row, 2, "SELECT c.slug, p.price_minor FROM products p JOIN categories c ON c.id = p.category_id"
			  " WHERE p.id = ?", "i", &sale_product));
	money_plain(minor, price, sizeof price);
	p = pu_getf("/c/%s?min_price=%s&max_price=%s", row[0], price, price);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, "%s</s> <span class=\"sale-badge\">Sale</span>", was);
	pu_assert_has(p, want);
	pu_free(p);
	pu_free_row(row, 2);
}
END_TEST

/* ---- delivery and returns ---------------------------------------------------
 * A product of a verified shop whose terms the tests set (through
 * shipping_save, as /vendor/shipping does); the shop's own terms come back
 * after them. */
static long long dl_product, dl_vendor;
static char dl_path[160];
static struct shipping_terms dl_original;
static int dl_chosen;

static void
choose_delivery(void)
{
	char *row[3] = { NULL, NULL, NULL };

	pu_parent_begin();
	if (pu_row1(row, 3, "SELECT p.id, p.slug, v.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
		    " WHERE p.status = 'active' AND v.status = 'verified' ORDER BY p.id DESC LIMIT 1", "", NULL)) {
		dl_product = atoll(row[0]);
		dl_vendor = atoll(row[2]);
		catalog_product_path(dl_product, row[1], dl_path, sizeof dl_path);
		dl_chosen = shipping_load(dl_vendor, &dl_original) == 0;
	}
	pu_free_row(row, 3);
	pu_parent_end();
}

static void
undo_delivery(void)
{
	if (!dl_chosen)
		return;
	pu_parent_begin();
	if (dl_original.saved) {
		if (shipping_save(&dl_original) != 0)
			fprintf(stderr, "page test: could not restore the shop's shipping terms: %s\n", db_error());
	} else {
		pu_undo_exec("shipping countries", "DELETE FROM vendor_ship_countries WHERE vendor_id = ?", "i",
			     dl_vendor, 0);
		pu_undo_exec("shipping terms", "DELETE FROM vendor_shipping WHERE vendor_id = ?", "i", dl_vendor, 0);
		catalog_vendor_changed(dl_vendor);
	}
	pu_parent_end();
}

/* The terms the tests start from: 4.90, free from 50.00, sent in a day,
 * 2 to 4 days in transit, to Germany and France, card and PayPal. */
static void
delivery_terms(struct shipping_terms *t)
{
	ck_assert(dl_chosen);
	shipping_defaults(dl_vendor, t);
	t->flat_rate_minor = 490;
	t->free_above_minor = 5000;
	t->handling_days = 1;
	t->transit_min_days = 2;
	t->transit_max_days = 4;
	t->methods = SHIPPING_CARD | SHIPPING_PAYPAL;
	t->return_days = 30;
	snprintf(t->return_policy, sizeof t->return_policy, "Unused items within 30 days.\nWe pay the label.");
	ck_assert_int_eq(shipping_add_country(t, "FR"), 0);
	ck_assert_int_eq(shipping_save(t), 0);
}

static struct pu_page *
get_delivery(const char *country)
{
	return country ? pu_getf("%s?country=%s", dl_path, country) : pu_get(dl_path);
}

START_TEST(test_product_delivery)
{
	struct shipping_terms t;
	struct pu_page *p, *de;
	char key[256], variant[300], *cached, want[300], *name[1] = { NULL };
	size_t len;

	delivery_terms(&t);
	ck_assert(pu_row1(name, 1, "SELECT trading_name FROM vendors WHERE id = ?", "i", &dl_vendor));
	p = get_delivery(NULL);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"product-delivery\">Delivery and returns</h2>");
	pu_assert_has(p, "Delivery to Germany: <strong>€4.90</strong>, free on orders from this shop of €50.00 or more.");
	pu_assert_has(p, "Arrives 3 to 5 days after payment.");
	pu_assert_has(p, "Delivers to Germany, France.");
	pu_assert_has(p, "<option value=\"DE\" selected>Germany</option>");
	pu_assert_has(p, "<option value=\"FR\">France</option>");
	pu_assert_has(p, "Returns: within 30 days of delivery.");
	pu_assert_has(p, "<p class=\"return-policy\">Unused items within 30 days.\nWe pay the label.</p>");
	pu_assert_has(p, "Pay by Card, PayPal.");
	snprintf(want, sizeof want, "<form class=\"delivery-country\" method=\"get\" action=\"%s\">", dl_path);
	pu_assert_has(p, want);
	/* The shared page: the same for everyone, whatever their country. */
	pu_assert_lacks(p, "Delivery to France");

	/* The marketplace's own country asked by name: the same page. */
	de = get_delivery("DE");
	pu_assert_status(de, 200);
	ck_assert_str_eq(de->body, p->body);
	pu_free(de);
	pu_free(p);

	/* Another country: its own copy, cached under the page's key with the
	 * country and the listing generation. */
	p = get_delivery("FR");
	pu_assert_status(p, 200);
	pu_assert_has(p, "Delivery to France: <strong>€4.90</strong>");
	pu_assert_has(p, "<option value=\"FR\" selected>France</option>");
	pu_assert_has(p, "<option value=\"DE\">Germany</option>");
	ck_assert_ptr_nonnull(catalog_page_key(dl_path, key, sizeof key));
	snprintf(variant, sizeof variant, "%s?country=FR@%llu", key, cache_gen(CATALOG_FAMILY_LIST));
	cached = cache_get(variant, &len);
	ck_assert_msg(cached != NULL, "no copy under %s", variant);
	ck_assert_mem_eq(cached, p->body, len);
	free(cached);
	pu_free(p);
	p = get_delivery("FR");
	ck_assert_str_eq(pu_header(p, "X-Cache"), "HIT");
	pu_free(p);

	/* A country the shop does not deliver to. */
	p = get_delivery("JP");
	pu_assert_status(p, 200);
	{
		char *shop = pu_html(name[0]);

		snprintf(want, sizeof want, "<p id=\"delivery-cost\">%s does not deliver to Japan.</p>", shop);
		free(shop);
	}
	pu_assert_has(p, want);
	pu_assert_lacks(p, "Arrives ");
	pu_assert_has(p, "Delivers to Germany, France.");
	pu_free(p);
	pu_free_row(name, 1);
}
END_TEST

/* New terms show at once on every country's copy. */
START_TEST(test_product_delivery_change_shows)
{
	struct shipping_terms t;
	struct pu_page *p;

	delivery_terms(&t);
	pu_free(get_delivery(NULL));
	pu_free(get_delivery("FR"));
	t.flat_rate_minor = 250;
	t.free_above_minor = SHIPPING_NEVER_FREE;
	t.return_days = 0;
	t.return_policy[0] = '\0';
	t.methods = SHIPPING_BANK_TRANSFER;
	ck_assert_int_eq(shipping_save(&t), 0);
	p = get_delivery(NULL);
	pu_assert_has(p, "Delivery to Germany: <strong>€2.50</strong>.");
	pu_assert_lacks(p, "free on orders");
	pu_assert_has(p, "Returns: this shop takes no returns beyond what the law gives you.");
	pu_assert_lacks(p, "return-policy");
	pu_assert_has(p, "Pay by Bank transfer.");
	pu_free(p);
	p = get_delivery("FR");
	pu_assert_has(p, "Delivery to France: <strong>€2.50</strong>.");
	pu_free(p);
	/* Free delivery, in one day. */
	t.flat_rate_minor = 0;
	t.handling_days = 0;
	t.transit_min_days = t.transit_max_days = 1;
	ck_assert_int_eq(shipping_save(&t), 0);
	p = get_delivery(NULL);
	pu_assert_has(p, "Delivery to Germany: <strong>free</strong>.");
	pu_assert_has(p, "Arrives 1 day after payment.");
	pu_free(p);
}
END_TEST

/* The country selector, kept drawn by the worker per country: for every
 * country, twice (drawn, then kept), the whole list in order with that
 * country selected and no other. */
START_TEST(test_product_delivery_every_country)
{
	struct buf want;
	struct pu_page *p;
	size_t i, j;
	int pass;

	buf_init(&want);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < shipping_ncountries; i++) {
			buf_reset(&want);
			buf_adds(&want, "<select id=\"delivery-country\" name=\"country\">\n");
			for (j = 0; j < shipping_ncountries; j++)
				buf_printf(&want, "<option value=\"%s\"%s>%s</option>\n", shipping_countries[j].code,
					   i == j ? " selected" : "", shipping_countries[j].name);
			buf_adds(&want, "</select>");
			p = get_delivery(shipping_countries[i].code);
			pu_assert_status(p, 200);
			ck_assert_msg(strstr(p->body, want.data) != NULL, "%s: the selector is not\n%s",
				      shipping_countries[i].code, want.data);
			pu_free(p);
		}
	buf_free(&want);
}
END_TEST

/* A shop that never saved its terms: the defaults. */
START_TEST(test_product_delivery_defaults)
{
	struct pu_page *p;

	ck_assert(dl_chosen);
	pu_undo_exec("shipping countries", "DELETE FROM vendor_ship_countries WHERE vendor_id = ?", "i", dl_vendor, 0);
	pu_undo_exec("shipping terms", "DELETE FROM vendor_shipping WHERE vendor_id = ?", "i", dl_vendor, 0);
	catalog_vendor_changed(dl_vendor);
	p = get_delivery(NULL);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Delivery to Germany: <strong>free</strong>.");
	pu_assert_has(p, "Arrives 3 to 7 days after payment.");
	pu_assert_has(p, "Delivers to Germany.");
	pu_assert_has(p, "Returns: within 14 days of delivery.");
	pu_assert_has(p, "Pay by Card, PayPal, Bank transfer.");
	pu_free(p);
}
END_TEST

/* A country that is not on the list: 400 saying so, never echoed. */
START_TEST(test_product_delivery_bad_country)
{
	static const char *const bad[] = { "ZZ", "fr", "FRA", "D", "%3Cb%3E", "D%00" };
	struct pu_page *p;

	ck_assert(dl_chosen);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = get_delivery(bad[i]);
		ck_assert_msg(p->status == 400, "country=%s: status %d", bad[i], p->status);
		pu_assert_lacks(p, "<b>");
		pu_free(p);
	}
	for (size_t i = 0; i < 4; i++) {
		p = get_delivery(bad[i]);
		pu_assert_has(p, "Choose a country from the list.");
		pu_free(p);
	}
	/* Empty: the marketplace's own country. */
	p = get_delivery("");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<option value=\"DE\" selected>Germany</option>");
	pu_free(p);
}
END_TEST

static Suite *
sf_product_suite(void)
{
	Suite *s = suite_create("sf_product");
	TCase *tc = pu_tcase(s, "product");

	tcase_add_test(tc, test_product_page);
	tcase_add_test(tc, test_product_images_have_alt);
	tcase_add_test(tc, test_product_no_rating_or_sales);
	tcase_add_test(tc, test_product_description_fits_type);
	tcase_add_test(tc, test_product_related);
	tcase_add_test(tc, test_product_bought_together);
	tcase_add_test(tc, test_product_related_memo_same_html);
	tcase_add_test(tc, test_product_related_leaves_out_the_page);
	tcase_add_test(tc, test_product_stock_labels);
	tcase_add_test(tc, test_product_page_cache);
	tcase_add_test(tc, test_product_query_count);
	tcase_add_test(tc, test_product_related_not_stale);
	tcase_add_test(tc, test_product_short_url_redirects);
	tcase_add_test(tc, test_product_wrong_slug_redirects);
	tcase_add_test(tc, test_product_bad_ids);
	tcase_add_test(tc, test_product_hidden_is_404);
	tcase_add_test(tc, test_product_post_is_405);
	tcase_add_test(tc, test_product_page_ttl);
	tc = pu_tcase_changing(s, "small category", choose_small_product, undo_small_category);
	tcase_add_test(tc, test_product_related_topped_up);
	tc = pu_tcase_changing(s, "without memcached", choose_memo_products, undo_memo_price);
	tcase_add_test(tc, test_product_related_without_cache);
	tc = pu_tcase_changing(s, "picture order", choose_picture_order, undo_picture_order);
	tcase_add_test(tc, test_product_pictures_in_position_order);
	tcase_add_test(tc, test_product_pipeline_picture);
	tc = pu_tcase_changing(s, "archived and on sale", choose_gone_and_sale, undo_gone_and_sale);
	tcase_add_test(tc, test_product_archived_is_410);
	tcase_add_test(tc, test_product_on_sale);
	tc = pu_tcase_changing(s, "blocked vendor", choose_vendor, pu_vendor_restore);
	tcase_add_test(tc, test_product_shop_renamed);
	tcase_add_test(tc, test_product_blocked_vendor);
	tc = pu_tcase_changing(s, "delivery and returns", choose_delivery, undo_delivery);
	tcase_add_test(tc, test_product_delivery);
	tcase_add_test(tc, test_product_delivery_change_shows);
	tcase_add_test(tc, test_product_delivery_every_country);
	tcase_add_test(tc, test_product_delivery_defaults);
	tcase_add_test(tc, test_product_delivery_bad_country);
	return s;
}

CHECK_MAIN(sf_product_suite)

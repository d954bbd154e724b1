/*
 * Page tests for sf_home.c: GET /.
 */
#include "page_util.h"

START_TEST(test_home_page)
{
	struct pu_page *p = pu_get("/");
	char *newest[1] = { NULL }, *cat[2] = { NULL, NULL }, want[256], *e;

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	/* the newest active product is among the new arrivals */
	ck_assert(pu_row1(newest, 1, "SELECT name FROM products WHERE status = 'active'"
			  " ORDER BY created_at DESC, id DESC LIMIT 1", "", NULL));
	pu_assert_has(p, "<h2 id=\"home-new\">New arrivals</h2>");
	pu_assert_text(p, newest[0]);
	/* every card (new arrivals and Sponsored) names its seller */
	ck_assert_int_gt(pu_assert_cards_sold_by(p, NULL), 0);
	/* a top-level category: in the header navigation and as a card */
	ck_assert(pu_row1(cat, 2, "SELECT slug, name FROM categories WHERE parent_id IS NULL"
			  " ORDER BY position, name LIMIT 1", "", NULL));
	snprintf(want, sizeof want, "<a href=\"/c/%s\" aria-current=\"false\">", cat[0]);
	pu_assert_has(p, want);
	e = pu_html(cat[1]);
	snprintf(want, sizeof want, "<a class=\"cat-card\" href=\"/c/%s\"><strong>%s</strong>", cat[0], e);
	free(e);
	pu_assert_has(p, want);
	pu_assert_has(p, "<nav class=\"cat-nav\" aria-label=\"Categories\">");
	pu_assert_has(p, "<link rel=\"canonical\" href=\"/\">");
	/* every product card links to a canonical product address */
	pu_assert_has(p, "<a class=\"card-link\" href=\"/p/");
	/* no promise of a basket or a checkout, which do not exist yet: not in
	 * the lead, the title, the description or the footer */
	pu_assert_has(p, "Browse and search all their products here.");
	pu_assert_lacks(p, "basket");
	pu_assert_lacks(p, "checkout");
	pu_free_row(newest, 1);
	pu_free_row(cat, 2);
	pu_free(p);
}
END_TEST

START_TEST(test_home_sponsored)
{
	struct pu_page *p;
	char *row[2] = { NULL, NULL };
	const char *section;

	if (!pu_row1(row, 2,
		     "SELECT p.name, v.trading_name FROM promotions pr"
		     " JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
		     " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		     " WHERE pr.placement = 'home' AND pr.status = 'active'"
		     " AND pr.starts_at <= UTC_TIMESTAMP() AND pr.ends_at > UTC_TIMESTAMP()"
		     " ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 1", "", NULL))
		ck_abort_msg("the demo catalogue has no live home-page promotion");
	p = pu_get("/");
	pu_assert_status(p, 200);
	section = strstr(p->body, "<h2 id=\"home-sponsored\">Sponsored</h2>");
	ck_assert_msg(section != NULL, "no Sponsored section");
	pu_assert_has(p, "<p class=\"sponsored-tag\">Sponsored</p>");
	pu_assert_text(p, row[0]);
	{
		char *e = pu_html(row[1]), want[300];
		snprintf(want, sizeof want, "Sold by %s", e);
		free(e);
		pu_assert_has(p, want);
	}
	pu_free_row(row, 2);
	pu_free(p);
}
END_TEST

/* Anonymous visitors get the cached copy; the page is marked for shared caches. */
START_TEST(test_home_cached)
{
	struct pu_page *p = pu_get("/"), *q;

	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "public, max-age=60");
	q = pu_get("/");
	pu_assert_status(q, 200);
	ck_assert_str_eq(pu_header(q, "X-Cache"), "HIT");
	pu_free(p);
	pu_free(q);
	/* a visitor with a session cookie gets the same shared copy with its
	 * own header links put in (hdr.h): here a session that no longer
	 * exists, so the guest's links, and no directive left */
	p = pu_request("GET", "/", "bz_session=whatever");
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "X-Cache"), "HIT");
	pu_assert_lacks(p, "<!--# include");
	pu_assert_has(p, "href=\"/login\"");
	pu_free(p);
	/* and the shared copy is untouched for the next guest */
	p = pu_get("/");
	pu_assert_has(p, "<!--# include virtual=\"/_bazaar/header\" -->");
	pu_free(p);
	/* a visitor with a message waiting never shares it */
	p = pu_request("GET", "/", "bz_flash=Saved");
	pu_assert_status(p, 200);
	ck_assert_ptr_null(pu_header(p, "X-Cache"));
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
}
END_TEST

START_TEST(test_home_head)
{
	struct pu_page *p = pu_request("HEAD", "/", NULL);

	pu_assert_status(p, 200);
	ck_assert_str_eq(p->body, "");
	pu_free(p);
}
END_TEST

START_TEST(test_home_bad_input)
{
	struct pu_page *p;

	p = pu_request("POST", "/", NULL);
	pu_assert_status(p, 405);
	ck_assert_str_eq(pu_header(p, "Allow"), "GET");
	pu_assert_layout(p);
	pu_free(p);
	pu_expect(405, pu_request("DELETE", "/", NULL));
	p = pu_get("/index.php");
	pu_assert_status(p, 404);
	pu_assert_has(p, "We couldn’t find that page");
	pu_assert_has(p, "Request id: <code>");
	pu_free(p);
	/* undeclared parameters are ignored, never echoed */
	p = pu_get("/?q=%3Cscript%3E&page=-1");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "<script>");
	pu_free(p);
	/* a malformed request is a 400 page, not a crash */
	pu_expect(400, pu_get("/?a=%ZZ"));
}
END_TEST

/* Every link on the home page leads somewhere: the layout links no page
 * that does not exist yet. */
START_TEST(test_home_links_resolve)
{
	struct pu_page *p = pu_get("/");
	char *seen[256];
	size_t nseen = 0, i;
	const char *s;

	pu_assert_status(p, 200);
	for (s = strstr(p->body, "href=\"/"); s; s = strstr(s + 1, "href=\"/")) {
		const char *start = s + 6, *end = strchr(start, '"');
		char *uri;
		struct pu_page *q;

		ck_assert_ptr_nonnull(end);
		uri = strndup(start, (size_t)(end - start));
		/* files nginx serves itself, pages of the other programs (their
		 * own tests open them), and pages already asked for */
		for (i = 0; i < nseen && strcmp(seen[i], uri) != 0; i++)
			;
		if (strncmp(uri, "/static/", 8) == 0 || strncmp(uri, "/media/", 7) == 0 ||
		    strncmp(uri, "/vendor/", 8) == 0 || strncmp(uri, "/admin/", 7) == 0 || i < nseen ||
		    nseen == sizeof seen / sizeof seen[0]) {
			free(uri);
			continue;
		}
		seen[nseen++] = uri;
		q = pu_get(uri);
		ck_assert_msg(q->status == 200, "the home page links %s, which answers %d", uri, q->status);
		pu_free(q);
	}
	ck_assert_int_gt(nseen, 10);
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	pu_free(p);
}
END_TEST

/* The vendor of the newest active product: it leads the new arrivals. */
static void
choose_vendor(void)
{
	pu_vendor_choose("SELECT p.vendor_id, p.id, NULL FROM products p"
			 " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			 " WHERE p.status = 'active' ORDER BY p.created_at DESC, p.id DESC LIMIT 1");
}

/* A blocked vendor's products leave the home page at once. */
START_TEST(test_home_blocked_vendor)
{
	char *href = strdup(pu_product_href(pu_vendor.product)), *newest[1] = { NULL };
	struct pu_page *p = pu_get("/");

	pu_assert_status(p, 200);
	pu_assert_has(p, href);
	pu_free(p);

	pu_vendor_block();
	p = pu_get("/");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	/* the new arrivals go on with the next shop's newest product */
	ck_assert(pu_row1(newest, 1, "SELECT p.id FROM products p"
			  " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			  " WHERE p.status = 'active' ORDER BY p.created_at DESC, p.id DESC LIMIT 1", "", NULL));
	pu_assert_has(p, pu_product_href(atoll(newest[0])));
	pu_free_row(newest, 1);
	pu_free(p);
	free(href);
}
END_TEST

static Suite *
sf_home_suite(void)
{
	Suite *s = suite_create("sf_home");
	TCase *tc = pu_tcase(s, "home");

	tcase_add_test(tc, test_home_page);
	tcase_add_test(tc, test_home_sponsored);
	tcase_add_test(tc, test_home_cached);
	tcase_add_test(tc, test_home_head);
	tcase_add_test(tc, test_home_bad_input);
	tcase_add_test(tc, test_home_links_resolve);
	tc = pu_tcase_changing(s, "blocked vendor", choose_vendor, pu_vendor_restore);
	tcase_add_test(tc, test_home_blocked_vendor);
	return s;
}

CHECK_MAIN(sf_home_suite)

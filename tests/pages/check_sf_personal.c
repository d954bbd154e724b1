/*
 * Page tests for sf_personal.c: recently viewed on the home, cart and
 * product pages for a visitor with the bz_rv cookie (and nothing for one
 * without: the markers stay, the page is as shared), the shared copy a
 * product page leaves in the cache holding nobody's strip, "Clear"
 * (Origin-checked, back to the page, a logged-in shopper's views gone),
 * every Sponsored card labelled with its vendor and a "why" link, the "why"
 * page, Sponsored products of a logged-in shopper chosen from what they
 * viewed, "for you" on their home page, the Sponsored slots of category and
 * search pages chosen from what a shopper viewed (this browser's list or the
 * account's) while the cached copy stays everybody's, and personalisation
 * off: no strip, no personal slots, nothing recorded. The product page's
 * <noscript> image (GET /recent/add/{id}) puts the product in front of the
 * list, each once, at most ten, only from this site's pages and only for a
 * product the shop shows, and not at all with personalisation off.
 */
#define PU_PREFIX "sf-personal"
#include "sf_account_util.h"

#include "cache.h"
#include "personal.h"
#include "promotion.h"

/* Promotions made here carry this fee, so a failed run's are found again. */
#define MARK_FEE "30030"

struct item {
	long long id;
	char name[201];
	char path[160];
	long long category;
};

/* The n-th active product of a verified shop (by id). */
static void
item(struct item *it, int n)
{
	char *row[4] = { NULL, NULL, NULL, NULL };
	long long offset = n;

	ck_assert(pu_row1(row, 4, "SELECT p.id, p.name, p.slug, p.category_id FROM products p JOIN vendors v"
			  " ON v.id = p.vendor_id AND v.status = 'verified' WHERE p.status = 'active'"
			  " ORDER BY p.id LIMIT 1 OFFSET ?", "i", &offset));
	it->id = atoll(row[0]);
	snprintf(it->name, sizeof it->name, "%s", row[1]);
	snprintf(it->path, sizeof it->path, "/p/%s-%s", row[0], row[2]);
	it->category = atoll(row[3]);
	pu_free_row(row, 4);
}

static void
drop_promotions(void)
{
	db_exec("DELETE FROM promotions WHERE fee_minor = " MARK_FEE, "");
	promotion_changed();
}

/* A promotion of it running now at placement ('home', 'search', 'all'). */
static long long
promote_at(const struct item *it, const char *placement)
{
	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) SELECT id, vendor_id, ?, UTC_TIMESTAMP() - INTERVAL 1 DAY,"
				 " UTC_TIMESTAMP() + INTERVAL 1 DAY, " MARK_FEE ", 'active' FROM products WHERE id = ?",
				 "si", placement, it->id), 1);
	promotion_changed();
	return (long long)db_insert_id();
}

/* A promotion of it running now on the home page. */
static long long
promote(const struct item *it)
{
	return promote_at(it, "home");
}

static void
assert_strip(const struct pu_page *p, const struct item *a, const struct item *b)
{
	pu_assert_has(p, "<h2 id=\"recent-title\">Recently viewed</h2>");
	pu_assert_has(p, "action=\"/recent/clear\"");
	pu_assert_text(p, a->name);
	pu_assert_text(p, b->name);
	pu_assert_lacks(p, "/_bazaar/recent");
	ck_assert_ptr_nonnull(strstr(p->headers, "Cache-Control: no-store"));
}

START_TEST(test_recent_anonymous)
{
	struct item a, b;
	char cookie[96], key[200];
	struct pu_page *p;
	size_t len;
	char *cached;

	item(&a, 11);
	item(&b, 12);
	snprintf(cookie, sizeof cookie, "bz_rv=%lld.%lld", a.id, b.id);

	/* Without the cookie: the shared page, its markers as comments. */
	p = pu_get("/");
	pu_assert_status(p, 200);
	pu_assert_has(p, PERSONAL_RECENT_SSI);
	pu_assert_lacks(p, "Recently viewed");
	pu_free(p);

	p = pu_request("GET", "/", cookie);
	pu_assert_status(p, 200);
	assert_strip(p, &a, &b);
	/* Newest first. */
	{
		const char *strip = strstr(p->body, "id=\"recent-title\"");

		ck_assert_ptr_nonnull(strip);
		ck_assert_ptr_nonnull(strstr(strip, a.path));
		ck_assert_ptr_nonnull(strstr(strip, b.path));
		ck_assert(strstr(strip, a.path) < strstr(strip, b.path));
	}
	pu_free(p);

	p = pu_request("GET", "/cart", cookie);
	pu_assert_status(p, 200);
	assert_strip(p, &a, &b);
	pu_free(p);

	/* A product page drawn for the visitor: the copy left for nginx's
	 * cache holds the directives, not the strip. */
	snprintf(key, sizeof key, "pg:%s", a.path);
	cache_delete(key);
	p = pu_request("GET", a.path, cookie);
	pu_assert_status(p, 200);
	assert_strip(p, &a, &b);
	pu_assert_has(p, "data-recent-id=");
	pu_free(p);
	cached = cache_get(key, &len);
	if (cached != NULL) {
		ck_assert_ptr_nonnull(strstr(cached, PERSONAL_RECENT_SSI));
		ck_assert_ptr_null(strstr(cached, "Recently viewed"));
		free(cached);
	}

	/* The fragment nginx includes, and its copy for the same list. */
	p = pu_request("GET", "/recent/strip", cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, b.name);
	pu_assert_lacks(p, "<html");
	pu_free(p);
	cached = personal_recent_cached(cookie + strlen("bz_rv="), &len);
	if (cache_enabled()) {
		ck_assert_ptr_nonnull(cached);
		ck_assert_ptr_nonnull(strstr(cached, "Recently viewed"));
	}
	free(cached);

	/* A malformed list is nobody's: the page as shared. */
	p = pu_request("GET", "/", "bz_rv=1.<b>");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Recently viewed");
	pu_free(p);
}
END_TEST

START_TEST(test_clear)
{
	struct item a, b;
	char cookie[320], referer[256];
	struct pu_user u;
	struct pu_page *p;

	item(&a, 13);
	item(&b, 14);
	/* Cross-site: refused, nothing cleared. */
	snprintf(cookie, sizeof cookie, "bz_rv=%lld.%lld", a.id, b.id);
	pu_origin = "http://evil.example";
	p = pu_post("/recent/clear", cookie, "");
	pu_assert_status(p, 403);
	ck_assert_ptr_null(strstr(p->headers, "bz_rv="));
	pu_free(p);

	/* From a cached page: no token, the Origin; back to that page. */
	pu_origin = "http://localhost";
	snprintf(referer, sizeof referer, "HTTP_REFERER=http://localhost%s", a.path);
	pu_extra_header = referer;
	p = pu_post("/recent/clear", cookie, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, a.path);
	ck_assert_ptr_nonnull(strstr(p->headers, "Set-Cookie: bz_rv=;"));
	pu_free(p);
	/* Another site's page is not where it goes. */
	pu_extra_header = "HTTP_REFERER=http://evil.example/x";
	p = pu_post("/recent/clear", cookie, "");
	pu_assert_location(p, "/");
	pu_free(p);
	pu_extra_header = NULL;

	/* A logged-in shopper's kept views go too. */
	sat_member(&u, 1);
	ck_assert_int_eq(personal_recent_record(u.id, &a.id, 1), 0);
	snprintf(cookie, sizeof cookie, "%s; bz_rv=%lld", u.cookie, a.id);
	pu_expect(303, pu_post("/recent/clear", cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 0);
	pu_origin = NULL;
	pu_user_delete(&u);
}
END_TEST

/* GET /recent/add/<id> with the cookie; asserts the status. */
static struct pu_page *
add_view(long long id, const char *cookie, int status)
{
	char uri[64];
	struct pu_page *p;

	snprintf(uri, sizeof uri, "/recent/add/%lld", id);
	p = pu_request("GET", uri, cookie);
	pu_assert_status(p, status);
	return p;
}

/* A view recorded: the 1x1 GIF, kept by no cache, and the list it sets. */
static void
assert_added(const struct pu_page *p, const char *list)
{
	char value[PERSONAL_COOKIE_MAX + 1];

	ck_assert_str_eq(pu_header(p, "Content-Type"), "image/gif");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	ck_assert_int_eq(memcmp(p->body, "GIF89a\x01\x00\x01\x00", 10), 0);
	if (list == NULL)
		ck_assert_ptr_null(pu_set_cookie(p, PERSONAL_COOKIE));
	else
		ck_assert_str_eq(pu_set_cookie_into(p, PERSONAL_COOKIE, value, sizeof value), list);
}

/* A view refused: nothing set. */
static void
assert_refused(struct pu_page *p)
{
	ck_assert_ptr_null(pu_set_cookie(p, PERSONAL_COOKIE));
	ck_assert_ptr_null(strstr(p->headers, "image/gif"));
	pu_free(p);
}

START_TEST(test_recent_add)
{
	struct item a, b, c;
	char cookie[320], want[320], referer[256];
	long long hidden, draft;
	struct pu_user u;
	struct pu_page *p;
	int i;

	item(&a, 31);
	item(&b, 32);
	item(&c, 33);
	pu_fetch_site = "same-origin";

	/* The product page carries the image, the same for everybody. */
	p = pu_request("GET", a.path, NULL);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, "<noscript><img src=\"/recent/add/%lld\" alt=\"\" width=\"1\" height=\"1\" hidden>"
		 "</noscript>", a.id);
	pu_assert_has(p, want);
	pu_free(p);

	/* A browser without a list: this product alone. */
	p = add_view(a.id, NULL, 200);
	snprintf(want, sizeof want, "%lld", a.id);
	assert_added(p, want);
	pu_free(p);
	/* In front, each once. */
	snprintf(cookie, sizeof cookie, "bz_rv=%lld.%lld.%lld", b.id, a.id, c.id);
	p = add_view(c.id, cookie, 200);
	snprintf(want, sizeof want, "%lld.%lld.%lld", c.id, b.id, a.id);
	assert_added(p, want);
	pu_free(p);
	/* Ten at most: the oldest goes. */
	snprintf(cookie, sizeof cookie, "bz_rv=1.2.3.4.5.6.7.8.9.10");
	p = add_view(a.id, cookie, 200);
	snprintf(want, sizeof want, "%lld.1.2.3.4.5.6.7.8.9", a.id);
	assert_added(p, want);
	pu_free(p);
	/* A malformed list is replaced. */
	p = add_view(b.id, "bz_rv=1.<b>", 200);
	snprintf(want, sizeof want, "%lld", b.id);
	assert_added(p, want);
	pu_free(p);

	/* Not a product the shop shows: nothing changed. */
	snprintf(cookie, sizeof cookie, "bz_rv=%lld", b.id);
	hidden = pu_count("SELECT MIN(id) FROM products WHERE status = 'hidden' AND id > ?", 0);
	draft = pu_count("SELECT MIN(id) FROM products WHERE status = 'draft' AND id > ?", 0);
	ck_assert_int_gt(hidden, 0);
	ck_assert_int_gt(draft, 0);
	assert_refused(add_view(hidden, cookie, 404));
	assert_refused(add_view(draft, cookie, 404));
	assert_refused(add_view(999999999999LL, cookie, 404));
	p = pu_request("GET", "/recent/add/0", cookie);
	pu_assert_status(p, 404);
	assert_refused(p);
	p = pu_request("GET", "/recent/add/x", cookie);
	pu_assert_status(p, 404);
	assert_refused(p);

	/* From another site: refused, whatever else is sent. */
	for (i = 0; i < 2; i++) {
		pu_fetch_site = i == 0 ? "cross-site" : "same-site";
		assert_refused(add_view(a.id, cookie, 403));
	}
	/* A browser without Sec-Fetch-Site: by Origin and Referer. */
	pu_fetch_site = NULL;
	pu_origin = "http://evil.example";
	assert_refused(add_view(a.id, cookie, 403));
	pu_origin = NULL;
	pu_extra_header = "HTTP_REFERER=http://evil.example/p/1-x";
	assert_refused(add_view(a.id, cookie, 403));
	snprintf(referer, sizeof referer, "HTTP_REFERER=http://localhost%s", a.path);
	pu_extra_header = referer;
	p = add_view(a.id, cookie, 200);
	snprintf(want, sizeof want, "%lld.%lld", a.id, b.id);
	assert_added(p, want);
	pu_free(p);
	pu_extra_header = NULL;
	/* Neither (a tool, the Referer turned off), or the address typed. */
	p = add_view(a.id, cookie, 200);
	assert_added(p, want);
	pu_free(p);
	pu_fetch_site = "none";
	p = add_view(a.id, cookie, 200);
	assert_added(p, want);
	pu_free(p);
	pu_fetch_site = "same-origin";

	/* Personalisation off on this browser: the image, nothing changed. */
	snprintf(cookie, sizeof cookie, "bz_np=1; bz_rv=%lld", b.id);
	p = add_view(a.id, cookie, 200);
	assert_added(p, NULL);
	pu_free(p);

	/* A logged-in shopper: their kept views too, newest first. */
	sat_member(&u, 1);
	snprintf(cookie, sizeof cookie, "%s; bz_rv=%lld", u.cookie, b.id);
	p = add_view(a.id, cookie, 200);
	snprintf(want, sizeof want, "%lld.%lld", a.id, b.id);
	assert_added(p, want);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 2);
	{
		long long kept[PERSONAL_RECENT_MAX];

		ck_assert_int_eq(personal_recent_load(u.id, kept, PERSONAL_RECENT_MAX), 2);
		ck_assert_int_eq(kept[0], a.id);
		ck_assert_int_eq(kept[1], b.id);
	}
	/* Off for the account, on a browser without bz_np: nothing. */
	ck_assert_int_eq(personal_set_enabled(u.id, 0), 0);
	p = add_view(c.id, cookie, 200);
	assert_added(p, NULL);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 0);
	pu_user_delete(&u);
	pu_fetch_site = NULL;
}
END_TEST

/* Every Sponsored card says so, names its shop and links to "why". */
static void
assert_sponsored_labelled(const struct pu_page *p)
{
	const char *tag = strstr(p->body, "<p class=\"sponsored-tag\">Sponsored</p>"), *end;
	size_t tags = 0;

	for (; tag != NULL; tag = strstr(end, "<p class=\"sponsored-tag\">Sponsored</p>")) {
		end = strstr(tag, "</article>");
		ck_assert_ptr_nonnull(end);
		ck_assert_msg(memmem(tag, (size_t)(end - tag), "<p class=\"vendor\">Sold by ", 26) != NULL,
			      "a Sponsored card without its shop");
		ck_assert_msg(memmem(tag, (size_t)(end - tag), "Why am I seeing this<span", 25) != NULL,
			      "a Sponsored card without \"why\"");
		tags++;
	}
	ck_assert_uint_gt(tags, 0);
}

START_TEST(test_sponsored_why)
{
	struct item a, other;
	struct pu_page *p;
	char want[160];
	long long promo;

	drop_promotions();
	item(&a, 15);
	promo = promote(&a);
	p = pu_get("/");
	pu_assert_status(p, 200);
	assert_sponsored_labelled(p);
	snprintf(want, sizeof want, "href=\"/sponsored/%lld/why\"", promo);
	pu_assert_has(p, want);
	pu_free(p);

	p = pu_getf("/sponsored/%lld/why", promo);
	pu_assert_status(p, 200);
	pu_assert_text(p, a.name);
	pu_assert_text(p, "pays");
	pu_assert_text(p, "The promotion runs on the home page.");
	pu_assert_text(p, "nothing about you was used");
	pu_free(p);
	/* A reason is the logged-in shopper's: a link passed on says nothing of
	 * its sender. */
	p = pu_getf("/sponsored/%lld/why?r=viewed", promo);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "you recently viewed products in");
	pu_assert_text(p, "nothing about you was used");
	pu_free(p);
	pu_expect_getf(400, "/sponsored/%lld/why?r=everything", promo);
	pu_expect_getf(404, "/sponsored/%d/why", 999999999);

	/* A logged-in shopper who viewed in another category: the promotion
	 * in their interests comes first, saying why. */
	{
		struct pu_user u;
		long long promo2;
		int n;

		for (n = 40; n < 400; n++) {
			item(&other, n);
			if (other.category != a.category)
				break;
		}
		ck_assert_int_ne(other.category, a.category);
		promo2 = promote(&other);
		sat_member(&u, 1);
		ck_assert_int_eq(personal_recent_record(u.id, &other.id, 1), 0);
		p = pu_get_as(&u, "/");
		pu_assert_status(p, 200);
		pu_assert_text(p, "chosen from what you viewed and bought");
		assert_sponsored_labelled(p);
		snprintf(want, sizeof want, "href=\"/sponsored/%lld/why?r=viewed\"", promo2);
		pu_assert_has(p, want);
		ck_assert_ptr_nonnull(strstr(p->headers, "Cache-Control: no-store"));
		pu_free(p);
		snprintf(want, sizeof want, "/sponsored/%lld/why?r=viewed", promo2);
		p = pu_get_as(&u, want);
		pu_assert_status(p, 200);
		pu_assert_text(p, "you recently viewed products in");
		pu_assert_text(p, "Personalisation is on for your account.");
		pu_free(p);
		/* Off: the page's own choice, the same as everybody's. */
		ck_assert_int_eq(personal_set_enabled(u.id, 0), 0);
		p = pu_get_as(&u, "/");
		pu_assert_status(p, 200);
		pu_assert_lacks(p, "chosen from what you viewed");
		pu_assert_lacks(p, "?r=viewed");
		assert_sponsored_labelled(p);
		pu_free(p);
		pu_user_delete(&u);
	}
	drop_promotions();
}
END_TEST

/* A page as cookie sees it, that status. */
static struct pu_page *
page_as(const char *cookie, const char *uri)
{
	struct pu_page *p = pu_request("GET", uri, cookie);

	pu_assert_status(p, 200);
	return p;
}

/* The Sponsored slots of category and search pages: chosen from what the
 * shopper viewed in another part of the shop (this browser's list, or a
 * logged-in shopper's kept views), the cached copy staying everybody's. */
START_TEST(test_sponsored_listings)
{
	struct item x, other;
	struct pu_user u;
	char *row[2] = { NULL, NULL }, cookie[320], want[160], category[200], search[200];
	const char *pages[2] = { category, search };
	struct pu_page *p;
	long long promo, top;
	int n, i;

	drop_promotions();
	item(&x, 21);
	top = pu_count("SELECT top_category_id FROM products WHERE id = ?", x.id);
	for (n = 40; n < 400; n++) {
		item(&other, n);
		if (pu_count("SELECT top_category_id FROM products WHERE id = ?", other.id) != top)
			break;
	}
	promo = promote_at(&x, "all");
	/* A top-level category of another part of the shop, and a search for
	 * a word of a product there: neither lists x. */
	ck_assert(pu_row1(row, 1, "SELECT slug FROM categories WHERE parent_id IS NULL AND id <> ? ORDER BY id",
			  "i", &top));
	ck_assert(pu_row1(row + 1, 1, "SELECT LOWER(SUBSTRING_INDEX(name, ' ', 1)) FROM products WHERE id = ?", "i",
			  &other.id));
	snprintf(category, sizeof category, "/c/%s", row[0]);
	snprintf(search, sizeof search, "/search?q=%s", row[1]);
	pu_free_row(row, 2);
	snprintf(want, sizeof want, "href=\"/sponsored/%lld/why?r=viewed\"", promo);

	for (i = 0; i < 2; i++) {
		/* Everybody's page (cached by the first): not x's promotion,
		 * the markers as comments. */
		p = page_as(NULL, pages[i]);
		pu_assert_has(p, "<!--bz:sponsored ");
		pu_assert_lacks(p, want);
		pu_assert_lacks(p, "?r=viewed");
		pu_free(p);
		/* A browser that viewed x: its promotion first, saying why,
		 * every card labelled. */
		snprintf(cookie, sizeof cookie, "bz_rv=%lld", x.id);
		p = page_as(cookie, pages[i]);
		pu_assert_has(p, want);
		pu_assert_text(p, "chosen from what you viewed");
		pu_assert_lacks(p, "<!--bz:sponsored ");
		assert_sponsored_labelled(p);
		ck_assert_ptr_nonnull(strstr(p->headers, "Cache-Control: no-store"));
		pu_free(p);
		/* The cached copy is still everybody's. */
		p = page_as(NULL, pages[i]);
		ck_assert_ptr_nonnull(strstr(p->headers, "X-Cache: HIT"));
		pu_assert_lacks(p, want);
		pu_assert_has(p, "<!--bz:sponsored ");
		pu_free(p);
	}
	/* The why page finds the reason again from the visitor's own list. */
	snprintf(want, sizeof want, "/sponsored/%lld/why?r=viewed", promo);
	p = page_as(cookie, want);
	pu_assert_text(p, "you recently viewed products in");
	pu_free(p);
	p = page_as("bz_rv=1", want);
	pu_assert_text(p, "nothing about you was used");
	pu_free(p);

	/* A logged-in shopper whose account viewed x, on another browser. */
	sat_member(&u, 1);
	ck_assert_int_eq(personal_recent_record(u.id, &x.id, 1), 0);
	snprintf(want, sizeof want, "href=\"/sponsored/%lld/why?r=viewed\"", promo);
	for (i = 0; i < 2; i++) {
		p = pu_get_as(&u, pages[i]);
		pu_assert_status(p, 200);
		pu_assert_has(p, want);
		pu_assert_text(p, "chosen from what you viewed and bought");
		assert_sponsored_labelled(p);
		pu_free(p);
	}
	/* Off: the pages' own choice, even with the list still sent. */
	ck_assert_int_eq(personal_set_enabled(u.id, 0), 0);
	snprintf(cookie, sizeof cookie, "%s; bz_rv=%lld", u.cookie, x.id);
	for (i = 0; i < 2; i++) {
		p = page_as(cookie, pages[i]);
		pu_assert_lacks(p, want);
		pu_assert_lacks(p, "?r=viewed");
		pu_free(p);
	}
	pu_user_delete(&u);
	drop_promotions();
}
END_TEST

START_TEST(test_personalisation_off)
{
	struct item a, b;
	char cookie[320];
	struct pu_user u;
	struct pu_page *p;

	item(&a, 16);
	item(&b, 17);
	sat_member(&u, 1);
	snprintf(cookie, sizeof cookie, "%s; bz_rv=%lld.%lld", u.cookie, a.id, b.id);
	p = pu_request("GET", "/", cookie);
	pu_assert_status(p, 200);
	assert_strip(p, &a, &b);
	/* "For you" (recs.h), from the views. */
	pu_assert_has(p, "<h2 id=\"for-you-title\">For you</h2>");
	pu_free(p);
	/* The views are kept for the account. */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 2);

	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_has(p, "action=\"/account/personalisation\"");
	pu_assert_text(p, "Turn personalisation off");
	pu_free(p);
	p = sat_post_as(&u, "/account/personalisation", sat_form("personalise", "sideways", NULL));
	pu_assert_status(p, 400);
	pu_free(p);
	p = sat_post_as(&u, "/account/personalisation", sat_form("personalise", "off", NULL));
	pu_assert_status(p, 303);
	ck_assert_ptr_nonnull(strstr(p->headers, "Set-Cookie: bz_np=1;"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(personal_enabled(u.id), 0);

	/* A browser still sending a list: no strip, nothing recorded. */
	p = pu_request("GET", "/", cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Recently viewed");
	pu_assert_lacks(p, "/_bazaar/recent");
	pu_assert_lacks(p, "For you");
	pu_free(p);
	p = pu_request("GET", "/recent/strip", cookie);
	pu_assert_status(p, 200);
	ck_assert_str_eq(p->body, "");
	pu_free(p);
	p = pu_request("GET", b.path, cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Recently viewed");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", u.id), 0);
	p = pu_get_as(&u, "/account");
	pu_assert_text(p, "Turn personalisation on");
	pu_free(p);
	p = sat_post_as(&u, "/account/personalisation", sat_form("personalise", "on", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(personal_enabled(u.id), 1);
	pu_user_delete(&u);
}
END_TEST

static Suite *
sf_personal_suite(void)
{
	Suite *s = suite_create("sf_personal");
	TCase *tc = pu_tcase_people(s, "personal");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_recent_anonymous);
	tcase_add_test(tc, test_clear);
	tcase_add_test(tc, test_recent_add);
	tcase_add_test(tc, test_sponsored_why);
	tcase_add_test(tc, test_sponsored_listings);
	tcase_add_test(tc, test_personalisation_off);
	return s;
}

CHECK_MAIN(sf_personal_suite)

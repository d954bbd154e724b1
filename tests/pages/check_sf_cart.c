/*
 * Page tests for sf_cart.c: adding from a product page (Origin checked, no
 * token), the cart page grouped by shop with its warnings, changing,
 * removing and saving lines, tampered input, another visitor's lines, the
 * merge at login and the header fragment of shared pages.
 */
#define PU_PREFIX "sf-cart"
#include "sf_account_util.h"
#include "cart.h"
#include "hdr.h"
#include "personal.h"

#define ORIGIN "http://localhost"
#define CSRF_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define VISITOR_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1"
#define VISITOR_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2"
#define COOKIE_A "bz_visitor=" VISITOR_A "; bz_csrf=" CSRF_A
#define COOKIE_B "bz_visitor=" VISITOR_B "; bz_csrf=" CSRF_A

static long long vendor_one, vendor_two, mug, lamp;

/* Two products of two shops, made for the test. */
static void
cart_fixture(void)
{
	char *row[2] = { NULL, NULL };

	/* What a failed run may have left. */
	db_exec("DELETE FROM carts WHERE id = ? OR id = ?", "ii", cart_for_visitor(VISITOR_A, 0),
		cart_for_visitor(VISITOR_B, 0));
	db_exec("DELETE e FROM events e JOIN products p ON p.id = e.subject_id WHERE e.type = 'product.changed'"
		" AND p.name IN ('Cart Test Mug', 'Cart Test Lamp') AND p.slug = 'page-test-lamp'", "");
	db_exec("DELETE FROM products WHERE name IN ('Cart Test Mug', 'Cart Test Lamp')"
		" AND slug = 'page-test-lamp'", "");
	ck_assert(pu_row1(row, 2, "SELECT MIN(id), MAX(id) FROM vendors WHERE status = 'verified'", "", NULL));
	vendor_one = atoll(row[0]);
	vendor_two = atoll(row[1]);
	pu_free_row(row, 2);
	ck_assert_int_ne(vendor_one, vendor_two);
	mug = pu_product_new(vendor_one);
	lamp = pu_product_new(vendor_two);
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'Cart Test Mug', price_minor = 1250 WHERE id = ?",
				 "i", mug), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'Cart Test Lamp', price_minor = 4000 WHERE id = ?",
				 "i", lamp), 1);
}

static void
cart_fixture_gone(void)
{
	db_exec("DELETE FROM carts WHERE user_id IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM cart_items ci WHERE ci.cart_id = carts.id)", "");
	pu_product_delete(mug);
	pu_product_delete(lamp);
	db_exec("DELETE FROM carts WHERE user_id IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM cart_items ci WHERE ci.cart_id = carts.id)", "");
	pu_origin = pu_fetch_site = NULL;
}

static struct pu_page *
post_add(const char *cookie, long long product, const char *qty)
{
	char body[96];

	snprintf(body, sizeof body, "product=%lld&qty=%s", product, qty);
	return pu_post("/cart/add", cookie, body);
}

static long long
cart_units(const char *visitor)
{
	return cart_count(cart_for_visitor(visitor, 0));
}

/* The id of the visitor's line of product. */
static long long
cart_line_of(const char *visitor, long long product)
{
	return db_scalar(-1, "SELECT ci.id FROM cart_items ci WHERE ci.cart_id = ? AND ci.product_id = ?", "ii",
			 cart_for_visitor(visitor, 0), product);
}

START_TEST(test_add_checks_origin)
{
	struct pu_page *p;

	cart_fixture();
	/* Neither header: refused, nothing made. */
	p = post_add(COOKIE_A, mug, "1");
	pu_assert_status(p, 403);
	pu_free(p);
	/* Another site's page. */
	pu_origin = "http://evil.example";
	p = post_add(COOKIE_A, mug, "1");
	pu_assert_status(p, 403);
	pu_free(p);
	pu_origin = NULL;
	pu_fetch_site = "cross-site";
	p = post_add(COOKIE_A, mug, "1");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(cart_for_visitor(VISITOR_A, 0), 0);
	/* From this site: added, no token needed. */
	pu_fetch_site = "same-origin";
	p = post_add(COOKIE_A, mug, "2");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/cart");
	pu_assert_flash(p, "Added to your cart.");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
	pu_fetch_site = NULL;
	pu_origin = ORIGIN;
	p = post_add(COOKIE_A, mug, "1");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(cart_units(VISITOR_A), 3);
	cart_fixture_gone();
}
END_TEST

START_TEST(test_first_add_makes_the_cart)
{
	struct pu_page *p;
	char cookie[600], visitor[300], key[300];

	cart_fixture();
	pu_origin = ORIGIN;
	p = post_add(NULL, lamp, "1");
	pu_assert_status(p, 303);
	snprintf(visitor, sizeof visitor, "%s", pu_set_cookie(p, "bz_visitor"));
	snprintf(key, sizeof key, "%s", pu_set_cookie(p, HDR_COOKIE));
	pu_free(p);
	ck_assert_uint_eq(strlen(visitor), 32);
	ck_assert_uint_eq(strlen(key), 32);
	ck_assert_int_eq(cart_units(visitor), 1);
	snprintf(cookie, sizeof cookie, "bz_visitor=%s; bz_hk=%s", visitor, key);
	p = pu_request("GET", "/cart", cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Cart Test Lamp");
	pu_assert_has(p, "Total for 1 item: <strong>€40.00</strong>");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
	db_exec("DELETE FROM carts WHERE id = ?", "i", cart_for_visitor(visitor, 0));
	cart_fixture_gone();
}
END_TEST

START_TEST(test_cart_page_by_shop)
{
	struct pu_page *p;
	char line[64];

	cart_fixture();
	pu_origin = ORIGIN;
	pu_free(post_add(COOKIE_A, mug, "2"));
	pu_free(post_add(COOKIE_A, lamp, "1"));
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Cart Test Mug");
	pu_assert_text(p, "Cart Test Lamp");
	pu_assert_text(p, "€25.00");
	pu_assert_has(p, "Total for 3 items: <strong>€65.00</strong>");
	pu_assert_has(p, "class=\"cart-subtotal\"");
	ck_assert_int_eq(pu_occurrences(p, "class=\"cart-subtotal\""), 2);
	snprintf(line, sizeof line, "action=\"/cart/items/%lld/quantity\"", cart_line_of(VISITOR_A, mug));
	pu_assert_has(p, line);
	pu_assert_has(p, "name=\"csrf\" value=\"" CSRF_A "\"");
	/* The header counts the units to buy. */
	pu_assert_has(p, "<span class=\"cart-count\">3");
	pu_free(p);

	/* What changed since: the price, the stock, the shop. */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 1300 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 1 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 0 WHERE id = ?", "i", lamp), 1);
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_status(p, 200);
	pu_assert_text(p, "The price changed from €12.50 to €13.00 since you added it.");
	pu_assert_text(p, "Only 1 left, fewer than you want");
	pu_assert_text(p, "Sold out since you added it");
	pu_free(p);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'archived' WHERE id = ?", "i", lamp), 1);
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_text(p, "No longer sold");
	pu_free(p);
	cart_fixture_gone();
}
END_TEST

/* "Goes well with what's in your cart": the rules of the cart's products
 * (the lamp goes with the mug), never a product already in it; without a
 * rule, best sellers under their own heading. */
START_TEST(test_goes_well)
{
	struct pu_page *p;
	const char *from;

	cart_fixture();
	pu_origin = ORIGIN;
	db_exec("DELETE FROM recs_rules WHERE antecedent_id = ?", "i", mug);
	ck_assert_int_eq(db_exec("INSERT INTO recs_rules (source, antecedent_id, consequent_id, baskets, support,"
				 " confidence, lift) VALUES ('bought', ?, ?, 4, 0.02, 0.5, 4.0)", "ii", mug, lamp), 1);
	pu_free(post_add(COOKIE_A, mug, "1"));
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"cart-goes-well\">Goes well with what's in your cart</h2>");
	from = strstr(p->body, "id=\"cart-goes-well\"");
	ck_assert_ptr_nonnull(strstr(from, "Cart Test Lamp"));
	ck_assert_ptr_null(strstr(from, "Cart Test Mug"));
	pu_free(p);
	/* The lamp in the cart too: it is not offered again. */
	pu_free(post_add(COOKIE_A, lamp, "1"));
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"cart-goes-well\">Best sellers</h2>");
	from = strstr(p->body, "id=\"cart-goes-well\"");
	ck_assert_ptr_null(strstr(from, "Cart Test Lamp"));
	pu_free(p);
	db_exec("DELETE FROM recs_rules WHERE antecedent_id = ?", "i", mug);
	/* An empty cart offers nothing. */
	db_exec("DELETE FROM carts WHERE id = ?", "i", cart_for_visitor(VISITOR_A, 0));
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_lacks(p, "cart-goes-well");
	pu_free(p);
	cart_fixture_gone();
}
END_TEST

/* Quantities that are not a whole number from 1 to 99 change nothing and
 * say which field is wrong. */
START_TEST(test_tampered_quantities)
{
	static const char *const bad[] = { "-1", "0", "1000000000", "1e3", "100", "2.5", "", "abc", NULL };
	struct pu_page *p;
	char uri[96], body[160];
	long long line;
	size_t i;

	cart_fixture();
	pu_origin = ORIGIN;
	pu_free(post_add(COOKIE_A, mug, "1"));
	line = cart_line_of(VISITOR_A, mug);
	ck_assert_int_gt(line, 0);
	snprintf(uri, sizeof uri, "/cart/items/%lld/quantity", line);
	for (i = 0; bad[i]; i++) {
		p = post_add(COOKIE_A, mug, bad[i]);
		ck_assert_msg(p->status == 422, "add %s: %d", bad[i], p->status);
		pu_assert_text(p, "Quantity");
		pu_free(p);
		snprintf(body, sizeof body, "csrf=" CSRF_A "&qty=%s", bad[i]);
		p = pu_post(uri, COOKIE_A, body);
		ck_assert_msg(p->status == 422, "quantity %s: %d", bad[i], p->status);
		pu_free(p);
	}
	ck_assert_int_eq(cart_units(VISITOR_A), 1);
	/* More than the stock (5). */
	p = post_add(COOKIE_A, mug, "5");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Only 4 more of that product can be added: nothing was added.");
	pu_free(p);
	snprintf(body, sizeof body, "csrf=" CSRF_A "&qty=6");
	p = pu_post(uri, COOKIE_A, body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Only 5 left: the quantity was not changed.");
	pu_free(p);
	ck_assert_int_eq(cart_units(VISITOR_A), 1);
	/* Extra fields are never read: the price is the product's. */
	pu_expect(422, pu_post("/cart/add", COOKIE_A, "product=0&qty=1"));
	snprintf(body, sizeof body, "product=%lld&qty=1&price=1&price_minor=1&vendor_id=1", mug);
	pu_expect(303, pu_post("/cart/add", COOKIE_A, body));
	ck_assert_int_eq(cart_units(VISITOR_A), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_added_minor FROM cart_items WHERE id = ?", "i", line), 1250);
	/* A product not on sale. */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'draft' WHERE id = ?", "i", lamp), 1);
	p = post_add(COOKIE_A, lamp, "1");
	pu_assert_status(p, 404);
	pu_free(p);
	/* Through the page, a good quantity. */
	snprintf(body, sizeof body, "csrf=" CSRF_A "&qty=4");
	pu_expect(303, pu_post(uri, COOKIE_A, body));
	ck_assert_int_eq(cart_units(VISITOR_A), 4);
	cart_fixture_gone();
}
END_TEST

/* Every step after the add carries the token; another visitor's line ids
 * are not found. */
START_TEST(test_lines_of_others)
{
	static const char *const steps[] = { "remove", "save", "move", "quantity", NULL };
	struct pu_page *p;
	char uri[96];
	long long line;
	size_t i;

	cart_fixture();
	pu_origin = ORIGIN;
	pu_free(post_add(COOKIE_A, mug, "2"));
	pu_free(post_add(COOKIE_B, lamp, "1"));
	line = cart_line_of(VISITOR_A, mug);
	for (i = 0; steps[i]; i++) {
		snprintf(uri, sizeof uri, "/cart/items/%lld/%s", line, steps[i]);
		/* B, with its own token */
		p = pu_post(uri, COOKIE_B, "csrf=" CSRF_A "&qty=1");
		ck_assert_msg(p->status == 404, "%s by another: %d", steps[i], p->status);
		pu_free(p);
		/* A without the token */
		p = pu_post(uri, COOKIE_A, "qty=1");
		ck_assert_msg(p->status == 403, "%s without a token: %d", steps[i], p->status);
		pu_free(p);
	}
	ck_assert_int_eq(cart_units(VISITOR_A), 2);
	ck_assert_int_eq(cart_units(VISITOR_B), 1);

	/* A's own steps. */
	snprintf(uri, sizeof uri, "/cart/items/%lld/save", line);
	p = pu_post(uri, COOKIE_A, "csrf=" CSRF_A);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Saved for later.");
	pu_free(p);
	ck_assert_int_eq(cart_units(VISITOR_A), 0);
	p = pu_request("GET", "/cart", COOKIE_A);
	pu_assert_text(p, "Saved for later");
	pu_assert_text(p, "Your cart is empty.");
	pu_free(p);
	snprintf(uri, sizeof uri, "/cart/items/%lld/move", line);
	pu_expect(303, pu_post(uri, COOKIE_A, "csrf=" CSRF_A));
	ck_assert_int_eq(cart_units(VISITOR_A), 2);
	snprintf(uri, sizeof uri, "/cart/items/%lld/remove", line);
	p = pu_post(uri, COOKIE_A, "csrf=" CSRF_A);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Removed from your cart.");
	pu_free(p);
	ck_assert_int_eq(cart_units(VISITOR_A), 0);
	ck_assert_int_eq(cart_units(VISITOR_B), 1);
	cart_fixture_gone();
}
END_TEST

/* Logging in merges the visitor's cart into the account's, which stays
 * after logout. */
START_TEST(test_merge_at_login)
{
	struct pu_user u;
	struct pu_page *p;
	char body[900], cookie[300], key[300];
	long long cart;

	cart_fixture();
	sat_user_new(&u, "customer", 1);
	pu_origin = ORIGIN;
	pu_free(post_add(COOKIE_A, mug, "2"));
	snprintf(body, sizeof body, "csrf=" CSRF_A "&email=%s&password=%s", u.email, "page+test+password+1");
	p = pu_post("/login", COOKIE_A, body);
	pu_assert_status(p, 303);
	snprintf(cookie, sizeof cookie, "bz_session=%s", pu_set_cookie(p, "bz_session"));
	snprintf(key, sizeof key, "%s", pu_set_cookie(p, HDR_COOKIE));
	pu_free(p);
	cart = cart_for_user(u.id, 0);
	ck_assert_int_gt(cart, 0);
	ck_assert_int_eq(cart_count(cart), 2);
	ck_assert_int_eq(cart_for_visitor(VISITOR_A, 0), 0);
	{
		char have[40];

		ck_assert_int_eq(cart_header_key(cart, have), 0);
		ck_assert_str_eq(key, have);
	}
	p = pu_request("GET", "/cart", cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Cart Test Mug");
	pu_free(p);
	/* Logging out clears the header key; the cart stays the account's. */
	snprintf(body, sizeof body, "%s; bz_hk=%s", cookie, key);
	p = pu_post("/logout", body, "");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_set_cookie(p, HDR_COOKIE), "");
	pu_free(p);
	ck_assert_int_eq(cart_count(cart_for_user(u.id, 0)), 2);
	db_exec("DELETE FROM carts WHERE user_id = ?", "i", u.id);
	pu_user_delete(&u);
	cart_fixture_gone();
}
END_TEST

/* The header fragment nginx puts into shared pages: the visitor's own
 * links, stored under its key only for its own cart, forgotten on change. */
START_TEST(test_header_fragment)
{
	struct pu_user u;
	struct pu_page *p;
	char cookie[256], key[40], mkey[48];
	long long cart;
	size_t len;
	char *cached;

	cart_fixture();
	sat_member(&u, 1);
	cart = cart_for_user(u.id, 1);
	ck_assert_int_eq(cart_add(cart, mug, 3, NULL), 0);
	ck_assert_int_eq(cart_header_key(cart, key), 0);
	snprintf(mkey, sizeof mkey, "hd:%s", key);
	cache_delete(mkey);
	snprintf(cookie, sizeof cookie, "%s; bz_hk=%s", u.cookie, key);
	p = pu_request("GET", "/cart/header", cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<a class=\"account-name\" href=\"/account\">Page Test</a>");
	pu_assert_has(p, "<span class=\"cart-count\">3");
	pu_assert_has(p, "action=\"/logout\"");
	/* no token in it: it may be shown on any page of the visitor's */
	pu_assert_lacks(p, u.csrf);
	pu_assert_lacks(p, "<html");
	cached = cache_get(mkey, &len);
	ck_assert_ptr_nonnull(cached);
	ck_assert_uint_eq(len, strlen(p->body));
	free(cached);
	pu_free(p);
	/* A change of the cart forgets it. */
	ck_assert_int_eq(cart_add(cart, mug, 1, NULL), 0);
	ck_assert_ptr_null(cache_get(mkey, &len));
	/* A key that is not the visitor's own is never stored. */
	snprintf(cookie, sizeof cookie, "bz_hk=%s", key);
	p = pu_request("GET", "/cart/header", cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/login\"");
	pu_assert_lacks(p, "cart-count");
	pu_free(p);
	ck_assert_ptr_null(cache_get(mkey, &len));
	db_exec("DELETE FROM carts WHERE user_id = ?", "i", u.id);
	pu_user_delete(&u);
	cart_fixture_gone();
}
END_TEST

/* The product page is one shared page: a visitor with a cart and a session
 * gets the very bytes an anonymous visitor gets except the header's links,
 * which the storefront fills for it (hdr_fill); the stored copy keeps the
 * SSI directive and the add-to-cart form carries no token. */
static char *
without_account_nav(const char *body)
{
	const char *b = strstr(body, "<nav class=\"account-nav\"");
	const char *e = b ? strstr(b, "</nav>") : NULL;
	char *out;

	ck_assert_ptr_nonnull(e);
	e += strlen("</nav>");
	out = malloc(strlen(body) + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, body, (size_t)(b - body));
	strcpy(out + (b - body), e);
	return out;
}

START_TEST(test_shared_product_page)
{
	struct pu_user u;
	struct pu_page *anon, *mine;
	char path[160], form[96], cookie[256], key[40], pkey[200];
	char *a, *m, *stored;
	long long cart;
	size_t len;

	cart_fixture();
	sat_member(&u, 1);
	cart = cart_for_user(u.id, 1);
	ck_assert_int_eq(cart_add(cart, mug, 2, NULL), 0);
	ck_assert_int_eq(cart_header_key(cart, key), 0);
	catalog_product_path(mug, "page-test-lamp", path, sizeof path);
	anon = pu_get(path);
	pu_assert_status(anon, 200);
	snprintf(form, sizeof form, "<input type=\"hidden\" name=\"product\" value=\"%lld\">", mug);
	pu_assert_has(anon, "action=\"/cart/add\"");
	pu_assert_has(anon, form);
	pu_assert_lacks(anon, "name=\"csrf\"");
	pu_assert_has(anon, "<!--# include virtual=\"/_bazaar/header\" -->");
	snprintf(cookie, sizeof cookie, "%s; bz_hk=%s; bz_visitor=" VISITOR_A, u.cookie, key);
	mine = pu_request("GET", path, cookie);
	pu_assert_status(mine, 200);
	ck_assert_str_eq(pu_header(mine, "X-Cache"), "HIT");
	a = without_account_nav(anon->body);
	m = without_account_nav(mine->body);
	/* The recently viewed slot is the visitor's too (personal.h): SSI
	 * works it out for a visitor with a session, a guest gets it as
	 * comments. */
	{
		char *slot = strstr(a, PERSONAL_RECENT_SSI);

		ck_assert_ptr_nonnull(slot);
		memmove(slot, slot + strlen(PERSONAL_RECENT_SSI), strlen(slot + strlen(PERSONAL_RECENT_SSI)) + 1);
	}
	ck_assert_str_eq(m, a);
	free(a);
	free(m);
	pu_assert_has(mine, "<span class=\"cart-count\">2<");
	pu_assert_lacks(mine, "<!--# include");
	pu_assert_lacks(mine, "name=\"csrf\" value");
	/* The stored copy is still everyone's. */
	snprintf(pkey, sizeof pkey, "pg:%s", path);
	stored = cache_get(pkey, &len);
	ck_assert_ptr_nonnull(stored);
	ck_assert_ptr_null(strstr(stored, "cart-count"));
	ck_assert_ptr_nonnull(strstr(stored, "<!--# include virtual=\"/_bazaar/header\" -->"));
	free(stored);
	pu_free(anon);
	pu_free(mine);
	db_exec("DELETE FROM carts WHERE user_id = ?", "i", u.id);
	pu_user_delete(&u);
	cart_fixture_gone();
}
END_TEST

static Suite *
sf_cart_suite(void)
{
	Suite *s = suite_create("sf_cart");
	TCase *tc = pu_tcase_people(s, "cart");

	tcase_add_test(tc, test_add_checks_origin);
	tcase_add_test(tc, test_first_add_makes_the_cart);
	tcase_add_test(tc, test_cart_page_by_shop);
	tcase_add_test(tc, test_goes_well);
	tcase_add_test(tc, test_tampered_quantities);
	tcase_add_test(tc, test_lines_of_others);
	tcase_add_test(tc, test_merge_at_login);
	tcase_add_test(tc, test_header_fragment);
	tcase_add_test(tc, test_shared_product_page);
	return s;
}

CHECK_MAIN(sf_cart_suite)

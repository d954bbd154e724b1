/*
 * Page tests for sf_checkout.c: the checkout form, the review, placing the
 * order (once per form, whatever is sent twice or added to it) and the
 * order placed page, for a customer and a guest. The tests make their own
 * two shops (one takes no bank transfer and charges shipping) with products,
 * named sf-checkout-*, and remove them with their orders.
 */
#define PU_PREFIX "sf-checkout"
#include "sf_account_util.h"

#include "cart.h"
#include "pricing.h"
#include "shipping.h"

static long long plan_id, vendor_a, vendor_b, cat_id, mug, lamp;

/* Orders of the tests' people and of the tests' shops, then the shops. */
static void
checkout_cleanup_rows(void)
{
	static const char *const sql[] = {
		"DELETE h FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.email LIKE ?",
		"DELETE i FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.email LIKE ?",
		"DELETE vo FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id WHERE o.email LIKE ?",
		"DELETE u FROM coupon_uses u JOIN orders o ON o.id = u.order_id WHERE o.email LIKE ?",
		"DELETE p FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.email LIKE ?",
		"DELETE FROM orders WHERE email LIKE ?",
	};
	size_t i;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (db_exec(sql[i], "s", PU_PREFIX "-%@example.test") < 0)
			fprintf(stderr, "page test: clean-up failed: %s\n", db_error());
	db_exec("DELETE c FROM carts c JOIN users u ON u.id = c.user_id WHERE u.email LIKE ?", "s",
		PU_PREFIX "-%@example.test");
	db_exec("DELETE ci FROM cart_items ci JOIN products p ON p.id = ci.product_id JOIN vendors v"
		" ON v.id = p.vendor_id WHERE v.slug LIKE 'sf-checkout-%'", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug LIKE 'sf-checkout-%'", "");
	db_exec("DELETE s FROM vendor_shipping s JOIN vendors v ON v.id = s.vendor_id WHERE v.slug LIKE 'sf-checkout-%'",
		"");
	db_exec("DELETE s FROM vendor_ship_countries s JOIN vendors v ON v.id = s.vendor_id"
		" WHERE v.slug LIKE 'sf-checkout-%'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'sf-checkout-%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'sf-checkout-cat'", "");
	db_exec("DELETE FROM coupons WHERE code LIKE 'SF-CHECKOUT-%'", "");
	db_exec("DELETE FROM plans WHERE name = 'sf-checkout-plan'", "");
}

static void
checkout_cleanup(void)
{
	pu_parent_begin();
	checkout_cleanup_rows();
	pu_cleanup_people(PU_PREFIX);
	pu_parent_end();
}

static long long
add_vendor(const char *slug, const char *name)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES (?, ?, 'Checkout Test Ltd', '', 'verified', ?)", "ssi", slug, name, plan_id), 1);
	return (long long)db_insert_id();
}

static long long
add_product(long long vendor, const char *name, long long price, long long stock)
{
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description,"
				 " price_minor, stock, status) VALUES (?, ?, ?, ?, 'sf-checkout', '', ?, ?, 'active')",
				 "iiisii", vendor, cat_id, cat_id, name, price, stock), 1);
	return (long long)db_insert_id();
}

/* The shops, in the test's process (after pu_setup). */
static void
shops(void)
{
	struct shipping_terms t;

	checkout_cleanup_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor)"
				 " VALUES ('sf-checkout-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	vendor_a = add_vendor("sf-checkout-a", "Anchor Goods");
	vendor_b = add_vendor("sf-checkout-b", "Beacon Lamps");
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth) VALUES"
				 " (NULL, 'sf-checkout-cat', 'Checkout Test', 0)", ""), 1);
	cat_id = (long long)db_insert_id();
	ck_assert_int_eq(pricing_set_category_tax(cat_id, 1900), 0);
	shipping_defaults(vendor_b, &t);
	t.flat_rate_minor = 495;
	t.free_above_minor = 100000;
	t.methods = SHIPPING_CARD | SHIPPING_PAYPAL;
	ck_assert_int_eq(shipping_add_country(&t, "DE"), 0);
	ck_assert_int_eq(shipping_save(&t), 0);
	mug = add_product(vendor_a, "Harbour Mug", 1299, 20);
	lamp = add_product(vendor_b, "Beacon Lamp", 8999, 20);
}

/* A customer with mugs and a lamp in the cart. */
static long long
customer_with_cart(struct pu_user *u)
{
	long long cart;

	sat_member(u, 1);
	cart = cart_for_user(u->id, 1);
	ck_assert_int_gt(cart, 0);
	ck_assert_int_eq(cart_add(cart, mug, 2, NULL), 0);
	ck_assert_int_eq(cart_add(cart, lamp, 1, NULL), 0);
	return cart;
}

/* The value of the hidden field name in the page (static), or "". */
static const char *
hidden(const struct pu_page *p, const char *name)
{
	static char out[128];
	char marker[64];
	const char *at, *end;

	out[0] = '\0';
	snprintf(marker, sizeof marker, "name=\"%s\" value=\"", name);
	if ((at = strstr(p->body, marker)) == NULL)
		return out;
	at += strlen(marker);
	end = strchr(at, '"');
	if (end && (size_t)(end - at) < sizeof out) {
		memcpy(out, at, (size_t)(end - at));
		out[end - at] = '\0';
	}
	return out;
}

static char *
address_form(const char *method, const char *extra_name, const char *extra_value)
{
	return sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "de", "phone", "", "method", method, "coupon", "",
			extra_name, extra_value, NULL);
}

START_TEST(test_empty_cart)
{
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	p = pu_get_as(&u, "/checkout");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Your cart is empty.");
	pu_free(p);
	p = pu_get("/checkout");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Your cart is empty.");
	pu_free(p);
}
END_TEST

START_TEST(test_customer_checkout)
{
	struct pu_user u, other;
	struct pu_page *p;
	char key[64], quote[80], *form, uri[64], provider_page[1024];
	long long cart, order_id, total = 2 * 1299 + 8999 + 495;

	shops();
	cart = customer_with_cart(&u);
	p = pu_get_as(&u, "/checkout");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Harbour Mug");
	pu_assert_text(p, "Beacon Lamp");
	/* The bank transfer is ruled out by the shop that does not take it. */
	pu_assert_has(p, "id=\"method-bank_transfer\" name=\"method\" type=\"radio\" value=\"bank_transfer\" disabled");
	pu_assert_text(p, "Not accepted by Beacon Lamps.");
	pu_free(p);

	/* A new address with a field missing, no method: the form again. */
	p = sat_post_as(&u, "/checkout/review", sat_form("address_id", "0", "name", "Ada Buyer", "line1", "",
							 "city", "Berlin", "postcode", "10115", "country", "de", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the street and house number.");
	pu_assert_text(p, "Choose how to pay.");
	pu_assert_has(p, "value=\"Ada Buyer\"");
	pu_free(p);
	/* The method a shop refuses, a country nobody delivers to. */
	p = sat_post_as(&u, "/checkout/review", address_form("bank_transfer", NULL, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Bank transfer: Not accepted by Beacon Lamps.");
	pu_free(p);
	p = sat_post_as(&u, "/checkout/review", sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Rue",
							 "city", "Paris", "postcode", "75001", "country", "FR",
							 "method", "card", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "does not deliver to France.");
	pu_free(p);
	/* Someone else's saved address is not one of yours. */
	p = sat_post_as(&u, "/checkout/review", sat_form("address_id", "1", "method", "card", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose one of your addresses, or enter a new one.");
	pu_free(p);

	/* The review: every amount from the database; fields the form should
	 * not have (a price, a total, a vendor) are not read. */
	form = address_form("card", "total", "1");
	p = sat_post_as(&u, "/checkout/review", form);
	pu_assert_status(p, 200);
	pu_assert_text(p, "From Anchor Goods");
	pu_assert_text(p, "From Beacon Lamps");
	pu_assert_text(p, "€4.95");
	pu_assert_has(p, "id=\"order-total\" data-minor=\"12092\"");
	snprintf(key, sizeof key, "%s", hidden(p, "key"));
	snprintf(quote, sizeof quote, "%s", hidden(p, "quote"));
	ck_assert_uint_eq(strlen(key), 43);
	ck_assert_uint_eq(strlen(quote), 64);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE user_id = ?", u.id), 0);

	/* Without the token: refused, nothing ordered. */
	pu_expect(403, pu_post("/checkout/place", u.cookie, "key=x"));
	/* A form without its key or hash. */
	p = sat_post_as(&u, "/checkout/place", address_form("card", "key", "short"));
	pu_assert_status(p, 400);
	pu_free(p);

	/* Placed, with extra fields that try to set the price, the total and the vendor. */
	form = sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "DE", "phone", "", "method", "card", "coupon", "",
			"save_address", "1", "key", key, "quote", quote, "price", "1", "total", "1",
			"vendor_id", "1", "unit_price_minor", "1", NULL);
	p = sat_post_as(&u, "/checkout/place", form);
	pu_assert_status(p, 303);
	order_id = pu_count("SELECT MAX(id) FROM orders WHERE user_id = ?", u.id);
	ck_assert_int_gt(order_id, 0);
	snprintf(uri, sizeof uri, "/checkout/placed/%lld", order_id);
	/* A card order goes on to the payment provider's page (sf_payment_start). */
	ck_assert_msg(pu_header(p, "Location") != NULL && strstr(pu_header(p, "Location"), "/sandbox/pay/sbp-") != NULL,
		      "Location %s", pu_header(p, "Location") ? pu_header(p, "Location") : "(none)");
	snprintf(provider_page, sizeof provider_page, "%s", pu_header(p, "Location"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT total_minor FROM orders WHERE id = ?", order_id), total);
	ck_assert_int_eq(pu_count("SELECT SUM(total_minor) FROM vendor_orders WHERE order_id = ?", order_id), total);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE order_id = ?", order_id), 2);
	ck_assert_int_eq(pu_count("SELECT stock FROM products WHERE id = ?", mug), 18);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM cart_items WHERE cart_id = ?", cart), 0);
	/* The new address was saved, sealed. */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ? AND body_enc IS NOT NULL", u.id), 1);

	/* The same form again (a double click, a retried request): the same order. */
	form = sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "DE", "phone", "", "method", "card", "coupon", "",
			"save_address", "1", "key", key, "quote", quote, NULL);
	p = sat_post_as(&u, "/checkout/place", form);
	pu_assert_status(p, 303);
	pu_assert_location(p, provider_page);	/* the same provider's page */
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE user_id = ?", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT stock FROM products WHERE id = ?", mug), 18);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 1);

	/* The order placed page: the customer's own only. */
	p = pu_get_as(&u, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Placed, waiting for the payment (Card).");
	pu_assert_text(p, "€120.92");
	pu_assert_text(p, "from Beacon Lamps");
	pu_free(p);

	sat_member(&other, 1);
	pu_expect(404, pu_get_as(&other, uri));

	pu_expect(404, pu_get(uri));
	pu_expect(404, pu_get_as(&u, "/checkout/placed/999999999999"));

	/* The same key with another cart: refused, shown for review again. */
	ck_assert_int_eq(cart_add(cart, mug, 1, NULL), 0);
	form = sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "DE", "phone", "", "method", "card", "coupon", "",
			"key", key, "quote", "0000000000000000000000000000000000000000000000000000000000000000", NULL);
	p = sat_post_as(&u, "/checkout/place", form);
	pu_assert_status(p, 409);
	pu_assert_text(p, "This order form was already used for another order.");
	ck_assert_str_ne(hidden(p, "key"), key);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE user_id = ?", u.id), 1);
}
END_TEST

START_TEST(test_changed_and_short)
{
	struct pu_user u;
	struct pu_page *p;
	char key[64], quote[80], *form;

	shops();
	customer_with_cart(&u);
	p = sat_post_as(&u, "/checkout/review", address_form("card", NULL, NULL));
	pu_assert_status(p, 200);
	snprintf(key, sizeof key, "%s", hidden(p, "key"));
	snprintf(quote, sizeof quote, "%s", hidden(p, "quote"));
	pu_free(p);
	/* The price changed since the review: shown again with the new total. */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 1399 WHERE id = ?", "i", mug), 1);
	form = sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "DE", "phone", "", "method", "card", "coupon", "",
			"key", key, "quote", quote, NULL);
	p = sat_post_as(&u, "/checkout/place", form);
	pu_assert_status(p, 409);
	pu_assert_text(p, "Something in your order changed since you reviewed it");
	pu_assert_has(p, "data-minor=\"12292\"");
	snprintf(quote, sizeof quote, "%s", hidden(p, "quote"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE user_id = ?", u.id), 0);
	/* Sold out meanwhile: back to the cart, saying so; nothing written. */
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 1 WHERE id = ?", "i", mug), 1);
	form = sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "", "city", "Berlin",
			"postcode", "10115", "country", "DE", "phone", "", "method", "card", "coupon", "",
			"key", key, "quote", quote, NULL);
	p = sat_post_as(&u, "/checkout/place", form);
	pu_assert_status(p, 303);
	pu_assert_location(p, "/cart");
	pu_assert_flash(p, "Only 1 of");
	pu_assert_flash(p, "Harbour Mug");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT stock FROM products WHERE id = ?", lamp), 20);
}
END_TEST

START_TEST(test_guest_checkout)
{
	struct sat_guest g;
	struct pu_page *p;
	char visitor[33] = "0123456789abcdef0123456789abcdef", cookie[256], key[64], quote[80], uri[64], email[128];
	char token[TOKEN_TEXT_SIZE];
	long long cart, order_id;
	const char *set;

	shops();
	/* A visitor id, then a cart for it, as adding to the cart makes them. */
	for (int i = 0; i < 32; i++)
		visitor[i] = "0123456789abcdef"[(getpid() + i * 7) % 16];
	cart = cart_for_visitor(visitor, 1);
	ck_assert_int_gt(cart, 0);
	ck_assert_int_eq(cart_add(cart, mug, 1, NULL), 0);
	sat_guest(&g);
	snprintf(cookie, sizeof cookie, "%s; bz_visitor=%s", g.cookie, visitor);
	ck_assert_uint_lt(strlen(cookie), sizeof g.cookie);
	memcpy(g.cookie, cookie, strlen(cookie) + 1);
	p = pu_request("GET", "/checkout", g.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Harbour Mug");
	pu_assert_has(p, "id=\"email\"");
	pu_assert_has(p, "href=\"/login?next=/checkout\"");
	pu_free(p);
	/* A guest must give an email address. */
	p = sat_guest_post(&g, "/checkout/review", address_form("bank_transfer", NULL, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter your email address");
	pu_free(p);
	pu_email(PU_PREFIX, email, sizeof email);
	p = sat_guest_post(&g, "/checkout/review", address_form("bank_transfer", "email", email));
	pu_assert_status(p, 200);
	snprintf(key, sizeof key, "%s", hidden(p, "key"));
	snprintf(quote, sizeof quote, "%s", hidden(p, "quote"));
	pu_free(p);
	p = sat_guest_post(&g, "/checkout/place",
			   sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer", "line2", "",
				    "city", "Berlin", "postcode", "10115", "country", "DE", "phone", "",
				    "method", "bank_transfer", "coupon", "", "email", email, "key", key,
				    "quote", quote, NULL));
	pu_assert_status(p, 303);
	order_id = pu_count_s("SELECT MAX(id) FROM orders WHERE email = ?", email);
	ck_assert_int_gt(order_id, 0);
	snprintf(uri, sizeof uri, "/checkout/placed/%lld", order_id);
	pu_assert_location(p, uri);
	set = pu_set_cookie(p, "bz_order");
	ck_assert_ptr_nonnull(set);
	snprintf(token, sizeof token, "%s", set);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT user_id IS NULL AND guest_token_hash IS NOT NULL FROM orders WHERE id = ?",
				  order_id), 1);
	/* The confirmation carries the guest's link, which opens the order and
	 * confirms the address. */
	{
		char *mail = sat_mail(email, "order_placed"), link[128];
		struct pu_page *o;

		ck_assert_ptr_nonnull(mail);
		ck_assert_ptr_nonnull(strstr(mail, token));
		free(mail);
		snprintf(link, sizeof link, "/orders/%lld/guest?token=%s", order_id, token);
		o = pu_get(link);
		pu_assert_status(o, 200);
		pu_free(o);
		ck_assert_int_eq(pu_count("SELECT email_verified_at IS NOT NULL FROM orders WHERE id = ?", order_id), 1);
	}
	/* The order placed page: with the token only. */
	pu_expect(404, pu_request("GET", uri, g.cookie));
	snprintf(cookie, sizeof cookie, "%s; bz_order=%s", g.cookie, token);
	p = pu_request("GET", uri, cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Placed, waiting for your bank transfer.");
	pu_free(p);
}
END_TEST

/* A coupon typed at the checkout: its discount on the review and in the
 * order; a code that does not exist is refused next to its field. */
START_TEST(test_coupon)
{
	struct pu_user u;
	struct pu_page *p;
	char key[64], quote[80];
	long long order_id;

	shops();
	customer_with_cart(&u);
	ck_assert_int_eq(db_exec("INSERT INTO coupons (code, owner, kind, percent_bp) VALUES"
				 " ('SF-CHECKOUT-TEN', 'admin', 'percent', 1000)", ""), 1);
	p = sat_post_as(&u, "/checkout/review", sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer",
							 "city", "Berlin", "postcode", "10115", "country", "DE",
							 "method", "card", "coupon", "SF-CHECKOUT-NONE", NULL));
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"coupon-error\"");
	pu_free(p);
	p = sat_post_as(&u, "/checkout/review", sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer",
							 "city", "Berlin", "postcode", "10115", "country", "DE",
							 "method", "card", "coupon", " sf-checkout-ten ", NULL));
	pu_assert_status(p, 200);
	/* 10% of 25.98 and of 89.99, the shipping not discounted. */
	pu_assert_has(p, "data-minor=\"10932\"");
	pu_assert_text(p, "SF-CHECKOUT-TEN");
	snprintf(key, sizeof key, "%s", hidden(p, "key"));
	snprintf(quote, sizeof quote, "%s", hidden(p, "quote"));
	ck_assert_str_eq(hidden(p, "coupon"), "SF-CHECKOUT-TEN");
	pu_free(p);
	p = sat_post_as(&u, "/checkout/place", sat_form("address_id", "0", "name", "Ada Buyer", "line1", "1 Spree Ufer",
							"line2", "", "city", "Berlin", "postcode", "10115", "country", "DE",
							"phone", "", "method", "card", "coupon", "SF-CHECKOUT-TEN", "key", key,
							"quote", quote, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	order_id = pu_count("SELECT MAX(id) FROM orders WHERE user_id = ?", u.id);
	ck_assert_int_eq(pu_count("SELECT discount_minor FROM orders WHERE id = ?", order_id), 260 + 900);
	ck_assert_int_eq(pu_count("SELECT total_minor FROM orders WHERE id = ?", order_id), 10932);
	ck_assert_int_eq(pu_count("SELECT uses FROM coupons WHERE code = 'SF-CHECKOUT-TEN' AND id > ?", 0), 1);
}
END_TEST

static Suite *
sf_checkout_suite(void)
{
	Suite *s = suite_create("sf_checkout");
	TCase *tc = pu_tcase_changing(s, "checkout", checkout_cleanup, checkout_cleanup);

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_empty_cart);
	tcase_add_test(tc, test_customer_checkout);
	tcase_add_test(tc, test_changed_and_short);
	tcase_add_test(tc, test_guest_checkout);
	tcase_add_test(tc, test_coupon);
	return s;
}

CHECK_MAIN(sf_checkout_suite)

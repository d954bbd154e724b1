/*
 * bazaar-demo_reviews: demo orders, deliveries and reviews, on a development
 * database with the demo catalogue and shops but no order yet (scripts/stack
 * runs it after the demo accounts and shipping terms; it does nothing once
 * any order exists). Every step goes through the code the pages use, so
 * every rating the shop shows is backed by reviews one can read:
 *   order_place          the checkout's "Place order" (a bank transfer);
 *   payment_open,
 *   payment_succeeded    the payment recorded, the order paid, the
 *                        earnings booked (as a reconciled transfer is);
 *   orderflow_ship,
 *   orderflow_deliver    each shop sends it and marks it delivered;
 *   review_create        a review of each item, as /p/{id}/review posts it;
 *   review_reply         some shops answer, as /vendor/reviews does.
 * The reviewers are a few demo customers without a password (they cannot
 * log in; their names show on the reviews). Exit status 0, or 1 with the
 * reason on standard error.
 */
#include "address.h"
#include "arena.h"
#include "cfg.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "orderflow.h"
#include "payment.h"
#include "review.h"
#include "tmpl.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define DEMO_REVIEWS_SHOPS	6	/* shops whose products get reviews */
#define DEMO_REVIEWS_PRODUCTS	3	/* products of each */

static const struct {
	const char *email, *name;
} demo_reviewers[] = {
	{ "mara.lindqvist@demo.bazaar.test", "Mara Lindqvist" },
	{ "tomasz.wojcik@demo.bazaar.test", "Tomasz Wójcik" },
	{ "aisha.bello@demo.bazaar.test", "Aisha Bello" },
	{ "jules.moreau@demo.bazaar.test", "Jules Moreau" },
};
#define DEMO_NREVIEWERS (sizeof demo_reviewers / sizeof demo_reviewers[0])

/* What the reviewers say: a rating, a title and a text, in turn. */
static const struct {
	int rating;
	const char *title, *body;
} demo_texts[] = {
	{ 5, "Exactly as described", "Arrived quickly and well packed. It looks even better than in the pictures." },
	{ 4, "Good value", "Does what it should and feels solid. One star off because the box was a little dented." },
	{ 5, "Would buy again", "Second one I have bought from this shop. Lovely quality, fast delivery." },
	{ 3, "Fine, not more", "It is all right for the price, but I expected a little more from the description." },
	{ 4, "Happy with it", "Nice finish and easy to use. Delivery took a day longer than promised." },
	{ 2, "Smaller than I thought", "Check the measurements before ordering: it is smaller than it looks. "
	  "The shop answered my question quickly, though." },
};
#define DEMO_NTEXTS (sizeof demo_texts / sizeof demo_texts[0])

static int
demo_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_reviews: %s\n", what);
	return 1;
}

/* The reviewer's account, made once. */
static long long
demo_reviewer(size_t i)
{
	long long id = db_scalar(0, "SELECT id FROM users WHERE email = ?", "s", demo_reviewers[i].email);

	if (id > 0)
		return id;
	if (db_exec("INSERT INTO users (email, name, role, email_verified_at, created_at)"
		    " VALUES (?, ?, 'customer', UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP() - INTERVAL 60 DAY)",
		    "ss", demo_reviewers[i].email, demo_reviewers[i].name) != 1)
		return -1;
	return (long long)db_insert_id();
}

/* One order of one unit of product by the reviewer, paid, shipped and
 * delivered; its item id, or -1. */
static long long
demo_order(struct arena *a, long long user_id, const char *email, const char *name, long long product_id)
{
	const struct address ship = { name, "12 Demo Street", "", "Berlin", "10115", "DE", "" };
	struct order_line line = { product_id, 1 };
	char key[TOKEN_TEXT_SIZE], event[64];
	struct order_request req = {
		.lines = &line, .nlines = 1, .user_id = user_id, .email = email, .ship = &ship,
		.method = ORDER_BANK_TRANSFER, .idempotency_key = key,
	};
	struct order_result res;
	struct db_result *r;
	long long payment_id, vo, vendor_id, item;

	order_new_key(key);
	if (order_place(a, &req, &res) != 0 || res.outcome != ORDER_PLACED) {
		fprintf(stderr, "bazaar-demo_reviews: product %lld: %s\n", product_id,
			res.message ? res.message : "not placed");
		order_quote_free(&res.quote);
		return -1;
	}
	order_quote_free(&res.quote);
	snprintf(event, sizeof event, "demo:%lld", res.order_id);
	if (payment_open(res.order_id, &payment_id) != 0 || payment_succeeded(payment_id, "bank", event) != 0)
		return -1;
	r = db_query("SELECT vo.id, vo.vendor_id, i.id FROM vendor_orders vo JOIN order_items i ON i.vendor_order_id = vo.id"
		     " WHERE vo.order_id = ?", "i", res.order_id);
	if (r == NULL || !db_next(r)) {
		db_free(r);
		return -1;
	}
	vo = db_int(r, 0);
	vendor_id = db_int(r, 1);
	item = db_int(r, 2);
	db_free(r);
	{
		struct orderflow_actor who = { "vendor", 0, vendor_id };
		char tracking[32];

		snprintf(tracking, sizeof tracking, "DEMO%08lld", vo);
		if (orderflow_ship(vo, &who, "DHL", tracking) != 0 || orderflow_deliver(vo, &who) != 0)
			return -1;
	}
	return item;
}

int
main(void)
{
	struct db_result *shops, *products;
	struct arena a;
	size_t n = 0, answered = 0;
	long long reviewers[DEMO_NREVIEWERS];

	if (cfg_load() != 0 || sodium_init() < 0 || crypt_init() != 0 ||
	    tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) != 0 || db_connect() != 0)
		return demo_fail("cannot start (settings, keys, templates or database)");
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM orders)", "") != 0)
		return 0;
	for (size_t i = 0; i < DEMO_NREVIEWERS; i++)
		if ((reviewers[i] = demo_reviewer(i)) <= 0)
			return demo_fail("cannot make the reviewers' accounts");
	shops = db_query("SELECT id FROM vendors WHERE status = 'verified' ORDER BY id LIMIT 6", "");
	if (shops == NULL)
		return demo_fail(db_error());
	arena_init(&a);
	while (db_next(shops)) {
		products = db_query("SELECT id FROM products WHERE vendor_id = ? AND status = 'active' AND stock >= 10"
				    " ORDER BY popularity DESC, id LIMIT 3", "i", db_int(shops, 0));
		if (products == NULL)
			return demo_fail(db_error());
		while (db_next(products)) {
			long long product_id = db_int(products, 0);
			/* Two or three reviews a product, from different people. */
			size_t k = 2 + n % 2;

			for (size_t j = 0; j < k; j++) {
				size_t who = (n + j) % DEMO_NREVIEWERS, t = (n * 3 + j) % DEMO_NTEXTS;
				struct review_new rn;
				long long item, review_id;
				const char *why = NULL;
				size_t photo = 0;
				int held;

				item = demo_order(&a, reviewers[who], demo_reviewers[who].email, demo_reviewers[who].name,
						  product_id);
				if (item < 0)
					continue;	/* said why; the next one */
				rn = (struct review_new){ reviewers[who], item, product_id, demo_texts[t].rating,
							  demo_texts[t].title, demo_texts[t].body, NULL, 0,
							  "/vendor/reviews" };
				if (review_create(NULL, &a, &rn, &review_id, &held, &why, &photo) != REVIEW_OK)
					return demo_fail("a review was refused");
				if (demo_texts[t].rating <= 3 && review_reply(review_id, db_int(shops, 0), 0,
						"Thank you for telling us. We have passed it on and would be glad to help: "
						"write to us from your order.") == REVIEW_OK)
					answered++;
			}
			n++;
		}
		db_free(products);
	}
	db_free(shops);
	arena_free(&a);
	printf("  Demo reviews:    %zu products reviewed by demo customers who bought them (%zu answered by the shop)\n",
	       n, answered);
	db_close();
	return 0;
}

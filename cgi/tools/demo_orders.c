/*
 * bazaar-demo_orders: the demo shoppers and their paid orders, with the
 * co-purchase patterns of demoorders.h (beer with lemons and ice, a tent
 * with a sleeping bag and a mat, a bike helmet with lights and a lock ...),
 * so that the recommendations (bazaar-recommend) have real baskets to
 * learn from on a development stack. scripts/stack runs it after the demo
 * reviews; it does nothing once its first shopper exists. Every order goes
 * through the code the pages use, as in bazaar-demo_reviews:
 *   order_place          the checkout's "Place order" (a bank transfer);
 *   payment_open,
 *   payment_succeeded    the payment recorded, the order paid.
 * The shoppers have no password (they cannot log in). Exit status 0, or 1
 * with the reason on standard error.
 */
#include "address.h"
#include "arena.h"
#include "cfg.h"
#include "crypt.h"
#include "db.h"
#include "demoorders.h"
#include "log.h"
#include "order.h"
#include "payment.h"
#include "shipping.h"
#include "tmpl.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char *const demo_first[] = {
	"Ana", "Ben", "Chloé", "Dario", "Elif", "Finn", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Luca",
	"Maja", "Nils", "Olga", "Pavel", "Rosa", "Sami", "Tara", "Ugo",
};
static const char *const demo_last[] = {
	"Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Horvat", "Kowalski", "Lindgren", "Novak", "Okafor",
	"Rossi", "Schmidt",
};
#define DEMO_NFIRST (sizeof demo_first / sizeof demo_first[0])
#define DEMO_NLAST (sizeof demo_last / sizeof demo_last[0])

static int
demo_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_orders: %s\n", what);
	return 1;
}

/* The shopper's account, made once; its id or -1. */
static long long
demo_shopper(int i, char *email, size_t n, char *name, size_t m)
{
	long long id;

	snprintf(email, n, "shopper%03d@demo.bazaar.test", i + 1);
	snprintf(name, m, "%s %s", demo_first[(size_t)i % DEMO_NFIRST], demo_last[(size_t)i * 7 % DEMO_NLAST]);
	if ((id = db_scalar(0, "SELECT id FROM users WHERE email = ?", "s", email)) > 0)
		return id;
	if (db_exec("INSERT INTO users (email, name, role, email_verified_at, created_at)"
		    " VALUES (?, ?, 'customer', UTC_TIMESTAMP() - INTERVAL 90 DAY, UTC_TIMESTAMP() - INTERVAL 90 DAY)",
		    "ss", email, name) != 1)
		return -1;
	return (long long)db_insert_id();
}

/* One paid order of the basket; 0, 1 when it was refused (said why), -1. */
static int
demo_order(struct arena *a, long long user_id, const char *email, const char *name,
	   const struct demoorders_basket *b)
{
	const struct address ship = { name, "12 Demo Street", "", "Berlin", "10115", shipping_default_country(), "" };
	struct order_line lines[DEMOORDERS_LINES_MAX];
	char key[TOKEN_TEXT_SIZE], event[64];
	struct order_request req = {
		.lines = lines, .nlines = b->n, .user_id = user_id, .email = email, .ship = &ship,
		.method = ORDER_BANK_TRANSFER, .idempotency_key = key,
	};
	struct order_result res;
	long long payment_id;

	for (size_t i = 0; i < b->n; i++)
		lines[i] = (struct order_line){ b->items[i], 1 };
	order_new_key(key);
	if (order_place(a, &req, &res) != 0) {
		order_quote_free(&res.quote);
		return -1;
	}
	order_quote_free(&res.quote);
	if (res.outcome != ORDER_PLACED) {
		fprintf(stderr, "bazaar-demo_orders: an order of %s: %s\n", email, res.message ? res.message : "not placed");
		return 1;
	}
	snprintf(event, sizeof event, "demo:%lld", res.order_id);
	if (payment_open(res.order_id, &payment_id) != 0 || payment_succeeded(payment_id, "bank", event) != 0)
		return -1;
	return 0;
}

int
main(void)
{
	struct demoorders_plan plan;
	struct arena a;
	size_t placed = 0;
	long long ids[DEMOORDERS_CUSTOMERS] = { 0 };
	char email[64], name[64];

	log_init("demo_orders");
	log_set_level(LOG_WARN);	/* a line per order and payment would bury what matters */
	if (cfg_load() != 0 || sodium_init() < 0 || crypt_init() != 0 ||
	    tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) != 0 || db_connect() != 0)
		return demo_fail("cannot start (settings, keys, templates or database)");
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM users WHERE email = 'shopper001@demo.bazaar.test')", "") != 0)
		return 0;
	if (demoorders_plan(&plan) != 0)
		return demo_fail("cannot read the demo catalogue");
	arena_init(&a);
	for (size_t i = 0; i < plan.n; i++) {
		const struct demoorders_basket *b = &plan.baskets[i];
		int rc;

		if (ids[b->customer] == 0 &&
		    (ids[b->customer] = demo_shopper(b->customer, email, sizeof email, name, sizeof name)) < 0)
			return demo_fail("cannot make the shoppers' accounts");
		else
			demo_shopper(b->customer, email, sizeof email, name, sizeof name);
		if ((rc = demo_order(&a, ids[b->customer], email, name, b)) < 0)
			return demo_fail("an order could not be placed or paid");
		placed += rc == 0;
		arena_free(&a);
		arena_init(&a);
	}
	arena_free(&a);
	printf("  Demo orders:     %zu paid orders of %d demo shoppers, bought together in %zu patterns\n",
	       placed, DEMOORDERS_CUSTOMERS, plan.patterns);
	demoorders_free(&plan);
	db_close();
	return 0;
}

/*
 * bazaar-demo_wishlists: the demo customer's wishlists on a development
 * stack (scripts/stack runs it after the demo orders and reviews; it does
 * nothing once the account has a list, so the shopper's own changes stay):
 *   Saved        four products of four shops, the list "Save" on a
 *                product page fills;
 *   Gift ideas   three more, shared: its read-only address is printed for
 *                VAR/demo-logins.txt (the stack prints it with the logins).
 * They are made through cgi/lib/wishlist.c as the pages make them, so each
 * item records the price and stock it was saved at and the price-drop and
 * back-in-stock mails work on them.
 *
 * Usage: bazaar-demo_wishlists [--email ADDRESS]   (default: the demo
 * customer, customer@demo.bazaar.test). Exit status 0, or 1 with the
 * reason on standard error (no such account, no products on sale).
 */
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "wishlist.h"

#include <stdio.h>
#include <string.h>

#define DEMO_WISHLISTS_EMAIL	"customer@demo.bazaar.test"
#define DEMO_WISHLISTS_SAVED	4	/* products in the default list */
#define DEMO_WISHLISTS_GIFTS	3	/* products in the shared one */
#define DEMO_WISHLISTS_GIFTS_NAME "Gift ideas"

/* The first product on sale and in stock of each shop, oldest shops first:
 * one product a shop, so the lists show several. */
static const char demo_wishlists_products_sql[] =
	"SELECT MIN(p.id) FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.status = 'active' AND v.status = 'verified' AND p.stock > 0"
	" GROUP BY p.vendor_id ORDER BY MIN(p.id) LIMIT ?";

static int
demo_wishlists_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_wishlists: %s%s%s\n", what, db_error()[0] ? ": " : "", db_error());
	return 1;
}

/* Saves n products of ids into list (0: the default list). 0, or -1. */
static int
demo_wishlists_fill(long long user_id, long long list_id, const long long *ids, size_t n)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = wishlist_save(user_id, list_id, ids[i])) != 0 && rc != WISHLIST_ALREADY)
			return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	const char *email = DEMO_WISHLISTS_EMAIL;
	long long ids[DEMO_WISHLISTS_SAVED + DEMO_WISHLISTS_GIFTS], user_id, gifts = 0;
	char token[WISHLIST_TOKEN_LEN + 1];
	struct db_result *r;
	size_t n = 0;
	int rc = 1;

	if (argc == 3 && strcmp(argv[1], "--email") == 0) {
		email = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: bazaar-demo_wishlists [--email ADDRESS]\n");
		return 1;
	}
	log_init("bazaar-demo_wishlists");
	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_wishlists: cannot connect to the database: %s\n", db_error());
		return 1;
	}
	if ((user_id = db_scalar(0, "SELECT id FROM users WHERE email = ? AND status = 'active'", "s", email)) <= 0) {
		rc = demo_wishlists_fail("no active account with that address");
		goto out;
	}
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM wishlists WHERE user_id = ?)", "i", user_id) != 0) {
		rc = 0;		/* the account has lists: they stay as they are */
		goto out;
	}
	if ((r = db_query(demo_wishlists_products_sql, "i", (long long)(sizeof ids / sizeof ids[0]))) == NULL) {
		rc = demo_wishlists_fail("products");
		goto out;
	}
	while (db_next(r) && n < sizeof ids / sizeof ids[0])
		ids[n++] = db_int(r, 0);
	db_free(r);
	if (n < sizeof ids / sizeof ids[0]) {
		rc = demo_wishlists_fail("not enough shops with a product on sale");
		goto out;
	}
	if (demo_wishlists_fill(user_id, 0, ids, DEMO_WISHLISTS_SAVED) != 0 ||
	    (gifts = wishlist_create(user_id, DEMO_WISHLISTS_GIFTS_NAME)) < 0 ||
	    demo_wishlists_fill(user_id, gifts, ids + DEMO_WISHLISTS_SAVED, DEMO_WISHLISTS_GIFTS) != 0 ||
	    wishlist_share(user_id, gifts, 1, token) != 0) {
		rc = demo_wishlists_fail("wishlists");
		goto out;
	}
	printf("Demo wishlists of %s: \"%s\" (%d products) and \"%s\" (%d products), shared at\n  %s/w/%s\n",
	       email, WISHLIST_DEFAULT_NAME, DEMO_WISHLISTS_SAVED, DEMO_WISHLISTS_GIFTS_NAME, DEMO_WISHLISTS_GIFTS,
	       mail_base_url(), token);
	rc = 0;
out:
	db_close();
	return rc;
}

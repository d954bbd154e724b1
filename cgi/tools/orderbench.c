/*
 * bazaar-orderbench: how many orders a second the shop places, for row (g)
 * of `make bench`. BUYERS processes (default 8), each with its own database
 * connection, place one-line orders through order_place() (the same call
 * as the checkout: one transaction with the order, the conditional stock
 * decrement and its history row, the vendor order, the item, the history
 * and the order.placed event) as fast as they can for SECONDS (default 10),
 * each on products of its own, so they do not wait for one another's stock
 * rows: concurrent buyers of different products. Commits are as durable as
 * the stack's MariaDB makes them (innodb_flush_log_at_trx_commit = 1,
 * sync_binlog = 1 in scripts/stack.d/mariadb.sh).
 *
 * Prints one line:
 *   orders=N seconds=S rate=R p50_ms=X p99_ms=Y short=N failed=N buyers=N
 * where rate is orders placed a second and p50/p99 the time one
 * order_place() took. The orders stay in the database (they are guests'
 * card orders, awaiting payment, to bench@example.invalid).
 *
 * Usage: bazaar-orderbench [--buyers N] [--seconds S]. Run it with the
 * stack's settings (. VAR/env). Exit status: 0, 1 when the database cannot
 * be used or no order could be placed, 2 on bad arguments.
 */
#include "address.h"
#include "arena.h"
#include "cfg.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "tmpl.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ORDERBENCH_BUYERS_MAX	64
#define ORDERBENCH_PRODUCTS	40	/* products per buyer */
#define ORDERBENCH_MAX_ORDERS	200000	/* per buyer */

/* What a buyer sends its parent: counts, then the latencies in microseconds. */
struct orderbench_report {
	long long placed, short_, failed, n;
};

static double
orderbench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
orderbench_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int
orderbench_write(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
orderbench_read(int fd, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* One buyer: waits for the start (go closed), places orders until the
 * deadline, reports on out. */
static int
orderbench_buyer(const long long *products, size_t nproducts, int go, int out, double seconds)
{
	static const struct address ship = {
		"Bench Buyer", "1 Bench Street", "", "Berlin", "10115", "DE", "",
	};
	struct orderbench_report rep = { 0, 0, 0, 0 };
	long long *lat = calloc(ORDERBENCH_MAX_ORDERS, sizeof *lat);
	char key[TOKEN_TEXT_SIZE], byte;
	size_t next = 0;
	double deadline, t0;

	if (lat == NULL || db_connect() != 0)
		return 1;
	if (read(go, &byte, 1) != 0)
		return 1;
	deadline = orderbench_now() + seconds;
	while (orderbench_now() < deadline && rep.n < ORDERBENCH_MAX_ORDERS && next < nproducts * 4) {
		struct order_line line = { products[next % nproducts], 1 };
		struct order_request req = {
			.lines = &line, .nlines = 1, .email = "bench@example.invalid", .ship = &ship,
			.method = ORDER_CARD, .idempotency_key = key,
		};
		struct order_result res;
		struct arena a;

		order_new_key(key);
		arena_init(&a);
		t0 = orderbench_now();
		if (order_place(&a, &req, &res) != 0) {
			rep.failed++;
		} else if (res.outcome == ORDER_PLACED) {
			lat[rep.n++] = (long long)((orderbench_now() - t0) * 1e6);
			rep.placed++;
		} else if (res.outcome == ORDER_SHORT) {
			rep.short_++;
			next++;	/* sold out: the next product */
		} else {
			rep.failed++;
			next++;
		}
		arena_free(&a);
		if (rep.placed % 7 == 0)
			next++;
	}
	db_close();
	if (orderbench_write(out, &rep, sizeof rep) != 0 ||
	    orderbench_write(out, lat, (size_t)rep.n * sizeof *lat) != 0)
		return 1;
	return 0;
}

static int
orderbench_usage(void)
{
	fprintf(stderr, "usage: bazaar-orderbench [--buyers N] [--seconds S]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	long long buyers = 8, seconds = 10, *products, *lat, total = 0, n = 0;
	struct orderbench_report sum = { 0, 0, 0, 0 }, rep;
	int go[2], pipes[ORDERBENCH_BUYERS_MAX][2], status, rc = 0;
	pid_t kids[ORDERBENCH_BUYERS_MAX];
	struct db_result *r;
	double started, elapsed;
	size_t got = 0;

	log_init("bazaar-orderbench");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--buyers") == 0 && i + 1 < argc)
			buyers = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = strtoll(argv[++i], NULL, 10);
		else
			return orderbench_usage();
	}
	if (buyers < 1 || buyers > ORDERBENCH_BUYERS_MAX || seconds < 1 || seconds > 600)
		return orderbench_usage();
	/* The templates: placing an order writes its confirmation mail. */
	if (cfg_load() != 0 || sodium_init() < 0 || crypt_init() != 0 ||
	    tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-orderbench: cannot start (settings, keys, templates or database)\n");
		return 1;
	}
	/* Products anyone may buy, with stock to spare, spread over the
	 * catalogue; each buyer gets its own. */
	r = db_query("SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
		     " WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= 20"
		     " ORDER BY p.id DESC LIMIT ?", "i", buyers * ORDERBENCH_PRODUCTS);
	if (r == NULL || (products = calloc((size_t)(buyers * ORDERBENCH_PRODUCTS), sizeof *products)) == NULL) {
		fprintf(stderr, "bazaar-orderbench: cannot read the products: %s\n", db_error());
		return 1;
	}
	while (db_next(r) == 1)
		products[got++] = db_int(r, 0);
	db_free(r);
	db_close();
	if (got < (size_t)buyers) {
		fprintf(stderr, "bazaar-orderbench: only %zu products with stock to spare\n", got);
		return 1;
	}
	if (pipe(go) != 0)
		return 1;
	for (long long i = 0; i < buyers; i++) {
		size_t per = got / (size_t)buyers;

		if (pipe(pipes[i]) != 0 || (kids[i] = fork()) < 0)
			return 1;
		if (kids[i] == 0) {
			close(go[1]);
			close(pipes[i][0]);
			_exit(orderbench_buyer(products + (size_t)i * per, per, go[0], pipes[i][1], (double)seconds));
		}
		close(pipes[i][1]);
	}
	close(go[0]);
	sleep(1);	/* every buyer connected */
	started = orderbench_now();
	close(go[1]);
	lat = calloc((size_t)buyers * ORDERBENCH_MAX_ORDERS, sizeof *lat);
	for (long long i = 0; i < buyers; i++) {
		if (lat == NULL || orderbench_read(pipes[i][0], &rep, sizeof rep) != 0 ||
		    orderbench_read(pipes[i][0], lat + n, (size_t)rep.n * sizeof *lat) != 0) {
			rc = 1;
		} else {
			n += rep.n;
			sum.placed += rep.placed;
			sum.short_ += rep.short_;
			sum.failed += rep.failed;
		}
		close(pipes[i][0]);
	}
	elapsed = orderbench_now() - started;
	for (long long i = 0; i < buyers; i++)
		if (waitpid(kids[i], &status, 0) != kids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
	total = sum.placed;
	if (n > 0)
		qsort(lat, (size_t)n, sizeof *lat, orderbench_cmp);
	printf("orders=%lld seconds=%.1f rate=%.1f p50_ms=%.1f p99_ms=%.1f short=%lld failed=%lld buyers=%lld\n",
	       total, elapsed, elapsed > 0 ? (double)total / elapsed : 0.0,
	       n > 0 ? (double)lat[n / 2] / 1000.0 : 0.0,
	       n > 0 ? (double)lat[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] / 1000.0 : 0.0,
	       sum.short_, sum.failed, buyers);
	free(lat);
	free(products);
	return rc != 0 || total == 0 ? 1 : 0;
}

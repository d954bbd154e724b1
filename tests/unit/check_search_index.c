/*
 * Tests for search_index (the writer) against the test stack's MariaDB, on
 * an index of its own in a temporary directory: a rebuild indexes every
 * visible product; a price change reaches the index through the events
 * outbox; searching goes on while the index is rebuilt; one writer at a time.
 * The freshness test changes one demo product's price and puts it back.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "search_fixture.h"
#include "catalog.h"
#include "events.h"

#define CONSUMER "check_search_index.writer"

static const struct events_consumer consumer = {
	.name = CONSUMER,
	.type = EVENTS_PRODUCT_CHANGED,
	.handle = search_writer_product,
	.flush = search_writer_flush,
};

static long long visible(void);

/* Once for the tests: an index of their own, built by a rebuild (checked
 * against the number of visible products in test_rebuild). */
static void
setup_once(void)
{
	search_fixture_begin("check_search_index", 1);
}

static void
setup(void)
{
	CHECK_DB_CONNECT("check_search_index");
	search_close();
	/* the consumer starts at the newest event */
	db_exec("DELETE FROM event_handled WHERE consumer = ?", "s", CONSUMER);
	db_exec("DELETE FROM event_consumers WHERE consumer = ?", "s", CONSUMER);
	ck_assert_int_eq(db_exec("INSERT INTO event_consumers (consumer, position)"
				 " SELECT ?, COALESCE(MAX(id), 0) FROM events", "s", CONSUMER), 1);
}

static void
teardown(void)
{
	search_close();
	search_writer_close();
	if (db_connect() == 0) {
		db_exec("DELETE FROM event_handled WHERE consumer = ?", "s", CONSUMER);
		db_exec("DELETE FROM event_consumers WHERE consumer = ?", "s", CONSUMER);
	}
	db_close();
}

static long long
visible(void)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id"
			 " AND v.status = 'verified' WHERE p.status = 'active'", "");
}

static long long
total(const char *text)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;
	long long n;

	arena_init(&a);
	q.text = text;
	q.limit = 0;
	n = search_run(&a, &q, &r) == 0 && !r.fallback ? r.total : -1;
	arena_free(&a);
	return n;
}

START_TEST(test_rebuild)
{
	/* the first one was built by setup_once */
	ck_assert_int_eq(search_available(), 1);
	ck_assert_int_gt(visible(), 0);
	ck_assert_int_eq(total(NULL), visible());
	/* again: a new database replaces the first; older ones than the one
	 * before are deleted (test_rebuild_while_searching made more) */
	ck_assert_int_eq(search_rebuild(), visible());
	ck_assert_int_eq(total(NULL), visible());
	ck_assert_int_eq(system("test $(ls -d \"$BAZAAR_SEARCH_DIR\"/db-* | wc -l) -eq 2"), 0);
}
END_TEST


/* The price of product id as the index has it: its total within [p, p]. */
static long long
found_at(long long id, long long price)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;
	long long hit = 0;
	size_t i;

	arena_init(&a);
	q.min_price = q.max_price = price;
	q.limit = SEARCH_LIMIT_MAX;
	ck_assert_int_eq(search_run(&a, &q, &r), 0);
	for (i = 0; i < r.n; i++)
		if (r.ids[i] == id)
			hit = 1;
	arena_free(&a);
	return hit;
}

START_TEST(test_fresh_after_change)
{
	long long id, price, odd = 987654;

	id = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		       " WHERE p.status = 'active' ORDER BY p.id LIMIT 1", "");
	price = db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", id);
	ck_assert_int_eq(found_at(id, price), 1);
	ck_assert_int_eq(found_at(id, odd), 0);
	ck_assert_int_ge(catalog_set_price(id, odd), 0);
	/* the writer's batch: the event is applied and the index committed */
	ck_assert_int_ge(events_consume(&consumer, 100), 1);
	ck_assert_int_eq(found_at(id, odd), 1);
	ck_assert_int_eq(found_at(id, price), 0);
	ck_assert_int_ge(catalog_set_price(id, price), 0);
	ck_assert_int_ge(events_consume(&consumer, 100), 1);
	ck_assert_int_eq(found_at(id, price), 1);
	/* a product that stops being visible leaves the index */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'hidden' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_ge(events_consume(&consumer, 100), 1);
	ck_assert_int_eq(found_at(id, price), 0);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_ge(events_consume(&consumer, 100), 1);
	ck_assert_int_eq(found_at(id, price), 1);
}
END_TEST

/* A rebuild ends by applying again every change of the last minutes, a
 * batch of ids at a time (in id order): visible ones are put, the others
 * taken out; the result is the visible catalogue, a price changed and a
 * product hidden among them. */
START_TEST(test_rebuild_catch_up)
{
	long long id = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
				 " WHERE p.status = 'active' ORDER BY p.id LIMIT 1 OFFSET 3", "");
	long long other = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
				    " WHERE p.status = 'active' ORDER BY p.id DESC LIMIT 1", "");
	long long price = db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", id);
	long long odd = 876543, was = db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", other);

	ck_assert_int_ge(catalog_set_price(other, odd), 0);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'hidden' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(search_rebuild(), visible());
	ck_assert_int_eq(total(NULL), visible());
	ck_assert_int_eq(found_at(id, price), 0);
	ck_assert_int_eq(found_at(other, odd), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_ge(catalog_set_price(other, was), 0);
	ck_assert_int_gt(search_rebuild(), 0);
	ck_assert_int_eq(total(NULL), visible());
	ck_assert_int_eq(found_at(id, price), 1);
	ck_assert_int_eq(found_at(other, odd), 0);
}
END_TEST

/* A large load's events (more than one page of them, the same products many
 * times over) are caught up page by page: every product once, none lost. */
START_TEST(test_rebuild_catch_up_pages)
{
	long long id = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
				 " WHERE p.status = 'active' ORDER BY p.id LIMIT 1 OFFSET 5", "");
	long long price = db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", id);
	long long top = db_scalar(-1, "SELECT MAX(id) FROM products", "");

	long long before = db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM events", "");

	ck_assert_int_gt(top, 0);
	/* 25,000 events over every product id, then one more change. */
	ck_assert_int_eq(db_exec("INSERT INTO events (type, subject_id)"
				 " SELECT 'product.changed', 1 + seq % ? FROM seq_1_to_25000", "i", top), 25000);
	long long loaded = db_scalar(-1, "SELECT MAX(id) FROM events", "");
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'hidden' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(search_rebuild(), visible());
	ck_assert_int_eq(total(NULL), visible());
	ck_assert_int_eq(found_at(id, price), 0);
	/* The job need not go through them all again after this test. */
	ck_assert_int_eq(db_exec("DELETE FROM events WHERE id > ? AND id <= ? AND type = 'product.changed'",
				 "ii", before, loaded), 25000);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(events_emit(EVENTS_PRODUCT_CHANGED, id, ""), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_gt(search_rebuild(), 0);
	ck_assert_int_eq(total(NULL), visible());
	ck_assert_int_eq(found_at(id, price), 1);
}
END_TEST

START_TEST(test_rebuild_while_searching)
{
	int ready[2], stop[2], status;
	pid_t child;
	long long expect;
	char c = 0;

	expect = total("bag");
	ck_assert_int_gt(expect, 0);
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(stop), 0);
	search_close();
	db_close();
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		/* searches until told to stop; exits 1 at the first wrong answer */
		long n = 0;

		close(stop[1]);
		fcntl(stop[0], F_SETFL, O_NONBLOCK);
		if (db_connect() != 0)
			_exit(2);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		for (;;) {
			if (total("bag") != expect) {
				fprintf(stderr, "search %ld answered wrong\n", n);
				_exit(1);
			}
			n++;
			if (read(stop[0], &c, 1) == 1 || n > 100000)
				break;
		}
		_exit(n > 0 ? 0 : 3);
	}
	close(ready[1]);
	close(stop[0]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_gt(search_rebuild(), 0);
	ck_assert_int_eq(write(stop[1], "s", 1), 1);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the searches failed during the rebuilds: %d",
		      status);
}
END_TEST

START_TEST(test_one_writer)
{
	pid_t child;
	int status;

	ck_assert_int_eq(search_writer_open(), 0);
	/* the writer holds the lock only while it writes: a second one gets in */
	db_close();
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0)
		_exit(search_writer_open() == 0 ? 0 : 1);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert(WIFEXITED(status));
}
END_TEST

/* ---- replication to a read-only copy (xapian-replicate-server, xapian-replicate) ---- */

/* A port nobody listens on now. */
static int
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	ck_assert_int_ge(fd, 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

/* One pass of xapian-replicate from the server into replica. */
static void
replicate(int port, const char *replica)
{
	char cmd[1200];
	int i, rc = -1;

	/* the server may still be starting: a few tries */
	for (i = 0; i < 50 && rc != 0; i++) {
		if (i)
			usleep(100 * 1000);
		snprintf(cmd, sizeof cmd, "xapian-replicate -q -o -h 127.0.0.1 -p %d -m current '%s' 2>/dev/null",
			 port, replica);
		rc = system(cmd);
	}
	ck_assert_msg(rc == 0, "xapian-replicate failed: %s", cmd);
}

/* The replica answers as the master: a copy, a change by changeset, a
 * rebuilt master by a new copy, each seen by a reader of the replica
 * through its own `current` link (as a program on the replica's machine). */
START_TEST(test_replica)
{
	char replica_dir[] = "/tmp/check_search_replica_XXXXXX", replica[600], link[700], master[600];
	char port_s[16];
	long long id, price, odd = 876543, expect;
	pid_t server;
	int port = free_port(), status;

	ck_assert_ptr_nonnull(mkdtemp(replica_dir));
	snprintf(master, sizeof master, "%s", getenv("BAZAAR_SEARCH_DIR"));
	snprintf(port_s, sizeof port_s, "%d", port);
	server = fork();
	ck_assert_int_ge(server, 0);
	if (server == 0) {
		setsid();	/* its own group: what it does to its group stays there */
		execlp("xapian-replicate-server", "xapian-replicate-server", "-I", "127.0.0.1", "-p", port_s, master,
		       (char *)NULL);
		_exit(127);
	}
	snprintf(replica, sizeof replica, "%s/copy", replica_dir);
	snprintf(link, sizeof link, "%s/current", replica_dir);
	ck_assert_int_eq(symlink(replica, link), 0);

	expect = total(NULL);
	replicate(port, replica);
	setenv("BAZAAR_SEARCH_DIR", replica_dir, 1);
	search_close();
	ck_assert_int_eq(total(NULL), expect);

	/* a change on the master reaches the copy at the next pass */
	setenv("BAZAAR_SEARCH_DIR", master, 1);
	search_close();
	id = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		       " WHERE p.status = 'active' ORDER BY p.id DESC LIMIT 1", "");
	price = db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", id);
	ck_assert_int_ge(catalog_set_price(id, odd), 0);
	ck_assert_int_ge(events_consume(&consumer, 100), 1);
	ck_assert_int_ge(catalog_set_price(id, price), 0);
	replicate(port, replica);
	setenv("BAZAAR_SEARCH_DIR", replica_dir, 1);
	ck_assert_int_eq(found_at(id, odd), 1);	/* the reader left open follows */

	/* a rebuilt master (a new database behind `current`): a new copy */
	setenv("BAZAAR_SEARCH_DIR", master, 1);
	search_close();
	ck_assert_int_gt(search_rebuild(), 0);
	replicate(port, replica);
	setenv("BAZAAR_SEARCH_DIR", replica_dir, 1);
	ck_assert_int_eq(found_at(id, odd), 0);
	ck_assert_int_eq(found_at(id, price), 1);
	ck_assert_int_eq(total(NULL), expect);

	setenv("BAZAAR_SEARCH_DIR", master, 1);
	search_close();
	kill(-server, SIGTERM);
	waitpid(server, &status, 0);
	snprintf(replica, sizeof replica, "rm -rf '%s'", replica_dir);
	ck_assert_int_eq(system(replica), 0);
}
END_TEST

static Suite *
search_index_suite(void)
{
	Suite *s = suite_create("search_index");
	TCase *tc = tcase_create("writer");

	tcase_add_unchecked_fixture(tc, setup_once, search_fixture_end);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fresh_after_change);
	tcase_add_test(tc, test_rebuild_while_searching);
	tcase_add_test(tc, test_replica);
	tcase_add_test(tc, test_rebuild);
	tcase_add_test(tc, test_rebuild_catch_up);
	tcase_add_test(tc, test_rebuild_catch_up_pages);
	tcase_add_test(tc, test_one_writer);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(search_index_suite)

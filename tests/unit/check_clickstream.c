/*
 * Tests for clickstream: reading nginx's clickstream lines (views,
 * impressions, clicks, what counts nothing, what is not a line of the
 * format), the visitor hash, and against the test stack's MariaDB the
 * loader's promise that a line is loaded once: run twice, a line still being
 * written, a loader that dies half way, two loaders at once, a rotated log
 * (with a late writer) and a log truncated in place. Each test writes its
 * own log in a temporary directory under its own source name, with paths
 * that name the test, and deletes its rows at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "clickstream.h"
#include "db.h"
#include "log.h"

static char dir[256], logpath[300], source[64], prefix[64];

static void
fixture_setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_clickstream.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(logpath, sizeof logpath, "%s/clickstream.log", dir);
	snprintf(source, sizeof source, "check_clickstream.%ld", (long)getpid());
	snprintf(prefix, sizeof prefix, "/c/ckcs-%ld-", (long)getpid());
	log_init("check_clickstream");
	log_set_level(LOG_ERROR);
	/* what a test that failed (and so skipped its teardown) left */
	if (getenv("BAZAAR_DB_SOCKET") && db_connect() == 0) {
		db_exec("DELETE FROM clickstream WHERE path LIKE '/c/ckcs-%'", "");
		db_exec("DELETE FROM clickstream_sources WHERE name LIKE 'check\\_clickstream.%'", "");
		db_close();
	}
}

static void
fixture_teardown(void)
{
	char like[80], rotated[320];

	if (getenv("BAZAAR_DB_SOCKET") && db_connect() == 0) {
		snprintf(like, sizeof like, "%s%%", prefix);
		db_exec("DELETE FROM clickstream WHERE path LIKE ?", "s", like);
		db_exec("DELETE FROM clickstream_sources WHERE name = ?", "s", source);
		db_close();
	}
	snprintf(rotated, sizeof rotated, "%s.1", logpath);
	unlink(rotated);
	unlink(logpath);
	rmdir(dir);
}

/* Appends lines first .. first + n - 1 (views of paths naming them) to file. */
static void
append_lines(const char *file, int first, int n)
{
	FILE *f = fopen(file, "a");
	int i;

	ck_assert_ptr_nonnull(f);
	for (i = first; i < first + n; i++)
		fprintf(f, "{\"t\":\"1765000000.%03d\",\"u\":\"%s%d\",\"s\":\"200\",\"p\":\"\",\"sp\":\"\","
			"\"ip\":\"192.0.2.%d\",\"ua\":\"check\",\"r\":\"\"}\n", i % 1000, prefix, i, i % 200);
	ck_assert_int_eq(fclose(f), 0);
}

static long long
rows_loaded(void)
{
	char like[80];

	snprintf(like, sizeof like, "%s%%", prefix);
	return db_scalar(-1, "SELECT COUNT(*) FROM clickstream WHERE path LIKE ?", "s", like);
}

static long long
distinct_loaded(void)
{
	char like[80];

	snprintf(like, sizeof like, "%s%%", prefix);
	return db_scalar(-1, "SELECT COUNT(DISTINCT path) FROM clickstream WHERE path LIKE ?", "s", like);
}

static struct clickstream_source
src_of(long long batch)
{
	struct clickstream_source s = { .name = source, .path = logpath, .batch = batch };

	return s;
}

static long long
load(long long batch)
{
	struct clickstream_source s = src_of(batch);
	struct clickstream_stats st;

	ck_assert_int_eq(clickstream_load(&s, &st), 0);
	return st.rows;
}

/* ---- reading lines ---------------------------------------------------------------- */

#define LINE(json) json, sizeof json - 1

START_TEST(test_parse_kinds)
{
	struct clickstream_hit h;

	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.250\",\"u\":\"/p/42-blue-mug\",\"s\":\"200\","
						"\"p\":\"\",\"sp\":\"\",\"ip\":\"192.0.2.1\",\"ua\":\"UA\","
						"\"r\":\"http://x.test/c/mugs\"}"), &h), 1);
	ck_assert_str_eq(h.kind, "view");
	ck_assert_str_eq(h.at, "2025-12-06 05:46:40.250");
	ck_assert_str_eq(h.day, "2025-12-06");
	ck_assert_str_eq(h.path, "/p/42-blue-mug");
	ck_assert_int_eq(h.product_id, 42);
	ck_assert_int_eq(h.promotion_id, 0);
	ck_assert_str_eq(h.referrer, "http://x.test/c/mugs");
	ck_assert_str_eq(h.ip, "192.0.2.1");

	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"7\","
						"\"sp\":\"\",\"ip\":\"::1\",\"ua\":\"\",\"r\":\"-\"}"), &h), 1);
	ck_assert_str_eq(h.kind, "impression");
	ck_assert_int_eq(h.promotion_id, 7);
	ck_assert_int_eq(h.product_id, 0);
	ck_assert_str_eq(h.referrer, "");

	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/p/42-blue-mug\",\"s\":\"200\","
						"\"p\":\"\",\"sp\":\"9\",\"ip\":\"::1\",\"ua\":\"\",\"r\":\"\"}"), &h), 1);
	ck_assert_str_eq(h.kind, "click");
	ck_assert_int_eq(h.promotion_id, 9);
	ck_assert_int_eq(h.product_id, 42);

	/* sp on another page is a plain view */
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/c/mugs\",\"s\":\"200\","
						"\"p\":\"\",\"sp\":\"9\",\"ip\":\"::1\",\"ua\":\"\",\"r\":\"\"}"), &h), 1);
	ck_assert_str_eq(h.kind, "view");
	ck_assert_int_eq(h.promotion_id, 0);
	ck_assert_int_eq(h.product_id, 0);
}
END_TEST

START_TEST(test_parse_refuses)
{
	struct clickstream_hit h;

	/* other statuses count nothing */
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/p/1-a\",\"s\":\"404\"}"), &h), 0);
	/* an impression without a usable promotion id */
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"1;2\"}"),
					   &h), 0);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"007\"}"),
					   &h), 0);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000.000\",\"u\":\"/_i\",\"s\":\"200\","
						"\"p\":\"1234567890123456789\"}"), &h), 0);
	/* not lines of the format */
	ck_assert_int_eq(clickstream_parse(LINE("127.0.0.1 [2026-12-06T12:00:00+00:00] \"GET / HTTP/1.1\" 200"), &h), -1);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"soon\",\"u\":\"/\",\"s\":\"200\"}"), &h), -1);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000\",\"u\":\"nopath\",\"s\":\"200\"}"), &h), -1);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000\",\"u\":\"/\",\"s\":\"200\""), &h), -1);
	ck_assert_int_eq(clickstream_parse(LINE("[1,2]"), &h), -1);
	ck_assert_int_eq(clickstream_parse(LINE("{\"t\":\"1765000000\",\"u\":\"/\xff\",\"s\":\"200\"}"), &h), -1);
	ck_assert_int_eq(clickstream_parse("", 0, &h), -1);
}
END_TEST

START_TEST(test_parse_cuts_long_paths)
{
	char line[8000], path[3000];
	struct clickstream_hit h;
	size_t i;

	/* 1,000 two-byte characters: 500 are kept, whole */
	for (i = 0; i < 1000; i++)
		memcpy(path + 2 * i, "\xc3\xa9", 2);
	path[2000] = '\0';
	snprintf(line, sizeof line, "{\"t\":\"1765000000\",\"u\":\"/c/%s\",\"s\":\"200\",\"r\":\"%s\"}", path, path);
	ck_assert_int_eq(clickstream_parse(line, strlen(line), &h), 1);
	ck_assert_uint_eq(strlen(h.path), 3 + 497 * 2);
	ck_assert_uint_eq(strlen(h.referrer), 500 * 2);
}
END_TEST

START_TEST(test_visitor_hash)
{
	unsigned char salt1[32], salt2[32], a[16], b[16], c[16];

	memset(salt1, 1, sizeof salt1);
	memset(salt2, 2, sizeof salt2);
	clickstream_visitor(salt1, "192.0.2.1", "Firefox", a);
	clickstream_visitor(salt1, "192.0.2.1", "Firefox", b);
	ck_assert_mem_eq(a, b, 16);
	clickstream_visitor(salt2, "192.0.2.1", "Firefox", c);
	ck_assert(memcmp(a, c, 16) != 0);	/* another day: another visitor */
	/* the address and the agent cannot be shifted into each other */
	clickstream_visitor(salt1, "192.0.2.1F", "irefox", c);
	ck_assert(memcmp(a, c, 16) != 0);
}
END_TEST

/* ---- loading ------------------------------------------------------------------------ */

START_TEST(test_load_twice)
{
	int fd;

	CHECK_DB_CONNECT("check_clickstream");
	append_lines(logpath, 0, 1200);
	ck_assert_int_eq(load(500), 1200);
	ck_assert_int_eq(load(500), 0);
	ck_assert_int_eq(rows_loaded(), 1200);

	/* a line nginx is still writing waits for its newline */
	append_lines(logpath, 1200, 3);
	fd = open(logpath, O_WRONLY | O_APPEND);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dprintf(fd, "{\"t\":\"1765000000\",\"u\":\""), 23);
	ck_assert_int_eq(load(500), 3);
	ck_assert_int_eq(dprintf(fd, "%s%d\",\"s\":\"200\"}\n", prefix, 1203) > 0, 1);
	close(fd);
	ck_assert_int_eq(load(500), 1);
	ck_assert_int_eq(rows_loaded(), 1204);
	ck_assert_int_eq(distinct_loaded(), 1204);
	ck_assert_int_eq(db_scalar(-1, "SELECT lines_loaded FROM clickstream_sources WHERE name = ?", "s", source),
			 1204);
}
END_TEST

/* The hook of a loader that dies: the process ends in the middle of a batch,
 * its transaction open, as a crash or a kill -9 would end it. */
static int
die_at(long long rows, void *arg)
{
	if (rows == *(long long *)arg)
		_exit(3);
	return 0;
}

START_TEST(test_load_crash_half_way)
{
	long long at = 700;
	int status;
	pid_t pid;

	append_lines(logpath, 0, 1500);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct clickstream_source s = src_of(500);
		struct clickstream_stats st;

		s.after_row = die_at;
		s.arg = &at;
		if (db_connect() != 0)
			_exit(2);
		clickstream_load(&s, &st);
		_exit(0);	/* never reached: the hook ends it */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 3);

	CHECK_DB_CONNECT("check_clickstream");
	/* the first batch (500) committed, the second died with its 200 rows */
	ck_assert_int_eq(rows_loaded(), 500);
	ck_assert_int_eq(load(500), 1000);
	ck_assert_int_eq(rows_loaded(), 1500);
	ck_assert_int_eq(distinct_loaded(), 1500);
}
END_TEST

START_TEST(test_load_two_at_once)
{
	pid_t pids[3];
	int i, status;

	append_lines(logpath, 0, 3000);
	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			struct clickstream_source s = src_of(100);
			struct clickstream_stats st;
			int k;

			if (db_connect() != 0)
				_exit(2);
			/* each copy keeps trying until the log is done */
			for (k = 0; k < 200; k++) {
				if (clickstream_load(&s, &st) != 0)
					_exit(1);
				if (!st.busy && st.rows == 0)
					break;
				usleep(20000);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_int_eq(WEXITSTATUS(status), 0);
	}
	CHECK_DB_CONNECT("check_clickstream");
	ck_assert_int_eq(load(100), 0);
	ck_assert_int_eq(rows_loaded(), 3000);
	ck_assert_int_eq(distinct_loaded(), 3000);
}
END_TEST

START_TEST(test_load_rotation)
{
	char rotated[320];

	CHECK_DB_CONNECT("check_clickstream");
	snprintf(rotated, sizeof rotated, "%s.1", logpath);
	append_lines(logpath, 0, 100);
	ck_assert_int_eq(load(500), 100);

	/* more lines, then the rotation: renamed, nginx not yet reopened */
	append_lines(logpath, 100, 50);
	ck_assert_int_eq(rename(logpath, rotated), 0);
	append_lines(rotated, 150, 5);	/* nginx still writes to the old file */
	ck_assert_int_eq(load(500), 55);
	/* nginx reopens: a new file */
	append_lines(logpath, 155, 30);
	ck_assert_int_eq(load(20), 30);
	/* a worker that flushed late into the old file */
	append_lines(rotated, 185, 4);
	ck_assert_int_eq(load(500), 4);
	ck_assert_int_eq(load(500), 0);
	ck_assert_int_eq(rows_loaded(), 189);
	ck_assert_int_eq(distinct_loaded(), 189);

	/* the next rotation drops the oldest file */
	ck_assert_int_eq(rename(logpath, rotated), 0);
	append_lines(logpath, 189, 7);
	ck_assert_int_eq(load(500), 7);
	ck_assert_int_eq(rows_loaded(), 196);
}
END_TEST

START_TEST(test_load_truncated)
{
	CHECK_DB_CONNECT("check_clickstream");
	append_lines(logpath, 0, 40);
	ck_assert_int_eq(load(500), 40);
	ck_assert_int_eq(truncate(logpath, 0), 0);
	append_lines(logpath, 40, 10);
	ck_assert_int_eq(load(500), 10);
	ck_assert_int_eq(rows_loaded(), 50);
}
END_TEST

START_TEST(test_load_impressions_and_clicks)
{
	struct db_result *r;
	long long promo, product;
	FILE *f;

	CHECK_DB_CONNECT("check_clickstream");
	promo = db_scalar(0, "SELECT MIN(id) FROM promotions", "");
	ck_assert_int_gt(promo, 0);
	product = db_scalar(0, "SELECT product_id FROM promotions WHERE id = ?", "i", promo);
	f = fopen(logpath, "a");
	ck_assert_ptr_nonnull(f);
	/* two impressions (from the path of the page that showed the slot, as
	 * the referrer), one click, one of an unknown promotion, one click
	 * naming another product's promotion: a view */
	fprintf(f, "{\"t\":\"1765000000\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"%lld\",\"r\":\"%sx\"}\n", promo, prefix);
	fprintf(f, "{\"t\":\"1765086400\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"%lld\",\"r\":\"%sx\"}\n", promo, prefix);
	fprintf(f, "{\"t\":\"1765000000\",\"u\":\"/_i\",\"s\":\"200\",\"p\":\"999999999999\",\"r\":\"%sx\"}\n",
		prefix);
	fprintf(f, "{\"t\":\"1765090000\",\"u\":\"/p/%lld-x\",\"s\":\"200\",\"sp\":\"%lld\",\"r\":\"%sx\"}\n",
		product, promo, prefix);
	fprintf(f, "{\"t\":\"1765090001\",\"u\":\"/p/%lld-x\",\"s\":\"200\",\"sp\":\"%lld\",\"r\":\"%sx\"}\n",
		product + 1, promo, prefix);
	fclose(f);
	ck_assert_int_eq(load(500), 4);
	r = db_query("SELECT kind, product_id, promotion_id, DATE_FORMAT(at, '%Y-%m-%d') FROM clickstream"
		     " WHERE referrer LIKE CONCAT(?, '%') ORDER BY at, id", "s", prefix);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_rows(r), 4);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "impression");
	ck_assert_int_eq(db_int(r, 1), product);
	ck_assert_int_eq(db_int(r, 2), promo);
	ck_assert_str_eq(db_str(r, 3), "2025-12-06");
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "impression");
	ck_assert_str_eq(db_str(r, 3), "2025-12-07");
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "click");
	ck_assert_int_eq(db_int(r, 1), product);
	ck_assert_int_eq(db_int(r, 2), promo);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "view");
	ck_assert_int_eq(db_int(r, 1), product + 1);
	ck_assert(db_null(r, 2));
	db_free(r);
	r = clickstream_promotion_days(promo);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_ge(db_rows(r), 2);
	db_free(r);
	db_exec("DELETE FROM clickstream WHERE referrer LIKE CONCAT(?, '%')", "s", prefix);
}
END_TEST

static Suite *
clickstream_suite(void)
{
	Suite *s = suite_create("clickstream");
	TCase *parse = tcase_create("parse");
	TCase *live = tcase_create("load");

	tcase_add_test(parse, test_parse_kinds);
	tcase_add_test(parse, test_parse_refuses);
	tcase_add_test(parse, test_parse_cuts_long_paths);
	tcase_add_test(parse, test_visitor_hash);
	suite_add_tcase(s, parse);

	tcase_add_checked_fixture(live, fixture_setup, fixture_teardown);
	tcase_add_test(live, test_load_twice);
	tcase_add_test(live, test_load_crash_half_way);
	tcase_add_test(live, test_load_two_at_once);
	tcase_add_test(live, test_load_rotation);
	tcase_add_test(live, test_load_truncated);
	tcase_add_test(live, test_load_impressions_and_clicks);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(clickstream_suite)

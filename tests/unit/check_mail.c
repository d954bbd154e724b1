/*
 * Tests for mail (the outbox): the base URL and the mail directory, and
 * mail_queue against the test stack's database (the row it inserts, with
 * the template rendered and its HTML escaping undone; a subject with a line
 * break refused).
 * Run from the repository root (templates/) with a stack's environment;
 * rows are addressed to @check-mail.example and deleted at the end.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "tmpl.h"

#define NEED_DB "BAZAAR_DB_SOCKET is not set: check_mail needs the test stack's MariaDB " \
	"(run it through `make test`, or source a stack's VAR/env)"

static const char cleanup_sql[] =
	"DELETE FROM mail_outbox WHERE to_addr LIKE '%@check-mail.example'";

static int have_db(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET");
	return s && *s;
}

static void suite_teardown(void)
{
	if (have_db() && db_connect() == 0)
		db_exec(cleanup_sql, "");
	db_close();
}

static void setup(void)
{
	log_init("check_mail");
	log_set_level(LOG_ERROR);
	ck_assert_msg(tmpl_init("templates", 0) == 0,
		      "cannot load templates/ (run the tests from the repository root)");
}

static void db_setup(void)
{
	setup();
	ck_assert_msg(have_db(), NEED_DB);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
}

static void db_teardown(void)
{
	db_close();
}

/* ---- settings ------------------------------------------------------------------ */

START_TEST(test_base_url)
{
	setenv("BAZAAR_BASE_URL", "https://shop.example//", 1);
	ck_assert_str_eq(mail_base_url(), "https://shop.example");
	setenv("BAZAAR_BASE_URL", "https://shop.example:8443/market", 1);
	ck_assert_str_eq(mail_base_url(), "https://shop.example:8443/market");
	unsetenv("BAZAAR_BASE_URL");
	ck_assert_str_eq(mail_base_url(), "http://127.0.0.1:8080");
}
END_TEST

START_TEST(test_mail_dir)
{
	setenv("BAZAAR_MAIL_DIR", "/srv/mail/", 1);
	ck_assert_str_eq(mail_dir(), "/srv/mail");
	unsetenv("BAZAAR_MAIL_DIR");
	setenv("BAZAAR_VAR", "/srv/bazaar", 1);
	ck_assert_str_eq(mail_dir(), "/srv/bazaar/mail");
}
END_TEST

/* ---- mail_queue ------------------------------------------------------------------ */

START_TEST(test_queue_inserts_rendered_text)
{
	static const char hello[] = "Hello Siobhán O'Brien <\"Sio\"> &amp;,\n\n";
	tmpl_dict *d = tmpl_dict_new("mail");
	struct db_result *r;
	const char *body;
	long long id;

	/* Inside a transaction, so a running mailer cannot send it meanwhile. */
	ck_assert_int_eq(db_begin(), 0);

	setenv("BAZAAR_BASE_URL", "https://shop.example/", 1);
	setenv("BAZAAR_SITE_NAME", "Bazaar & Co", 1);
	tmpl_set(d, "NAME", "Siobhán O'Brien <\"Sio\"> &amp;");
	tmpl_set(d, "VERIFY_URL", "https://shop.example/verify?token=abc_DEF-123&next=%2F");
	tmpl_set(d, "CODE", "042917");
	tmpl_set_int(d, "HOURS", 24);
	id = mail_queue("siobhan@check-mail.example", "Confirm your email address", "verify_email", d);
	ck_assert_int_gt(id, 0);

	r = db_query("SELECT to_addr, subject, body, template, status, attempts,"
		     " next_attempt_at <= NOW(), sent_at IS NULL FROM mail_outbox WHERE id = ?", "i", id);
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "siobhan@check-mail.example");
	ck_assert_str_eq(db_str(r, 1), "Confirm your email address");
	ck_assert_str_eq(db_str(r, 3), "verify_email");
	ck_assert_str_eq(db_str(r, 4), "queued");
	ck_assert_int_eq(db_int(r, 5), 0);
	ck_assert_int_eq(db_int(r, 6), 1);
	ck_assert_int_eq(db_int(r, 7), 1);
	body = db_str(r, 2);
	/* the values as typed: the HTML escaping is undone, once */
	ck_assert_msg(strncmp(body, hello, strlen(hello)) == 0, "body: %s", body);
	ck_assert_ptr_nonnull(strstr(body, "\n\nhttps://shop.example/verify?token=abc_DEF-123&next=%2F\n\n"));
	ck_assert_ptr_nonnull(strstr(body, "code on the confirmation page: 042917\n"));
	ck_assert_ptr_nonnull(strstr(body, "your Bazaar & Co account"));
	ck_assert_ptr_nonnull(strstr(body, "can be used once, within 24 hours.\n"));
	/* BASE_URL is there without its trailing slash; the text ends once */
	ck_assert_msg(strlen(body) > 22 && strcmp(body + strlen(body) - 22, "\nhttps://shop.example\n") == 0,
		      "body ends: %s", body);
	ck_assert_ptr_null(strstr(body, "&#39;"));
	ck_assert_ptr_null(strstr(body, "&lt;"));
	ck_assert_ptr_null(strstr(body, "AUTOESCAPE"));
	ck_assert_ptr_null(strstr(body, "\n\n\n"));
	db_free(r);
	ck_assert_int_eq(db_rollback(), 0);
}
END_TEST

START_TEST(test_queue_refuses_bad_input)
{
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE '%@check-mail.example'", "");

	ck_assert_int_ge(before, 0);
	/* a line break in the subject would start a new header */
	ck_assert_int_eq(mail_queue("x@check-mail.example", "Hello\r\nBcc: victim@x.example",
				    "verify_email", tmpl_dict_new("mail")), -1);
	ck_assert_int_eq(mail_queue("x@check-mail.example", "Hello\nthere", "verify_email",
				    tmpl_dict_new("mail")), -1);
	ck_assert_int_eq(mail_queue("x@check-mail.example\r\nBcc: y@x.example", "Hello",
				    "verify_email", tmpl_dict_new("mail")), -1);
	ck_assert_int_eq(mail_queue("x@check-mail.example", "", "verify_email", tmpl_dict_new("mail")), -1);
	/* only names of the templates in templates/mail */
	ck_assert_int_eq(mail_queue("x@check-mail.example", "Hello", "../storefront/home_view",
				    tmpl_dict_new("mail")), -1);
	ck_assert_int_eq(mail_queue("x@check-mail.example", "Hello", "no_such_mail", tmpl_dict_new("mail")), -1);
	ck_assert_int_eq(mail_queue("x@check-mail.example", "Hello", NULL, NULL), -1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE '%@check-mail.example'", ""),
			 before);
}
END_TEST

/* Queued inside a transaction that rolls back: no mail. */
START_TEST(test_queue_follows_transaction)
{
	long long id;

	ck_assert_int_eq(db_begin(), 0);
	id = mail_queue("rollback@check-mail.example", "Rolled back", "verify_email", NULL);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE id = ?", "i", id), 0);
}
END_TEST

/* Every mail template, rendered with long values (a long name and site name,
 * long addresses, a long link) in every field and every section shown: each
 * body line keeps within MAIL_LINE_WIDTH characters where it can, and a line
 * that cannot (it would have to break a word) is that one word alone. */
START_TEST(test_queue_wraps_every_template)
{
	DIR *dir = opendir("templates/mail");
	struct dirent *e;
	int templates = 0;

	ck_assert_ptr_nonnull(dir);
	setenv("BAZAAR_BASE_URL", "https://a-rather-long-host-name.shop.example/market", 1);
	setenv("BAZAAR_SITE_NAME", "The Independent Makers' Market of the North", 1);
	while ((e = readdir(dir)) != NULL) {
		char path[300], name[80], *text = NULL, *p, *line;
		size_t len = strlen(e->d_name);
		tmpl_dict *d;
		struct db_result *r;
		long long id;
		FILE *f;

		if (len < 5 || strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(len - 4), e->d_name);
		snprintf(path, sizeof path, "templates/mail/%s", e->d_name);
		ck_assert_ptr_nonnull(f = fopen(path, "r"));
		{
			struct buf b;
			char chunk[4096];
			size_t n;

			buf_init(&b);
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
				buf_add(&b, chunk, n);
			fclose(f);
			text = strdup(b.data ? b.data : "");
			buf_free(&b);
		}
		/* A long value for every {{VARIABLE}}, every {{#SECTION}} shown. */
		d = tmpl_dict_new("mail");
		for (p = text; (p = strstr(p, "{{")) != NULL; p += 2) {
			char key[64];
			size_t k = 0;
			const char *q = p + 2;
			int section = *q == '#';

			if (section)
				q++;
			while (k < sizeof key - 1 && (q[k] == '_' || (q[k] >= 'A' && q[k] <= 'Z') ||
						       (q[k] >= '0' && q[k] <= '9')))
				k++;
			if (k == 0 || (q[k] != '}' && q[k] != ':') || strncmp(q, "BI_", 3) == 0)
				continue; /* BI_NEWLINE and BI_SPACE are the engine's own */
			snprintf(key, sizeof key, "%.*s", (int)k, q);
			if (section)
				tmpl_show(d, key);
			else if (strstr(key, "URL") || strstr(key, "LINK"))
				tmpl_set(d, key, "https://a-rather-long-host-name.shop.example/market/account/"
					 "email/confirm?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8");
			else if (strstr(key, "EMAIL"))
				tmpl_set(d, key, "maximilian.alexander.featherstonehaugh-cholmondeley@"
					 "a-long-domain.example");
			else if (strcmp(key, "HOURS") == 0 || strcmp(key, "MINUTES") == 0 || strcmp(key, "DAYS") == 0)
				tmpl_set(d, key, "24");
			else
				tmpl_set(d, key, "Maximilian Alexander Featherstonehaugh-Cholmondeley of "
					 "Northwind Home Goods and Hearthside Trading");
		}
		free(text);
		ck_assert_int_eq(db_begin(), 0);
		id = mail_queue("wrap@check-mail.example", "Long lines", name, d);
		ck_assert_msg(id > 0, "%s did not queue", name);
		r = db_query("SELECT body FROM mail_outbox WHERE id = ?", "i", id);
		ck_assert_ptr_nonnull(r);
		ck_assert(db_next(r));
		text = strdup(db_str(r, 0));
		db_free(r);
		ck_assert_int_eq(db_rollback(), 0);
		for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			size_t chars = 0;
			const char *c;

			for (c = line; *c; c++)
				chars += ((unsigned char)*c & 0xC0) != 0x80;
			ck_assert_msg(chars <= MAIL_LINE_WIDTH || strchr(line, ' ') == NULL,
				      "%s: a line of %zu characters: %s", name, chars, line);
		}
		free(text);
		templates++;
	}
	closedir(dir);
	ck_assert_int_ge(templates, 10);
	unsetenv("BAZAAR_BASE_URL");
	unsetenv("BAZAAR_SITE_NAME");
}
END_TEST

static Suite *mail_suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("settings");
	TCase *db = tcase_create("queue");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_base_url);
	tcase_add_test(tc, test_mail_dir);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(db, db_setup, db_teardown);
	tcase_add_unchecked_fixture(db, NULL, suite_teardown);
	tcase_add_test(db, test_queue_inserts_rendered_text);
	tcase_add_test(db, test_queue_refuses_bad_input);
	tcase_add_test(db, test_queue_follows_transaction);
	tcase_add_test(db, test_queue_wraps_every_template);
	suite_add_tcase(s, db);
	return s;
}

CHECK_MAIN(mail_suite)

/*
 * Tests for mail: the base URL, address and subject checks, mail_queue
 * against the test stack's database (the row it inserts, with the template
 * rendered and its HTML escaping undone; a subject with a line break
 * refused) and the message format (headers, RFC 2047 subjects,
 * quoted-printable bodies) read back with mail_parse.
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

/* ---- settings and checks ------------------------------------------------------ */

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

START_TEST(test_address_checks)
{
	char out[300];

	ck_assert(mail_address_ok("a@b.example"));
	ck_assert(mail_address_ok("first.last+tag@shop.example"));
	ck_assert(mail_address_ok("root@localhost"));
	ck_assert(!mail_address_ok(NULL));
	ck_assert(!mail_address_ok(""));
	ck_assert(!mail_address_ok("no-at-sign.example"));
	ck_assert(!mail_address_ok("two@@b.example"));
	ck_assert(!mail_address_ok("@b.example"));
	ck_assert(!mail_address_ok("a@"));
	ck_assert(!mail_address_ok("a@b..example"));
	ck_assert(!mail_address_ok("a b@b.example"));
	ck_assert(!mail_address_ok("a@b.example\r\nBcc: victim@x.example"));
	ck_assert(!mail_address_ok("<a@b.example>"));
	ck_assert(!mail_address_ok("a,b@b.example"));
	ck_assert(!mail_address_ok("\"a\"@b.example"));
	ck_assert(!mail_address_ok("jos\xc3\xa9@b.example"));

	ck_assert_str_eq(mail_address_of("Bazaar <no-reply@bazaar.example>", out, sizeof out),
			 "no-reply@bazaar.example");
	ck_assert_str_eq(mail_address_of("  shop@bazaar.example ", out, sizeof out), "shop@bazaar.example");
	ck_assert_ptr_null(mail_address_of("Bazaar <no-reply@bazaar.example", out, sizeof out));
	ck_assert_ptr_null(mail_address_of("Bazaar", out, sizeof out));
}
END_TEST

START_TEST(test_subject_checks)
{
	char longest[MAIL_SUBJECT_MAX * 2 + 3];
	size_t i;

	ck_assert(mail_subject_ok("Confirm your email address"));
	ck_assert(mail_subject_ok("Bestätigen Sie Ihre Adresse – 确认"));
	ck_assert(!mail_subject_ok(""));
	ck_assert(!mail_subject_ok(NULL));
	ck_assert(!mail_subject_ok("Hello\r\nBcc: victim@x.example"));
	ck_assert(!mail_subject_ok("Hello\nthere"));
	ck_assert(!mail_subject_ok("Hello\rthere"));
	ck_assert(!mail_subject_ok("tab\there"));
	ck_assert(!mail_subject_ok("bad \xc3 byte"));
	ck_assert(!mail_subject_ok("overlong \xc0\xaf"));
	/* 255 characters of two bytes each pass, one more does not */
	for (i = 0; i < MAIL_SUBJECT_MAX; i++)
		memcpy(longest + 2 * i, "\xc3\xa9", 2);
	longest[2 * i] = '\0';
	ck_assert(mail_subject_ok(longest));
	memcpy(longest + 2 * i, "x", 2);
	ck_assert(!mail_subject_ok(longest));
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

/* ---- the message format ------------------------------------------------------------ */

/* The value of header name in a message (static buffer), or NULL. */
static const char *header(const char *msg, const char *name)
{
	static char value[1024];
	size_t n = strlen(name);
	const char *p = msg;

	while (*p && !(p[0] == '\r' && p[1] == '\n')) {
		const char *end = strstr(p, "\r\n");
		if (end == NULL)
			return NULL;
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			snprintf(value, sizeof value, "%.*s", (int)(end - p - n - 2), p + n + 2);
			return value;
		}
		p = end + 2;
	}
	return NULL;
}

START_TEST(test_message_ascii)
{
	struct buf b;
	struct mail_parsed m;
	const char *body_at;

	buf_init(&b);
	ck_assert_int_eq(mail_message(&b, 42, "Bazaar <no-reply@bazaar.example>", "a@b.example",
				      "Confirm your email address", "Hello,\n\nhttps://x.example/verify?token=t\n",
				      (time_t)1700000000), 0);
	ck_assert_str_eq(header(b.data, "Date"), "Tue, 14 Nov 2023 22:13:20 +0000");
	ck_assert_str_eq(header(b.data, "From"), "Bazaar <no-reply@bazaar.example>");
	ck_assert_str_eq(header(b.data, "To"), "a@b.example");
	ck_assert_str_eq(header(b.data, "Subject"), "Confirm your email address");
	ck_assert_str_eq(header(b.data, "MIME-Version"), "1.0");
	ck_assert_str_eq(header(b.data, "Content-Type"), "text/plain; charset=utf-8");
	ck_assert_str_eq(header(b.data, "Content-Transfer-Encoding"), "7bit");
	ck_assert_ptr_nonnull(header(b.data, "Message-ID"));
	ck_assert_msg(strncmp(header(b.data, "Message-ID"), "<bazaar.42.", 11) == 0 &&
		      strstr(header(b.data, "Message-ID"), "@bazaar.example>") != NULL,
		      "Message-ID %s", header(b.data, "Message-ID"));
	body_at = strstr(b.data, "\r\n\r\n");
	ck_assert_ptr_nonnull(body_at);
	ck_assert_str_eq(body_at + 4, "Hello,\r\n\r\nhttps://x.example/verify?token=t\r\n");
	/* every line ends in CRLF */
	for (const char *p = b.data; (p = strchr(p, '\n')) != NULL; p++)
		ck_assert(p > b.data && p[-1] == '\r');

	ck_assert_int_eq(mail_parse(b.data, b.len, &m), 0);
	ck_assert_str_eq(m.subject, "Confirm your email address");
	ck_assert_str_eq(m.to, "a@b.example");
	ck_assert_str_eq(m.from, "Bazaar <no-reply@bazaar.example>");
	ck_assert_str_eq(m.date, "Tue, 14 Nov 2023 22:13:20 +0000");
	ck_assert_str_eq(m.body, "Hello,\n\nhttps://x.example/verify?token=t\n");
	mail_parsed_free(&m);
	buf_free(&b);
}
END_TEST

START_TEST(test_message_utf8_round_trip)
{
	static const char subject[] =
		"Bestätigen Sie Ihre E-Mail-Adresse bei Bazaar — Grüße aus Köln, 确认您的电子邮件地址";
	char body[600];
	struct buf b;
	struct mail_parsed m;
	const char *p, *subj;

	snprintf(body, sizeof body, "Hallo Jürgen,\n\nÖffnen Sie https://x.example/verify?token=a=b&c "
		 "bitte. %s\nTrailing space \nTab\tin line\n.leading dot\n=equals=\n",
		 "A very long line that goes past seventy-six characters so that quoted-printable "
		 "has to break it softly at least once or twice, ending here.");
	buf_init(&b);
	ck_assert_int_eq(mail_message(&b, 7, "Bäzaar Shop <shop@bazaar.example>", "a@b.example",
				      subject, body, time(NULL)), 0);
	ck_assert_str_eq(header(b.data, "Content-Transfer-Encoding"), "quoted-printable");
	subj = strstr(b.data, "Subject: ");
	ck_assert_ptr_nonnull(subj);
	ck_assert_msg(strncmp(subj, "Subject: =?UTF-8?B?", 19) == 0, "%.80s", subj);
	ck_assert_msg(strncmp(header(b.data, "From"), "=?UTF-8?B?", 10) == 0 &&
		      strstr(header(b.data, "From"), "?= <shop@bazaar.example>") != NULL,
		      "From: %s", header(b.data, "From"));
	/* no line longer than 76 characters; nothing but ASCII */
	for (p = b.data; *p; ) {
		const char *e = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(e);
		ck_assert_msg(e - p <= 76, "line too long: %.*s", (int)(e - p), p);
		p = e + 2;
	}
	for (p = b.data; *p; p++)
		ck_assert((unsigned char)*p < 0x80);

	ck_assert_int_eq(mail_parse(b.data, b.len, &m), 0);
	ck_assert_str_eq(m.subject, subject);
	ck_assert_str_eq(m.from, "Bäzaar Shop <shop@bazaar.example>");
	ck_assert_str_eq(m.body, body);
	mail_parsed_free(&m);
	buf_free(&b);
}
END_TEST

START_TEST(test_message_refuses)
{
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(mail_message(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example",
				      "Two\r\nlines", "x", 0), -1);
	ck_assert_int_eq(mail_message(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example\r\nBcc: c@d.example",
				      "Hi", "x", 0), -1);
	ck_assert_int_eq(mail_message(&b, 1, "Bazaar", "a@b.example", "Hi", "x", 0), -1);
	ck_assert_int_eq(b.len, 0);
	/* a name with specials is quoted */
	ck_assert_int_eq(mail_message(&b, 1, "Bazaar, Inc. \"Shop\" <no-reply@bazaar.example>", "a@b.example",
				      "Hi =?x?= there", "x", 0), 0);
	ck_assert_str_eq(header(b.data, "From"), "\"Bazaar, Inc. \\\"Shop\\\"\" <no-reply@bazaar.example>");
	/* text that looks like an encoded word is encoded */
	ck_assert_msg(strncmp(header(b.data, "Subject"), "=?UTF-8?B?", 10) == 0, "%s", header(b.data, "Subject"));
	buf_free(&b);
}
END_TEST

START_TEST(test_parse_foreign_encodings)
{
	static const char msg[] =
		"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j@x.example>\r\n"
		"To: a@b.example\r\n"
		"Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"
		"  =?UTF-8?Q?_aus_K=C3=B6ln?= and more\r\n"
		"Content-Transfer-Encoding: base64\r\n"
		"\r\n"
		"SGFsbG8g\r\nV2VsdAo=\r\n";
	struct mail_parsed m;

	ck_assert_int_eq(mail_parse(msg, sizeof msg - 1, &m), 0);
	ck_assert_str_eq(m.from, "Jürgen Müller <j@x.example>");
	ck_assert_str_eq(m.subject, "Grüße aus Köln and more");
	ck_assert_str_eq(m.body, "Hallo Welt\n");
	ck_assert_str_eq(m.date, "");
	mail_parsed_free(&m);
	/* headers only, LF line ends */
	ck_assert_int_eq(mail_parse("Subject: x\nTo: y@z.example\n", 27, &m), 0);
	ck_assert_str_eq(m.subject, "x");
	ck_assert_str_eq(m.to, "y@z.example");
	ck_assert_str_eq(m.body, "");
	mail_parsed_free(&m);
}
END_TEST

static Suite *mail_suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("format");
	TCase *db = tcase_create("queue");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_base_url);
	tcase_add_test(tc, test_mail_dir);
	tcase_add_test(tc, test_address_checks);
	tcase_add_test(tc, test_subject_checks);
	tcase_add_test(tc, test_message_ascii);
	tcase_add_test(tc, test_message_utf8_round_trip);
	tcase_add_test(tc, test_message_refuses);
	tcase_add_test(tc, test_parse_foreign_encodings);
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

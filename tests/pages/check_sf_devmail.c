/*
 * Page tests for sf_devmail.c: GET /dev/mail and GET /dev/mail/{id}, the
 * development site's view of the mail the mailer writes into files. Each
 * test works in its own temporary BAZAAR_MAIL_DIR, with messages made by
 * mailmsg_format as the mailer makes them.
 */
#include "page_util.h"
#include "mail.h"
#include "mailmsg.h"

static char tmp_dir[64];

/* Checked setup (in the test's process): an empty mail directory. */
static void
devmail_setup(void)
{
	pu_setup();
	snprintf(tmp_dir, sizeof tmp_dir, "/tmp/check_sf_devmail.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
	setenv("BAZAAR_MAIL_DIR", tmp_dir, 1);
	setenv("BAZAAR_ENV", "development", 1);
}

static void
devmail_teardown(void)
{
	char cmd[128];

	if (tmp_dir[0] && strncmp(tmp_dir, "/tmp/check_sf_devmail.", 22) == 0) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmp_dir);
	}
	tmp_dir[0] = '\0';
}

/* Writes dir/name with text. */
static void
write_file(const char *name, const char *text, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* Writes message id as the mailer would. */
static void
write_message(long long id, const char *to, const char *subject, const char *body)
{
	struct buf b;
	char name[64];

	buf_init(&b);
	ck_assert_int_eq(mailmsg_format(&b, id, "Bazaar <no-reply@bazaar.example>", to, subject, body,
					(time_t)1700000000 + id), 0);
	snprintf(name, sizeof name, "%lld.eml", id);
	write_file(name, b.data, b.len);
	buf_free(&b);
}

static const char body_text[] =
	"Hello O'Brien,\n\n"
	"Please open https://shop.example/verify?token=abc_DEF-1&x=2.\n"
	"Not a link: javascript:alert(1) or <script>alert(1)</script>\n"
	"(see http://127.0.0.1:8080/reset/new?token=Zz)\n";

/* In production the pages do not exist, even with mail on disk. */
START_TEST(test_devmail_only_in_development)
{
	static const char *const envs[] = { "production", "staging", "" };
	struct pu_page *p;
	size_t i;

	write_message(5, "a@b.example", "Confirm your email address", body_text);
	for (i = 0; i < sizeof envs / sizeof envs[0]; i++) {
		setenv("BAZAAR_ENV", envs[i], 1);
		p = pu_get("/dev/mail");
		pu_assert_status(p, 404);
		pu_assert_lacks(p, "Confirm your email address");
		pu_free(p);
		p = pu_get("/dev/mail/5");
		pu_assert_status(p, 404);
		pu_assert_lacks(p, "verify?token");
		pu_free(p);
	}
	unsetenv("BAZAAR_ENV");
	pu_expect(404, pu_get("/dev/mail"));
	/* The test stack has them, for its browser journeys. */
	setenv("BAZAAR_ENV", "test", 1);
	pu_expect(200, pu_get("/dev/mail"));
	unsetenv("BAZAAR_ENV");
}
END_TEST

START_TEST(test_devmail_list)
{
	struct pu_page *p;
	const char *newer, *older;

	write_message(7, "first@b.example", "Confirm your email address", body_text);
	write_message(12, "o.brien@b.example", "Welcome, O'Brien & <Co> — grüß dich", body_text);
	write_file("notes.txt", "Subject: not a message\r\n\r\n", 26);
	write_file(".13.eml.99.tmp", "Subject: half written\r\n", 23);
	write_file("013.eml", "Subject: leading zero\r\n", 23);

	p = pu_get("/dev/mail");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_text(p, "Outgoing mail");
	pu_assert_text(p, tmp_dir);
	pu_assert_text(p, "2 messages");
	pu_assert_text(p, "Welcome, O'Brien & <Co> — grüß dich");
	pu_assert_text(p, "o.brien@b.example");
	pu_assert_text(p, "first@b.example");
	pu_assert_text(p, "Tue, 14 Nov 2023 22:13:32 +0000");
	pu_assert_lacks(p, "<Co>");
	/* newest (highest id) first */
	newer = strstr(p->body, "href=\"/dev/mail/12\"");
	older = strstr(p->body, "href=\"/dev/mail/7\"");
	ck_assert_ptr_nonnull(newer);
	ck_assert_ptr_nonnull(older);
	ck_assert_msg(newer < older, "the newest message comes first");
	/* only <id>.eml files */
	pu_assert_lacks(p, "not a message");
	pu_assert_lacks(p, "half written");
	pu_assert_lacks(p, "leading zero");
	pu_assert_lacks(p, "/dev/mail/13");
	pu_free(p);
}
END_TEST

START_TEST(test_devmail_list_empty)
{
	struct pu_page *p;

	p = pu_get("/dev/mail");
	pu_assert_status(p, 200);
	pu_assert_text(p, "No mail yet.");
	pu_free(p);
	/* a directory the mailer has not made yet holds no mail either */
	setenv("BAZAAR_MAIL_DIR", "/tmp/check_sf_devmail.does-not-exist", 1);
	p = pu_get("/dev/mail");
	pu_assert_status(p, 200);
	pu_assert_text(p, "No mail yet.");
	pu_free(p);
}
END_TEST

START_TEST(test_devmail_view)
{
	struct pu_page *p;
	const char *pre;

	write_message(12, "o.brien@b.example", "Welcome, O'Brien & <Co>", body_text);
	p = pu_get("/dev/mail/12");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_text(p, "Welcome, O'Brien & <Co>");
	pu_assert_text(p, "o.brien@b.example");
	pu_assert_text(p, "Bazaar <no-reply@bazaar.example>");
	pu_assert_text(p, "<bazaar.12.");
	pu_assert_has(p, "href=\"/dev/mail\"");
	/* the text keeps its lines; addresses are links, the rest is escaped text */
	pre = strstr(p->body, "<pre class=\"devmail-body\">");
	ck_assert_ptr_nonnull(pre);
	ck_assert_msg(strncmp(pre + 26, "Hello O&#39;Brien,\n\nPlease open <a href=\"", 41) == 0,
		      "pre: %.200s", pre);
	pu_assert_has(p, "<a href=\"https://shop.example/verify?token=abc_DEF-1&amp;x=2\">"
		      "https://shop.example/verify?token=abc_DEF-1&amp;x=2</a>.\n");
	pu_assert_has(p, "(see <a href=\"http://127.0.0.1:8080/reset/new?token=Zz\">"
		      "http://127.0.0.1:8080/reset/new?token=Zz</a>)\n");
	pu_assert_has(p, "Not a link: javascript:alert(1) or &lt;script&gt;alert(1)&lt;/script&gt;\n");
	pu_assert_lacks(p, "<script>");
	pu_assert_lacks(p, "href=\"javascript");
	pu_free(p);
}
END_TEST

START_TEST(test_devmail_view_bad_input)
{
	struct pu_page *p;

	write_message(3, "a@b.example", "Three", "x\n");
	pu_expect(404, pu_get("/dev/mail/99"));
	pu_expect(404, pu_get("/dev/mail/abc"));
	pu_expect(404, pu_get("/dev/mail/03"));
	pu_expect(404, pu_get("/dev/mail/..%2F3"));
	pu_expect(405, pu_request("POST", "/dev/mail/3", NULL));
	p = pu_get("/dev/mail/3");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Three");
	pu_free(p);
}
END_TEST

static Suite *
sf_devmail_suite(void)
{
	Suite *s = suite_create("sf_devmail");
	TCase *tc = tcase_create("devmail");

	tcase_add_checked_fixture(tc, devmail_setup, devmail_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_devmail_only_in_development);
	tcase_add_test(tc, test_devmail_list);
	tcase_add_test(tc, test_devmail_list_empty);
	tcase_add_test(tc, test_devmail_view);
	tcase_add_test(tc, test_devmail_view_bad_input);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sf_devmail_suite)

/*
 * Tests for sf_devmail_mime.c, the decoding of a message for the
 * development mail viewer: messages written by mailmsg_format (as the
 * mailer writes them) read back as they were given, and the encodings other
 * mail software uses (Q-encoded words, folded headers, base64 bodies).
 */
#include <stdio.h>
#include <string.h>

#include "check_util.h"
#include "mailmsg.h"
#include "mailmsg_sample.h"
#include "../../cgi/storefront/sf.h"

/* A message as the mailer writes it, read back. */
START_TEST(test_read_back_ascii)
{
	struct buf b;
	struct sf_devmail_mime m;

	buf_init(&b);
	ck_assert_int_eq(mailmsg_format(&b, 42, "Bazaar <no-reply@bazaar.example>", "a@b.example",
					"Confirm your email address", "Hello,\n\nhttps://x.example/verify?token=t\n",
					(time_t)1700000000), 0);
	ck_assert_int_eq(sf_devmail_mime_parse(b.data, b.len, &m), 0);
	ck_assert_str_eq(m.subject, "Confirm your email address");
	ck_assert_str_eq(m.to, "a@b.example");
	ck_assert_str_eq(m.from, "Bazaar <no-reply@bazaar.example>");
	ck_assert_str_eq(m.date, "Tue, 14 Nov 2023 22:13:20 +0000");
	ck_assert_str_eq(m.body, "Hello,\n\nhttps://x.example/verify?token=t\n");
	sf_devmail_mime_free(&m);
	buf_free(&b);
}
END_TEST

/* Encoded words in the subject and the name, a quoted-printable body. */
START_TEST(test_read_back_utf8)
{
	char body[600];
	struct buf b;
	struct sf_devmail_mime m;

	buf_init(&b);
	ck_assert_int_eq(mailmsg_sample(&b, body, sizeof body), 0);
	ck_assert_int_eq(sf_devmail_mime_parse(b.data, b.len, &m), 0);
	ck_assert_str_eq(m.subject, mailmsg_sample_subject);
	ck_assert_str_eq(m.from, MAILMSG_SAMPLE_FROM);
	ck_assert_str_eq(m.body, body);
	sf_devmail_mime_free(&m);
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
	struct sf_devmail_mime m;

	ck_assert_int_eq(sf_devmail_mime_parse(msg, sizeof msg - 1, &m), 0);
	ck_assert_str_eq(m.from, "Jürgen Müller <j@x.example>");
	ck_assert_str_eq(m.subject, "Grüße aus Köln and more");
	ck_assert_str_eq(m.body, "Hallo Welt\n");
	ck_assert_str_eq(m.date, "");
	sf_devmail_mime_free(&m);
	/* headers only, LF line ends */
	ck_assert_int_eq(sf_devmail_mime_parse("Subject: x\nTo: y@z.example\n", 27, &m), 0);
	ck_assert_str_eq(m.subject, "x");
	ck_assert_str_eq(m.to, "y@z.example");
	ck_assert_str_eq(m.body, "");
	sf_devmail_mime_free(&m);
}
END_TEST

static Suite *
sf_devmail_mime_suite(void)
{
	Suite *s = suite_create("sf_devmail_mime");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_read_back_ascii);
	tcase_add_test(tc, test_read_back_utf8);
	tcase_add_test(tc, test_parse_foreign_encodings);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sf_devmail_mime_suite)

/*
 * Tests for mailmsg: the address and subject checks and the message format
 * (headers, RFC 2047 subjects and names, quoted-printable bodies, CRLF line
 * ends, refusals). Reading a message back is the development mail viewer's
 * part (tests/pages/check_sf_devmail_mime.c).
 */
#include <stdio.h>
#include <string.h>

#include "check_util.h"
#include "buf.h"
#include "mailmsg.h"
#include "mailmsg_sample.h"

/* ---- checks ------------------------------------------------------------------ */

START_TEST(test_address_checks)
{
	char out[300];

	ck_assert(mailmsg_address_ok("a@b.example"));
	ck_assert(mailmsg_address_ok("first.last+tag@shop.example"));
	ck_assert(mailmsg_address_ok("root@localhost"));
	ck_assert(!mailmsg_address_ok(NULL));
	ck_assert(!mailmsg_address_ok(""));
	ck_assert(!mailmsg_address_ok("no-at-sign.example"));
	ck_assert(!mailmsg_address_ok("two@@b.example"));
	ck_assert(!mailmsg_address_ok("@b.example"));
	ck_assert(!mailmsg_address_ok("a@"));
	ck_assert(!mailmsg_address_ok("a@b..example"));
	ck_assert(!mailmsg_address_ok("a b@b.example"));
	ck_assert(!mailmsg_address_ok("a@b.example\r\nBcc: victim@x.example"));
	ck_assert(!mailmsg_address_ok("<a@b.example>"));
	ck_assert(!mailmsg_address_ok("a,b@b.example"));
	ck_assert(!mailmsg_address_ok("\"a\"@b.example"));
	ck_assert(!mailmsg_address_ok("jos\xc3\xa9@b.example"));

	ck_assert_str_eq(mailmsg_address_of("Bazaar <no-reply@bazaar.example>", out, sizeof out),
			 "no-reply@bazaar.example");
	ck_assert_str_eq(mailmsg_address_of("  shop@bazaar.example ", out, sizeof out), "shop@bazaar.example");
	ck_assert_ptr_null(mailmsg_address_of("Bazaar <no-reply@bazaar.example", out, sizeof out));
	ck_assert_ptr_null(mailmsg_address_of("Bazaar", out, sizeof out));
}
END_TEST

START_TEST(test_subject_checks)
{
	char longest[MAILMSG_SUBJECT_MAX * 2 + 3];
	size_t i;

	ck_assert(mailmsg_subject_ok("Confirm your email address"));
	ck_assert(mailmsg_subject_ok("Bestätigen Sie Ihre Adresse – 确认"));
	ck_assert(!mailmsg_subject_ok(""));
	ck_assert(!mailmsg_subject_ok(NULL));
	ck_assert(!mailmsg_subject_ok("Hello\r\nBcc: victim@x.example"));
	ck_assert(!mailmsg_subject_ok("Hello\nthere"));
	ck_assert(!mailmsg_subject_ok("Hello\rthere"));
	ck_assert(!mailmsg_subject_ok("tab\there"));
	ck_assert(!mailmsg_subject_ok("bad \xc3 byte"));
	ck_assert(!mailmsg_subject_ok("overlong \xc0\xaf"));
	/* 255 characters of two bytes each pass, one more does not */
	for (i = 0; i < MAILMSG_SUBJECT_MAX; i++)
		memcpy(longest + 2 * i, "\xc3\xa9", 2);
	longest[2 * i] = '\0';
	ck_assert(mailmsg_subject_ok(longest));
	memcpy(longest + 2 * i, "x", 2);
	ck_assert(!mailmsg_subject_ok(longest));
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
	const char *body_at;

	buf_init(&b);
	ck_assert_int_eq(mailmsg_format(&b, 42, "Bazaar <no-reply@bazaar.example>", "a@b.example",
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
	buf_free(&b);
}
END_TEST

START_TEST(test_message_utf8)
{
	char body[600];
	struct buf b;
	const char *p, *subj;

	buf_init(&b);
	ck_assert_int_eq(mailmsg_sample(&b, body, sizeof body), 0);
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
	buf_free(&b);
}
END_TEST

START_TEST(test_message_refuses)
{
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(mailmsg_format(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example",
					"Two\r\nlines", "x", 0), -1);
	ck_assert_int_eq(mailmsg_format(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example\r\nBcc: c@d.example",
					"Hi", "x", 0), -1);
	ck_assert_int_eq(mailmsg_format(&b, 1, "Bazaar", "a@b.example", "Hi", "x", 0), -1);
	ck_assert_int_eq(b.len, 0);
	/* a name with specials is quoted */
	ck_assert_int_eq(mailmsg_format(&b, 1, "Bazaar, Inc. \"Shop\" <no-reply@bazaar.example>", "a@b.example",
					"Hi =?x?= there", "x", 0), 0);
	ck_assert_str_eq(header(b.data, "From"), "\"Bazaar, Inc. \\\"Shop\\\"\" <no-reply@bazaar.example>");
	/* text that looks like an encoded word is encoded */
	ck_assert_msg(strncmp(header(b.data, "Subject"), "=?UTF-8?B?", 10) == 0, "%s", header(b.data, "Subject"));
	buf_free(&b);
}
END_TEST

static Suite *mailmsg_suite(void)
{
	Suite *s = suite_create("mailmsg");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_address_checks);
	tcase_add_test(tc, test_subject_checks);
	tcase_add_test(tc, test_message_ascii);
	tcase_add_test(tc, test_message_utf8);
	tcase_add_test(tc, test_message_refuses);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(mailmsg_suite)

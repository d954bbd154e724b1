/*
 * Tests for cgi/lib/totp.c: RFC 6238 codes, the drift window, refusal of a
 * code used before, base32 and the otpauth URI, and the QR code as SVG.
 */
#include "check_util.h"
#include "totp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The SHA-1 secret of RFC 6238 appendix B. */
static const unsigned char rfc_secret[TOTP_SECRET_BYTES] = "12345678901234567890";

START_TEST(test_rfc6238_vectors)
{
	/* The RFC's 8-digit values, of which a 6-digit code is the last six. */
	static const struct { long long t; const char *code; } v[] = {
		{ 59, "287082" },		/* 94287082 */
		{ 1111111109, "081804" },	/* 07081804 */
		{ 1111111111, "050471" },	/* 14050471 */
		{ 1234567890, "005924" },	/* 89005924 */
		{ 2000000000, "279037" },	/* 69279037 */
		{ 20000000000LL, "353130" },	/* 65353130 */
	};
	char out[7];
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		ck_assert_int_eq(totp_code_at(rfc_secret, (time_t)v[i].t, out), 0);
		ck_assert_str_eq(out, v[i].code);
	}
}
END_TEST

START_TEST(test_drift_window)
{
	const time_t now = 1111111109;	/* step 37037036 */
	const long long step = 1111111109 / 30;
	char code[7];

	ck_assert_int_eq(totp_verify(rfc_secret, "081804", now, 0), step);
	ck_assert_int_eq(totp_verify(rfc_secret, "081 804", now, 0), step);
	totp_code_at(rfc_secret, now - 30, code);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, 0), step - 1);
	totp_code_at(rfc_secret, now + 30, code);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, 0), step + 1);
	totp_code_at(rfc_secret, now - 60, code);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, 0), -1);
	totp_code_at(rfc_secret, now + 60, code);
	ck_assert_int_eq(totp_verify(rfc_secret, code, now, 0), -1);
}
END_TEST

START_TEST(test_replay)
{
	const time_t now = 1111111109;
	long long step;
	char older[7], newer[7];

	step = totp_verify(rfc_secret, "081804", now, 0);
	ck_assert_int_gt(step, 0);
	/* The same code again, even a moment later in the same step. */
	ck_assert_int_eq(totp_verify(rfc_secret, "081804", now, step), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "081804", now + 1, step), -1);
	/* An older step that is still inside the drift window. */
	totp_code_at(rfc_secret, now - 30, older);
	ck_assert_int_eq(totp_verify(rfc_secret, older, now, step), -1);
	/* The next step is still fine. */
	totp_code_at(rfc_secret, now + 30, newer);
	ck_assert_int_eq(totp_verify(rfc_secret, newer, now, step), step + 1);
}
END_TEST

START_TEST(test_bad_codes)
{
	const time_t now = 1111111109;

	ck_assert_int_eq(totp_verify(rfc_secret, NULL, now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "08180", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "0818040", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "07081804", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "08180a", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "081805", now, 0), -1);
	ck_assert_int_eq(totp_verify(rfc_secret, "-81804", now, 0), -1);
}
END_TEST

START_TEST(test_base32)
{
	unsigned char secret[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
	char text[TOTP_BASE32_SIZE];
	int round;

	totp_base32(rfc_secret, text);
	ck_assert_str_eq(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	ck_assert_int_eq(totp_parse_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back), 0);
	ck_assert_int_eq(memcmp(back, rfc_secret, sizeof back), 0);
	for (round = 0; round < 50; round++) {
		totp_new_secret(secret);
		totp_base32(secret, text);
		ck_assert_uint_eq(strlen(text), 32);
		ck_assert_int_eq(totp_parse_base32(text, back), 0);
		ck_assert_int_eq(memcmp(back, secret, sizeof back), 0);
	}
	ck_assert_int_eq(totp_parse_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ", back), -1);	/* short */
	ck_assert_int_eq(totp_parse_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQA", back), -1);	/* long */
	ck_assert_int_eq(totp_parse_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", back), -1);	/* not base32 */
	ck_assert_int_eq(totp_parse_base32("", back), -1);
	ck_assert_int_eq(totp_parse_base32(NULL, back), -1);
}
END_TEST

START_TEST(test_new_secret_random)
{
	unsigned char a[TOTP_SECRET_BYTES], b[TOTP_SECRET_BYTES];

	totp_new_secret(a);
	totp_new_secret(b);
	ck_assert_int_ne(memcmp(a, b, sizeof a), 0);
}
END_TEST

START_TEST(test_uri)
{
	char *uri = totp_uri(rfc_secret, "Bazaar", "admin@example.com");

	ck_assert_ptr_nonnull(uri);
	ck_assert_str_eq(uri, "otpauth://totp/Bazaar:admin%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
			      "&issuer=Bazaar&algorithm=SHA1&digits=6&period=30");
	free(uri);
	uri = totp_uri(rfc_secret, "My Shop & Co", "a b");
	ck_assert_ptr_nonnull(strstr(uri, "totp/My%20Shop%20%26%20Co:a%20b?"));
	ck_assert_ptr_nonnull(strstr(uri, "&issuer=My%20Shop%20%26%20Co&"));
	free(uri);
}
END_TEST

START_TEST(test_qr_svg)
{
	char *uri = totp_uri(rfc_secret, "Bazaar", "admin@example.com");
	char *svg = totp_qr_svg(uri, "QR code for <Bazaar> & \"admin\"");
	int w = 0, h = 0, modules;

	ck_assert_ptr_nonnull(svg);
	ck_assert_int_eq(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
	ck_assert_ptr_nonnull(strstr(svg, "role=\"img\""));
	ck_assert_ptr_nonnull(strstr(svg, "aria-label=\"QR code for &lt;Bazaar&gt; &amp; &quot;admin&quot;\""));
	ck_assert_ptr_null(strstr(svg, "<Bazaar>"));
	ck_assert_ptr_nonnull(strstr(svg, "<path "));
	ck_assert_ptr_null(strstr(strstr(svg, "<path ") + 1, "<path "));	/* one path */
	ck_assert_str_eq(svg + strlen(svg) - 6, "</svg>");
	ck_assert_int_eq(sscanf(strstr(svg, "viewBox=\""), "viewBox=\"0 0 %d %d\"", &w, &h), 2);
	ck_assert_int_eq(w, h);
	modules = w - 8;	/* a quiet zone of 4 on each side */
	ck_assert_int_eq((modules - 21) % 4, 0);	/* a QR symbol is 21 + 4k modules wide */
	/* The finder pattern's top row starts at the quiet zone's edge. */
	ck_assert_ptr_nonnull(strstr(svg, "d=\"M4 4h7v1h-7z"));
	free(svg);
	free(uri);
	ck_assert_ptr_null(totp_qr_svg(NULL, "x"));
}
END_TEST

static Suite *
totp_suite(void)
{
	Suite *s = suite_create("totp");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rfc6238_vectors);
	tcase_add_test(tc, test_drift_window);
	tcase_add_test(tc, test_replay);
	tcase_add_test(tc, test_bad_codes);
	tcase_add_test(tc, test_base32);
	tcase_add_test(tc, test_new_secret_random);
	tcase_add_test(tc, test_uri);
	tcase_add_test(tc, test_qr_svg);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(totp_suite)

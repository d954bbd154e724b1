/*
 * Tests for cgi/lib/password.c: the rules for a new password, the compiled-in
 * common-passwords list, argon2id hashing and verification, and re-hashing
 * when the configured cost changes.
 */
#include "check_util.h"
#include "cfg.h"
#include "password.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MSG_SHORT  "Use at least 12 characters."
#define MSG_EMAIL  "Your password must not be your email address."
#define MSG_COMMON "This password is too common: it appears in lists attackers try first. Choose another."

/* Cheap argon2id parameters, so the tests that hash a lot stay fast. */
static void
cheap_costs(void)
{
	setenv("BAZAAR_ARGON2_OPSLIMIT", "1", 1);
	setenv("BAZAAR_ARGON2_MEMLIMIT", "65536", 1);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(test_too_short)
{
	ck_assert_str_eq(password_problem("short", NULL), MSG_SHORT);
	ck_assert_str_eq(password_problem("elevenchars", "a@example.com"), MSG_SHORT);
	/* 11 code points in 14 bytes: still too short, characters are counted. */
	ck_assert_str_eq(password_problem("\xc3\xb1" "and\xc3\xba-p\xc3\xa1jar", NULL), MSG_SHORT);
	ck_assert_ptr_nonnull(password_problem("", NULL));
	ck_assert_ptr_nonnull(password_problem(NULL, NULL));
}
END_TEST

START_TEST(test_exactly_twelve_multibyte)
{
	/* "ñandú-pájaro": 12 code points, 15 bytes. */
	const char *pw = "\xc3\xb1" "and\xc3\xba-p\xc3\xa1jaro";

	ck_assert_uint_eq(strlen(pw), 15);
	ck_assert_ptr_null(password_problem(pw, "someone@example.com"));
	/* Twelve characters of three and four bytes each. */
	ck_assert_ptr_null(password_problem("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
					    "\xf0\x9f\x94\x91\xf0\x9f\x94\x91\xf0\x9f\x94\x91\xf0\x9f\x94\x91"
					    "abcd", NULL));
	ck_assert_ptr_null(password_problem("twelve chars", NULL));
}
END_TEST

START_TEST(test_invalid_utf8)
{
	const char *bad[] = {
		"abcdefghijkl\xff",		/* never valid */
		"abcdefghijkl\xc3",		/* cut short */
		"\xc0\xaf" "abcdefghijkl",	/* overlong '/' */
		"\xed\xa0\x80" "abcdefghijkl",	/* a UTF-16 surrogate */
		"\xf4\x90\x80\x80" "abcdefghijkl",	/* past U+10FFFF */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *msg = password_problem(bad[i], NULL);
		ck_assert_ptr_nonnull(msg);
		ck_assert_ptr_nonnull(strstr(msg, "could not be read"));
	}
}
END_TEST

START_TEST(test_too_long)
{
	char pw[PASSWORD_MAX + 2];

	memset(pw, 'x', PASSWORD_MAX);
	pw[PASSWORD_MAX] = '\0';
	ck_assert_ptr_null(password_problem(pw, NULL));
	pw[PASSWORD_MAX] = 'y';
	pw[PASSWORD_MAX + 1] = '\0';
	ck_assert_ptr_nonnull(strstr(password_problem(pw, NULL), "at most 128 bytes"));
}
END_TEST

START_TEST(test_email_and_local_part)
{
	ck_assert_str_eq(password_problem("someone.long@example.com", "Someone.Long@Example.COM"), MSG_EMAIL);
	ck_assert_str_eq(password_problem("CorrectHorse1", "correcthorse1@example.com"),
			 "Your password must not be the part of your email address before the @.");
	/* Containing the local part is allowed: only the same text is refused. */
	ck_assert_ptr_null(password_problem("CorrectHorse1 staple", "correcthorse1@example.com"));
	ck_assert_ptr_null(password_problem("correct horse battery", ""));
}
END_TEST

START_TEST(test_common_list)
{
	ck_assert_int_eq(password_is_common("123456"), 1);	/* first of the list */
	ck_assert_int_eq(password_is_common("password"), 1);
	ck_assert_int_eq(password_is_common("PassWord"), 1);
	ck_assert_int_eq(password_is_common("changeme1234"), 1);	/* last of the list */
	ck_assert_int_eq(password_is_common("P@ssw0rd"), 1);	/* punctuation survives the build */
	ck_assert_int_eq(password_is_common("p030710p$e4o"), 1);
	ck_assert_int_eq(password_is_common("correct horse battery staple"), 0);
	ck_assert_int_eq(password_is_common(""), 0);
	ck_assert_int_eq(password_is_common(NULL), 0);
	ck_assert_str_eq(password_problem("QWERTY123456", NULL), MSG_COMMON);
	ck_assert_str_eq(password_problem("qwerty123456", "x@example.com"), MSG_COMMON);
	ck_assert_str_eq(password_problem("PasswordPassword", NULL), MSG_COMMON);
}
END_TEST

START_TEST(test_ok)
{
	ck_assert_ptr_null(password_problem("correct horse battery staple", "someone@example.com"));
	ck_assert_ptr_null(password_problem("Tr0ub4dor&3 is long", NULL));
}
END_TEST

START_TEST(test_hash_verify_roundtrip)
{
	char hash[PASSWORD_HASH_SIZE];

	ck_assert_int_eq(password_hash("correct horse battery staple", hash), 0);
	ck_assert_int_eq(strncmp(hash, "$argon2id$", 10), 0);
	ck_assert_int_eq(password_verify(hash, "correct horse battery staple"), 1);
	ck_assert_int_eq(password_verify(hash, "correct horse battery stapl"), 0);
	ck_assert_int_eq(password_verify(hash, "Correct horse battery staple"), 0);
	ck_assert_int_eq(password_verify(hash, ""), 0);
	ck_assert_int_eq(password_needs_rehash(hash), 0);
}
END_TEST

START_TEST(test_hash_salted)
{
	char a[PASSWORD_HASH_SIZE], b[PASSWORD_HASH_SIZE];

	cheap_costs();
	ck_assert_int_eq(password_hash("same password here", a), 0);
	ck_assert_int_eq(password_hash("same password here", b), 0);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(password_verify(a, "same password here"), 1);
	ck_assert_int_eq(password_verify(b, "same password here"), 1);
}
END_TEST

START_TEST(test_malformed_hash)
{
	char hash[PASSWORD_HASH_SIZE];
	double t0, good, bad;

	ck_assert_int_eq(password_verify(NULL, "whatever it is"), 0);
	ck_assert_int_eq(password_verify("", "whatever it is"), 0);
	ck_assert_int_eq(password_verify("not a hash at all", "whatever it is"), 0);
	ck_assert_int_eq(password_verify("$argon2id$v=19$m=65536,t=2,p=1$garbage", "whatever it is"), 0);
	ck_assert_int_eq(password_needs_rehash("not a hash at all"), 1);
	ck_assert_int_eq(password_needs_rehash(NULL), 1);

	/* An unusable hash costs about as much as a real one (default costs). */
	ck_assert_int_eq(password_hash("correct horse battery staple", hash), 0);
	t0 = seconds();
	ck_assert_int_eq(password_verify(hash, "wrong horse battery staple"), 0);
	good = seconds() - t0;
	t0 = seconds();
	ck_assert_int_eq(password_verify("", "wrong horse battery staple"), 0);
	bad = seconds() - t0;
	ck_assert_msg(bad > good / 4, "malformed hash answered in %.3fs, a real one in %.3fs", bad, good);
	t0 = seconds();
	password_burn("anything at all");
	ck_assert_msg(seconds() - t0 > good / 4, "password_burn did not hash");
}
END_TEST

START_TEST(test_needs_rehash_after_cost_change)
{
	char hash[PASSWORD_HASH_SIZE], weak[PASSWORD_HASH_SIZE];

	cheap_costs();
	ck_assert_int_eq(password_hash("correct horse battery staple", hash), 0);
	ck_assert_int_eq(password_needs_rehash(hash), 0);
	ck_assert_ptr_nonnull(strstr(hash, "m=64,t=1"));
	setenv("BAZAAR_ARGON2_OPSLIMIT", "2", 1);
	ck_assert_int_eq(password_needs_rehash(hash), 1);
	ck_assert_int_eq(password_verify(hash, "correct horse battery staple"), 1);	/* still opens */
	setenv("BAZAAR_ARGON2_OPSLIMIT", "1", 1);
	setenv("BAZAAR_ARGON2_MEMLIMIT", "131072", 1);
	ck_assert_int_eq(password_needs_rehash(hash), 1);

	/* The file setting works as well as the environment. */
	unsetenv("BAZAAR_ARGON2_OPSLIMIT");
	unsetenv("BAZAAR_ARGON2_MEMLIMIT");
	ck_assert_int_eq(cfg_load_string("BAZAAR_ARGON2_OPSLIMIT = 1\nBAZAAR_ARGON2_MEMLIMIT = 65536\n"), 0);
	ck_assert_int_eq(password_needs_rehash(hash), 0);
	cfg_clear();
	ck_assert_int_eq(password_needs_rehash(hash), 1);	/* back to the defaults */

	/* An argon2i hash with the same costs moves to argon2id (argon2i
	 * needs at least 3 passes). */
	ck_assert_int_eq(sodium_init() >= 0, 1);
	setenv("BAZAAR_ARGON2_OPSLIMIT", "3", 1);
	setenv("BAZAAR_ARGON2_MEMLIMIT", "65536", 1);
	ck_assert_int_eq(crypto_pwhash_str_alg(weak, "pw", 2, 3, 65536, crypto_pwhash_ALG_ARGON2I13), 0);
	ck_assert_int_eq(password_verify(weak, "pw"), 1);
	ck_assert_int_eq(password_needs_rehash(weak), 1);
}
END_TEST

START_TEST(test_out_of_range_cost_uses_default)
{
	char hash[PASSWORD_HASH_SIZE];

	setenv("BAZAAR_ARGON2_OPSLIMIT", "0", 1);
	setenv("BAZAAR_ARGON2_MEMLIMIT", "12", 1);
	ck_assert_int_eq(password_hash("correct horse battery staple", hash), 0);
	unsetenv("BAZAAR_ARGON2_OPSLIMIT");
	unsetenv("BAZAAR_ARGON2_MEMLIMIT");
	ck_assert_int_eq(password_needs_rehash(hash), 0);
}
END_TEST

static Suite *
password_suite(void)
{
	Suite *s = suite_create("password");
	TCase *rules = tcase_create("rules");
	TCase *hashing = tcase_create("hashing");

	tcase_add_test(rules, test_too_short);
	tcase_add_test(rules, test_exactly_twelve_multibyte);
	tcase_add_test(rules, test_invalid_utf8);
	tcase_add_test(rules, test_too_long);
	tcase_add_test(rules, test_email_and_local_part);
	tcase_add_test(rules, test_common_list);
	tcase_add_test(rules, test_ok);
	suite_add_tcase(s, rules);

	tcase_set_timeout(hashing, 30);
	tcase_add_test(hashing, test_hash_verify_roundtrip);
	tcase_add_test(hashing, test_hash_salted);
	tcase_add_test(hashing, test_malformed_hash);
	tcase_add_test(hashing, test_needs_rehash_after_cost_change);
	tcase_add_test(hashing, test_out_of_range_cost_uses_default);
	suite_add_tcase(s, hashing);
	return s;
}

CHECK_MAIN(password_suite)

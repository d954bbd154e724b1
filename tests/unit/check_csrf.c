/* Tests for cgi/lib/csrf.c: the token of a visitor's forms and the POST check. */
#include "check_util.h"
#include "csrf.h"
#include "sess.h"

#include <stdio.h>
#include <string.h>

#define GOOD "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define OTHER "f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* Set to 1 for a request that came in over HTTPS (nginx's HTTPS=on). */
static int csrf_over_https;

/* A POST request with the given cookie header, body and optional headers. */
static void
csrf_request(struct req *rq, const char *cookie, const char *body, const char *origin,
	     const char *fetch_site)
{
	/* req keeps pointers into the environment: it lives as long as the test. */
	char **env = calloc(11, sizeof *env);
	size_t n = 0;

	env[n++] = strdup("REQUEST_METHOD=POST");
	env[n++] = strdup("REQUEST_URI=/form");
	env[n++] = strdup("HTTP_HOST=shop.example");
	env[n++] = strdup("SERVER_PORT=8080");
	env[n++] = strdup("CONTENT_TYPE=application/x-www-form-urlencoded");
	if (csrf_over_https)
		env[n++] = strdup("HTTPS=on");
	if (cookie) {
		env[n] = malloc(strlen(cookie) + 13);
		sprintf(env[n++], "HTTP_COOKIE=%s", cookie);
	}
	if (origin) {
		env[n] = malloc(strlen(origin) + 13);
		sprintf(env[n++], "HTTP_ORIGIN=%s", origin);
	}
	if (fetch_site) {
		env[n] = malloc(strlen(fetch_site) + 24);
		sprintf(env[n++], "HTTP_SEC_FETCH_SITE=%s", fetch_site);
	}
	env[n] = NULL;
	ck_assert_int_eq(req_init(rq, env, body, strlen(body), &req_default_limits), 0);
}

START_TEST(test_anonymous_token_matches_cookie)
{
	struct req rq;

	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, NULL, NULL);
	ck_assert_int_eq(csrf_check(&rq), 0);
	req_free(&rq);
}
END_TEST

START_TEST(test_missing_or_wrong_token_refused)
{
	struct req rq;

	csrf_request(&rq, "bz_csrf=" GOOD, "a=1", NULL, NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" OTHER, NULL, NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	/* A token without the cookie it must match. */
	csrf_request(&rq, NULL, "csrf=" GOOD, NULL, NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	/* Malformed (upper-case hex, short) values never match. */
	csrf_request(&rq, "bz_csrf=ABC", "csrf=ABC", NULL, NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
}
END_TEST

START_TEST(test_session_token_wins_over_cookie)
{
	struct req rq;
	struct sess s;

	memset(&s, 0, sizeof s);
	strcpy(s.csrf, OTHER);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, NULL, NULL);
	rq.sess = &s;
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" OTHER, NULL, NULL);
	rq.sess = &s;
	ck_assert_int_eq(csrf_check(&rq), 0);
	req_free(&rq);
}
END_TEST

START_TEST(test_origin_and_fetch_site)
{
	struct req rq;

	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://shop.example", "same-origin");
	ck_assert_int_eq(csrf_check(&rq), 0);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "https://evil.example", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "null", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, NULL, "cross-site");
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://shop.example.evil.example", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	/* nginx passes the Host without its port; the browser's Origin has it. */
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://shop.example:8080", NULL);
	ck_assert_int_eq(csrf_check(&rq), 0);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://shop.example:9090", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://shop.example:8080x", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	/* The public address of the site, as configured. */
	setenv("BAZAAR_BASE_URL", "https://www.shop.example", 1);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "https://www.shop.example", NULL);
	ck_assert_int_eq(csrf_check(&rq), 0);
	req_free(&rq);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "https://www.shop.exam", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	unsetenv("BAZAAR_BASE_URL");
}
END_TEST

/* The whole origin counts: the same host and port under the other scheme
 * is another site (a page served over https must not post to the http
 * site, nor the other way round). */
START_TEST(test_origin_scheme)
{
	static const struct {
		int https;
		const char *origin;
		int expected;
	} cases[] = {
		{ 0, "http://shop.example", 0 },
		{ 0, "http://shop.example:8080", 0 },
		{ 0, "https://shop.example", -1 },
		{ 0, "https://shop.example:8080", -1 },
		{ 0, "HTTPS://shop.example:8080", -1 },
		{ 1, "https://shop.example", 0 },
		{ 1, "https://shop.example:8080", 0 },
		{ 1, "http://shop.example", -1 },
		{ 1, "http://shop.example:8080", -1 },
	};
	struct req rq;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csrf_over_https = cases[i].https;
		csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, cases[i].origin, NULL);
		ck_assert_msg(csrf_check(&rq) == cases[i].expected, "%s to the %s site: expected %d",
			      cases[i].origin, cases[i].https ? "https" : "http", cases[i].expected);
		req_free(&rq);
	}
	csrf_over_https = 0;
	/* The configured public address is compared whole, scheme included. */
	setenv("BAZAAR_BASE_URL", "https://www.shop.example", 1);
	csrf_request(&rq, "bz_csrf=" GOOD, "csrf=" GOOD, "http://www.shop.example", NULL);
	ck_assert_int_eq(csrf_check(&rq), -1);
	req_free(&rq);
	unsetenv("BAZAAR_BASE_URL");
}
END_TEST

START_TEST(test_token_created_once_per_visitor)
{
	struct req rq;
	struct resp rs;
	const char *t1, *t2;

	csrf_request(&rq, NULL, "", NULL, NULL);
	resp_init(&rs);
	t1 = csrf_token(&rq, &rs);
	ck_assert_uint_eq(strlen(t1), 64);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_csrf="));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	t2 = csrf_token(&rq, &rs);
	ck_assert_str_eq(t1, t2);
	resp_free(&rs);
	req_free(&rq);

	csrf_request(&rq, "bz_csrf=" GOOD, "", NULL, NULL);
	resp_init(&rs);
	ck_assert_str_eq(csrf_token(&rq, &rs), GOOD);
	ck_assert(rs.headers.data == NULL || strstr(rs.headers.data, "bz_csrf") == NULL);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

/* A form on a cached page carries no token: the browser's own headers
 * must say the POST comes from this site, and one of them must be sent. */
START_TEST(test_origin_only)
{
	static const struct {
		const char *origin, *site;
		int ok;
	} cases[] = {
		{ NULL, "same-origin", 0 },
		{ "http://shop.example:8080", NULL, 0 },
		{ "http://shop.example", "same-origin", 0 },
		{ NULL, NULL, -1 },			/* neither sent */
		{ "", NULL, -1 },
		{ NULL, "cross-site", -1 },
		{ NULL, "same-site", -1 },
		{ NULL, "none", -1 },
		{ "http://shop.example", "cross-site", -1 },
		{ "http://evil.example", NULL, -1 },
		{ "https://shop.example", NULL, -1 },	/* the other scheme */
		{ "null", NULL, -1 },
		{ "http://evil.example", "same-origin", -1 },
	};
	struct req rq;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csrf_request(&rq, NULL, "product=1&qty=1", cases[i].origin, cases[i].site);
		ck_assert_msg(csrf_check_origin(&rq) == cases[i].ok, "case %zu", i);
		req_free(&rq);
	}
}
END_TEST

/* An origin given apart (a Referer's, cut at its path) is judged as an
 * Origin header is. */
START_TEST(test_same_origin)
{
	static const char ref[] = "http://shop.example:8080/p/1-x";
	struct req rq;

	csrf_request(&rq, NULL, "", NULL, NULL);
	ck_assert_int_eq(csrf_same_origin(&rq, ref, strlen("http://shop.example:8080")), 1);
	ck_assert_int_eq(csrf_same_origin(&rq, "http://shop.example", strlen("http://shop.example")), 1);
	ck_assert_int_eq(csrf_same_origin(&rq, "http://shop.example.evil", strlen("http://shop.example.evil")), 0);
	ck_assert_int_eq(csrf_same_origin(&rq, "https://shop.example", strlen("https://shop.example")), 0);
	ck_assert_int_eq(csrf_same_origin(&rq, "http://shop.example:81", strlen("http://shop.example:81")), 0);
	ck_assert_int_eq(csrf_same_origin(&rq, ref, 0), 0);
	req_free(&rq);
}
END_TEST

static Suite *
csrf_suite(void)
{
	Suite *s = suite_create("csrf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_anonymous_token_matches_cookie);
	tcase_add_test(tc, test_missing_or_wrong_token_refused);
	tcase_add_test(tc, test_session_token_wins_over_cookie);
	tcase_add_test(tc, test_origin_and_fetch_site);
	tcase_add_test(tc, test_origin_scheme);
	tcase_add_test(tc, test_origin_only);
	tcase_add_test(tc, test_same_origin);
	tcase_add_test(tc, test_token_created_once_per_visitor);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(csrf_suite)

/*
 * Tests for cgi/lib/visitor.c: the anonymous visitor's id, and the one list
 * of personal cookies that the programs (visitor_personal) and nginx (the
 * generated map) both follow. The agreement test compiles the map's pattern
 * and compares it with visitor_personal on Cookie headers of every kind; it
 * is shown to catch a map made from a different list.
 */
#include "check_util.h"
#include "sess.h"
#include "view.h"
#include "visitor.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
make_req(struct req *rq, const char *cookie, int https)
{
	char c[512];
	char *env[] = { "REQUEST_URI=/p/1-lamp", c, https ? "HTTPS=on" : NULL, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

/* Cookie headers of every shape req.c accepts. */
static const char *const headers[] = {
	"",
	"bz_session=abc",
	"__Host-bz_session=abc",
	"bz_flash=Saved",
	"bz_flash=",
	"bz_visitor=0123456789abcdef0123456789abcdef",
	"bz_csrf=x; bz_visitor=0123456789abcdef0123456789abcdef",
	"a=1; bz_session=abc",
	"a=1;bz_session=abc",
	"a=1;  \tbz_flash=x; b=2",
	";;bz_session=abc",
	"bz_session =abc",
	"xbz_session=abc",
	"bz_sessionx=abc",
	"bz_session_old=abc",
	"a=bz_session=abc",
	"a=\"bz_session=abc\"",
	"Bz_Session=abc",
	"Host-bz_session=abc",
	"bz_visitor=zz; theme=dark",
	"bz_session",
	NULL,
};

/* How many headers the map's pattern judges differently from
 * visitor_personal. */
static int
disagreements(const char *const *names)
{
	struct buf pattern;
	regex_t re;
	struct req rq;
	int i, bad = 0, by_map, by_program;

	buf_init(&pattern);
	ck_assert_int_eq(visitor_nginx_map_regex(&pattern, names), 0);
	ck_assert_int_eq(regcomp(&re, pattern.data, REG_EXTENDED | REG_NOSUB), 0);
	for (i = 0; headers[i] != NULL; i++) {
		make_req(&rq, headers[i], 0);
		by_map = regexec(&re, headers[i], 0, NULL, 0) == 0;
		by_program = visitor_personal(&rq);
		if (by_map != by_program) {
			fprintf(stderr, "map %d, program %d: Cookie: %s\n", by_map, by_program,
				headers[i]);
			bad++;
		}
		req_free(&rq);
	}
	regfree(&re);
	buf_free(&pattern);
	return bad;
}

START_TEST(test_map_agrees_with_the_programs)
{
	ck_assert_int_eq(disagreements(visitor_personal_cookies), 0);
}
END_TEST

START_TEST(test_agreement_check_can_fail)
{
	/* A map made from a list without the flash cookie, or with an extra
	 * name, is caught. */
	static const char *const fewer[] = { SESS_COOKIE, SESS_COOKIE_SECURE, NULL };
	static const char *const more[] = { SESS_COOKIE, SESS_COOKIE_SECURE, RESP_FLASH_COOKIE,
					    VISITOR_COOKIE, NULL };

	ck_assert_int_gt(disagreements(fewer), 0);
	ck_assert_int_gt(disagreements(more), 0);
}
END_TEST

START_TEST(test_the_list)
{
	const char *const *name;
	int session = 0, secure = 0, flash = 0;

	for (name = visitor_personal_cookies; *name; name++) {
		ck_assert_str_ne(*name, VISITOR_COOKIE);
		session |= strcmp(*name, SESS_COOKIE) == 0;
		secure |= strcmp(*name, SESS_COOKIE_SECURE) == 0;
		flash |= strcmp(*name, RESP_FLASH_COOKIE) == 0;
	}
	/* A session is not on it: a logged-in visitor gets the shared pages,
	 * with its own header links put in by nginx (hdr.h). */
	ck_assert(!session && !secure && flash);
}
END_TEST

START_TEST(test_map_text)
{
	struct buf out;
	static const char *const bad[] = { "bz_session", "a|b", NULL };
	static const char *const empty[] = { "", NULL };

	buf_init(&out);
	ck_assert_int_eq(visitor_nginx_map(&out, visitor_personal_cookies), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "map $http_cookie $bz_personal {\n\tdefault 0;\n"));
	ck_assert_ptr_nonnull(strstr(out.data,
		"\"~(^|;)[[:space:]]*(bz_flash)[[:space:]]*=\" 1;\n}\n"));
	buf_reset(&out);
	ck_assert_int_eq(visitor_nginx_map(&out, bad), -1);
	buf_reset(&out);
	ck_assert_int_eq(visitor_nginx_map(&out, empty), -1);
	buf_free(&out);
}
END_TEST

START_TEST(test_visitor_id_made_only_when_asked)
{
	struct req rq;
	struct resp rs;

	make_req(&rq, "theme=dark", 0);
	resp_init(&rs);
	rs.cache = RESP_PUBLIC_SHORT;
	ck_assert_ptr_null(visitor_id(&rq, &rs, 0));
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "Set-Cookie") : NULL);
	ck_assert_int_eq(rs.cache, RESP_PUBLIC_SHORT);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_visitor_id_created)
{
	struct req rq;
	struct resp rs;
	const char *id, *other;
	char expect[160], first[VISITOR_ID_LEN + 1];

	make_req(&rq, NULL, 0);
	resp_init(&rs);
	rs.cache = RESP_PUBLIC_SHORT;
	id = visitor_id(&rq, &rs, 1);
	ck_assert_ptr_nonnull(id);
	ck_assert_uint_eq(strlen(id), VISITOR_ID_LEN);
	ck_assert_uint_eq(strspn(id, "0123456789abcdef"), VISITOR_ID_LEN);
	snprintf(expect, sizeof expect, "Set-Cookie: bz_visitor=%s; Path=/;", id);
	ck_assert_ptr_eq(strstr(rs.headers.data, expect), rs.headers.data);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "; Max-Age=31536000"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "; SameSite=Lax"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "; HttpOnly\r\n"));
	ck_assert_ptr_null(strstr(rs.headers.data, "Secure"));
	ck_assert_int_eq(rs.cache, RESP_NO_STORE);
	/* The id is not a personal cookie: the page stays cacheable. */
	ck_assert_int_eq(visitor_personal(&rq), 0);
	resp_free(&rs);

	/* The rest of the request sees the new id, with no second cookie. */
	resp_init(&rs);
	ck_assert_str_eq(visitor_id(&rq, &rs, 1), id);
	ck_assert_str_eq(visitor_id(&rq, NULL, 0), id);
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "bz_visitor") : NULL);
	resp_free(&rs);
	snprintf(first, sizeof first, "%s", id);
	req_free(&rq);

	/* Random: a second visitor gets another id. */
	make_req(&rq, NULL, 0);
	resp_init(&rs);
	other = visitor_id(&rq, &rs, 1);
	ck_assert_str_ne(first, other);
	resp_free(&rs);
	req_free(&rq);

	/* Under HTTPS the cookie is Secure. */
	make_req(&rq, NULL, 1);
	resp_init(&rs);
	visitor_id(&rq, &rs, 1);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "; HttpOnly; Secure\r\n"));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_visitor_id_kept)
{
	struct req rq;
	struct resp rs;

	make_req(&rq, "a=1; bz_visitor=0123456789abcdef0123456789abcdef", 0);
	resp_init(&rs);
	rs.cache = RESP_PUBLIC_SHORT;
	ck_assert_str_eq(visitor_id(&rq, &rs, 1), "0123456789abcdef0123456789abcdef");
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "Set-Cookie") : NULL);
	ck_assert_int_eq(rs.cache, RESP_PUBLIC_SHORT);
	ck_assert_int_eq(view_cacheable(&rq, &rs), 1);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_visitor_id_malformed_replaced)
{
	static const char *const bad[] = {
		"bz_visitor=", "bz_visitor=abc", "bz_visitor=0123456789ABCDEF0123456789ABCDEF",
		"bz_visitor=0123456789abcdef0123456789abcdef0", "bz_visitor=<script>alert(1)</script>",
		"bz_visitor=0123456789abcdef0123456789abcdeg", NULL,
	};
	struct req rq;
	struct resp rs;
	const char *id;
	int i;

	for (i = 0; bad[i]; i++) {
		make_req(&rq, bad[i], 0);
		resp_init(&rs);
		ck_assert_ptr_null(visitor_id(&rq, &rs, 0));
		id = visitor_id(&rq, &rs, 1);
		ck_assert_ptr_nonnull(id);
		ck_assert_uint_eq(strspn(id, "0123456789abcdef"), VISITOR_ID_LEN);
		ck_assert_ptr_nonnull(strstr(rs.headers.data, id));
		resp_free(&rs);
		req_free(&rq);
	}
}
END_TEST

START_TEST(test_personal)
{
	struct req rq;
	struct resp rs;

	/* A session is not personal: its pages are shared, the header is not. */
	make_req(&rq, "bz_visitor=0123456789abcdef0123456789abcdef; bz_session=x", 0);
	resp_init(&rs);
	ck_assert_int_eq(visitor_personal(&rq), 0);
	ck_assert_int_eq(view_cacheable(&rq, &rs), 1);
	resp_free(&rs);
	req_free(&rq);
	make_req(&rq, "bz_flash=Saved", 0);
	ck_assert_int_eq(visitor_personal(&rq), 1);
	req_free(&rq);
}
END_TEST

static Suite *
check_visitor_suite(void)
{
	Suite *s = suite_create("visitor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_map_agrees_with_the_programs);
	tcase_add_test(tc, test_agreement_check_can_fail);
	tcase_add_test(tc, test_the_list);
	tcase_add_test(tc, test_map_text);
	tcase_add_test(tc, test_visitor_id_made_only_when_asked);
	tcase_add_test(tc, test_visitor_id_created);
	tcase_add_test(tc, test_visitor_id_kept);
	tcase_add_test(tc, test_visitor_id_malformed_replaced);
	tcase_add_test(tc, test_personal);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_visitor_suite)

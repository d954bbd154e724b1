/*
 * Tests for cgi/lib/hdr.c: the bz_hk cookie (only a well-formed key is
 * read; setting and clearing it is seen by the rest of the request) and the
 * fragment's copy in memcached (stored, forgotten, never under a malformed
 * key), and the header filled into the shared pages the program sends
 * (only for a visitor nginx would include it for; from memcached, else
 * drawn; the layout writes exactly the directives hdr_fill looks for).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "check_util.h"
#include "hdr.h"

static const char key[] = "00112233445566778899aabbccddeeff";

static void
make_req(struct req *rq, const char *cookie)
{
	char c[512];
	char *env[] = { "REQUEST_URI=/", c, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

START_TEST(test_cookie)
{
	struct req rq;
	struct resp rs;

	make_req(&rq, "bz_hk=00112233445566778899aabbccddeeff");
	ck_assert_str_eq(hdr_cookie(&rq), key);
	req_free(&rq);
	make_req(&rq, "bz_hk=00112233445566778899AABBCCDDEEFF");
	ck_assert_ptr_null(hdr_cookie(&rq));
	req_free(&rq);
	make_req(&rq, "bz_hk=../../x; other=1");
	ck_assert_ptr_null(hdr_cookie(&rq));
	req_free(&rq);

	make_req(&rq, NULL);
	resp_init(&rs);
	hdr_set_cookie(&rq, &rs, key);
	ck_assert_str_eq(hdr_cookie(&rq), key);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_hk=00112233445566778899aabbccddeeff"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_int_eq(rs.cache, RESP_NO_STORE);
	hdr_set_cookie(&rq, &rs, NULL);
	ck_assert_ptr_null(hdr_cookie(&rq));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_hk=;"));
	/* A malformed key is never sent. */
	hdr_set_cookie(&rq, &rs, "<script>");
	ck_assert_ptr_null(strstr(rs.headers.data, "script"));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_store_forget)
{
	size_t len;
	char *v;

	if (getenv("BAZAAR_MEMCACHED") == NULL)
		return;	/* only with the test stack's memcached */
	ck_assert_int_eq(cache_init(), 0);
	hdr_store(key, "<nav>x</nav>", 12);
	v = cache_get("hd:00112233445566778899aabbccddeeff", &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(len, 12);
	free(v);
	hdr_forget(key);
	ck_assert_ptr_null(cache_get("hd:00112233445566778899aabbccddeeff", &len));
	hdr_store("not-a-key", "x", 1);
	ck_assert_ptr_null(cache_get("hd:not-a-key", &len));
	cache_close();
}
END_TEST

static int draws;

static int
draw_ok(struct req *rq, struct buf *out)
{
	(void)rq;
	draws++;
	buf_adds(out, "<a>drawn</a>");
	return 0;
}

static int
draw_fail(struct req *rq, struct buf *out)
{
	(void)rq;
	(void)out;
	return -1;
}

static const char shared_page[] =
	"<header><nav>" HDR_SSI_BEGIN "<a href=\"/login\">Log in</a>" HDR_SSI_END "</nav></header><main>x</main>";

static void
page(struct buf *b)
{
	buf_init(b);
	buf_adds(b, shared_page);
}

START_TEST(test_fill)
{
	struct req rq;
	struct buf b;

	/* A guest: nginx would not include it either; the page stays. */
	make_req(&rq, "bz_visitor=abc");
	page(&b);
	ck_assert_int_eq(hdr_wanted(&rq), 0);
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 0);
	ck_assert_str_eq(b.data, shared_page);
	buf_free(&b);
	req_free(&rq);

	/* A session without a header key: drawn, put where the directives were. */
	draws = 0;
	make_req(&rq, "bz_session=whatever");
	ck_assert_int_eq(hdr_wanted(&rq), 1);
	page(&b);
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 1);
	ck_assert_str_eq(b.data, "<header><nav><a>drawn</a></nav></header><main>x</main>");
	ck_assert_int_eq(draws, 1);
	buf_free(&b);
	/* Drawing failed: the page as it was. */
	page(&b);
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_fail), -1);
	ck_assert_str_eq(b.data, shared_page);
	buf_free(&b);
	/* A page without the directives (a personal page): nothing to do. */
	buf_init(&b);
	buf_adds(&b, "<p>mine</p>");
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 0);
	ck_assert_str_eq(b.data, "<p>mine</p>");
	buf_free(&b);
	/* The beginning without its end is left alone. */
	buf_init(&b);
	buf_adds(&b, "<nav>" HDR_SSI_BEGIN "cut");
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 0);
	buf_free(&b);
	req_free(&rq);
}
END_TEST

START_TEST(test_fill_cached)
{
	struct req rq;
	struct buf b;

	if (getenv("BAZAAR_MEMCACHED") == NULL)
		return;	/* only with the test stack's memcached */
	ck_assert_int_eq(cache_init(), 0);
	hdr_store(key, "<a>stored</a>", 13);
	draws = 0;
	make_req(&rq, "bz_hk=00112233445566778899aabbccddeeff");
	page(&b);
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 1);
	ck_assert_str_eq(b.data, "<header><nav><a>stored</a></nav></header><main>x</main>");
	ck_assert_int_eq(draws, 0);
	buf_free(&b);
	/* Forgotten (the cart changed): drawn again. */
	hdr_forget(key);
	page(&b);
	ck_assert_int_eq(hdr_fill(&rq, &b, draw_ok), 1);
	ck_assert_int_eq(draws, 1);
	buf_free(&b);
	req_free(&rq);
	cache_close();
}
END_TEST

/* The layout writes the directives exactly as hdr_fill and nginx expect. */
START_TEST(test_layout_directives)
{
	FILE *f = fopen("templates/layout/base.tpl", "r");
	char text[16384];
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	ck_assert_ptr_nonnull(strstr(text, HDR_SSI_BEGIN "{{>GUEST_LINKS}}" HDR_SSI_END));
}
END_TEST

/* The count cookie: only what nginx's map takes (1 to 3 digits, no
 * leading zero) is read; it is sent only when it changes. */
START_TEST(test_count_cookie)
{
	static const struct { const char *cookie; long long want; } cases[] = {
		{ "bz_cc=0", 0 }, { "bz_cc=7", 7 }, { "bz_cc=999", 999 }, { "bz_cc=1000", -1 },
		{ "bz_cc=07", -1 }, { "bz_cc=-1", -1 }, { "bz_cc=1a", -1 }, { "bz_cc=", -1 },
		{ "bz_cc=%3Cb%3E", -1 }, { "other=1", -1 },
	};
	struct req rq;
	struct resp rs;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		make_req(&rq, cases[i].cookie);
		ck_assert_msg(hdr_count_cookie(&rq) == cases[i].want, "%s", cases[i].cookie);
		req_free(&rq);
	}
	make_req(&rq, "bz_cc=3");
	ck_assert_int_eq(hdr_wanted(&rq), 1);
	resp_init(&rs);
	hdr_set_count(&rq, &rs, 3);
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "bz_cc") : NULL);
	hdr_set_count(&rq, &rs, 4);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_cc=4;"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_int_eq(rs.cache, RESP_NO_STORE);
	resp_free(&rs);
	resp_init(&rs);
	hdr_set_count(&rq, &rs, HDR_COUNT_MAX + 1);	/* too many to write: removed */
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_cc=;"));
	resp_free(&rs);
	req_free(&rq);
	/* Nothing to remove, nothing sent. */
	make_req(&rq, NULL);
	resp_init(&rs);
	hdr_set_count(&rq, &rs, -1);
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "bz_cc") : NULL);
	ck_assert_int_eq(hdr_wanted(&rq), 0);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

/* nginx reads the same cookie (that it writes the count into the cart
 * link the layout draws is tested through nginx, tests/http/cart.test.mjs). */
START_TEST(test_count_nginx)
{
	FILE *f = fopen("nginx/nginx.conf.in", "r");
	static char text[65536];
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	ck_assert_ptr_nonnull(strstr(text, "map $cookie_" HDR_COUNT_COOKIE " "));
}
END_TEST

static Suite *
hdr_suite(void)
{
	Suite *s = suite_create("hdr");
	TCase *t = tcase_create("hdr");

	tcase_add_test(t, test_cookie);
	tcase_add_test(t, test_store_forget);
	tcase_add_test(t, test_fill);
	tcase_add_test(t, test_fill_cached);
	tcase_add_test(t, test_layout_directives);
	tcase_add_test(t, test_count_cookie);
	tcase_add_test(t, test_count_nginx);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(hdr_suite)

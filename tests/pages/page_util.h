/*
 * Helpers for the page tests (tests/pages/check_*.c) of the storefront, the
 * vendor portal and the admin site; sf_account_util.h, vp_util.h and
 * adm_util.h add what only one program's tests need.
 *
 * A page test runs the program in-process: pu_setup() initialises a
 * worker once (configuration, templates, assets, MariaDB, memcached, the
 * program's own worker_init) and pu_get() sends one request through
 * fcgi_loop_handle with a FastCGI environment like the one nginx sends.
 * They run against the test stack that `make test` starts (its settings are
 * in the environment: BAZAAR_DB_SOCKET, BAZAAR_MEMCACHED, ...) with the demo
 * catalogue loaded; the tests read the data they expect from the database
 * instead of naming demo products.
 */
#ifndef BAZAAR_PAGE_UTIL_H
#define BAZAAR_PAGE_UTIL_H
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "check_util.h"
#include "buf.h"
#include "cache.h"
#include "catalog.h"
#include "chat.h"
#include "crypt.h"
#include "db.h"
#include "fcgi_loop.h"
#include "password.h"
#include "token.h"
#include <time.h>

/* The program under test: the storefront unless the test file defines
 * PU_APP (vp_app, adm_app) before including this file. */
#ifndef PU_APP
#define PU_APP sf_app
#endif
extern const struct app PU_APP;

#define PU_NEED_STACK "the page tests need the test stack (MariaDB with the demo catalogue, " \
	"memcached): run them through `make test`, or source a stack's env file"

/* One response, split into its parts. */
struct pu_page {
	int status;
	char *raw;		/* the whole FastCGI response */
	const char *headers;	/* header block (inside raw, NUL-terminated) */
	const char *body;	/* after the blank line */
};

static int pu_ready;
/* The browser's Origin and Sec-Fetch-Site headers of the next requests
 * (NULL: not sent), for the routes that check them instead of a token. */
static const char *pu_origin, *pu_fetch_site;
/* The body's type of the next requests with a body (NULL: a urlencoded
 * form) and one more header as the program sees it ("HTTP_NAME=value",
 * NULL: none), for the routes that take JSON with a signature. */
static const char *pu_content_type, *pu_extra_header;

/* Defaults for what the stack's env file does not set. */
static inline void
pu_env(void)
{
	if (getenv("BAZAAR_TEMPLATES") == NULL)
		setenv("BAZAAR_TEMPLATES", "templates", 1);
	if (getenv("BAZAAR_STATIC_MANIFEST") == NULL)
		setenv("BAZAAR_STATIC_MANIFEST", "build/static/manifest.txt", 1);
	if (getenv("BAZAAR_LOG_LEVEL") == NULL)
		setenv("BAZAAR_LOG_LEVEL", "warn", 1);
}

/* Checked fixture: makes this process a storefront worker (once). */
static inline void
pu_setup(void)
{
	if (pu_ready)
		return;
	pu_env();
	ck_assert_msg(fcgi_loop_init_worker(&PU_APP) == 0, "worker init failed: %s", PU_NEED_STACK);
	ck_assert_msg(db_ping() == 0, "no database: %s", PU_NEED_STACK);
	pu_ready = 1;
}

static inline void
pu_teardown(void)
{
}

/*
 * Sends one request from client address ip; uri is path plus optional
 * "?query". cookie (the Cookie header) and body (an urlencoded form, sent as
 * a POST body) may be NULL. The address matters to what is counted per
 * client (login throttling); the other helpers send 127.0.0.1.
 */
static inline struct pu_page *
pu_request_ip(const char *method, const char *uri, const char *cookie, const char *body, const char *ip)
{
	struct pu_page *p = calloc(1, sizeof *p);
	char *env[16], *path, *sep;
	const char *q = strchr(uri, '?');
	struct buf out;
	size_t n = 0, i;

	ck_assert_ptr_nonnull(p);
	path = strndup(uri, q ? (size_t)(q - uri) : strlen(uri));
	ck_assert(asprintf(&env[n++], "REQUEST_METHOD=%s", method) > 0);
	ck_assert(asprintf(&env[n++], "REQUEST_URI=%s", uri) > 0);
	ck_assert(asprintf(&env[n++], "DOCUMENT_URI=%s", path) > 0);
	ck_assert(asprintf(&env[n++], "QUERY_STRING=%s", q ? q + 1 : "") > 0);
	ck_assert(asprintf(&env[n++], "REMOTE_ADDR=%s", ip) > 0);
	env[n++] = strdup("HTTP_HOST=localhost");
	env[n++] = strdup("SERVER_PROTOCOL=HTTP/1.1");
	env[n++] = strdup("HTTP_USER_AGENT=check_sf");
	ck_assert(asprintf(&env[n++], "CONTENT_LENGTH=%zu", body ? strlen(body) : 0) > 0);
	if (body)
		ck_assert(asprintf(&env[n++], "CONTENT_TYPE=%s",
				   pu_content_type ? pu_content_type : "application/x-www-form-urlencoded") > 0);
	if (pu_extra_header)
		env[n++] = strdup(pu_extra_header);
	if (cookie)
		ck_assert(asprintf(&env[n++], "HTTP_COOKIE=%s", cookie) > 0);
	if (pu_origin)
		ck_assert(asprintf(&env[n++], "HTTP_ORIGIN=%s", pu_origin) > 0);
	if (pu_fetch_site)
		ck_assert(asprintf(&env[n++], "HTTP_SEC_FETCH_SITE=%s", pu_fetch_site) > 0);
	env[n] = NULL;

	buf_init(&out);
	fcgi_loop_handle(&PU_APP, env, body ? body : "", body ? strlen(body) : 0, &out);
	for (i = 0; i < n; i++)
		free(env[i]);
	free(path);

	p->raw = buf_detach(&out);
	ck_assert_ptr_nonnull(p->raw);
	ck_assert_msg(sscanf(p->raw, "Status: %d", &p->status) == 1, "no Status line in: %.200s", p->raw);
	sep = strstr(p->raw, "\r\n\r\n");
	ck_assert_ptr_nonnull(sep);
	sep[2] = '\0';		/* headers keep their last CRLF */
	p->headers = p->raw;
	p->body = sep + 4;
	return p;
}

/* A documentation address (RFC 5737) for tests that fail logins on purpose,
 * so that the per-address count of the loopback address other tests use
 * stays untouched; pu_cleanup_people() forgets its failures. */
#define PU_TEST_IP "192.0.2.77"

/* The same from 127.0.0.1. */
static inline struct pu_page *
pu_request_body(const char *method, const char *uri, const char *cookie, const char *body)
{
	return pu_request_ip(method, uri, cookie, body, "127.0.0.1");
}

static inline struct pu_page *
pu_request(const char *method, const char *uri, const char *cookie)
{
	return pu_request_body(method, uri, cookie, NULL);
}

/* A form POST; cookie may be NULL. */
static inline struct pu_page *
pu_post(const char *uri, const char *cookie, const char *body)
{
	return pu_request_body("POST", uri, cookie, body);
}

static inline struct pu_page *
pu_get(const char *uri)
{
	return pu_request("GET", uri, NULL);
}

/* printf-style pu_get. */
static inline struct pu_page *
pu_getf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline struct pu_page *
pu_getf(const char *fmt, ...)
{
	char uri[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(uri, sizeof uri, fmt, ap);
	va_end(ap);
	return pu_get(uri);
}

/* Sends a request (any of the pu_get / pu_post / pu_request family) and
 * asserts the status it answers, for a test that needs nothing more of the
 * response: pu_expect(404, pu_get_as(&other, uri)). A macro: a failure
 * names the test's line. */
#define pu_expect(status, request) do { \
		struct pu_page *pu_expect_p_ = (request); \
		pu_assert_status(pu_expect_p_, (status)); \
		pu_free(pu_expect_p_); \
	} while (0)

/* The same for a GET without a session of the printf-style address. */
#define pu_expect_getf(status, ...) pu_expect((status), pu_getf(__VA_ARGS__))

static inline void
pu_free(struct pu_page *p)
{
	if (p) {
		free(p->raw);
		free(p);
	}
}

/* The value of a response header (static buffer), or NULL. */
static inline const char *
pu_header(const struct pu_page *p, const char *name)
{
	static char value[1024];
	const char *line = p->headers;
	size_t len = strlen(name);

	while (line && *line) {
		const char *end = strstr(line, "\r\n");

		if (end == NULL)
			break;
		if (strncasecmp(line, name, len) == 0 && line[len] == ':') {
			const char *v = line + len + 1;
			size_t n;

			while (*v == ' ')
				v++;
			n = (size_t)(end - v);
			if (n >= sizeof value)
				n = sizeof value - 1;
			memcpy(value, v, n);
			value[n] = '\0';
			return value;
		}
		line = end + 2;
	}
	return NULL;
}

/* The value of the cookie name a response sets, copied into out; NULL when
 * it sets none of that name, "" when it clears it. */
static inline const char *
pu_set_cookie_into(const struct pu_page *p, const char *name, char *out, size_t size)
{
	const char *line = p->headers;
	size_t n = strlen(name);

	while ((line = strstr(line, "Set-Cookie: ")) != NULL) {
		line += 12;
		if (strncmp(line, name, n) == 0 && line[n] == '=') {
			size_t len = strcspn(line + n + 1, ";\r");

			if (len >= size)
				len = size - 1;
			memcpy(out, line + n + 1, len);
			out[len] = '\0';
			return out;
		}
	}
	return NULL;
}

/* The same in a static buffer. */
static inline const char *
pu_set_cookie(const struct pu_page *p, const char *name)
{
	static char value[256];

	return pu_set_cookie_into(p, name, value, sizeof value);
}

/* The flash message a response queues (cookie bz_flash), decoded; "" when
 * none (static buffer). */
static inline const char *
pu_flash(const struct pu_page *p)
{
	static char out[1024];
	char raw[3 * sizeof out];
	const char *s = pu_set_cookie_into(p, "bz_flash", raw, sizeof raw);
	size_t len = 0;

	out[0] = '\0';
	if (s == NULL)
		return out;
	for (; *s && len + 1 < sizeof out; s++) {
		if (*s == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], '\0' };

			out[len++] = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			out[len++] = *s == '+' ? ' ' : *s;
		}
	}
	out[len] = '\0';
	return out;
}

/* The flash message contains text. */
#define pu_assert_flash(p, text)                                                     \
	ck_assert_msg(strstr(pu_flash(p), (text)) != NULL, "flash \"%s\" lacks \"%s\"",   \
		      pu_flash(p), (text))

/* The Location header is exactly where. */
#define pu_assert_location(p, where) do {                                            \
	const char *pu_l_ = pu_header((p), "Location");                              \
	ck_assert_msg(pu_l_ != NULL && strcmp(pu_l_, (where)) == 0,                  \
		      "Location %s, expected %s", pu_l_ ? pu_l_ : "(none)", (where));    \
} while (0)

/* Retry-After says a whole number of seconds between low and high. */
#define pu_assert_retry_after(p, low, high) do {                                     \
	const char *pu_r_ = pu_header((p), "Retry-After");                          \
	long long pu_s_ = pu_r_ ? atoll(pu_r_) : -1;                                 \
	ck_assert_msg(pu_r_ != NULL && pu_s_ >= (low) && pu_s_ <= (high),            \
		      "Retry-After %s, expected %d..%d seconds", pu_r_ ? pu_r_ : "(none)", \
		      (int)(low), (int)(high));                                       \
} while (0)

/* s escaped the way the templates print text (& < > " '), malloc'd. */
static inline char *
pu_html(const char *s)
{
	struct buf b;

	buf_init(&b);
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(&b, "&amp;"); break;
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '"': buf_adds(&b, "&quot;"); break;
		case '\'': buf_adds(&b, "&#39;"); break;
		default: buf_addc(&b, *s); break;
		}
	}
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/* Where the page's main content starts (after the layout's header). */
static inline const char *
pu_main(const struct pu_page *p)
{
	const char *m = strstr(p->body, "<main");

	return m ? m : p->body;
}

/* The body contains text (as escaped HTML). */
#define pu_assert_text(p, text) do {                                          \
	char *pu_e_ = pu_html(text);                                          \
	ck_assert_msg(strstr((p)->body, pu_e_) != NULL,                       \
		      "page does not show \"%s\"", pu_e_);                    \
	free(pu_e_);                                                          \
} while (0)

/* The body contains raw markup. */
#define pu_assert_has(p, markup)                                              \
	ck_assert_msg(strstr((p)->body, (markup)) != NULL,                    \
		      "page does not contain \"%s\"", (markup))

#define pu_assert_lacks(p, markup)                                            \
	ck_assert_msg(strstr((p)->body, (markup)) == NULL,                    \
		      "page contains \"%s\"", (markup))

/* How many times markup occurs in the body. */
static inline int
pu_occurrences(const struct pu_page *p, const char *markup)
{
	const char *at = p->body;
	int n = 0;

	while ((at = strstr(at, markup)) != NULL) {
		n++;
		at += strlen(markup);
	}
	return n;
}

/* Every product card of the page names its seller ("Sold by <name>",
 * a name not empty); returns how many cards there are. When seller is
 * given, each card must name that one. */
static inline int
pu_assert_cards_sold_by(const struct pu_page *p, const char *seller)
{
	const char *at = p->body, *end, *by;
	char *want = NULL;
	int n = 0;

	if (seller) {
		char *e = pu_html(seller);
		size_t len = strlen(e) + 64;

		want = malloc(len);
		ck_assert_ptr_nonnull(want);
		snprintf(want, len, "<p class=\"vendor\">Sold by %s</p>", e);
		free(e);
	}
	while ((at = strstr(at, "<article class=\"card\">")) != NULL) {
		end = strstr(at, "</article>");
		ck_assert_msg(end != NULL, "a card is not closed");
		by = strstr(at, "<p class=\"vendor\">Sold by ");
		ck_assert_msg(by != NULL && by < end && by[strlen("<p class=\"vendor\">Sold by ")] != '<',
			      "card %d names no seller: %.300s", n + 1, at);
		if (want) {
			by = strstr(at, want);
			ck_assert_msg(by != NULL && by < end, "card %d is not sold by %s", n + 1, seller);
		}
		n++;
		at = end;
	}
	free(want);
	return n;
}

/* The page has exactly one log-out control: one form posting to the shop's
 * or the admin site's logout. */
#define pu_assert_one_logout(p) do {                                          \
	int pu_n_ = pu_occurrences((p), "action=\"/logout\"") +                 \
		    pu_occurrences((p), "action=\"/admin/logout\"");             \
	ck_assert_msg(pu_n_ == 1, "page has %d log-out forms, expected one", pu_n_); \
} while (0)

/* The page has no shopper's search box (the admin site's pages). */
#define pu_assert_no_site_search(p) do {                                      \
	pu_assert_lacks(p, "action=\"/search\"");                              \
	pu_assert_lacks(p, "site-search");                                    \
} while (0)

/* No rating and no count of units sold: the shop has no reviews and no orders
 * yet, so a page that shows either shows an invented figure. */
#define pu_assert_no_rating_or_sales(p) do {                                  \
	pu_assert_lacks(p, " out of 5");                                      \
	pu_assert_lacks(p, "class=\"rating\"");                              \
	pu_assert_lacks(p, "<dt>Sold</dt>");                                  \
} while (0)

#define pu_assert_status(p, code)                                             \
	ck_assert_msg((p)->status == (code), "status %d, expected %d; body: %.300s", \
		      (p)->status, (code), pu_main(p))

/* Every storefront HTML page: layout landmarks and the skip link. */
static inline void
pu_assert_layout(const struct pu_page *p)
{
	const char *ct = pu_header(p, "Content-Type");

	ck_assert_ptr_nonnull(ct);
	ck_assert_msg(strncmp(ct, "text/html", 9) == 0, "content type %s", ct);
	pu_assert_has(p, "<!DOCTYPE html>");
	pu_assert_has(p, "<html lang=\"en\">");
	pu_assert_has(p, "class=\"skip-link\" href=\"#main\"");
	pu_assert_has(p, "<header");
	pu_assert_has(p, "<main id=\"main\"");
	pu_assert_has(p, "<footer");
	pu_assert_has(p, "<label class=\"visually-hidden\" for=\"site-search-q\">Search products</label>");
	pu_assert_lacks(p, "style=\"");
	pu_assert_lacks(p, "<style");
	/* No inline script: a page's scripts are static files (the CSP); the
	 * one exception is a product's schema.org data block, which no browser
	 * runs. */
	for (const char *sc = strstr(p->body, "<script"); sc != NULL; sc = strstr(sc + 1, "<script"))
		ck_assert_msg(strncmp(sc, "<script src=\"", 13) == 0 ||
			      strncmp(sc, "<script type=\"application/ld+json\">", 35) == 0, "inline script: %.60s", sc);
	ck_assert_int_le(pu_occurrences(p, "<script type=\"application/ld+json\">"), 1);
}

/* Runs a query with one bind at most (i = long long, s = string) and copies
 * its first row; returns 1 when there was a row. */
static inline int
pu_row1(char **out, unsigned n, const char *sql, const char *types, const void *arg)
{
	struct db_result *r;
	unsigned i;

	if (types[0] == 'i')
		r = db_query(sql, "i", *(const long long *)arg);
	else if (types[0] == 's')
		r = db_query(sql, "s", (const char *)arg);
	else
		r = db_query(sql, "");
	ck_assert_msg(r != NULL, "query failed: %s (%s)", db_error(), sql);
	if (!db_next(r)) {
		db_free(r);
		return 0;
	}
	for (i = 0; i < n; i++)
		out[i] = db_str(r, i) ? strdup(db_str(r, i)) : NULL;
	db_free(r);
	return 1;
}

static inline void
pu_free_row(char **row, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		free(row[i]);
		row[i] = NULL;
	}
}

/* A count (or another integer) of a query with one integer bind; asserts
 * that it ran. */
static inline long long
pu_count(const char *sql, long long id)
{
	long long n = db_scalar(-1, sql, "i", id);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* The same with one string bind. */
static inline long long
pu_count_s(const char *sql, const char *s)
{
	long long n = db_scalar(-1, sql, "s", s);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* The number of audit entries of action about (object_type, object_id). */
static inline long long
pu_audits(const char *action, const char *object_type, long long object_id)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_type = ?"
				" AND object_id = ?", "ssi", action, object_type, object_id);

	ck_assert(n >= 0);
	return n;
}

/*
 * A sealed column, opened: sql selects it with one integer bind, id (the
 * row id it was sealed with, crypt_seal's table.column.id). malloc'd; ""
 * when the column is NULL.
 */
static inline char *
pu_open_column(const char *table, const char *column, long long id, const char *sql)
{
	struct db_result *r = db_query(sql, "i", id);
	char *plain, *copy;
	size_t len;

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	if (db_null(r, 0)) {
		db_free(r);
		return strdup("");
	}
	plain = crypt_open(table, column, id, (const unsigned char *)db_str(r, 0), db_len(r, 0), &len);
	ck_assert_msg(plain != NULL, "%s.%s of %lld does not open", table, column, id);
	copy = strndup(plain, len);
	crypt_free(plain, len);
	db_free(r);
	return copy;
}

/* True when the raw (sealed) column that sql selects with one integer bind
 * holds text anywhere in it; the column must be set. */
static inline int
pu_raw_contains(const char *sql, long long id, const char *text)
{
	struct db_result *r = db_query(sql, "i", id);
	int found;

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_msg(!db_null(r, 0), "no value: %s (%lld)", sql, id);
	found = memmem(db_str(r, 0), db_len(r, 0), text, strlen(text)) != NULL;
	db_free(r);
	return found;
}

/* 12345 -> "12,345" as the pages print counts. */
static inline const char *
pu_grouped(long long n)
{
	static char out[32];
	char digits[24];
	size_t len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof digits, "%lld", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

/* Adds a tcase with the worker fixture. */
static inline TCase *
pu_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, pu_setup, pu_teardown);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return tc;
}

/* ---- tests that change the shared test database ---------------------------
 *
 * A test that changes rows must put them back even when it fails. A checked
 * teardown alone cannot promise that: in Check's default fork mode a failed
 * assertion ends the test's process at once (_exit), so its checked teardown
 * never runs. pu_tcase_changing() therefore registers the undo function
 * twice: as a checked teardown (right after each test, in the test's own
 * process, the normal path) and as an unchecked teardown (in the runner's
 * process after the test case, whatever became of its tests). The rows to
 * restore are chosen in the runner's process by the unchecked setup, before
 * any test forks, so both copies of the teardown know them. Undo functions
 * are idempotent, report problems on stderr and never assert.
 */

/* Gives the runner's process a database and memcached connection for a
 * fixture; in a test's process (worker already set up) nothing to do. */
static inline void
pu_parent_begin(void)
{
	if (pu_ready)
		return;
	pu_env();
	db_connect();
	cache_init();
}

/* Drops them again, so that no test process inherits them. */
static inline void
pu_parent_end(void)
{
	if (pu_ready)
		return;
	cache_close();
	db_close();
}

/* A test case whose tests change data: choose (unchecked setup) picks what
 * they will change, undo puts it back (see above). */
static inline TCase *
pu_tcase_changing(Suite *s, const char *name, SFun choose, SFun undo)
{
	TCase *tc = tcase_create(name);

	tcase_add_unchecked_fixture(tc, choose, undo);
	tcase_add_checked_fixture(tc, pu_setup, undo);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return tc;
}

/* Runs an undo statement with up to two integer binds (types "", "i" or
 * "ii"); complains on stderr when it fails. Returns the affected rows. */
static inline long long
pu_undo_exec(const char *what, const char *sql, const char *types, long long a, long long b)
{
	long long n = types[0] == '\0' ? db_exec(sql, "") :
		      types[1] == '\0' ? db_exec(sql, types, a) : db_exec(sql, types, a, b);

	if (n < 0)
		fprintf(stderr, "page test: could not restore %s: %s\n", what, db_error());
	return n;
}

/*
 * ---- people a test program makes -----------------------------------------
 *
 * A test program that makes accounts names them with its own prefix
 * (PU_PREFIX, defined before including this file; addresses
 * "<prefix>-<pid>-<n>-<time>@example.test", pu_email), so that the clean-up
 * finds them by the prefix alone: it runs before the tests (leftovers of an
 * interrupted run) and after them, in the runner's process as well, whatever
 * became of the tests.
 *
 * pu_cleanup_people() removes them and what they left: their shops with
 * reviews, checks and products, their decisions as admins, mail to them,
 * failed logins (and those of PU_TEST_IP), then the users (sessions, tokens
 * and addresses go with them). Audit entries stay: the log is append-only;
 * so do the ledger entries, and with them their shop, left without an owner.
 * For fixtures, between pu_parent_begin() and pu_parent_end(); idempotent,
 * complains on stderr and never asserts.
 */
static inline void
pu_cleanup_people(const char *prefix)
{
	static const char *const sql[] = {
		"DELETE c FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id"
		" JOIN vendors v ON v.id = r.vendor_id JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE c FROM vendor_checks c JOIN users u ON u.id = c.checked_by WHERE u.email LIKE ?",
		"DELETE r FROM vendor_reviews r JOIN vendors v ON v.id = r.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"UPDATE vendor_reviews r JOIN users u ON u.id = r.decided_by SET r.decided_by = NULL"
		" WHERE u.email LIKE ?",
		"DELETE pr FROM promotions pr JOIN vendors v ON v.id = pr.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE cu FROM coupon_uses cu JOIN coupons c ON c.id = cu.coupon_id JOIN vendors v ON v.id = c.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE c FROM coupons c JOIN vendors v ON v.id = c.vendor_id JOIN users u ON u.id = v.user_id"
		" WHERE u.email LIKE ?",
		"UPDATE coupons c JOIN users u ON u.id = c.created_by SET c.created_by = NULL WHERE u.email LIKE ?",
		"DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE h FROM vendor_plan_history h JOIN vendors v ON v.id = h.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE c FROM vendor_ship_countries c JOIN vendors v ON v.id = c.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE s FROM vendor_shipping s JOIN vendors v ON v.id = s.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		/* A shop with ledger entries stays (the ledger is append-only), without
		 * its owner and off the site. */
		"UPDATE vendors v JOIN users u ON u.id = v.user_id SET v.user_id = NULL, v.status = 'rejected'"
		" WHERE u.email LIKE ? AND EXISTS (SELECT 1 FROM vendor_ledger l WHERE l.vendor_id = v.id)",
		"DELETE v FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE FROM mail_outbox WHERE to_addr LIKE ?",
		"DELETE FROM login_failures WHERE email LIKE ?",
		"DELETE FROM users WHERE email LIKE ?",
	};
	char like[64];
	size_t i;

	snprintf(like, sizeof like, "%s-%%@example.test", prefix);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (db_exec(sql[i], "s", like) < 0)
			fprintf(stderr, "page test: clean-up failed: %s (%s)\n", db_error(), sql[i]);
	if (db_exec("DELETE FROM login_failures WHERE ip = ?", "s", PU_TEST_IP) < 0)
		fprintf(stderr, "page test: clean-up failed: %s (login failures)\n", db_error());
}

#ifdef PU_PREFIX
/* Fixture: pu_cleanup_people() for this program's prefix, in whichever
 * process it runs. */
static inline void
pu_people_cleanup(void)
{
	pu_parent_begin();
	pu_cleanup_people(PU_PREFIX);
	pu_parent_end();
}

/* A test case whose tests make people: cleaned up before and after. */
static inline TCase *
pu_tcase_people(Suite *s, const char *name)
{
	return pu_tcase_changing(s, name, pu_people_cleanup, pu_people_cleanup);
}
#endif

/*
 * A verified vendor taken out of the shop: the admin action that blocks a
 * vendor sets vendors.status and then tells the caches, as
 * pu_vendor_block() does. The chooser's query returns the vendor's id, one
 * of its active products and, when the test needs one, a product of
 * another vendor (0 otherwise).
 */
static struct {
	long long vendor;
	long long product;
	long long other;
} pu_vendor;

/* For an unchecked setup: picks the vendor with sql (no binds). */
static inline void
pu_vendor_choose(const char *sql)
{
	char *row[3] = { NULL, NULL, NULL };

	pu_parent_begin();
	memset(&pu_vendor, 0, sizeof pu_vendor);
	ck_assert_msg(pu_row1(row, 3, sql, "", NULL), "no vendor for the test: %s", sql);
	pu_vendor.vendor = atoll(row[0]);
	pu_vendor.product = atoll(row[1]);
	pu_vendor.other = row[2] ? atoll(row[2]) : 0;
	pu_free_row(row, 3);
	pu_parent_end();
}

/* In a test: blocks the chosen vendor and, as the admin action does, writes
 * a product.changed event for each of its products in the same transaction
 * (the search index hears of it) and retires the cached listings. */
static inline void
pu_vendor_block(void)
{
	ck_assert_msg(pu_vendor.vendor > 0, "no vendor chosen");
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'blocked' WHERE id = ? AND status = 'verified'",
				 "i", pu_vendor.vendor), 1);
	ck_assert_int_ge(catalog_vendor_events(pu_vendor.vendor), 0);
	ck_assert_int_eq(db_commit(), 0);
	catalog_product_changed(pu_vendor.product);
}

/*
 * Waits (up to 20 s) until the search index's writer (the stack's
 * bazaar-searchindex) has applied every product.changed event written so
 * far, for a test that changed products and then searches.
 */
static inline void
pu_search_settled(void)
{
	int i;

	for (i = 0; i < 200; i++) {
		long long left = db_scalar(-1, "SELECT COUNT(*) FROM events e WHERE e.type = 'product.changed'"
					   " AND e.id > COALESCE((SELECT position FROM event_consumers"
					   "  WHERE consumer = 'search.index'), 0) AND NOT EXISTS (SELECT 1 FROM"
					   "  event_handled h WHERE h.consumer = 'search.index' AND h.event_id = e.id)", "");

		ck_assert_int_ge(left, 0);
		if (left == 0)
			return;
		usleep(100 * 1000);
	}
	ck_abort_msg("the search index's writer did not apply the changes within 20 s");
}

/* Undo: the vendor is verified again, and the caches are told. */
static inline void
pu_vendor_restore(void)
{
	if (pu_vendor.vendor <= 0)
		return;
	pu_parent_begin();
	if (pu_undo_exec("the blocked vendor",
			 "UPDATE vendors SET status = 'verified' WHERE id = ? AND status = 'blocked'",
			 "i", pu_vendor.vendor, 0) > 0) {
		if (db_begin() == 0 && (catalog_vendor_events(pu_vendor.vendor) < 0 || db_commit() != 0))
			db_rollback();
		catalog_product_changed(pu_vendor.product);
	}
	pu_parent_end();
}

/* The business profile of the vendors the account tests make (the sealed
 * fields last; the IBAN is the standard example of a valid one). */
#define PU_VENDOR_LEGAL_NAME	"Test Trading Ltd"
#define PU_VENDOR_REGISTRATION	"12345678"
#define PU_VENDOR_TAX_ID	"GB123456789"
#define PU_VENDOR_WEBSITE	"https://shop.example"
#define PU_VENDOR_DESCRIPTION	"Things made by hand."
#define PU_VENDOR_ADDRESS	"1 Test Street\nTestville\nT1 1TT"
#define PU_VENDOR_PHONE		"+44 20 7946 0958"
#define PU_VENDOR_BANK_HOLDER	PU_VENDOR_LEGAL_NAME
#define PU_VENDOR_IBAN		"GB82WEST12345698765432"

/* A product of the vendor, to see the product.changed events that a change
 * of the shop's visibility writes; delete it with pu_product_delete()
 * before the test ends (the vendor's row goes in the clean-up). */
static inline long long
pu_product_new(long long vendor_id)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");

	ck_assert_int_gt(category, 0);
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, 'Page Test Lamp',"
				 " 'page-test-lamp', '', 1000, 5, 'active')", "iii", vendor_id, category,
				 catalog_top_category(category)), 1);
	return (long long)db_insert_id();
}

/* The product.changed events of a product. */
static inline long long
pu_product_events(long long product_id)
{
	return pu_count("SELECT COUNT(*) FROM events WHERE type = 'product.changed' AND subject_id = ?",
			product_id);
}

/* Deletes a product of pu_product_new() and its events, then writes one
 * product.changed for it, as a change of the application would: the search
 * index may have taken the product in meanwhile, and drops it at that event
 * (a later test's listing would count it otherwise). */
static inline void
pu_product_delete(long long product_id)
{
	db_exec("DELETE FROM events WHERE type = 'product.changed' AND subject_id = ?", "i", product_id);
	db_exec("DELETE FROM products WHERE id = ?", "i", product_id);
	db_exec("INSERT INTO events (type, subject_id) VALUES ('product.changed', ?)", "i", product_id);
}

/* Inserts the shop of user_id in status with that profile, submitted now,
 * on the cheapest plan; the sealed fields and the reviews are the
 * caller's. Returns the vendor's id. */
static inline long long
pu_vendor_insert(long long user_id, const char *slug, const char *trading_name, const char *status)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number,"
				 " tax_id, website, description, status, plan_id, submitted_at)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT MIN(id) FROM plans), NOW())",
				 "issssssss", user_id, slug, trading_name, PU_VENDOR_LEGAL_NAME, PU_VENDOR_REGISTRATION,
				 PU_VENDOR_TAX_ID, PU_VENDOR_WEBSITE, PU_VENDOR_DESCRIPTION, status), 1);
	return (long long)db_insert_id();
}

/* href="<path>" of a link to a product page. */
static inline const char *
pu_product_href(long long id)
{
	static char out[200];
	char *row[1] = { NULL }, path[160];

	ck_assert(pu_row1(row, 1, "SELECT slug FROM products WHERE id = ?", "i", &id));
	ck_assert_ptr_nonnull(catalog_product_path(id, row[0], path, sizeof path));
	snprintf(out, sizeof out, "href=\"%s\"", path);
	pu_free_row(row, 1);
	return out;
}

/*
 * Seconds a key has left in memcached (-1: stored without expiry; -2: not
 * stored, or no answer), asked with the meta command "mg <key> t" of the
 * first server in BAZAAR_MEMCACHED. key is given without the client's
 * namespace, as the storefront names it.
 */
static inline long
pu_memcached_ttl(const char *key)
{
	const char *conf = getenv("BAZAAR_MEMCACHED"), *s, *ns;
	char host[64] = "", prefix[32] = "", line[512];
	struct sockaddr_in sa;
	struct timeval tv = { 2, 0 };
	unsigned port = 0;
	long ttl = -2;
	ssize_t got;
	size_t n = 0;
	int fd;

	if (conf == NULL || (s = strstr(conf, "--SERVER=")) == NULL ||
	    sscanf(s + 9, "%63[^:]:%u", host, &port) != 2)
		return -2;
	if ((ns = strstr(conf, "--NAMESPACE=")) != NULL)
		sscanf(ns + 12, "\"%31[^\"]\"", prefix);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return -2;
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	snprintf(line, sizeof line, "mg %s%s t\r\n", prefix, key);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    write(fd, line, strlen(line)) == (ssize_t)strlen(line)) {
		while (n < sizeof line - 1 && (got = read(fd, line + n, sizeof line - 1 - n)) > 0) {
			n += (size_t)got;
			if (memchr(line, '\n', n))
				break;
		}
		line[n] = '\0';
		if (strncmp(line, "HD ", 3) == 0 && (s = strstr(line, " t")) != NULL)
			ttl = strtol(s + 2, NULL, 10);
	}
	close(fd);
	return ttl;
}

/* The form token of a visitor without a session: the bz_csrf cookie and the
 * form field it must match (CSRF is decided by the token alone: page tests
 * send no Origin). */
#define PU_ANON_CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define PU_ANON_COOKIE "bz_csrf=" PU_ANON_CSRF

/* ---- people: users and their sessions ------------------------------------
 *
 * pu_user_new() inserts a user with a unique address and the password
 * PU_PASSWORD (pu_user_add() with the test program's own address prefix,
 * PU_PREFIX, for its clean-up); pu_login() gives it a session the way
 * sess_start() does and fills the Cookie header and the CSRF token its forms
 * need. pu_user_delete() removes the user with its sessions, tokens,
 * addresses and outgoing mail (audit entries stay: the log is append-only).
 */
#define PU_PASSWORD "page test password 1"

struct pu_user {
	long long id;
	char email[128];
	long long session_id;
	char cookie[128];	/* "bz_session=<token>" */
	char csrf[65];		/* the session's form token */
};

/* A unique address "<prefix>-<pid>-<n>-<time>@example.test". */
static inline void
pu_email(const char *prefix, char *out, size_t n)
{
	static unsigned counter;

	snprintf(out, n, "%s-%d-%u-%ld@example.test", prefix, (int)getpid(), ++counter, (long)time(NULL));
}

/* A user of role named "Page Test" with an address of prefix (pu_email),
 * the email verified or not, password the password (NULL: none). Not
 * logged in. */
static inline void
pu_user_add(struct pu_user *u, const char *prefix, const char *role, int verified, const char *password)
{
	char hash[PASSWORD_HASH_SIZE];

	memset(u, 0, sizeof *u);
	pu_email(prefix, u->email, sizeof u->email);
	if (password)
		ck_assert_int_eq(password_hash(password, hash), 0);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at, password_hash)"
				 " VALUES (?, 'Page Test', ?, IF(? = 1, UTC_TIMESTAMP(), NULL), ?)", "ssis",
				 u->email, role, (long long)(verified != 0), password ? hash : NULL), 1);
	u->id = (long long)db_insert_id();
}

static inline void
pu_user_new(struct pu_user *u, const char *role, int verified)
{
	char prefix[32];

	snprintf(prefix, sizeof prefix, "pt-%s", role);
	pu_user_add(u, prefix, role, verified, PU_PASSWORD);
}

static inline void
pu_login(struct pu_user *u, int mfa)
{
	char token[TOKEN_TEXT_SIZE];
	unsigned char hash[TOKEN_HASH_BYTES], csrf[32];
	size_t i;

	token_new(token);
	token_hash(token, hash);
	for (i = 0; i < sizeof csrf; i++)
		csrf[i] = (unsigned char)(rand() & 0xff);
	ck_assert_int_eq(db_exec("INSERT INTO sessions (token_hash, user_id, csrf, expires_at, mfa_at)"
				 " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL 1 HOUR,"
				 " IF(? = 1, UTC_TIMESTAMP(), NULL))", "bibi", hash, sizeof hash, u->id,
				 csrf, sizeof csrf, (long long)(mfa != 0)), 1);
	u->session_id = (long long)db_insert_id();
	snprintf(u->cookie, sizeof u->cookie, "bz_session=%s", token);
	token_hex(csrf, sizeof csrf, u->csrf);
}

/* u is the existing account id (a fixture's customer), logged in. */
static inline void
pu_login_id(struct pu_user *u, long long id)
{
	memset(u, 0, sizeof *u);
	u->id = id;
	pu_login(u, 0);
}

static inline void
pu_user_delete(const struct pu_user *u)
{
	if (u->id == 0)
		return;
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", u->email);
	db_exec("DELETE FROM addresses WHERE user_id = ?", "i", u->id);
	db_exec("DELETE FROM user_tokens WHERE user_id = ?", "i", u->id);
	db_exec("DELETE FROM sessions WHERE user_id = ?", "i", u->id);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", u->email);
	db_exec("DELETE FROM users WHERE id = ?", "i", u->id);
}

/* GET as u (its cookie). */
static inline struct pu_page *
pu_get_as(const struct pu_user *u, const char *uri)
{
	return pu_request("GET", uri, u->cookie);
}

/* A form POST as u (its cookie), with "csrf=<token>&" put before body. */
static inline struct pu_page *
pu_post_as(const struct pu_user *u, const char *uri, const char *body)
{
	char *full;
	struct pu_page *p;

	ck_assert(asprintf(&full, "csrf=%s%s%s", u->csrf, body && *body ? "&" : "", body ? body : "") > 0);
	p = pu_post(uri, u->cookie, full);
	free(full);
	return p;
}

/* ---- conversations (chat.h) ---------------------------------------------- */

/* Opens the conversation of a shop's part of an order, as placing the order
 * does (chat_open); returns its id. */
static inline long long
pu_chat_open(long long order_id, long long vendor_order_id, long long user_id, long long vendor_id)
{
	long long id;

	ck_assert_int_eq(chat_open(order_id, vendor_order_id, user_id, vendor_id), 0);
	id = db_scalar(-1, "SELECT id FROM conversations WHERE vendor_order_id = ?", "i", vendor_order_id);
	ck_assert_int_gt(id, 0);
	return id;
}

/* A message of text into conversation id from side, written by the account
 * sender_user_id, through chat_send as the pages send one (the other side's
 * counters and notification, linking to its own page of the conversation);
 * returns the message's id. */
static inline long long
pu_chat_send(long long id, enum chat_side side, long long sender_user_id, const char *text)
{
	struct chat_conversation c;
	struct arena a;
	const char *field, *why;
	char theirs[64];
	long long message;

	arena_init(&a);
	ck_assert_int_eq(chat_load_any(&a, id, &c), 0);
	snprintf(theirs, sizeof theirs, side == CHAT_CUSTOMER ? "/vendor/messages/%lld" : "/messages/%lld", id);
	message = chat_send(&c, side, sender_user_id, text, NULL, theirs, &field, &why);
	ck_assert_int_gt(message, 0);
	arena_free(&a);
	return message;
}

/* How many reports of message there are (content_reports); they are deleted,
 * so that the moderators' queue is as it was before the test. */
static inline long long
pu_chat_reports_take(long long message)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM content_reports WHERE kind = 'message' AND object_id = ?",
				"i", message);

	ck_assert_int_ge(db_exec("DELETE FROM content_reports WHERE kind = 'message' AND object_id = ?", "i",
				 message), 0);
	return n;
}

#endif

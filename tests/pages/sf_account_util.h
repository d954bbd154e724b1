/*
 * Helpers for the page tests of the storefront's sign-in and account pages
 * (tests/pages/check_sf_auth.c, check_sf_account.c): form bodies, cookies
 * and flash messages of a response, a visitor's CSRF token, the mail the
 * pages queue, and the clean-up of the people a test program creates.
 *
 * Every test program names its people with its own prefix
 * ("<prefix>-<pid>-<n>-<time>@example.test", SAT_PREFIX), so the clean-up
 * finds them by the prefix alone: it runs before the tests (leftovers of an
 * interrupted run) and after them in the runner's process, whatever became
 * of the tests.
 */
#ifndef BAZAAR_SF_ACCOUNT_UTIL_H
#define BAZAAR_SF_ACCOUNT_UTIL_H
#include <time.h>

#include "page_util.h"
#include "crypt.h"
#include "password.h"
#include "token.h"
#include "../../cgi/storefront/sf_auth.h"

#ifndef SAT_PREFIX
#error "define SAT_PREFIX before including sf_account_util.h"
#endif

/* A documentation address (RFC 5737) for tests that fail logins on purpose,
 * so the per-IP count of the loopback address that other tests use stays
 * untouched. */
#define SAT_IP "192.0.2.77"

/* A unique address with this program's prefix. */
static inline void
sat_email(char *out, size_t n)
{
	static unsigned counter;

	snprintf(out, n, "%s-%d-%u-%ld@example.test", SAT_PREFIX, (int)getpid(), ++counter, (long)time(NULL));
}

/* A user like pu_user_new's (password PU_PASSWORD) with this program's prefix. */
static inline void
sat_user_new(struct pu_user *u, const char *role, int verified)
{
	char hash[PASSWORD_HASH_SIZE];

	memset(u, 0, sizeof *u);
	sat_email(u->email, sizeof u->email);
	ck_assert_int_eq(password_hash(PU_PASSWORD, hash), 0);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at, password_hash)"
				 " VALUES (?, 'Page Test', ?, IF(? = 1, UTC_TIMESTAMP(), NULL), ?)", "ssis",
				 u->email, role, (long long)(verified != 0), hash), 1);
	u->id = (long long)db_insert_id();
}

/* The same, logged in. */
static inline void
sat_member(struct pu_user *u, int verified)
{
	sat_user_new(u, "customer", verified);
	pu_login(u, 0);
}

/* Removes this program's people and what they left (mail, failures,
 * addresses, tokens and sessions go with the user rows). Never asserts. */
static inline void
sat_cleanup(void)
{
	char like[64];

	snprintf(like, sizeof like, "%s-%%@example.test", SAT_PREFIX);
	db_exec("DELETE FROM mail_outbox WHERE to_addr LIKE ?", "s", like);
	db_exec("DELETE FROM login_failures WHERE email LIKE ? OR ip = ?", "ss", like, SAT_IP);
	db_exec("DELETE FROM users WHERE email LIKE ?", "s", like);
}

/* Unchecked fixture, in the runner's process: before and after the tests. */
static inline void
sat_cleanup_parent(void)
{
	pu_parent_begin();
	sat_cleanup();
	pu_parent_end();
}

/* Deletes one user (also after the account page anonymised it). */
static inline void
sat_user_delete(const struct pu_user *u)
{
	pu_user_delete(u);
}

/* ---- requests ------------------------------------------------------------ */

/* An urlencoded form from NULL-terminated name, value pairs (malloc'd). */
static inline char *
sat_form(const char *name, ...)
{
	struct buf b;
	va_list ap;
	const char *k, *v;

	buf_init(&b);
	va_start(ap, name);
	for (k = name; k != NULL; k = va_arg(ap, const char *)) {
		v = va_arg(ap, const char *);
		if (b.len > 0)
			buf_addc(&b, '&');
		buf_add_urlencoded(&b, k);
		buf_addc(&b, '=');
		buf_add_urlencoded(&b, v);
	}
	va_end(ap);
	return b.data ? buf_detach(&b) : strdup("");
}

/* pu_post_as with a form built by sat_form (which this frees). */
static inline struct pu_page *
sat_post_as(const struct pu_user *u, const char *uri, char *form)
{
	struct pu_page *p = pu_post_as(u, uri, form);

	free(form);
	return p;
}

/*
 * One request from a given client address (pu_request_body always sends
 * 127.0.0.1): the login throttling counts failures per address.
 */
static inline struct pu_page *
sat_request_ip(const char *method, const char *uri, const char *cookie, const char *body, const char *ip)
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
		env[n++] = strdup("CONTENT_TYPE=application/x-www-form-urlencoded");
	if (cookie)
		ck_assert(asprintf(&env[n++], "HTTP_COOKIE=%s", cookie) > 0);
	env[n] = NULL;

	buf_init(&out);
	fcgi_loop_handle(&PU_APP, env, body ? body : "", body ? strlen(body) : 0, &out);
	for (i = 0; i < n; i++)
		free(env[i]);
	free(path);
	p->raw = buf_detach(&out);
	ck_assert_ptr_nonnull(p->raw);
	ck_assert(sscanf(p->raw, "Status: %d", &p->status) == 1);
	sep = strstr(p->raw, "\r\n\r\n");
	ck_assert_ptr_nonnull(sep);
	sep[2] = '\0';
	p->headers = p->raw;
	p->body = sep + 4;
	return p;
}

/* The value of the cookie a response sets (static buffer), NULL when it
 * sets none of that name; "" when it clears it. */
static inline const char *
sat_set_cookie(const struct pu_page *p, const char *name)
{
	static char out[256];
	char want[64];
	const char *s;
	size_t n = 0;

	snprintf(want, sizeof want, "Set-Cookie: %s=", name);
	if ((s = strstr(p->headers, want)) == NULL)
		return NULL;
	for (s += strlen(want); *s && *s != ';' && *s != '\r' && n + 1 < sizeof out; s++)
		out[n++] = *s;
	out[n] = '\0';
	return out;
}

/* The flash message a response queues, decoded ("" when none; static). */
static inline const char *
sat_flash(const struct pu_page *p)
{
	static char out[1024];
	const char *s = sat_set_cookie(p, "bz_flash");
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

#define sat_assert_flash(p, text)                                                    \
	ck_assert_msg(strstr(sat_flash(p), (text)) != NULL, "flash \"%s\" lacks \"%s\"", \
		      sat_flash(p), (text))

#define sat_assert_location(p, where) do {                                           \
	const char *sat_l_ = pu_header((p), "Location");                             \
	ck_assert_msg(sat_l_ != NULL && strcmp(sat_l_, (where)) == 0,                \
		      "Location %s, expected %s", sat_l_ ? sat_l_ : "(none)", (where)); \
} while (0)

/* A visitor without a session, with the bz_csrf cookie and its token, as a
 * browser has them after opening a form. */
struct sat_guest {
	char cookie[128];	/* "bz_csrf=<hex>" */
	char csrf[65];
};

static inline void
sat_guest(struct sat_guest *g)
{
	struct pu_page *p = pu_get("/login");
	const char *c;

	pu_assert_status(p, 200);
	c = sat_set_cookie(p, "bz_csrf");
	ck_assert_msg(c != NULL && strlen(c) == 64, "GET /login set no bz_csrf cookie");
	snprintf(g->csrf, sizeof g->csrf, "%s", c);
	snprintf(g->cookie, sizeof g->cookie, "bz_csrf=%s", c);
	pu_free(p);
}

/* A guest's POST: the token goes first in the body (form freed). */
static inline struct pu_page *
sat_guest_post(const struct sat_guest *g, const char *uri, char *form)
{
	char *full;
	struct pu_page *p;

	ck_assert(asprintf(&full, "csrf=%s%s%s", g->csrf, *form ? "&" : "", form) > 0);
	p = pu_post(uri, g->cookie, full);
	free(full);
	free(form);
	return p;
}

/* GET as a logged-in user. */
static inline struct pu_page *
sat_get_as(const struct pu_user *u, const char *uri)
{
	return pu_request("GET", uri, u->cookie);
}

/* ---- database ------------------------------------------------------------ */

/* A count (or other integer) with one integer bind. */
static inline long long
sat_count(const char *sql, long long id)
{
	long long n = db_scalar(-1, sql, "i", id);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* The same with one string bind. */
static inline long long
sat_count_s(const char *sql, const char *s)
{
	long long n = db_scalar(-1, sql, "s", s);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* The body of the newest mail of template to an address (malloc'd), or NULL. */
static inline char *
sat_mail(const char *to, const char *template)
{
	struct db_result *r = db_query("SELECT body FROM mail_outbox WHERE to_addr = ? AND template = ?"
				       " ORDER BY id DESC LIMIT 1", "ss", to, template);
	char *body = NULL;

	ck_assert_ptr_nonnull(r);
	if (db_next(r))
		body = strdup(db_str(r, 0));
	db_free(r);
	return body;
}

/* The text after marker in s up to the next white space (static), or "". */
static inline const char *
sat_after(const char *s, const char *marker)
{
	static char out[256];
	const char *p = s ? strstr(s, marker) : NULL;
	size_t n = 0;

	out[0] = '\0';
	if (p == NULL)
		return out;
	for (p += strlen(marker); *p && *p != ' ' && *p != '\n' && *p != '\r' && n + 1 < sizeof out; p++)
		out[n++] = *p;
	out[n] = '\0';
	return out;
}

/* A link of purpose for u made as the pages make them (the token into
 * token); expired when hours is negative. Returns the row id. */
static inline long long
sat_token(const struct pu_user *u, const char *purpose, int hours, const char *new_email,
	  char token[TOKEN_TEXT_SIZE], char code[TOKEN_CODE_SIZE])
{
	long long id = sf_auth_token_create(u->id, purpose, hours < 0 ? 1 : hours, new_email, token, code);

	ck_assert_msg(id > 0, "token not created: %s", db_error());
	if (hours < 0)
		ck_assert_int_eq(db_exec("UPDATE user_tokens SET expires_at = NOW() - INTERVAL 1 MINUTE,"
					 " created_at = NOW() - INTERVAL 2 HOUR WHERE id = ?", "i", id), 1);
	return id;
}

/* The number of audit entries of action about user id. */
static inline long long
sat_audits(const char *action, long long user_id)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_type = 'user'"
				" AND object_id = ?", "si", action, user_id);

	ck_assert(n >= 0);
	return n;
}

#endif

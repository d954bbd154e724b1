/*
 * Helpers for the page tests of the storefront's sign-in and account pages
 * (tests/pages/check_sf_auth.c, check_sf_account*.c): members, form bodies,
 * a visitor's CSRF token, the mail the pages queue and one-time links. The
 * program's people are named with its PU_PREFIX and cleaned up by
 * pu_tcase_people (page_util.h).
 */
#ifndef BAZAAR_SF_ACCOUNT_UTIL_H
#define BAZAAR_SF_ACCOUNT_UTIL_H
#include "page_util.h"
#include "token.h"
#include "../../cgi/storefront/sf_auth.h"

#ifndef PU_PREFIX
#error "define PU_PREFIX before including sf_account_util.h"
#endif

/* A user like pu_user_new's (password PU_PASSWORD) with this program's prefix. */
static inline void
sat_user_new(struct pu_user *u, const char *role, int verified)
{
	pu_user_add(u, PU_PREFIX, role, verified, PU_PASSWORD);
}

/* The same, logged in. */
static inline void
sat_member(struct pu_user *u, int verified)
{
	sat_user_new(u, "customer", verified);
	pu_login(u, 0);
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
	c = pu_set_cookie(p, "bz_csrf");
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

/* ---- database ------------------------------------------------------------ */

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
	long long id = auth_token_create(u->id, purpose, hours < 0 ? 1 : hours, new_email, token, code);

	ck_assert_msg(id > 0, "token not created: %s", db_error());
	if (hours < 0)
		ck_assert_int_eq(db_exec("UPDATE user_tokens SET expires_at = NOW() - INTERVAL 1 MINUTE,"
					 " created_at = NOW() - INTERVAL 2 HOUR WHERE id = ?", "i", id), 1);
	return id;
}

#endif

/*
 * adm_auth: how an admin gets in and out.
 *
 * Logging in takes two steps: email and password (only accounts with the
 * admin or the support role may log in here) start a session without the
 * second factor;
 * a TOTP code from the admin's authenticator app then marks the session as
 * having passed it, which every other admin page requires. A code works
 * once: the step of the last accepted code is kept in users.totp_last_step
 * and only a later step is accepted.
 *
 * Failed attempts are counted per step (auth.h): passwords under the
 * address typed, codes under "mfa:<user id>", so that a correct password
 * never clears the count of wrong codes. Each attempt is recorded before it
 * is checked and settled after; the one that locks a key mails the admin.
 *
 * A new admin (made with `bazaar-admin create`) has no password and no TOTP
 * secret: the one-time enrolment link sets up both. Opening the link makes a
 * new secret and stores it sealed at once (the account cannot log in before
 * the password is set), so the secret never travels back through a form.
 * An enrolled admin's link (`bazaar-admin enrol-link`: lost phone or
 * password) first shows a button: only that POST replaces the working
 * secret, so a link preview or a second look at the link changes nothing.
 */
#include "adm.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "cfg.h"
#include "crypt.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "sess.h"
#include "token.h"
#include "totp.h"

#define ADM_AUTH_WRONG	"Email or password is wrong."
#define ADM_AUTH_CODE_WRONG "That code is wrong or was already used."
#define ADM_AUTH_ISSUER	"Bazaar"

/* Where to go after logging in: a local path inside the admin site. */
static const char *
adm_auth_next(const char *next)
{
	const char *p = auth_next_path(next);

	return strncmp(p, "/admin/", 7) == 0 ? p : "/admin/";
}

/* "/admin/2fa", with ?next= when the admin was on the way to another page. */
static const char *
adm_auth_mfa_url(struct arena *a, const char *next)
{
	const char *filters[] = { "next", next, NULL };

	if (strcmp(next, "/admin/") == 0)
		return "/admin/2fa";
	return adm_url(a, "/admin/2fa", filters, 1);
}

/* "Try again in 5 minutes." for a login refused for so many seconds. */
static const char *
adm_auth_locked_text(struct arena *a, long long seconds)
{
	long long minutes = (seconds + 59) / 60;

	return arena_printf(a, "Too many failed attempts. Try again in %lld minute%s.", minutes,
			    minutes == 1 ? "" : "s");
}

/* The key wrong codes of an admin count under ("mfa:<user id>"). */
static const char *
adm_auth_mfa_key(struct arena *a, long long user_id)
{
	return arena_printf(a, "mfa:%lld", user_id);
}

/* ---- login --------------------------------------------------------------- */

/* Builds the login form into v with the address typed (never the
 * password); returns the page dictionary. */
static tmpl_dict *
adm_auth_login_build(struct req *rq, struct resp *rs, struct view *v, const char *email, const char *next)
{
	const char *blocked = rq->blocked_reason ? auth_blocked_message(rq, rq->blocked_reason) : NULL;
	tmpl_dict *d;

	/* The guard has put the same sentence in the flash: say it once, in the notice. */
	if (blocked != NULL && rs->flash != NULL && strcmp(rs->flash, blocked) == 0) {
		free(rs->flash);
		rs->flash = NULL;
	}
	d = adm_page(v, rq, rs, "admin/auth_login_form.tpl", "Log in to the admin site", ADM_SECTION_NONE);
	tmpl_set(d, "EMAIL", email ? email : "");
	tmpl_set(d, "NEXT", next);
	if (blocked != NULL)
		tmpl_set(tmpl_section(d, "BLOCKED"), "MESSAGE", blocked);
	return d;
}

/* The login form with the values typed and error next to field (NULL:
 * none), answered with status. */
static int
adm_auth_login_page(struct req *rq, struct resp *rs, const char *email, const char *next,
		    const char *field, const char *error, int status)
{
	struct view v = { 0 };
	tmpl_dict *d = adm_auth_login_build(rq, rs, &v, email, next);

	if (error != NULL)
		view_form_error(d, field, error);
	return view_end_status(&v, rs, status);
}

/* The form page of POST /admin/login (route.h): the login form, the
 * address typed put back by the router. */
tmpl_dict *
adm_auth_login_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_auth_login_build(rq, rs, v, NULL, adm_auth_next(req_str(rq, "next")));
}

/*
 * ROUTE: GET /admin/login      TEMPLATE: admin/auth_login_form.tpl
 * PARAMS: next (local path under /admin/)
 * The admin login form. An admin already logged in goes on to the second
 * factor or to the dashboard.
 */
int
adm_auth_login_form(struct req *rq, struct resp *rs)
{
	const char *next = adm_auth_next(req_str(rq, "next"));

	if (adm_is_staff(rq))
		return resp_redirect(rs, 303, rq->sess->mfa ? next : adm_auth_mfa_url(&rq->arena, next));
	return adm_auth_login_page(rq, rs, NULL, next, NULL, NULL, 200);
}

/*
 * ROUTE: POST /admin/login      TEMPLATE: admin/auth_login_form.tpl
 * PARAMS: email, password (both required: an empty one shows the form
 *         again, R_FORM, and counts as no attempt), next
 * Checks email and password of an admin account (auth_password_login, the
 * shop's own login with the admin role required) and starts a session that
 * still needs the second factor; redirects to /admin/2fa. Any other account,
 * or a wrong password, gets the same answer. Failures count toward the
 * login lock of the address and the client's IP; the attempt is recorded
 * before the password is checked, so parallel guesses count at once. While
 * locked: 429 with Retry-After.
 */
int
adm_auth_login(struct req *rq, struct resp *rs)
{
	const char *typed = req_str(rq, "email"), *password = req_str(rq, "password");
	const char *next = adm_auth_next(req_str(rq, "next"));
	struct auth_login login;

	switch (auth_password_login(rq, rs, typed, password, AUTH_ROLE_STAFF, &login)) {
	case AUTH_LOGIN_OK:
		return resp_redirect(rs, 303, adm_auth_mfa_url(&rq->arena, next));
	case AUTH_LOGIN_BAD_EMAIL:
		return adm_auth_login_page(rq, rs, typed, next, "email", login.problem, 422);
	case AUTH_LOGIN_WRONG:
		return adm_auth_login_page(rq, rs, login.email, next, "email", ADM_AUTH_WRONG, 422);
	case AUTH_LOGIN_LOCKED:
		return adm_auth_login_page(rq, rs, login.email, next, "email",
					   adm_auth_locked_text(&rq->arena, login.wait), 429);
	case AUTH_LOGIN_BLOCKED:
		return adm_auth_login_page(rq, rs, login.email, next, "email",
					   "This account is blocked. Ask another admin to unblock it.", 403);
	case AUTH_LOGIN_ERROR:
		break;
	}
	return 500;
}

/* ---- second factor -------------------------------------------------------- */

/* The TOTP secret of a user from the sealed column of r, in secret.
 * Returns 1, 0 when there is none (not enrolled), -1 when it does not open. */
static int
adm_auth_secret(long long user_id, const struct db_result *r, unsigned col,
		unsigned char secret[TOTP_SECRET_BYTES])
{
	size_t len = 0;
	char *plain;

	if (db_null(r, col))
		return 0;
	plain = crypt_open("users", "totp_secret_enc", user_id, (const unsigned char *)db_str(r, col),
			   db_len(r, col), &len);
	if (plain == NULL || len != TOTP_SECRET_BYTES) {
		if (plain)
			crypt_free(plain, len);
		log_error("adm.totp", "user=%lld msg=\"TOTP secret does not open\"", user_id);
		return -1;
	}
	memcpy(secret, plain, TOTP_SECRET_BYTES);
	crypt_free(plain, len);
	return 1;
}

struct adm_auth_step {
	const struct req *rq;
	long long user_id;
	long long step;
};

/* Stores the accepted step unless a concurrent request stored it (or a
 * later one) first; records the login. */
static int
adm_auth_mfa_tx(void *arg)
{
	struct adm_auth_step *s = arg;
	long long n;

	n = db_exec("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", "iii",
		    s->step, s->user_id, s->step);
	if (n < 0)
		return -1;
	if (n == 0)
		return 1;	/* the same code was used a moment ago */
	return audit_log(s->rq, "admin.login", "user", s->user_id, "second factor passed") == 0 ? 0 : -1;
}

/* The second-factor form; enrolled = 0 explains how to get an enrolment link. */
static int
adm_auth_mfa_page(struct req *rq, struct resp *rs, const char *next, int enrolled, const char *error,
		  int status)
{
	struct view v = { 0 };
	tmpl_dict *d = adm_page(&v, rq, rs, "admin/auth_mfa_form.tpl", "Second factor", ADM_SECTION_NONE);

	tmpl_set(d, "NEXT", next);
	tmpl_set(d, "EMAIL", rq->sess->email);
	tmpl_show(d, enrolled ? "ENROLLED" : "NOT_ENROLLED");
	if (error != NULL)
		view_form_error(d, "code", error);
	return view_end_status(&v, rs, status);
}

/*
 * ROUTE: GET /admin/2fa      TEMPLATE: admin/auth_mfa_form.tpl
 * PARAMS: next (local path under /admin/)
 * Asks a logged-in admin for the 6-digit code of their authenticator app;
 * an admin without an enrolled app is told to use an enrolment link.
 */
int
adm_auth_mfa_form(struct req *rq, struct resp *rs)
{
	const char *next = adm_auth_next(req_str(rq, "next"));
	long long enrolled;

	if (!adm_is_staff(rq))
		return 404;
	if (rq->sess->mfa)
		return resp_redirect(rs, 303, next);
	enrolled = db_scalar(-1, "SELECT totp_secret_enc IS NOT NULL FROM users WHERE id = ?", "i",
			     rq->sess->user_id);
	if (enrolled < 0)
		return 500;
	return adm_auth_mfa_page(rq, rs, next, (int)enrolled, NULL, 200);
}

/*
 * ROUTE: POST /admin/2fa      TEMPLATE: admin/auth_mfa_form.tpl
 * PARAMS: code (6 digits), next
 * Checks the TOTP code (one step of clock drift allowed, each code once);
 * marks the session as having passed the second factor, records
 * "admin.login" and redirects to next or the dashboard. A wrong or replayed
 * code counts as a failure under "mfa:<user id>" (a correct password does
 * not clear it); while that key is locked, codes are refused with 429.
 */
int
adm_auth_mfa(struct req *rq, struct resp *rs)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	const char *next = adm_auth_next(req_str(rq, "next")), *code, *key;
	struct adm_auth_step step = { rq, 0, 0 };
	struct db_result *r = NULL;
	long long locked, attempt;
	int status = 500, have, rc;

	if (!adm_is_staff(rq))
		return 404;
	if (rq->sess->mfa)
		return resp_redirect(rs, 303, next);
	step.user_id = rq->sess->user_id;
	key = adm_auth_mfa_key(&rq->arena, step.user_id);
	if ((locked = auth_login_locked(key, rq->ip)) > 0) {
		resp_retry_after(rs, locked);
		return adm_auth_mfa_page(rq, rs, next, 1, adm_auth_locked_text(&rq->arena, locked), 429);
	}
	if ((r = db_query("SELECT totp_secret_enc, totp_last_step FROM users WHERE id = ?", "i",
			  step.user_id)) == NULL || !db_next(r))
		goto out;
	if ((have = adm_auth_secret(step.user_id, r, 0, secret)) < 0)
		goto out;
	if (have == 0) {
		status = adm_auth_mfa_page(rq, rs, next, 0, NULL, 200);
		goto out;
	}
	if ((code = token_code_parse(req_str(rq, "code"), arena_alloc(&rq->arena, TOKEN_CODE_SIZE))) == NULL) {
		status = adm_auth_mfa_page(rq, rs, next, 1, "Enter the 6-digit code from your authenticator app.",
					   422);
		goto out;
	}
	if ((attempt = auth_login_attempt(key, rq->ip)) < 0)
		goto out;
	step.step = totp_verify(secret, code, time(NULL), db_int(r, 1));
	rc = step.step > 0 ? db_tx(adm_auth_mfa_tx, &step) : 1;
	if (rc < 0)
		goto out;
	auth_login_settle(rq, attempt, key, rc == 0, rq->sess->email);
	if (rc > 0) {
		status = adm_auth_mfa_page(rq, rs, next, 1, ADM_AUTH_CODE_WRONG, 422);
		goto out;
	}
	if (sess_set_mfa(rq, rs) != 0)
		goto out;
	resp_set_flash(rs, "You are signed in.");
	status = resp_redirect(rs, 303, next);
out:
	sodium_memzero(secret, sizeof secret);
	db_free(r);
	return status;
}

/* ---- enrolment ------------------------------------------------------------ */

/* The admin an unused, unexpired enrolment link belongs to. */
struct adm_enrol {
	long long token_id;
	long long user_id;
	const char *email;
	const char *name;
	int have_password;	/* enrolled before: the link replaces what works */
	int have_secret;	/* 1: secret holds the stored secret */
	unsigned char secret[TOTP_SECRET_BYTES];
	long long last_step;
};

/* Finds the link's admin. Returns 1, 0 when the link is not valid (any
 * reason: unknown, used, expired, not an active admin), -1 on a database
 * error. */
static int
adm_enrol_find(struct req *rq, const char *token, struct adm_enrol *e)
{
	unsigned char hash[TOKEN_HASH_BYTES];
	struct db_result *r;
	int found = 0;

	memset(e, 0, sizeof *e);
	if (token == NULL || token_hash(token, hash) != 0)
		return 0;
	r = db_query("SELECT t.id, u.id, u.email, u.name, u.totp_secret_enc, u.totp_last_step,"
		     " u.password_hash IS NOT NULL FROM user_tokens t JOIN users u ON u.id = t.user_id"
		     " WHERE t.token_hash = ? AND t.purpose = 'enrol' AND t.used_at IS NULL"
		     " AND t.expires_at > NOW() AND u.role IN ('admin', 'support') AND u.status = 'active'",
		     "b", hash, sizeof hash);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		e->token_id = db_int(r, 0);
		e->user_id = db_int(r, 1);
		e->email = arena_strdup(&rq->arena, db_str(r, 2));
		e->name = arena_strdup(&rq->arena, db_str(r, 3));
		e->have_secret = adm_auth_secret(e->user_id, r, 4, e->secret) == 1;
		e->last_step = db_int(r, 5);
		e->have_password = db_int(r, 6) != 0;
		found = 1;
	}
	db_free(r);
	return found;
}

/* Makes a new secret for the link's admin and stores it sealed (pending
 * until the enrolment form is sent with a code it produced). */
static int
adm_enrol_new_secret(struct adm_enrol *e)
{
	unsigned char *sealed;
	size_t len = 0;
	long long n;

	totp_new_secret(e->secret);
	sealed = crypt_seal("users", "totp_secret_enc", e->user_id, e->secret, TOTP_SECRET_BYTES, &len);
	if (sealed == NULL)
		return -1;
	n = db_exec("UPDATE users SET totp_secret_enc = ?, totp_last_step = 0 WHERE id = ?", "bi",
		    sealed, len, e->user_id);
	free(sealed);
	if (n < 0)
		return -1;
	e->have_secret = 1;
	e->last_step = 0;
	return 0;
}

/* The secret as people type it: base32 in groups of four. */
static char *
adm_enrol_grouped(struct arena *a, const unsigned char secret[TOTP_SECRET_BYTES])
{
	char b32[TOTP_BASE32_SIZE];
	char *out = arena_alloc(a, TOTP_BASE32_SIZE + TOTP_BASE32_SIZE / 4 + 1);
	size_t i, o = 0;

	totp_base32(secret, b32);
	for (i = 0; b32[i]; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = b32[i];
	}
	out[o] = '\0';
	sodium_memzero(b32, sizeof b32);
	return out;
}

/* The page for a link that does not work (404, the page explains). */
static int
adm_enrol_invalid(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d = adm_page(&v, rq, rs, "admin/auth_enrol_form.tpl", "Enrolment link not valid",
				ADM_SECTION_NONE);

	tmpl_show(d, "INVALID");
	return view_end_status(&v, rs, 404);
}

/* The enrolment form: the secret, its QR code and the fields; errors holds
 * pairs of field and sentence (NULL-terminated, may be NULL). */
static int
adm_enrol_page(struct req *rq, struct resp *rs, const char *token, struct adm_enrol *e,
	       const char *const *errors, int status)
{
	struct view v = { 0 };
	tmpl_dict *d, *f;
	char *uri, *svg = NULL;

	d = adm_page(&v, rq, rs, "admin/auth_enrol_form.tpl", "Set up your admin account", ADM_SECTION_NONE);
	f = tmpl_section(d, "FORM");
	tmpl_set(f, "CSRF", csrf_token(rq, rs));
	tmpl_set(f, "TOKEN", token);
	tmpl_set(f, "EMAIL", e->email);
	tmpl_set(f, "NAME", e->name);
	tmpl_set(f, "SECRET", adm_enrol_grouped(&rq->arena, e->secret));
	if ((uri = totp_uri(e->secret, ADM_AUTH_ISSUER, e->email)) != NULL) {
		svg = totp_qr_svg(uri, "QR code for your authenticator app");
		sodium_memzero(uri, strlen(uri));
		free(uri);
	}
	if (svg != NULL) {
		tmpl_set(tmpl_section(f, "QR"), "SVG", svg);
		free(svg);
	}
	for (; errors && errors[0]; errors += 2) {
		view_form_error(f, errors[0], errors[1]);
	}
	return view_end_status(&v, rs, status);
}

/* For an admin who is enrolled already: what the link does, and the button
 * that starts it (nothing is changed before that POST). */
static int
adm_enrol_start_page(struct req *rq, struct resp *rs, const char *token, const struct adm_enrol *e)
{
	struct view v = { 0 };
	tmpl_dict *d, *f;

	d = adm_page(&v, rq, rs, "admin/auth_enrol_form.tpl", "Set up a new authenticator app",
		     ADM_SECTION_NONE);
	f = tmpl_section(d, "START");
	tmpl_set(f, "CSRF", csrf_token(rq, rs));
	tmpl_set(f, "TOKEN", token);
	tmpl_set(f, "EMAIL", e->email);
	tmpl_set(f, "NAME", e->name);
	return view_end_status(&v, rs, 200);
}

/*
 * ROUTE: GET /admin/enrol      TEMPLATE: admin/auth_enrol_form.tpl
 * PARAMS: token (the one-time link, 24 h)
 * First login of a new admin: makes a new TOTP secret, stores it sealed and
 * shows it (base32 and QR code) with the form that sets the password. Opening
 * the link again before it is used makes another secret. For an admin who
 * has a password and an authenticator app already it changes nothing: the
 * page offers a button (POST with step=start) that sets up a new app.
 */
int
adm_auth_enrol_form(struct req *rq, struct resp *rs)
{
	const char *token = req_str(rq, "token");
	struct adm_enrol e;
	int found, status;

	if ((found = adm_enrol_find(rq, token, &e)) < 0)
		return 500;
	if (found == 0)
		return adm_enrol_invalid(rq, rs);
	if (e.have_password && e.have_secret)
		status = adm_enrol_start_page(rq, rs, token, &e);
	else if (adm_enrol_new_secret(&e) != 0)
		status = 500;
	else
		status = adm_enrol_page(rq, rs, token, &e, NULL, 200);
	sodium_memzero(e.secret, sizeof e.secret);
	return status;
}

struct adm_enrol_done {
	const struct adm_enrol *e;
	const char *hash;
	long long step;
	const char *ip;
};

/* Sets the password and the accepted step, uses up the link (and any other
 * unused enrolment link of the admin), records "admin.enrol". */
static int
adm_enrol_tx(void *arg)
{
	struct adm_enrol_done *s = arg;
	long long n;

	n = db_exec("UPDATE users SET password_hash = ?, totp_last_step = ?,"
		    " email_verified_at = COALESCE(email_verified_at, NOW())"
		    " WHERE id = ? AND totp_last_step < ? AND role IN ('admin', 'support') AND status = 'active'",
		    "siii", s->hash, s->step, s->e->user_id, s->step);
	if (n < 0)
		return -1;
	if (n == 0)
		return 1;
	n = db_exec("UPDATE user_tokens SET used_at = NOW() WHERE id = ? AND used_at IS NULL", "i",
		    s->e->token_id);
	if (n < 0)
		return -1;
	if (n == 0)
		return 2;	/* used by a concurrent request */
	if (db_exec("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'enrol'"
		    " AND used_at IS NULL", "i", s->e->user_id) < 0)
		return -1;
	/* No session yet: the admin is named as the actor. */
	return audit_log_ip(s->e->user_id, "admin", s->ip, "admin.enrol", "user", s->e->user_id,
			    "authenticator app and password set") == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/enrol      TEMPLATE: admin/auth_enrol_form.tpl
 * PARAMS: token, step (start), password, password2 (the same again),
 *         code (6 digits)
 * With step=start (the button of an enrolled admin's link): makes a new TOTP
 * secret, stores it sealed in place of the old one and shows it with the
 * form. Otherwise completes enrolment: the password must follow the rules
 * and the code must come from the secret shown; codes count under
 * "mfa:<user id>" like the second factor's (429 while locked). Sets the
 * password, uses up the link, ends any other session of the admin and
 * logs them in with the second factor passed; records "admin.enrol" and
 * redirects to the dashboard.
 */
int
adm_auth_enrol(struct req *rq, struct resp *rs)
{
	const char *token = req_str(rq, "token"), *password = req_str(rq, "password");
	const char *again = req_str(rq, "password2"), *step = req_str(rq, "step"), *code, *problem, *key;
	const char *errors[9] = { NULL };
	char hash[PASSWORD_HASH_SIZE];
	struct adm_enrol e;
	struct adm_enrol_done done = { &e, hash, 0, rq->ip };
	long long locked, attempt = -1;
	size_t n = 0;
	int found, status = 500, rc;

	if (password == NULL)
		password = "";
	if (again == NULL)
		again = "";
	if ((found = adm_enrol_find(rq, token, &e)) < 0)
		return 500;
	if (found == 0)
		return adm_enrol_invalid(rq, rs);
	if (step != NULL && strcmp(step, "start") == 0) {
		/* Asked for in person: from here the old app's codes stop working. */
		if (adm_enrol_new_secret(&e) != 0)
			goto out;
		status = adm_enrol_page(rq, rs, token, &e, NULL, 200);
		goto out;
	}
	if (e.have_password && e.have_secret && e.last_step > 0) {
		/* An enrolled admin whose working app was not replaced yet (start
		 * resets the step): the form's answer must never show that secret. */
		status = adm_enrol_start_page(rq, rs, token, &e);
		goto out;
	}
	if (!e.have_secret) {
		/* The page was never shown with this link (or the secret was lost):
		 * start from a fresh secret. */
		if (adm_enrol_new_secret(&e) != 0)
			goto out;
		errors[n++] = "code";
		errors[n++] = "Add this new key to your authenticator app, then enter the code it shows.";
		status = adm_enrol_page(rq, rs, token, &e, errors, 422);
		goto out;
	}
	key = adm_auth_mfa_key(&rq->arena, e.user_id);
	if ((locked = auth_login_locked(key, rq->ip)) > 0) {
		errors[n++] = "code";
		errors[n++] = adm_auth_locked_text(&rq->arena, locked);
		resp_retry_after(rs, locked);
		status = adm_enrol_page(rq, rs, token, &e, errors, 429);
		goto out;
	}
	if ((problem = password_problem(password, e.email)) != NULL) {
		errors[n++] = "password";
		errors[n++] = problem;
	} else if (strcmp(password, again) != 0) {
		errors[n++] = "password2";
		errors[n++] = "The two passwords are not the same.";
	}
	code = token_code_parse(req_str(rq, "code"), arena_alloc(&rq->arena, TOKEN_CODE_SIZE));
	if (code == NULL) {
		errors[n++] = "code";
		errors[n++] = "Enter the 6-digit code from your authenticator app.";
	} else {
		if ((attempt = auth_login_attempt(key, rq->ip)) < 0)
			goto out;
		if ((done.step = totp_verify(e.secret, code, time(NULL), e.last_step)) <= 0) {
			errors[n++] = "code";
			errors[n++] = ADM_AUTH_CODE_WRONG;
		}
	}
	if (n > 0) {
		/* A right code with a password that will not do is no failure. */
		if (attempt >= 0)
			auth_login_settle(rq, attempt, key, done.step > 0, e.email);
		status = adm_enrol_page(rq, rs, token, &e, errors, 422);
		goto out;
	}
	if (password_hash(password, hash) != 0)
		goto out;
	rc = db_tx(adm_enrol_tx, &done);
	sodium_memzero(hash, sizeof hash);
	if (rc < 0)
		goto out;
	/* 1: the code's step was used meanwhile; 2: the link was (the code was right). */
	auth_login_settle(rq, attempt, key, rc != 1, e.email);
	if (rc == 1) {
		errors[n++] = "code";
		errors[n++] = ADM_AUTH_CODE_WRONG;
		status = adm_enrol_page(rq, rs, token, &e, errors, 422);
		goto out;
	}
	if (rc == 2) {
		status = adm_enrol_invalid(rq, rs);
		goto out;
	}
	/* New credentials: whoever held a session of this account before is out. */
	if (sess_end_others_because(e.user_id, 0, SESS_ENDED_PASSWORD_RESET) < 0 || sess_start(rq, rs, e.user_id, 1) != 0)
		goto out;
	resp_set_flash(rs, "Your admin account is ready. Keep your authenticator app safe: you need it every time you log in.");
	status = resp_redirect(rs, 303, "/admin/");
out:
	sodium_memzero(e.secret, sizeof e.secret);
	return status;
}

/* ---- logout --------------------------------------------------------------- */

/*
 * ROUTE: POST /admin/logout      TEMPLATE: none (redirect)
 * PARAMS: none
 * Ends the admin's session and returns to the login page.
 */
int
adm_auth_logout(struct req *rq, struct resp *rs)
{
	if (!adm_is_staff(rq))
		return 404;
	if (sess_end(rq, rs) != 0)
		return 500;
	resp_set_flash(rs, "You are logged out.");
	return resp_redirect(rs, 303, "/admin/login");
}

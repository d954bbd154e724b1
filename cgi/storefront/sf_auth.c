/*
 * sf_auth: signing up, confirming the email address, logging in and out,
 * and resetting a forgotten password.
 *
 * The forms follow the house pattern: bad input shows the same form again
 * (status 422) with the values typed, never the password, and a sentence
 * next to each wrong field; nothing is changed. Pages that answer "is there
 * an account for this address?" say nothing about other people's accounts:
 * a failed login reads the same for an unknown address and a wrong password
 * (and takes as long), and the reset form gives one answer for every address.
 */
#include "sf_auth.h"

#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "buf.h"
#include "cfg.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"
#include "text.h"
#include "password.h"
#include "route.h"
#include "sess.h"

#define SF_AUTH_CODE_TRIES	5	/* wrong codes before a code stops working */
#define SF_AUTH_RESEND_SECONDS	60	/* at most one new verification mail a minute */

static const char sf_auth_token_sql[] =
	"SELECT t.id, t.user_id, t.new_email, u.email, u.name, u.role FROM user_tokens t"
	" JOIN users u ON u.id = t.user_id"
	" WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at IS NULL"
	" AND t.expires_at > NOW() AND u.status = 'active'";
static const char sf_auth_token_lock_sql[] =
	"SELECT t.id, t.user_id, t.new_email, u.email, u.name, u.role FROM user_tokens t"
	" JOIN users u ON u.id = t.user_id"
	" WHERE t.token_hash = ? AND t.purpose = ? AND t.used_at IS NULL"
	" AND t.expires_at > NOW() AND u.status = 'active' FOR UPDATE";

int
sf_auth_token_find(struct arena *a, const char *token, const char *purpose, int lock,
		   struct sf_auth_token *out)
{
	unsigned char hash[TOKEN_HASH_BYTES];
	struct db_result *r;
	int found;

	memset(out, 0, sizeof *out);
	if (token == NULL || !token_valid(token) || token_hash(token, hash) != 0)
		return 0;
	r = db_query(lock ? sf_auth_token_lock_sql : sf_auth_token_sql, "bs", hash, sizeof hash, purpose);
	if (r == NULL)
		return -1;
	found = db_next(r);
	if (found) {
		out->id = db_int(r, 0);
		out->user_id = db_int(r, 1);
		out->new_email = db_null(r, 2) ? NULL : arena_strdup(a, db_str(r, 2));
		out->email = arena_strdup(a, db_str(r, 3));
		out->name = arena_strdup(a, db_str(r, 4));
		out->role = arena_strdup(a, db_str(r, 5));
	}
	db_free(r);
	return found;
}

char *
sf_auth_link(struct arena *a, const char *path, const char *token)
{
	return arena_printf(a, "%s%s?token=%s", mail_base_url(), path, token);
}

tmpl_dict *
sf_auth_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
	     const char *title)
{
	tmpl_dict *d = view_begin(v, rq, rs, page_template, title);

	tmpl_set(d, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	view_crumb(v, "Home", "/");
	return d;
}

int
sf_auth_mail(const char *to, const char *subject, const char *name_tpl, const char *name,
	     tmpl_dict *d)
{
	if (name != NULL)
		tmpl_set(d, "NAME", name);
	return mail_queue(to, subject, name_tpl, d) < 0 ? -1 : 0;
}

/* ---- sign-up ------------------------------------------------------------- */

/* The sign-up form with what the visitor typed (never the password). */
static tmpl_dict *
sf_auth_signup_page(struct view *v, struct req *rq, struct resp *rs, const char *name,
		    const char *email, const char *next)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, "storefront/auth_signup_form.tpl", "Create an account");

	view_crumb(v, "Create an account", NULL);
	tmpl_set(d, "NAME", name ? name : "");
	tmpl_set(d, "EMAIL", email ? email : "");
	tmpl_set(d, "NEXT", next ? next : "");
	tmpl_set_int(d, "PASSWORD_MIN", PASSWORD_MIN);
	if (next && *next)
		tmpl_set(tmpl_section(d, "HAS_NEXT"), "NEXT", next);
	return d;
}

/*
 * ROUTE: GET /signup      TEMPLATE: storefront/auth_signup_form.tpl
 * PARAMS: next (local path to return to)
 * The sign-up form: name, email address and password. A visitor who is
 * already logged in is sent to their account page.
 */
int
sf_auth_signup_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (rq->sess != NULL)
		return resp_redirect(rs, 303, "/account");
	sf_auth_signup_page(&v, rq, rs, NULL, NULL, req_str(rq, "next"));
	return view_end_status(&v, rs, 200);
}

struct sf_auth_signup_job {
	struct req *rq;
	const char *name, *email, *hash;
	long long user_id;
	int taken;
};

static int
sf_auth_signup_tx(void *arg)
{
	struct sf_auth_signup_job *j = arg;

	j->taken = 0;
	if (db_exec("INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, 'customer', ?)",
		    "sss", j->email, j->name, j->hash) != 1) {
		if (db_is_duplicate())	/* the address was taken a moment ago */
			j->taken = 1;
		return -1;
	}
	j->user_id = (long long)db_insert_id();
	if (auth_verify_mail(&j->rq->arena, "/verify", j->user_id, j->email, j->name) != 0)
		return -1;
	return audit_log(j->rq, "user.signup", "user", j->user_id, "");
}

/* The form page of POST /signup (route.h): the router adds what was typed
 * (never the password) and the errors; a taken address also gets the links
 * to log in and to reset the password. */
tmpl_dict *
sf_auth_signup_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d = sf_auth_signup_page(v, rq, rs, NULL, NULL, req_str(rq, "next"));
	const char *email_error = kvlist_get(&rq->form_errors, "email");

	if (email_error != NULL && strcmp(email_error, AUTH_EMAIL_TAKEN) == 0)
		tmpl_show(d, "EMAIL_TAKEN");
	return d;
}

/*
 * ROUTE: POST /signup      TEMPLATE: storefront/auth_signup_form.tpl
 * PARAMS: name (1..100 characters), email, password (a new one), next; bad
 *         input shows the form again (R_FORM)
 * Creates a customer account, mails a link and a code to confirm the
 * address, logs the new customer in and sends them to /verify. A taken
 * address is named as such, and nothing more is said.
 */
int
sf_auth_signup(struct req *rq, struct resp *rs)
{
	struct sf_auth_signup_job job = { 0 };
	char hash[PASSWORD_HASH_SIZE];
	const char *email = req_str(rq, "email");
	long long found = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ?", "s", email);

	if (found < 0)
		return 500;
	if (found > 0) {
		route_form_error(rq, "email", AUTH_EMAIL_TAKEN);
		return route_form_fail(rq, rs);
	}
	if (password_hash(req_str(rq, "password"), hash) != 0)
		return 500;
	job.rq = rq;
	job.name = req_str(rq, "name");
	job.email = email;
	job.hash = hash;
	if (db_tx(sf_auth_signup_tx, &job) != 0) {
		sodium_memzero(hash, sizeof hash);
		if (job.taken) {
			route_form_error(rq, "email", AUTH_EMAIL_TAKEN);
			return route_form_fail(rq, rs);
		}
		return 500;
	}
	sodium_memzero(hash, sizeof hash);
	log_info("user.signup", "user=%lld", job.user_id);
	if (sess_start(rq, rs, job.user_id, 0) != 0) {
		resp_set_flash(rs, "Your account is ready. Log in to continue.");
		return resp_redirect(rs, 303, "/login");
	}
	/* The page says where the mail went and what to do with it. */
	resp_set_flash(rs, "Welcome! Your account is created.");
	return resp_redirect(rs, 303, "/verify");
}

/* ---- email verification -------------------------------------------------- */

static int
sf_auth_is_vendor(const char *role)
{
	return role != NULL && strcmp(role, "vendor") == 0;
}

/* Where an account of role goes once its address is confirmed: a vendor to
 * the vendor portal, anybody else to the account pages. */
static const char *
sf_auth_home(const char *role)
{
	return sf_auth_is_vendor(role) ? "/vendor/" : "/account";
}

/* A page of /verify for an account of role (NULL: not known). The page says
 * what to do about the address, so the layout's banner asking to confirm it
 * is left out; a vendor reads the vendor portal's words and links. */
static tmpl_dict *
sf_auth_verify_page(struct view *v, struct req *rq, struct resp *rs, const char *title, const char *role)
{
	const char *site = cfg_str("BAZAAR_SITE_NAME", "Bazaar");
	tmpl_dict *d;

	v->no_verify_banner = 1;
	d = sf_auth_page(v, rq, rs, "storefront/auth_verify_form.tpl", title);
	view_crumb(v, "Confirm your email address", NULL);
	tmpl_set(d, "HOME_URL", sf_auth_home(role));
	if (sf_auth_is_vendor(role)) {
		tmpl_show(d, "VENDOR");
		tmpl_set(d, "ACCOUNT", arena_printf(&rq->arena, "vendor account at %s", site));
		tmpl_set(d, "HOME_LABEL", "Go to the vendor portal");
		tmpl_set(d, "UNTIL", "Until the address is confirmed you cannot list products.");
	} else {
		tmpl_set(d, "ACCOUNT", arena_printf(&rq->arena, "%s account", site));
		tmpl_set(d, "HOME_LABEL", "Go to your account");
		tmpl_set(d, "UNTIL", "Until the address is confirmed you can log in and look around, "
			 "but you cannot buy or sell.");
	}
	return d;
}

/* The page for a link that no longer works (status 410). */
static int
sf_auth_verify_invalid(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d = sf_auth_verify_page(&v, rq, rs, "Link no longer valid", rq->sess ? rq->sess->role : NULL);

	tmpl_show(d, "INVALID");
	if (rq->sess == NULL)
		tmpl_show(d, "INVALID_GUEST");
	else if (!rq->sess->verified)
		tmpl_show(d, "CAN_RESEND");
	else
		tmpl_show(d, "INVALID_MEMBER");
	return view_end_status(&v, rs, 410);
}

/* The 6-digit code form; status 200 or 422 with an error on the code. */
static tmpl_dict *
sf_auth_code_page(struct view *v, struct req *rq, struct resp *rs)
{
	tmpl_dict *d = sf_auth_verify_page(v, rq, rs, "Confirm your email address",
					   rq->sess ? rq->sess->role : NULL);

	if (rq->sess == NULL) {
		tmpl_show(d, "CODE_GUEST");
	} else if (rq->sess->verified) {
		tmpl_show(d, "VERIFIED");
	} else {
		tmpl_dict *c = tmpl_section(d, "CODE_FORM");

		tmpl_set(c, "CSRF", csrf_token(rq, rs));
		tmpl_set(c, "EMAIL", rq->sess->email);
	}
	return d;
}

/*
 * ROUTE: GET /verify      TEMPLATE: storefront/auth_verify_form.tpl
 * PARAMS: token (the link's secret, optional)
 * With the link from the mail: a button that confirms the address (a GET
 * changes nothing, so a mail scanner opening the link does no harm). Without
 * it: the form for the 6-digit code, for the logged-in visitor.
 */
int
sf_auth_verify_form(struct req *rq, struct resp *rs)
{
	struct sf_auth_token t;
	struct view v = { 0 };
	const char *token = req_str(rq, "token");
	tmpl_dict *d, *c;
	int found;

	if (token == NULL || *token == '\0') {
		sf_auth_code_page(&v, rq, rs);
		return view_end_status(&v, rs, 200);
	}
	if ((found = sf_auth_token_find(&rq->arena, token, "verify", 0, &t)) < 0)
		return 500;
	if (found == 0)
		return sf_auth_verify_invalid(rq, rs);
	d = sf_auth_verify_page(&v, rq, rs, "Confirm your email address", t.role);
	c = tmpl_section(d, "CONFIRM");
	tmpl_set(c, "TOKEN", token);
	tmpl_set(c, "EMAIL", t.email);
	tmpl_set(c, "CSRF", csrf_token(rq, rs));
	return view_end_status(&v, rs, 200);
}

enum sf_auth_verified { SF_VERIFY_OK, SF_VERIFY_INVALID, SF_VERIFY_NONE, SF_VERIFY_DEAD, SF_VERIFY_WRONG };

struct sf_auth_verify_job {
	struct req *rq;
	const char *token;	/* by link */
	const char *code;	/* or by code, for user_id */
	long long user_id;
	const char *role;	/* the account's */
	enum sf_auth_verified result;
	long long tries_left;
};

static int
sf_auth_verify_done(struct req *rq, long long token_id, long long user_id, const char *how)
{
	if (db_exec("UPDATE user_tokens SET used_at = NOW() WHERE id = ?", "i", token_id) != 1 ||
	    db_exec("UPDATE users SET email_verified_at = COALESCE(email_verified_at, NOW()) WHERE id = ?",
		    "i", user_id) < 0)
		return -1;
	sess_user_changed(user_id);	/* the banner about an unconfirmed address */
	return audit_log(rq, "user.verify", "user", user_id, how);
}

static int
sf_auth_verify_tx(void *arg)
{
	struct sf_auth_verify_job *j = arg;
	unsigned char hash[TOKEN_HASH_BYTES];
	struct db_result *r;
	long long id, attempts;
	int right;

	if (j->token != NULL) {
		struct sf_auth_token t;
		int found = sf_auth_token_find(&j->rq->arena, j->token, "verify", 1, &t);

		if (found < 0)
			return -1;
		if (found == 0) {
			j->result = SF_VERIFY_INVALID;
			return 0;
		}
		j->user_id = t.user_id;
		j->role = t.role;
		j->result = SF_VERIFY_OK;
		return sf_auth_verify_done(j->rq, t.id, t.user_id, "link");
	}

	r = db_query("SELECT id, code_hash, code_attempts, expires_at > NOW() FROM user_tokens"
		     " WHERE user_id = ? AND purpose = 'verify' AND used_at IS NULL"
		     " ORDER BY id DESC LIMIT 1 FOR UPDATE", "i", j->user_id);
	if (r == NULL)
		return -1;
	if (!db_next(r) || !db_int(r, 3) || db_len(r, 1) != TOKEN_HASH_BYTES) {
		db_free(r);
		j->result = SF_VERIFY_NONE;
		return 0;
	}
	id = db_int(r, 0);
	attempts = db_int(r, 2);
	if (attempts >= SF_AUTH_CODE_TRIES) {
		db_free(r);
		j->result = SF_VERIFY_DEAD;
		return 0;
	}
	right = token_code_hash(id, j->code, hash) == 0 &&
		token_equal(hash, db_str(r, 1), TOKEN_HASH_BYTES);
	db_free(r);
	if (!right) {
		/* The count is kept even though the answer is an error page. */
		if (db_exec("UPDATE user_tokens SET code_attempts = code_attempts + 1 WHERE id = ?",
			    "i", id) != 1)
			return -1;
		j->tries_left = SF_AUTH_CODE_TRIES - attempts - 1;
		j->result = SF_VERIFY_WRONG;
		return 0;
	}
	j->result = SF_VERIFY_OK;
	return sf_auth_verify_done(j->rq, id, j->user_id, "code");
}

/*
 * ROUTE: POST /verify      TEMPLATE: storefront/auth_verify_form.tpl
 * PARAMS: token (from the link) or code (6 digits, logged in)
 * Confirms the email address, by the link's secret or by the code of the
 * newest verification mail (five tries per code), and renews the session
 * of the account's own visitor (rights gained). A shopper goes on to the
 * account pages, a vendor to the vendor portal (through the login page
 * when not logged in). A used, expired or unknown link gets a page that
 * says so.
 */
int
sf_auth_verify(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct sf_auth_verify_job job = { 0 };
	struct view v = { 0 };
	const char *token = req_str(rq, "token");
	tmpl_dict *d;

	job.rq = rq;
	if (token != NULL && *token != '\0') {
		job.token = token;
	} else {
		if (rq->sess == NULL)
			return resp_redirect(rs, 303, "/login?next=/verify");
		if (rq->sess->verified) {
			resp_set_flash(rs, "Your email address is already confirmed.");
			return resp_redirect(rs, 303, sf_auth_home(rq->sess->role));
		}
		job.user_id = rq->sess->user_id;
		job.role = rq->sess->role;
		job.code = token_code_parse(req_str(rq, "code"), arena_alloc(a, TOKEN_CODE_SIZE));
		if (job.code == NULL) {
			d = sf_auth_code_page(&v, rq, rs);
			view_form_error(d, "code", "Enter the 6-digit code from the mail.");
			return view_end_status(&v, rs, 422);
		}
	}
	if (db_tx(sf_auth_verify_tx, &job) != 0)
		return 500;

	switch (job.result) {
	case SF_VERIFY_OK:
		log_info("user.verify", "user=%lld", job.user_id);
		if (rq->sess != NULL && rq->sess->user_id == job.user_id) {
			/* The session may now buy or sell: a new id for it. */
			if (sess_rotate(rq, rs) != 0)
				return 500;
			resp_set_flash(rs, sf_auth_is_vendor(job.role) ?
				       "Thank you: the email address of your vendor account is confirmed." :
				       "Thank you: your email address is confirmed.");
			return resp_redirect(rs, 303, sf_auth_home(job.role));
		}
		if (rq->sess != NULL) {		/* somebody else's link */
			resp_set_flash(rs, "Thank you: the email address is confirmed.");
			return resp_redirect(rs, 303, "/");
		}
		if (sf_auth_is_vendor(job.role)) {
			resp_set_flash(rs, "Thank you: the email address of your vendor account is confirmed. "
				       "Log in to go on to the vendor portal.");
			return resp_redirect(rs, 303, "/login?next=%2Fvendor%2F");
		}
		resp_set_flash(rs, "Thank you: your email address is confirmed.");
		return resp_redirect(rs, 303, "/login");
	case SF_VERIFY_INVALID:
		return sf_auth_verify_invalid(rq, rs);
	case SF_VERIFY_NONE:
		d = sf_auth_code_page(&v, rq, rs);
		view_form_error(d, "code", "This code no longer works: request a new mail.");
		return view_end_status(&v, rs, 422);
	case SF_VERIFY_DEAD:
		d = sf_auth_code_page(&v, rq, rs);
		view_form_error(d, "code", "Too many wrong codes: this code no longer works. Request a new mail.");
		return view_end_status(&v, rs, 422);
	case SF_VERIFY_WRONG:
		d = sf_auth_code_page(&v, rq, rs);
		if (job.tries_left > 0)
			view_form_error(d, "code", arena_printf(a, "That code is wrong. You have %lld %s left.",
							       job.tries_left,
							       job.tries_left == 1 ? "try" : "tries"));
		else
			view_form_error(d, "code", "That code is wrong, and it no longer works: request a new mail.");
		return view_end_status(&v, rs, 422);
	}
	return 500;
}

struct sf_auth_resend_job {
	struct req *rq;
	int too_soon;
};

static int
sf_auth_resend_tx(void *arg)
{
	struct sf_auth_resend_job *j = arg;
	const struct sess *s = j->rq->sess;
	long long recent;

	/* The user row is the lock that makes two quick clicks send one mail. */
	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", s->user_id) != s->user_id)
		return -1;
	recent = db_scalar(-1, "SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'verify'"
			   " AND created_at > NOW() - INTERVAL ? SECOND", "ii", s->user_id,
			   (long long)SF_AUTH_RESEND_SECONDS);
	if (recent < 0)
		return -1;
	j->too_soon = recent > 0;
	if (j->too_soon)
		return 0;
	if (db_exec("UPDATE user_tokens SET expires_at = NOW() WHERE user_id = ? AND purpose = 'verify'"
		    " AND used_at IS NULL AND expires_at > NOW()", "i", s->user_id) < 0)
		return -1;
	return auth_verify_mail(&j->rq->arena, "/verify", s->user_id, s->email, s->name);
}

/*
 * ROUTE: POST /verify/resend      TEMPLATE: none (redirects to /verify, a vendor to /vendor/)
 * PARAMS: none
 * Mails a new link and code to the logged-in visitor's address; earlier
 * ones stop working. At most one mail a minute.
 */
int
sf_auth_verify_resend(struct req *rq, struct resp *rs)
{
	struct sf_auth_resend_job job = { rq, 0 };

	if (rq->sess->verified) {
		resp_set_flash(rs, "Your email address is already confirmed.");
		return resp_redirect(rs, 303, sf_auth_home(rq->sess->role));
	}
	if (db_tx(sf_auth_resend_tx, &job) != 0)
		return 500;
	if (job.too_soon)
		resp_set_flash(rs, "We sent you a mail less than a minute ago. "
			       "Please wait a minute before asking for another.");
	else
		resp_set_flash(rs, arena_printf(&rq->arena, "We sent a new link and code to %s. "
						"Earlier links and codes no longer work.", rq->sess->email));
	/* A vendor asked from the portal's dashboard, and goes back there. */
	return resp_redirect(rs, 303, sf_auth_is_vendor(rq->sess->role) ? "/vendor/" : "/verify");
}

/* ---- login and logout ---------------------------------------------------- */

static tmpl_dict *
sf_auth_login_page(struct view *v, struct req *rq, struct resp *rs, const char *email,
		   const char *next)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, "storefront/auth_login_form.tpl", "Log in");

	view_crumb(v, "Log in", NULL);
	tmpl_set(d, "EMAIL", email ? email : "");
	tmpl_set(d, "NEXT", next ? next : "");
	if (next && *next)
		tmpl_set(tmpl_section(d, "HAS_NEXT"), "NEXT", next);
	return d;
}

/* The blocked account's sentence on the login page (auth_blocked_message:
 * the same words as the flash of a session thrown out). */
static void
sf_auth_login_blocked(struct req *rq, tmpl_dict *d, const char *reason)
{
	tmpl_set(tmpl_section(d, "BLOCKED"), "MESSAGE", auth_blocked_message(rq, reason));
}

/*
 * ROUTE: GET /login      TEMPLATE: storefront/auth_login_form.tpl
 * PARAMS: next (local path to return to)
 * The login form. When the visitor's session has just been ended because
 * the account was blocked, the guard has put the reason on this page (the
 * layout's flash message).
 */
int
sf_auth_login_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	const char *next = req_str(rq, "next");

	if (rq->sess != NULL)
		return resp_redirect(rs, 303, auth_next_path(next ? next : "/account"));
	sf_auth_login_page(&v, rq, rs, NULL, next);
	return view_end_status(&v, rs, 200);
}

/* The form page of POST /login (route.h): the login form, the address
 * typed put back by the router (never the password). */
tmpl_dict *
sf_auth_login_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return sf_auth_login_page(v, rq, rs, NULL, req_str(rq, "next"));
}

/*
 * ROUTE: POST /login      TEMPLATE: storefront/auth_login_form.tpl
 * PARAMS: email, password (both required: an empty one shows the form
 *         again, R_FORM, and counts as no attempt), next
 * Logs in with email and password (auth_password_login) and sends the
 * visitor on to next (an admin to the second-factor page). Every attempt
 * counts as a failure of the address and the client before the (slow)
 * password check, so guesses sent in parallel cannot pass the limit; a right
 * password takes it back. From the tenth failure in fifteen minutes logging
 * in is paused (429 with Retry-After) and the owner of the address is told
 * by mail, once. A blocked account's right password is not a failure, but
 * opens no session: the page says why.
 */
int
sf_auth_login(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct auth_login login;
	const char *raw_email = req_str(rq, "email");
	const char *password = req_str(rq, "password"), *next = req_str(rq, "next");
	tmpl_dict *d = sf_auth_login_page(&v, rq, rs, raw_email, next);

	switch (auth_password_login(rq, rs, raw_email, password, NULL, &login)) {
	case AUTH_LOGIN_OK:
		view_discard(&v);
		if (strcmp(login.role, "admin") == 0)
			return resp_redirect(rs, 303, "/admin/2fa");
		resp_set_flash(rs, "You are logged in.");
		return resp_redirect(rs, 303, auth_next_path(next ? next : "/"));
	case AUTH_LOGIN_BAD_EMAIL:
		view_form_error(d, "email", login.problem);
		return view_end_status(&v, rs, 422);
	case AUTH_LOGIN_WRONG:
		view_form_error(d, "email", "Email or password is wrong.");
		return view_end_status(&v, rs, 422);
	case AUTH_LOGIN_LOCKED:
		tmpl_set_int(tmpl_section(d, "LOCKED"), "MINUTES", (login.wait + 59) / 60);
		if ((login.wait + 59) / 60 != 1)
			tmpl_show(d, "LOCKED_PLURAL");
		return view_end_status(&v, rs, 429);
	case AUTH_LOGIN_BLOCKED:
		sf_auth_login_blocked(rq, d, login.reason);
		return view_end_status(&v, rs, 403);
	case AUTH_LOGIN_ERROR:
		break;
	}
	view_discard(&v);
	return 500;
}

/*
 * ROUTE: POST /logout      TEMPLATE: none (redirects to /)
 * PARAMS: none
 * Ends the visitor's session and clears its cookie.
 */
int
sf_auth_logout(struct req *rq, struct resp *rs)
{
	if (rq->sess != NULL && sess_end(rq, rs) != 0)
		return 500;
	resp_set_flash(rs, "You are logged out.");
	return resp_redirect(rs, 303, "/");
}

/* ---- password reset ------------------------------------------------------ */

static tmpl_dict *
sf_auth_reset_request_page(struct view *v, struct req *rq, struct resp *rs, const char *email)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, "storefront/auth_reset_request_form.tpl",
				    "Reset your password");

	view_crumb(v, "Log in", "/login");
	view_crumb(v, "Reset your password", NULL);
	tmpl_set(d, "EMAIL", email ? email : "");
	return d;
}

/*
 * ROUTE: GET /reset      TEMPLATE: storefront/auth_reset_request_form.tpl
 * PARAMS: none
 * Asks for the address of the account whose password is forgotten.
 */
int
sf_auth_reset_request_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	sf_auth_reset_request_page(&v, rq, rs, rq->sess ? rq->sess->email : NULL);
	tmpl_show(v.body, "ASK");
	return view_end_status(&v, rs, 200);
}

struct sf_auth_reset_request_job {
	struct req *rq;
	const char *email;
};

static int
sf_auth_reset_request_tx(void *arg)
{
	struct sf_auth_reset_request_job *j = arg;
	char token[TOKEN_TEXT_SIZE];
	struct db_result *r;
	long long user_id, recent;
	const char *name;
	tmpl_dict *m;
	int rc;

	r = db_query("SELECT id, name FROM users WHERE email = ? AND status = 'active' FOR UPDATE",
		     "s", j->email);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return 0;
	}
	user_id = db_int(r, 0);
	name = arena_strdup(&j->rq->arena, db_str(r, 1));
	db_free(r);
	/* One mail a minute at most, so the form cannot flood a mailbox. */
	recent = db_scalar(-1, "SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'reset'"
			   " AND created_at > NOW() - INTERVAL ? SECOND", "ii", user_id,
			   (long long)SF_AUTH_RESEND_SECONDS);
	if (recent != 0)
		return recent < 0 ? -1 : 0;
	if (auth_token_create(user_id, "reset", SF_AUTH_RESET_HOURS, NULL, token, NULL) < 0)
		return -1;
	m = tmpl_dict_new("mail/password_reset.tpl");
	tmpl_set(m, "LINK", sf_auth_link(&j->rq->arena, "/reset/new", token));
	tmpl_set_int(m, "HOURS", SF_AUTH_RESET_HOURS);
	if (SF_AUTH_RESET_HOURS != 1)
		tmpl_show(m, "HOURS_PLURAL");
	sodium_memzero(token, sizeof token);
	rc = sf_auth_mail(j->email, "Reset your password", "password_reset", name, m);
	if (rc == 0)
		log_info("user.reset_request", "user=%lld", user_id);
	return rc;
}

/* The form page of POST /reset (route.h): the request form, the address
 * typed put back by the router. */
tmpl_dict *
sf_auth_reset_request_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d = sf_auth_reset_request_page(v, rq, rs, NULL);

	tmpl_show(d, "ASK");
	return d;
}

/*
 * ROUTE: POST /reset      TEMPLATE: storefront/auth_reset_request_form.tpl
 * PARAMS: email (an email address); bad input shows the form again (R_FORM)
 * Mails a link to set a new password (working for one hour) when an active
 * account has this address. The page reads the same whether or not one does.
 */
int
sf_auth_reset_request(struct req *rq, struct resp *rs)
{
	struct sf_auth_reset_request_job job = { rq, req_str(rq, "email") };
	struct view v = { 0 };

	if (db_tx(sf_auth_reset_request_tx, &job) != 0)
		return 500;
	tmpl_show(sf_auth_reset_request_page(&v, rq, rs, job.email), "SENT");
	return view_end_status(&v, rs, 200);
}

/* The reset link's page: the new-password form, or why the link is dead. */
static tmpl_dict *
sf_auth_reset_page(struct view *v, struct req *rq, struct resp *rs, const char *title)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, "storefront/auth_reset_form.tpl", title);

	view_crumb(v, "Log in", "/login");
	view_crumb(v, title, NULL);
	return d;
}

/* The new-password form of a live link; returns its dictionary. */
static tmpl_dict *
sf_auth_reset_fields(struct view *v, struct req *rq, struct resp *rs, const char *token,
		     const struct sf_auth_token *t)
{
	tmpl_dict *f = tmpl_section(sf_auth_reset_page(v, rq, rs, "Choose a new password"), "FORM");

	tmpl_set(f, "TOKEN", token);
	tmpl_set(f, "EMAIL", t->email);
	tmpl_set(f, "CSRF", csrf_token(rq, rs));
	tmpl_set_int(f, "PASSWORD_MIN", PASSWORD_MIN);
	return f;
}

static int
sf_auth_reset_invalid(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	tmpl_show(sf_auth_reset_page(&v, rq, rs, "Link no longer valid"), "INVALID");
	return view_end_status(&v, rs, 410);
}

/*
 * ROUTE: GET /reset/new      TEMPLATE: storefront/auth_reset_form.tpl
 * PARAMS: token (from the mail)
 * The form for a new password, when the link is unused and less than an
 * hour old; otherwise a page that offers a new link.
 */
int
sf_auth_reset_form(struct req *rq, struct resp *rs)
{
	struct sf_auth_token t;
	struct view v = { 0 };
	const char *token = req_str(rq, "token");
	int found;

	if ((found = sf_auth_token_find(&rq->arena, token, "reset", 0, &t)) < 0)
		return 500;
	if (found == 0)
		return sf_auth_reset_invalid(rq, rs);
	sf_auth_reset_fields(&v, rq, rs, token, &t);
	return view_end_status(&v, rs, 200);
}

struct sf_auth_reset_job {
	struct req *rq;
	const char *token, *hash;
	long long user_id;
	int invalid;
};

static int
sf_auth_reset_tx(void *arg)
{
	struct sf_auth_reset_job *j = arg;
	struct sf_auth_token t;
	tmpl_dict *m;
	int found;

	j->invalid = 0;
	if ((found = sf_auth_token_find(&j->rq->arena, j->token, "reset", 1, &t)) <= 0) {
		j->invalid = found == 0;
		return found == 0 ? 0 : -1;
	}
	j->user_id = t.user_id;
	/* Opening the mail proves the address too. */
	if (db_exec("UPDATE users SET password_hash = ?, email_verified_at = COALESCE(email_verified_at, NOW())"
		    " WHERE id = ?", "si", j->hash, t.user_id) != 1 ||
	    db_exec("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'reset'"
		    " AND used_at IS NULL", "i", t.user_id) < 1 ||
	    sess_end_others_because(t.user_id, 0, SESS_ENDED_PASSWORD_RESET) < 0 ||
	    audit_log(j->rq, "user.password_reset", "user", t.user_id, "") != 0)
		return -1;
	m = tmpl_dict_new("mail/password_changed.tpl");
	tmpl_set(m, "RESET_LINK", arena_printf(&j->rq->arena, "%s/reset", mail_base_url()));
	return sf_auth_mail(t.email, "Your password was changed", "password_changed", t.name, m);
}

/*
 * ROUTE: POST /reset/new      TEMPLATE: storefront/auth_reset_form.tpl
 * PARAMS: token, password (the new one)
 * Sets the new password, uses up the link, ends every session of the
 * account (whoever knew the old password is logged out), tells the owner by
 * mail and sends the visitor to the login page.
 */
int
sf_auth_reset(struct req *rq, struct resp *rs)
{
	struct sf_auth_reset_job job = { 0 };
	struct sf_auth_token t;
	struct view v = { 0 };
	char hash[PASSWORD_HASH_SIZE];
	const char *token = req_str(rq, "token"), *password = req_str(rq, "password"), *problem;
	int found;

	if ((found = sf_auth_token_find(&rq->arena, token, "reset", 0, &t)) < 0)
		return 500;
	if (found == 0)
		return sf_auth_reset_invalid(rq, rs);
	if ((problem = password_problem(password ? password : "", t.email)) != NULL) {
		view_form_error(sf_auth_reset_fields(&v, rq, rs, token, &t), "password", problem);
		return view_end_status(&v, rs, 422);
	}
	if (password_hash(password, hash) != 0)
		return 500;
	job.rq = rq;
	job.token = token;
	job.hash = hash;
	found = db_tx(sf_auth_reset_tx, &job);
	sodium_memzero(hash, sizeof hash);
	if (found != 0)
		return 500;
	if (job.invalid)
		return sf_auth_reset_invalid(rq, rs);
	log_info("user.password_reset", "user=%lld", job.user_id);
	if (rq->sess != NULL)
		sess_end(rq, rs);	/* its row is gone already: this clears the cookie */
	resp_set_flash(rs, "Your password has been changed. Log in with your new password.");
	return resp_redirect(rs, 303, "/login");
}

/*
 * auth: the route guard (roles, second factor, CSRF) and the rules of
 * logging in: email addresses, failure counting, return paths (see auth.h).
 */
#include "auth.h"
#include "buf.h"
#include "cfg.h"
#include "csrf.h"
#include "db.h"
#include "fcgi_loop.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "sess.h"
#include "token.h"

#include <sodium.h>

#include <stdlib.h>
#include <string.h>

#define AUTH_WINDOW_DEFAULT	900
#define AUTH_MAX_FAILURES	10
#define AUTH_NEXT_MAX		500

static const char auth_forged[] =
	"This form has expired or did not come from this site, so nothing was changed. "
	"Go back, reload the page and try again.";

/* GET: to the login page with the way back; POST: refused. */
static int
auth_send_to(struct req *rq, struct resp *rs, const char *page, const char *message)
{
	struct buf loc;
	const char *uri = req_env(rq, "REQUEST_URI");
	int status;

	if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
		rs->message = message;
		return 403;
	}
	buf_init(&loc);
	buf_adds(&loc, page);
	if (uri != NULL && *uri == '/' && strcmp(auth_next_path(uri), uri) == 0) {
		buf_adds(&loc, "?next=");
		buf_add_urlencoded(&loc, uri);
	}
	status = resp_redirect(rs, 303, loc.data);
	buf_free(&loc);
	return status;
}

const char *
auth_blocked_message(struct req *rq, const char *reason)
{
	return arena_printf(&rq->arena, "Your account has been blocked%s%s%s To appeal, write to %s.",
			    reason && *reason ? ": " : ".", reason ? reason : "",
			    reason && *reason && reason[strlen(reason) - 1] != '.' ? "." : "",
			    mail_support_address());
}

/* An admin without the second factor in this session: to the program's
 * second-factor page, or refused where the program has none. */
static int
auth_second_factor(struct req *rq, struct resp *rs)
{
	static const char why[] = "Enter the code from your authenticator app first.";

	if (rq->app == NULL || rq->app->second_factor_path == NULL) {
		rs->message = why;
		return 403;
	}
	return auth_send_to(rq, rs, rq->app->second_factor_path, why);
}

int
auth_guard(const struct route *r, struct req *rq, struct resp *rs)
{
	const struct app *app = rq->app;
	const struct sess *s;

	if (sess_load(rq, rs) < 0) {
		rs->message = "We could not check your session just now.";	/* the page adds "try again" */
		return 503;
	}
	s = rq->sess;
	if (rq->blocked_reason != NULL || rq->logged_out_why != NULL) {
		/* Shown on this page, or on the login page the visitor is sent to. */
		const char *why = rq->blocked_reason ? auth_blocked_message(rq, rq->blocked_reason) :
				  rq->logged_out_why;

		if (r->flags & (R_LOGIN | R_VENDOR | R_ADMIN | R_SUPPORT)) {
			resp_set_flash(rs, why);
		} else {
			free(rs->flash);
			rs->flash = strdup(why);
		}
	}
	if (strcmp(r->method, "POST") == 0 && !(r->flags & R_SIGNED) &&
	    (!(r->flags & R_CSRF) || ((r->flags & R_ORIGIN) && kvlist_get(&rq->form_fields, CSRF_FIELD) == NULL ?
				       csrf_check_origin(rq) : csrf_check(rq)) != 0)) {
		rs->message = auth_forged;
		return 403;
	}
	if (!(r->flags & (R_LOGIN | R_VENDOR | R_ADMIN | R_SUPPORT)))
		return 0;
	if (s == NULL) {
		/* A guest with the link of an order's mail: the handler checks it. */
		if ((r->flags & R_LINK) &&
		    kvlist_get(strcmp(r->method, "POST") == 0 ? &rq->form_fields : &rq->query_fields,
			       ROUTE_LINK_FIELD) != NULL)
			return 0;
		if (app == NULL || app->login_path == NULL) {
			rs->message = "Please log in first.";
			return 403;
		}
		return auth_send_to(rq, rs, app->login_path, "Please log in first.");
	}
	/* An admin's account pages need the second factor too: the password
	 * alone must not change the password, the address or read the audit
	 * trail that comes with the data download. The second-factor pages
	 * themselves are R_LOGIN | R_NO_MFA routes of the admin program. */
	if (auth_role_is_staff(s->role) && !s->mfa && !(r->flags & R_NO_MFA))
		return auth_second_factor(rq, rs);
	if ((r->flags & R_VENDOR) && strcmp(s->role, "vendor") != 0)
		return 404;
	if ((r->flags & R_ADMIN) && strcmp(s->role, "admin") != 0)
		return 404;
	if ((r->flags & R_SUPPORT) && !auth_role_is_staff(s->role))
		return 404;
	return 0;
}

int
auth_role_is_staff(const char *role)
{
	return role != NULL && (strcmp(role, "admin") == 0 || strcmp(role, "support") == 0);
}

static int
auth_label_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

const char *
auth_email_problem(const char *email, char out[AUTH_EMAIL_MAX + 1])
{
	static const char shape[] = "Enter an email address like name@example.com.";
	const char *start = email, *end, *at = NULL, *p, *label;
	size_t n, i, local;

	out[0] = '\0';
	if (email == NULL)
		return "Enter your email address.";
	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - start);
	if (n == 0)
		return "Enter your email address.";
	if (n > AUTH_EMAIL_MAX)
		return "That email address is too long (254 characters at most).";
	for (i = 0; i < n; i++) {
		char c = start[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((unsigned char)c <= ' ' || (unsigned char)c >= 0x7f || strchr("\"(),:;<>[\\]", c))
			return shape;
		if (c == '@') {
			if (at != NULL)
				return shape;
			at = out + i;
		}
		out[i] = c;
	}
	out[n] = '\0';
	if (at == NULL)
		return shape;
	local = (size_t)(at - out);
	if (local == 0 || local > 64 || out[0] == '.' || at[-1] == '.' || strstr(out, ".."))
		return shape;
	/* Domain: at least two dot-separated labels. */
	label = at + 1;
	if (strchr(label, '.') == NULL)
		return shape;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (!auth_label_ok(label, (size_t)(p - label)))
				return shape;
			if (*p == '\0')
				break;
			label = p + 1;
		}
	}
	return NULL;
}

long long
auth_login_window(void)
{
	return cfg_int_in("BAZAAR_LOGIN_WINDOW", AUTH_WINDOW_DEFAULT, 1, LLONG_MAX);
}

static long long
auth_max_failures(void)
{
	return cfg_int_in("BAZAAR_LOGIN_MAX_FAILURES", AUTH_MAX_FAILURES, 1, LLONG_MAX);
}

/*
 * Locked while the window holds max failures: until the max-th newest one
 * leaves the window. Returns the seconds left (at least 1), 0 when free.
 */
static long long
auth_locked_for(const char *sql, const char *key)
{
	long long left;

	left = db_scalar(0, sql, "isii", auth_login_window(), key, auth_login_window(), auth_max_failures() - 1);
	return left > 0 ? left : 0;
}

long long
auth_login_locked(const char *email, const char *ip)
{
	long long a = 0, b = 0;

	if (email != NULL && *email)
		a = auth_locked_for("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), at + INTERVAL ? SECOND) + 1"
				    " FROM login_failures WHERE email = ?"
				    " AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
				    " ORDER BY at DESC LIMIT 1 OFFSET ?", email);
	if (ip != NULL && *ip)
		b = auth_locked_for("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), at + INTERVAL ? SECOND) + 1"
				    " FROM login_failures WHERE ip = ?"
				    " AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND"
				    " ORDER BY at DESC LIMIT 1 OFFSET ?", ip);
	return a > b ? a : b;
}

/* Forgets the failures of an address after a successful login. */
static void
auth_login_succeeded(const char *email)
{
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", email ? email : "");
}

long long
auth_login_attempt(const char *key, const char *ip)
{
	if (db_exec("INSERT INTO login_failures (email, ip, at) VALUES (?, ?, UTC_TIMESTAMP(6))", "ss",
		    key ? key : "", ip ? ip : "") != 1)
		return -1;
	return (long long)db_insert_id();
}

int
auth_login_result(long long attempt, const char *key, const char *ip, int ok)
{
	long long rank;

	if (ok) {
		auth_login_succeeded(key);
		return 0;
	}
	db_exec("DELETE FROM login_failures WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 100",
		"i", 2 * auth_login_window());
	/* Attempts are numbered by their rows: exactly one of any number of
	 * parallel ones is the max-th of the window. */
	rank = db_scalar(0, "SELECT COUNT(*) FROM login_failures WHERE email = ? AND id <= ?"
			 " AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND", "sii", key ? key : "", attempt,
			 auth_login_window());
	log_info("login.failed", "ip=%s failures=%lld", log_quote(ip ? ip : ""), rank);
	return rank == auth_max_failures() ? 1 : 0;
}

/* The owner of the account at email learns that logging in is paused. */
static void
auth_login_lock_mail(const char *email)
{
	struct db_result *r = db_query("SELECT name, role FROM users WHERE email = ? AND status <> 'deleted'",
				       "s", email);
	const char *subject, *template;
	tmpl_dict *m;

	if (r != NULL && db_next(r)) {
		m = tmpl_dict_new("mail");
		tmpl_set(m, "NAME", db_str(r, 0));
		tmpl_set_int(m, "MINUTES", (auth_login_window() + 59) / 60);
		if (auth_role_is_staff(db_str(r, 1))) {
			subject = "Sign-in attempts on your admin account";
			template = "admin_login_locked";
		} else {
			subject = "Logging in to your account is paused";
			template = "login_locked";	/* it names the shop's reset page itself */
		}
		if (mail_queue(email, subject, template, m) < 0)
			log_warn("mail.queue", "template=%s msg=\"not queued\"", template);
	}
	db_free(r);
}

int
auth_login_settle(struct req *rq, long long attempt, const char *key, int ok, const char *email)
{
	int locked = auth_login_result(attempt, key, rq->ip, ok);

	if (locked == 1 && email != NULL)
		auth_login_lock_mail(email);
	return locked;
}

enum auth_login_outcome
auth_password_login(struct req *rq, struct resp *rs, const char *email, const char *password,
		    const char *role, struct auth_login *out)
{
	char hash[PASSWORD_HASH_SIZE];
	struct db_result *r = NULL;
	const char *stored;
	enum auth_login_outcome outcome = AUTH_LOGIN_ERROR;
	long long attempt;
	int ok = 0, blocked = 0;

	memset(out, 0, sizeof *out);
	if ((out->problem = auth_email_problem(email, out->email)) != NULL) {
		out->email[0] = '\0';
		return AUTH_LOGIN_BAD_EMAIL;
	}
	if (password == NULL || *password == '\0')
		return AUTH_LOGIN_WRONG;
	if ((out->wait = auth_login_locked(out->email, rq->ip)) > 0) {
		resp_retry_after(rs, out->wait);
		return AUTH_LOGIN_LOCKED;
	}
	if ((attempt = auth_login_attempt(out->email, rq->ip)) < 0)
		return AUTH_LOGIN_ERROR;
	r = db_query("SELECT id, password_hash, status, status_reason, role FROM users"
		     " WHERE email = ? AND status <> 'deleted'", "s", out->email);
	if (r == NULL)
		goto out;	/* the attempt stays a failure */
	if (db_next(r) && !db_null(r, 1)) {
		stored = db_str(r, 1);
		ok = password_verify(stored, password) &&
		     (role == NULL || strcmp(db_str(r, 4), role) == 0 ||
		      (strcmp(role, AUTH_ROLE_STAFF) == 0 && auth_role_is_staff(db_str(r, 4))));
		if (ok) {
			out->user_id = db_int(r, 0);
			out->role = arena_strdup(&rq->arena, db_str(r, 4));
			/* Anything but active opens no session. */
			blocked = strcmp(db_str(r, 2), "active") != 0;
			out->reason = db_null(r, 3) ? NULL : arena_strdup(&rq->arena, db_str(r, 3));
		}
		if (ok && !blocked && password_needs_rehash(stored)) {
			if (password_hash(password, hash) != 0 ||
			    db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "si", hash, out->user_id) < 0)
				log_warn("user.rehash", "user=%lld msg=\"hash not updated\"", out->user_id);
			sodium_memzero(hash, sizeof hash);
		}
	} else {
		/* As long as a real check, so the time does not tell which
		 * addresses have an account. */
		password_burn(password);
	}
	db_free(r);
	r = NULL;
	/* The right password of a blocked account is no guess: it clears the
	 * failures like any right password, and still opens no session. */
	auth_login_settle(rq, attempt, out->email, ok, out->email);
	if (!ok) {
		outcome = AUTH_LOGIN_WRONG;
		goto out;
	}
	if (blocked) {
		log_info("user.login_refused", "user=%lld why=blocked", out->user_id);
		outcome = AUTH_LOGIN_BLOCKED;
		goto out;
	}
	if (sess_start(rq, rs, out->user_id, 0) != 0)
		goto out;
	log_info("user.login", "user=%lld", out->user_id);
	outcome = AUTH_LOGIN_OK;
out:
	db_free(r);
	return outcome;
}

long long
auth_token_create(long long user_id, const char *purpose, int hours, const char *new_email,
		  char *token, char *code)
{
	unsigned char hash[TOKEN_HASH_BYTES], code_hash[TOKEN_HASH_BYTES];
	long long id;

	token_new(token);
	if (token_hash(token, hash) != 0)
		return -1;
	if (db_exec("INSERT INTO user_tokens (user_id, purpose, token_hash, new_email, expires_at)"
		    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? HOUR)",
		    "isbsi", user_id, purpose, hash, sizeof hash, new_email, (long long)hours) != 1)
		return -1;
	id = (long long)db_insert_id();
	if (code != NULL) {
		token_code(code);
		if (token_code_hash(id, code, code_hash) != 0 ||
		    db_exec("UPDATE user_tokens SET code_hash = ? WHERE id = ?", "bi",
			    code_hash, sizeof code_hash, id) != 1)
			return -1;
	}
	return id;
}

int
auth_verify_mail(struct arena *a, const char *verify_path, long long user_id, const char *email,
		 const char *name)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE];
	tmpl_dict *m;
	int rc = -1;

	if (auth_token_create(user_id, "verify", AUTH_VERIFY_HOURS, NULL, token, code) >= 0) {
		m = tmpl_dict_new("mail/verify_email.tpl");
		tmpl_set(m, "NAME", name ? name : "");
		tmpl_set(m, "VERIFY_URL", arena_printf(a, "%s%s?token=%s", mail_base_url(), verify_path, token));
		tmpl_set(m, "CODE", code);
		tmpl_set_int(m, "HOURS", AUTH_VERIFY_HOURS);
		rc = mail_queue(email, "Confirm your email address", "verify_email", m) < 0 ? -1 : 0;
	}
	sodium_memzero(token, sizeof token);
	sodium_memzero(code, sizeof code);
	return rc;
}

const char *
auth_next_path(const char *next)
{
	size_t i, n;

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	n = strlen(next);
	if (n > AUTH_NEXT_MAX)
		return "/";
	for (i = 0; i < n; i++)
		if ((unsigned char)next[i] < 0x20 || next[i] == 0x7f || next[i] == '\\')
			return "/";
	return next;
}

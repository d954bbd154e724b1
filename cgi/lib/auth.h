/*
 * auth: who may use which route, and the rules of logging in.
 *
 * Route flags (route.h) are enforced by auth_guard before a handler runs:
 *   R_LOGIN    a logged-in user; a visitor without one is sent to the login
 *              page (the program's app->login_path, fcgi_loop.h) (GET) with
 *              ?next=, or gets 403 (POST)
 *   R_VENDOR   a user with the vendor role (implies R_LOGIN); others get 404
 *   R_ADMIN    an admin who passed the second factor in this session;
 *              anybody else gets 404
 *   R_SUPPORT  an admin or a support user (the role that sees only the
 *              support pages of the admin site) who passed the second
 *              factor; anybody else gets 404
 *   R_CSRF     a POST with a valid token (csrf.h); else 403, nothing changed
 *   R_ORIGIN   with R_CSRF: a form sent without a token (from a cached
 *              page) passes when the browser's Sec-Fetch-Site or Origin
 *              names this site (csrf_check_origin); one sent with a token is
 *              checked as R_CSRF; else 403
 *   R_SIGNED   a POST from a machine (a provider's webhook): no CSRF token;
 *              the handler authenticates it (route.h)
 *   R_LINK     with R_LOGIN: a visitor without a session who sends a link's
 *              token (ROUTE_LINK_FIELD) passes; the handler checks it (route.h)
 * An admin or support user (auth_role_is_staff) who has not passed the
 * second factor in this session is sent to
 * app->second_factor_path from every route that needs a login, except those
 * marked R_NO_MFA (the second-factor and logout pages).
 * Every POST route must carry R_CSRF or R_SIGNED (a test reads the tables).
 *
 * Login abuse: failures are counted per address typed and per client IP over
 * BAZAAR_LOGIN_WINDOW seconds (default 900). From BAZAAR_LOGIN_MAX_FAILURES
 * (default 10) failures in the window, logins for that address or from that IP
 * are refused until the window has passed the oldest of them.
 */
#ifndef BAZAAR_AUTH_H
#define BAZAAR_AUTH_H
#include "resp.h"
#include "route.h"

/* Shown next to the email field when the address belongs to an account (at
 * sign-up, vendor sign-up and when changing the address); nothing else is
 * said. */
#define AUTH_EMAIL_TAKEN \
	"This address already has an account \xe2\x80\x94 log in or reset your password."

#define AUTH_EMAIL_MAX	254
#define AUTH_NAME_MAX	100

/* The programs' guard (app->guard): 0 to run the handler, else a status
 * (a redirect status with Location set, 403 or 404). Reads the login and
 * second-factor pages from rq->app. */
int auth_guard(const struct route *r, struct req *rq, struct resp *rs);

/* Whether users of role work on the admin site (admin, support): they log
 * in there with the second factor. */
int auth_role_is_staff(const char *role);
/* The role auth_password_login takes for "admin or support". */
#define AUTH_ROLE_STAFF "staff"

/* "Your account has been blocked: <reason>. To appeal, write to <support
 * address>." (arena memory): for the login page and the guard. */
const char *auth_blocked_message(struct req *rq, const char *reason);

/* Normalises an email address into out (lower case, trimmed). Returns NULL
 * when it is acceptable, else the sentence to show next to the field. */
const char *auth_email_problem(const char *email, char out[AUTH_EMAIL_MAX + 1]);

/*
 * One login attempt, safe against parallel guesses: after auth_login_locked
 * said yes and before the (slow) password check, auth_login_attempt records
 * the attempt as a failure, so that attempts in flight count at once; it
 * returns the attempt's id or -1. auth_login_result then settles it: ok
 * forgets every failure of key; otherwise the failure stays and the result is
 * 1 when this attempt is the one that locked key (mail the owner), else 0.
 * key is the address typed, or "mfa:<user id>" for second-factor codes, which
 * a correct password does not clear.
 */
long long auth_login_attempt(const char *key, const char *ip);
int auth_login_result(long long attempt, const char *key, const char *ip, int ok);

/*
 * Settles an attempt like auth_login_result and, when it is the one that
 * locked key, tells the owner of the account at email (not deleted) by
 * mail: an admin gets the admin site's notice, anybody else the shop's, with
 * the link to reset the password. Returns as auth_login_result.
 */
int auth_login_settle(struct req *rq, long long attempt, const char *key, int ok, const char *email);

/*
 * The one password login of every program. auth_password_login takes the
 * address and password as typed and, in this order:
 *   - normalises the address (auth_email_problem): AUTH_LOGIN_BAD_EMAIL
 *     with the sentence for the field, nothing counted (no account can have
 *     it, so nothing is guessed);
 *   - an empty password is AUTH_LOGIN_WRONG, nothing counted (the page asks
 *     for the field before calling);
 *   - refuses while the address or the client is locked: AUTH_LOGIN_LOCKED,
 *     with Retry-After set on rs and the seconds in out->wait;
 *   - records the attempt as a failure before the (slow) check, so that
 *     guesses in flight count at once;
 *   - checks the password against the stored hash, costing one hash also
 *     for an unknown address, a deleted account or one without a password
 *     yet; when role is not NULL, an account of another role (role
 *     AUTH_ROLE_STAFF: other than admin and support) is refused
 *     like a wrong password, and its right password clears nothing;
 *   - settles the attempt (auth_login_settle: a right password forgets the
 *     address's failures, the attempt that locks it mails the owner);
 *   - re-hashes a right password whose hash was made with other costs
 *     (the new hash is wiped from memory once stored);
 *   - refuses a blocked account even with its right password:
 *     AUTH_LOGIN_BLOCKED, out->reason as the admin wrote it (may be NULL);
 *   - starts a new session (sess_start: new token, new id, the visitor's
 *     old session ended) without the second factor: AUTH_LOGIN_OK.
 * AUTH_LOGIN_ERROR when the database or the hashing failed (a 500).
 * The page turns the outcome into its own words and status.
 */
enum auth_login_outcome {
	AUTH_LOGIN_OK,
	AUTH_LOGIN_BAD_EMAIL,
	AUTH_LOGIN_WRONG,
	AUTH_LOGIN_LOCKED,
	AUTH_LOGIN_BLOCKED,
	AUTH_LOGIN_ERROR,
};
struct auth_login {
	char email[AUTH_EMAIL_MAX + 1];	/* as normalised (BAD_EMAIL: empty) */
	const char *problem;	/* BAD_EMAIL: the sentence for the email field */
	long long wait;		/* LOCKED: seconds until it may be tried again */
	const char *reason;	/* BLOCKED: why, as written by the admin (arena) */
	long long user_id;	/* OK, BLOCKED */
	const char *role;	/* OK: the account's role (arena) */
};
enum auth_login_outcome auth_password_login(struct req *rq, struct resp *rs, const char *email,
					    const char *password, const char *role, struct auth_login *out);

/* Seconds until a login for email from ip may be tried again, 0 when now. */
long long auth_login_locked(const char *email, const char *ip);
/* The window failures are counted over, in seconds (BAZAAR_LOGIN_WINDOW,
 * default 900): also how long a lock lasts at most. */
long long auth_login_window(void);

/*
 * One-time links (table user_tokens; token.h). auth_token_create stores a
 * new token of purpose ("verify", "reset", "enrol", "email_change") for
 * user_id, valid for hours, with new_email (email_change, else NULL); its
 * text goes to token, and when code is not NULL a 6-digit code for the same
 * row goes to code. Returns the row id or -1. Call inside the transaction of
 * the change that needs it.
 */
#define AUTH_VERIFY_HOURS 24
long long auth_token_create(long long user_id, const char *purpose, int hours, const char *new_email,
			    char *token, char *code);
/* Queues the verification mail (templates/mail/verify_email.tpl: a link to
 * verify_path on the shop's base address, and a code, AUTH_VERIFY_HOURS
 * valid) for a new address. verify_path is the page that takes the token
 * (the storefront's /verify). Returns 0 or -1. */
int auth_verify_mail(struct arena *a, const char *verify_path, long long user_id, const char *email,
		     const char *name);

/* A safe local path to return to after login (starts with one '/', no
 * scheme or host, at most 500 bytes), else "/". */
const char *auth_next_path(const char *next);

#endif

/*
 * sf_account: the logged-in customer's own pages: profile and phone,
 * password, email address, address book, sessions, a copy of their data,
 * and closing the account.
 *
 * Phone numbers and addresses are personal data: they are stored sealed
 * (crypt.h) and opened only to be shown to their owner. Changes that matter
 * for the account's safety (password, email address, deletion, data
 * download) are written to the audit log in the same transaction, and the
 * owner is told by mail. Someone else's address or session is a 404, never
 * a 403: the page does not confirm that it exists.
 */
#include "sf_auth.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "auth.h"
#include "cfg.h"
#include "crypt.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "sess.h"

#define SF_ACCOUNT_ADDRESSES_MAX	20
#define SF_ACCOUNT_PHONE_MAX		30	/* bytes as typed */
#define SF_ACCOUNT_ADDRESS_FORMAT	"1"	/* first line of a sealed address record */

/* The page frame of the account pages: "Home > Your account > title". */
static tmpl_dict *
sf_account_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
		const char *title)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, page_template, title);

	if (title != NULL && strcmp(title, "Your account") == 0) {
		view_crumb(v, "Your account", NULL);
	} else {
		view_crumb(v, "Your account", "/account");
		view_crumb(v, title, NULL);
	}
	return d;
}

/*
 * Checks the current password typed into a form that changes something
 * important. The check counts as a login attempt of the account's address
 * (so a stolen session cannot be used to guess it): recorded before the
 * slow comparison, taken back when the password is right. Returns 0 when
 * right, else the status to answer with after marking the field on d.
 */
static int
sf_account_password_check(struct req *rq, tmpl_dict *d, const char *typed)
{
	const struct sess *s = rq->sess;
	struct db_result *r;
	long long wait, attempt;
	int right;

	if (typed == NULL || *typed == '\0') {
		view_form_error(d, "current_password", "Enter your current password.");
		return 422;
	}
	if ((wait = auth_login_locked(s->email, rq->ip)) > 0) {
		view_form_error(d, "current_password",
				arena_printf(&rq->arena, "Too many wrong passwords. Try again in %lld %s.",
					     (wait + 59) / 60, (wait + 59) / 60 == 1 ? "minute" : "minutes"));
		return 429;
	}
	if ((attempt = auth_login_attempt(s->email, rq->ip)) < 0)
		return 500;
	if ((r = db_query("SELECT password_hash FROM users WHERE id = ?", "i", s->user_id)) == NULL)
		return 500;
	right = db_next(r) && !db_null(r, 0) && password_verify(db_str(r, 0), typed);
	db_free(r);
	if (auth_login_result(attempt, s->email, rq->ip, right) == 1)
		sf_auth_login_locked_mail(rq, s->email, s->name);
	if (right)
		return 0;
	view_form_error(d, "current_password", "Your current password is wrong.");
	return 422;
}

/* A phone number as people write it: digits, spaces, + ( ) - . with 6 to
 * 20 digits. NULL when acceptable (or empty), else the sentence. */
static const char *
sf_account_phone_problem(const char *trimmed)
{
	const char *p;
	int digits = 0;

	if (*trimmed == '\0')
		return NULL;
	if (strlen(trimmed) > SF_ACCOUNT_PHONE_MAX)
		return "Use at most 30 characters for the phone number.";
	for (p = trimmed; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p != trimmed)
			return "Put the + only at the start of the phone number.";
		else if (!strchr("+ ()-.", *p))
			return "Use only digits, spaces and + ( ) - . in the phone number.";
	}
	if (digits < 6 || digits > 20)
		return "Enter a phone number with 6 to 20 digits, for example +44 20 7946 0958.";
	return NULL;
}

/* Opens a sealed column value into the arena ("" when NULL or unreadable). */
static const char *
sf_account_open(struct arena *a, const char *table, const char *column, long long id,
		struct db_result *r, unsigned col)
{
	const char *text;

	if (db_null(r, col))
		return "";
	text = crypt_open_text(a, table, column, id, (const unsigned char *)db_str(r, col), db_len(r, col));
	return text != NULL ? text : "";
}

/* ---- the account page and profile ---------------------------------------- */

/* The account page; name and phone are what the profile form shows (typed
 * values after an error, else the stored ones). */
static int
sf_account_view_page(struct req *rq, struct resp *rs, struct view *v, const char *name,
		     const char *phone, tmpl_dict **page)
{
	const struct sess *s = rq->sess;
	struct db_result *r;
	tmpl_dict *d;
	const char *stored_phone;

	r = db_query("SELECT name, phone_enc, DATE_FORMAT(created_at, '%e %M %Y'),"
		     " (SELECT COUNT(*) FROM addresses WHERE user_id = users.id)"
		     " FROM users WHERE id = ?", "i", s->user_id);
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	stored_phone = sf_account_open(&rq->arena, "users", "phone_enc", s->user_id, r, 1);
	d = sf_account_page(v, rq, rs, "storefront/account_view.tpl", "Your account");
	tmpl_set(d, "NAME", name ? name : db_str(r, 0));
	tmpl_set(d, "SHOWN_NAME", db_str(r, 0));
	tmpl_set(d, "EMAIL", s->email);
	tmpl_set(d, "PHONE", phone ? phone : stored_phone);
	tmpl_set(d, "SHOWN_PHONE", *stored_phone ? stored_phone : "none");
	tmpl_set(d, "SINCE", db_str(r, 2));
	tmpl_set_int(d, "ADDRESS_COUNT", db_int(r, 3));
	if (s->verified)
		tmpl_show(d, "VERIFIED");
	else
		tmpl_set(tmpl_section(d, "UNVERIFIED"), "CSRF", s->csrf);
	if (strcmp(s->role, "vendor") == 0)
		tmpl_show(d, "IS_VENDOR");
	db_free(r);
	*page = d;
	return 200;
}

/*
 * ROUTE: GET /account      TEMPLATE: storefront/account_view.tpl
 * PARAMS: none
 * The account overview: name, email address and whether it is confirmed
 * (with a button for a new mail), phone, the profile form, and links to
 * the other account pages.
 */
int
sf_account_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d;
	int status = sf_account_view_page(rq, rs, &v, NULL, NULL, &d);

	if (status != 200)
		return status;
	return view_end_status(&v, rs, 200);
}

struct sf_account_profile_job {
	long long user_id;
	const char *name, *phone;
};

static int
sf_account_profile_tx(void *arg)
{
	struct sf_account_profile_job *j = arg;

	if (db_exec("UPDATE users SET name = ? WHERE id = ?", "si", j->name, j->user_id) < 0)
		return -1;
	return crypt_seal_store("UPDATE users SET phone_enc = ? WHERE id = ?", "users", "phone_enc",
			       j->user_id, j->phone);
}

/*
 * ROUTE: POST /account/profile      TEMPLATE: storefront/account_view.tpl
 * PARAMS: name (1..100 characters), phone (optional)
 * Saves the name and the phone number (stored sealed; empty removes it).
 */
int
sf_account_profile(struct req *rq, struct resp *rs)
{
	struct sf_account_profile_job job = { rq->sess->user_id, NULL, NULL };
	struct view v = { 0 };
	const char *problem;
	tmpl_dict *d;
	int bad = 0, status;

	job.name = sf_auth_trim(&rq->arena, req_str(rq, "name"));
	job.phone = sf_auth_trim(&rq->arena, req_str(rq, "phone"));
	if (sf_auth_name_problem(job.name) != NULL || sf_account_phone_problem(job.phone) != NULL) {
		if ((status = sf_account_view_page(rq, rs, &v, job.name, job.phone, &d)) != 200)
			return status;
		if ((problem = sf_auth_name_problem(job.name)) != NULL) {
			view_form_error(d, "name", problem);
			bad = 1;
		}
		if ((problem = sf_account_phone_problem(job.phone)) != NULL) {
			view_form_error(d, "phone", problem);
			bad = 1;
		}
		return view_end_status(&v, rs, bad ? 422 : 500);
	}
	if (db_tx(sf_account_profile_tx, &job) != 0)
		return 500;
	resp_set_flash(rs, "Your profile has been saved.");
	return resp_redirect(rs, 303, "/account");
}

/* ---- password ------------------------------------------------------------ */

static tmpl_dict *
sf_account_password_page(struct view *v, struct req *rq, struct resp *rs)
{
	tmpl_dict *d = sf_account_page(v, rq, rs, "storefront/account_password_form.tpl",
				       "Change your password");

	tmpl_set(d, "EMAIL", rq->sess->email);
	tmpl_set_int(d, "PASSWORD_MIN", PASSWORD_MIN);
	return d;
}

/*
 * ROUTE: GET /account/password      TEMPLATE: storefront/account_password_form.tpl
 * PARAMS: none
 * The form to change the password: the current one and the new one.
 */
int
sf_account_password_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	sf_account_password_page(&v, rq, rs);
	return view_end_status(&v, rs, 200);
}

struct sf_account_password_job {
	struct req *rq;
	const char *hash;
};

static int
sf_account_password_tx(void *arg)
{
	struct sf_account_password_job *j = arg;
	const struct sess *s = j->rq->sess;
	tmpl_dict *m;

	if (db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "si", j->hash, s->user_id) != 1 ||
	    db_exec("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'reset'"
		    " AND used_at IS NULL", "i", s->user_id) < 0 ||
	    sess_end_others(s->user_id, s->id) < 0 ||
	    audit_log(j->rq, "user.password_change", "user", s->user_id, "") != 0)
		return -1;
	m = tmpl_dict_new("mail/password_changed.tpl");
	tmpl_set(m, "RESET_LINK", arena_printf(&j->rq->arena, "%s/reset", mail_base_url()));
	return sf_auth_mail(s->email, "Your password was changed", "password_changed", s->name, m);
}

/*
 * ROUTE: POST /account/password      TEMPLATE: storefront/account_password_form.tpl
 * PARAMS: current_password, password (the new one)
 * Changes the password after checking the current one, ends the account's
 * other sessions and tells the owner by mail.
 */
int
sf_account_password(struct req *rq, struct resp *rs)
{
	struct sf_account_password_job job = { rq, NULL };
	struct view v = { 0 };
	char hash[PASSWORD_HASH_SIZE];
	const char *password = req_str(rq, "password"), *problem;
	tmpl_dict *d = sf_account_password_page(&v, rq, rs);
	int status, rc;

	if ((status = sf_account_password_check(rq, d, req_str(rq, "current_password"))) == 500) {
		view_discard(&v);
		return 500;
	}
	if ((problem = password_problem(password ? password : "", rq->sess->email)) != NULL) {
		view_form_error(d, "password", problem);
		if (status == 0)
			status = 422;
	}
	if (status != 0)
		return view_end_status(&v, rs, status);
	view_discard(&v);
	if (password_hash(password, hash) != 0)
		return 500;
	job.hash = hash;
	rc = db_tx(sf_account_password_tx, &job);
	sodium_memzero(hash, sizeof hash);
	if (rc != 0)
		return 500;
	log_info("user.password_change", "user=%lld", rq->sess->user_id);
	resp_set_flash(rs, "Your password has been changed. Every other session of your account has been "
		       "logged out.");
	return resp_redirect(rs, 303, "/account");
}

/* ---- email address ------------------------------------------------------- */

static tmpl_dict *
sf_account_email_page(struct view *v, struct req *rq, struct resp *rs, const char *typed)
{
	tmpl_dict *d = sf_account_page(v, rq, rs, "storefront/account_email_form.tpl",
				       "Change your email address");

	tmpl_set(d, "CURRENT_EMAIL", rq->sess->email);
	tmpl_set(d, "EMAIL", typed ? typed : "");
	return d;
}

/*
 * ROUTE: GET /account/email      TEMPLATE: storefront/account_email_form.tpl
 * PARAMS: none
 * The form to change the email address: the new address and the password.
 */
int
sf_account_email_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	sf_account_email_page(&v, rq, rs, NULL);
	return view_end_status(&v, rs, 200);
}

struct sf_account_email_job {
	struct req *rq;
	const char *email;	/* the new address */
	int taken;
};

static int
sf_account_email_tx(void *arg)
{
	struct sf_account_email_job *j = arg;
	const struct sess *s = j->rq->sess;
	struct arena *a = &j->rq->arena;
	char token[TOKEN_TEXT_SIZE];
	tmpl_dict *m;
	long long n;
	int rc;

	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", s->user_id) != s->user_id)
		return -1;
	if ((n = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ?", "s", j->email)) != 0) {
		j->taken = n > 0;
		return n > 0 ? 0 : -1;
	}
	/* Only the newest request can be confirmed. */
	if (db_exec("UPDATE user_tokens SET expires_at = NOW() WHERE user_id = ? AND purpose = 'email_change'"
		    " AND used_at IS NULL AND expires_at > NOW()", "i", s->user_id) < 0)
		return -1;
	if (auth_token_create(s->user_id, "email_change", SF_AUTH_EMAIL_CHANGE_HOURS, j->email, token,
				 NULL) < 0)
		return -1;
	m = tmpl_dict_new("mail/email_change.tpl");
	tmpl_set(m, "LINK", sf_auth_link(a, "/account/email/confirm", token));
	tmpl_set(m, "NEW_EMAIL", j->email);
	tmpl_set_int(m, "HOURS", SF_AUTH_EMAIL_CHANGE_HOURS);
	sodium_memzero(token, sizeof token);
	rc = sf_auth_mail(j->email, "Confirm your new email address", "email_change", s->name, m);
	if (rc != 0)
		return -1;
	m = tmpl_dict_new("mail/email_changed_notice.tpl");
	tmpl_set(m, "OLD_EMAIL", s->email);
	tmpl_set(m, "NEW_EMAIL", j->email);
	tmpl_set(m, "RESET_LINK", arena_printf(a, "%s/reset", mail_base_url()));
	if (sf_auth_mail(s->email, "A new email address was requested for your account",
			 "email_changed_notice", s->name, m) != 0)
		return -1;
	return audit_log(j->rq, "user.email_change_request", "user", s->user_id, "");
}

/* The duplicate-address message on the email field, with its links. */
static void
sf_account_email_taken(tmpl_dict *d)
{
	view_form_error(d, "email", AUTH_EMAIL_TAKEN);
	tmpl_show(d, "EMAIL_TAKEN");
}

/*
 * ROUTE: POST /account/email      TEMPLATE: storefront/account_email_form.tpl
 * PARAMS: email (the new address), current_password
 * Mails a confirmation link to the new address (the change happens when
 * it is opened) and tells the current address about the request.
 */
int
sf_account_email(struct req *rq, struct resp *rs)
{
	struct sf_account_email_job job = { rq, NULL, 0 };
	struct view v = { 0 };
	char email[AUTH_EMAIL_MAX + 1];
	const char *raw = sf_auth_trim(&rq->arena, req_str(rq, "email")), *problem;
	tmpl_dict *d;
	long long taken = 0;
	int status;

	problem = auth_email_problem(raw, email);
	if (problem == NULL && strcmp(email, rq->sess->email) == 0)
		problem = "This is already the address of your account.";
	if (problem == NULL &&
	    (taken = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ?", "s", email)) < 0)
		return 500;
	d = sf_account_email_page(&v, rq, rs, problem ? raw : email);
	if ((status = sf_account_password_check(rq, d, req_str(rq, "current_password"))) == 500) {
		view_discard(&v);
		return 500;
	}
	if (problem != NULL)
		view_form_error(d, "email", problem);
	else if (taken > 0)
		sf_account_email_taken(d);
	if (status == 0 && (problem != NULL || taken > 0))
		status = 422;
	if (status != 0)
		return view_end_status(&v, rs, status);

	job.email = email;
	if (db_tx(sf_account_email_tx, &job) != 0) {
		view_discard(&v);
		return 500;
	}
	if (job.taken) {
		sf_account_email_taken(d);
		return view_end_status(&v, rs, 422);
	}
	view_discard(&v);
	resp_set_flash(rs, arena_printf(&rq->arena, "We sent a link to %s. Your address changes when you "
					"open it.", email));
	return resp_redirect(rs, 303, "/account");
}

/* The confirmation page of an email change: the button, or why not. */
static tmpl_dict *
sf_account_email_confirm_page(struct view *v, struct req *rq, struct resp *rs, const char *title)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, "storefront/account_email_confirm_form.tpl", title);

	if (rq->sess != NULL) {
		tmpl_show(d, "LOGGED_IN");
		view_crumb(v, "Your account", "/account");
	} else {
		tmpl_show(d, "GUEST");
	}
	view_crumb(v, title, NULL);
	return d;
}

static int
sf_account_email_confirm_invalid(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d = sf_account_email_confirm_page(&v, rq, rs, "Link no longer valid");

	tmpl_show(d, "INVALID");
	return view_end_status(&v, rs, 410);
}

/*
 * ROUTE: GET /account/email/confirm      TEMPLATE: storefront/account_email_confirm_form.tpl
 * PARAMS: token (from the mail)
 * Shows the new address with a button that makes it the account's address.
 */
int
sf_account_email_confirm_form(struct req *rq, struct resp *rs)
{
	struct sf_auth_token t;
	struct view v = { 0 };
	const char *token = req_str(rq, "token");
	tmpl_dict *d, *c;
	int found;

	if ((found = sf_auth_token_find(&rq->arena, token, "email_change", 0, &t)) < 0)
		return 500;
	if (found == 0 || t.new_email == NULL)
		return sf_account_email_confirm_invalid(rq, rs);
	d = sf_account_email_confirm_page(&v, rq, rs, "Confirm your new email address");
	c = tmpl_section(d, "CONFIRM");
	tmpl_set(c, "TOKEN", token);
	tmpl_set(c, "NEW_EMAIL", t.new_email);
	tmpl_set(c, "CSRF", csrf_token(rq, rs));
	return view_end_status(&v, rs, 200);
}

struct sf_account_confirm_job {
	struct req *rq;
	const char *token;
	long long keep_session;	/* the confirming browser's session, when it is the user's */
	struct sf_auth_token t;
	long long ended;	/* other sessions logged out */
	int invalid, taken;
};

static int
sf_account_email_confirm_tx(void *arg)
{
	struct sf_account_confirm_job *j = arg;
	long long n;
	int found;

	j->invalid = j->taken = 0;
	j->ended = 0;
	if ((found = sf_auth_token_find(&j->rq->arena, j->token, "email_change", 1, &j->t)) <= 0 ||
	    j->t.new_email == NULL) {
		j->invalid = found >= 0;
		return found < 0 ? -1 : 0;
	}
	j->keep_session = j->rq->sess != NULL && j->rq->sess->user_id == j->t.user_id ? j->rq->sess->id : 0;
	if ((n = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", "si",
			   j->t.new_email, j->t.user_id)) != 0) {
		j->taken = n > 0;
		return n > 0 ? 0 : -1;
	}
	/* Links mailed to the old address stop working, and whoever is logged
	 * in elsewhere (perhaps with the old address) is logged out; the
	 * browser that confirms keeps its session when it is the user's. */
	if (db_exec("UPDATE users SET email = ?, email_verified_at = NOW() WHERE id = ?", "si",
		    j->t.new_email, j->t.user_id) != 1 ||
	    db_exec("UPDATE user_tokens SET used_at = NOW() WHERE id = ?", "i", j->t.id) != 1 ||
	    db_exec("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND id <> ? AND used_at IS NULL"
		    " AND purpose IN ('reset', 'verify', 'email_change')", "ii", j->t.user_id, j->t.id) < 0 ||
	    (j->ended = sess_end_others(j->t.user_id, j->keep_session)) < 0)
		return -1;
	/* A vendor waiting for verification: the "contact reachable" check was
	 * made against the old address and must be made again. */
	if ((n = db_exec("DELETE c FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id"
			 " JOIN vendors v ON v.id = r.vendor_id"
			 " WHERE v.user_id = ? AND r.decision IS NULL AND c.item = 'contact'", "i",
			 j->t.user_id)) < 0)
		return -1;
	if (n > 0 && audit_log(j->rq, "vendor.checks_reset", "user", j->t.user_id, "contact: email changed") != 0)
		return -1;
	return audit_log(j->rq, "user.email_change", "user", j->t.user_id, "");
}

/*
 * ROUTE: POST /account/email/confirm      TEMPLATE: storefront/account_email_confirm_form.tpl
 * PARAMS: token (from the mail)
 * Makes the new address the account's (and marks it confirmed), once. In
 * the same step every other unused link of the account (password reset,
 * verification, earlier address changes) stops working and every other
 * session of the account is logged out.
 */
int
sf_account_email_confirm(struct req *rq, struct resp *rs)
{
	struct sf_account_confirm_job job = { 0 };
	struct view v = { 0 };
	tmpl_dict *d;

	job.rq = rq;
	job.token = req_str(rq, "token");
	if (db_tx(sf_account_email_confirm_tx, &job) != 0)
		return 500;
	if (job.invalid)
		return sf_account_email_confirm_invalid(rq, rs);
	if (job.taken) {
		d = sf_account_email_confirm_page(&v, rq, rs, "Confirm your new email address");
		tmpl_show(d, "TAKEN");
		return view_end_status(&v, rs, 422);
	}
	log_info("user.email_change", "user=%lld sessions_ended=%lld", job.t.user_id, job.ended);
	if (job.ended > 0)
		resp_set_flash(rs, arena_printf(&rq->arena, "Your email address is now %s. Every %ssession of "
						"your account has been logged out.", job.t.new_email,
						job.keep_session ? "other " : ""));
	else
		resp_set_flash(rs, arena_printf(&rq->arena, "Your email address is now %s.", job.t.new_email));
	if (rq->sess != NULL && rq->sess->user_id == job.t.user_id)
		return resp_redirect(rs, 303, "/account");
	return resp_redirect(rs, 303, rq->sess != NULL ? "/" : "/login");
}

/* ---- addresses ----------------------------------------------------------- */

struct sf_account_address {
	const char *label, *name, *line1, *line2, *city, *postcode, *country, *phone;
	int is_default;
};

/* The fields of a sealed record in order, after the format line. */
#define SF_ACCOUNT_ADDRESS_FIELDS 7

static void
sf_account_address_slots(struct sf_account_address *ad, const char **slots[SF_ACCOUNT_ADDRESS_FIELDS])
{
	slots[0] = &ad->name;
	slots[1] = &ad->line1;
	slots[2] = &ad->line2;
	slots[3] = &ad->city;
	slots[4] = &ad->postcode;
	slots[5] = &ad->country;
	slots[6] = &ad->phone;
}

/* The sealed record: the format, then one field a line (form fields cannot
 * hold line breaks, the router refuses them). */
static char *
sf_account_address_record(struct arena *a, const struct sf_account_address *ad)
{
	return arena_printf(a, SF_ACCOUNT_ADDRESS_FORMAT "\n%s\n%s\n%s\n%s\n%s\n%s\n%s", ad->name, ad->line1,
			    ad->line2, ad->city, ad->postcode, ad->country, ad->phone);
}

static void
sf_account_address_parse(struct arena *a, const char *record, struct sf_account_address *ad)
{
	const char **slots[SF_ACCOUNT_ADDRESS_FIELDS];
	const char *p = record, *nl;
	int i;

	sf_account_address_slots(ad, slots);
	for (i = 0; i < SF_ACCOUNT_ADDRESS_FIELDS; i++)
		*slots[i] = "";
	if (strncmp(p, SF_ACCOUNT_ADDRESS_FORMAT "\n", 2) != 0)
		return;
	p += 2;
	for (i = 0; i < SF_ACCOUNT_ADDRESS_FIELDS && p != NULL; i++) {
		nl = strchr(p, '\n');
		*slots[i] = nl ? arena_strndup(a, p, (size_t)(nl - p)) : arena_strdup(a, p);
		p = nl ? nl + 1 : NULL;
	}
}

/* Loads the user's address id into ad (cleared first). Returns 200, 404
 * when there is no such address of theirs, 500 on a database error. */
static int
sf_account_address_load(struct req *rq, long long id, struct sf_account_address *ad)
{
	struct db_result *r;
	int found;

	memset(ad, 0, sizeof *ad);
	r = db_query("SELECT label, body_enc, is_default FROM addresses WHERE id = ? AND user_id = ?", "ii",
		     id, rq->sess->user_id);
	if (r == NULL)
		return 500;
	found = db_next(r);
	if (found) {
		sf_account_address_parse(&rq->arena,
					 sf_account_open(&rq->arena, "addresses", "body_enc", id, r, 1), ad);
		ad->label = arena_strdup(&rq->arena, db_str(r, 0));
		ad->is_default = db_int(r, 2) != 0;
	}
	db_free(r);
	return found ? 200 : 404;
}

/* What is wrong with a submitted form, to be marked on the page once the
 * page exists. */
struct sf_account_problems {
	int n;
	const char *field[12];
	const char *message[12];
};

static void
sf_account_problem(struct sf_account_problems *p, const char *field, const char *message)
{
	if (p->n < 12) {
		p->field[p->n] = field;
		p->message[p->n] = message;
		p->n++;
	}
}

static void
sf_account_problems_show(const struct sf_account_problems *p, tmpl_dict *f)
{
	int i;

	for (i = 0; i < p->n; i++)
		view_form_error(f, p->field[i], p->message[i]);
}

/* Reads the address form into ad (arena strings) and notes what is wrong.
 * Returns the number of problems. */
static int
sf_account_address_read(struct req *rq, struct sf_account_problems *bad, struct sf_account_address *ad)
{
	struct arena *a = &rq->arena;
	const char *problem, *is_default = req_str(rq, "is_default");
	char *country;
	size_t i, chars;
	static const struct {
		const char *field;
		size_t min, max;	/* characters */
		const char *missing, *long_text;
	} rules[] = {
		{ "label", 1, 60, "Give the address a short name, for example Home.",
		  "Use at most 60 characters for the name of the address." },
		{ "name", 1, 100, "Enter the name of the person who receives the parcel.",
		  "Use at most 100 characters for the name." },
		{ "line1", 1, 200, "Enter the street and house number.",
		  "Use at most 200 characters for this line." },
		{ "line2", 0, 200, NULL, "Use at most 200 characters for this line." },
		{ "city", 1, 100, "Enter the town or city.", "Use at most 100 characters for the town or city." },
		{ "postcode", 1, 20, "Enter the postcode.", "Use at most 20 characters for the postcode." },
	};
	const char **targets[] = { &ad->label, &ad->name, &ad->line1, &ad->line2, &ad->city, &ad->postcode };

	memset(bad, 0, sizeof *bad);
	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		const char *v = sf_auth_trim(a, req_str(rq, rules[i].field)), *p;

		*targets[i] = v;
		for (chars = 0, p = v; *p; p++)
			if (((unsigned char)*p & 0xc0) != 0x80)
				chars++;
		if (chars < rules[i].min)
			sf_account_problem(bad, rules[i].field, rules[i].missing);
		else if (chars > rules[i].max)
			sf_account_problem(bad, rules[i].field, rules[i].long_text);
	}
	country = sf_auth_trim(a, req_str(rq, "country"));
	for (i = 0; country[i]; i++)
		if (country[i] >= 'a' && country[i] <= 'z')
			country[i] = (char)(country[i] - 'a' + 'A');
	ad->country = country;
	if (strlen(country) != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' ||
	    country[1] > 'Z')
		sf_account_problem(bad, "country", "Enter the two-letter country code, for example GB, DE or FR.");
	ad->phone = sf_auth_trim(a, req_str(rq, "phone"));
	if ((problem = sf_account_phone_problem(ad->phone)) != NULL)
		sf_account_problem(bad, "phone", problem);
	ad->is_default = is_default != NULL && strcmp(is_default, "1") == 0;
	return bad->n;
}

/* Fills the address fields partial with ad (or empty fields). */
static tmpl_dict *
sf_account_address_fields(struct req *rq, tmpl_dict *d, const struct sf_account_address *ad)
{
	tmpl_dict *f = tmpl_include(d, "ADDRESS_FIELDS", "storefront/_account_address_fields.tpl");

	tmpl_set(f, "LABEL", ad ? ad->label : "");
	tmpl_set(f, "NAME", ad ? ad->name : rq->sess->name);
	tmpl_set(f, "LINE1", ad ? ad->line1 : "");
	tmpl_set(f, "LINE2", ad ? ad->line2 : "");
	tmpl_set(f, "CITY", ad ? ad->city : "");
	tmpl_set(f, "POSTCODE", ad ? ad->postcode : "");
	tmpl_set(f, "COUNTRY", ad ? ad->country : "");
	tmpl_set(f, "PHONE", ad ? ad->phone : "");
	if (ad && ad->is_default)
		tmpl_show(f, "IS_DEFAULT");
	return f;
}

/* The address book page; typed is the add form after an error (NULL: an
 * empty form). Returns the status, the fields dictionary in *fields. */
static int
sf_account_addresses_page(struct req *rq, struct resp *rs, struct view *v,
			  const struct sf_account_address *typed, tmpl_dict **fields)
{
	struct db_result *r;
	struct sf_account_address ad;
	tmpl_dict *d, *row;
	long long id, n = 0;

	r = db_query("SELECT id, label, body_enc, is_default FROM addresses WHERE user_id = ?"
		     " ORDER BY is_default DESC, id", "i", rq->sess->user_id);
	if (r == NULL)
		return 500;
	d = sf_account_page(v, rq, rs, "storefront/account_addresses.tpl", "Your addresses");
	while (db_next(r)) {
		id = db_int(r, 0);
		memset(&ad, 0, sizeof ad);
		sf_account_address_parse(&rq->arena,
					 sf_account_open(&rq->arena, "addresses", "body_enc", id, r, 2), &ad);
		row = tmpl_section(d, "ADDRESS");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "LABEL", db_str(r, 1));
		tmpl_set(row, "NAME", ad.name);
		tmpl_set(row, "LINE1", ad.line1);
		if (*ad.line2)
			tmpl_set(tmpl_section(row, "HAS_LINE2"), "LINE2", ad.line2);
		tmpl_set(row, "CITY", ad.city);
		tmpl_set(row, "POSTCODE", ad.postcode);
		tmpl_set(row, "COUNTRY", ad.country);
		if (*ad.phone)
			tmpl_set(tmpl_section(row, "HAS_PHONE"), "PHONE", ad.phone);
		if (db_int(r, 3))
			tmpl_show(row, "IS_DEFAULT");
		n++;
	}
	db_free(r);
	if (n == 0)
		tmpl_show(d, "NO_ADDRESSES");
	if (n < SF_ACCOUNT_ADDRESSES_MAX) {
		tmpl_show(d, "CAN_ADD");
		*fields = sf_account_address_fields(rq, d, typed);
		tmpl_set(*fields, "CSRF", rq->sess->csrf);
		tmpl_set(*fields, "PREFIX", "new");
	} else {
		tmpl_show(d, "FULL");
		*fields = NULL;
	}
	tmpl_set_int(d, "ADDRESSES_MAX", SF_ACCOUNT_ADDRESSES_MAX);
	return 200;
}

/*
 * ROUTE: GET /account/addresses      TEMPLATE: storefront/account_addresses.tpl
 * PARAMS: none
 * The address book: each saved address with a link to change it, and the
 * form to add one.
 */
int
sf_account_addresses(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *f;
	int status = sf_account_addresses_page(rq, rs, &v, NULL, &f);

	if (status != 200)
		return status;
	return view_end_status(&v, rs, 200);
}

struct sf_account_address_job {
	struct req *rq;
	long long id;		/* 0: a new address */
	const struct sf_account_address *ad;
	int full, gone;
};

static int
sf_account_address_tx(void *arg)
{
	struct sf_account_address_job *j = arg;
	long long user_id = j->rq->sess->user_id, count;
	int make_default = j->ad->is_default;

	j->full = j->gone = 0;
	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", user_id) != user_id)
		return -1;
	if ((count = db_scalar(-1, "SELECT COUNT(*) FROM addresses WHERE user_id = ?", "i", user_id)) < 0)
		return -1;
	if (j->id == 0) {
		if (count >= SF_ACCOUNT_ADDRESSES_MAX) {
			j->full = 1;
			return 0;
		}
		if (count == 0)
			make_default = 1;	/* the first address is the default one */
		/* The row id is part of the sealed value's associated data, so
		 * the row comes first and its sealed body second. */
		if (db_exec("INSERT INTO addresses (user_id, label, is_default) VALUES (?, ?, ?)", "isi",
			    user_id, j->ad->label, (long long)make_default) != 1)
			return -1;
		j->id = (long long)db_insert_id();
	} else {
		long long n = db_exec("UPDATE addresses SET label = ?, is_default = ? WHERE id = ? AND user_id = ?",
				      "siii", j->ad->label, (long long)make_default, j->id, user_id);

		if (n < 0)
			return -1;
		if (db_scalar(0, "SELECT COUNT(*) FROM addresses WHERE id = ? AND user_id = ?", "ii", j->id,
			      user_id) != 1) {
			j->gone = 1;
			return 0;
		}
	}
	if (crypt_seal_store("UPDATE addresses SET body_enc = ? WHERE id = ?", "addresses", "body_enc", j->id,
			    sf_account_address_record(&j->rq->arena, j->ad)) != 0)
		return -1;
	if (make_default &&
	    db_exec("UPDATE addresses SET is_default = 0 WHERE user_id = ? AND id <> ?", "ii", user_id, j->id) < 0)
		return -1;
	return 0;
}

/*
 * ROUTE: POST /account/addresses      TEMPLATE: storefront/account_addresses.tpl
 * PARAMS: label, name, line1, line2, city, postcode, country (two letters), phone, is_default
 * Adds an address to the book (stored sealed); the first one, or one
 * marked so, becomes the default address.
 */
int
sf_account_address_add(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad;
	struct sf_account_address_job job = { rq, 0, &ad, 0, 0 };
	struct sf_account_problems bad;
	struct view v = { 0 };
	tmpl_dict *f;
	int status;

	memset(&ad, 0, sizeof ad);
	if (sf_account_address_read(rq, &bad, &ad) == 0) {
		if (db_tx(sf_account_address_tx, &job) != 0)
			return 500;
		if (!job.full) {
			resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been saved.",
							ad.label));
			return resp_redirect(rs, 303, "/account/addresses");
		}
	}
	if ((status = sf_account_addresses_page(rq, rs, &v, &ad, &f)) != 200)
		return status;
	if (f != NULL)	/* else the book is full, and the page says so */
		sf_account_problems_show(&bad, f);
	return view_end_status(&v, rs, 422);
}

/* The edit page of one address; typed after an error, else ad as stored. */
static tmpl_dict *
sf_account_address_page(struct req *rq, struct resp *rs, struct view *v, long long id,
			const struct sf_account_address *ad)
{
	tmpl_dict *d = sf_account_page(v, rq, rs, "storefront/account_address_form.tpl", "Change an address");
	tmpl_dict *f = sf_account_address_fields(rq, d, ad);

	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "LABEL", ad->label);
	tmpl_set(f, "CSRF", rq->sess->csrf);
	tmpl_set(f, "PREFIX", "edit");
	return f;
}

/*
 * ROUTE: GET /account/addresses/{id}      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id (one of the user's addresses)
 * The form to change one address, and the button to delete it.
 */
int
sf_account_address_form(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad;
	struct view v = { 0 };
	long long id = req_int(rq, "id", 0);
	int status;

	if ((status = sf_account_address_load(rq, id, &ad)) != 200)
		return status;
	sf_account_address_page(rq, rs, &v, id, &ad);
	return view_end_status(&v, rs, 200);
}

/*
 * ROUTE: POST /account/addresses/{id}      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id, label, name, line1, line2, city, postcode, country, phone, is_default
 * Saves the changed address.
 */
int
sf_account_address_update(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad, stored;
	struct sf_account_address_job job = { rq, 0, &ad, 0, 0 };
	struct sf_account_problems bad;
	struct view v = { 0 };
	long long id = req_int(rq, "id", 0);
	int status;

	if ((status = sf_account_address_load(rq, id, &stored)) != 200)
		return status;
	memset(&ad, 0, sizeof ad);
	if (sf_account_address_read(rq, &bad, &ad) > 0) {
		tmpl_dict *f = sf_account_address_page(rq, rs, &v, id, &ad);

		tmpl_set(v.body, "LABEL", stored.label);
		sf_account_problems_show(&bad, f);
		return view_end_status(&v, rs, 422);
	}
	/* Unticking "default" on the default address keeps it the default:
	 * another one becomes the default by being marked so. */
	if (stored.is_default)
		ad.is_default = 1;
	job.id = id;
	if (db_tx(sf_account_address_tx, &job) != 0)
		return 500;
	if (job.gone)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been saved.",
					ad.label));
	return resp_redirect(rs, 303, "/account/addresses");
}

struct sf_account_delete_address_job {
	long long user_id, id;
	int gone;
};

static int
sf_account_address_delete_tx(void *arg)
{
	struct sf_account_delete_address_job *j = arg;
	long long n = db_exec("DELETE FROM addresses WHERE id = ? AND user_id = ?", "ii", j->id, j->user_id);

	if (n < 0)
		return -1;
	j->gone = n == 0;
	/* The oldest remaining address becomes the default one if none is. */
	if (n > 0 && db_scalar(-1, "SELECT COUNT(*) FROM addresses WHERE user_id = ? AND is_default = 1", "i",
			       j->user_id) == 0 &&
	    db_exec("UPDATE addresses SET is_default = 1 WHERE user_id = ? ORDER BY id LIMIT 1", "i",
		    j->user_id) < 0)
		return -1;
	return 0;
}

/*
 * ROUTE: POST /account/addresses/{id}/delete      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id, confirm (the "yes, delete it" box)
 * Deletes one of the user's addresses once the box is ticked; without it,
 * the address page is shown again asking for it.
 */
int
sf_account_address_delete(struct req *rq, struct resp *rs)
{
	struct sf_account_delete_address_job job = { rq->sess->user_id, req_int(rq, "id", 0), 0 };
	struct sf_account_address ad;
	struct view v = { 0 };
	const char *confirm = req_str(rq, "confirm");
	int status;

	if ((status = sf_account_address_load(rq, job.id, &ad)) != 200)
		return status;
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		sf_account_address_page(rq, rs, &v, job.id, &ad);
		view_form_error(v.body, "confirm", "Tick the box to confirm that this address should be deleted.");
		return view_end_status(&v, rs, 422);
	}
	if (db_tx(sf_account_address_delete_tx, &job) != 0)
		return 500;
	if (job.gone)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been deleted.",
					ad.label));
	return resp_redirect(rs, 303, "/account/addresses");
}

/* ---- sessions ------------------------------------------------------------ */

/*
 * ROUTE: GET /account/sessions      TEMPLATE: storefront/account_sessions.tpl
 * PARAMS: none
 * Where the account is logged in: each session with when it started, when
 * it was last used, the address and browser it came from, and a button to
 * end it.
 */
int
sf_account_sessions(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	tmpl_dict *d, *row;
	long long others = 0;

	r = db_query("SELECT id, DATE_FORMAT(created_at, '%e %b %Y, %H:%i'),"
		     " DATE_FORMAT(last_seen_at, '%e %b %Y, %H:%i'), ip, user_agent FROM sessions"
		     " WHERE user_id = ? AND expires_at > NOW() ORDER BY last_seen_at DESC, id DESC",
		     "i", rq->sess->user_id);
	if (r == NULL)
		return 500;
	d = sf_account_page(&v, rq, rs, "storefront/account_sessions.tpl", "Your sessions");
	while (db_next(r)) {
		row = tmpl_section(d, "SESSION");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "CREATED", db_str(r, 1));
		tmpl_set(row, "LAST_SEEN", db_str(r, 2));
		tmpl_set(row, "IP", *db_str(r, 3) ? db_str(r, 3) : "unknown");
		tmpl_set(row, "USER_AGENT", *db_str(r, 4) ? db_str(r, 4) : "unknown browser");
		if (db_int(r, 0) == rq->sess->id) {
			tmpl_show(row, "CURRENT");
		} else {
			tmpl_show(row, "OTHER");
			others++;
		}
	}
	db_free(r);
	if (others > 0)
		tmpl_show(d, "HAS_OTHERS");
	return view_end_status(&v, rs, 200);
}

/*
 * ROUTE: POST /account/sessions/{id}/end      TEMPLATE: none (redirects to /account/sessions)
 * PARAMS: id (one of the user's sessions)
 * Ends one session of the user (ending the current one logs out).
 */
int
sf_account_session_end(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	int ended;

	if (id == rq->sess->id) {
		if (sess_end(rq, rs) != 0)
			return 500;
		resp_set_flash(rs, "You are logged out.");
		return resp_redirect(rs, 303, "/");
	}
	if ((ended = sess_end_one(rq->sess->user_id, id)) < 0)
		return 500;
	if (ended == 0)
		return 404;
	resp_set_flash(rs, "That session has been logged out.");
	return resp_redirect(rs, 303, "/account/sessions");
}

/*
 * ROUTE: POST /account/sessions/end-others      TEMPLATE: none (redirects to /account/sessions)
 * PARAMS: none
 * Ends every session of the user except the one making the request.
 */
int
sf_account_sessions_end_others(struct req *rq, struct resp *rs)
{
	long long n = sess_end_others(rq->sess->user_id, rq->sess->id);

	if (n < 0)
		return 500;
	resp_set_flash(rs, n == 0 ? "There were no other sessions to log out." :
		       n == 1 ? "1 other session has been logged out." :
		       arena_printf(&rq->arena, "%lld other sessions have been logged out.", n));
	return resp_redirect(rs, 303, "/account/sessions");
}

/* ---- a copy of the user's data -------------------------------------------- */

/* A JSON writer just big enough for the data download: nested objects and
 * arrays, string and number values, two-space indentation. */
struct sf_json {
	struct buf *b;
	int depth;
	int count[16];
};

static void
sf_json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '<': case '>': case '&':	/* harmless if a browser ever shows it as HTML */
			buf_printf(b, "\\u%04x", *p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

/* Comma, line break and indentation before the next member; then the key. */
static void
sf_json_next(struct sf_json *j, const char *key)
{
	int i;

	if (j->count[j->depth]++ > 0)
		buf_addc(j->b, ',');
	buf_addc(j->b, '\n');
	for (i = 0; i < j->depth; i++)
		buf_adds(j->b, "  ");
	if (key != NULL) {
		sf_json_string(j->b, key);
		buf_adds(j->b, ": ");
	}
}

static void
sf_json_open(struct sf_json *j, const char *key, char bracket)
{
	if (j->depth > 0 || j->count[0] > 0)
		sf_json_next(j, key);
	buf_addc(j->b, bracket);
	j->depth++;
	j->count[j->depth] = 0;
}

static void
sf_json_close(struct sf_json *j, char bracket)
{
	int had = j->count[j->depth], i;

	j->depth--;
	if (had > 0) {
		buf_addc(j->b, '\n');
		for (i = 0; i < j->depth; i++)
			buf_adds(j->b, "  ");
	}
	buf_addc(j->b, bracket);
}

/* A string member (SQL NULL becomes null). */
static void
sf_json_str(struct sf_json *j, const char *key, const char *value)
{
	sf_json_next(j, key);
	if (value == NULL)
		buf_adds(j->b, "null");
	else
		sf_json_string(j->b, value);
}

static void
sf_json_int(struct sf_json *j, const char *key, long long value)
{
	sf_json_next(j, key);
	buf_printf(j->b, "%lld", value);
}

static void
sf_json_bool(struct sf_json *j, const char *key, int value)
{
	sf_json_next(j, key);
	buf_adds(j->b, value ? "true" : "false");
}

/* One object per row with the given keys (column i under keys[i]; a key
 * starting with '#' is a number). Returns 0 or -1. */
static int
sf_json_rows(struct sf_json *j, const char *key, struct db_result *r, const char *const *keys)
{
	unsigned i;

	if (r == NULL)
		return -1;
	sf_json_open(j, key, '[');
	while (db_next(r)) {
		sf_json_open(j, NULL, '{');
		for (i = 0; keys[i] != NULL; i++) {
			if (keys[i][0] == '#')
				sf_json_int(j, keys[i] + 1, db_int(r, i));
			else
				sf_json_str(j, keys[i], db_str(r, i));
		}
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);
	return 0;
}

#define SF_ACCOUNT_ISO(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s')"

/*
 * The audit entries about the user, about their shop and by them. The
 * address an entry was made from is theirs only when they made it: an
 * admin's or another person's address is left out (the column is not even
 * read). Returns 0 or -1.
 */
static int
sf_account_data_audit(struct sf_json *j, long long uid)
{
	struct db_result *r;

	r = db_query("SELECT " SF_ACCOUNT_ISO("at") ", action, actor_role, object_type, object_id, detail,"
		     " IF(actor_id <=> ?, ip, NULL) FROM audit_log"
		     " WHERE (object_type = 'user' AND object_id = ?) OR actor_id = ?"
		     " OR (object_type = 'vendor' AND object_id IN (SELECT id FROM vendors WHERE user_id = ?))"
		     " ORDER BY id LIMIT 10000", "iiii", uid, uid, uid, uid);
	if (r == NULL)
		return -1;
	sf_json_open(j, "audit_log", '[');
	while (db_next(r)) {
		sf_json_open(j, NULL, '{');
		sf_json_str(j, "at", db_str(r, 0));
		sf_json_str(j, "action", db_str(r, 1));
		sf_json_str(j, "actor_role", db_str(r, 2));
		sf_json_str(j, "object_type", db_str(r, 3));
		sf_json_int(j, "object_id", db_int(r, 4));
		if (!db_null(r, 6))
			sf_json_str(j, "ip", db_str(r, 6));
		sf_json_str(j, "detail", db_str(r, 5));
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);
	return 0;
}

static int
sf_account_data_json(struct req *rq, struct sf_json *j)
{
	struct arena *a = &rq->arena;
	long long uid = rq->sess->user_id, id;
	struct sf_account_address ad;
	struct db_result *r;
	const char *phone;
	static const char *const session_keys[] = { "#id", "created_at", "last_seen_at", "expires_at", "ip",
						    "user_agent", NULL };
	static const char *const token_keys[] = { "purpose", "created_at", "expires_at", "used_at", NULL };
	static const char *const mail_keys[] = { "subject", "created_at", "status", "sent_at", NULL };

	r = db_query("SELECT id, email, name, role, status, " SF_ACCOUNT_ISO("email_verified_at") ", "
		     SF_ACCOUNT_ISO("created_at") ", " SF_ACCOUNT_ISO("updated_at") ", phone_enc,"
		     " totp_secret_enc IS NOT NULL FROM users WHERE id = ?", "i", uid);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return -1;
	}
	sf_json_open(j, NULL, '{');
	sf_json_str(j, "site", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	sf_json_open(j, "profile", '{');
	sf_json_int(j, "id", db_int(r, 0));
	sf_json_str(j, "email", db_str(r, 1));
	sf_json_str(j, "name", db_str(r, 2));
	sf_json_str(j, "role", db_str(r, 3));
	sf_json_str(j, "status", db_str(r, 4));
	sf_json_str(j, "email_verified_at", db_str(r, 5));
	sf_json_str(j, "created_at", db_str(r, 6));
	sf_json_str(j, "updated_at", db_str(r, 7));
	phone = sf_account_open(a, "users", "phone_enc", uid, r, 8);
	sf_json_str(j, "phone", *phone ? phone : NULL);
	sf_json_bool(j, "two_factor_enrolled", db_int(r, 9) != 0);
	sf_json_close(j, '}');
	db_free(r);

	r = db_query("SELECT id, label, body_enc, is_default, " SF_ACCOUNT_ISO("created_at") ", "
		     SF_ACCOUNT_ISO("updated_at") " FROM addresses WHERE user_id = ? ORDER BY id", "i", uid);
	if (r == NULL)
		return -1;
	sf_json_open(j, "addresses", '[');
	while (db_next(r)) {
		id = db_int(r, 0);
		memset(&ad, 0, sizeof ad);
		sf_account_address_parse(a, sf_account_open(a, "addresses", "body_enc", id, r, 2), &ad);
		sf_json_open(j, NULL, '{');
		sf_json_int(j, "id", id);
		sf_json_str(j, "label", db_str(r, 1));
		sf_json_str(j, "name", ad.name);
		sf_json_str(j, "line1", ad.line1);
		sf_json_str(j, "line2", ad.line2);
		sf_json_str(j, "city", ad.city);
		sf_json_str(j, "postcode", ad.postcode);
		sf_json_str(j, "country", ad.country);
		sf_json_str(j, "phone", ad.phone);
		sf_json_bool(j, "default", db_int(r, 3) != 0);
		sf_json_str(j, "created_at", db_str(r, 4));
		sf_json_str(j, "updated_at", db_str(r, 5));
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);

	if (sf_json_rows(j, "sessions", db_query("SELECT id, " SF_ACCOUNT_ISO("created_at") ", "
						 SF_ACCOUNT_ISO("last_seen_at") ", " SF_ACCOUNT_ISO("expires_at")
						 ", ip, user_agent FROM sessions WHERE user_id = ? ORDER BY id",
						 "i", uid), session_keys) != 0 ||
	    sf_json_rows(j, "links_sent", db_query("SELECT purpose, " SF_ACCOUNT_ISO("created_at") ", "
						   SF_ACCOUNT_ISO("expires_at") ", " SF_ACCOUNT_ISO("used_at")
						   " FROM user_tokens WHERE user_id = ? ORDER BY id", "i", uid),
			 token_keys) != 0 ||
	    sf_account_data_audit(j, uid) != 0 ||
	    sf_json_rows(j, "mail", db_query("SELECT subject, " SF_ACCOUNT_ISO("created_at") ", status, "
					     SF_ACCOUNT_ISO("sent_at") " FROM mail_outbox WHERE to_addr = ?"
					     " ORDER BY id LIMIT 10000", "s", rq->sess->email), mail_keys) != 0)
		return -1;

	r = db_query("SELECT id, slug, trading_name, legal_name, registration_number, tax_id, website,"
		     " description, status, " SF_ACCOUNT_ISO("created_at") ", address_enc, phone_enc,"
		     " bank_holder_enc, bank_account_enc FROM vendors WHERE user_id = ?", "i", uid);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		id = db_int(r, 0);
		sf_json_open(j, "vendor", '{');
		sf_json_int(j, "id", id);
		sf_json_str(j, "slug", db_str(r, 1));
		sf_json_str(j, "trading_name", db_str(r, 2));
		sf_json_str(j, "legal_name", db_str(r, 3));
		sf_json_str(j, "registration_number", db_str(r, 4));
		sf_json_str(j, "tax_id", db_str(r, 5));
		sf_json_str(j, "website", db_str(r, 6));
		sf_json_str(j, "description", db_str(r, 7));
		sf_json_str(j, "status", db_str(r, 8));
		sf_json_str(j, "created_at", db_str(r, 9));
		sf_json_str(j, "address", sf_account_open(a, "vendors", "address_enc", id, r, 10));
		sf_json_str(j, "phone", sf_account_open(a, "vendors", "phone_enc", id, r, 11));
		sf_json_str(j, "bank_account_holder", sf_account_open(a, "vendors", "bank_holder_enc", id, r, 12));
		sf_json_str(j, "bank_account", sf_account_open(a, "vendors", "bank_account_enc", id, r, 13));
		sf_json_close(j, '}');
	} else {
		sf_json_str(j, "vendor", NULL);
	}
	db_free(r);
	sf_json_close(j, '}');
	buf_addc(j->b, '\n');
	return 0;
}

/*
 * ROUTE: GET /account/data.json      TEMPLATE: none (a JSON download)
 * PARAMS: none
 * Everything Bazaar keeps about the user, as one JSON file: profile and
 * phone, addresses, sessions, the links mailed to them (dates and purposes,
 * never the secrets), audit entries about them and their shop (with the
 * address an entry came from only when they made it), mail sent to them
 * and the vendor profile if they have one. The download is recorded in the
 * audit log.
 */
int
sf_account_data(struct req *rq, struct resp *rs)
{
	struct sf_json j;

	memset(&j, 0, sizeof j);
	buf_reset(&rs->body);
	j.b = &rs->body;
	if (sf_account_data_json(rq, &j) != 0 ||
	    audit_log(rq, "user.data_download", "user", rq->sess->user_id, "") != 0) {
		buf_reset(&rs->body);
		return 500;
	}
	rs->content_type = "application/json; charset=utf-8";
	resp_header(rs, "Content-Disposition", "attachment; filename=\"bazaar-data.json\"");
	return 200;
}

/* ---- deleting the account ------------------------------------------------ */

static tmpl_dict *
sf_account_delete_page(struct view *v, struct req *rq, struct resp *rs)
{
	tmpl_dict *d = sf_account_page(v, rq, rs, "storefront/account_delete_form.tpl", "Delete your account");

	tmpl_set(d, "EMAIL", rq->sess->email);
	tmpl_set(d, "SUPPORT_EMAIL", mail_support_address());
	return d;
}

/* 1 when the account may not be closed here (a shop, or an admin), with
 * the reason shown on d; -1 on a database error. */
static int
sf_account_delete_refused(struct req *rq, tmpl_dict *d)
{
	long long shops = db_scalar(-1, "SELECT COUNT(*) FROM vendors WHERE user_id = ?", "i", rq->sess->user_id);

	if (shops < 0)
		return -1;
	if (shops > 0 || strcmp(rq->sess->role, "vendor") == 0) {
		tmpl_show(d, "REFUSED_VENDOR");
		return 1;
	}
	if (strcmp(rq->sess->role, "admin") == 0) {
		tmpl_show(d, "REFUSED_ADMIN");
		return 1;
	}
	return 0;
}

/*
 * ROUTE: GET /account/delete      TEMPLATE: storefront/account_delete_form.tpl
 * PARAMS: none
 * What deleting the account means, and the form that does it (password and
 * a box to tick). Vendors are told to contact the marketplace instead.
 */
int
sf_account_delete_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d = sf_account_delete_page(&v, rq, rs);
	int refused = sf_account_delete_refused(rq, d);

	if (refused < 0) {
		view_discard(&v);
		return 500;
	}
	if (!refused)
		tmpl_show(d, "FORM");
	return view_end_status(&v, rs, 200);
}

/* An outbox row deleted with the account; its message file (the mailer's
 * copy, when it writes files) goes after the commit. */
struct sf_account_mail_gone {
	long long id;
	struct sf_account_mail_gone *next;
};

struct sf_account_delete_job {
	struct req *rq;
	long long goodbye;			/* the outbox id of the last mail */
	struct sf_account_mail_gone *gone;	/* rows deleted */
};

/* Deletes the outbox row id unless the mailer is sending it right now (it
 * then goes with the mailer's clean-up a week later). Returns 0 or -1. */
static int
sf_account_delete_mail_row(struct sf_account_delete_job *j, long long id)
{
	struct sf_account_mail_gone *g;
	long long n = db_exec("DELETE FROM mail_outbox WHERE id = ? AND status IN ('queued', 'sent', 'failed')",
			      "i", id);

	if (n < 0)
		return -1;
	if (n == 1) {
		g = arena_alloc(&j->rq->arena, sizeof *g);
		g->id = id;
		g->next = j->gone;
		j->gone = g;
	}
	return 0;
}

/*
 * The mail kept about the person goes with the account: every message to
 * the address (but the goodbye, queued just before), and the confirmation
 * links mailed to addresses they asked to move to and never confirmed.
 * Another person may have such an address by now, so only the messages
 * that carry a link of this account are taken there.
 */
static int
sf_account_delete_mail(struct sf_account_delete_job *j)
{
	static const char marker[] = "/account/email/confirm?token=";
	const struct sess *s = j->rq->sess;
	unsigned char hash[TOKEN_HASH_BYTES];
	char token[TOKEN_TEXT_SIZE];
	struct db_result *r, *m;
	const char *at;
	long long mine;
	int rc = 0;

	r = db_query("SELECT id FROM mail_outbox WHERE to_addr = ? AND id <> ?", "si", s->email, j->goodbye);
	if (r == NULL)
		return -1;
	while (rc == 0 && db_next(r))
		rc = sf_account_delete_mail_row(j, db_int(r, 0));
	db_free(r);
	if (rc != 0)
		return -1;

	r = db_query("SELECT DISTINCT new_email FROM user_tokens WHERE user_id = ? AND purpose = 'email_change'"
		     " AND used_at IS NULL AND new_email IS NOT NULL", "i", s->user_id);
	if (r == NULL)
		return -1;
	while (rc == 0 && db_next(r)) {
		m = db_query("SELECT id, body FROM mail_outbox WHERE to_addr = ? AND template = 'email_change'",
			     "s", db_str(r, 0));
		if (m == NULL) {
			rc = -1;
			break;
		}
		while (rc == 0 && db_next(m)) {
			if ((at = strstr(db_str(m, 1), marker)) == NULL)
				continue;
			snprintf(token, sizeof token, "%s", at + sizeof marker - 1);
			if (token_hash(token, hash) != 0)
				continue;
			mine = db_scalar(-1, "SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND token_hash = ?",
					 "ib", s->user_id, hash, sizeof hash);
			if (mine < 0)
				rc = -1;
			else if (mine > 0)
				rc = sf_account_delete_mail_row(j, db_int(m, 0));
		}
		db_free(m);
	}
	db_free(r);
	sodium_memzero(token, sizeof token);
	return rc;
}

static int
sf_account_delete_tx(void *arg)
{
	struct sf_account_delete_job *j = arg;
	const struct sess *s = j->rq->sess;
	tmpl_dict *m;

	j->gone = NULL;
	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", s->user_id) != s->user_id)
		return -1;
	/* The goodbye goes to the address before it is wiped. */
	m = tmpl_dict_new("mail/account_deleted.tpl");
	tmpl_set(m, "EMAIL", s->email);
	tmpl_set(m, "NAME", s->name);
	if ((j->goodbye = mail_queue(s->email, "Your account has been deleted", "account_deleted", m)) < 0 ||
	    audit_log(j->rq, "user.delete", "user", s->user_id, "") != 0 ||
	    sf_account_delete_mail(j) != 0 ||
	    db_exec("DELETE FROM addresses WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM user_tokens WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM login_failures WHERE email = ?", "s", s->email) < 0 ||
	    sess_end_others(s->user_id, 0) < 0 ||
	    db_exec("UPDATE users SET email = CONCAT('deleted-', id, '@invalid'), name = 'Deleted user',"
		    " password_hash = NULL, phone_enc = NULL, totp_secret_enc = NULL, totp_last_step = 0,"
		    " email_verified_at = NULL, status = 'deleted', status_reason = NULL WHERE id = ?",
		    "i", s->user_id) != 1)
		return -1;
	return 0;
}

/* The message files of the deleted outbox rows (there are none when the
 * mailer hands mail to a relay). */
static void
sf_account_delete_mail_files(const struct sf_account_mail_gone *g)
{
	char path[4096];
	long long n = 0;

	for (; g != NULL; g = g->next) {
		if ((size_t)snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), g->id) >= sizeof path)
			continue;
		if (unlink(path) == 0)
			n++;
		else if (errno != ENOENT)
			log_warn("mail.delete", "id=%lld msg=%s", g->id, log_quote(strerror(errno)));
	}
	if (n > 0)
		log_info("mail.deleted", "files=%lld", n);
}

/*
 * ROUTE: POST /account/delete      TEMPLATE: storefront/account_delete_form.tpl
 * PARAMS: current_password, confirm (the "I understand" box)
 * Deletes the account: the name, address, phone, password, address book,
 * links, sessions, failed logins and the mail kept for the address (and for
 * addresses it asked to move to) are erased (the audit log keeps its
 * entries, under the account's number), a last mail goes to the old
 * address, and the visitor is logged out.
 */
int
sf_account_delete(struct req *rq, struct resp *rs)
{
	struct sf_account_delete_job job = { rq, 0, NULL };
	struct view v = { 0 };
	const char *confirm = req_str(rq, "confirm");
	long long user_id = rq->sess->user_id;
	tmpl_dict *d = sf_account_delete_page(&v, rq, rs);
	int refused, status;

	if ((refused = sf_account_delete_refused(rq, d)) != 0) {
		if (refused < 0) {
			view_discard(&v);
			return 500;
		}
		return view_end_status(&v, rs, 422);
	}
	tmpl_show(d, "FORM");
	if ((status = sf_account_password_check(rq, d, req_str(rq, "current_password"))) == 500) {
		view_discard(&v);
		return 500;
	}
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		view_form_error(d, "confirm", "Tick the box to confirm that you understand.");
		if (status == 0)
			status = 422;
	}
	if (status != 0)
		return view_end_status(&v, rs, status);
	view_discard(&v);
	if (db_tx(sf_account_delete_tx, &job) != 0)
		return 500;
	sf_account_delete_mail_files(job.gone);
	log_info("user.delete", "user=%lld", user_id);
	sess_end(rq, rs);	/* the row is gone already: this clears the cookie */
	resp_set_flash(rs, "Your account has been deleted. Thank you for shopping with us.");
	return resp_redirect(rs, 303, "/");
}

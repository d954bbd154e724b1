/*
 * sf_account_email: changing the email address of the account: the request
 * (a link mailed to the new address, a notice to the current one), the
 * change waiting for its link (shown with buttons to send the link again or
 * to cancel it) and the confirmation (after which the old address is told).
 */
#include "sf_account.h"

#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"

#define SF_ACCOUNT_EMAIL_RESEND_SECONDS 60	/* at most one link a minute */

int
sf_account_email_pending(struct req *rq, tmpl_dict *d)
{
	struct db_result *r;
	tmpl_dict *p;
	long long hours;

	r = db_query("SELECT new_email, CEIL(TIMESTAMPDIFF(MINUTE, NOW(), expires_at) / 60) FROM user_tokens"
		     " WHERE user_id = ? AND purpose = 'email_change' AND used_at IS NULL AND expires_at > NOW()"
		     " AND new_email IS NOT NULL ORDER BY id DESC LIMIT 1", "i", rq->sess->user_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		/* An included template sees only its own values. */
		p = tmpl_include(d, "EMAIL_PENDING", "storefront/_account_email_pending.tpl");
		tmpl_set(p, "NEW_EMAIL", db_str(r, 0));
		tmpl_set(p, "CURRENT_EMAIL", rq->sess->email);
		tmpl_set(p, "CSRF", rq->sess->csrf);
		hours = db_int(r, 1) > 0 ? db_int(r, 1) : 1;
		tmpl_set(p, "LEFT", arena_printf(&rq->arena, "%lld %s", hours, hours == 1 ? "hour" : "hours"));
	}
	db_free(r);
	return 0;
}

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
 * A change waiting for its link is shown above it, with buttons to send the
 * link again or to cancel the change.
 */
int
sf_account_email_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (sf_account_email_pending(rq, sf_account_email_page(&v, rq, rs, NULL)) != 0) {
		view_discard(&v);
		return 500;
	}
	return view_end_status(&v, rs, 200);
}

/* Ends the links of every waiting address change of user_id. Returns how
 * many, or -1. */
static long long
sf_account_email_expire(long long user_id)
{
	return db_exec("UPDATE user_tokens SET expires_at = NOW() WHERE user_id = ? AND purpose = 'email_change'"
		       " AND used_at IS NULL AND expires_at > NOW()", "i", user_id);
}

/* Mails the confirmation link of a change to email (a new token; earlier
 * ones of the account stop working). Inside the caller's transaction. */
static int
sf_account_email_send_link(struct req *rq, const char *email)
{
	const struct sess *s = rq->sess;
	char token[TOKEN_TEXT_SIZE];
	tmpl_dict *m;

	/* Only the newest request can be confirmed. */
	if (sf_account_email_expire(s->user_id) < 0)
		return -1;
	if (auth_token_create(s->user_id, "email_change", SF_AUTH_EMAIL_CHANGE_HOURS, email, token, NULL) < 0)
		return -1;
	m = tmpl_dict_new("mail/email_change.tpl");
	tmpl_set(m, "LINK", sf_auth_link(&rq->arena, "/account/email/confirm", token));
	tmpl_set(m, "NEW_EMAIL", email);
	tmpl_set_int(m, "HOURS", SF_AUTH_EMAIL_CHANGE_HOURS);
	sodium_memzero(token, sizeof token);
	return sf_auth_mail(email, "Confirm your new email address", "email_change", s->name, m);
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
	tmpl_dict *m;
	long long n;

	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", s->user_id) != s->user_id)
		return -1;
	if ((n = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ?", "s", j->email)) != 0) {
		j->taken = n > 0;
		return n > 0 ? 0 : -1;
	}
	if (sf_account_email_send_link(j->rq, j->email) != 0)
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
sf_account_email_change(struct req *rq, struct resp *rs)
{
	struct sf_account_email_job job = { rq, NULL, 0 };
	struct view v = { 0 };
	char email[AUTH_EMAIL_MAX + 1];
	const char *raw = text_trim(&rq->arena, req_str(rq, "email")), *problem;
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
	if ((status = sf_account_password_check(rq, rs, d, req_str(rq, "current_password"))) == 500) {
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

enum sf_account_pending_result { SF_PENDING_NONE, SF_PENDING_DONE, SF_PENDING_TOO_SOON };

struct sf_account_pending_job {
	struct req *rq;
	const char *new_email;	/* the change's new address (arena) */
	enum sf_account_pending_result result;
};

/* The waiting change of the visitor's account, its row locked: 1 with its
 * new address and whether its link is younger than a minute, 0 when none. */
static int
sf_account_email_pending_lock(struct sf_account_pending_job *j, int *recent)
{
	struct db_result *r;
	int found;

	/* The user row is the lock that makes two quick clicks act once. */
	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", j->rq->sess->user_id) !=
	    j->rq->sess->user_id)
		return -1;
	r = db_query("SELECT new_email, created_at > NOW() - INTERVAL ? SECOND FROM user_tokens"
		     " WHERE user_id = ? AND purpose = 'email_change' AND used_at IS NULL AND expires_at > NOW()"
		     " AND new_email IS NOT NULL ORDER BY id DESC LIMIT 1", "ii",
		     (long long)SF_ACCOUNT_EMAIL_RESEND_SECONDS, j->rq->sess->user_id);
	if (r == NULL)
		return -1;
	if ((found = db_next(r)) != 0) {
		j->new_email = arena_strdup(&j->rq->arena, db_str(r, 0));
		*recent = db_int(r, 1) != 0;
	}
	db_free(r);
	return found;
}

static int
sf_account_email_resend_tx(void *arg)
{
	struct sf_account_pending_job *j = arg;
	int found, recent = 0;

	j->result = SF_PENDING_NONE;
	if ((found = sf_account_email_pending_lock(j, &recent)) <= 0)
		return found;
	if (recent) {
		j->result = SF_PENDING_TOO_SOON;
		return 0;
	}
	j->result = SF_PENDING_DONE;
	if (sf_account_email_send_link(j->rq, j->new_email) != 0)
		return -1;
	return audit_log(j->rq, "user.email_change_resend", "user", j->rq->sess->user_id, "");
}

/*
 * ROUTE: POST /account/email/resend      TEMPLATE: none (redirects to /account/email)
 * PARAMS: none
 * Mails the link of the waiting address change again (a new link; the
 * earlier one stops working), at most once a minute.
 */
int
sf_account_email_resend(struct req *rq, struct resp *rs)
{
	struct sf_account_pending_job job = { rq, NULL, SF_PENDING_NONE };

	if (db_tx(sf_account_email_resend_tx, &job) != 0)
		return 500;
	switch (job.result) {
	case SF_PENDING_NONE:
		resp_set_flash(rs, "No change of your email address is waiting: there is nothing to send.");
		break;
	case SF_PENDING_TOO_SOON:
		resp_set_flash(rs, "We sent the link less than a minute ago. "
			       "Please wait a minute before asking for another.");
		break;
	case SF_PENDING_DONE:
		resp_set_flash(rs, arena_printf(&rq->arena, "We sent a new link to %s. "
						"The earlier link no longer works.", job.new_email));
		break;
	}
	return resp_redirect(rs, 303, "/account/email");
}

static int
sf_account_email_cancel_tx(void *arg)
{
	struct sf_account_pending_job *j = arg;
	int found, recent = 0;

	j->result = SF_PENDING_NONE;
	if ((found = sf_account_email_pending_lock(j, &recent)) <= 0)
		return found;
	j->result = SF_PENDING_DONE;
	if (sf_account_email_expire(j->rq->sess->user_id) < 1)
		return -1;
	return audit_log(j->rq, "user.email_change_cancel", "user", j->rq->sess->user_id, "");
}

/*
 * ROUTE: POST /account/email/cancel      TEMPLATE: none (redirects to /account/email)
 * PARAMS: none
 * Cancels the waiting address change: its link stops working and the
 * account keeps its address.
 */
int
sf_account_email_cancel(struct req *rq, struct resp *rs)
{
	struct sf_account_pending_job job = { rq, NULL, SF_PENDING_NONE };

	if (db_tx(sf_account_email_cancel_tx, &job) != 0)
		return 500;
	if (job.result == SF_PENDING_NONE)
		resp_set_flash(rs, "No change of your email address is waiting: there is nothing to cancel.");
	else
		resp_set_flash(rs, arena_printf(&rq->arena, "The change to %s is cancelled. Your address stays %s.",
						job.new_email, rq->sess->email));
	return resp_redirect(rs, 303, "/account/email");
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
	tmpl_dict *m;
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
	    (j->ended = sess_end_others_because(j->t.user_id, j->keep_session, SESS_ENDED_EMAIL_CHANGE)) < 0)
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
	/* The old address hears of it: if the change was not its owner's
	 * doing, this is the only trace left there. */
	m = tmpl_dict_new("mail/email_changed_done.tpl");
	tmpl_set(m, "OLD_EMAIL", j->t.email);
	tmpl_set(m, "NEW_EMAIL", j->t.new_email);
	if (sf_auth_mail(j->t.email, "The email address of your account was changed", "email_changed_done",
			 j->t.name, m) != 0)
		return -1;
	return audit_log(j->rq, "user.email_change", "user", j->t.user_id, "");
}

/*
 * ROUTE: POST /account/email/confirm      TEMPLATE: storefront/account_email_confirm_form.tpl
 * PARAMS: token (from the mail)
 * Makes the new address the account's (and marks it confirmed), once. In
 * the same step every other unused link of the account (password reset,
 * verification, earlier address changes) stops working and every other
 * session of the account is logged out. The old address is told by mail.
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

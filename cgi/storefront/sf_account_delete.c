/*
 * sf_account_delete: deleting the account (customers only; a vendor or an
 * admin is told whom to ask).
 */
#include "sf_account.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "log.h"
#include "mail.h"
#include "personal.h"

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
	    db_exec("DELETE FROM carts WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM user_tokens WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM notifications WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM notification_keys WHERE user_id = ?", "i", s->user_id) < 0 ||
	    db_exec("DELETE FROM wishlists WHERE user_id = ?", "i", s->user_id) < 0 ||
	    personal_recent_clear(s->user_id) != 0 ||
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
sf_account_delete_erase(struct req *rq, struct resp *rs)
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
	if ((status = sf_account_password_check(rq, rs, d, req_str(rq, "current_password"))) == 500) {
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

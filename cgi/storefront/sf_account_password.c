/*
 * sf_account_password: changing the password of the account.
 */
#include "sf_account.h"

#include <sodium.h>

#include "audit.h"
#include "log.h"
#include "mail.h"
#include "password.h"

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
	    sess_end_others_because(s->user_id, s->id, SESS_ENDED_PASSWORD_CHANGE) < 0 ||
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
sf_account_password_change(struct req *rq, struct resp *rs)
{
	struct sf_account_password_job job = { rq, NULL };
	struct view v = { 0 };
	char hash[PASSWORD_HASH_SIZE];
	const char *password = req_str(rq, "password"), *problem;
	tmpl_dict *d = sf_account_password_page(&v, rq, rs);
	int status, rc;

	if ((status = sf_account_password_check(rq, rs, d, req_str(rq, "current_password"))) == 500) {
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

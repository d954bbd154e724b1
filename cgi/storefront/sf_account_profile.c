/*
 * sf_account_profile: the account page (name, email address and whether it
 * is confirmed, phone) and the profile form on it.
 */
#include "sf_account.h"

#include <string.h>

#include "crypt.h"
#include "personal.h"

/* The account page, its profile form filled with the stored values. */
static int
sf_account_profile_page(struct req *rq, struct resp *rs, struct view *v, tmpl_dict **page)
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
	stored_phone = crypt_open_column(&rq->arena, "users", "phone_enc", s->user_id, r, 1, "");
	d = sf_account_page(v, rq, rs, "storefront/account_profile_view.tpl", "Your account");
	tmpl_set(d, "NAME", db_str(r, 0));
	tmpl_set(d, "SHOWN_NAME", db_str(r, 0));
	tmpl_set(d, "EMAIL", s->email);
	tmpl_set(d, "PHONE", stored_phone);
	tmpl_set(d, "SHOWN_PHONE", *stored_phone ? stored_phone : "none");
	tmpl_set(d, "SINCE", db_str(r, 2));
	tmpl_set_int(d, "ADDRESS_COUNT", db_int(r, 3));
	if (s->verified)
		tmpl_show(d, "VERIFIED");
	else
		tmpl_set(tmpl_section(d, "UNVERIFIED"), "CSRF", s->csrf);
	if (strcmp(s->role, "vendor") == 0)
		tmpl_show(d, "IS_VENDOR");
	/* Personalisation (personal.h): the switch shows what it would do. */
	tmpl_show(d, personal_enabled(s->user_id) == 0 ? "PERSONAL_OFF" : "PERSONAL_ON");
	db_free(r);
	*page = d;
	if (sf_account_email_pending(rq, d) != 0) {
		view_discard(v);
		return 500;
	}
	return 200;
}

/*
 * ROUTE: GET /account      TEMPLATE: storefront/account_profile_view.tpl
 * PARAMS: none
 * The account overview: name, email address and whether it is confirmed
 * (with a button for a new mail), a change of address waiting for its link
 * (with buttons to send it again or cancel it), phone, the profile form,
 * and links to the other account pages.
 */
int
sf_account_profile_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d;
	int status = sf_account_profile_page(rq, rs, &v, &d);

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
	sess_user_changed(j->user_id);	/* the name in the header */
	return crypt_seal_store("UPDATE users SET phone_enc = ? WHERE id = ?", "users", "phone_enc",
			       j->user_id, j->phone);
}

/* The form page of POST /account/profile (route.h): the account page, with
 * what was typed put in by the router. */
tmpl_dict *
sf_account_profile_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d;

	return sf_account_profile_page(rq, rs, v, &d) == 200 ? d : NULL;
}

/*
 * ROUTE: POST /account/profile      TEMPLATE: storefront/account_profile_view.tpl
 * PARAMS: name (1..100 characters), phone (optional, as people write it);
 *         bad input shows the form again (R_FORM)
 * Saves the name and the phone number (stored sealed; empty removes it).
 */
int
sf_account_profile_save(struct req *rq, struct resp *rs)
{
	struct sf_account_profile_job job = { rq->sess->user_id, req_str(rq, "name"), req_str(rq, "phone") };

	if (job.phone == NULL)
		job.phone = "";
	if (db_tx(sf_account_profile_tx, &job) != 0)
		return 500;
	resp_set_flash(rs, "Your profile has been saved.");
	return resp_redirect(rs, 303, "/account");
}

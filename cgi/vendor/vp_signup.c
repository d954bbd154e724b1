/*
 * vp_signup: a business opens a vendor account: the person's account (name,
 * email, password) and the business profile in one form.
 *
 * A vendor account is separate from a shopper's: a visitor logged in as a
 * customer is told so (and offered to log out) instead of getting the form;
 * a logged-in vendor is sent to the portal. The new shop starts 'pending'
 * with an open review; the owner is logged in at once and gets the same
 * email-confirmation mail as a shopper who signs up.
 */
#include "vp.h"

#include <string.h>

#include <sodium.h>

#include "audit.h"
#include "auth.h"
#include "catalog.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "sess.h"
#include "route.h"
#include "token.h"

/* Shop addresses tried for one trading name: slug, slug-2 .. slug-<n>. */
#define VP_SIGNUP_SLUG_TRIES	50

/* New vendors start on the plan without a monthly fee (the demo data's
 * "Starter"); among several, the first. */
static const char vp_signup_plan_sql[] =
	"SELECT id FROM plans ORDER BY monthly_fee_minor, id LIMIT 1";
static const char vp_signup_user_sql[] =
	"INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, 'vendor', ?)";
static const char vp_signup_vendor_sql[] =
	"INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number, tax_id,"
	" website, description, status, plan_id, submitted_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, NOW())";
static const char vp_signup_slug_sql[] =
	"SELECT COUNT(*) FROM vendors WHERE slug = ?";
static const char vp_signup_review_sql[] =
	"INSERT INTO vendor_reviews (vendor_id, submitted_at) VALUES (?, NOW())";
static const char vp_signup_taken_sql[] =
	"SELECT COUNT(*) FROM users WHERE email = ?";

/* The sign-up page: the form with what was typed (never the password), or,
 * for a visitor logged in with another kind of account, why not. */
static tmpl_dict *
vp_signup_page(struct view *v, struct req *rq, struct resp *rs, tmpl_dict **fields)
{
	tmpl_dict *d;

	/* A logged-in visitor is asked to log out by the page's own button. */
	v->own_logout = rq->sess != NULL;
	d = view_begin(v, rq, rs, "vendor/signup_form.tpl", "Sell on Bazaar");

	view_crumb(v, "Home", "/");
	view_crumb(v, "Sell on Bazaar", NULL);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if (rq->sess != NULL) {
		tmpl_set(tmpl_section(d, "SIGNED_IN"), "EMAIL", rq->sess->email);
		*fields = NULL;
		return d;
	}
	tmpl_show(d, "FORM");
	tmpl_set_int(d, "PASSWORD_MIN", PASSWORD_MIN);
	*fields = tmpl_include(d, "FIELDS", "vendor/_profile_fields.tpl");
	return d;
}

/*
 * ROUTE: GET /vendor/signup      TEMPLATE: vendor/signup_form.tpl
 * PARAMS: none
 * The vendor sign-up form: the account (name, email, password) and the
 * business profile. A logged-in vendor goes to the portal; a logged-in
 * customer or admin is told a business needs its own account.
 */
int
vp_signup_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *fields;

	if (rq->sess != NULL && strcmp(rq->sess->role, "vendor") == 0)
		return resp_redirect(rs, 303, "/vendor/");
	vp_signup_page(&v, rq, rs, &fields);
	return view_end_status(&v, rs, 200);
}

/* One sign-up, inside a transaction. */
struct vp_signup_job {
	struct req *rq;
	const char *name, *email, *hash;
	const struct vp_profile *p;
	long long user_id, vendor_id;
	int taken;	/* the address was taken meanwhile */
};

/* Inserts the vendor row under the first free shop address made from the
 * trading name. Returns the vendor id or -1. */
static long long
vp_signup_vendor(struct vp_signup_job *j, long long plan_id)
{
	const struct vp_profile *p = j->p;
	char base[CATALOG_SLUG_MAX + 1], slug[CATALOG_SLUG_MAX + 1];
	long long taken;
	size_t room;
	int n;

	/* Room for "-<n>" at the end, cut where the slug has a dash if it can. */
	catalog_slugify(p->v[VP_TRADING_NAME], base, sizeof base);
	room = CATALOG_SLUG_MAX - 3;
	if (strlen(base) > room) {
		base[room] = '\0';
		while (room > 1 && base[room - 1] == '-')
			base[--room] = '\0';
	}
	for (n = 1; n <= VP_SIGNUP_SLUG_TRIES; n++) {
		if (n == 1)
			snprintf(slug, sizeof slug, "%s", base);
		else
			snprintf(slug, sizeof slug, "%s-%d", base, n);
		taken = db_scalar(-1, vp_signup_slug_sql, "s", slug);
		if (taken < 0)
			return -1;
		if (taken > 0)
			continue;
		if (db_exec(vp_signup_vendor_sql, "isssssssi", j->user_id, slug, p->v[VP_TRADING_NAME],
			    p->v[VP_LEGAL_NAME], p->v[VP_REGISTRATION_NUMBER], p->v[VP_TAX_ID],
			    p->v[VP_WEBSITE], p->v[VP_DESCRIPTION], plan_id) == 1)
			return (long long)db_insert_id();
		if (!db_is_duplicate())	/* else taken a moment ago by another sign-up */
			return -1;
	}
	log_error("vp.signup_slug", "user=%lld msg=\"no free shop address\"", j->user_id);
	return -1;
}

/* The email confirmation: a single-use link and a 6-digit code, stored
 * hashed, and the mail that carries them. Returns 0 or -1. */
static int
vp_signup_tx(void *arg)
{
	struct vp_signup_job *j = arg;
	long long plan_id;

	j->taken = 0;
	if (db_exec(vp_signup_user_sql, "sss", j->email, j->name, j->hash) != 1) {
		if (db_is_duplicate())
			j->taken = 1;
		return -1;
	}
	j->user_id = (long long)db_insert_id();
	if ((plan_id = db_scalar(-1, vp_signup_plan_sql, "")) <= 0) {
		log_error("vp.signup_plan", "msg=\"no plan to put a new vendor on\"");
		return -1;
	}
	if ((j->vendor_id = vp_signup_vendor(j, plan_id)) < 0 ||
	    vp_profile_seal(j->vendor_id, j->p) != 0 ||
	    db_exec(vp_signup_review_sql, "i", j->vendor_id) != 1 ||
	    auth_verify_mail(&j->rq->arena, "/verify", j->user_id, j->email, j->name) != 0)
		return -1;
	return audit_log(j->rq, "vendor.signup", "vendor", j->vendor_id,
			 arena_printf(&j->rq->arena, "user %lld", j->user_id));
}

/* The form page of POST /vendor/signup (route.h): the router adds what was
 * typed and the errors; a taken address also links to the password reset. */
tmpl_dict *
vp_signup_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d = vp_signup_page(v, rq, rs, &v->fields);
	const char *email_error = kvlist_get(&rq->form_errors, "email");

	if (email_error != NULL && strcmp(email_error, AUTH_EMAIL_TAKEN) == 0)
		tmpl_show(d, "EMAIL_TAKEN");
	return d;
}

/*
 * ROUTE: POST /vendor/signup      TEMPLATE: vendor/signup_form.tpl
 * PARAMS: name, email, password (a new one), legal_name, trading_name,
 *         registration_number, tax_id, address, phone, website,
 *         description, bank_holder, bank_account (the profile's rules,
 *         vp_main.c); bad input shows the form again (R_FORM)
 * Creates the vendor's account and its shop (pending, with an open review
 * and the personal fields sealed), mails the email confirmation, logs the
 * vendor in and sends them to the portal. An address that already has an
 * account is said so next to the field.
 */
int
vp_signup(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_profile p;
	struct vp_signup_job job = { 0 };
	char hash[PASSWORD_HASH_SIZE];
	const char *email = req_str(rq, "email");
	long long found;
	tmpl_dict *fields;

	if (rq->sess != NULL) {
		if (strcmp(rq->sess->role, "vendor") == 0)
			return resp_redirect(rs, 303, "/vendor/");
		vp_signup_page(&v, rq, rs, &fields);
		return view_end_status(&v, rs, 409);
	}
	if ((found = db_scalar(-1, vp_signup_taken_sql, "s", email)) < 0)
		return 500;
	if (found > 0) {
		route_form_error(rq, "email", AUTH_EMAIL_TAKEN);
		return route_form_fail(rq, rs);
	}
	vp_profile_read(rq, &p);
	if (password_hash(req_str(rq, "password"), hash) != 0)
		return 500;
	job.rq = rq;
	job.name = req_str(rq, "name");
	job.email = email;
	job.hash = hash;
	job.p = &p;
	if (db_tx(vp_signup_tx, &job) != 0) {
		sodium_memzero(hash, sizeof hash);
		if (job.taken) {
			route_form_error(rq, "email", AUTH_EMAIL_TAKEN);
			return route_form_fail(rq, rs);
		}
		return 500;
	}
	sodium_memzero(hash, sizeof hash);
	log_info("vendor.signup", "user=%lld vendor=%lld", job.user_id, job.vendor_id);
	if (sess_start(rq, rs, job.user_id, 0) != 0) {
		resp_set_flash(rs, "Your vendor account is ready. Log in to continue.");
		return resp_redirect(rs, 303, "/login?next=/vendor/");
	}
	/* The portal's notice says where the confirmation mail went. */
	resp_set_flash(rs, "Welcome to Bazaar! We are checking your business details.");
	return resp_redirect(rs, 303, "/vendor/");
}

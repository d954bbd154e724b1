/*
 * vp_profile: the vendor's business profile (legal and trading names,
 * registration, tax id, address, phone, website, description, payout bank
 * account) and its verification.
 *
 * The address, phone and bank details are personal data: they are stored
 * only sealed (crypt.h) in vendors.*_enc, bound to the vendor's row. A
 * verified vendor who changes what the verification vouched for (legal
 * name, registration number, tax id, address, phone, bank details) goes
 * back to 'pending' with a new review; a rejected vendor fixes the profile
 * and then sends it again with POST /vendor/resubmit.
 *
 * An admin approves only what was checked: while a review is open, a
 * change of a field deletes the checklist answers of the items that field
 * is part of (vp_field_rule.checks), so those items are checked again on
 * the new value ("vendor.checks_reset" in the audit log).
 *
 * The fields are declared once, in vp_main.c (VP_PROFILE_PARAMS), for this
 * form and the sign-up form (vp_signup.c); the router checks them.
 */
#include "vp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "audit.h"
#include "catalog.h"
#include "crypt.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "sess.h"

/* The checklist items: the registry extract names the company and its
 * number; the bank account's holder must match the legal name; the contact
 * check reaches the business by phone or through its website; the goods
 * check reads what the shop says it sells (names, description, website). */
const struct vp_field_rule vp_profile_rules[VP_NFIELDS] = {
	[VP_LEGAL_NAME] = { "legal_name", NULL, 1, VP_CHECK_REGISTRATION | VP_CHECK_BANK_HOLDER },
	[VP_TRADING_NAME] = { "trading_name", NULL, 0, VP_CHECK_PROHIBITED },
	[VP_REGISTRATION_NUMBER] = { "registration_number", NULL, 1, VP_CHECK_REGISTRATION },
	[VP_TAX_ID] = { "tax_id", NULL, 1, VP_CHECK_TAX_ID },
	[VP_ADDRESS] = { "address", "address_enc", 1, VP_CHECK_ADDRESS },
	[VP_PHONE] = { "phone", "phone_enc", 1, VP_CHECK_CONTACT },
	[VP_WEBSITE] = { "website", NULL, 0, VP_CHECK_CONTACT | VP_CHECK_PROHIBITED },
	[VP_DESCRIPTION] = { "description", NULL, 0, VP_CHECK_PROHIBITED },
	[VP_BANK_HOLDER] = { "bank_holder", "bank_holder_enc", 1, VP_CHECK_BANK_HOLDER },
	[VP_BANK_ACCOUNT] = { "bank_account", "bank_account_enc", 1, VP_CHECK_BANK_HOLDER },
};

/* vendor_checks.item of each enum vp_check bit, in bit order: the admin
 * site's checklist (the same order). */
#define VP_PROFILE_CHECK_ITEM(key, label, question) key,
static const char *const vp_profile_check_items[] = {
	CHECKLIST(VP_PROFILE_CHECK_ITEM)
};
#undef VP_PROFILE_CHECK_ITEM
_Static_assert(sizeof vp_profile_check_items / sizeof vp_profile_check_items[0] == VP_NCHECKS,
	       "enum vp_check has a bit for each item of the admin site's checklist");

/* The profile of the session's vendor, in vp_field order, then id, status
 * and slug. */
#define VP_PROFILE_COLUMNS \
	"legal_name, trading_name, registration_number, tax_id, address_enc, phone_enc," \
	" website, description, bank_holder_enc, bank_account_enc, id, status, slug"
enum { VP_COL_ID = VP_NFIELDS, VP_COL_STATUS, VP_COL_SLUG };

static const char vp_profile_load_sql[] =
	"SELECT " VP_PROFILE_COLUMNS " FROM vendors WHERE user_id = ?";
static const char vp_profile_lock_sql[] =
	"SELECT " VP_PROFILE_COLUMNS " FROM vendors WHERE user_id = ? FOR UPDATE";
static const char vp_profile_vendor_sql[] =
	"SELECT id, slug, trading_name, status FROM vendors WHERE user_id = ?";
static const char vp_profile_rejection_sql[] =
	"SELECT reason FROM vendor_reviews WHERE vendor_id = ? AND decision = 'rejected'"
	" ORDER BY id DESC LIMIT 1";
static const char vp_profile_save_sql[] =
	"UPDATE vendors SET legal_name = ?, trading_name = ?, registration_number = ?, tax_id = ?,"
	" website = ?, description = ? WHERE id = ?";
static const char vp_profile_seal_sql[] =
	"UPDATE vendors SET address_enc = ?, phone_enc = ?, bank_holder_enc = ?, bank_account_enc = ?"
	" WHERE id = ?";
static const char vp_profile_pending_sql[] =
	"UPDATE vendors SET status = 'pending', submitted_at = NOW() WHERE id = ?";
static const char vp_profile_resubmit_sql[] =
	"UPDATE vendors SET status = 'pending', submitted_at = NOW() WHERE id = ? AND status = 'rejected'";
static const char vp_profile_review_sql[] =
	"INSERT INTO vendor_reviews (vendor_id, submitted_at) VALUES (?, NOW())";
static const char vp_profile_status_sql[] =
	"SELECT id, status FROM vendors WHERE user_id = ? FOR UPDATE";
static const char vp_profile_open_review_sql[] =
	"SELECT COALESCE(MAX(id), 0) FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL FOR UPDATE";
static const char vp_profile_check_reset_sql[] =
	"DELETE FROM vendor_checks WHERE review_id = ? AND item = ?";

/* ---- the fields ----------------------------------------------------------- */

void
vp_profile_read(struct req *rq, struct vp_profile *p)
{
	const char *v;
	int i;

	/* Declared in vp_main.c (VP_PROFILE_PARAMS): tidied and checked by the
	 * router, the account number compacted by its validator. */
	for (i = 0; i < VP_NFIELDS; i++)
		p->v[i] = (v = req_str(rq, vp_profile_rules[i].name)) != NULL ? v : "";
}

void
vp_profile_fill(tmpl_dict *fields, const struct vp_profile *p)
{
	char key[40];
	size_t j;
	int i;

	for (i = 0; i < VP_NFIELDS; i++) {
		const char *name = vp_profile_rules[i].name;

		for (j = 0; name[j] && j < sizeof key - 1; j++)
			key[j] = (name[j] >= 'a' && name[j] <= 'z') ? (char)(name[j] - 'a' + 'A') : name[j];
		key[j] = '\0';
		tmpl_set(fields, key, p->v[i]);
	}
}

int
vp_profile_seal(long long vendor_id, const struct vp_profile *p)
{
	static const enum vp_field sealed[] = { VP_ADDRESS, VP_PHONE, VP_BANK_HOLDER, VP_BANK_ACCOUNT };
	unsigned char *box[4] = { NULL, NULL, NULL, NULL };
	size_t len[4] = { 0, 0, 0, 0 }, i;
	int rc = -1;

	for (i = 0; i < 4; i++) {
		const char *v = p->v[sealed[i]];

		box[i] = crypt_seal("vendors", vp_profile_rules[sealed[i]].column, vendor_id, v, strlen(v),
				    &len[i]);
		if (box[i] == NULL) {
			log_error("vp.seal", "vendor=%lld column=%s", vendor_id,
				  vp_profile_rules[sealed[i]].column);
			goto out;
		}
	}
	if (db_exec(vp_profile_seal_sql, "bbbbi", box[0], len[0], box[1], len[1], box[2], len[2],
		    box[3], len[3], vendor_id) < 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < 4; i++)
		free(box[i]);
	return rc;
}

/* Reads the session's vendor profile (locking the row when lock is set).
 * Returns 0, 404 when the user has no vendor row, 500 on a database error. */
static int
vp_profile_load(struct req *rq, int lock, struct vp_profile *p, struct vp_vendor *v)
{
	struct db_result *r;
	unsigned i;

	r = db_query(lock ? vp_profile_lock_sql : vp_profile_load_sql, "i", rq->sess->user_id);
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	v->id = db_int(r, VP_COL_ID);
	v->status = arena_strdup(&rq->arena, db_str(r, VP_COL_STATUS));
	v->slug = arena_strdup(&rq->arena, db_str(r, VP_COL_SLUG));
	v->trading_name = arena_strdup(&rq->arena, db_str(r, VP_TRADING_NAME));
	for (i = 0; i < VP_NFIELDS; i++)
		p->v[i] = vp_profile_rules[i].column ?
			  crypt_open_column(&rq->arena, "vendors", vp_profile_rules[i].column, v->id, r, i, "") :
			  arena_strdup(&rq->arena, db_str(r, i) ? db_str(r, i) : "");
	db_free(r);
	return 0;
}

int
vp_profile_vendor(struct req *rq, struct vp_vendor *out)
{
	struct db_result *r;

	if ((r = db_query(vp_profile_vendor_sql, "i", rq->sess->user_id)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		log_warn("vp.no_vendor", "user=%lld", rq->sess->user_id);
		return 404;
	}
	out->id = db_int(r, 0);
	out->slug = arena_strdup(&rq->arena, db_str(r, 1));
	out->trading_name = arena_strdup(&rq->arena, db_str(r, 2));
	out->status = arena_strdup(&rq->arena, db_str(r, 3));
	db_free(r);
	return 0;
}

const char *
vp_profile_rejection(struct arena *a, long long vendor_id)
{
	struct db_result *r = db_query(vp_profile_rejection_sql, "i", vendor_id);
	const char *reason = NULL;

	if (r && db_next(r) && db_str(r, 0) && *db_str(r, 0))
		reason = arena_strdup(a, db_str(r, 0));
	db_free(r);
	return reason;
}

/* ---- the page ------------------------------------------------------------- */

/* The profile form around p, with the notes that depend on the status. */
static tmpl_dict *
vp_profile_page(struct view *v, struct req *rq, struct resp *rs, const struct vp_vendor *vendor,
		const struct vp_profile *p, tmpl_dict **fields)
{
	tmpl_dict *d, *s;
	const char *reason;

	d = view_begin(v, rq, rs, "vendor/profile_form.tpl", "Business profile");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Business profile", NULL);
	vp_dashboard_nav(d, "/vendor/profile");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	*fields = tmpl_include(d, "FIELDS", "vendor/_profile_fields.tpl");
	vp_profile_fill(*fields, p);
	if (strcmp(vendor->status, "verified") == 0) {
		tmpl_set(tmpl_section(d, "STATUS_VERIFIED"), "SLUG", vendor->slug);
		tmpl_show(*fields, "RECHECK");
	} else if (strcmp(vendor->status, "rejected") == 0) {
		s = tmpl_section(d, "STATUS_REJECTED");
		if ((reason = vp_profile_rejection(&rq->arena, vendor->id)) != NULL)
			tmpl_set(tmpl_section(s, "HAS_REASON"), "REASON", reason);
	} else if (strcmp(vendor->status, "blocked") == 0) {
		tmpl_show(d, "STATUS_BLOCKED");
	} else {
		tmpl_show(d, "STATUS_PENDING");
	}
	return d;
}

/*
 * ROUTE: GET /vendor/profile      TEMPLATE: vendor/profile_form.tpl
 * PARAMS: none
 * The vendor's business profile in a form, filled with the stored values
 * (the personal fields opened from their sealed columns).
 */
int
vp_profile_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_profile p;
	struct vp_vendor vendor;
	tmpl_dict *fields;
	int status;

	if ((status = vp_profile_load(rq, 0, &p, &vendor)) != 0)
		return status;
	vp_profile_page(&v, rq, rs, &vendor, &p, &fields);
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* The form page of POST /vendor/profile (route.h): the stored profile,
 * which the router covers with what was typed. */
tmpl_dict *
vp_profile_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_profile p;
	struct vp_vendor vendor;

	if (vp_profile_load(rq, 0, &p, &vendor) != 0)
		return NULL;
	return vp_profile_page(v, rq, rs, &vendor, &p, &v->fields);
}

/* One change of the profile, made inside a transaction. */
struct vp_profile_change {
	struct req *rq;
	const struct vp_profile *want;
	struct vp_vendor vendor;	/* as it was before the change */
	struct buf changed;		/* names of the fields that changed */
	int recheck;			/* a verified shop goes back to pending */
	int shop_changed;		/* what shoppers see of the shop changed */
	int checks_reset;		/* answers of the open review were deleted */
};

/*
 * Inside the change: deletes the open review's answers to the checklist
 * items in checks (enum vp_check bits) and records which were deleted as
 * "vendor.checks_reset". Nothing to do without an open review. 0 or 500.
 */
static int
vp_profile_reset_checks(struct vp_profile_change *c, unsigned checks)
{
	struct buf items;
	long long review, n;
	int i, status = 500;

	if (checks == 0)
		return 0;
	if ((review = db_scalar(-1, vp_profile_open_review_sql, "i", c->vendor.id)) < 0)
		return 500;
	if (review == 0)
		return 0;
	buf_init(&items);
	for (i = 0; i < VP_NCHECKS; i++) {
		if (!(checks & (1u << i)))
			continue;
		if ((n = db_exec(vp_profile_check_reset_sql, "is", review, vp_profile_check_items[i])) < 0)
			goto out;
		if (n > 0)
			buf_printf(&items, "%s%s", items.len ? ", " : "", vp_profile_check_items[i]);
	}
	if (items.len > 0) {
		c->checks_reset = 1;
		if (audit_log(c->rq, "vendor.checks_reset", "vendor", c->vendor.id,
			      arena_printf(&c->rq->arena, "review %lld: %s", review, items.data)) != 0)
			goto out;
	}
	status = 0;
out:
	buf_free(&items);
	return status;
}

static int
vp_profile_change_tx(void *arg)
{
	struct vp_profile_change *c = arg;
	struct vp_profile was;
	const struct vp_profile *p = c->want;
	const char *detail;
	unsigned checks = 0;
	int i, verified, status;

	buf_reset(&c->changed);
	c->recheck = c->shop_changed = c->checks_reset = 0;
	if ((status = vp_profile_load(c->rq, 1, &was, &c->vendor)) != 0)
		return status;
	verified = strcmp(c->vendor.status, "verified") == 0;
	for (i = 0; i < VP_NFIELDS; i++) {
		if (strcmp(was.v[i], p->v[i]) == 0)
			continue;
		buf_printf(&c->changed, "%s%s", c->changed.len ? ", " : "", vp_profile_rules[i].name);
		checks |= vp_profile_rules[i].checks;
		if (verified && vp_profile_rules[i].recheck)
			c->recheck = 1;
		if (verified && (i == VP_TRADING_NAME || i == VP_DESCRIPTION))
			c->shop_changed = 1;
	}
	if (c->changed.len == 0)
		return 0;
	if (db_exec(vp_profile_save_sql, "ssssssi", p->v[VP_LEGAL_NAME], p->v[VP_TRADING_NAME],
		    p->v[VP_REGISTRATION_NUMBER], p->v[VP_TAX_ID], p->v[VP_WEBSITE], p->v[VP_DESCRIPTION],
		    c->vendor.id) < 0)
		return 500;
	if (vp_profile_seal(c->vendor.id, p) != 0)
		return 500;
	/* The vendor's row is locked (vp_profile_load), as an admin's decision
	 * locks it: an approval sees either the old answers or none. */
	if ((status = vp_profile_reset_checks(c, checks)) != 0)
		return status;
	if (c->recheck) {
		if (db_exec(vp_profile_pending_sql, "i", c->vendor.id) != 1 ||
		    db_exec(vp_profile_review_sql, "i", c->vendor.id) != 1)
			return 500;
		c->shop_changed = 1;
	}
	/* The shop's name and text show with its products. */
	if (c->shop_changed && catalog_vendor_events(c->vendor.id) < 0)
		return 500;
	detail = arena_printf(&c->rq->arena, "changed: %s%s", c->changed.data,
			      c->recheck ? "; sent back for checking" : "");
	if (audit_log(c->rq, "vendor.profile_update", "vendor", c->vendor.id, detail) != 0)
		return 500;
	return 0;
}

/*
 * ROUTE: POST /vendor/profile      TEMPLATE: vendor/profile_form.tpl
 * PARAMS: legal_name, trading_name, registration_number, tax_id, address,
 *         phone, website, description, bank_holder, bank_account (the
 *         profile's rules, vp_main.c); bad input shows the form again (R_FORM)
 * Saves the profile, sealing the personal fields again. A
 * verified shop whose legal name, registration, tax id, address, phone or
 * bank details change goes back to pending with a new review; the form said
 * so. While a review is open, the checklist answers about changed fields
 * are deleted, to be checked again ("vendor.checks_reset").
 */
int
vp_profile_update(struct req *rq, struct resp *rs)
{
	struct vp_profile p;
	struct vp_profile_change c;
	int status;

	vp_profile_read(rq, &p);
	memset(&c, 0, sizeof c);
	buf_init(&c.changed);
	c.rq = rq;
	c.want = &p;
	status = db_tx(vp_profile_change_tx, &c);
	if (status != 0) {
		status = status == 404 ? 404 : 500;
		goto out;
	}
	if (c.shop_changed)
		catalog_vendor_changed(c.vendor.id);
	if (c.changed.len == 0)
		resp_set_flash(rs, "Nothing had changed: your profile is as it was.");
	else if (c.recheck)
		resp_set_flash(rs, "Your profile is saved. Because you changed details we verify, "
			       "your shop is hidden until we have checked them again.");
	else if (c.checks_reset)
		resp_set_flash(rs, "Your profile is saved. We had already checked some of the details you "
			       "changed, so we will check them again.");
	else if (strcmp(c.vendor.status, "rejected") == 0)
		resp_set_flash(rs, "Your profile is saved. When you have fixed everything, "
			       "send it for checking again.");
	else
		resp_set_flash(rs, "Your profile is saved.");
	status = resp_redirect(rs, 303, "/vendor/");
out:
	buf_free(&c.changed);
	return status;
}

/* A resubmission, inside a transaction. */
struct vp_profile_resend {
	struct req *rq;
	long long vendor_id;
};

static int
vp_profile_resubmit_tx(void *arg)
{
	struct vp_profile_resend *s = arg;
	struct db_result *r;
	int rejected;

	if ((r = db_query(vp_profile_status_sql, "i", s->rq->sess->user_id)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	s->vendor_id = db_int(r, 0);
	rejected = strcmp(db_str(r, 1), "rejected") == 0;
	db_free(r);
	if (!rejected)
		return 409;
	if (db_exec(vp_profile_resubmit_sql, "i", s->vendor_id) != 1 ||
	    db_exec(vp_profile_review_sql, "i", s->vendor_id) != 1 ||
	    audit_log(s->rq, "vendor.resubmit", "vendor", s->vendor_id, "") != 0)
		return 500;
	return 0;
}

/*
 * ROUTE: POST /vendor/resubmit      TEMPLATE: none (redirects to /vendor/)
 * PARAMS: none
 * Sends a rejected profile for checking again: the shop becomes pending and
 * a new review opens. Only a rejected profile can be sent (409 otherwise).
 */
int
vp_profile_resubmit(struct req *rq, struct resp *rs)
{
	struct vp_profile_resend s = { rq, 0 };
	int status = db_tx(vp_profile_resubmit_tx, &s);

	if (status == 409) {
		rs->message = "Only a profile we turned down can be sent for checking again: "
			      "yours is not waiting for changes.";
		return 409;
	}
	if (status != 0)
		return status == 404 ? 404 : 500;
	resp_set_flash(rs, "Your profile has been sent for checking again. This usually takes "
		       "two working days.");
	return resp_redirect(rs, 303, "/vendor/");
}

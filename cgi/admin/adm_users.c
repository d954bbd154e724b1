/*
 * adm_users: accounts. Admins find an account by email or name, see its
 * details and what the audit log says about it, and block or unblock it.
 *
 * Blocking leaves the account's sessions to the session check: at the
 * holder's next request sess_load sees the status, ends every session of
 * the account and the guard tells them why they were logged out (the reason
 * and how to appeal). Unblocking ends what is left of them, so a session from
 * before the block never comes back. For a vendor, blocking takes the shop
 * off the site: vendors.status becomes 'blocked' (the status it had is kept
 * in blocked_from, to return to on unblocking) and the cached pages of its
 * products are deleted after the commit.
 */
#include "adm.h"

#include <string.h>

#include "audit.h"
#include "buf.h"
#include "catalog.h"
#include "cfg.h"
#include "mail.h"
#include "sess.h"
#include "text.h"

#define ADM_USERS_AUDIT_ROWS 20

/* ---- search --------------------------------------------------------------- */

/* Where q is found in the email address or the name; '!' escapes the LIKE
 * wildcards typed by the admin. */
#define ADM_USERS_WHERE \
	" WHERE (? = '' OR email LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!')" \
	" AND (? = '' OR role = ?) AND (? = '' OR status = ?)"

static const char adm_users_count_sql[] = "SELECT COUNT(*) FROM users" ADM_USERS_WHERE;
static const char adm_users_list_sql[] =
	"SELECT id, email, name, role, status, DATE_FORMAT(created_at, '%Y-%m-%d'),"
	" email_verified_at IS NOT NULL FROM users" ADM_USERS_WHERE
	" ORDER BY id DESC LIMIT ? OFFSET ?";

/* "%<q with ! % _ escaped>%" for LIKE ... ESCAPE '!'. */
static char *
adm_users_pattern(struct arena *a, const char *q)
{
	char *out = arena_alloc(a, 2 * strlen(q) + 3), *o = out;

	*o++ = '%';
	for (; *q; q++) {
		if (*q == '!' || *q == '%' || *q == '_')
			*o++ = '!';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

static const char *
adm_users_role_label(const char *role)
{
	if (strcmp(role, "customer") == 0)
		return "Customer";
	if (strcmp(role, "vendor") == 0)
		return "Vendor";
	if (strcmp(role, "admin") == 0)
		return "Admin";
	return role;
}

/* A <select>'s options with the chosen one marked. */
static void
adm_users_options(tmpl_dict *d, const char *section, const char *const *values, const char *chosen,
		  const char *(*label)(const char *))
{
	tmpl_dict *o;

	for (; *values; values++) {
		o = tmpl_section(d, section);
		tmpl_set(o, "VALUE", *values);
		tmpl_set(o, "LABEL", label(*values));
		if (chosen && strcmp(chosen, *values) == 0)
			tmpl_show(o, "SELECTED");
	}
}

/*
 * ROUTE: GET /admin/users      TEMPLATE: admin/users_list.tpl
 * PARAMS: q (text in the email address or name, up to 100 bytes),
 *         role (customer|vendor|admin), status (active|blocked|deleted),
 *         page (1..10000)
 * Accounts matching the search, newest first, 50 a page.
 */
int
adm_users_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	const char *q = text_trim(a, req_str(rq, "q")), *role = req_str(rq, "role");
	const char *state = req_str(rq, "status"), *pattern;
	const char *filters[] = { "q", q, "role", role, "status", state, NULL };
	long long page = req_int(rq, "page", 1), total;
	struct view v = { 0 };
	struct db_result *r = NULL;
	tmpl_dict *d, *row;
	int status = 500;

	if (role == NULL)
		role = "";
	if (state == NULL)
		state = "";
	pattern = adm_users_pattern(a, q);
	total = db_scalar(-1, adm_users_count_sql, "sssssss", q, pattern, pattern, role, role, state, state);
	if (total < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(adm_users_list_sql, "sssssssii", q, pattern, pattern, role, role, state, state,
			  (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		goto out;

	d = adm_page(&v, rq, rs, "admin/users_list.tpl", "Accounts", ADM_SECTION_USERS);
	view_crumb(&v, "Accounts", NULL);
	tmpl_set(d, "Q", q);
	adm_users_options(d, "ROLE_OPTION", adm_users_roles, role, adm_users_role_label);
	adm_users_options(d, "STATUS_OPTION", adm_users_states, state, adm_status_label);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "account", "accounts"));
	tmpl_show(d, db_rows(r) > 0 ? "HAS_USERS" : "NO_USERS");
	while (db_next(r)) {
		row = tmpl_section(d, "USER");
		tmpl_set(row, "URL", arena_printf(a, "/admin/users/%lld", db_int(r, 0)));
		tmpl_set(row, "EMAIL", db_str(r, 1));
		tmpl_set(row, "NAME", db_str(r, 2));
		tmpl_set(row, "ROLE", adm_users_role_label(db_str(r, 3)));
		tmpl_set(row, "STATUS", adm_status_label(db_str(r, 4)));
		tmpl_set(row, "STATUS_CLASS", db_str(r, 4));
		tmpl_set(row, "CREATED", db_str(r, 5));
		if (!db_int(r, 6))
			tmpl_show(row, "UNVERIFIED");
	}
	adm_pagination(d, a, "/admin/users", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* ---- one account ---------------------------------------------------------- */

/* The form of an account's page that a request sent, whose section takes
 * the values and errors the router puts back (route.h). */
enum adm_users_sent {
	ADM_USERS_NO_FORM,
	ADM_USERS_BLOCK_FORM,
	ADM_USERS_UNBLOCK_FORM,
};

static const char adm_users_view_sql[] =
	"SELECT id, email, name, role, status, status_reason, DATE_FORMAT(email_verified_at, '%Y-%m-%d %H:%i'),"
	" password_hash IS NOT NULL, totp_secret_enc IS NOT NULL,"
	" DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i')"
	" FROM users WHERE id = ?";
static const char adm_users_audit_sql[] =
	"SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.action, a.actor_id, u.email, a.actor_role, a.ip,"
	" a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
	" WHERE a.object_type = 'user' AND a.object_id = ? ORDER BY a.id DESC LIMIT ?";

static void
adm_users_fact(tmpl_dict *d, const char *label, const char *value)
{
	tmpl_dict *f = tmpl_section(d, "FACT");

	tmpl_set(f, "LABEL", label);
	tmpl_set(f, "VALUE", value && *value ? value : "—");
}

/*
 * Builds an account's page into v (its dictionary in v->body). The block
 * or unblock form, whichever the account's state offers, is empty; when it
 * is the form sent, its section is v->fields. page_error is said about the
 * page as a whole (field "account"). Returns 200, 404 when there is no
 * such account, 500.
 */
static int
adm_users_page(struct req *rq, struct resp *rs, struct view *v, long long id, enum adm_users_sent sent,
	       const char *page_error)
{
	struct arena *a = &rq->arena;
	struct db_result *r = NULL, *vendor = NULL, *audit = NULL;
	const char *role, *state;
	long long sessions;
	tmpl_dict *d, *s, *row;
	int rc = 500, self;

	if ((r = db_query(adm_users_view_sql, "i", id)) == NULL)
		goto out;
	if (!db_next(r)) {
		rc = 404;
		goto out;
	}
	sessions = db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > UTC_TIMESTAMP()", "i", id);
	if (sessions < 0 ||
	    (vendor = db_query("SELECT id, trading_name, status FROM vendors WHERE user_id = ?", "i", id)) == NULL ||
	    (audit = db_query(adm_users_audit_sql, "ii", id, (long long)ADM_USERS_AUDIT_ROWS)) == NULL)
		goto out;
	role = db_str(r, 3);
	state = db_str(r, 4);
	self = rq->sess && rq->sess->user_id == id;

	d = adm_page(v, rq, rs, "admin/users_view.tpl", db_str(r, 1), ADM_SECTION_USERS);
	view_crumb(v, "Accounts", "/admin/users");
	view_crumb(v, db_str(r, 1), NULL);
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "EMAIL", db_str(r, 1));
	tmpl_set(d, "NAME", db_str(r, 2));
	tmpl_set(d, "STATUS", adm_status_label(state));
	tmpl_set(d, "STATUS_CLASS", state);
	adm_users_fact(d, "Name", db_str(r, 2));
	adm_users_fact(d, "Email", db_str(r, 1));
	adm_users_fact(d, "Role", adm_users_role_label(role));
	adm_users_fact(d, "Status", adm_status_label(state));
	if (!db_null(r, 5))
		adm_users_fact(d, "Reason for the status", db_str(r, 5));
	adm_users_fact(d, "Email verified", db_null(r, 6) ? "Not yet" : db_str(r, 6));
	adm_users_fact(d, "Password set", db_int(r, 7) ? "Yes" : "No");
	if (strcmp(role, "admin") == 0)
		adm_users_fact(d, "Authenticator app", db_int(r, 8) ? "Enrolled" : "Not enrolled");
	adm_users_fact(d, "Logged in on", arena_printf(a, "%lld device%s", sessions, sessions == 1 ? "" : "s"));
	adm_users_fact(d, "Created", db_str(r, 9));
	adm_users_fact(d, "Last changed", db_str(r, 10));
	if (db_next(vendor)) {
		s = tmpl_section(d, "VENDOR");
		tmpl_set(s, "URL", arena_printf(a, "/admin/vendors/%lld", db_int(vendor, 0)));
		tmpl_set(s, "TRADING_NAME", db_str(vendor, 1));
		tmpl_set(s, "STATUS", adm_status_label(db_str(vendor, 2)));
	}

	tmpl_set(d, "AUDIT_ABOUT_URL", arena_printf(a, "/admin/audit?object_type=user&object_id=%lld", id));
	tmpl_set(d, "AUDIT_BY_URL", arena_printf(a, "/admin/audit?actor=%lld", id));
	tmpl_show(d, db_rows(audit) > 0 ? "HAS_AUDIT" : "NO_AUDIT");
	while (db_next(audit)) {
		row = tmpl_section(d, "AUDIT");
		tmpl_set(row, "AT", db_str(audit, 0));
		tmpl_set(row, "ACTION", db_str(audit, 1));
		tmpl_set(row, "ACTOR", db_str(audit, 3) ? db_str(audit, 3) :
				       *db_str(audit, 4) ? db_str(audit, 4) : "system");
		tmpl_set(row, "IP", db_str(audit, 5));
		tmpl_set(row, "DETAIL", db_str(audit, 6));
	}

	/* Block or unblock, never oneself. */
	if (self) {
		tmpl_show(d, "SELF");
	} else if (strcmp(state, "active") == 0) {
		s = tmpl_section(d, "BLOCK");
		tmpl_set(s, "ACTION", arena_printf(a, "/admin/users/%lld/block", id));
		tmpl_set(s, "REASON", "");
		if (strcmp(role, "vendor") == 0)
			tmpl_show(s, "IS_VENDOR");
		if (sent == ADM_USERS_BLOCK_FORM)
			v->fields = s;
	} else if (strcmp(state, "blocked") == 0) {
		s = tmpl_section(d, "UNBLOCK");
		tmpl_set(s, "ACTION", arena_printf(a, "/admin/users/%lld/unblock", id));
		tmpl_set(s, "REASON", "");
		if (sent == ADM_USERS_UNBLOCK_FORM)
			v->fields = s;
	}
	if (page_error)
		view_form_error(d, "account", page_error);
	rc = 200;
out:
	db_free(r);
	db_free(vendor);
	db_free(audit);
	return rc;
}

/* Renders an account's page with status (see adm_users_page). */
static int
adm_users_render(struct req *rq, struct resp *rs, long long id, const char *page_error, int status)
{
	struct view v = { 0 };
	int rc = adm_users_page(rq, rs, &v, id, ADM_USERS_NO_FORM, page_error);

	if (rc == 200)
		return view_end_status(&v, rs, status);
	view_discard(&v);
	return rc;
}

/* The form pages of the block and unblock routes (route.h): the account's
 * page, the form that was sent filled by the router. */
static tmpl_dict *
adm_users_form_page(struct req *rq, struct resp *rs, struct view *v, enum adm_users_sent sent)
{
	int rc = adm_users_page(rq, rs, v, req_int(rq, "id", 0), sent, NULL);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

tmpl_dict *
adm_users_block_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_users_form_page(rq, rs, v, ADM_USERS_BLOCK_FORM);
}

tmpl_dict *
adm_users_unblock_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_users_form_page(rq, rs, v, ADM_USERS_UNBLOCK_FORM);
}

/*
 * ROUTE: GET /admin/users/{id}      TEMPLATE: admin/users_view.tpl
 * PARAMS: id (user)
 * One account: its details, how many devices are logged in, its shop if
 * it is a vendor, the latest audit entries about it, and the block or
 * unblock form.
 */
int
adm_users_view(struct req *rq, struct resp *rs)
{
	return adm_users_render(rq, rs, req_int(rq, "id", 0), NULL, 200);
}

/* ---- block and unblock ---------------------------------------------------- */

enum {
	ADM_USERS_GONE = 1,	/* no such account */
	ADM_USERS_STATE,	/* not in the state the action starts from */
};

struct adm_users_change {
	struct req *rq;
	long long user_id;
	const char *reason;
	long long vendor_id;	/* the account's shop, 0 when none */
};

/*
 * The account, locked (role, status, email, name), when its status is
 * from; otherwise NULL with *rc ADM_USERS_GONE, ADM_USERS_STATE or -1.
 */
static struct db_result *
adm_users_lock(long long user_id, const char *from, int *rc)
{
	struct db_result *r = db_query("SELECT role, status, email, name FROM users WHERE id = ? FOR UPDATE",
				       "i", user_id);

	*rc = -1;
	if (r == NULL)
		return NULL;
	if (!db_next(r))
		*rc = ADM_USERS_GONE;
	else if (strcmp(db_str(r, 1), from) != 0)
		*rc = ADM_USERS_STATE;
	else
		return r;
	db_free(r);
	return NULL;
}

/*
 * What a block and an unblock do after changing the account u: the
 * account's shop, when it has one, gets its status from vendor_sql (bind:
 * the vendor's id), the account holder is sent the mail d (freed) and
 * the change is recorded as audit action. 0, or -1 on error.
 */
static int
adm_users_finish(struct adm_users_change *c, struct db_result *u, const char *vendor_sql, tmpl_dict *d,
		 const char *subject, const char *mail_template, const char *action)
{
	c->vendor_id = db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM vendors WHERE user_id = ? FOR UPDATE",
				 "i", c->user_id);
	if (c->vendor_id < 0 || (c->vendor_id > 0 && (db_exec(vendor_sql, "i", c->vendor_id) < 0 ||
						       catalog_vendor_events(c->vendor_id) < 0))) {
		tmpl_dict_free(d);
		return -1;
	}
	if (mail_queue(db_str(u, 2), subject, mail_template, d) < 0)
		return -1;
	if (audit_log(c->rq, action, "user", c->user_id, arena_printf(&c->rq->arena, "%.1500s", c->reason)) != 0)
		return -1;
	return 0;
}

static int
adm_users_block_tx(void *arg)
{
	struct adm_users_change *c = arg;
	struct db_result *u;
	tmpl_dict *d;
	int rc;

	if ((u = adm_users_lock(c->user_id, "active", &rc)) == NULL)
		return rc;
	rc = -1;
	if (db_exec("UPDATE users SET status = 'blocked', status_reason = ? WHERE id = ? AND status = 'active'",
		    "si", c->reason, c->user_id) != 1)
		goto out;
	sess_user_changed(c->user_id);	/* their next request reads the status */
	d = tmpl_dict_new("mail");
	tmpl_set(d, "NAME", db_str(u, 3));
	tmpl_set(d, "REASON", c->reason);
	if (strcmp(db_str(u, 0), "vendor") == 0)
		tmpl_show(d, "IS_VENDOR");
	/* blocked_from takes the status before the second assignment changes it. */
	rc = adm_users_finish(c, u, "UPDATE vendors SET blocked_from = status, status = 'blocked'"
			      " WHERE id = ? AND status <> 'blocked'",
			      d, "Your account is blocked", "account_blocked", "user.block");
out:
	db_free(u);
	return rc;
}

/*
 * ROUTE: POST /admin/users/{id}/block      TEMPLATE: admin/users_view.tpl
 * PARAMS: id (user), reason (shown to the user, up to 500 characters),
 *         confirm (the checkbox); bad input shows the form again (R_FORM)
 * Blocks an active account (never one's own): status and reason stored,
 * a vendor's shop taken off the site at once, the user mailed the reason
 * and how to appeal, "user.block" recorded. Their sessions end at their
 * next request, which tells them why (sess_load and the guard).
 */
int
adm_users_block(struct req *rq, struct resp *rs)
{
	struct adm_users_change c = { rq, req_int(rq, "id", 0), req_str(rq, "reason"), 0 };
	int rc;

	if (c.user_id == rq->sess->user_id)
		return adm_users_render(rq, rs, c.user_id, "You cannot block your own account.", 422);
	if ((rc = db_tx(adm_users_block_tx, &c)) < 0)
		return 500;
	if (rc == ADM_USERS_GONE)
		return 404;
	if (rc == ADM_USERS_STATE)
		return adm_users_render(rq, rs, c.user_id, "This account is not active, so it cannot be blocked.", 409);
	if (c.vendor_id > 0)
		catalog_vendor_changed(c.vendor_id);
	resp_set_flash(rs, c.vendor_id > 0 ? "Account blocked. Its shop is off the site and the owner has been told by email."
					   : "Account blocked. The account holder has been told by email.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/users/%lld", c.user_id));
}

static int
adm_users_unblock_tx(void *arg)
{
	struct adm_users_change *c = arg;
	struct db_result *u;
	tmpl_dict *d;
	int rc;

	if ((u = adm_users_lock(c->user_id, "blocked", &rc)) == NULL)
		return rc;
	rc = -1;
	if (db_exec("UPDATE users SET status = 'active', status_reason = NULL WHERE id = ? AND status = 'blocked'",
		    "i", c->user_id) != 1)
		goto out;
	/* Sessions the holder had when blocked and has not used since: they
	 * must not come back to life (nobody can log in while blocked). */
	if (sess_end_others(c->user_id, 0) < 0)
		goto out;
	d = tmpl_dict_new("mail");
	tmpl_set(d, "NAME", db_str(u, 3));
	tmpl_set(d, "LOGIN_URL", arena_printf(&c->rq->arena, "%s%s", mail_base_url(),
					      strcmp(db_str(u, 0), "vendor") == 0 ? "/vendor/" : "/login"));
	/* status takes blocked_from before the second assignment clears it. */
	rc = adm_users_finish(c, u, "UPDATE vendors SET status = COALESCE(blocked_from, 'pending'),"
			      " blocked_from = NULL WHERE id = ? AND status = 'blocked'",
			      d, "Your account is active again", "account_unblocked", "user.unblock");
out:
	db_free(u);
	return rc;
}

/*
 * ROUTE: POST /admin/users/{id}/unblock      TEMPLATE: admin/users_view.tpl
 * PARAMS: id (user), reason (for the audit log, up to 500 characters); bad
 *         input shows the form again (R_FORM)
 * Unblocks an account: active again, sessions from before the block ended,
 * a vendor's shop back to the status it had before (public again when it
 * was verified), the user mailed, "user.unblock" recorded.
 */
int
adm_users_unblock(struct req *rq, struct resp *rs)
{
	struct adm_users_change c = { rq, req_int(rq, "id", 0), req_str(rq, "reason"), 0 };
	int rc;

	if ((rc = db_tx(adm_users_unblock_tx, &c)) < 0)
		return 500;
	if (rc == ADM_USERS_GONE)
		return 404;
	if (rc == ADM_USERS_STATE)
		return adm_users_render(rq, rs, c.user_id, "This account is not blocked.", 409);
	if (c.vendor_id > 0)
		catalog_vendor_changed(c.vendor_id);
	resp_set_flash(rs, "Account unblocked. The account holder has been told by email.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/users/%lld", c.user_id));
}

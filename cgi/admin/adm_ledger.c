/*
 * adm_ledger: a vendor's ledger as the admins see it, and the credits and
 * debits they book by hand (a goodwill credit, a correction), each with the
 * reason the vendor reads next to the entry.
 *
 * A debit is confirmed on a second page that shows the balance before and
 * after. Each form carries a key drawn when it was shown; the entry's
 * reference is "admin:<key>", so a form sent twice (a double click, the
 * browser's back button) books once: the ledger's unique reference refuses
 * the second. Every entry is also in the audit log ("ledger.credit",
 * "ledger.debit"). Entries are never changed: a mistake is put right by an
 * entry the other way.
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "audit.h"
#include "ledger.h"
#include "money.h"
#include "route.h"
#include "sess.h"
#include "token.h"

/*
 * The ledger page of vendor id (page dictionary, or NULL with *status 404
 * or 500): the vendor's name, the entries with the filters of the query
 * (none on a POST) and the credit and debit form with a fresh key.
 */
static tmpl_dict *
adm_ledger_page(struct req *rq, struct resp *rs, struct view *v, long long id, int *status)
{
	struct arena *a = &rq->arena;
	struct ledger_page lp = { 0 };
	unsigned char raw[16];
	char key[33];
	struct db_result *r;
	tmpl_dict *d;
	int get = strcmp(rq->method, "POST") != 0;

	*status = 500;
	if ((r = db_query("SELECT trading_name FROM vendors WHERE id = ?", "i", id)) == NULL)
		return NULL;
	if (db_next(r) != 1) {
		db_free(r);
		*status = 404;
		return NULL;
	}
	d = adm_page(v, rq, rs, "admin/ledger_view.tpl", arena_printf(a, "Ledger of %s", db_str(r, 0)),
		     ADM_SECTION_VENDORS);
	view_crumb(v, "Vendors", "/admin/vendors");
	view_crumb(v, db_str(r, 0), arena_printf(a, "/admin/vendors/%lld", id));
	view_crumb(v, "Ledger", NULL);
	tmpl_show(d, "HEAD");
	tmpl_set(d, "TRADING_NAME", db_str(r, 0));
	tmpl_set(d, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld", id));
	db_free(r);
	lp.path = arena_printf(a, "/admin/vendors/%lld/ledger", id);
	lp.kind = get ? req_str(rq, "kind") : NULL;
	lp.from = get ? req_str(rq, "from") : NULL;
	lp.to = get ? req_str(rq, "to") : NULL;
	lp.page = get ? req_int(rq, "page", 1) : 1;
	lp.page_max = ADM_PAGE_MAX;
	if ((*status = ledger_page_fill(d, a, id, &lp)) != 200)
		return NULL;
	/* The form's fields and their messages go into its section. */
	v->fields = tmpl_section(d, "FORM");
	tmpl_set(v->fields, "ACTION", lp.path);
	randombytes_buf(raw, sizeof raw);
	tmpl_set(v->fields, "KEY", token_hex(raw, sizeof raw, key));
	tmpl_set(v->fields, "AMOUNT", "");
	tmpl_set(v->fields, "REASON", "");
	return d;
}

/*
 * ROUTE: GET /admin/vendors/{id}/ledger      TEMPLATE: admin/ledger_view.tpl
 * PARAMS: id (vendor), kind (a ledger kind), from, to (YYYY-MM-DD),
 *         page (1..10000)
 * The vendor's balance and entries, newest first, 50 a page, filtered by
 * kind and dates; and the form to credit or debit the vendor.
 */
int
adm_ledger_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	if (adm_ledger_page(rq, rs, &v, req_path_id(rq, "id"), &status) == NULL) {
		view_discard(&v);
		return status;
	}
	return view_end(&v, rs);
}

tmpl_dict *
adm_ledger_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	int status;
	tmpl_dict *d = adm_ledger_page(rq, rs, v, req_path_id(rq, "id"), &status);

	if (d == NULL)
		rs->status = status;
	return d;
}

struct adm_ledger_entry {
	struct req *rq;
	long long vendor_id, amount;	/* signed */
	const char *kind, *reason, *key;
	long long id;			/* the entry, or LEDGER_EXISTS */
};

static int
adm_ledger_tx(void *arg)
{
	struct adm_ledger_entry *e = arg;
	struct arena *a = &e->rq->arena;
	char amount[64];

	e->id = ledger_append(e->vendor_id, e->kind, e->amount, arena_printf(a, "admin:%s", e->key), e->reason,
			      e->rq->sess->user_id);
	if (e->id == LEDGER_EXISTS)
		return 0;
	if (e->id < 0)
		return -1;
	return audit_log(e->rq, strcmp(e->kind, "credit") == 0 ? "ledger.credit" : "ledger.debit", "vendor",
			 e->vendor_id, arena_printf(a, "%s (entry %lld): %.400s",
						    money_format(e->amount, amount, sizeof amount), e->id,
						    e->reason)) == 0 ? 0 : -1;
}

/* The page that asks to confirm a debit: what it does to the balance, and
 * the form again with the same key and confirm=yes. */
static int
adm_ledger_confirm(struct req *rq, struct resp *rs, const struct adm_ledger_entry *e)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r;
	long long balance, after;
	char text[64];
	tmpl_dict *d, *c;

	if ((r = db_query("SELECT trading_name FROM vendors WHERE id = ?", "i", e->vendor_id)) == NULL)
		return 500;
	if (db_next(r) != 1) {
		db_free(r);
		return 404;
	}
	if (ledger_balance(e->vendor_id, &balance) != 0 || money_add(balance, e->amount, &after) != 0) {
		db_free(r);
		return 500;
	}
	d = adm_page(&v, rq, rs, "admin/ledger_view.tpl", "Confirm the debit", ADM_SECTION_VENDORS);
	view_crumb(&v, "Vendors", "/admin/vendors");
	view_crumb(&v, db_str(r, 0), arena_printf(a, "/admin/vendors/%lld", e->vendor_id));
	view_crumb(&v, "Confirm the debit", NULL);
	tmpl_set(d, "TRADING_NAME", db_str(r, 0));
	tmpl_set(d, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld", e->vendor_id));
	db_free(r);
	c = tmpl_section(d, "CONFIRM");
	tmpl_set(c, "ACTION", arena_printf(a, "/admin/vendors/%lld/ledger", e->vendor_id));
	tmpl_set(c, "DEBIT", money_format(-e->amount, text, sizeof text));
	tmpl_set(c, "AMOUNT", money_plain(-e->amount, text, sizeof text));
	tmpl_set(c, "BALANCE", money_format(balance, text, sizeof text));
	tmpl_set(c, "AFTER", money_format(after, text, sizeof text));
	if (after < 0)
		tmpl_show(c, "GOES_NEGATIVE");
	tmpl_set(c, "REASON", e->reason);
	tmpl_set(c, "KEY", e->key);
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /admin/vendors/{id}/ledger      TEMPLATE: admin/ledger_view.tpl
 * PARAMS: id (vendor), entry_kind (credit|debit), amount (0.01..1,000,000.00),
 *         reason (1..500 characters, the vendor reads it), key (the form's
 *         32 hex digits), confirm (yes: a debit confirmed); bad input shows
 *         the form again (R_FORM)
 * Books a credit at once; a debit only once confirmed (without confirm=yes
 * the confirmation page, which changes nothing). Audited. A form sent a
 * second time books nothing more. Back to the vendor's ledger.
 */
int
adm_ledger_post(struct req *rq, struct resp *rs)
{
	struct adm_ledger_entry e = {
		rq, req_path_id(rq, "id"), req_int(rq, "amount", 0), req_str(rq, "entry_kind"),
		req_str(rq, "reason"), req_str(rq, "key"), 0
	};
	const char *confirm = req_str(rq, "confirm");
	long long found;

	if (strcmp(e.kind, "debit") == 0) {
		e.amount = -e.amount;
		if (confirm == NULL)
			return adm_ledger_confirm(rq, rs, &e);
	}
	if ((found = db_scalar(-1, "SELECT COUNT(*) FROM vendors WHERE id = ?", "i", e.vendor_id)) != 1)
		return found < 0 ? 500 : 404;
	if (db_tx(adm_ledger_tx, &e) != 0)
		return 500;
	resp_set_flash(rs, e.id == LEDGER_EXISTS ? "This form was already sent: nothing more was booked." :
			   strcmp(e.kind, "credit") == 0 ? "Credit booked." : "Debit booked.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld/ledger", e.vendor_id));
}

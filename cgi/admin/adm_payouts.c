/*
 * adm_payouts: the payout queue. Admins see the payouts waiting (and those
 * sent or cancelled), export the waiting ones with each vendor's bank
 * details as a CSV file for the bank, mark a payout sent once the transfer
 * is made (which writes the vendor's 'payout' ledger entry, payout.h, and
 * queues the vendor's "payout sent" mail, ordermail.h) or
 * cancel it with a reason the vendor reads, and set the schedule on which
 * payouts are requested without the vendor asking. Every change and every
 * export is in the audit log.
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "crypt.h"
#include "csv.h"
#include "money.h"
#include "ordermail.h"
#include "payout.h"
#include "route.h"
#include "sess.h"

const char *const adm_payouts_statuses[] = { "requested", "sent", "cancelled", NULL };

#define ADM_PAYOUTS_COLUMNS \
	"SELECT p.id, v.id, v.trading_name, p.amount_minor, p.source, IFNULL(p.period, ''), p.requested_at," \
	" IFNULL(p.sent_at, ''), IFNULL(p.sent_reference, ''), IFNULL(p.cancelled_at, ''), IFNULL(p.cancel_reason, '')," \
	" v.legal_name, v.bank_holder_enc, v.bank_account_enc" \
	" FROM payouts p JOIN vendors v ON v.id = p.vendor_id WHERE p.status = ?"
enum {
	ADM_P_ID, ADM_P_VENDOR_ID, ADM_P_VENDOR, ADM_P_AMOUNT, ADM_P_SOURCE, ADM_P_PERIOD, ADM_P_REQUESTED,
	ADM_P_SENT, ADM_P_REFERENCE, ADM_P_CANCELLED, ADM_P_REASON, ADM_P_LEGAL, ADM_P_HOLDER, ADM_P_ACCOUNT
};

/* The queue page (its dictionary), for the GET and for the schedule's form
 * sent back; NULL on a database error or past the last page (*status). */
static tmpl_dict *
adm_payouts_page(struct req *rq, struct resp *rs, struct view *v, int *status)
{
	struct arena *a = &rq->arena;
	int get = strcmp(rq->method, "POST") != 0;
	const char *state = get && req_str(rq, "status") ? req_str(rq, "status") : "requested";
	long long page = get ? req_int(rq, "page", 1) : 1, total, sum;
	const char *filters[] = { "status", get ? req_str(rq, "status") : NULL, NULL };
	struct payout_schedule sched;
	struct db_result *r;
	char amount[64];
	tmpl_dict *d, *row, *opt;

	*status = 500;
	if ((total = db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE status = ?", "s", state)) < 0 ||
	    (sum = db_scalar(-1, "SELECT IFNULL(SUM(amount_minor), 0) FROM payouts WHERE status = ?", "s", state)) < 0 ||
	    payout_schedule_load(&sched) != 0)
		return NULL;
	if (adm_past_end(page, total)) {
		*status = 404;
		return NULL;
	}
	if ((r = db_query(ADM_PAYOUTS_COLUMNS " ORDER BY p.id LIMIT ? OFFSET ?", "sii", state,
			  (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		return NULL;
	d = adm_page(v, rq, rs, "admin/payouts_list.tpl", "Payouts", ADM_SECTION_PAYOUTS);
	view_crumb(v, "Payouts", NULL);
	for (size_t i = 0; adm_payouts_statuses[i]; i++) {
		opt = tmpl_section(d, "STATUS_OPTION");
		tmpl_set(opt, "VALUE", adm_payouts_statuses[i]);
		tmpl_set(opt, "LABEL", i == 0 ? "Waiting" : i == 1 ? "Sent" : "Cancelled");
		if (strcmp(state, adm_payouts_statuses[i]) == 0)
			tmpl_show(opt, "SELECTED");
	}
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "payout", "payouts"));
	tmpl_set(d, "SUM", money_format(sum, amount, sizeof amount));
	tmpl_show(d, total > 0 ? "HAS_PAYOUTS" : "NO_PAYOUTS");
	if (strcmp(state, "requested") == 0 && total > 0)
		tmpl_show(d, "CAN_EXPORT");
	while (db_next(r)) {
		row = tmpl_section(d, "PAYOUT");
		tmpl_set(row, "ID", db_str(r, ADM_P_ID));
		tmpl_set(row, "VENDOR", db_str(r, ADM_P_VENDOR));
		tmpl_set(row, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld", db_int(r, ADM_P_VENDOR_ID)));
		tmpl_set(row, "LEDGER_URL", arena_printf(a, "/admin/vendors/%lld/ledger", db_int(r, ADM_P_VENDOR_ID)));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, ADM_P_AMOUNT), amount, sizeof amount));
		tmpl_set(row, "SOURCE", strcmp(db_str(r, ADM_P_SOURCE), "schedule") == 0 ?
			 arena_printf(a, "Schedule (%s)", db_str(r, ADM_P_PERIOD)) : "Asked by the vendor");
		tmpl_set(row, "REQUESTED_AT", db_str(r, ADM_P_REQUESTED));
		if (strcmp(state, "requested") == 0) {
			tmpl_dict *act = tmpl_section(row, "ACTIONS");

			tmpl_set(act, "SENT_ACTION", arena_printf(a, "/admin/payouts/%lld/sent", db_int(r, ADM_P_ID)));
			tmpl_set(act, "CANCEL_ACTION", arena_printf(a, "/admin/payouts/%lld/cancel", db_int(r, ADM_P_ID)));
			tmpl_set(act, "ID", db_str(r, ADM_P_ID));
		}
		if (*db_str(r, ADM_P_SENT))
			tmpl_set(tmpl_section(row, "SENT"), "AT", db_str(r, ADM_P_SENT));
		if (*db_str(r, ADM_P_REFERENCE))
			tmpl_set(tmpl_section(row, "REFERENCE"), "TEXT", db_str(r, ADM_P_REFERENCE));
		if (*db_str(r, ADM_P_CANCELLED)) {
			tmpl_dict *c = tmpl_section(row, "CANCELLED");

			tmpl_set(c, "AT", db_str(r, ADM_P_CANCELLED));
			tmpl_set(c, "REASON", db_str(r, ADM_P_REASON));
		}
	}
	db_free(r);
	adm_pagination(d, a, "/admin/payouts", filters, page, total);
	/* The schedule's form; its fields and messages go into its section. */
	v->fields = tmpl_section(d, "SCHEDULE");
	for (size_t i = 0; payout_frequencies[i]; i++) {
		opt = tmpl_section(v->fields, "FREQUENCY_OPTION");
		tmpl_set(opt, "VALUE", payout_frequencies[i]);
		tmpl_set(opt, "LABEL", i == 0 ? "Off: only when a vendor asks" :
			 i == 1 ? "Weekly, on Mondays (UTC)" : "Monthly, on the 1st (UTC)");
		if (strcmp(sched.frequency, payout_frequencies[i]) == 0)
			tmpl_show(opt, "SELECTED");
	}
	tmpl_set(v->fields, "MINIMUM", money_plain(sched.minimum_minor, amount, sizeof amount));
	if (sched.updated_at[0])
		tmpl_set(tmpl_section(v->fields, "UPDATED"), "AT", sched.updated_at);
	*status = 200;
	return d;
}

/*
 * ROUTE: GET /admin/payouts      TEMPLATE: admin/payouts_list.tpl
 * PARAMS: status (requested|sent|cancelled, default requested), page (1..10000)
 * The payouts in one state, oldest first, 50 a page, with their total; for
 * those waiting, the forms that mark one sent (with the transfer's
 * reference) or cancel it (with a reason), and the CSV export; and the
 * schedule's form.
 */
int
adm_payouts_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	if (adm_payouts_page(rq, rs, &v, &status) == NULL) {
		view_discard(&v);
		return status;
	}
	return view_end(&v, rs);
}

tmpl_dict *
adm_payouts_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	int status;
	tmpl_dict *d = adm_payouts_page(rq, rs, v, &status);

	if (d == NULL)
		rs->status = status;
	return d;
}

/*
 * ROUTE: GET /admin/payouts.csv      TEMPLATE: none (a CSV file)
 * PARAMS: none
 * Every payout waiting, oldest first, as a CSV file for the bank (UTF-8
 * with a byte-order mark): payout, requested (UTC), vendor, legal name,
 * account holder, account (IBAN or number), amount (a plain decimal) and
 * the transfer's text. Audited, as it carries bank details.
 */
int
adm_payouts_csv(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct csv_writer w;
	struct db_result *r;
	char amount[32], date[24];
	long long rows = 0, id;

	if ((r = db_query(ADM_PAYOUTS_COLUMNS " ORDER BY p.id LIMIT 100000", "s", "requested")) == NULL)
		return 500;
	csv_writer_init(&w, &rs->body, CSV_WRITE_BOM);
	csv_write_plain(&w, "payout");
	csv_write_plain(&w, "requested");
	csv_write_plain(&w, "vendor");
	csv_write_plain(&w, "legal_name");
	csv_write_plain(&w, "account_holder");
	csv_write_plain(&w, "account");
	csv_write_plain(&w, "amount");
	csv_write_plain(&w, "transfer_text");
	csv_write_end(&w);
	while (db_next(r)) {
		id = db_int(r, ADM_P_VENDOR_ID);
		csv_write_plain(&w, db_str(r, ADM_P_ID));
		csv_write_plain(&w, db_str(r, ADM_P_REQUESTED));
		csv_write_text(&w, db_str(r, ADM_P_VENDOR));
		csv_write_text(&w, db_str(r, ADM_P_LEGAL));
		csv_write_text(&w, crypt_open_column(a, "vendors", "bank_holder_enc", id, r, ADM_P_HOLDER, ""));
		csv_write_text(&w, crypt_open_column(a, "vendors", "bank_account_enc", id, r, ADM_P_ACCOUNT, ""));
		csv_write_plain(&w, money_plain(db_int(r, ADM_P_AMOUNT), amount, sizeof amount));
		csv_write_text(&w, arena_printf(a, "Bazaar payout %s", db_str(r, ADM_P_ID)));
		csv_write_end(&w);
		rows++;
	}
	db_free(r);
	if (audit_log(rq, "payouts.export", "payout", 0, arena_printf(a, "%lld payouts", rows)) != 0)
		return 500;
	clock_datetime(clock_now(), date, sizeof date);
	date[10] = '\0';
	rs->content_type = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition", arena_printf(a, "attachment; filename=\"payouts-%s.csv\"", date));
	return 200;
}

struct adm_payouts_change {
	struct req *rq;
	long long id, vendor_id, amount;
	const char *reference, *reason;
	int result;
};

static int
adm_payouts_sent_tx(void *arg)
{
	struct adm_payouts_change *c = arg;
	char text[64];

	struct arena *a = &c->rq->arena;

	c->result = payout_mark_sent(c->id, c->rq->sess->user_id, c->reference, &c->vendor_id, &c->amount);
	if (c->result != 1)
		return c->result < 0 ? -1 : 0;
	if (audit_log(c->rq, "payout.sent", "payout", c->id,
		      arena_printf(a, "vendor %lld, %s, transfer %.64s", c->vendor_id,
				   money_format(c->amount, text, sizeof text), c->reference)) != 0)
		return -1;
	/* The vendor's mail, in the same transaction: sent exactly when marked. */
	return ordermail_payout_sent(c->vendor_id, c->amount,
				     c->reference[0] ? arena_printf(a, "Bazaar payout %lld, transfer %s", c->id,
								    c->reference) :
						       arena_printf(a, "Bazaar payout %lld", c->id)) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/payouts/{id}/sent      TEMPLATE: none (redirects)
 * PARAMS: id (payout), reference (the bank transfer's, up to 64 characters)
 * Marks a waiting payout sent: its 'payout' entry goes into the vendor's
 * ledger and the vendor's mail into the outbox in the same transaction,
 * audited. A payout already sent or
 * cancelled changes nothing and says so. Back to the queue.
 */
int
adm_payouts_sent(struct req *rq, struct resp *rs)
{
	struct adm_payouts_change c = { rq, req_path_id(rq, "id"), 0, 0, req_str(rq, "reference"), NULL, -1 };
	char text[64];

	if (c.reference == NULL)
		c.reference = "";
	if (db_tx(adm_payouts_sent_tx, &c) != 0)
		return 500;
	if (c.result == 1)
		resp_set_flash(rs, arena_printf(&rq->arena, "Payout %lld of %s marked sent.", c.id,
						money_format(c.amount, text, sizeof text)));
	else
		resp_set_flash(rs, "This payout is not waiting any more (sent or cancelled): nothing changed.");
	return resp_redirect(rs, 303, "/admin/payouts");
}

static int
adm_payouts_cancel_tx(void *arg)
{
	struct adm_payouts_change *c = arg;

	c->result = payout_cancel(c->id, c->rq->sess->user_id, c->reason);
	if (c->result != 1)
		return c->result < 0 ? -1 : 0;
	return audit_log(c->rq, "payout.cancel", "payout", c->id, c->reason) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/payouts/{id}/cancel      TEMPLATE: none (redirects)
 * PARAMS: id (payout), reason (1..500 characters, the vendor reads it)
 * Cancels a waiting payout: its money is available to the vendor again.
 * Audited. A payout already sent or cancelled changes nothing and says so.
 */
int
adm_payouts_cancel(struct req *rq, struct resp *rs)
{
	struct adm_payouts_change c = { rq, req_path_id(rq, "id"), 0, 0, NULL, req_str(rq, "reason"), -1 };

	if (db_tx(adm_payouts_cancel_tx, &c) != 0)
		return 500;
	resp_set_flash(rs, c.result == 1 ? "Payout cancelled: its money is available to the vendor again." :
			   "This payout is not waiting any more (sent or cancelled): nothing changed.");
	return resp_redirect(rs, 303, "/admin/payouts");
}

struct adm_payouts_schedule {
	struct req *rq;
	const char *frequency;
	long long minimum;
};

static int
adm_payouts_schedule_tx(void *arg)
{
	struct adm_payouts_schedule *s = arg;
	char text[64];

	if (payout_schedule_save(s->frequency, s->minimum, s->rq->sess->user_id) != 0)
		return -1;
	return audit_log(s->rq, "payouts.schedule", "payout_schedule", 1,
			 arena_printf(&s->rq->arena, "%s, minimum %s", s->frequency,
				      money_format(s->minimum, text, sizeof text))) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/payouts/schedule      TEMPLATE: admin/payouts_list.tpl
 * PARAMS: frequency (off|weekly|monthly), minimum (0.00..1,000,000.00);
 *         bad input shows the form again (R_FORM)
 * Sets when payouts are requested without the vendor asking: every
 * verified vendor's available balance, when it reaches the minimum, by the
 * job bazaar-payouts. Audited. Back to the queue.
 */
int
adm_payouts_schedule(struct req *rq, struct resp *rs)
{
	struct adm_payouts_schedule s = { rq, req_str(rq, "frequency"), req_int(rq, "minimum", 0) };

	if (db_tx(adm_payouts_schedule_tx, &s) != 0)
		return 500;
	resp_set_flash(rs, strcmp(s.frequency, "off") == 0 ? "Scheduled payouts are off." :
			   "Payout schedule saved.");
	return resp_redirect(rs, 303, "/admin/payouts");
}

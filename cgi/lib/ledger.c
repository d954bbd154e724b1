/*
 * ledger: see ledger.h. The only statements on vendor_ledger are INSERT and
 * SELECT: the table is append-only (schema/0010_plans_ledger.sql).
 */
#include "ledger.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "paging.h"
#include "text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const ledger_kinds[] = {
	"promotion_fee", "promotion_refund", "plan_fee", "credit", "debit",
	"sale", "commission", "refund", "payout", NULL
};
const size_t ledger_nkinds = sizeof ledger_kinds / sizeof ledger_kinds[0] - 1;

static const char *const ledger_kind_labels[] = {
	"Promotion fee", "Promotion refund", "Plan fee", "Credit", "Debit",
	"Sale", "Commission", "Refund", "Payout",
};

/* +1: must be positive; -1: must be negative; 0: any sign but zero. */
static const int ledger_kind_signs[] = { -1, 1, -1, 1, -1, 0, 0, 0, 0 };

static int
ledger_kind_index(const char *kind)
{
	if (kind == NULL)
		return -1;
	for (size_t i = 0; i < ledger_nkinds; i++)
		if (strcmp(kind, ledger_kinds[i]) == 0)
			return (int)i;
	return -1;
}

int
ledger_kind_valid(const char *kind)
{
	return ledger_kind_index(kind) >= 0;
}

const char *
ledger_kind_label(const char *kind)
{
	int i = ledger_kind_index(kind);

	return i < 0 ? "Other" : ledger_kind_labels[i];
}

int
ledger_amount_valid(const char *kind, long long amount_minor)
{
	int i = ledger_kind_index(kind);

	if (i < 0 || amount_minor == 0)
		return 0;
	return ledger_kind_signs[i] == 0 || (ledger_kind_signs[i] > 0) == (amount_minor > 0);
}

static int
ledger_args_valid(long long vendor_id, const char *kind, long long amount_minor,
		  const char *reference, const char *note)
{
	if (vendor_id <= 0 || !ledger_amount_valid(kind, amount_minor) || reference == NULL ||
	    reference[0] == '\0' || strlen(reference) > LEDGER_REFERENCE_MAX ||
	    (note != NULL && text_chars(note) > LEDGER_NOTE_MAX)) {
		log_error("ledger.invalid", "vendor=%lld kind=%s amount=%lld", vendor_id,
			  log_quote(kind ? kind : ""), amount_minor);
		return 0;
	}
	return 1;
}

/* The INSERT itself: the id, LEDGER_EXISTS or LEDGER_ERROR. */
static long long
ledger_insert(long long vendor_id, const char *kind, long long amount_minor,
	      const char *reference, long long vendor_order_id, const char *note, long long created_by)
{
	char now[24];
	long long found;

	/* The usual case of a second writer, without an error in the log; the
	 * unique key still decides when two insert at once. */
	found = db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND kind = ?"
			  " AND reference = ?", "iss", vendor_id, kind, reference);
	if (found < 0)
		return LEDGER_ERROR;
	if (found > 0)
		return LEDGER_EXISTS;
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec("INSERT INTO vendor_ledger (vendor_id, kind, amount_minor, reference,"
		    " vendor_order_id, note, created_by, created_at)"
		    " VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), ?)",
		    "isisisis", vendor_id, kind, amount_minor, reference, vendor_order_id,
		    note ? note : "", created_by, now) == 1)
		return (long long)db_insert_id();
	if (db_is_duplicate())
		return LEDGER_EXISTS;
	return LEDGER_ERROR;
}

long long
ledger_append(long long vendor_id, const char *kind, long long amount_minor,
	      const char *reference, const char *note, long long created_by)
{
	return ledger_append_order(vendor_id, kind, amount_minor, reference, 0, note, created_by);
}

long long
ledger_append_order(long long vendor_id, const char *kind, long long amount_minor,
		    const char *reference, long long vendor_order_id, const char *note,
		    long long created_by)
{
	long long id;

	if (!ledger_args_valid(vendor_id, kind, amount_minor, reference, note) || vendor_order_id < 0)
		return LEDGER_ERROR;
	id = ledger_insert(vendor_id, kind, amount_minor, reference, vendor_order_id, note, created_by);
	if (id > 0)
		log_info("ledger.append", "vendor=%lld kind=%s amount=%lld entry=%lld", vendor_id,
			 kind, amount_minor, id);
	return id;
}

int
ledger_balance(long long vendor_id, long long *balance)
{
	struct db_result *r = db_query("SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger"
				       " WHERE vendor_id = ?", "i", vendor_id);

	if (r == NULL)
		return -1;
	*balance = db_next(r) == 1 ? db_int(r, 0) : 0;
	db_free(r);
	return 0;
}

struct ledger_debit {
	long long vendor_id, amount_minor, created_by;
	const char *kind, *reference, *note;
	long long *balance;
	long long result;
};

/*
 * The debit's steps, inside a transaction. The vendor's row is locked first,
 * so debits of one vendor take turns; the existing entry and the sum are
 * locking reads, which see the newest committed rows even when the caller's
 * transaction took its snapshot before this one waited for the lock.
 */
static int
ledger_debit_run(void *arg)
{
	struct ledger_debit *d = arg;
	struct db_result *r;
	long long balance, sum;

	d->result = LEDGER_ERROR;
	r = db_query("SELECT id FROM vendors WHERE id = ? FOR UPDATE", "i", d->vendor_id);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		log_error("ledger.no_vendor", "vendor=%lld", d->vendor_id);
		return -1;
	}
	db_free(r);
	r = db_query("SELECT id FROM vendor_ledger WHERE vendor_id = ? AND kind = ? AND reference = ?"
		     " LOCK IN SHARE MODE", "iss", d->vendor_id, d->kind, d->reference);
	if (r == NULL)
		return -1;
	if (db_next(r) == 1) {
		db_free(r);
		d->result = LEDGER_EXISTS;
		return 0;
	}
	db_free(r);
	r = db_query("SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger WHERE vendor_id = ?"
		     " LOCK IN SHARE MODE", "i", d->vendor_id);
	if (r == NULL)
		return -1;
	balance = db_next(r) == 1 ? db_int(r, 0) : 0;
	db_free(r);
	if (d->balance)
		*d->balance = balance;
	if (__builtin_add_overflow(balance, d->amount_minor, &sum) || sum < 0) {
		d->result = LEDGER_SHORT;
		return 0;
	}
	d->result = ledger_insert(d->vendor_id, d->kind, d->amount_minor, d->reference, 0, d->note,
				  d->created_by);
	return d->result == LEDGER_ERROR ? -1 : 0;
}

long long
ledger_debit_if_covered(long long vendor_id, const char *kind, long long amount_minor,
			const char *reference, const char *note, long long created_by,
			long long *balance)
{
	struct ledger_debit d = {
		.vendor_id = vendor_id, .amount_minor = amount_minor, .created_by = created_by,
		.kind = kind, .reference = reference, .note = note, .balance = balance,
		.result = LEDGER_ERROR,
	};

	if (!ledger_args_valid(vendor_id, kind, amount_minor, reference, note) || amount_minor >= 0)
		return LEDGER_ERROR;
	if (db_in_transaction()) {
		if (ledger_debit_run(&d) != 0)
			return LEDGER_ERROR;
	} else if (db_tx(ledger_debit_run, &d) != 0) {
		return LEDGER_ERROR;
	}
	if (d.result > 0)
		log_info("ledger.append", "vendor=%lld kind=%s amount=%lld entry=%lld", vendor_id,
			 kind, amount_minor, d.result);
	else if (d.result == LEDGER_SHORT)
		log_info("ledger.short", "vendor=%lld kind=%s amount=%lld", vendor_id, kind,
			 amount_minor);
	return d.result;
}

/* The filter's WHERE clause, one constant text for every combination: a NULL
 * bind switches its condition off. Binds: vendor, kind, kind, from, from, to, to. */
#define LEDGER_WHERE " WHERE vendor_id = ? AND (? IS NULL OR kind = ?)" \
	" AND (? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?)"
#define LEDGER_BINDS(f) (f)->vendor_id, (f)->kind, (f)->kind, (f)->from, (f)->from, (f)->to, (f)->to

long long
ledger_count(const struct ledger_filter *f)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger" LEDGER_WHERE, "issssss",
			 LEDGER_BINDS(f));
}

int
ledger_sum(const struct ledger_filter *f, long long *sum)
{
	struct db_result *r = db_query("SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger"
				       LEDGER_WHERE, "issssss", LEDGER_BINDS(f));

	if (r == NULL)
		return -1;
	*sum = db_next(r) == 1 ? db_int(r, 0) : 0;
	db_free(r);
	return 0;
}

struct db_result *
ledger_entries(const struct ledger_filter *f, long long limit, long long offset)
{
	return db_query("SELECT id, kind, amount_minor, reference, note, created_by,"
			" created_at FROM vendor_ledger" LEDGER_WHERE
			" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", "issssssii",
			LEDGER_BINDS(f), limit, offset);
}

void
ledger_filter_dates(struct ledger_filter *f, const char *from_date, const char *to_date,
		    char *from_buf, char *to_buf)
{
	struct tm tm;

	f->from = f->to = NULL;
	if (from_date && *from_date) {
		snprintf(from_buf, 24, "%.10s 00:00:00", from_date);
		f->from = from_buf;
	}
	if (to_date && *to_date) {
		memset(&tm, 0, sizeof tm);
		if (sscanf(to_date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			clock_datetime(timegm(&tm) + 86400, to_buf, 24);
			f->to = to_buf;
		}
	}
}

/* The address of page n of the list with its filters. */
struct ledger_url {
	struct arena *a;
	const struct ledger_page *lp;
};

static char *
ledger_url_with(struct arena *a, const char *path, const struct ledger_page *lp, long long n)
{
	/* The filters are a kind's name and dates, checked by the router: no
	 * character in them needs escaping. */
	return arena_printf(a, "%s?kind=%s&from=%s&to=%s%s", path, lp->kind ? lp->kind : "",
			    lp->from ? lp->from : "", lp->to ? lp->to : "",
			    n > 1 ? arena_printf(a, "&page=%lld", n) : "");
}

static char *
ledger_page_url(void *ctx, long long n)
{
	struct ledger_url *u = ctx;

	return ledger_url_with(u->a, u->lp->path, u->lp, n);
}

int
ledger_page_fill(tmpl_dict *page_dict, struct arena *a, long long vendor_id, const struct ledger_page *lp)
{
	struct ledger_filter f = { .vendor_id = vendor_id, .kind = lp->kind };
	struct paging pg = { lp->page, LEDGER_PER_PAGE, lp->page_max, 0 };
	struct ledger_url u = { a, lp };
	char from[24], to[24], amount[64];
	struct db_result *r;
	long long balance, sum;
	tmpl_dict *d, *row;
	size_t i;

	ledger_filter_dates(&f, lp->from, lp->to, from, to);
	if (ledger_balance(vendor_id, &balance) != 0 || (pg.total = ledger_count(&f)) < 0 ||
	    ledger_sum(&f, &sum) != 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	if ((r = ledger_entries(&f, pg.per_page, paging_offset(&pg))) == NULL)
		return 500;
	d = tmpl_include(page_dict, "LEDGER", LEDGER_TEMPLATE);
	tmpl_set(d, "BALANCE", money_format(balance, amount, sizeof amount));
	if (balance < 0)
		tmpl_show(d, "BALANCE_NEGATIVE");
	tmpl_set(d, "ACTION", lp->path);
	tmpl_set(d, "FROM", lp->from ? lp->from : "");
	tmpl_set(d, "TO", lp->to ? lp->to : "");
	for (i = 0; i < ledger_nkinds; i++) {
		row = tmpl_section(d, "KIND_OPTION");
		tmpl_set(row, "VALUE", ledger_kinds[i]);
		tmpl_set(row, "LABEL", ledger_kind_labels[i]);
		if (lp->kind && strcmp(lp->kind, ledger_kinds[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	if (lp->kind || lp->from || lp->to)
		tmpl_set(tmpl_section(d, "FILTERED"), "URL", lp->path);
	if (lp->csv_url)
		tmpl_set(tmpl_section(d, "CSV"), "URL", ledger_url_with(a, lp->csv_url, lp, 1));
	tmpl_set(d, "RESULT_TEXT", paging_result_text(a, &pg, "entry", "entries"));
	tmpl_set(d, "SUM", money_format(sum, amount, sizeof amount));
	tmpl_show(d, pg.total > 0 ? "HAS_ENTRIES" : "NO_ENTRIES");
	while (db_next(r)) {
		row = tmpl_section(d, "ENTRY");
		tmpl_set(row, "AT", db_str(r, 6));
		tmpl_set(row, "KIND", ledger_kind_label(db_str(r, 1)));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 2), amount, sizeof amount));
		tmpl_set(row, "SIGN", db_int(r, 2) < 0 ? "debit" : "credit");
		tmpl_set(row, "REFERENCE", db_str(r, 3));
		tmpl_set(row, "NOTE", db_str(r, 4));
	}
	db_free(r);
	paging_links(d, &pg, ledger_page_url, &u);
	return 200;
}

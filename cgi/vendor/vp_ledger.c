/*
 * vp_ledger: the vendor's own ledger, every movement of money between the
 * shop and the vendor with the balance (their sum), filtered by kind and
 * dates, and the same selection as a CSV file for a spreadsheet. The vendor
 * is the session's: another vendor's ledger is never reachable from here.
 */
#include "vp.h"

#include <stdio.h>

#include "csv.h"
#include "db.h"
#include "ledger.h"
#include "money.h"

#define VP_LEDGER_CSV_BATCH 1000

/*
 * ROUTE: GET /vendor/ledger      TEMPLATE: vendor/ledger_list.tpl
 * PARAMS: kind (a ledger kind), from, to (YYYY-MM-DD), page (1..10000)
 * The balance and the entries, newest first, 50 a page, with the kind and
 * date filters, the total of what they select and the CSV export link.
 */
int
vp_ledger_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct ledger_page lp = {
		"/vendor/ledger", "/vendor/ledger.csv", req_str(rq, "kind"), req_str(rq, "from"),
		req_str(rq, "to"), req_int(rq, "page", 1), VP_PAGE_MAX,
	};
	tmpl_dict *d;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	d = view_begin(&v, rq, rs, "vendor/ledger_list.tpl", "Your ledger");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Ledger", NULL);
	vp_dashboard_nav(d, "/vendor/ledger");
	if ((status = ledger_page_fill(d, &rq->arena, vendor.id, &lp)) != 200) {
		view_discard(&v);
		return status;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /vendor/ledger.csv      TEMPLATE: none (a CSV file)
 * PARAMS: kind (a ledger kind), from, to (YYYY-MM-DD)
 * What the ledger page's filters select, every entry, newest first, as a
 * CSV file (UTF-8 with a byte-order mark, for spreadsheets): date, kind,
 * reference, note, amount (a plain decimal, negative for money taken).
 */
int
vp_ledger_csv(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct ledger_filter f = { 0 };
	struct csv_writer w;
	struct db_result *r;
	char from[24], to[24], amount[32];
	long long offset = 0;
	size_t rows;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	f.vendor_id = vendor.id;
	f.kind = req_str(rq, "kind");
	ledger_filter_dates(&f, req_str(rq, "from"), req_str(rq, "to"), from, to);
	csv_writer_init(&w, &rs->body, CSV_WRITE_BOM);
	csv_write_plain(&w, "date");
	csv_write_plain(&w, "kind");
	csv_write_plain(&w, "reference");
	csv_write_plain(&w, "note");
	csv_write_plain(&w, "amount");
	csv_write_end(&w);
	do {
		if ((r = ledger_entries(&f, VP_LEDGER_CSV_BATCH, offset)) == NULL)
			return 500;
		rows = db_rows(r);
		while (db_next(r)) {
			csv_write_plain(&w, db_str(r, 6));
			csv_write_plain(&w, db_str(r, 1));
			csv_write_text(&w, db_str(r, 3));
			csv_write_text(&w, db_str(r, 4));
			csv_write_plain(&w, money_plain(db_int(r, 2), amount, sizeof amount));
			csv_write_end(&w);
		}
		db_free(r);
		offset += VP_LEDGER_CSV_BATCH;
	} while (rows == VP_LEDGER_CSV_BATCH);
	rs->content_type = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition",
		    arena_printf(&rq->arena, "attachment; filename=\"ledger-%s.csv\"", vendor.slug));
	return 200;
}

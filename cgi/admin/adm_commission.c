/*
 * adm_commission: the marketplace's commission revenue by period and
 * vendor, read from the vendor ledger: the commission entries booked when
 * orders are paid, less those given back with refunds (earnings.h).
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "ledger.h"
#include "money.h"

const char *const adm_commission_periods[] = { "month", "day", NULL };

/* One statement per grouping (the period's format is part of the SQL).
 * Binds: from, from, to, to, vendor, vendor. */
#define ADM_COMMISSION_SQL(format) \
	"SELECT DATE_FORMAT(l.created_at, '" format "') AS period, v.id, v.trading_name," \
	" -SUM(LEAST(l.amount_minor, 0)), SUM(GREATEST(l.amount_minor, 0)), -SUM(l.amount_minor)" \
	" FROM vendor_ledger l JOIN vendors v ON v.id = l.vendor_id" \
	" WHERE l.kind = 'commission' AND (? IS NULL OR l.created_at >= ?) AND (? IS NULL OR l.created_at < ?)" \
	" AND (? = 0 OR l.vendor_id = ?)" \
	" GROUP BY period, v.id, v.trading_name ORDER BY period DESC, 6 DESC, v.id LIMIT 2000"
static const char *const adm_commission_sql[] = {
	ADM_COMMISSION_SQL("%Y-%m"),
	ADM_COMMISSION_SQL("%Y-%m-%d"),
};

/*
 * ROUTE: GET /admin/commission      TEMPLATE: admin/commission_report.tpl
 * PARAMS: by (month|day, default month), from, to (YYYY-MM-DD), vendor (id)
 * Commission revenue per period and vendor, newest period first: charged
 * on paid orders, given back with refunds, and the net; each period's total
 * and the total of everything shown.
 */
int
adm_commission_report(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct ledger_filter f = { 0 };
	const char *by = req_str(rq, "by") ? req_str(rq, "by") : "month";
	long long vendor = req_int(rq, "vendor", 0), charged = 0, returned = 0, net = 0, period_net = 0;
	char from[24], to[24], amount[64], period[16] = "";
	struct view v = { 0 };
	struct db_result *r, *vendors;
	tmpl_dict *d, *row, *group = NULL;

	ledger_filter_dates(&f, req_str(rq, "from"), req_str(rq, "to"), from, to);
	r = db_query(adm_commission_sql[strcmp(by, "day") == 0], "ssssii", f.from, f.from, f.to, f.to, vendor,
		     vendor);
	if (r == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/commission_report.tpl", "Commission revenue", ADM_SECTION_COMMISSION);
	view_crumb(&v, "Commission revenue", NULL);
	tmpl_set(d, "FROM", req_str(rq, "from") ? req_str(rq, "from") : "");
	tmpl_set(d, "TO", req_str(rq, "to") ? req_str(rq, "to") : "");
	tmpl_show(d, strcmp(by, "day") == 0 ? "BY_DAY" : "BY_MONTH");
	/* The vendors that have ever paid commission, for the filter. */
	if ((vendors = db_query("SELECT v.id, v.trading_name FROM vendors v WHERE EXISTS (SELECT 1 FROM vendor_ledger l"
				" WHERE l.vendor_id = v.id AND l.kind = 'commission') ORDER BY v.trading_name, v.id"
				" LIMIT 1000", "")) == NULL) {
		db_free(r);
		view_discard(&v);
		return 500;
	}
	while (db_next(vendors)) {
		row = tmpl_section(d, "VENDOR_OPTION");
		tmpl_set(row, "VALUE", db_str(vendors, 0));
		tmpl_set(row, "LABEL", db_str(vendors, 1));
		if (db_int(vendors, 0) == vendor)
			tmpl_show(row, "SELECTED");
	}
	db_free(vendors);
	tmpl_show(d, db_rows(r) > 0 ? "HAS_ROWS" : "NO_ROWS");
	while (db_next(r)) {
		if (group == NULL || strcmp(period, db_str(r, 0)) != 0) {
			if (group)
				tmpl_set(group, "PERIOD_NET", money_format(period_net, amount, sizeof amount));
			group = tmpl_section(d, "PERIOD");
			snprintf(period, sizeof period, "%s", db_str(r, 0));
			tmpl_set(group, "PERIOD", period);
			period_net = 0;
		}
		row = tmpl_section(group, "ROW");
		tmpl_set(row, "VENDOR_NAME", db_str(r, 2));
		tmpl_set(row, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld/ledger?kind=commission", db_int(r, 1)));
		tmpl_set(row, "CHARGED", money_format(db_int(r, 3), amount, sizeof amount));
		tmpl_set(row, "RETURNED", money_format(db_int(r, 4), amount, sizeof amount));
		tmpl_set(row, "NET", money_format(db_int(r, 5), amount, sizeof amount));
		charged += db_int(r, 3);
		returned += db_int(r, 4);
		net += db_int(r, 5);
		period_net += db_int(r, 5);
	}
	if (group)
		tmpl_set(group, "PERIOD_NET", money_format(period_net, amount, sizeof amount));
	db_free(r);
	tmpl_set(d, "CHARGED", money_format(charged, amount, sizeof amount));
	tmpl_set(d, "RETURNED", money_format(returned, amount, sizeof amount));
	tmpl_set(d, "NET", money_format(net, amount, sizeof amount));
	return view_end(&v, rs);
}

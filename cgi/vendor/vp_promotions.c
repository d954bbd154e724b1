/*
 * vp_promotions: the promotions a vendor buys for its listings.
 *
 * A promotion puts one active listing in the Sponsored slots of the home
 * page, of the category pages that list it and of the searches that find
 * it, from midnight UTC of its first day for a number of days (1 to 30).
 * It costs the plan's daily rate times the days, shown before the vendor
 * confirms, and is paid from the vendor's ledger balance in the transaction
 * that creates it (ledger_debit_if_covered: refused, with the balance and
 * the price, when the balance does not cover it). A promotion that has not
 * started can be cancelled and is refunded once (the ledger's reference
 * 'promotion:<id>' is unique per kind). The report counts impressions and
 * clicks per day from the clickstream (cgi/lib/clickstream.h).
 *
 * Every query names the session's vendor: another vendor's promotion is a
 * 404 here.
 */
#include "vp.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "clickstream.h"
#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "money.h"
#include "promotion.h"
#include "route.h"
#include "sess.h"

static const char vp_promotions_list_sql[] =
	"SELECT pr.id, p.name, DATE_FORMAT(pr.starts_at, '%Y-%m-%d'),"
	" DATE_FORMAT(pr.ends_at - INTERVAL 1 SECOND, '%Y-%m-%d'), CEIL(TIMESTAMPDIFF(HOUR, pr.starts_at, pr.ends_at) / 24),"
	" pr.fee_minor, pr.status, pr.starts_at <= ?, pr.ends_at <= ?"
	" FROM promotions pr JOIN products p ON p.id = pr.product_id"
	" WHERE pr.vendor_id = ? ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 500";
enum { PL_ID, PL_NAME, PL_FIRST, PL_LAST, PL_DAYS, PL_FEE, PL_STATUS, PL_STARTED, PL_ENDED };

static const char vp_promotions_one_sql[] =
	"SELECT pr.id, p.name, DATE_FORMAT(pr.starts_at, '%Y-%m-%d'),"
	" DATE_FORMAT(pr.ends_at - INTERVAL 1 SECOND, '%Y-%m-%d'), CEIL(TIMESTAMPDIFF(HOUR, pr.starts_at, pr.ends_at) / 24),"
	" pr.fee_minor, pr.status, pr.starts_at <= ?, pr.ends_at <= ?"
	" FROM promotions pr JOIN products p ON p.id = pr.product_id"
	" WHERE pr.id = ? AND pr.vendor_id = ?";

static const char vp_promotions_listings_sql[] =
	"SELECT id, name FROM products WHERE vendor_id = ? AND status = 'active' ORDER BY name, id LIMIT 1000";

static const char vp_promotions_rate_sql[] =
	"SELECT pl.promotion_daily_rate_minor FROM vendors v JOIN plans pl ON pl.id = v.plan_id WHERE v.id = ?";

/* Where a promotion stands, for its vendor. */
static const char *
vp_promotions_state(struct db_result *r, const char **group)
{
	const char *status = db_str(r, PL_STATUS);

	if (strcmp(status, "cancelled") == 0) {
		*group = "CANCELLED";
		return "Cancelled and refunded";
	}
	if (strcmp(status, "active") != 0) {
		*group = "SCHEDULED";
		return "Not paid";
	}
	if (db_int(r, PL_ENDED)) {
		*group = "PAST";
		return "Ended";
	}
	if (db_int(r, PL_STARTED)) {
		*group = "RUNNING";
		return "Running";
	}
	*group = "SCHEDULED";
	return "Scheduled";
}

/* The vendor of the session, or the status to answer with. */
static int
vp_promotions_vendor(struct req *rq, struct vp_vendor *vendor)
{
	return vp_profile_vendor(rq, vendor);
}

/*
 * ROUTE: GET /vendor/promotions      TEMPLATE: vendor/promotions_list.tpl
 * PARAMS: none
 * The vendor's promotions in four groups: running, scheduled (each with its
 * cancel button), past and cancelled, with their days, price and report.
 */
int
vp_promotions_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	char at[24], fee[48];
	const char *group, *state, *csrf;
	tmpl_dict *d, *row, *sec;
	int status, any = 0;

	if ((status = vp_promotions_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	clock_datetime(clock_now(), at, sizeof at);
	if ((r = db_query(vp_promotions_list_sql, "ssi", at, at, vendor.id)) == NULL)
		goto out;
	d = view_begin(&v, rq, rs, "vendor/promotions_list.tpl", "Your promotions");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Promotions", NULL);
	vp_dashboard_nav(d, "/vendor/promotions");
	csrf = csrf_token(rq, rs);
	if (strcmp(vendor.status, "verified") == 0)
		tmpl_show(d, "CAN_BUY");
	while (db_next(r)) {
		state = vp_promotions_state(r, &group);
		sec = tmpl_section(d, arena_printf(a, "%s_ROW", group));
		tmpl_show(d, arena_printf(a, "HAS_%s", group));
		row = sec;
		tmpl_set_int(row, "ID", db_int(r, PL_ID));
		tmpl_set(row, "NAME", db_str(r, PL_NAME));
		tmpl_set(row, "FIRST_DAY", db_str(r, PL_FIRST));
		tmpl_set(row, "LAST_DAY", db_str(r, PL_LAST));
		tmpl_set_int(row, "DAYS", db_int(r, PL_DAYS));
		tmpl_set(row, "FEE", money_format(db_int(r, PL_FEE), fee, sizeof fee));
		tmpl_set(row, "STATE", state);
		if (strcmp(state, "Scheduled") == 0)
			tmpl_set(tmpl_section(row, "CAN_CANCEL"), "CSRF", csrf);
		any = 1;
	}
	if (!any)
		tmpl_show(d, "NO_PROMOTIONS");
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* ---- buying ------------------------------------------------------------------------- */

/* The start date: a real day, today (UTC, by the shop's clock) or later,
 * within a year. */
const char *
vp_promotions_valid_start(struct req *rq, const char **value)
{
	time_t day = promotion_parse_day(*value), today = clock_now();

	(void)rq;
	today -= today % 86400;
	if (day < 0)
		return "Enter the first day as YYYY-MM-DD, for example 2026-12-24.";
	if (day < today)
		return "The first day cannot be in the past: choose today or a later day.";
	if (day > today + (time_t)PROMOTION_AHEAD_MAX * 86400)
		return "Choose a first day within the next year.";
	return NULL;
}

/* The random key of a confirmation form: 32 lower-case hex digits. */
const char *
vp_promotions_valid_key(struct req *rq, const char **value)
{
	size_t i;

	(void)rq;
	for (i = 0; (*value)[i]; i++)
		if (!(((*value)[i] >= '0' && (*value)[i] <= '9') || ((*value)[i] >= 'a' && (*value)[i] <= 'f')))
			return "This form has expired: check the promotion and confirm it again.";
	return i == 32 ? NULL : "This form has expired: check the promotion and confirm it again.";
}

/* The form: the vendor's active listings (the one chosen selected), the
 * first day (tomorrow unless typed) and the plan's daily rate. NULL when the
 * page cannot be made (rs->status says why). */
static tmpl_dict *
vp_promotions_form(struct view *v, struct req *rq, struct resp *rs, const struct vp_vendor *vendor,
		   long long rate)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	const char *chosen = req_str(rq, "product");
	char money[48], tomorrow[24];
	tmpl_dict *d, *opt;
	int n = 0;

	if ((r = db_query(vp_promotions_listings_sql, "i", vendor->id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/promotions_form.tpl", "Promote a listing");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Promotions", "/vendor/promotions");
	view_crumb(v, "New", NULL);
	vp_dashboard_nav(d, "/vendor/promotions");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "RATE", money_format(rate, money, sizeof money));
	tmpl_set_int(d, "DAYS_MAX", PROMOTION_DAYS_MAX);
	clock_datetime(clock_now() + 86400, tomorrow, sizeof tomorrow);
	tomorrow[10] = '\0';
	tmpl_set(d, "START", tomorrow);
	tmpl_set(d, "DAYS", "7");
	while (db_next(r)) {
		opt = tmpl_section(d, "LISTING");
		tmpl_set(opt, "VALUE", db_str(r, 0));
		tmpl_set(opt, "LABEL", db_str(r, 1));
		if (chosen && strcmp(chosen, db_str(r, 0)) == 0)
			tmpl_show(opt, "SELECTED");
		n++;
	}
	db_free(r);
	if (n == 0)
		tmpl_show(d, "NO_LISTINGS");
	else
		tmpl_show(d, "HAS_LISTINGS");
	if (strcmp(vendor->status, "verified") != 0)
		tmpl_show(d, "NOT_VERIFIED");
	(void)a;
	return d;
}

/* The plan's daily rate of the vendor, or -1. */
static long long
vp_promotions_rate(long long vendor_id)
{
	return db_scalar(-1, vp_promotions_rate_sql, "i", vendor_id);
}

/* The form page of the form route (route.h): the form with the input kept. */
tmpl_dict *
vp_promotions_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	long long rate;
	int status;

	if ((status = vp_promotions_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	if ((rate = vp_promotions_rate(vendor.id)) < 0) {
		rs->status = 500;
		return NULL;
	}
	return vp_promotions_form(v, rq, rs, &vendor, rate);
}

/*
 * ROUTE: GET /vendor/promotions/new      TEMPLATE: vendor/promotions_form.tpl
 * PARAMS: none
 * The form: which active listing, the first day and the number of days,
 * with the plan's daily rate.
 */
int
vp_promotions_new(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	if (vp_promotions_form_page(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* What a vendor is about to buy, checked. */
struct vp_promotions_order {
	struct vp_vendor vendor;
	long long product_id, category_id, days, rate, fee;
	const char *name, *first_day, *last_day;
	time_t starts, ends;
};

/* Reads and checks the order; 0, a status, or 422 with the field's message
 * given (route_form_error). */
static int
vp_promotions_order(struct req *rq, struct vp_promotions_order *o)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	char day[24];
	int status;

	memset(o, 0, sizeof *o);
	if ((status = vp_promotions_vendor(rq, &o->vendor)) != 0)
		return status;
	if (strcmp(o->vendor.status, "verified") != 0) {
		route_form_error(rq, "product", "Only a verified shop can buy promotions.");
		return 422;
	}
	o->product_id = req_int(rq, "product", 0);
	o->days = req_int(rq, "days", 0);
	r = db_query("SELECT name, category_id FROM products WHERE id = ? AND vendor_id = ? AND status = 'active'",
		     "ii", o->product_id, o->vendor.id);
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		route_form_error(rq, "product", "Choose one of your active listings.");
		return 422;
	}
	o->name = arena_strdup(a, db_str(r, 0));
	o->category_id = db_int(r, 1);
	db_free(r);
	if ((o->rate = vp_promotions_rate(o->vendor.id)) < 0)
		return 500;
	if ((o->fee = promotion_fee(o->rate, o->days)) < 0)
		return 500;
	o->starts = promotion_parse_day(req_str(rq, "start"));
	o->ends = o->starts + (time_t)o->days * 86400;
	o->first_day = req_str(rq, "start");
	clock_datetime(o->ends - 1, day, sizeof day);
	day[10] = '\0';
	o->last_day = arena_strdup(a, day);
	return 0;
}

/* The page that shows the price and asks for confirmation. */
static int
vp_promotions_confirm_page(struct req *rq, struct resp *rs, const struct vp_promotions_order *o)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	unsigned char raw[16];
	char key[33], money[48];
	long long balance = 0;
	tmpl_dict *d;
	int status;

	if (ledger_balance(o->vendor.id, &balance) != 0)
		return 500;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(key, sizeof key, raw, sizeof raw);
	d = view_begin(&v, rq, rs, "vendor/promotions_confirm.tpl", "Confirm the promotion");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Promotions", "/vendor/promotions");
	view_crumb(&v, "Confirm", NULL);
	vp_dashboard_nav(d, "/vendor/promotions");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "KEY", key);
	tmpl_set(d, "NAME", o->name);
	tmpl_set_int(d, "PRODUCT", o->product_id);
	tmpl_set(d, "START", o->first_day);
	tmpl_set(d, "FIRST_DAY", o->first_day);
	tmpl_set(d, "LAST_DAY", o->last_day);
	tmpl_set_int(d, "DAYS", o->days);
	tmpl_set(d, "DAYS_WORD", o->days == 1 ? "day" : "days");
	tmpl_set(d, "RATE", money_format(o->rate, money, sizeof money));
	tmpl_set(d, "FEE", money_format(o->fee, money, sizeof money));
	tmpl_set(d, "BALANCE", money_format(balance, money, sizeof money));
	if (balance < o->fee)
		tmpl_set(tmpl_section(d, "SHORT"), "MESSAGE", arena_printf(a, "Your balance is %s; this promotion costs %s.",
						   money_format(balance, money, sizeof money),
						   money_format(o->fee, (char[48]){ 0 }, 48)));
	else
		tmpl_show(d, "COVERED");
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: POST /vendor/promotions/new      TEMPLATE: vendor/promotions_form.tpl
 * PARAMS: product (id), start (YYYY-MM-DD, today or later), days (1..30),
 *         confirm (1), key (32 hex digits)
 * Without confirm: the price (the plan's daily rate × days) and the
 * balance, and a button to confirm. With it: the promotion is created and
 * paid from the ledger in one transaction, or refused when the balance is
 * short; the same confirmation sent twice buys one promotion.
 */
int
vp_promotions_create(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct vp_promotions_order o;
	const char *key = req_str(rq, "key");
	char starts[24], ends[24], reference[48], money[48], fee[48];
	long long id, balance = 0, got;
	int status;

	if ((status = vp_promotions_order(rq, &o)) == 422)
		return route_form_fail(rq, rs);
	if (status != 0)
		return status;
	if (req_str(rq, "confirm") == NULL || key == NULL)
		return vp_promotions_confirm_page(rq, rs, &o);

	/* this very confirmation was sent before (a double click): it is bought */
	if (db_scalar(-1, "SELECT COUNT(*) FROM promotions WHERE vendor_id = ? AND request_key = ?", "is",
		      o.vendor.id, key) != 0)
		goto bought;
	clock_datetime(o.starts, starts, sizeof starts);
	clock_datetime(o.ends, ends, sizeof ends);
	if (db_begin() != 0)
		return 500;
	if (db_exec("INSERT INTO promotions (product_id, vendor_id, placement, category_id, starts_at, ends_at,"
		    " fee_minor, status, created_by, request_key) VALUES (?, ?, 'all', ?, ?, ?, ?, 'active', ?, ?)",
		    "iiissiis", o.product_id, o.vendor.id, o.category_id, starts, ends, o.fee, rq->sess->user_id,
		    key) != 1) {
		int dup = db_is_duplicate();

		db_rollback();
		if (!dup)
			return 500;
		goto bought;	/* sent twice at once: the other one bought it */
	}
	id = (long long)db_insert_id();
	snprintf(reference, sizeof reference, "promotion:%lld", id);
	got = o.fee == 0 ? 1 : ledger_debit_if_covered(o.vendor.id, "promotion_fee", -o.fee, reference,
						     arena_printf(a, "Promotion of %s", o.name),
						     rq->sess->user_id, &balance);
	if (got == LEDGER_SHORT) {
		db_rollback();
		route_form_error(rq, "days", arena_printf(a, "Your balance is %s; this promotion costs %s.",
							   money_format(balance, money, sizeof money),
							   money_format(o.fee, fee, sizeof fee)));
		return route_form_fail(rq, rs);
	}
	if (got <= 0 || db_commit() != 0) {
		if (db_in_transaction())
			db_rollback();
		return 500;
	}
	promotion_changed();
	log_info("promotion.bought", "vendor=%lld promotion=%lld product=%lld days=%lld fee=%lld", o.vendor.id, id,
		 o.product_id, o.days, o.fee);
	resp_set_flash(rs, arena_printf(a, "%s is promoted from %s to %s for %s.", o.name, o.first_day, o.last_day,
					money_format(o.fee, money, sizeof money)));
	return resp_redirect(rs, 303, "/vendor/promotions");
bought:
	resp_set_flash(rs, "This promotion is already bought.");
	return resp_redirect(rs, 303, "/vendor/promotions");
}

/*
 * ROUTE: POST /vendor/promotions/{id}/cancel      TEMPLATE: none (redirects)
 * PARAMS: id (the vendor's promotion)
 * Cancels a promotion that has not started and refunds its price to the
 * ledger, once: a second click finds it cancelled. One that has started
 * cannot be cancelled.
 */
int
vp_promotions_cancel(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct db_result *r;
	char at[24], reference[48], money[48];
	long long id = req_path_id(rq, "id"), fee, got;
	const char *status_name, *name;
	int status, started;

	if ((status = vp_promotions_vendor(rq, &vendor)) != 0)
		return status;
	clock_datetime(clock_now(), at, sizeof at);
	if (db_begin() != 0)
		return 500;
	r = db_query("SELECT pr.status, pr.fee_minor, pr.starts_at <= ?, p.name FROM promotions pr"
		     " JOIN products p ON p.id = pr.product_id WHERE pr.id = ? AND pr.vendor_id = ? FOR UPDATE",
		     "sii", at, id, vendor.id);
	if (r == NULL || !db_next(r)) {
		db_free(r);
		db_rollback();
		return r == NULL ? 500 : 404;
	}
	status_name = arena_strdup(a, db_str(r, 0));
	fee = db_int(r, 1);
	started = (int)db_int(r, 2);
	name = arena_strdup(a, db_str(r, 3));
	db_free(r);
	if (strcmp(status_name, "cancelled") == 0) {
		db_rollback();
		resp_set_flash(rs, arena_printf(a, "The promotion of %s is already cancelled and refunded.", name));
		return resp_redirect(rs, 303, "/vendor/promotions");
	}
	if (started || strcmp(status_name, "active") != 0) {
		db_rollback();
		resp_set_flash(rs, arena_printf(a, "The promotion of %s has started: it can no longer be cancelled.",
						name));
		return resp_redirect(rs, 303, "/vendor/promotions");
	}
	snprintf(reference, sizeof reference, "promotion:%lld", id);
	if (db_exec("UPDATE promotions SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND vendor_id = ?",
		    "sii", at, id, vendor.id) != 1)
		goto fail;
	got = fee == 0 ? 1 : ledger_append(vendor.id, "promotion_refund", fee, reference,
					   arena_printf(a, "Cancelled promotion of %s", name), rq->sess->user_id);
	if (got == LEDGER_ERROR || db_commit() != 0)
		goto fail;
	promotion_changed();
	log_info("promotion.cancelled", "vendor=%lld promotion=%lld fee=%lld", vendor.id, id, fee);
	resp_set_flash(rs, arena_printf(a, "The promotion of %s is cancelled; %s is refunded to your balance.", name,
					money_format(fee, money, sizeof money)));
	return resp_redirect(rs, 303, "/vendor/promotions");
fail:
	if (db_in_transaction())
		db_rollback();
	return 500;
}

/*
 * ROUTE: GET /vendor/promotions/{id}/report      TEMPLATE: vendor/promotions_report.tpl
 * PARAMS: id (the vendor's promotion)
 * Impressions and clicks of the promotion per day, from the clickstream
 * (loaded from nginx's log every half minute), with the click rate.
 */
int
vp_promotions_report(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	char at[24], fee[48];
	const char *group;
	long long id = req_path_id(rq, "id"), shown = 0, clicks = 0, n, c;
	tmpl_dict *d, *row;
	int status;

	if ((status = vp_promotions_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	clock_datetime(clock_now(), at, sizeof at);
	if ((r = db_query(vp_promotions_one_sql, "ssii", at, at, id, vendor.id)) == NULL)
		goto out;
	if (!db_next(r)) {
		status = 404;
		goto out;
	}
	d = view_begin(&v, rq, rs, "vendor/promotions_report.tpl",
		       arena_printf(a, "Promotion of %s", db_str(r, PL_NAME)));
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Promotions", "/vendor/promotions");
	view_crumb(&v, "Report", NULL);
	vp_dashboard_nav(d, "/vendor/promotions");
	tmpl_set(d, "NAME", db_str(r, PL_NAME));
	tmpl_set(d, "FIRST_DAY", db_str(r, PL_FIRST));
	tmpl_set(d, "LAST_DAY", db_str(r, PL_LAST));
	tmpl_set_int(d, "DAYS", db_int(r, PL_DAYS));
	tmpl_set(d, "FEE", money_format(db_int(r, PL_FEE), fee, sizeof fee));
	tmpl_set(d, "STATE", vp_promotions_state(r, &group));
	db_free(r);
	if ((r = clickstream_promotion_days(id)) == NULL)
		goto out;
	while (db_next(r)) {
		row = tmpl_section(d, "DAY");
		n = db_int(r, 1);
		c = db_int(r, 2);
		tmpl_set(row, "DATE", db_str(r, 0));
		tmpl_set_int(row, "IMPRESSIONS", n);
		tmpl_set_int(row, "CLICKS", c);
		tmpl_set(row, "RATE", n > 0 ? arena_printf(a, "%.1f%%", 100.0 * (double)c / (double)n) : "–");
		shown += n;
		clicks += c;
	}
	if (db_rows(r) > 0) {
		tmpl_show(d, "HAS_DAYS");
		tmpl_set_int(d, "TOTAL_IMPRESSIONS", shown);
		tmpl_set_int(d, "TOTAL_CLICKS", clicks);
		tmpl_set(d, "TOTAL_RATE", shown > 0 ? arena_printf(a, "%.1f%%", 100.0 * (double)clicks / (double)shown)
						    : "–");
	} else {
		tmpl_show(d, "NO_DAYS");
	}
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * Page tests for vp_promotions.c: the vendor's promotions, buying one (the
 * price shown before paying, the ledger charged in the same transaction, a
 * short balance refused with both amounts, the same confirmation twice buying
 * one), cancelling before the start (refunded once) and after (refused), the
 * report from the clickstream, bad input per field, another vendor's
 * promotion (404) and a missing form token (403).
 */
#define PU_PREFIX "vpp"
#include "clock.h"
#include "ledger.h"
#include "money.h"
#include "vp_util.h"

#define RATE 500	/* the test plan's daily rate: €5.00 */
/* Keys of confirmation forms (the page makes random ones). */
#define KEY1 "0123456789abcdef0123456789abcdef"
#define KEY2 "fedcba9876543210fedcba9876543210"

/* A verified vendor on a plan at RATE a day, with credit on its balance
 * and one active product. */
static long long
vendor_with_product(struct vpt_vendor *v, long long credit)
{
	static unsigned n;
	char name[64], ref[64];
	long long plan;

	vpt_vendor_new(v, "verified", 1);
	snprintf(name, sizeof name, "vpp plan %d %u", (int)getpid(), ++n);
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, promotion_daily_rate_minor)"
				 " VALUES (?, 1000, ?)", "si", name, (long long)RATE), 1);
	plan = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("UPDATE vendors SET plan_id = ? WHERE id = ?", "ii", plan, v->vendor_id), 1);
	if (credit > 0) {
		snprintf(ref, sizeof ref, "vpp:%lld", v->vendor_id);
		ck_assert_int_gt(ledger_append(v->vendor_id, "credit", credit, ref, "page test", 0), 0);
	}
	return pu_product_new(v->vendor_id);
}

static long long
balance_of(long long vendor_id)
{
	long long b = -1;

	ck_assert_int_eq(ledger_balance(vendor_id, &b), 0);
	return b;
}

/* "YYYY-MM-DD" of the shop's today plus days. */
static const char *
day_from_today(int days, char *out)
{
	clock_datetime(clock_now() + (time_t)days * 86400, out, 24);
	out[10] = '\0';
	return out;
}

static struct pu_page *
post_order(struct vpt_vendor *v, long long product, const char *start, const char *days, const char *key)
{
	char body[300];

	snprintf(body, sizeof body, "product=%lld&start=%s&days=%s%s%s", product, start, days,
		 key ? "&confirm=1&key=" : "", key ? key : "");
	return pu_post_as(&v->u, "/vendor/promotions/new", body);
}

/* Buys a promotion of product from days_ahead for days through the
 * confirmation; returns its id. */
static long long
bought(struct vpt_vendor *v, long long product, int days_ahead, const char *days)
{
	struct pu_page *p;
	char day[24];

	p = post_order(v, product, day_from_today(days_ahead, day), days, KEY1);
	pu_assert_status(p, 303);
	pu_free(p);
	return db_scalar(0, "SELECT MAX(id) FROM promotions WHERE vendor_id = ?", "i", v->vendor_id);
}

static long long
promotions_of(long long vendor_id)
{
	return pu_count("SELECT COUNT(*) FROM promotions WHERE vendor_id = ?", vendor_id);
}


START_TEST(test_promotions_buy)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char day[24], want[200];
	long long product = vendor_with_product(&v, 10000), id;

	p = pu_get_as(&v.u, "/vendor/promotions");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"/vendor/promotions\" aria-current=\"page\">Promotions</a>");
	pu_assert_has(p, "You have no promotions yet.");
	pu_assert_has(p, "href=\"/vendor/promotions/new\"");
	pu_free(p);

	p = pu_get_as(&v.u, "/vendor/promotions/new");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	snprintf(want, sizeof want, "<option value=\"%lld\">Page Test Lamp</option>", product);
	pu_assert_has(p, want);
	pu_assert_has(p, "Your plan's price is €5.00 a day");
	pu_assert_has(p, "novalidate");
	pu_free(p);

	/* the price first, nothing bought yet */
	p = post_order(&v, product, day_from_today(1, day), "3", NULL);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<strong>€15.00</strong> (3 × €5.00)");
	pu_assert_has(p, "Pay €15.00 and promote");
	pu_assert_has(p, "name=\"key\" value=\"");
	pu_assert_text(p, "€100.00");
	pu_free(p);
	ck_assert_int_eq(promotions_of(v.vendor_id), 0);
	ck_assert_int_eq(balance_of(v.vendor_id), 10000);

	/* confirmed: created and paid in one go */
	p = post_order(&v, product, day, "3", KEY1);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/promotions");
	snprintf(want, sizeof want, "Page Test Lamp is promoted from %s", day);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), want));
	pu_free(p);
	ck_assert_int_eq(promotions_of(v.vendor_id), 1);
	id = db_scalar(0, "SELECT id FROM promotions WHERE vendor_id = ?", "i", v.vendor_id);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM promotions WHERE id = ? AND placement = 'all'"
				  " AND status = 'active' AND fee_minor = 1500"
				  " AND TIMESTAMPDIFF(DAY, starts_at, ends_at) = 3 AND TIME(starts_at) = '00:00:00'", id), 1);
	ck_assert_int_eq(balance_of(v.vendor_id), 8500);
	snprintf(want, sizeof want, "promotion:%lld", id);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM vendor_ledger WHERE kind = 'promotion_fee'"
				    " AND amount_minor = -1500 AND reference = ?", want), 1);

	/* the same confirmation again (a double click): one promotion */
	p = post_order(&v, product, day, "3", KEY1);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "This promotion is already bought.");
	pu_free(p);
	ck_assert_int_eq(promotions_of(v.vendor_id), 1);
	ck_assert_int_eq(balance_of(v.vendor_id), 8500);

	p = pu_get_as(&v.u, "/vendor/promotions");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"promotions-scheduled\">Scheduled</h2>");
	snprintf(want, sizeof want, "action=\"/vendor/promotions/%lld/cancel\"", id);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "href=\"/vendor/promotions/%lld/report\"", id);
	pu_assert_has(p, want);
	pu_assert_text(p, "€15.00");
	pu_free(p);
}
END_TEST

START_TEST(test_promotions_short_balance)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char day[24];
	long long product = vendor_with_product(&v, 300);

	p = post_order(&v, product, day_from_today(2, day), "3", NULL);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Your balance is €3.00; this promotion costs €15.00.");
	pu_assert_lacks(p, "Pay €15.00");
	pu_free(p);

	p = post_order(&v, product, day, "3", KEY2);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"days-error\"");
	pu_assert_text(p, "Your balance is €3.00; this promotion costs €15.00.");
	pu_free(p);
	ck_assert_int_eq(promotions_of(v.vendor_id), 0);
	ck_assert_int_eq(balance_of(v.vendor_id), 300);
}
END_TEST

START_TEST(test_promotions_cancel)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char path[96], ref[48];
	long long product = vendor_with_product(&v, 10000), id, started;

	id = bought(&v, product, 3, "4");
	ck_assert_int_eq(balance_of(v.vendor_id), 8000);

	snprintf(path, sizeof path, "/vendor/promotions/%lld/cancel", id);
	p = pu_post_as(&v.u, path, "");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "The promotion of Page Test Lamp is cancelled; €20.00 is refunded to your balance.");
	pu_free(p);
	ck_assert_int_eq(balance_of(v.vendor_id), 10000);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM promotions WHERE id = ? AND status = 'cancelled'"
				  " AND cancelled_at IS NOT NULL", id), 1);
	/* a second click: nothing more */
	p = pu_post_as(&v.u, path, "");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "The promotion of Page Test Lamp is already cancelled and refunded.");
	pu_free(p);
	snprintf(ref, sizeof ref, "promotion:%lld", id);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM vendor_ledger WHERE kind = 'promotion_refund'"
				    " AND reference = ?", ref), 1);
	ck_assert_int_eq(balance_of(v.vendor_id), 10000);
	p = pu_get_as(&v.u, "/vendor/promotions");
	pu_assert_has(p, "<h2 id=\"promotions-cancelled\">Cancelled</h2>");
	pu_assert_text(p, "Cancelled and refunded");
	pu_free(p);

	/* one that has started cannot be cancelled */
	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) VALUES (?, ?, 'all', UTC_TIMESTAMP() - INTERVAL 1 DAY,"
				 " UTC_TIMESTAMP() + INTERVAL 1 DAY, 1000, 'active')", "ii", product, v.vendor_id), 1);
	started = (long long)db_insert_id();
	snprintf(path, sizeof path, "/vendor/promotions/%lld/cancel", started);
	p = pu_post_as(&v.u, path, "");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "The promotion of Page Test Lamp has started: it can no longer be cancelled.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM promotions WHERE id = ? AND status = 'active'", started), 1);
	p = pu_get_as(&v.u, "/vendor/promotions");
	pu_assert_has(p, "<h2 id=\"promotions-running\">Running</h2>");
	pu_free(p);
}
END_TEST

START_TEST(test_promotions_bad_input)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	char day[24], body[200];
	long long product = vendor_with_product(&v, 10000), theirs, draft;

	theirs = vendor_with_product(&other, 0);
	draft = pu_product_new(v.vendor_id);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'draft' WHERE id = ?", "i", draft), 1);
	day_from_today(1, day);

	p = pu_post_as(&v.u, "/vendor/promotions/new", "start=&days=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose the listing to promote.");
	pu_assert_text(p, "Enter the first day of the promotion.");
	pu_assert_text(p, "Enter the number of days, from 1 to 30.");
	pu_assert_has(p, "<a href=\"#product\">");
	pu_free(p);

	p = post_order(&v, product, day, "31", KEY1);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"days-error\"");
	pu_assert_has(p, "value=\"31\"");
	pu_free(p);
	p = post_order(&v, product, day, "0", KEY1);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"days-error\"");
	pu_free(p);

	p = post_order(&v, product, "2026-02-31", "3", KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the first day as YYYY-MM-DD, for example 2026-12-24.");
	pu_free(p);
	p = post_order(&v, product, day_from_today(-1, body), "3", KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "The first day cannot be in the past: choose today or a later day.");
	pu_free(p);
	p = post_order(&v, product, day_from_today(400, body), "3", KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose a first day within the next year.");
	pu_free(p);

	/* not one of the vendor's active listings */
	p = post_order(&v, theirs, day, "3", KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose one of your active listings.");
	pu_free(p);
	p = post_order(&v, draft, day, "3", KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose one of your active listings.");
	pu_free(p);
	p = post_order(&v, product, day, "3", "not-a-key");
	pu_assert_status(p, 422);
	pu_assert_text(p, "This form has expired: check the promotion and confirm it again.");
	pu_free(p);

	ck_assert_int_eq(promotions_of(v.vendor_id), 0);
	ck_assert_int_eq(balance_of(v.vendor_id), 10000);
}
END_TEST

START_TEST(test_promotions_other_vendor)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	char path[96];
	long long theirs = vendor_with_product(&other, 10000), id;

	vendor_with_product(&v, 10000);
	id = bought(&other, theirs, 5, "2");

	snprintf(path, sizeof path, "/vendor/promotions/%lld/cancel", id);
	pu_expect(404, pu_post_as(&v.u, path, ""));
	snprintf(path, sizeof path, "/vendor/promotions/%lld/report", id);
	pu_expect(404, pu_get_as(&v.u, path));
	p = pu_get_as(&v.u, "/vendor/promotions");
	pu_assert_lacks(p, "Page Test Lamp");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM promotions WHERE id = ? AND status = 'active'", id), 1);
	ck_assert_int_eq(balance_of(other.vendor_id), 9000);
}
END_TEST

START_TEST(test_promotions_csrf)
{
	struct vpt_vendor v;
	char day[24], body[200], path[96];
	long long product = vendor_with_product(&v, 10000), id;

	snprintf(body, sizeof body, "product=%lld&start=%s&days=3&confirm=1&key=" KEY1, product,
		 day_from_today(1, day));
	pu_expect(403, pu_post("/vendor/promotions/new", v.u.cookie, body));
	ck_assert_int_eq(promotions_of(v.vendor_id), 0);

	id = bought(&v, product, 1, "3");
	snprintf(path, sizeof path, "/vendor/promotions/%lld/cancel", id);
	pu_expect(403, pu_post(path, v.u.cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM promotions WHERE id = ? AND status = 'active'", id), 1);
	ck_assert_int_eq(balance_of(v.vendor_id), 8500);
}
END_TEST

START_TEST(test_promotions_report)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char path[96];
	long long product = vendor_with_product(&v, 0), id;

	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) VALUES (?, ?, 'all', '2026-03-01', '2026-03-04', 1500, 'active')",
				 "ii", product, v.vendor_id), 1);
	id = (long long)db_insert_id();
	snprintf(path, sizeof path, "/vendor/promotions/%lld/report", id);
	p = pu_get_as(&v.u, path);
	pu_assert_status(p, 200);
	pu_assert_has(p, "No impressions yet.");
	pu_free(p);

	/* four impressions and one click on the first day, two impressions on the second */
	ck_assert_int_eq(db_exec("INSERT INTO clickstream (at, kind, path, product_id, promotion_id) VALUES"
				 " ('2026-03-01 10:00:00', 'impression', '/_i', ?, ?),"
				 " ('2026-03-01 10:00:01', 'impression', '/_i', ?, ?),"
				 " ('2026-03-01 11:00:00', 'impression', '/_i', ?, ?),"
				 " ('2026-03-01 23:59:59', 'impression', '/_i', ?, ?),"
				 " ('2026-03-01 12:00:00', 'click', '/p/1-x', ?, ?),"
				 " ('2026-03-02 00:00:00', 'impression', '/_i', ?, ?),"
				 " ('2026-03-02 08:00:00', 'impression', '/_i', ?, ?)",
				 "iiiiiiiiiiiiii", product, id, product, id, product, id, product, id, product, id,
				 product, id, product, id), 7);
	p = pu_get_as(&v.u, path);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<tr><th scope=\"row\">2026-03-01</th><td class=\"num\">4</td><td class=\"num\">1</td>"
		      "<td class=\"num\">25.0%</td></tr>");
	pu_assert_has(p, "<tr><th scope=\"row\">2026-03-02</th><td class=\"num\">2</td><td class=\"num\">0</td>");
	pu_assert_has(p, "<tr><th scope=\"row\">Total</th><td class=\"num\">6</td><td class=\"num\">1</td>");
	pu_assert_text(p, "3 days from 2026-03-01 to 2026-03-03");
	pu_free(p);
	db_exec("DELETE FROM clickstream WHERE promotion_id = ?", "i", id);
}
END_TEST

static Suite *
vp_promotions_suite(void)
{
	Suite *s = suite_create("vp_promotions");
	TCase *tc = pu_tcase_people(s, "promotions");

	tcase_add_test(tc, test_promotions_buy);
	tcase_add_test(tc, test_promotions_short_balance);
	tcase_add_test(tc, test_promotions_cancel);
	tcase_add_test(tc, test_promotions_bad_input);
	tcase_add_test(tc, test_promotions_other_vendor);
	tcase_add_test(tc, test_promotions_csrf);
	tcase_add_test(tc, test_promotions_report);
	return s;
}

CHECK_MAIN(vp_promotions_suite)

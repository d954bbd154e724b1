/*
 * Page tests for vp_ledger.c: GET /vendor/ledger shows the vendor's own
 * entries and balance with the kind and date filters; GET
 * /vendor/ledger.csv gives the same selection as a CSV file whose amounts
 * add up; another vendor's entries never show.
 */
#define PU_PREFIX "vp-ledger"
#include "vp_util.h"
#include "clock.h"
#include "csv.h"
#include "ledger.h"
#include "money.h"

/* Adds up the amount column of a CSV export (the header skipped). */
struct sum_csv {
	long long sum;
	long records;
	int bad;
};

static int
sum_record(const struct csv_record *rec, void *arg)
{
	struct sum_csv *s = arg;
	long long minor;
	const char *amount;

	if (rec->index == 1)
		return strcmp(rec->fields[4], "amount") == 0 ? 0 : 1;
	if (rec->n != 5)
		return 1;
	amount = rec->fields[4];
	minor = money_parse(amount[0] == '-' ? amount + 1 : amount);
	if (minor < 0)
		s->bad = 1;
	s->sum += amount[0] == '-' ? -minor : minor;
	s->records++;
	return 0;
}

START_TEST(test_ledger_pages)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	struct sum_csv s = { 0, 0, 0 };
	char month[8], uri[128];

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	clock_month(clock_now(), month, sizeof month);
	ck_assert_int_gt(ledger_append(v.vendor_id, "credit", 10000, "test:opening", "Opening credit", 0), 0);
	ck_assert_int_gt(ledger_append(v.vendor_id, "plan_fee", -1900, "plan:2026-01", "=1+1, the \"Starter\" fee", 0), 0);
	ck_assert_int_gt(ledger_append(v.vendor_id, "promotion_fee", -600, "promotion:1", NULL, 0), 0);
	ck_assert_int_gt(ledger_append(other.vendor_id, "credit", 777, "test:other", "Someone else's credit", 0), 0);

	p = pu_get_as(&v.u, "/vendor/ledger");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "Balance: <strong>€75.00</strong>");
	pu_assert_text(p, "3 entries, totalling €75.00");
	pu_assert_text(p, "Opening credit");
	pu_assert_text(p, "Plan fee");
	pu_assert_text(p, "-€19.00");
	pu_assert_lacks(p, "Someone else");
	pu_assert_has(p, "href=\"/vendor/ledger.csv?kind=&amp;from=&amp;to=\"");
	pu_free(p);

	p = pu_get_as(&v.u, "/vendor/ledger?kind=plan_fee");
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 entry, totalling -€19.00");
	pu_assert_lacks(p, "Opening credit");
	pu_assert_has(p, "<option value=\"plan_fee\" selected>");
	pu_free(p);
	/* Dates: today's entries are in today, none are before 2001. */
	snprintf(uri, sizeof uri, "/vendor/ledger?from=2000-01-01&to=2000-12-31");
	p = pu_get_as(&v.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "No entry matches.");
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/ledger?from=2000-01-01");
	pu_assert_text(p, "3 entries");
	pu_free(p);
	pu_expect(400, pu_get_as(&v.u, "/vendor/ledger?from=yesterday"));
	pu_expect(400, pu_get_as(&v.u, "/vendor/ledger?kind=bonus"));
	pu_expect(404, pu_get_as(&v.u, "/vendor/ledger?page=2"));

	/* The export: the same entries, amounts that add up to the balance. */
	p = pu_get_as(&v.u, "/vendor/ledger.csv");
	pu_assert_status(p, 200);
	ck_assert_ptr_nonnull(strstr(pu_header(p, "Content-Type"), "text/csv"));
	ck_assert_ptr_nonnull(strstr(pu_header(p, "Content-Disposition"), "attachment"));
	ck_assert_int_eq(csv_read_buffer(p->body, strlen(p->body), NULL, sum_record, &s, NULL), 0);
	ck_assert_int_eq(s.records, 3);
	ck_assert_int_eq(s.bad, 0);
	ck_assert_int_eq(s.sum, 7500);
	ck_assert_ptr_nonnull(strstr(p->body, "'=1+1"));
	ck_assert_ptr_null(strstr(p->body, "Someone else"));
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/ledger.csv?kind=promotion_fee");
	pu_assert_status(p, 200);
	ck_assert_ptr_nonnull(strstr(p->body, "promotion:1"));
	ck_assert_ptr_null(strstr(p->body, "Opening credit"));
	pu_free(p);

	/* The other vendor sees only theirs. */
	p = pu_get_as(&other.u, "/vendor/ledger");
	pu_assert_has(p, "Balance: <strong>€7.77</strong>");
	pu_assert_lacks(p, "Opening credit");
	pu_free(p);
	pu_expect(303, pu_get("/vendor/ledger.csv"));
	(void)month;
}
END_TEST

static Suite *
vp_ledger_suite(void)
{
	Suite *s = suite_create("vp_ledger");
	TCase *tc = pu_tcase_people(s, "ledger");

	tcase_add_test(tc, test_ledger_pages);
	return s;
}

CHECK_MAIN(vp_ledger_suite)

/*
 * Page tests for adm_payouts.c: the payout queue for admins only, its CSV
 * export with the vendor's bank details (audited), marking a payout sent
 * (the vendor's payout ledger entry, once; audited), cancelling with a
 * reason, and the schedule's form with its bad input.
 */
#define PU_PREFIX "adm-payouts"
#include "adm_util.h"
#include "csv.h"
#include "earnings.h"
#include "ledger.h"
#include "payout.h"

#include "../order_fixture.h"

/* A verified vendor (with an owner, bank details) with a payout of amount
 * (after commission) waiting; returns the payout's id. */
static long long
waiting_payout(struct admt_vendor *v, long long price)
{
	long long vo, id;

	admt_vendor_new(v, "verified");
	vo = of_simple(v->vendor_id, price, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	of_delivered(vo, clock_now() - 30 * 86400);
	id = payout_request(v->vendor_id, 0, NULL, 1, NULL);
	ck_assert_int_gt(id, 0);
	return id;
}

static int
count_record(const struct csv_record *rec, void *arg)
{
	(void)rec;
	(*(long *)arg)++;
	return 0;
}

START_TEST(test_queue_export_sent_cancel)
{
	struct admt_user a;
	struct admt_vendor v, w;
	struct pu_page *p;
	long long first, second;
	char uri[96];
	long records = 0;

	admt_admin_new(&a, 1);
	first = waiting_payout(&v, 10000);	/* 90.00 */
	second = waiting_payout(&w, 5000);	/* 45.00 */

	p = pu_get_as(&a.u, "/admin/payouts");
	pu_assert_status(p, 200);
	pu_assert_text(p, v.trading_name);
	pu_assert_text(p, w.trading_name);
	pu_assert_text(p, "€90.00");
	pu_assert_text(p, "Asked by the vendor");
	snprintf(uri, sizeof uri, "action=\"/admin/payouts/%lld/sent\"", first);
	pu_assert_has(p, uri);
	pu_assert_has(p, "href=\"/admin/payouts.csv\"");
	pu_free(p);

	/* The export: every waiting payout with its bank details, audited. */
	p = pu_get_as(&a.u, "/admin/payouts.csv");
	pu_assert_status(p, 200);
	ck_assert_ptr_nonnull(strstr(pu_header(p, "Content-Type"), "text/csv"));
	ck_assert_ptr_nonnull(strstr(p->body, "payout,requested,vendor,legal_name,account_holder,account,amount"));
	ck_assert_ptr_nonnull(strstr(p->body, v.trading_name));
	ck_assert_ptr_nonnull(strstr(p->body, ",90.00,"));
	ck_assert_ptr_nonnull(strstr(p->body, ",45.00,"));
	ck_assert_int_eq(csv_read_buffer(p->body, strlen(p->body), NULL, count_record, &records, NULL), 0);
	ck_assert_int_ge(records, 3);
	pu_free(p);
	ck_assert_int_ge(pu_count("SELECT COUNT(*) FROM audit_log WHERE action = 'payouts.export' AND actor_id = ?",
				  a.u.id), 1);

	/* Sent: the ledger entry, once, audited. */
	snprintf(uri, sizeof uri, "/admin/payouts/%lld/sent", first);
	pu_expect(403, pu_post(uri, a.u.cookie, "reference=TR-2026-1"));
	p = pu_post_as(&a.u, uri, "reference=TR-2026-1");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/payouts");
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "marked sent"));
	pu_free(p);
	p = pu_post_as(&a.u, uri, "reference=TR-2026-1");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "nothing changed"));
	pu_free(p);
	ck_assert_int_eq(of_sum(v.vendor_id, "payout"), -9000);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_ledger WHERE kind = 'payout' AND vendor_id = ?",
				  v.vendor_id), 1);
	ck_assert_int_eq(pu_audits("payout.sent", "payout", first), 1);
	/* The vendor's mail, once, naming the transfer. */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox o JOIN users u ON u.email = o.to_addr"
				  " WHERE u.id = ? AND o.subject = 'A payout is on its way'", v.owner.u.id), 1);

	/* Cancel: a reason is required. */
	snprintf(uri, sizeof uri, "/admin/payouts/%lld/cancel", second);
	pu_expect(400, pu_post_as(&a.u, uri, "reason="));
	p = pu_post_as(&a.u, uri, "reason=Bank+account+closed");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "Payout cancelled"));
	pu_free(p);
	ck_assert_int_eq(pu_audits("payout.cancel", "payout", second), 1);
	ck_assert_int_eq(of_sum(w.vendor_id, "payout"), 0);
	p = pu_post_as(&a.u, "/admin/payouts/999999999999/sent", "reference=");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "nothing changed"));
	pu_free(p);

	/* The other states. */
	p = pu_get_as(&a.u, "/admin/payouts?status=sent");
	pu_assert_status(p, 200);
	pu_assert_text(p, "transfer TR-2026-1");
	pu_free(p);
	p = pu_get_as(&a.u, "/admin/payouts?status=cancelled");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Bank account closed");
	pu_free(p);
	pu_expect(400, pu_get_as(&a.u, "/admin/payouts?status=lost"));
	pu_expect(404, pu_get_as(&a.u, "/admin/payouts?page=999"));
	admt_assert_admins_only("/admin/payouts", "/admin/login?next=%2Fadmin%2Fpayouts");
}
END_TEST

START_TEST(test_schedule_form)
{
	struct admt_user a;
	struct payout_schedule s;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = pu_post_as(&a.u, "/admin/payouts/schedule", "frequency=weekly&minimum=25");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "Payout schedule saved"));
	pu_free(p);
	ck_assert_int_eq(payout_schedule_load(&s), 0);
	ck_assert_str_eq(s.frequency, "weekly");
	ck_assert_int_eq(s.minimum_minor, 2500);
	ck_assert_int_ge(pu_audits("payouts.schedule", "payout_schedule", 1), 1);
	p = pu_get_as(&a.u, "/admin/payouts");
	pu_assert_has(p, "<option value=\"weekly\" selected>");
	pu_assert_has(p, "value=\"25.00\"");
	pu_free(p);

	/* Bad input: the form again, nothing changed. */
	p = pu_post_as(&a.u, "/admin/payouts/schedule", "frequency=weekly&minimum=lots");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"minimum-error\"");
	pu_free(p);
	p = pu_post_as(&a.u, "/admin/payouts/schedule", "frequency=yearly&minimum=5");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"frequency-error\"");
	pu_free(p);
	ck_assert_int_eq(payout_schedule_load(&s), 0);
	ck_assert_int_eq(s.minimum_minor, 2500);

	p = pu_post_as(&a.u, "/admin/payouts/schedule", "frequency=off&minimum=0");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "off"));
	pu_free(p);
	ck_assert_int_eq(payout_schedule_load(&s), 0);
	ck_assert_str_eq(s.frequency, "off");
}
END_TEST

static Suite *
adm_payouts_suite(void)
{
	Suite *s = suite_create("adm_payouts");
	TCase *tc = admt_tcase_people(s, "payouts");

	tcase_add_test(tc, test_queue_export_sent_cancel);
	tcase_add_test(tc, test_schedule_form);
	return s;
}

CHECK_MAIN(adm_payouts_suite)

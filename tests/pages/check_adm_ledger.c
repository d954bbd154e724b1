/*
 * Page tests for adm_ledger.c: a vendor's ledger as the admins see it, a
 * credit booked at once, a debit only after its confirmation page, a reason
 * required, a form sent twice booking once, everything audited.
 */
#define PU_PREFIX "adm-ledger"
#include "adm_util.h"
#include "ledger.h"

#define KEY1 "0123456789abcdef0123456789abcdef"
#define KEY2 "fedcba9876543210fedcba9876543210"

static long long
balance_of(long long vendor_id)
{
	long long b = 0;

	ck_assert_int_eq(ledger_balance(vendor_id, &b), 0);
	return b;
}

START_TEST(test_ledger_credit_and_debit)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char uri[96], key[40];
	const char *at;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/ledger", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Balance: <strong>€0.00</strong>");
	pu_assert_text(p, "No entry matches.");
	/* The form carries a fresh key. */
	ck_assert_ptr_nonnull(at = strstr(p->body, "name=\"key\" value=\""));
	snprintf(key, sizeof key, "%.32s", at + strlen("name=\"key\" value=\""));
	ck_assert_int_eq(strlen(key), 32);
	pu_free(p);

	/* A reason is required; nothing is booked. */
	p = pu_post_as(&a.u, uri, "entry_kind=credit&amount=25&reason=+&key=" KEY1);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write the reason: the vendor reads it in their ledger.");
	pu_assert_has(p, "id=\"reason-error\"");
	pu_assert_has(p, "value=\"25.00\"");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "entry_kind=credit&amount=0&reason=Goodwill&key=" KEY1);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"amount-error\"");
	pu_free(p);
	pu_expect(422, pu_post_as(&a.u, uri, "entry_kind=gift&amount=5&reason=Goodwill&key=" KEY1));
	p = pu_post_as(&a.u, uri, "entry_kind=credit&amount=5&reason=Goodwill&key=short");
	pu_assert_status(p, 422);
	pu_assert_text(p, "The form has expired: open the page again.");
	pu_free(p);
	/* Without the CSRF token, nothing. */
	pu_expect(403, pu_post(uri, a.u.cookie, "entry_kind=credit&amount=25&reason=Goodwill&key=" KEY1));
	ck_assert_int_eq(balance_of(v.vendor_id), 0);

	/* A credit is booked at once, and once only however often it is sent. */
	p = pu_post_as(&a.u, uri, "entry_kind=credit&amount=25&reason=Goodwill+for+a+late+payout&key=" KEY1);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, uri);
	pu_free(p);
	p = pu_post_as(&a.u, uri, "entry_kind=credit&amount=25&reason=Goodwill+for+a+late+payout&key=" KEY1);
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "already sent"));
	pu_free(p);
	ck_assert_int_eq(balance_of(v.vendor_id), 2500);
	ck_assert_int_eq(pu_audits("ledger.credit", "vendor", v.vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND kind = 'credit'"
				  " AND created_by IS NOT NULL", v.vendor_id), 1);

	/* A debit asks first, with the balance before and after. */
	p = pu_post_as(&a.u, uri, "entry_kind=debit&amount=40&reason=Chargeback+of+order+17&key=" KEY2);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Confirm the debit");
	pu_assert_text(p, "€25.00");
	pu_assert_text(p, "-€15.00");
	pu_assert_text(p, "The balance goes below zero");
	pu_assert_has(p, "name=\"confirm\" value=\"yes\"");
	pu_assert_has(p, "name=\"key\" value=\"" KEY2 "\"");
	pu_free(p);
	ck_assert_int_eq(balance_of(v.vendor_id), 2500);
	p = pu_post_as(&a.u, uri, "entry_kind=debit&amount=40&reason=Chargeback+of+order+17&key=" KEY2
		       "&confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(balance_of(v.vendor_id), -1500);
	ck_assert_int_eq(pu_audits("ledger.debit", "vendor", v.vendor_id), 1);

	/* The list, filtered by kind. */
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Balance: <strong class=\"amount-negative\">-€15.00</strong>");
	pu_assert_text(p, "Chargeback of order 17");
	pu_assert_text(p, "Goodwill for a late payout");
	pu_assert_text(p, "2 entries");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/ledger?kind=debit", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 entry, totalling -€40.00");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/ledger?from=2026-02-30", v.vendor_id);
	pu_expect(400, pu_get_as(&a.u, uri));
	pu_expect(404, pu_get_as(&a.u, "/admin/vendors/999999999999/ledger"));
	pu_expect(404, pu_post_as(&a.u, "/admin/vendors/999999999999/ledger",
				  "entry_kind=credit&amount=1&reason=Nobody&key=" KEY1));
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/ledger", v.vendor_id);
	{
		char login[128];

		snprintf(login, sizeof login, "/admin/login?next=%%2Fadmin%%2Fvendors%%2F%lld%%2Fledger", v.vendor_id);
		admt_assert_admins_only(uri, login);
	}
}
END_TEST

static Suite *
adm_ledger_suite(void)
{
	Suite *s = suite_create("adm_ledger");
	TCase *tc = admt_tcase_people(s, "ledger");

	tcase_add_test(tc, test_ledger_credit_and_debit);
	return s;
}

CHECK_MAIN(adm_ledger_suite)

/*
 * Page tests for adm_audit.c: GET /admin/audit.
 */
#define PU_PREFIX "adm-audit"
#include "adm_util.h"

START_TEST(test_audit)
{
	struct admt_user a, c;
	struct pu_page *p;
	char uri[200], want[200];

	admt_admin_new(&a, 1);
	admt_user_new(&c, "customer");
	/* something to find: an admin blocks a customer */
	snprintf(uri, sizeof uri, "/admin/users/%lld/block", c.u.id);
	pu_expect(303, pu_post_as(&a.u, uri, "reason=Audit+page+test+reason&confirm=yes"));

	p = pu_request("GET", "/admin/audit", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/audit\" aria-current=\"page\">Audit log</a>");
	pu_assert_text(p, "Audit page test reason");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/audit?action=user.block&object_type=user&object_id=%lld", c.u.id);
	p = pu_request("GET", uri, a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 entry");
	pu_assert_text(p, a.u.email);
	pu_assert_has(p, "127.0.0.1");
	snprintf(want, sizeof want, "href=\"/admin/users/%lld\">user %lld</a>", c.u.id, c.u.id);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "href=\"/admin/audit?actor=%lld\"", a.u.id);
	pu_assert_has(p, want);
	pu_assert_has(p, "Show everything</a>");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/audit?actor=%lld&action=vendor.approve", a.u.id);
	p = pu_request("GET", uri, a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "No entry matches.");
	pu_free(p);
}
END_TEST

START_TEST(test_audit_bad_params)
{
	struct admt_user a;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = pu_request("GET", "/admin/audit?actor=abc", a.u.cookie);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(actor)");
	pu_free(p);
	pu_expect(400, pu_request("GET", "/admin/audit?object_id=-4", a.u.cookie));
	pu_expect(400, pu_request("GET", "/admin/audit?action=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
				  a.u.cookie));
	pu_expect(404, pu_request("GET", "/admin/audit?page=10000", a.u.cookie));
	admt_assert_admins_only("/admin/audit", "/admin/login?next=%2Fadmin%2Faudit");
}
END_TEST

static Suite *
adm_audit_suite(void)
{
	Suite *s = suite_create("adm_audit");
	TCase *tc = pu_tcase_people(s, "audit");

	tcase_add_test(tc, test_audit);
	tcase_add_test(tc, test_audit_bad_params);
	return s;
}

CHECK_MAIN(adm_audit_suite)

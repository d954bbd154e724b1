/*
 * Page tests for adm_users.c: GET /admin/users, GET /admin/users/{id},
 * POST /admin/users/{id}/block and /unblock.
 */
#define PU_PREFIX "adm-users"
#include "adm_util.h"

static struct pu_page *
user_post(const struct admt_user *a, long long id, const char *action, const char *body)
{
	char uri[128];

	snprintf(uri, sizeof uri, "/admin/users/%lld/%s", id, action);
	return pu_post_as(&a->u, uri, body);
}

static struct pu_page *
user_get(const struct admt_user *a, long long id)
{
	char uri[128];

	snprintf(uri, sizeof uri, "/admin/users/%lld", id);
	return pu_request("GET", uri, a->u.cookie);
}

START_TEST(test_search)
{
	struct admt_user a, c;
	struct pu_page *p;
	char uri[512], href[128];

	admt_admin_new(&a, 1);
	admt_user_new(&c, "customer");
	snprintf(href, sizeof href, "href=\"/admin/users/%lld\"", c.u.id);
	/* by a part of the address */
	snprintf(uri, sizeof uri, "/admin/users?q=%s", c.u.email + 3);
	p = pu_request("GET", uri, a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, href);
	pu_assert_text(p, "1 account");
	pu_assert_has(p, "<label for=\"q\">");
	pu_free(p);
	/* role and status narrow it down */
	snprintf(uri, sizeof uri, "/admin/users?q=%s&role=customer&status=active", c.u.email);
	p = pu_request("GET", uri, a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, href);
	pu_assert_has(p, "<option value=\"customer\" selected>");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/users?q=%s&role=admin", c.u.email);
	p = pu_request("GET", uri, a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	pu_assert_text(p, "No account matches.");
	pu_free(p);
	/* wildcards typed are plain characters */
	p = pu_request("GET", "/admin/users?q=%25%25%25_", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "No account matches.");
	pu_free(p);
	pu_expect(200, pu_request("GET", "/admin/users", a.u.cookie));
}
END_TEST

START_TEST(test_search_bad_params)
{
	struct admt_user a;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = pu_request("GET", "/admin/users?role=root", a.u.cookie);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(role)");
	pu_free(p);
	pu_expect(400, pu_request("GET", "/admin/users?status=gone", a.u.cookie));
	pu_expect(400, pu_request("GET", "/admin/users?page=99999", a.u.cookie));
	admt_assert_admins_only("/admin/users", "/admin/login?next=%2Fadmin%2Fusers");
}
END_TEST

START_TEST(test_view)
{
	struct admt_user a, c;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	admt_user_new(&c, "customer");
	pu_login(&c.u, 0);
	p = user_get(&a, c.u.id);
	pu_assert_status(p, 200);
	pu_assert_text(p, c.u.email);
	pu_assert_text(p, "1 device");
	pu_assert_has(p, "Block account</button>");
	pu_assert_has(p, "name=\"confirm\" value=\"yes\" required");
	pu_free(p);
	/* one's own page has no block form */
	p = user_get(&a, a.u.id);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Block account</button>");
	pu_assert_text(p, "This is your own account");
	pu_free(p);
	p = user_get(&a, 999999999999LL);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

START_TEST(test_block_customer)
{
	struct admt_user a, c;
	struct pu_page *p;
	char *row[1] = { NULL };

	admt_admin_new(&a, 1);
	admt_user_new(&c, "customer");
	pu_login(&c.u, 0);
	pu_login(&c.u, 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", c.u.id), 2);
	/* bad input and CSRF missing: nothing changes */
	p = user_post(&a, c.u.id, "block", "reason=&confirm=yes");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"reason-error\"");
	pu_free(p);
	p = user_post(&a, c.u.id, "block", "reason=Fraudulent+orders");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm the block.");
	pu_assert_has(p, ">Fraudulent orders</textarea>");
	pu_free(p);
	/* the router's form: each message next to its field and in the summary,
	 * the reason typed kept; the admin's own summary link lands on the field */
	{
		char body[700];

		snprintf(body, sizeof body, "reason=%0501d", 7);
		p = user_post(&a, c.u.id, "block", body);
		pu_assert_status(p, 422);
		pu_assert_has(p, "<main id=\"main\"");
		pu_assert_has(p, "<a href=\"#reason\">Keep the reason to 500 characters.</a>");
		pu_assert_has(p, "<a href=\"#confirm\">Tick the box to confirm the block.</a>");
		pu_assert_has(p, "aria-describedby=\"reason-hint reason-error\" aria-invalid=\"true\">0000");
		pu_assert_has(p, "aria-describedby=\"confirm-error\" aria-invalid=\"true\"");
		pu_free(p);
	}
	p = user_post(&a, c.u.id, "block", "reason=++Fraud++&confirm=maybe");
	pu_assert_status(p, 422);
	pu_assert_has(p, ">Fraud</textarea>");
	pu_assert_has(p, "id=\"confirm-error\"");
	pu_free(p);
	/* bad input about no account at all is still no account */
	p = user_post(&a, 999999999999LL, "block", "reason=");
	pu_assert_status(p, 404);
	pu_free(p);
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/users/%lld/block", c.u.id);
		pu_expect(403, pu_post(uri, a.u.cookie, "reason=Fraudulent+orders&confirm=yes"));
	}
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", c.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", c.u.id), 2);

	p = user_post(&a, c.u.id, "block", "reason=Fraudulent+orders&confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'blocked'"
				  " AND status_reason = 'Fraudulent orders'", c.u.id), 1);
	/* the sessions are left for the holder's next request, which is told why */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", c.u.id), 2);
	p = pu_request("GET", "/admin/2fa", c.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2F2fa");
	pu_assert_flash(p, "Your account has been blocked: Fraudulent orders. To appeal, write to ");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	/* and then every session of the account is gone */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", c.u.id), 0);
	p = pu_request("GET", "/admin/2fa", c.u.cookie);
	ck_assert_int_eq(p->status, 303);
	ck_assert_str_eq(pu_flash(p), "");
	pu_free(p);
	ck_assert_int_eq(pu_audits("user.block", "user", c.u.id), 1);
	ck_assert(pu_row1(row, 1, "SELECT body FROM mail_outbox WHERE to_addr = ? AND template = 'account_blocked'",
			  "s", c.u.email));
	ck_assert_ptr_nonnull(strstr(row[0], "Fraudulent orders"));
	ck_assert_ptr_nonnull(strstr(row[0], "appeal"));
	pu_free_row(row, 1);
	/* blocking again is refused; the page offers unblocking */
	p = user_post(&a, c.u.id, "block", "reason=Again&confirm=yes");
	pu_assert_status(p, 409);
	pu_free(p);
	p = user_get(&a, c.u.id);
	pu_assert_has(p, "Unblock account</button>");
	pu_assert_text(p, "user.block");
	pu_free(p);

	/* unblock: a reason is needed */
	p = user_post(&a, c.u.id, "unblock", "reason=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"unblock-reason-error\"");
	pu_free(p);
	{
		char body[700];

		snprintf(body, sizeof body, "reason=Appeal%0501d", 7);
		p = user_post(&a, c.u.id, "unblock", body);
		pu_assert_status(p, 422);
		pu_assert_has(p, "<a href=\"#reason\">Keep the reason to 500 characters.</a>");
		pu_assert_has(p, "id=\"reason\" name=\"reason\"");
		pu_assert_has(p, "aria-invalid=\"true\">Appeal0000");
		pu_assert_lacks(p, "Block account</button>");
		pu_free(p);
	}
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'blocked'", c.u.id), 1);
	ck_assert_int_eq(pu_audits("user.unblock", "user", c.u.id), 0);
	p = user_post(&a, c.u.id, "unblock", "reason=Appeal+accepted");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'"
				  " AND status_reason IS NULL", c.u.id), 1);
	ck_assert_int_eq(pu_audits("user.unblock", "user", c.u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'account_unblocked'", c.u.email), 1);
	p = user_post(&a, c.u.id, "unblock", "reason=Again");
	pu_assert_status(p, 409);
	pu_free(p);
}
END_TEST

/* A verified vendor blocked: off the site at once, back when unblocked; a
 * session from before the block, never used since, does not come back. */
START_TEST(test_block_vendor)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	long long product;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	product = pu_product_new(v.vendor_id);
	pu_login(&v.owner.u, 0);
	p = user_post(&a, v.owner.u.id, "block", "reason=Selling+counterfeit+goods&confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	/* its products changed for whoever reads the events, in the same commit */
	ck_assert_int_eq(pu_product_events(product), 1);
	/* the storefront shows only vendors.status = 'verified' */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'blocked'"
				  " AND blocked_from = 'verified'", v.vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", v.owner.u.id), 1);
	p = user_post(&a, v.owner.u.id, "unblock", "reason=Goods+checked+and+genuine");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'verified'"
				  " AND blocked_from IS NULL", v.vendor_id), 1);
	ck_assert_int_eq(pu_product_events(product), 2);
	pu_product_delete(product);
	/* the owner's old cookie opens nothing any more */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", v.owner.u.id), 0);
	p = pu_request("GET", "/admin/2fa", v.owner.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2F2fa");
	pu_free(p);
}
END_TEST

START_TEST(test_block_self)
{
	struct admt_user a;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = user_post(&a, a.u.id, "block", "reason=Oops&confirm=yes");
	pu_assert_status(p, 422);
	pu_assert_text(p, "You cannot block your own account.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", a.u.id), 1);
	/* no such account */
	p = user_post(&a, 999999999999LL, "block", "reason=Nobody&confirm=yes");
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

static Suite *
adm_users_suite(void)
{
	Suite *s = suite_create("adm_users");
	TCase *tc = pu_tcase_people(s, "search");

	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_search_bad_params);
	tcase_add_test(tc, test_view);
	tc = pu_tcase_people(s, "block");
	tcase_add_test(tc, test_block_customer);
	tcase_add_test(tc, test_block_vendor);
	tcase_add_test(tc, test_block_self);
	return s;
}

CHECK_MAIN(adm_users_suite)

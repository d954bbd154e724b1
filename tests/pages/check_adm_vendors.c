/*
 * Page tests for adm_vendors.c: GET /admin/vendors, GET /admin/vendors/{id},
 * POST /admin/vendors/{id}/check, /checks, /approve, /reject.
 */
#define PU_PREFIX "adm-vendors"
#include "adm_util.h"
#include "audit.h"

/* POST as the admin to /admin/vendors/<id>/<action>. */
static struct pu_page *
vendor_post(const struct admt_user *a, const struct admt_vendor *v, const char *action, const char *body)
{
	char uri[128];

	snprintf(uri, sizeof uri, "/admin/vendors/%lld/%s", v->vendor_id, action);
	return pu_post_as(&a->u, uri, body);
}

static struct pu_page *
vendor_get(const struct admt_user *a, const struct admt_vendor *v)
{
	char uri[128];

	snprintf(uri, sizeof uri, "/admin/vendors/%lld", v->vendor_id);
	return pu_request("GET", uri, a->u.cookie);
}

/* Ticks one checklist item as passed. */
static void
check_pass(const struct admt_user *a, const struct admt_vendor *v, const char *item)
{
	char body[128];
	struct pu_page *p;

	snprintf(body, sizeof body, "item=%s&result=pass&note=", item);
	p = vendor_post(a, v, "check", body);
	ck_assert_msg(p->status == 303, "check %s: status %d", item, p->status);
	pu_free(p);
}

static long long
vendor_mails(const struct admt_vendor *v, const char *template)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND template = ?", "ss",
				v->owner.u.email, template);

	ck_assert(n >= 0);
	return n;
}

START_TEST(test_queue)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char href[128];

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	snprintf(href, sizeof href, "href=\"/admin/vendors/%lld\"", v.vendor_id);
	/* the queue of the newest vendor is on its last page: look it up by status page */
	p = pu_request("GET", "/admin/vendors?status=all", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<table class=\"data-table\">");
	pu_assert_has(p, "aria-current=\"page\">All</a>");
	pu_free(p);
	p = pu_request("GET", "/admin/vendors", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "aria-current=\"page\">Pending</a>");
	pu_assert_no_site_search(p);
	pu_assert_one_logout(p);
	pu_assert_has(p, "Vendors waiting for verification");
	if (pu_count("SELECT COUNT(*) FROM vendors WHERE status = 'pending' AND id <> ?", v.vendor_id) < 50) {
		pu_assert_has(p, href);
		pu_assert_text(p, v.trading_name);
		pu_assert_text(p, v.owner.u.email);
	}
	pu_free(p);
	p = pu_request("GET", "/admin/vendors?status=verified", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	pu_free(p);
}
END_TEST

START_TEST(test_queue_bad_params)
{
	struct admt_user a;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = pu_request("GET", "/admin/vendors?status=bogus", a.u.cookie);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(status)");
	pu_free(p);
	pu_expect(400, pu_request("GET", "/admin/vendors?page=0", a.u.cookie));
	pu_expect(404, pu_request("GET", "/admin/vendors?page=9999", a.u.cookie));
}
END_TEST

START_TEST(test_access)
{
	struct admt_user customer, vendor, halfway;
	struct admt_vendor v;
	struct pu_page *p;
	char uri[128];

	admt_vendor_new(&v, "pending");
	snprintf(uri, sizeof uri, "/admin/vendors/%lld", v.vendor_id);
	/* anonymous: to the admin login, with the way back */
	p = pu_get("/admin/vendors");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2Fvendors");
	pu_free(p);
	/* another role: not found, page and actions alike */
	admt_user_new(&customer, "customer");
	pu_login(&customer.u, 1);
	admt_user_new(&vendor, "vendor");
	pu_login(&vendor.u, 1);
	pu_expect(404, pu_request("GET", "/admin/vendors", customer.u.cookie));
	pu_expect(404, pu_request("GET", uri, vendor.u.cookie));
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/check", v.vendor_id);
	pu_expect(404, pu_post_as(&vendor.u, uri, "item=registration&result=pass"));
	/* an admin without the second factor: to /admin/2fa */
	admt_admin_new(&halfway, 0);
	p = pu_request("GET", "/admin/vendors?status=all", halfway.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/2fa?next=%2Fadmin%2Fvendors%3Fstatus%3Dall");
	pu_free(p);
	pu_expect(403, pu_post_as(&halfway.u, uri, "item=registration&result=pass"));
	/* the form that passes several checks: the same rules */
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/checks", v.vendor_id);
	pu_expect(404, pu_post_as(&vendor.u, uri, "pass_registration=yes"));
	pu_expect(403, pu_post_as(&halfway.u, uri, "pass_registration=yes"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ?", v.review_id), 0);
}
END_TEST

START_TEST(test_view)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char want[160];

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_text(p, v.trading_name);
	pu_assert_text(p, "Test Trading Ltd");
	/* sealed fields opened */
	pu_assert_has(p, "1 Test Street<br>Testville<br>T1 1TT<br>");
	pu_assert_text(p, "+44 20 7946 0958");
	pu_assert_text(p, "GB82WEST12345698765432");
	/* owner and checklist */
	snprintf(want, sizeof want, "href=\"/admin/users/%lld\"", v.owner.u.id);
	pu_assert_has(p, want);
	pu_assert_text(p, "Registration number checked against the registry extract");
	pu_assert_text(p, "Bank account holder matches the legal name");
	pu_assert_text(p, "0 of 6 checks passed.");
	pu_assert_has(p, "id=\"check-prohibited\"");
	pu_assert_text(p, "The vendor can be approved once every check above has passed.");
	pu_assert_lacks(p, "Approve vendor</button>");
	pu_assert_has(p, "Reject vendor</button>");
	pu_assert_has(p, "<nav class=\"crumbs\"");
	pu_free(p);
	/* no such vendor */
	pu_expect(404, pu_request("GET", "/admin/vendors/999999999999", a.u.cookie));
}
END_TEST

START_TEST(test_check)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	/* bad input: nothing stored */
	p = vendor_post(&a, &v, "check", "item=registration&result=fail&note=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say what is wrong: the vendor may have to fix it.");
	pu_assert_has(p, "id=\"registration-note-error\"");
	pu_assert_lacks(p, "id=\"tax_id-note\"");
	pu_assert_has(p, "href=\"#registration-note\"");
	pu_free(p);
	p = vendor_post(&a, &v, "check", "item=registration&result=maybe");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose passed or failed.");
	pu_free(p);
	p = vendor_post(&a, &v, "check", "item=astrology&result=pass");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose one of the checks listed.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ?", v.review_id), 0);
	/* CSRF missing */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/vendors/%lld/check", v.vendor_id);
		pu_expect(403, pu_post(uri, a.u.cookie, "item=registration&result=pass"));
	}
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ?", v.review_id), 0);

	/* a failed check with its note, then the same item passed: one row */
	p = vendor_post(&a, &v, "check", "item=tax_id&result=fail&note=Tax+id+not+in+the+register");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND item = 'tax_id'"
				  " AND passed = 0 AND note = 'Tax id not in the register'", v.review_id), 1);
	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Note: Tax id not in the register");
	pu_free(p);
	check_pass(&a, &v, "tax_id");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND item = 'tax_id'"
				  " AND passed = 1", v.review_id), 1);
	ck_assert_int_eq(pu_audits("vendor.check", "vendor", v.vendor_id), 2);

	/* the page's forms carry when the profile last changed; a profile
	 * changed after the page was shown is not checked blind */
	{
		char seen[32], body[96];
		const char *at;

		p = vendor_get(&a, &v);
		at = strstr(p->body, "name=\"seen\" value=\"");
		ck_assert_ptr_nonnull(at);
		snprintf(seen, sizeof seen, "%.*s", (int)strcspn(at + 19, "\""), at + 19);
		pu_free(p);
		snprintf(body, sizeof body, "item=address&result=pass&note=&seen=%s", seen);
		ck_assert_int_eq(db_exec("UPDATE vendors SET website = 'https://changed.example',"
					 " updated_at = updated_at + INTERVAL 1 SECOND WHERE id = ?", "i", v.vendor_id), 1);
		p = vendor_post(&a, &v, "check", body);
		pu_assert_status(p, 409);
		pu_assert_text(p, "The vendor changed the profile after this page was opened");
		pu_assert_text(p, "https://changed.example");
		pu_free(p);
		ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND item = 'address'",
					  v.review_id), 0);
	}
}
END_TEST

/* The page's "seen" value: when the profile it shows last changed. */
static void
vendor_seen(const struct admt_user *a, const struct admt_vendor *v, char *seen, size_t size)
{
	static const char attr[] = "name=\"seen\" value=\"";
	struct pu_page *p = vendor_get(a, v);
	const char *at = strstr(p->body, attr);

	ck_assert_ptr_nonnull(at);
	at += sizeof attr - 1;
	snprintf(seen, size, "%.*s", (int)strcspn(at, "\""), at);
	pu_free(p);
}

/* Several checks passed in one submission, each recorded and audited. */
START_TEST(test_checks_several)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char action[128], body[256], seen[32];

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	snprintf(action, sizeof action, "action=\"/admin/vendors/%lld/checks\"", v.vendor_id);
	pu_assert_has(p, action);
	pu_assert_text(p, "Pass several checks at once");
	pu_assert_has(p, "name=\"pass_registration\" value=\"yes\"");
	pu_assert_has(p, "name=\"pass_prohibited\" value=\"yes\"");
	/* before any decision, every change counts; there is none */
	pu_assert_text(p, "The profile has not changed since this submission");
	pu_free(p);

	/* bad input: nothing stored */
	p = vendor_post(&a, &v, "checks", "note=Looked+at+them");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the checks that passed, then save them.");
	pu_assert_has(p, "id=\"several-error\"");
	pu_assert_has(p, "href=\"#several\"");
	pu_assert_has(p, ">Looked at them</textarea>");
	pu_free(p);
	p = vendor_post(&a, &v, "checks", "pass_registration=yes&pass_tax_id=maybe");
	pu_assert_status(p, 400);
	pu_free(p);
	p = vendor_post(&a, &v, "checks", "pass_astrology=yes");
	pu_assert_status(p, 422);
	pu_free(p);
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/vendors/%lld/checks", v.vendor_id);
		pu_expect(403, pu_post(uri, a.u.cookie, "pass_registration=yes"));
	}
	/* a profile changed after the page was shown: nothing checked blind */
	vendor_seen(&a, &v, seen, sizeof seen);
	snprintf(body, sizeof body, "pass_address=yes&pass_contact=yes&seen=%s", seen);
	ck_assert_int_eq(db_exec("UPDATE vendors SET updated_at = updated_at + INTERVAL 1 SECOND WHERE id = ?", "i",
				 v.vendor_id), 1);
	p = vendor_post(&a, &v, "checks", body);
	pu_assert_status(p, 409);
	pu_assert_text(p, "The vendor changed the profile after this page was opened");
	pu_assert_has(p, "id=\"pass-address\" name=\"pass_address\" value=\"yes\" checked");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ?", v.review_id), 0);
	ck_assert_int_eq(pu_audits("vendor.check", "vendor", v.vendor_id), 0);

	/* three at once, with the page's time */
	vendor_seen(&a, &v, seen, sizeof seen);
	snprintf(body, sizeof body, "pass_registration=yes&pass_tax_id=yes&pass_address=yes"
		 "&note=Registry+extract+seen&seen=%s", seen);
	p = vendor_post(&a, &v, "checks", body);
	ck_assert_int_eq(p->status, 303);
	ck_assert_str_eq(pu_flash(p), "Saved: 3 checks passed.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND passed = 1"
				  " AND note = 'Registry extract seen' AND item IN ('registration', 'tax_id', 'address')",
				  v.review_id), 3);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ?", v.review_id), 3);
	ck_assert_int_eq(pu_audits("vendor.check", "vendor", v.vendor_id), 3);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE object_type = 'vendor' AND object_id = ?"
				   " AND action = 'vendor.check' AND actor_id = ?"
				   " AND detail = CONCAT('review ', ?, ': tax_id passed: Registry extract seen')", "iii",
				   v.vendor_id, a.u.id, v.review_id), 1);
	/* the form now offers only what has not passed */
	p = vendor_get(&a, &v);
	pu_assert_text(p, "3 of 6 checks passed.");
	pu_assert_lacks(p, "name=\"pass_registration\"");
	pu_assert_has(p, "name=\"pass_contact\" value=\"yes\"");
	pu_free(p);
	/* the rest, one of them passed again: then the vendor can be approved */
	p = vendor_post(&a, &v, "checks", "pass_address=yes&pass_contact=yes&pass_bank_holder=yes&pass_prohibited=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND passed = 1", v.review_id),
			 6);
	p = vendor_get(&a, &v);
	pu_assert_text(p, "6 of 6 checks passed.");
	pu_assert_lacks(p, "Pass several checks at once");
	pu_free(p);
	p = vendor_post(&a, &v, "approve", "");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
}
END_TEST

/* After a resubmission the page says what changed since the last review and
 * what each item was then; sealed values are not shown. */
START_TEST(test_changes_since_review)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	const char *changes;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	/* a change before the decision, which the next review must not list */
	ck_assert_int_eq(audit_log_ip(v.owner.u.id, "vendor", "127.0.0.1", "vendor.profile_update", "vendor",
				      v.vendor_id, "changed: registration_number"), 0);
	check_pass(&a, &v, "registration");
	p = vendor_post(&a, &v, "check", "item=bank_holder&result=fail&note=Holder+is+someone+else");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	p = vendor_post(&a, &v, "reject", "reason=The+bank+account+holder+is+not+the+business.&confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	/* the vendor fixes two fields (one twice) and resubmits */
	ck_assert_int_eq(db_exec("UPDATE vendors SET website = 'https://fixed.example' WHERE id = ?", "i",
				 v.vendor_id), 1);
	ck_assert_int_eq(audit_log_ip(v.owner.u.id, "vendor", "127.0.0.1", "vendor.profile_update", "vendor",
				      v.vendor_id, "changed: bank_holder, website"), 0);
	ck_assert_int_eq(audit_log_ip(v.owner.u.id, "vendor", "127.0.0.1", "vendor.profile_update", "vendor",
				      v.vendor_id, "changed: bank_holder"), 0);
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'pending' WHERE id = ?", "i", v.vendor_id), 1);
	ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id) VALUES (?)", "i", v.vendor_id), 1);

	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	pu_assert_text(p, "0 of 6 checks passed.");
	changes = strstr(p->body, "id=\"changes\"");
	ck_assert_ptr_nonnull(changes);
	pu_assert_text(p, "Changed since the last review (rejected ");
	pu_assert_has(p, "<th scope=\"row\">Bank account holder</th><td>changed</td>");
	pu_assert_has(p, "<th scope=\"row\">Website</th><td>https://fixed.example</td>");
	/* each field once; nothing from before the decision; no sealed value */
	ck_assert_ptr_null(strstr(strstr(changes, "Bank account holder</th>") + 1, "Bank account holder</th>"));
	pu_assert_lacks(p, "<th scope=\"row\">Registration number</th><td>");
	ck_assert_ptr_null(strstr(changes, PU_VENDOR_BANK_HOLDER "</td><td>"));
	/* what each item was in the last review */
	pu_assert_text(p, "In the last review: passed");
	pu_assert_text(p, "In the last review: failed (Holder is someone else)");
	pu_free(p);
}
END_TEST

START_TEST(test_approve)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	long long product;
	size_t i;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	product = pu_product_new(v.vendor_id);
	/* refused until every check has passed */
	for (i = 0; admt_items[i + 1]; i++)
		check_pass(&a, &v, admt_items[i]);
	p = vendor_post(&a, &v, "approve", "");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Not every check has passed yet. Still to pass: No prohibited goods offered.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'pending'", v.vendor_id), 1);
	ck_assert_int_eq(vendor_mails(&v, "vendor_approved"), 0);
	ck_assert_int_eq(pu_product_events(product), 0);
	check_pass(&a, &v, admt_items[i]);
	/* CSRF missing: nothing */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/vendors/%lld/approve", v.vendor_id);
		pu_expect(403, pu_post(uri, a.u.cookie, ""));
	}
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'pending'", v.vendor_id), 1);

	p = vendor_get(&a, &v);
	pu_assert_has(p, "Approve vendor</button>");
	pu_free(p);
	p = vendor_post(&a, &v, "approve", "");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'verified'", v.vendor_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_reviews WHERE id = ? AND decision = 'approved'"
				   " AND decided_by = ? AND decided_at IS NOT NULL", "ii", v.review_id, a.u.id), 1);
	ck_assert_int_eq(vendor_mails(&v, "vendor_approved"), 1);
	/* a shop verified for the first time has its first listings reviewed */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND listing_review = 'first'"
				  " AND listing_review_first = 3", v.vendor_id), 1);
	/* the shop's products appear: an event each, with the decision */
	ck_assert_int_eq(pu_product_events(product), 1);
	pu_product_delete(product);
	/* the mail promises nothing the portal cannot do */
	{
		char *body[1] = { NULL };

		ck_assert(pu_row1(body, 1, "SELECT body FROM mail_outbox WHERE to_addr = ?"
				  " AND template = 'vendor_approved'", "s", v.owner.u.email));
		ck_assert_msg(strstr(body[0], "manage your products") == NULL, "mail: %s", body[0]);
		ck_assert_msg(strstr(body[0], "Adding listings there is not open yet") != NULL,
			      "mail: %s", body[0]);
		pu_free_row(body, 1);
	}
	ck_assert_int_eq(pu_audits("vendor.approve", "vendor", v.vendor_id), 1);
	/* the history shows it; a second decision finds nothing open */
	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Earlier reviews");
	pu_assert_text(p, "No submission is waiting for a decision.");
	pu_free(p);
	p = vendor_post(&a, &v, "approve", "");
	pu_assert_status(p, 409);
	pu_assert_text(p, "This vendor has no submission waiting for a decision.");
	pu_free(p);
	p = vendor_post(&a, &v, "reject", "reason=Too+late+for+this+one&confirm=yes");
	pu_assert_status(p, 409);
	pu_free(p);
	ck_assert_int_eq(vendor_mails(&v, "vendor_approved"), 1);
	ck_assert_int_eq(vendor_mails(&v, "vendor_rejected"), 0);
	ck_assert_int_eq(pu_audits("vendor.approve", "vendor", v.vendor_id), 1);
}
END_TEST

/* Two admins deciding at once: the second finds the review closed. */
START_TEST(test_approve_race)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	size_t i;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	for (i = 0; admt_items[i]; i++)
		check_pass(&a, &v, admt_items[i]);
	/* another admin closed it meanwhile (the same statement the page runs) */
	ck_assert_int_eq(db_exec("UPDATE vendor_reviews SET decision = 'approved', decided_at = NOW()"
				 " WHERE id = ? AND decision IS NULL", "i", v.review_id), 1);
	p = vendor_post(&a, &v, "approve", "");
	pu_assert_status(p, 409);
	pu_free(p);
	ck_assert_int_eq(vendor_mails(&v, "vendor_approved"), 0);
	ck_assert_int_eq(pu_audits("vendor.approve", "vendor", v.vendor_id), 0);
}
END_TEST

START_TEST(test_reject)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char *row[2] = { NULL, NULL };

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	/* the server checks the form: the browser must not stop it first */
	p = vendor_get(&a, &v);
	pu_assert_status(p, 200);
	pu_assert_has(p, "/reject\" method=\"post\" novalidate>");
	pu_free(p);
	/* bad input: nothing changes */
	p = vendor_post(&a, &v, "reject", "reason=Too+short&confirm=yes");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"reason-error\"");
	pu_assert_has(p, ">Too short</textarea>");
	pu_assert_has(p, "class=\"error-summary\"");
	pu_assert_has(p, "<a href=\"#reason\">");
	pu_free(p);
	p = vendor_post(&a, &v, "reject", "reason=The+tax+id+does+not+match+the+register.");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm the rejection.");
	pu_assert_has(p, "id=\"confirm-error\"");
	pu_free(p);
	/* the router's form: both messages at once, next to their fields and in
	 * the summary, the reason kept as typed (tidied) */
	{
		char body[2200];

		snprintf(body, sizeof body, "reason=++Not+ok+%02001d&confirm=no", 5);
		p = vendor_post(&a, &v, "reject", body);
		pu_assert_status(p, 422);
		pu_assert_has(p, "<main id=\"main\"");
		pu_assert_has(p, "<a href=\"#reason\">Keep the reason to 2,000 characters.</a>");
		pu_assert_has(p, "<a href=\"#confirm\">Confirmation (confirm) must be one of: yes.</a>");
		pu_assert_has(p, "aria-describedby=\"reason-hint reason-error\" aria-invalid=\"true\">Not ok 000");
		pu_assert_has(p, "aria-describedby=\"confirm-error\" aria-invalid=\"true\"");
		pu_free(p);
	}
	p = vendor_post(&a, &v, "reject", "reason=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#reason\">Write the reason for the vendor, at least 10 characters");
	pu_assert_has(p, "<a href=\"#confirm\">Tick the box to confirm the rejection.</a>");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'pending'", v.vendor_id), 1);
	ck_assert_int_eq(vendor_mails(&v, "vendor_rejected"), 0);

	p = vendor_post(&a, &v, "reject", "reason=The+tax+id+does+not+match+the+register.&confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND status = 'rejected'", v.vendor_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_reviews WHERE id = ? AND decision = 'rejected'"
				   " AND reason = 'The tax id does not match the register.' AND decided_by = ?", "ii",
				   v.review_id, a.u.id), 1);
	ck_assert_int_eq(pu_audits("vendor.reject", "vendor", v.vendor_id), 1);
	ck_assert(pu_row1(row, 1, "SELECT body FROM mail_outbox WHERE to_addr = ? AND template = 'vendor_rejected'", "s",
			  v.owner.u.email));
	ck_assert_ptr_nonnull(strstr(row[0], "The tax id does not match the register."));
	ck_assert_ptr_nonnull(strstr(row[0], "/vendor/profile"));
	pu_free_row(row, 1);
	p = vendor_get(&a, &v);
	pu_assert_text(p, "Reason: The tax id does not match the register.");
	pu_free(p);
}
END_TEST

static Suite *
adm_vendors_suite(void)
{
	Suite *s = suite_create("adm_vendors");
	TCase *tc = pu_tcase_people(s, "queue");

	tcase_add_test(tc, test_queue);
	tcase_add_test(tc, test_queue_bad_params);
	tcase_add_test(tc, test_access);
	tc = pu_tcase_people(s, "vendor");
	tcase_add_test(tc, test_view);
	tcase_add_test(tc, test_check);
	tcase_add_test(tc, test_checks_several);
	tcase_add_test(tc, test_changes_since_review);
	tc = pu_tcase_people(s, "decisions");
	tcase_add_test(tc, test_approve);
	tcase_add_test(tc, test_approve_race);
	tcase_add_test(tc, test_reject);
	return s;
}

CHECK_MAIN(adm_vendors_suite)

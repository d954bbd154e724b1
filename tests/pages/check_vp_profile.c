/*
 * Page tests for vp_profile.c: GET/POST /vendor/profile, POST /vendor/resubmit.
 */
#define PU_PREFIX "vpp"
#include "vp_util.h"

#define SEL_PHONE "SELECT phone_enc FROM vendors WHERE id = ?"
#define SEL_BANK "SELECT bank_account_enc FROM vendors WHERE id = ?"
#define NEW_IBAN "DE89370400440532013000"

/* The profile form as the helper's vendor filled it (with its trading
 * name), with NULL-terminated pairs of field and value changed (malloc'd,
 * with the csrf token when csrf is not NULL). */
static char *
profile_body(const char *csrf, const char *trading_name, ...)
{
	static const char *const names[VP_NFIELDS] = {
		"legal_name", "trading_name", "registration_number", "tax_id", "address", "phone",
		"website", "description", "bank_holder", "bank_account",
	};
	struct vp_profile p;
	struct buf b;
	const char *k, *v;
	va_list ap;
	int i;

	vpt_profile(&p, trading_name);
	buf_init(&b);
	if (csrf)
		buf_printf(&b, "csrf=%s", csrf);
	for (i = 0; i < VP_NFIELDS; i++) {
		const char *val = p.v[i];

		va_start(ap, trading_name);
		while ((k = va_arg(ap, const char *)) != NULL) {
			v = va_arg(ap, const char *);
			if (strcmp(k, names[i]) == 0)
				val = v;
		}
		va_end(ap);
		if (b.len)
			buf_addc(&b, '&');
		buf_printf(&b, "%s=", names[i]);
		buf_add_urlencoded(&b, val);
	}
	return buf_detach(&b);
}

static char *
vendor_status(long long vendor_id)
{
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1, "SELECT status FROM vendors WHERE id = ?", "i", &vendor_id));
	return row[0];
}

START_TEST(test_profile_form)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 1);
	p = pu_request("GET", "/vendor/profile", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"/vendor/profile\" aria-current=\"page\">Business profile</a>");
	pu_assert_has(p, "<li><a href=\"/vendor/\">Vendor portal</a></li>");
	pu_assert_has(p, "<form class=\"form form-wide\" action=\"/vendor/profile\" method=\"post\" novalidate>");
	pu_assert_has(p, v.u.csrf);
	/* the sealed fields, opened */
	pu_assert_has(p, "value=\"" PU_VENDOR_IBAN "\"");
	pu_assert_has(p, "value=\"" PU_VENDOR_PHONE "\"");
	pu_assert_has(p, ">" PU_VENDOR_ADDRESS "</textarea>");
	pu_assert_has(p, "value=\"Test Trading Ltd\"");
	pu_assert_text(p, v.trading_name);
	pu_assert_has(p, "We are checking your details.");
	/* a pending shop is not warned about checks it is already waiting for */
	pu_assert_lacks(p, "changing these sends your shop back for checking");
	pu_free(p);
}
END_TEST

START_TEST(test_profile_access)
{
	struct pu_user customer;
	struct pu_page *p;
	char *body;

	p = pu_get("/vendor/profile");
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	ck_assert_msg(strncmp(pu_header(p, "Location"), "/login?next=", 12) == 0, "Location: %s",
		      pu_header(p, "Location"));
	pu_free(p);

	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", "/vendor/profile", customer.cookie));
	body = profile_body(customer.csrf, "Customer Shop", NULL);
	pu_expect(404, pu_post("/vendor/profile", customer.cookie, body));
	free(body);
	pu_expect(404, pu_post_as(&customer, "/vendor/resubmit", ""));
}
END_TEST

/* A pending shop saves; the phone is sealed again, nothing else moves. */
START_TEST(test_profile_update)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *opened, *status;

	vpt_vendor_new(&v, "pending", 1);
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+33 1 23 45 67 89",
			    "description", "Bowls, cups\r\nand jugs.", "bank_account", "de89 3704 0044 0532 0130 00", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/");
	ck_assert_str_eq(pu_flash(p), "Your profile is saved.");
	pu_free(p);

	opened = pu_open_column("vendors", "phone_enc", v.vendor_id, SEL_PHONE);
	ck_assert_str_eq(opened, "+33 1 23 45 67 89");
	free(opened);
	opened = pu_open_column("vendors", "bank_account_enc", v.vendor_id, SEL_BANK);
	ck_assert_str_eq(opened, NEW_IBAN);
	free(opened);
	ck_assert(!pu_raw_contains(SEL_PHONE, v.vendor_id, "23 45"));
	ck_assert(!pu_raw_contains(SEL_BANK, v.vendor_id, NEW_IBAN));
	ck_assert(!pu_raw_contains(SEL_BANK, v.vendor_id, "37040044"));
	ck_assert_int_eq(pu_count("SELECT description = 'Bowls, cups\nand jugs.' FROM vendors WHERE id = ?",
				  v.vendor_id), 1);
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "pending");
	free(status);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.profile_update'"
				   " AND object_id = ? AND actor_id = ? AND detail = 'changed: phone, description, bank_account'",
				   "ii", v.vendor_id, v.u.id), 1);

	/* the same values again: nothing to record */
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+33 1 23 45 67 89",
			    "description", "Bowls, cups\nand jugs.", "bank_account", NEW_IBAN, NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Nothing had changed");
	pu_free(p);
	ck_assert_int_eq(pu_audits("vendor.profile_update", "vendor", v.vendor_id), 1);
}
END_TEST

START_TEST(test_profile_bad_input)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *opened;

	vpt_vendor_new(&v, "pending", 1);
	body = profile_body(v.u.csrf, v.trading_name, "legal_name", "  ", "bank_account", "GB00 WEST 1234 5698 7654 32",
			    "description", "Typed text is kept", "website", "javascript:alert(1)",
			    "phone", "+44 1", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "class=\"error-summary\"");
	pu_assert_text(p, "Enter the legal name of your business, as it is registered.");
	pu_assert_text(p, "This IBAN is not valid: check it for a typing mistake.");
	pu_assert_text(p, "Enter the full address of your website, starting with https://");
	pu_assert_has(p, "id=\"phone-error\"");
	pu_assert_has(p, "aria-describedby=\"legal_name-hint legal_name-error\" aria-invalid=\"true\"");
	pu_assert_has(p, ">Typed text is kept</textarea>");
	pu_assert_has(p, "value=\"GB00WEST12345698765432\"");
	pu_free(p);
	/* nothing changed */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND legal_name = 'Test Trading Ltd'"
				  " AND description = 'Things made by hand.'", v.vendor_id), 1);
	opened = pu_open_column("vendors", "bank_account_enc", v.vendor_id, SEL_BANK);
	ck_assert_str_eq(opened, PU_VENDOR_IBAN);
	free(opened);
	ck_assert_int_eq(pu_audits("vendor.profile_update", "vendor", v.vendor_id), 0);

	/* too long for its column */
	body = profile_body(v.u.csrf, v.trading_name, "trading_name",
			    "A name far too long for a shop: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Trading name can be at most 120 characters long.");
	pu_free(p);
}
END_TEST

/* Input the router refuses by type (a control character, a value past the
 * field's limit) was a bare 400 page: it is the form again, with the message
 * next to the field and what was typed kept. */
START_TEST(test_profile_refused_by_type)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *longest;

	vpt_vendor_new(&v, "pending", 1);
	body = profile_body(v.u.csrf, v.trading_name, "legal_name", "Acme\001 Ltd", "description", "Kept as typed",
			    NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"#legal_name\">Legal name (legal_name) contains characters that are not allowed.</a>");
	pu_assert_has(p, "id=\"legal_name-error\"");
	pu_assert_has(p, ">Kept as typed</textarea>");
	pu_free(p);

	longest = malloc(1202);
	memset(longest, 'a', 1201);
	longest[1201] = '\0';
	body = profile_body(v.u.csrf, v.trading_name, "legal_name", longest, "description", "Kept as typed", NULL);
	free(longest);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Legal name can be at most 200 characters long.");
	pu_assert_has(p, ">Kept as typed</textarea>");
	pu_free(p);
	ck_assert_int_eq(pu_audits("vendor.profile_update", "vendor", v.vendor_id), 0);
}
END_TEST

/* A verified shop is warned, and goes back to checking when it changes
 * what the verification vouched for. */
START_TEST(test_profile_verified_recheck)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *status;
	long long product;

	vpt_vendor_new(&v, "verified", 1);
	product = pu_product_new(v.vendor_id);
	p = pu_request("GET", "/vendor/profile", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "changing these sends your shop back for checking");
	pu_free(p);

	/* the description is not checked: the shop stays live */
	body = profile_body(v.u.csrf, v.trading_name, "description", "New words for the shop.", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_free(p);
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "verified");
	free(status);
	/* the shop's text shows with its products: they changed */
	ck_assert_int_eq(pu_product_events(product), 1);

	/* the tax id is: back to pending, with a new review */
	body = profile_body(v.u.csrf, v.trading_name, "description", "New words for the shop.",
			    "tax_id", "GB999999973", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "checked them again");
	pu_free(p);
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "pending");
	free(status);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL",
				  v.vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND tax_id = 'GB999999973'"
				  " AND submitted_at >= NOW() - INTERVAL 1 MINUTE", v.vendor_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.profile_update'"
				   " AND object_id = ? AND detail = 'changed: tax_id; sent back for checking'",
				   "i", v.vendor_id), 1);
	ck_assert_int_eq(pu_product_events(product), 2);	/* the shop is hidden */
	pu_product_delete(product);
}
END_TEST

/* A verified shop whose address or phone changes goes back to checking. */
START_TEST(test_profile_verified_contact_recheck)
{
	static const char *const fields[][2] = {
		{ "address", "2 Other Street\nElsewhere\nE2 2EE" },
		{ "phone", "+44 161 496 0000" },
	};
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *status, detail[100];
	size_t i;

	for (i = 0; i < 2; i++) {
		vpt_vendor_new(&v, "verified", 1);
		if (i == 0) {
			p = pu_request("GET", "/vendor/profile", v.u.cookie);
			pu_assert_status(p, 200);
			pu_assert_has(p, "id=\"recheck-contact\"");
			pu_assert_text(p, "address, phone or bank details sends your shop back for checking");
			pu_free(p);
		}
		body = profile_body(v.u.csrf, v.trading_name, fields[i][0], fields[i][1], NULL);
		p = pu_post("/vendor/profile", v.u.cookie, body);
		free(body);
		pu_assert_status(p, 303);
		pu_assert_flash(p, "checked them again");
		pu_free(p);
		status = vendor_status(v.vendor_id);
		ck_assert_str_eq(status, "pending");
		free(status);
		ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 2);
		ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL",
					  v.vendor_id), 1);
		snprintf(detail, sizeof detail, "changed: %s; sent back for checking", fields[i][0]);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.profile_update'"
					   " AND object_id = ? AND detail = ?", "is", v.vendor_id, detail), 1);
	}
}
END_TEST

/* The checks of the open review that a change makes stale. */
static long long
checks_left(long long review, const char *item)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND (? = '' OR item = ?)",
			 "iss", review, item, item);
}

/* A pending shop that changes what an admin has checked already: those
 * answers are deleted (with the audit entry), the others stay. */
START_TEST(test_profile_pending_checks_reset)
{
	static const char *const items[] = {
		"registration", "tax_id", "address", "contact", "bank_holder", "prohibited",
	};
	struct vpt_vendor v;
	struct pu_user admin;
	struct pu_page *p;
	long long review;
	char *body;
	size_t i;

	vpt_vendor_new(&v, "pending", 1);
	vpt_user_new(&admin, "admin", 1);
	review = pu_count("SELECT id FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL", v.vendor_id);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(db_exec("INSERT INTO vendor_checks (review_id, item, passed, checked_by)"
					 " VALUES (?, ?, 1, ?)", "isi", review, items[i], admin.id), 1);

	/* phone and IBAN: contact and bank account are checked again */
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+44 161 496 0001",
			    "bank_account", NEW_IBAN, NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "so we will check them again");
	pu_free(p);
	ck_assert_int_eq(checks_left(review, ""), 4);
	ck_assert_int_eq(checks_left(review, "contact"), 0);
	ck_assert_int_eq(checks_left(review, "bank_holder"), 0);
	{
		char detail[64];

		snprintf(detail, sizeof detail, "review %lld: contact, bank_holder", review);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.checks_reset'"
					   " AND object_type = 'vendor' AND object_id = ? AND actor_id = ? AND detail = ?",
					   "iis", v.vendor_id, v.u.id, detail), 1);
	}
	/* still pending, the same review */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 1);

	/* the legal name: the registry extract and the account holder;
	 * only what was still checked is listed */
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+44 161 496 0001", "bank_account", NEW_IBAN,
			    "legal_name", "Test Trading Limited", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(checks_left(review, ""), 3);
	ck_assert_int_eq(checks_left(review, "registration"), 0);
	{
		char detail[64];

		snprintf(detail, sizeof detail, "review %lld: registration", review);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.checks_reset'"
					   " AND object_id = ? AND detail = ?", "is", v.vendor_id, detail), 1);
	}

	/* the description: the goods check; the address and tax id checks stay */
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+44 161 496 0001", "bank_account", NEW_IBAN,
			    "legal_name", "Test Trading Limited", "description", "Knives and more.", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(checks_left(review, "prohibited"), 0);
	ck_assert_int_eq(checks_left(review, "address"), 1);
	ck_assert_int_eq(checks_left(review, "tax_id"), 1);
	ck_assert_int_eq(pu_audits("vendor.checks_reset", "vendor", v.vendor_id), 3);

	/* a change of what has no answer left: nothing to reset, no entry */
	body = profile_body(v.u.csrf, v.trading_name, "phone", "+44 161 496 0002", "bank_account", NEW_IBAN,
			    "legal_name", "Test Trading Limited", "description", "Knives and more.", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "Your profile is saved.");
	pu_free(p);
	ck_assert_int_eq(pu_audits("vendor.checks_reset", "vendor", v.vendor_id), 3);
	ck_assert_int_eq(checks_left(review, ""), 2);
}
END_TEST

/* A rejected shop fixes its profile, then sends it again, once. */
START_TEST(test_profile_resubmit)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *status;

	vpt_vendor_new(&v, "rejected", 1);
	p = pu_request("GET", "/vendor/profile", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, VPT_REASON);
	pu_assert_has(p, "<form action=\"/vendor/resubmit\" method=\"post\">");
	pu_free(p);

	body = profile_body(v.u.csrf, v.trading_name, "tax_id", "GB123456780", NULL);
	p = pu_post("/vendor/profile", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "send it for checking again");
	pu_free(p);
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "rejected");
	free(status);

	p = pu_post_as(&v.u, "/vendor/resubmit", "");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/");
	pu_assert_flash(p, "sent for checking again");
	pu_free(p);
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "pending");
	free(status);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 2);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL",
				  v.vendor_id), 1);
	ck_assert_int_eq(pu_audits("vendor.resubmit", "vendor", v.vendor_id), 1);

	/* now pending: a second send is refused and changes nothing */
	p = pu_post_as(&v.u, "/vendor/resubmit", "");
	pu_assert_status(p, 409);
	pu_assert_text(p, "Only a profile we turned down can be sent for checking again");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 2);
	ck_assert_int_eq(pu_audits("vendor.resubmit", "vendor", v.vendor_id), 1);
}
END_TEST

START_TEST(test_profile_resubmit_refused)
{
	struct vpt_vendor v;
	char *status;

	vpt_vendor_new(&v, "verified", 1);
	pu_expect(409, pu_post_as(&v.u, "/vendor/resubmit", ""));
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "verified");
	free(status);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ?", v.vendor_id), 1);
	/* anonymous: refused before anything */
	pu_expect(403, pu_post("/vendor/resubmit", NULL, ""));
}
END_TEST

/* Without the form token nothing changes. */
START_TEST(test_profile_csrf)
{
	struct vpt_vendor v;
	char *body, *status;

	vpt_vendor_new(&v, "rejected", 1);
	body = profile_body(NULL, v.trading_name, "legal_name", "Forged Name Ltd", NULL);
	pu_expect(403, pu_post("/vendor/profile", v.u.cookie, body));
	free(body);
	body = profile_body("0000000000000000000000000000000000000000000000000000000000000000", v.trading_name,
			    "legal_name", "Forged Name Ltd", NULL);
	pu_expect(403, pu_post("/vendor/profile", v.u.cookie, body));
	free(body);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND legal_name = 'Forged Name Ltd'",
				  v.vendor_id), 0);

	pu_expect(403, pu_post("/vendor/resubmit", v.u.cookie, ""));
	status = vendor_status(v.vendor_id);
	ck_assert_str_eq(status, "rejected");
	free(status);
	ck_assert_int_eq(pu_audits("vendor.profile_update", "vendor", v.vendor_id), 0);
	ck_assert_int_eq(pu_audits("vendor.resubmit", "vendor", v.vendor_id), 0);
}
END_TEST

/* One vendor's session reaches only its own profile. */
START_TEST(test_profile_own_only)
{
	struct vpt_vendor a, b;
	struct pu_page *p;
	char *body;

	vpt_vendor_new(&a, "pending", 1);
	vpt_vendor_new(&b, "pending", 1);
	body = profile_body(b.u.csrf, b.trading_name, "legal_name", "Only B Ltd", NULL);
	p = pu_post("/vendor/profile", b.u.cookie, body);
	free(body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND legal_name = 'Only B Ltd'",
				  b.vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND legal_name = 'Test Trading Ltd'",
				  a.vendor_id), 1);
	p = pu_request("GET", "/vendor/profile", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Only B Ltd");
	pu_assert_lacks(p, b.trading_name);
	pu_free(p);
}
END_TEST

static Suite *
vp_profile_suite(void)
{
	Suite *s = suite_create("vp_profile");
	TCase *tc = pu_tcase_people(s, "profile");

	tcase_add_test(tc, test_profile_form);
	tcase_add_test(tc, test_profile_access);
	tcase_add_test(tc, test_profile_update);
	tcase_add_test(tc, test_profile_refused_by_type);
	tcase_add_test(tc, test_profile_bad_input);
	tcase_add_test(tc, test_profile_verified_recheck);
	tcase_add_test(tc, test_profile_verified_contact_recheck);
	tcase_add_test(tc, test_profile_pending_checks_reset);
	tcase_add_test(tc, test_profile_resubmit);
	tcase_add_test(tc, test_profile_resubmit_refused);
	tcase_add_test(tc, test_profile_csrf);
	tcase_add_test(tc, test_profile_own_only);
	return s;
}

CHECK_MAIN(vp_profile_suite)

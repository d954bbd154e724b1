/*
 * Page tests for vp_signup.c: GET/POST /vendor/signup.
 */
#define PU_PREFIX "vps"
#include "vp_util.h"

/* The form token of a visitor without a session: the bz_csrf cookie's value,
 * repeated in the form. */
#define GOOD_PASSWORD "tin roof rusted grapes"

/* The sign-up form's fields as a valid vendor fills them in. */
static const char *const signup_fields[][2] = {
	{ "name", "Ann Smith" },
	{ "email", NULL },		/* given per test */
	{ "password", GOOD_PASSWORD },
	{ "legal_name", "Ann's Pots Ltd" },
	{ "trading_name", NULL },	/* given per test */
	{ "registration_number", "12345678" },
	{ "tax_id", "GB123456789" },
	{ "address", "1 High St\r\nLondon\r\nN1 1AA" },
	{ "phone", "+44 20 7946 0958" },
	{ "website", "https://annspots.example" },
	{ "description", "Hand-thrown pots & jugs." },
	{ "bank_holder", "Ann's Pots Ltd" },
	{ "bank_account", "GB82 WEST 1234 5698 7654 32" },
};

/*
 * An urlencoded sign-up body (malloc'd): csrf (NULL: none), the fields
 * above with email and trading name, then NULL-terminated pairs of field
 * and value that replace the defaults.
 */
static char *
signup_body(const char *csrf, const char *email, const char *trading, ...)
{
	struct buf b;
	size_t i;
	va_list ap;

	buf_init(&b);
	if (csrf)
		buf_printf(&b, "csrf=%s", csrf);
	for (i = 0; i < sizeof signup_fields / sizeof signup_fields[0]; i++) {
		const char *key = signup_fields[i][0], *val = signup_fields[i][1], *k, *v;

		if (strcmp(key, "email") == 0)
			val = email;
		else if (strcmp(key, "trading_name") == 0)
			val = trading;
		va_start(ap, trading);
		while ((k = va_arg(ap, const char *)) != NULL) {
			v = va_arg(ap, const char *);
			if (strcmp(k, key) == 0)
				val = v;
		}
		va_end(ap);
		if (b.len)
			buf_addc(&b, '&');
		buf_printf(&b, "%s=", key);
		buf_add_urlencoded(&b, val);
	}
	return buf_detach(&b);
}

static long long
users_with(const char *email)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ?", "s", email);
}

START_TEST(test_signup_form)
{
	struct pu_page *p = pu_get("/vendor/signup");

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<h1>Sell on Bazaar</h1>");
	pu_assert_has(p, "<form class=\"form form-wide\" action=\"/vendor/signup\" method=\"post\" novalidate>");
	pu_assert_has(p, "<label for=\"legal_name\">Legal name</label>");
	pu_assert_has(p, "<label for=\"bank_account\">IBAN or account number</label>");
	pu_assert_has(p, "autocomplete=\"new-password\"");
	pu_assert_has(p, "autocomplete=\"street-address\"");
	pu_assert_has(p, "<span aria-current=\"page\">Sell on Bazaar</span>");
	pu_assert_lacks(p, "checkout"); /* there is none yet */
	/* a visitor without a session gets the form token in a cookie */
	ck_assert_msg(pu_set_cookie(p, "bz_csrf") != NULL, "no bz_csrf cookie");
	pu_free(p);
}
END_TEST

START_TEST(test_signup_creates_vendor)
{
	char email[128], trading[96], slug[CATALOG_SLUG_MAX + 1], *body, *row[6] = { 0 };
	char cookie[300], *opened;
	struct pu_page *p;
	long long user_id, vendor_id;

	pu_email(PU_PREFIX, email, sizeof email);
	snprintf(trading, sizeof trading, "Ann's Pots %d %ld", (int)getpid(), (long)time(NULL));
	body = signup_body(PU_ANON_CSRF, email, trading, NULL);
	p = pu_post("/vendor/signup", PU_ANON_COOKIE, body);
	free(body);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/");
	ck_assert_msg(pu_set_cookie(p, "bz_session") != NULL && strlen(pu_set_cookie(p, "bz_session")) > 9,
		      "the new vendor is not logged in");
	snprintf(cookie, sizeof cookie, "bz_session=%s", pu_set_cookie(p, "bz_session"));
	/* the welcome, once; the dashboard's notice says where the mail went */
	ck_assert_str_eq(pu_flash(p), "Welcome to Bazaar! We are checking your business details.");
	pu_free(p);
	p = pu_request("GET", "/vendor/", cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, email);
	pu_assert_lacks(p, "verify-banner");
	pu_free(p);

	/* the account and the shop */
	ck_assert(pu_row1(row, 6, "SELECT u.id, u.role, v.id, v.slug, v.status, v.legal_name FROM users u"
			  " JOIN vendors v ON v.user_id = u.id WHERE u.email = ?", "s", email));
	user_id = atoll(row[0]);
	vendor_id = atoll(row[2]);
	ck_assert_str_eq(row[1], "vendor");
	ck_assert_str_eq(row[3], catalog_slugify(trading, slug, sizeof slug));
	ck_assert_str_eq(row[4], "pending");
	ck_assert_str_eq(row[5], "Ann's Pots Ltd");
	pu_free_row(row, 6);
	ck_assert_int_eq(pu_count("SELECT plan_id = (SELECT id FROM plans ORDER BY monthly_fee_minor, id LIMIT 1)"
				  " AND submitted_at IS NOT NULL FROM vendors WHERE id = ?", vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_reviews WHERE vendor_id = ? AND decision IS NULL",
				  vendor_id), 1);
	/* the email confirmation: a link and a code, and the mail */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'verify'"
				  " AND code_hash IS NOT NULL AND used_at IS NULL AND expires_at > NOW()", user_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				   " AND body LIKE '%/verify?token=%' AND template = 'verify_email'", "s", email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.signup'"
				  " AND object_type = 'vendor' AND object_id = ?", vendor_id), 1);

	/* personal data only sealed */
	ck_assert(!pu_raw_contains("SELECT bank_account_enc FROM vendors WHERE id = ?", vendor_id, PU_VENDOR_IBAN));
	ck_assert(!pu_raw_contains("SELECT bank_account_enc FROM vendors WHERE id = ?", vendor_id, "WEST"));
	ck_assert(!pu_raw_contains("SELECT address_enc FROM vendors WHERE id = ?", vendor_id, "London"));
	ck_assert(!pu_raw_contains("SELECT phone_enc FROM vendors WHERE id = ?", vendor_id, "7946"));
	ck_assert(!pu_raw_contains("SELECT bank_holder_enc FROM vendors WHERE id = ?", vendor_id, "Pots"));
	opened = pu_open_column("vendors", "bank_account_enc", vendor_id,
				"SELECT bank_account_enc FROM vendors WHERE id = ?");
	ck_assert_str_eq(opened, PU_VENDOR_IBAN);
	free(opened);
	opened = pu_open_column("vendors", "address_enc", vendor_id,
				"SELECT address_enc FROM vendors WHERE id = ?");
	ck_assert_str_eq(opened, "1 High St\nLondon\nN1 1AA");
	free(opened);

	/* the session works in the portal */
	p = pu_request("GET", "/vendor/", cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, trading);
	pu_assert_has(p, "We are checking your details.");
	pu_free(p);
}
END_TEST

/* Two shops with the same trading name get /v/<slug> and /v/<slug>-2. */
START_TEST(test_signup_slug_clash)
{
	char email[2][128], trading[96], slug[CATALOG_SLUG_MAX + 1], want[CATALOG_SLUG_MAX + 8], *body, *row[1] = { 0 };
	struct pu_page *p;
	int i;

	snprintf(trading, sizeof trading, "Clash Test %d %ld", (int)getpid(), (long)time(NULL));
	catalog_slugify(trading, slug, sizeof slug);
	for (i = 0; i < 2; i++) {
		pu_email(PU_PREFIX, email[i], sizeof email[i]);
		body = signup_body(PU_ANON_CSRF, email[i], trading, NULL);
		p = pu_post("/vendor/signup", PU_ANON_COOKIE, body);
		free(body);
		pu_assert_status(p, 303);
		pu_free(p);
	}
	ck_assert(pu_row1(row, 1, "SELECT v.slug FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = ?",
			  "s", email[0]));
	ck_assert_str_eq(row[0], slug);
	pu_free_row(row, 1);
	ck_assert(pu_row1(row, 1, "SELECT v.slug FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = ?",
			  "s", email[1]));
	snprintf(want, sizeof want, "%s-2", slug);
	ck_assert_str_eq(row[0], want);
	pu_free_row(row, 1);
}
END_TEST

START_TEST(test_signup_bad_input)
{
	char email[128], *body;
	struct pu_page *p;

	pu_email(PU_PREFIX, email, sizeof email);
	body = signup_body(PU_ANON_CSRF, "not an address", "Kept Trading Name",
			   "password", "zq-9x", "legal_name", "", "website", "ftp://pots.example",
			   "bank_account", "GB82 WEST 1234 5698 7654 33", "phone", "call me",
			   "tax_id", "GB<123>", "description", "Kept description\r\nline two", NULL);
	p = pu_post("/vendor/signup", PU_ANON_COOKIE, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "class=\"error-summary\"");
	pu_assert_has(p, "<a href=\"#legal_name\">");
	pu_assert_has(p, "id=\"email-error\"");
	pu_assert_has(p, "id=\"password-error\"");
	pu_assert_text(p, "Enter the legal name of your business, as it is registered.");
	pu_assert_text(p, "This IBAN is not valid: check it for a typing mistake.");
	pu_assert_text(p, "Enter the full address of your website, starting with https://");
	pu_assert_text(p, "Enter a phone number with its country code, like +44 20 7946 0958.");
	pu_assert_text(p, "Use letters, digits, spaces, dashes, dots or slashes only.");
	pu_assert_has(p, "aria-describedby=\"bank_account-hint bank_account-error\" aria-invalid=\"true\"");
	/* what was typed stays, except the password */
	pu_assert_has(p, "value=\"Kept Trading Name\"");
	pu_assert_has(p, "value=\"GB82WEST12345698765433\"");
	pu_assert_has(p, "value=\"not an address\"");
	pu_assert_has(p, ">Kept description\nline two</textarea>");
	pu_assert_lacks(p, "zq-9x");
	pu_free(p);

	/* one wrong field with a good address: still nothing is created */
	body = signup_body(PU_ANON_CSRF, email, "Nothing Made", "bank_account", "12345", NULL);
	p = pu_post("/vendor/signup", PU_ANON_COOKIE, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter an IBAN (like GB82 WEST 1234 5698 7654 32) or an account number of 6 to 20 digits.");
	pu_assert_lacks(p, GOOD_PASSWORD);
	pu_free(p);
	ck_assert_int_eq(users_with(email), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendors WHERE trading_name = 'Nothing Made'", ""), 0);
}
END_TEST

START_TEST(test_signup_email_taken)
{
	struct pu_user taken;
	char *body;
	struct pu_page *p;

	vpt_user_new(&taken, "customer", 1);
	body = signup_body(PU_ANON_CSRF, taken.email, "Taken Address Shop", NULL);
	p = pu_post("/vendor/signup", PU_ANON_COOKIE, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "This address already has an account \xe2\x80\x94 log in or reset your password.");
	pu_assert_has(p, "href=\"/reset\"");
	pu_free(p);
	ck_assert_int_eq(users_with(taken.email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE user_id = ?", taken.id), 0);
}
END_TEST

/* A shopper is told a shop needs its own account; a vendor goes to the portal. */
START_TEST(test_signup_logged_in)
{
	struct pu_user customer;
	struct vpt_vendor vendor;
	char email[128], *body;
	struct pu_page *p;

	vpt_customer_new(&customer);
	p = pu_request("GET", "/vendor/signup", customer.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "A shop needs a separate business account");
	pu_assert_has(p, "<form action=\"/logout\" method=\"post\">");
	/* that button is the page's one log-out: the header has none besides */
	pu_assert_one_logout(p);
	pu_assert_lacks(p, "name=\"legal_name\"");
	pu_free(p);

	pu_email(PU_PREFIX, email, sizeof email);
	body = signup_body(customer.csrf, email, "Customer Shop", NULL);
	p = pu_post("/vendor/signup", customer.cookie, body);
	free(body);
	pu_assert_status(p, 409);
	pu_assert_text(p, "A shop needs a separate business account");
	pu_free(p);
	ck_assert_int_eq(users_with(email), 0);

	vpt_vendor_new(&vendor, "pending", 0);
	p = pu_request("GET", "/vendor/signup", vendor.u.cookie);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/");
	pu_free(p);
}
END_TEST

START_TEST(test_signup_csrf)
{
	char email[128], *body;

	pu_email(PU_PREFIX, email, sizeof email);
	body = signup_body(NULL, email, "No Token Shop", NULL);
	pu_expect(403, pu_post("/vendor/signup", PU_ANON_COOKIE, body));
	pu_expect(403, pu_post("/vendor/signup", NULL, body));
	free(body);
	/* a token that is not the cookie's */
	body = signup_body("f123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", email,
			   "No Token Shop", NULL);
	pu_expect(403, pu_post("/vendor/signup", PU_ANON_COOKIE, body));
	free(body);
	ck_assert_int_eq(users_with(email), 0);
}
END_TEST

static Suite *
vp_signup_suite(void)
{
	Suite *s = suite_create("vp_signup");
	TCase *tc = pu_tcase_people(s, "signup");

	tcase_add_test(tc, test_signup_form);
	tcase_add_test(tc, test_signup_creates_vendor);
	tcase_add_test(tc, test_signup_slug_clash);
	tcase_add_test(tc, test_signup_bad_input);
	tcase_add_test(tc, test_signup_email_taken);
	tcase_add_test(tc, test_signup_logged_in);
	tcase_add_test(tc, test_signup_csrf);
	return s;
}

CHECK_MAIN(vp_signup_suite)

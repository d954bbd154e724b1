/*
 * bazaar-demo_accounts: the demo people, on a database that has the demo
 * catalogue and no users yet (scripts/stack runs it once):
 *   - a verified customer with a phone number and an address;
 *   - an account for every catalogue vendor (<slug>@demo.bazaar.test); the
 *     verified ones with an approved review whose checklist all passed, the
 *     pending one with an open review;
 *   - a rejected vendor with the written reason, ready to fix and resubmit;
 *   - an admin with a TOTP secret.
 * Personal data is sealed with the data key (BAZAAR_KEY_FILE) like the pages
 * do. Prints the logins, with the admin's TOTP secret, on standard output
 * (the stack keeps them in VAR/demo-logins.txt, mode 0600, and shows them in
 * development). Exit status 0, or 1 with the reason on standard error.
 */
#include "cfg.h"
#include "checklist.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "password.h"
#include "totp.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_DOMAIN "demo.bazaar.test"
#define DEMO_CUSTOMER_PASSWORD "demo customer password"
#define DEMO_VENDOR_PASSWORD "demo vendor password"
#define DEMO_ADMIN_PASSWORD "demo admin password"

#define DEMO_CHECK_KEY(key, label, question) key,
static const char *const demo_checks[] = { CHECKLIST(DEMO_CHECK_KEY) NULL };

static int
demo_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_accounts: %s: %s\n", what, db_error());
	return -1;
}

static long long
demo_user(const char *email, const char *name, const char *role, const char *password)
{
	char hash[PASSWORD_HASH_SIZE];

	if (password_hash(password, hash) != 0)
		return -1;
	if (db_exec("INSERT INTO users (email, name, role, email_verified_at, password_hash, created_at)"
		    " VALUES (?, ?, ?, UTC_TIMESTAMP() - INTERVAL 30 DAY, ?, UTC_TIMESTAMP() - INTERVAL 30 DAY)",
		    "ssss", email, name, role, hash) != 1)
		return demo_fail("users");
	return (long long)db_insert_id();
}

/* Seals text into table.column of row id. */
static int
demo_seal(const char *sql, const char *table, const char *column, long long id, const char *text)
{
	return crypt_seal_store(sql, table, column, id, text) == 0 ? 0 : demo_fail(column);
}

/* Business details of a catalogue vendor, made up from its names. */
static int
demo_vendor_profile(long long vendor_id, const char *legal_name, int n)
{
	char reg[32], tax[32], address[200], phone[32], iban[40];

	snprintf(reg, sizeof reg, "HRB %06d", 104200 + n * 37);
	snprintf(tax, sizeof tax, "DE%09d", 811000000 + n * 1013);
	snprintf(address, sizeof address, "%d Market Street\n1%04d Demo City\nDE", 10 + n, 100 + n);
	snprintf(phone, sizeof phone, "+49 30 5550 %04d", 1000 + n);
	/* A fixed, valid test IBAN: the demo never pays anybody. */
	snprintf(iban, sizeof iban, "DE89370400440532013000");
	if (db_exec("UPDATE vendors SET registration_number = ?, tax_id = ?, website = ?, submitted_at ="
		    " created_at WHERE id = ?", "sssi", reg, tax, "https://" DEMO_DOMAIN, vendor_id) < 0)
		return demo_fail("vendors");
	if (demo_seal("UPDATE vendors SET address_enc = ? WHERE id = ?", "vendors", "address_enc",
		      vendor_id, address) ||
	    demo_seal("UPDATE vendors SET phone_enc = ? WHERE id = ?", "vendors", "phone_enc", vendor_id,
		      phone) ||
	    demo_seal("UPDATE vendors SET bank_holder_enc = ? WHERE id = ?", "vendors", "bank_holder_enc",
		      vendor_id, legal_name) ||
	    demo_seal("UPDATE vendors SET bank_account_enc = ? WHERE id = ?", "vendors",
		      "bank_account_enc", vendor_id, iban))
		return -1;
	return 0;
}

/* A review: decision NULL (open), "approved" (every check passed) or
 * "rejected" (with reason and the failed check). */
static int
demo_review(long long vendor_id, long long admin_id, const char *decision, const char *reason)
{
	long long review;
	int i;

	if (db_exec("INSERT INTO vendor_reviews (vendor_id, submitted_at, decision, reason, decided_by, decided_at)"
		    " VALUES (?, UTC_TIMESTAMP() - INTERVAL 20 DAY, ?, ?, IF(? IS NULL, NULL, ?),"
		    " IF(? IS NULL, NULL, UTC_TIMESTAMP() - INTERVAL 19 DAY))",
		    "isssis", vendor_id, decision, reason, decision, decision ? admin_id : 0LL, decision) != 1)
		return demo_fail("vendor_reviews");
	review = (long long)db_insert_id();
	if (decision == NULL)
		return 0;
	for (i = 0; demo_checks[i]; i++) {
		int passed = strcmp(decision, "approved") == 0 || strcmp(demo_checks[i], "registration") != 0;
		if (db_exec("INSERT INTO vendor_checks (review_id, item, passed, note, checked_by, checked_at)"
			    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP() - INTERVAL 19 DAY)", "isisi", review,
			    demo_checks[i], (long long)passed,
			    passed ? "Checked." : "The number is not in the registry extract.", admin_id) != 1)
			return demo_fail("vendor_checks");
	}
	return 0;
}

int
main(void)
{
	unsigned char secret[TOTP_SECRET_BYTES];
	char secret32[TOTP_BASE32_SIZE], email[300], *uri = NULL;
	struct db_result *r;
	long long admin, customer, user, vendor, address;
	unsigned char *sealed;
	size_t n;
	int count = 0, rc = 1;

	log_init("bazaar-demo_accounts");
	if (cfg_load() != 0 || sodium_init() < 0 || crypt_init() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_accounts: cannot start (settings, data key or database): %s\n",
			db_error());
		return 1;
	}
	if (db_scalar(1, "SELECT COUNT(*) FROM users", "") != 0) {
		fprintf(stderr, "bazaar-demo_accounts: there are users already; nothing done\n");
		return 1;
	}
	if (db_begin() != 0)
		return demo_fail("begin"), 1;

	/* The admin: password and TOTP secret. */
	if ((admin = demo_user("admin@" DEMO_DOMAIN, "Ada Admin", "admin", DEMO_ADMIN_PASSWORD)) < 0)
		goto out;
	totp_new_secret(secret);
	totp_base32(secret, secret32);
	if ((sealed = crypt_seal("users", "totp_secret_enc", admin, secret, sizeof secret, &n)) == NULL)
		goto out;
	if (db_exec("UPDATE users SET totp_secret_enc = ? WHERE id = ?", "bi", sealed, n, admin) != 1) {
		free(sealed);
		demo_fail("users");
		goto out;
	}
	free(sealed);
	uri = totp_uri(secret, "Bazaar", "admin@" DEMO_DOMAIN);

	/* The customer, with a phone number and an address. */
	if ((customer = demo_user("customer@" DEMO_DOMAIN, "Dana Customer", "customer",
				  DEMO_CUSTOMER_PASSWORD)) < 0 ||
	    demo_seal("UPDATE users SET phone_enc = ? WHERE id = ?", "users", "phone_enc", customer,
		      "+49 30 5550 0100"))
		goto out;
	if (db_exec("INSERT INTO addresses (user_id, label, is_default) VALUES (?, 'Home', 1)", "i", customer) != 1) {
		demo_fail("addresses");
		goto out;
	}
	address = (long long)db_insert_id();
	if (demo_seal("UPDATE addresses SET body_enc = ? WHERE id = ?", "addresses", "body_enc", address,
		      /* The account pages' record: format "1", then name, line 1,
		       * line 2, city, postcode, country, phone, a line each. */
		      "1\nDana Customer\n12 Harbour Road\n\nDemo City\n10115\nDE\n+49 30 5550 0100"))
		goto out;

	printf("Demo logins:\n");
	/* Every catalogue vendor gets its owner's account. */
	r = db_query("SELECT id, slug, legal_name, status FROM vendors WHERE user_id IS NULL ORDER BY id", "");
	if (r == NULL) {
		demo_fail("vendors");
		goto out;
	}
	while (db_next(r)) {
		snprintf(email, sizeof email, "%s@" DEMO_DOMAIN, db_str(r, 1));
		vendor = db_int(r, 0);
		if ((user = demo_user(email, db_str(r, 2), "vendor", DEMO_VENDOR_PASSWORD)) < 0 ||
		    db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", user, vendor) != 1 ||
		    demo_vendor_profile(vendor, db_str(r, 2), ++count) ||
		    demo_review(vendor, admin, strcmp(db_str(r, 3), "verified") == 0 ? "approved" :
			        strcmp(db_str(r, 3), "rejected") == 0 ? "rejected" : NULL, NULL)) {
			db_free(r);
			goto out;
		}
		if (strcmp(db_str(r, 3), "pending") == 0)
			printf("  Pending vendor:  %-40s password: %s\n", email, DEMO_VENDOR_PASSWORD);
		else if (count == 1)
			printf("  Vendor:          %-40s password: %s\n"
			       "                   (every catalogue vendor: <shop slug>@" DEMO_DOMAIN ")\n",
			       email, DEMO_VENDOR_PASSWORD);
	}
	db_free(r);

	/* A rejected vendor, with the reason it was given. */
	if ((user = demo_user("rejected@" DEMO_DOMAIN, "Rhea Rejected", "vendor", DEMO_VENDOR_PASSWORD)) < 0)
		goto out;
	if (db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, description, status, plan_id)"
		    " VALUES (?, 'rejected-remedies', 'Rejected Remedies', 'Rhea Remedies Ltd',"
		    " 'Herbal teas and bath salts.', 'rejected', 1)", "i", user) != 1) {
		demo_fail("vendors");
		goto out;
	}
	vendor = (long long)db_insert_id();
	if (demo_vendor_profile(vendor, "Rhea Remedies Ltd", ++count) ||
	    demo_review(vendor, admin, "rejected",
			"The registration number does not match the registry extract. Please check it "
			"against your certificate of incorporation and send the profile again."))
		goto out;
	printf("  Rejected vendor: %-40s password: %s\n", "rejected@" DEMO_DOMAIN, DEMO_VENDOR_PASSWORD);
	printf("  Customer:        %-40s password: %s\n", "customer@" DEMO_DOMAIN, DEMO_CUSTOMER_PASSWORD);
	printf("  Admin:           %-40s password: %s\n"
	       "                   at %s/admin/login, second factor: TOTP secret %s\n"
	       "                   (add it to an authenticator app: %s)\n",
	       "admin@" DEMO_DOMAIN, DEMO_ADMIN_PASSWORD, mail_base_url(), secret32, uri ? uri : "");
	if (db_commit() != 0) {
		demo_fail("commit");
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && db_in_transaction())
		db_rollback();
	sodium_memzero(secret, sizeof secret);
	free(uri);
	db_close();
	return rc;
}

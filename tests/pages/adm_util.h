/*
 * Helpers for the admin site's page tests (tests/pages/check_adm_*.c):
 * admins with an authenticator secret, vendors with a business profile
 * waiting for a decision, logged-in sessions. The program's people are
 * named with its PU_PREFIX and cleaned up by pu_tcase_people
 * (page_util.h).
 */
#ifndef BAZAAR_ADM_UTIL_H
#define BAZAAR_ADM_UTIL_H
#define PU_APP adm_app
#include "page_util.h"
#include "totp.h"

#ifndef PU_PREFIX
#error "define PU_PREFIX before including adm_util.h"
#endif

/* A person of the test: the account, its session, its TOTP secret. */
struct admt_user {
	struct pu_user u;
	unsigned char secret[TOTP_SECRET_BYTES];
};

/* A vendor waiting for a decision (or in another status), with its owner. */
struct admt_vendor {
	struct admt_user owner;
	long long vendor_id;
	long long review_id;	/* the open review, 0 when none */
	char trading_name[96];
};

/* An active user of role with the password PU_PASSWORD, not logged in. */
static inline void
admt_user_new(struct admt_user *a, const char *role)
{
	memset(a, 0, sizeof *a);
	pu_user_add(&a->u, PU_PREFIX, role, 1, PU_PASSWORD);
}

/* Gives the admin a new TOTP secret, sealed like enrolment does. */
static inline void
admt_enrol(struct admt_user *a)
{
	unsigned char *sealed;
	size_t len = 0;

	totp_new_secret(a->secret);
	sealed = crypt_seal("users", "totp_secret_enc", a->u.id, a->secret, TOTP_SECRET_BYTES, &len);
	ck_assert_ptr_nonnull(sealed);
	ck_assert_int_eq(db_exec("UPDATE users SET totp_secret_enc = ?, totp_last_step = 0 WHERE id = ?", "bi",
				 sealed, len, a->u.id), 1);
	free(sealed);
}

/* An enrolled admin, logged in, with the second factor passed or not. */
static inline void
admt_admin_new(struct admt_user *a, int mfa)
{
	admt_user_new(a, "admin");
	admt_enrol(a);
	pu_login(&a->u, mfa);
}

/* The current code of the admin's authenticator app. */
static inline const char *
admt_code(const struct admt_user *a)
{
	static char code[7];

	ck_assert_int_eq(totp_code_at(a->secret, time(NULL), code), 0);
	return code;
}

/* A vendor in status with its profile sealed; pending ones have an open review. */
static inline void
admt_vendor_new(struct admt_vendor *v, const char *status)
{
	static unsigned counter;
	/* The personal fields, in the column order of the UPDATE below. */
	static const struct { const char *column, *value; } sealed[4] = {
		{ "address_enc", PU_VENDOR_ADDRESS },
		{ "phone_enc", PU_VENDOR_PHONE },
		{ "bank_holder_enc", PU_VENDOR_BANK_HOLDER },
		{ "bank_account_enc", PU_VENDOR_IBAN },
	};
	unsigned char *box[4];
	size_t len[4], i;
	char slug[96];

	memset(v, 0, sizeof *v);
	admt_user_new(&v->owner, "vendor");
	snprintf(slug, sizeof slug, "%s-shop-%d-%u", PU_PREFIX, (int)getpid(), ++counter);
	snprintf(v->trading_name, sizeof v->trading_name, "Admin Test Shop %d %u", (int)getpid(), counter);
	v->vendor_id = pu_vendor_insert(v->owner.u.id, slug, v->trading_name, status);
	for (i = 0; i < 4; i++) {
		box[i] = crypt_seal("vendors", sealed[i].column, v->vendor_id, sealed[i].value,
				    strlen(sealed[i].value), &len[i]);
		ck_assert_ptr_nonnull(box[i]);
	}
	ck_assert_int_eq(db_exec("UPDATE vendors SET address_enc = ?, phone_enc = ?, bank_holder_enc = ?,"
				 " bank_account_enc = ? WHERE id = ?", "bbbbi", box[0], len[0], box[1], len[1],
				 box[2], len[2], box[3], len[3], v->vendor_id), 1);
	for (i = 0; i < 4; i++)
		free(box[i]);
	if (strcmp(status, "pending") == 0) {
		ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id) VALUES (?)", "i", v->vendor_id), 1);
		v->review_id = (long long)db_insert_id();
	}
}

/* Every item of the checklist (adm_vendors.c). */
static const char *const admt_items[] = {
	"registration", "tax_id", "address", "contact", "bank_holder", "prohibited", NULL
};

/* The key failed second-factor codes of user_id count under (auth.h). */
static inline const char *
admt_mfa_key(long long user_id)
{
	static char key[32];

	snprintf(key, sizeof key, "mfa:%lld", user_id);
	return key;
}

/* Fixture: the failed codes of this program's people ("mfa:<user id>",
 * which the clean-up by address does not find), then pu_cleanup_people(). */
static inline void
admt_people_cleanup(void)
{
	char like[64];

	pu_parent_begin();
	snprintf(like, sizeof like, "%s-%%@example.test", PU_PREFIX);
	if (db_exec("DELETE f FROM login_failures f JOIN users u ON f.email = CONCAT('mfa:', u.id)"
		    " WHERE u.email LIKE ?", "s", like) < 0)
		fprintf(stderr, "page test: clean-up failed: %s (failed codes)\n", db_error());
	pu_cleanup_people(PU_PREFIX);
	pu_parent_end();
}

/* A test case whose tests make people who may fail second-factor codes. */
static inline TCase *
admt_tcase_people(Suite *s, const char *name)
{
	return pu_tcase_changing(s, name, admt_people_cleanup, admt_people_cleanup);
}

/* uri is for admins only: a visitor without a session is sent to login
 * (the admin login page with the way back), a customer gets 404. */
static inline void
admt_assert_admins_only(const char *uri, const char *login)
{
	struct admt_user c;
	struct pu_page *p = pu_get(uri);

	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, login);
	pu_free(p);
	admt_user_new(&c, "customer");
	pu_login(&c.u, 1);
	pu_expect(404, pu_get_as(&c.u, uri));
}

#endif

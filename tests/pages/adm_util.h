/*
 * Helpers for the admin site's page tests (tests/pages/check_adm_*.c):
 * admins with an authenticator secret, vendors with a business profile
 * waiting for a decision, logged-in sessions, and the clean-up of
 * everything they leave behind.
 *
 * Every test program names its people with its own prefix
 * ("<prefix>-<pid>-<n>-<time>@example.test"), so the clean-up finds them by
 * that prefix alone: it runs before the tests (leftovers of an interrupted
 * run) and after them in the runner's process, whatever became of the tests
 * (a failed assertion ends a test's process at once). Audit entries stay:
 * the log is append-only.
 */
#ifndef BAZAAR_ADM_UTIL_H
#define BAZAAR_ADM_UTIL_H
#define PU_APP adm_app
#include <time.h>

#include "password.h"
#include "token.h"
#include "page_util.h"
#include "crypt.h"
#include "totp.h"

#ifndef ADMT_PREFIX
#error "define ADMT_PREFIX before including adm_util.h"
#endif

/* The form token of a visitor without a session (bz_csrf cookie and field). */
#define ADMT_ANON_CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ADMT_ANON_COOKIE "bz_csrf=" ADMT_ANON_CSRF

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

static inline void
admt_email(char *out, size_t n)
{
	static unsigned counter;

	snprintf(out, n, "%s-%d-%u-%ld@example.test", ADMT_PREFIX, (int)getpid(), ++counter, (long)time(NULL));
}

/* An active user of role with the password PU_PASSWORD, not logged in. */
static inline void
admt_user_new(struct admt_user *a, const char *role)
{
	char hash[PASSWORD_HASH_SIZE];

	memset(a, 0, sizeof *a);
	admt_email(a->u.email, sizeof a->u.email);
	ck_assert_int_eq(password_hash(PU_PASSWORD, hash), 0);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at, password_hash)"
				 " VALUES (?, 'Page Test', ?, UTC_TIMESTAMP(), ?)", "sss",
				 a->u.email, role, hash), 1);
	a->u.id = (long long)db_insert_id();
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
		{ "address_enc", "1 Test Street\nTestville\nT1 1TT" },
		{ "phone_enc", "+44 20 7946 0958" },
		{ "bank_holder_enc", "Test Trading Ltd" },
		{ "bank_account_enc", "GB82WEST12345698765432" },
	};
	unsigned char *box[4];
	size_t len[4], i;
	char slug[96];

	memset(v, 0, sizeof *v);
	admt_user_new(&v->owner, "vendor");
	snprintf(slug, sizeof slug, "%s-shop-%d-%u", ADMT_PREFIX, (int)getpid(), ++counter);
	snprintf(v->trading_name, sizeof v->trading_name, "Admin Test Shop %d %u", (int)getpid(), counter);
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number,"
				 " tax_id, website, description, status, plan_id, submitted_at)"
				 " VALUES (?, ?, ?, 'Test Trading Ltd', '12345678', 'GB123456789',"
				 " 'https://shop.example', 'Things made by hand.', ?, (SELECT MIN(id) FROM plans), NOW())",
				 "isss", v->owner.u.id, slug, v->trading_name, status), 1);
	v->vendor_id = (long long)db_insert_id();
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

/* A scalar of a query with one integer bind (asserting it ran). */
static inline long long
admt_count(const char *sql, long long id)
{
	long long n = db_scalar(-1, sql, "i", id);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* A scalar of a query with one string bind. */
static inline long long
admt_count_s(const char *sql, const char *s)
{
	long long n = db_scalar(-1, sql, "s", s);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* Audit entries of action about (object_type, object_id). */
static inline long long
admt_audits(const char *action, const char *object_type, long long object_id)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_type = ?"
				" AND object_id = ?", "ssi", action, object_type, object_id);

	ck_assert(n >= 0);
	return n;
}

/* A Location header is exactly where. */
#define admt_assert_location(p, where) do {                                   \
	const char *admt_l_ = pu_header((p), "Location");                     \
	ck_assert_msg(admt_l_ != NULL && strcmp(admt_l_, (where)) == 0,       \
		      "Location %s, expected %s", admt_l_ ? admt_l_ : "(none)", (where)); \
} while (0)

/* The value of a cookie set by the response (static buffer), or NULL. */
static inline const char *
admt_set_cookie(const struct pu_page *p, const char *name)
{
	static char value[256];
	const char *line = p->headers;
	size_t n = strlen(name);

	while ((line = strstr(line, "Set-Cookie: ")) != NULL) {
		line += 12;
		if (strncmp(line, name, n) == 0 && line[n] == '=') {
			size_t len = strcspn(line + n + 1, ";\r");

			if (len >= sizeof value)
				len = sizeof value - 1;
			memcpy(value, line + n + 1, len);
			value[len] = '\0';
			return value;
		}
	}
	return NULL;
}

/* Removes everything the program's people left behind (idempotent, never asserts). */
static inline void
admt_cleanup(void)
{
	const char *like = ADMT_PREFIX "-%@example.test";
	static const char *const sql[] = {
		"DELETE c FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id"
		" JOIN vendors v ON v.id = r.vendor_id JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE c FROM vendor_checks c JOIN users u ON u.id = c.checked_by WHERE u.email LIKE ?",
		"DELETE r FROM vendor_reviews r JOIN vendors v ON v.id = r.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"UPDATE vendor_reviews r JOIN users u ON u.id = r.decided_by SET r.decided_by = NULL"
		" WHERE u.email LIKE ?",
		"DELETE v FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE FROM mail_outbox WHERE to_addr LIKE ?",
		"DELETE FROM login_failures WHERE email LIKE ?",
		"DELETE t FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email LIKE ?",
		"DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email LIKE ?",
		"DELETE FROM users WHERE email LIKE ?",
	};
	size_t i;

	pu_parent_begin();
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (db_exec(sql[i], "s", like) < 0)
			fprintf(stderr, "page test: clean-up failed: %s (%s)\n", db_error(), sql[i]);
	pu_parent_end();
}

/* A test case whose people are cleaned up before and after. */
static inline TCase *
admt_tcase(Suite *s, const char *name)
{
	return pu_tcase_changing(s, name, admt_cleanup, admt_cleanup);
}

#endif

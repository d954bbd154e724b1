/*
 * Helpers for the vendor portal's page tests (tests/pages/check_vp_*.c):
 * vendors with a business profile in a given state, logged in, and the
 * clean-up of everything they leave behind.
 *
 * Every test program names its people with its own prefix
 * ("<prefix>-<pid>-<n>-<time>@example.test"), so the clean-up can find
 * them by that prefix alone: it runs before the tests (leftovers of an
 * interrupted run) and after them, in the runner's process, whatever became
 * of the tests (a failed assertion ends a test's process at once).
 */
#ifndef BAZAAR_VP_UTIL_H
#define BAZAAR_VP_UTIL_H
#define PU_APP vp_app
#include <time.h>

#include "password.h"
#include "token.h"
#include "page_util.h"
#include "crypt.h"
#include "../../cgi/vendor/vp.h"

/* The test's address prefix; each test program defines VPT_PREFIX. */
#ifndef VPT_PREFIX
#error "define VPT_PREFIX before including vp_util.h"
#endif

/* A valid IBAN (the standard example) and the profile the helpers store. */
#define VPT_IBAN	"GB82WEST12345698765432"
#define VPT_PHONE	"+44 20 7946 0958"
#define VPT_ADDRESS	"1 Test Street\nTestville\nT1 1TT"
#define VPT_REASON	"The tax id does not match the business register."

struct vpt_vendor {
	struct pu_user u;	/* the owner, logged in */
	long long vendor_id;
	char slug[96];
	char trading_name[96];
};

/* A unique address with this program's prefix. */
static inline void
vpt_email(char *out, size_t n)
{
	static unsigned counter;

	snprintf(out, n, "%s-%d-%u-%ld@example.test", VPT_PREFIX, (int)getpid(), ++counter, (long)time(NULL));
}

/* The profile every helper vendor starts with. */
static inline void
vpt_profile(struct vp_profile *p, const char *trading_name)
{
	p->v[VP_LEGAL_NAME] = "Test Trading Ltd";
	p->v[VP_TRADING_NAME] = trading_name;
	p->v[VP_REGISTRATION_NUMBER] = "12345678";
	p->v[VP_TAX_ID] = "GB123456789";
	p->v[VP_ADDRESS] = VPT_ADDRESS;
	p->v[VP_PHONE] = VPT_PHONE;
	p->v[VP_WEBSITE] = "https://shop.example";
	p->v[VP_DESCRIPTION] = "Things made by hand.";
	p->v[VP_BANK_HOLDER] = "Test Trading Ltd";
	p->v[VP_BANK_ACCOUNT] = VPT_IBAN;
}

/* A user of role (no password) with this program's prefix, not logged in. */
static inline void
vpt_user_new(struct pu_user *u, const char *role, int verified)
{
	memset(u, 0, sizeof *u);
	vpt_email(u->email, sizeof u->email);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Page Test', ?, IF(? = 1, NOW(), NULL))", "ssi",
				 u->email, role, (long long)(verified != 0)), 1);
	u->id = (long long)db_insert_id();
}

/*
 * A logged-in vendor whose shop is in status (pending, verified, rejected,
 * blocked), with an open review (pending) or a decided one, the personal
 * fields sealed like the pages do, and the email verified or not.
 */
static inline void
vpt_vendor_new(struct vpt_vendor *v, const char *status, int email_verified)
{
	struct vp_profile p;
	static unsigned counter;

	memset(v, 0, sizeof *v);
	vpt_user_new(&v->u, "vendor", email_verified);
	snprintf(v->slug, sizeof v->slug, "%s-shop-%d-%u", VPT_PREFIX, (int)getpid(), ++counter);
	snprintf(v->trading_name, sizeof v->trading_name, "Test Shop %d %u", (int)getpid(), counter);
	vpt_profile(&p, v->trading_name);
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number,"
				 " tax_id, website, description, status, plan_id, submitted_at)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT MIN(id) FROM plans), NOW())",
				 "issssssss", v->u.id, v->slug, v->trading_name, p.v[VP_LEGAL_NAME],
				 p.v[VP_REGISTRATION_NUMBER], p.v[VP_TAX_ID], p.v[VP_WEBSITE], p.v[VP_DESCRIPTION],
				 status), 1);
	v->vendor_id = (long long)db_insert_id();
	ck_assert_int_eq(vp_profile_seal(v->vendor_id, &p), 0);
	if (strcmp(status, "pending") == 0)
		ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id) VALUES (?)", "i", v->vendor_id), 1);
	else
		ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id, decision, reason, decided_at)"
					 " VALUES (?, IF(? = 'rejected', 'rejected', 'approved'),"
					 " IF(? = 'rejected', ?, NULL), NOW())", "isss",
					 v->vendor_id, status, status, VPT_REASON), 1);
	pu_login(&v->u, 0);
}

/* A logged-in customer with this program's prefix. */
static inline void
vpt_customer_new(struct pu_user *u)
{
	vpt_user_new(u, "customer", 1);
	pu_login(u, 0);
}

/* A scalar of a query with one integer bind. */
static inline long long
vpt_count(const char *sql, long long id)
{
	long long n = db_scalar(-1, sql, "i", id);

	ck_assert_msg(n >= 0, "query failed: %s (%s)", db_error(), sql);
	return n;
}

/* The value of a sealed column of a vendor, opened; "" when NULL. malloc'd. */
static inline char *
vpt_open(long long vendor_id, const char *column, const char *sql)
{
	struct db_result *r = db_query(sql, "i", vendor_id);
	char *plain, *copy;
	size_t len;

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	if (db_null(r, 0)) {
		db_free(r);
		return strdup("");
	}
	plain = crypt_open("vendors", column, vendor_id, (const unsigned char *)db_str(r, 0), db_len(r, 0), &len);
	ck_assert_msg(plain != NULL, "vendors.%s of %lld does not open", column, vendor_id);
	copy = strndup(plain, len);
	crypt_free(plain, len);
	db_free(r);
	return copy;
}

/* True when the raw (sealed) column holds text anywhere in it. */
static inline int
vpt_raw_contains(long long vendor_id, const char *sql, const char *text)
{
	struct db_result *r = db_query(sql, "i", vendor_id);
	int found;

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert(!db_null(r, 0));
	found = memmem(db_str(r, 0), db_len(r, 0), text, strlen(text)) != NULL;
	db_free(r);
	return found;
}

/* The flash message a response sets, URL-decoded into out ("" when none). */
static inline const char *
vpt_flash(const struct pu_page *p, char *out, size_t n)
{
	const char *s = strstr(p->headers, "Set-Cookie: bz_flash=");
	size_t len = 0;

	out[0] = '\0';
	if (s == NULL)
		return out;
	for (s += strlen("Set-Cookie: bz_flash="); *s && *s != ';' && len + 1 < n; s++) {
		if (*s == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], '\0' };

			out[len++] = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			out[len++] = *s == '+' ? ' ' : *s;
		}
	}
	out[len] = '\0';
	return out;
}

/* The cookie a response sets ("name=value"), or "" (static buffer). */
static inline const char *
vpt_set_cookie(const struct pu_page *p, const char *name)
{
	static char out[256];
	char want[64];
	const char *s;
	size_t n = 0;

	snprintf(want, sizeof want, "Set-Cookie: %s=", name);
	out[0] = '\0';
	if ((s = strstr(p->headers, want)) == NULL)
		return out;
	s += strlen("Set-Cookie: ");
	while (s[n] && s[n] != ';' && n + 1 < sizeof out)
		n++;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Deletes every row the program's people left: reviews and their checks,
 * products, vendors, mail, then the users (sessions and tokens go with
 * them). Audit entries stay: the log is append-only. */
static inline void
vpt_cleanup(void)
{
	static const char *const sql[] = {
		"DELETE c FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id"
		" JOIN vendors v ON v.id = r.vendor_id JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE r FROM vendor_reviews r JOIN vendors v ON v.id = r.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id"
		" JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE v FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?",
		"DELETE FROM mail_outbox WHERE to_addr LIKE ?",
		"DELETE FROM users WHERE email LIKE ?",
	};
	char like[64];
	size_t i;

	pu_parent_begin();
	snprintf(like, sizeof like, "%s-%%@example.test", VPT_PREFIX);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (db_exec(sql[i], "s", like) < 0)
			fprintf(stderr, "page test: clean-up failed: %s (%s)\n", db_error(), sql[i]);
	pu_parent_end();
}

/* A test case with the worker fixture and the clean-up around it. */
static inline TCase *
vpt_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_unchecked_fixture(tc, vpt_cleanup, vpt_cleanup);
	tcase_add_checked_fixture(tc, pu_setup, pu_teardown);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return tc;
}

#endif

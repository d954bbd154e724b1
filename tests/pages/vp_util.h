/*
 * Helpers for the vendor portal's page tests (tests/pages/check_vp_*.c):
 * vendors with a business profile in a given state, logged in. The
 * program's people are named with its PU_PREFIX and cleaned up by
 * pu_tcase_people (page_util.h).
 */
#ifndef BAZAAR_VP_UTIL_H
#define BAZAAR_VP_UTIL_H
#define PU_APP vp_app
#include "page_util.h"
#include "../../cgi/vendor/vp.h"

/* The test's address prefix; each test program defines PU_PREFIX. */
#ifndef PU_PREFIX
#error "define PU_PREFIX before including vp_util.h"
#endif

/* The reason of a rejected helper vendor's review. */
#define VPT_REASON	"The tax id does not match the business register."

struct vpt_vendor {
	struct pu_user u;	/* the owner, logged in */
	long long vendor_id;
	char slug[96];
	char trading_name[96];
};

/* The profile every helper vendor starts with. */
static inline void
vpt_profile(struct vp_profile *p, const char *trading_name)
{
	p->v[VP_LEGAL_NAME] = PU_VENDOR_LEGAL_NAME;
	p->v[VP_TRADING_NAME] = trading_name;
	p->v[VP_REGISTRATION_NUMBER] = PU_VENDOR_REGISTRATION;
	p->v[VP_TAX_ID] = PU_VENDOR_TAX_ID;
	p->v[VP_ADDRESS] = PU_VENDOR_ADDRESS;
	p->v[VP_PHONE] = PU_VENDOR_PHONE;
	p->v[VP_WEBSITE] = PU_VENDOR_WEBSITE;
	p->v[VP_DESCRIPTION] = PU_VENDOR_DESCRIPTION;
	p->v[VP_BANK_HOLDER] = PU_VENDOR_BANK_HOLDER;
	p->v[VP_BANK_ACCOUNT] = PU_VENDOR_IBAN;
}

/* A user of role (no password) with this program's prefix, not logged in. */
static inline void
vpt_user_new(struct pu_user *u, const char *role, int verified)
{
	pu_user_add(u, PU_PREFIX, role, verified, NULL);
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
	snprintf(v->slug, sizeof v->slug, "%s-shop-%d-%u", PU_PREFIX, (int)getpid(), ++counter);
	snprintf(v->trading_name, sizeof v->trading_name, "Test Shop %d %u", (int)getpid(), counter);
	vpt_profile(&p, v->trading_name);
	v->vendor_id = pu_vendor_insert(v->u.id, v->slug, v->trading_name, status);
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

/* A new vendor user made the owner of the shop vendor_id (a fixture's), logged in. */
static inline void
vpt_shop_owner(struct pu_user *u, long long vendor_id)
{
	vpt_user_new(u, "vendor", 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", u->id, vendor_id), 1);
	pu_login(u, 0);
}

/* A logged-in customer with this program's prefix. */
static inline void
vpt_customer_new(struct pu_user *u)
{
	vpt_user_new(u, "customer", 1);
	pu_login(u, 0);
}

#endif

/*
 * Page tests for vp_listing_actions.c: POST /vendor/listings/{id}/publish,
 * archive, restore and duplicate.
 */
#define PU_PREFIX "vpla"
#include "buf.h"
#include "vp_listing_util.h"

static struct pu_page *
action(struct vpt_vendor *v, long long id, const char *what)
{
	char uri[96];

	snprintf(uri, sizeof uri, "/vendor/listings/%lld/%s", id, what);
	return pu_post_as(&v->u, uri, "");
}

START_TEST(test_lifecycle)
{
	struct vpt_vendor v;
	struct pu_page *p;
	long long id, events;

	vpt_vendor_new(&v, "verified", 1);
	id = vlt_listing_new(v.vendor_id, "Life Pot", "draft", "LIFE-1");
	events = pu_product_events(id);

	p = action(&v, id, "publish");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/listings");
	pu_assert_flash(p, "\xe2\x80\x9cLife Pot\xe2\x80\x9d is published");
	pu_free(p);
	ck_assert_str_eq(vlt_status(id), "active");
	ck_assert_int_eq(pu_product_events(id), events + 1);

	p = action(&v, id, "archive");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "is archived");
	pu_free(p);
	ck_assert_str_eq(vlt_status(id), "archived");
	ck_assert_int_eq(pu_product_events(id), events + 2);

	/* archived: not published before it is restored */
	p = action(&v, id, "publish");
	pu_assert_status(p, 409);
	pu_assert_text(p, "must be restored first");
	pu_free(p);
	ck_assert_str_eq(vlt_status(id), "archived");

	p = action(&v, id, "restore");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "is restored as a draft");
	pu_free(p);
	ck_assert_str_eq(vlt_status(id), "draft");
	p = action(&v, id, "restore");
	pu_assert_status(p, 409);
	pu_free(p);

	/* the edit page of an archived listing offers restore, not archive */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'archived' WHERE id = ?", "i", id), 1);
	p = pu_get_as(&v.u, vlt_fmt("/vendor/listings/%lld/edit", id));
	pu_assert_status(p, 200);
	pu_assert_has(p, vlt_fmt("action=\"/vendor/listings/%lld/restore\"", id));
	pu_assert_lacks(p, "/archive\"");
	pu_assert_has(p, "State: <strong>Archived</strong>");
	pu_free(p);
}
END_TEST

START_TEST(test_duplicate)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *row[5];
	const char *where;
	long long id, copy;

	vpt_vendor_new(&v, "verified", 1);
	id = vlt_listing_new(v.vendor_id, "Twin Pot", "active", "TWIN-1");
	p = action(&v, id, "duplicate");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "This is a copy, saved as a draft.");
	where = pu_header(p, "Location");
	ck_assert_ptr_nonnull(where);
	ck_assert(sscanf(where, "/vendor/listings/%lld/edit", &copy) == 1);
	pu_free(p);
	ck_assert_int_ne(copy, id);
	ck_assert(pu_row1(row, 5, "SELECT name, status, COALESCE(sku, '-'), stock, price_minor FROM products"
			  " WHERE id = ?", "i", &copy));
	ck_assert_str_eq(row[0], "Twin Pot (copy)");
	ck_assert_str_eq(row[1], "draft");
	ck_assert_str_eq(row[2], "-");
	ck_assert_str_eq(row[3], "0");
	ck_assert_str_eq(row[4], "1500");
	pu_free_row(row, 5);
	ck_assert_int_eq(pu_product_events(copy), 1);
}
END_TEST

START_TEST(test_refused)
{
	struct vpt_vendor v, w, pending, blocked;
	struct pu_page *p;
	static const char *const actions[] = { "publish", "archive", "restore", "duplicate" };
	long long theirs, mine, before;
	size_t i;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&w, "verified", 1);
	theirs = vlt_listing_new(w.vendor_id, "Their Pot", "archived", NULL);
	before = pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", w.vendor_id);
	/* another vendor's listing: 404 for every action, nothing changed */
	for (i = 0; i < 4; i++) {
		p = action(&v, theirs, actions[i]);
		pu_assert_status(p, 404);
		pu_free(p);
	}
	ck_assert_str_eq(vlt_status(theirs), "archived");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", w.vendor_id), before);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", v.vendor_id), 0);

	/* no CSRF token: 403 */
	mine = vlt_listing_new(v.vendor_id, "My Pot", "draft", NULL);
	pu_expect(403, pu_post(vlt_fmt("/vendor/listings/%lld/publish", mine), v.u.cookie, ""));
	ck_assert_str_eq(vlt_status(mine), "draft");

	/* a shop we have not verified cannot publish, and is told why */
	vpt_vendor_new(&pending, "pending", 1);
	mine = vlt_listing_new(pending.vendor_id, "Waiting Pot", "draft", NULL);
	p = action(&pending, mine, "publish");
	pu_assert_status(p, 403);
	pu_assert_text(p, "We are still verifying your shop");
	pu_free(p);
	ck_assert_str_eq(vlt_status(mine), "draft");
	p = action(&pending, mine, "archive");	/* its drafts are its own to tidy */
	pu_assert_status(p, 303);
	pu_free(p);

	/* a blocked shop changes nothing */
	vpt_vendor_new(&blocked, "blocked", 1);
	mine = vlt_listing_new(blocked.vendor_id, "Blocked Pot", "active", NULL);
	for (i = 0; i < 4; i++) {
		p = action(&blocked, mine, actions[i]);
		pu_assert_status(p, 403);
		pu_assert_text(p, "Your shop is blocked");
		pu_free(p);
	}
	ck_assert_str_eq(vlt_status(mine), "active");
}
END_TEST

static Suite *
vp_listing_actions_suite(void)
{
	Suite *s = suite_create("vp_listing_actions");
	TCase *tc = pu_tcase_people(s, "listing_actions");

	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_duplicate);
	tcase_add_test(tc, test_refused);
	return s;
}

CHECK_MAIN(vp_listing_actions_suite)

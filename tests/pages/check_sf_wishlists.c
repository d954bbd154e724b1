/*
 * Page tests for sf_wishlists.c: the lists page (a saved product, escaped
 * list names), another account's list is a 404, a shared list is readable
 * without a session (nothing of its owner) and gone once private.
 */
#define PU_PREFIX "sf-wish"
#include "sf_account_util.h"

#include "wishlist.h"

START_TEST(test_lists)
{
	char token[WISHLIST_TOKEN_LEN + 1], uri[128];
	struct pu_user u, other;
	struct pu_page *p;
	long long product, list;

	product = db_scalar(-1, "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
			    " WHERE p.status = 'active' AND v.status = 'verified' ORDER BY p.id LIMIT 1", "");
	ck_assert_int_gt(product, 0);
	sat_member(&u, 1);
	sat_member(&other, 1);
	ck_assert_int_eq(wishlist_save(u.id, 0, product), 0);
	list = wishlist_create(u.id, "Gifts <i>for</i> Ann");
	ck_assert_int_gt(list, 0);
	p = pu_get_as(&u, "/account/wishlists");
	pu_assert_status(p, 200);
	pu_assert_has(p, "Gifts &lt;i&gt;for&lt;/i&gt; Ann");
	pu_assert_has(p, "/items/");
	pu_free(p);

	snprintf(uri, sizeof uri, "/account/wishlists/%lld/delete", list);
	p = sat_post_as(&other, uri, sat_form("x", "", NULL));
	pu_assert_status(p, 404);
	pu_free(p);

	ck_assert_int_eq(wishlist_share(u.id, wishlist_default(u.id), 1, token), 0);
	snprintf(uri, sizeof uri, "/w/%s", token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, u.email);
	pu_free(p);
	ck_assert_int_eq(wishlist_share(u.id, wishlist_default(u.id), 0, token), 0);
	pu_expect(404, pu_get(uri));
	pu_user_delete(&u);
	pu_user_delete(&other);
}
END_TEST

static Suite *
sf_wishlists_suite(void)
{
	Suite *s = suite_create("sf_wishlists");
	TCase *tc = pu_tcase_people(s, "wishlists");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lists);
	return s;
}

CHECK_MAIN(sf_wishlists_suite)

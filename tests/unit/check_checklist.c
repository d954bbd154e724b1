/*
 * Tests for cgi/lib/checklist.h: the vendor checklist the admin site, the
 * vendor portal and the demo data share. Its keys are stored in
 * vendor_checks.item, make form field names (pass_<key>) and element ids,
 * and index a bit mask in the admin site's form.
 */
#include "check_util.h"
#include "checklist.h"

#include <string.h>

struct checklist_item {
	const char *key, *label, *question;
};

#define CHECK_CHECKLIST_ITEM(key, label, question) { key, label, question },
static const struct checklist_item items[] = {
	CHECKLIST(CHECK_CHECKLIST_ITEM)
};
#undef CHECK_CHECKLIST_ITEM
#define NITEMS (sizeof items / sizeof items[0])

START_TEST(test_keys)
{
	size_t i, j;

	/* vendor_checks.item is VARCHAR(32); the admin site's form keeps a bit per item */
	ck_assert_uint_ge(NITEMS, 1);
	ck_assert_uint_le(NITEMS, 32);
	for (i = 0; i < NITEMS; i++) {
		ck_assert_uint_ge(strlen(items[i].key), 1);
		ck_assert_uint_le(strlen(items[i].key), 32);
		/* usable as it is in a form name, an id and a URL fragment */
		ck_assert_msg(strspn(items[i].key, "abcdefghijklmnopqrstuvwxyz_") == strlen(items[i].key),
			      "key \"%s\" is not lower-case letters and underscores", items[i].key);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(items[i].key, items[j].key) != 0, "key \"%s\" twice", items[i].key);
	}
}
END_TEST

START_TEST(test_wording)
{
	size_t i, j;

	for (i = 0; i < NITEMS; i++) {
		const char *q = items[i].question;

		ck_assert_uint_ge(strlen(items[i].label), 1);
		/* a question shown as a sentence: capital first, no full stop (the pages add one) */
		ck_assert_msg(q[0] >= 'A' && q[0] <= 'Z', "question \"%s\" starts in lower case", q);
		ck_assert_msg(q[strlen(q) - 1] != '.', "question \"%s\" ends with a full stop", q);
		for (j = 0; j < i; j++) {
			ck_assert_msg(strcmp(items[i].label, items[j].label) != 0, "label \"%s\" twice", items[i].label);
			ck_assert_msg(strcmp(q, items[j].question) != 0, "question \"%s\" twice", q);
		}
	}
}
END_TEST

/* The order is the one every program shows and enum vp_check follows. */
START_TEST(test_order)
{
	static const char *const keys[] = {
		"registration", "tax_id", "address", "contact", "bank_holder", "prohibited",
	};
	size_t i;

	ck_assert_uint_eq(NITEMS, sizeof keys / sizeof keys[0]);
	for (i = 0; i < NITEMS; i++)
		ck_assert_str_eq(items[i].key, keys[i]);
}
END_TEST

static Suite *
checklist_suite(void)
{
	Suite *s = suite_create("checklist");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_wording);
	tcase_add_test(tc, test_order);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(checklist_suite)

/*
 * Helpers for the page tests of the vendor's listing pages
 * (check_vp_listings.c, check_vp_listing_form.c, check_vp_listing_actions.c):
 * categories to file under, a listing form's body, and listings made in the
 * database directly.
 */
#ifndef BAZAAR_VP_LISTING_UTIL_H
#define BAZAAR_VP_LISTING_UTIL_H
#include "vp_util.h"

/* A leaf category (no sub-categories). */
static inline long long
vlt_leaf_category(void)
{
	long long id = db_scalar(-1, "SELECT MIN(c.id) FROM categories c WHERE c.parent_id IS NOT NULL"
				 " AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)", "");

	ck_assert_int_gt(id, 0);
	return id;
}

/* A category with sub-categories. */
static inline long long
vlt_parent_category(void)
{
	long long id = db_scalar(-1, "SELECT MIN(c.id) FROM categories c"
				 " WHERE EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)", "");

	ck_assert_int_gt(id, 0);
	return id;
}

/* Appends key=value, form-encoded, to b. */
static inline void
vlt_field(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, "%s%s=", b->len ? "&" : "", key);
	buf_add_urlencoded(b, value);
}

/*
 * A listing form's body (malloc'd): a valid listing named name, with
 * field `change` set to `value` instead (value NULL: the field left out).
 */
static inline char *
vlt_body(const char *name, const char *change, const char *value)
{
	static const char *const keys[] = { "name", "description", "category", "price", "compare_at",
					     "sku", "stock", "low_stock_threshold", "weight_grams" };
	char category[32];
	const char *values[9];
	struct buf b;
	size_t i;

	snprintf(category, sizeof category, "%lld", vlt_leaf_category());
	values[0] = name;
	values[1] = "A sturdy pot.\n\n- Oak\n- Brass";
	values[2] = category;
	values[3] = "12.50";
	values[4] = "";
	values[5] = "";
	values[6] = "7";
	values[7] = "3";
	values[8] = "450";
	buf_init(&b);
	for (i = 0; i < 9; i++) {
		const char *v = change && strcmp(change, keys[i]) == 0 ? value : values[i];

		if (v != NULL)
			vlt_field(&b, keys[i], v);
	}
	if (change && strcmp(change, "publish") == 0)
		vlt_field(&b, "publish", value);
	return buf_detach(&b);
}

/* A listing of the vendor in status, straight into the database. */
static inline long long
vlt_listing_new(long long vendor_id, const char *name, const char *status, const char *sku)
{
	long long category = vlt_leaf_category();

	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, sku, price_minor, stock, status) VALUES (?, ?, ?, ?, 'vlt-item',"
				 " 'Plain.', ?, 1500, 4, ?)", "iiisss", vendor_id, category,
				 catalog_top_category(category), name, sku, status), 1);
	return (long long)db_insert_id();
}

/* One column of the product as text (static buffer; "(null)" for NULL). */
static inline const char *
vlt_column(long long id, const char *sql)
{
	static char out[512];
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1, sql, "i", &id));
	snprintf(out, sizeof out, "%s", row[0] ? row[0] : "(null)");
	pu_free_row(row, 1);
	return out;
}
/* fmt with one id in it (static buffer). */
static inline const char *
vlt_fmt(const char *fmt, long long id)
{
	static char out[256];

	snprintf(out, sizeof out, fmt, id);
	return out;
}

#define vlt_status(id) vlt_column((id), "SELECT status FROM products WHERE id = ?")

#endif

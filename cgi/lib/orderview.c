/*
 * orderview: an order on a page (see orderview.h). Everything is read from
 * the order's snapshot rows; the shipping address is opened from its sealed
 * column only when the caller asks for it.
 */
#include "orderview.h"

#include <stdio.h>
#include <string.h>

#include "address.h"
#include "db.h"
#include "money.h"
#include "order.h"
#include "orderflow.h"

static const char ov_order_sql[] =
	"SELECT id, number, status, DATE_FORMAT(placed_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(paid_at, '%Y-%m-%d %H:%i'),"
	" email, payment_method, items_minor, shipping_minor, discount_minor, tax_minor, total_minor, refunded_minor,"
	" coupon_code, ship_name, ship_country, ship_address_enc, bank_reference, user_id"
	" FROM orders WHERE id = ?";
enum { OV_ID, OV_NUMBER, OV_STATUS, OV_PLACED, OV_PAID, OV_EMAIL, OV_METHOD, OV_ITEMS, OV_SHIPPING, OV_DISCOUNT,
       OV_TAX, OV_TOTAL, OV_REFUNDED, OV_COUPON, OV_SHIP_NAME, OV_COUNTRY, OV_ADDRESS, OV_BANKREF, OV_USER };

static const char ov_vendor_orders_sql[] =
	"SELECT vo.id, vo.number, vo.status, vo.items_minor, vo.shipping_minor, vo.discount_minor, vo.tax_minor,"
	" vo.total_minor, vo.refunded_minor, vo.handling_days, vo.carrier, vo.tracking_number,"
	" DATE_FORMAT(vo.shipped_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(vo.delivered_at, '%Y-%m-%d %H:%i'),"
	" vo.cancelled_by, vo.cancel_reason, DATE_FORMAT(vo.cancelled_at, '%Y-%m-%d %H:%i'), v.trading_name, v.slug,"
	" IFNULL(c.id, 0), IFNULL(c.customer_unread, 0),"
	" (SELECT IFNULL(SUM(f.amount_minor), 0) FROM refunds f WHERE f.vendor_order_id = vo.id"
	" AND f.status = 'pending')"
	" FROM vendor_orders vo JOIN vendors v ON v.id = vo.vendor_id"
	" LEFT JOIN conversations c ON c.vendor_order_id = vo.id AND c.user_id = ?"
	" WHERE vo.order_id = ? AND (? = 0 OR vo.vendor_id = ?) ORDER BY vo.id";
enum { OVV_ID, OVV_NUMBER, OVV_STATUS, OVV_ITEMS, OVV_SHIPPING, OVV_DISCOUNT, OVV_TAX, OVV_TOTAL, OVV_REFUNDED,
       OVV_HANDLING, OVV_CARRIER, OVV_TRACKING, OVV_SHIPPED, OVV_DELIVERED, OVV_BY, OVV_REASON, OVV_CANCELLED,
       OVV_SHOP, OVV_SLUG, OVV_CONVERSATION, OVV_UNREAD, OVV_CONFIRMING };

static const char ov_items_sql[] =
	"SELECT name, sku, quantity, unit_price_minor, line_minor, tax_minor, tax_bp, product_id"
	" FROM order_items WHERE vendor_order_id = ? ORDER BY id";

static const char ov_history_sql[] =
	"SELECT DATE_FORMAT(h.at, '%Y-%m-%d %H:%i'), COALESCE(vo.number, o.number), h.from_status, h.to_status,"
	" h.actor_role, h.note FROM order_history h JOIN orders o ON o.id = h.order_id"
	" LEFT JOIN vendor_orders vo ON vo.id = h.vendor_order_id"
	" WHERE h.order_id = ? AND (? = 0 OR h.vendor_order_id IS NULL OR vo.vendor_id = ?) ORDER BY h.id";

void
orderview_money(tmpl_dict *d, const char *key, long long minor)
{
	char text[64];

	tmpl_set(d, key, money_format(minor, text, sizeof text));
}

tmpl_dict *
orderview_item(tmpl_dict *d, struct db_result *r)
{
	tmpl_dict *it = tmpl_section(d, "ITEM");

	tmpl_set(it, "ITEM_NAME", db_str(r, 0));
	if (db_str(r, 1) != NULL && *db_str(r, 1))
		tmpl_set(tmpl_section(it, "HAS_SKU"), "ITEM_SKU", db_str(r, 1));
	tmpl_set_int(it, "ITEM_QTY", db_int(r, 2));
	orderview_money(it, "ITEM_PRICE", db_int(r, 3));
	orderview_money(it, "ITEM_LINE", db_int(r, 4));
	return it;
}

static const char *
ov_who(const char *role)
{
	if (strcmp(role, "customer") == 0)
		return "Customer";
	if (strcmp(role, "vendor") == 0)
		return "Shop";
	if (strcmp(role, "admin") == 0)
		return "Marketplace";
	return "Automatic";
}

int
orderview_paid_status(const char *s)
{
	return s != NULL && (strcmp(s, "processing") == 0 || strcmp(s, "shipped") == 0 ||
			     strcmp(s, "delivered") == 0 || strcmp(s, "refunded") == 0);
}

/* "IS_PROCESSING" for "processing", in the arena. */
static const char *
ov_status_section(struct arena *a, const char *status)
{
	char *s = arena_printf(a, "IS_%s", status);
	char *p;

	for (p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static int
ov_items(tmpl_dict *vd, long long vo_id)
{
	struct db_result *r = db_query(ov_items_sql, "i", vo_id);
	char rate[48];

	if (r == NULL)
		return 500;
	while (db_next(r)) {
		tmpl_dict *it = orderview_item(vd, r);

		orderview_money(it, "ITEM_TAX", db_int(r, 5));
		snprintf(rate, sizeof rate, "%lld.%02lld %%", db_int(r, 6) / 100, db_int(r, 6) % 100);
		tmpl_set(it, "ITEM_TAX_RATE", rate);
		tmpl_set_int(it, "PRODUCT_ID", db_int(r, 7));
	}
	db_free(r);
	return 0;
}

static int
ov_vendor_orders(tmpl_dict *d, struct arena *a, long long order_id, long long vendor_id,
		 const struct orderview_links *links)
{
	struct db_result *r = db_query(ov_vendor_orders_sql, "iiii", links != NULL ? links->customer_id : 0,
				       order_id, vendor_id, vendor_id);
	int any = 0, status = 0;

	if (r == NULL)
		return 500;
	while (db_next(r)) {
		tmpl_dict *vd = tmpl_section(d, "VENDOR");
		const char *st = db_str(r, OVV_STATUS);

		any = 1;
		tmpl_set_int(vd, "VO_ID", db_int(r, OVV_ID));
		tmpl_set(vd, "VO_NUMBER", db_str(r, OVV_NUMBER));
		tmpl_set(vd, "SHOP", db_str(r, OVV_SHOP));
		tmpl_set(vd, "SHOP_SLUG", db_str(r, OVV_SLUG));
		tmpl_set(vd, "VO_STATUS", st);
		tmpl_set(vd, "VO_STATUS_LABEL", orderflow_status_label(st));
		tmpl_show(vd, ov_status_section(a, st));
		orderview_money(vd, "VO_ITEMS", db_int(r, OVV_ITEMS));
		orderview_money(vd, "VO_SHIPPING", db_int(r, OVV_SHIPPING));
		orderview_money(vd, "VO_TAX", db_int(r, OVV_TAX));
		orderview_money(vd, "VO_TOTAL", db_int(r, OVV_TOTAL));
		if (db_int(r, OVV_DISCOUNT) > 0)
			orderview_money(tmpl_section(vd, "VO_HAS_DISCOUNT"), "VO_DISCOUNT", db_int(r, OVV_DISCOUNT));
		if (db_int(r, OVV_REFUNDED) > 0)
			orderview_money(tmpl_section(vd, "VO_HAS_REFUNDED"), "VO_REFUNDED", db_int(r, OVV_REFUNDED));
		/* Refunds written but not answered yet (refund.h): in the amount
		 * above, and said to be waiting for the provider. */
		if (db_int(r, OVV_CONFIRMING) > 0)
			orderview_money(tmpl_section(vd, "VO_CONFIRMING"), "VO_CONFIRMING_AMOUNT",
					db_int(r, OVV_CONFIRMING));
		tmpl_set_int(vd, "HANDLING_DAYS", db_int(r, OVV_HANDLING));
		if (!db_null(r, OVV_SHIPPED)) {
			tmpl_dict *s = tmpl_section(vd, "SHIPPED");

			tmpl_set(s, "CARRIER", db_str(r, OVV_CARRIER) ? db_str(r, OVV_CARRIER) : "");
			tmpl_set(s, "TRACKING", db_str(r, OVV_TRACKING) ? db_str(r, OVV_TRACKING) : "");
			tmpl_set(s, "SHIPPED_AT", db_str(r, OVV_SHIPPED));
		}
		if (!db_null(r, OVV_DELIVERED))
			tmpl_set(tmpl_section(vd, "DELIVERED"), "DELIVERED_AT", db_str(r, OVV_DELIVERED));
		if (strcmp(st, "cancelled") == 0) {
			tmpl_dict *c = tmpl_section(vd, "CANCELLED");

			tmpl_set(c, "CANCELLED_BY", ov_who(db_str(r, OVV_BY) ? db_str(r, OVV_BY) : "system"));
			tmpl_set(c, "CANCEL_REASON", db_str(r, OVV_REASON) ? db_str(r, OVV_REASON) : "");
			tmpl_set(c, "CANCELLED_AT", db_str(r, OVV_CANCELLED) ? db_str(r, OVV_CANCELLED) : "");
		}
		if (links != NULL && orderview_paid_status(st)) {
			tmpl_dict *inv = tmpl_section(vd, "INVOICE");
			const char *q = links->token ? arena_printf(a, "?token=%s", links->token) : "";

			tmpl_set(inv, "INVOICE_URL", arena_printf(a, "%s%lld%s", links->invoice_prefix,
								  db_int(r, OVV_ID), q));
			tmpl_set(inv, "INVOICE_PDF_URL", arena_printf(a, "%s%lld.pdf%s", links->invoice_prefix,
								      db_int(r, OVV_ID), q));
		}
		if (db_int(r, OVV_CONVERSATION) > 0) {
			tmpl_dict *c = tmpl_section(vd, "CONVERSATION");

			tmpl_set_int(c, "CONVERSATION_ID", db_int(r, OVV_CONVERSATION));
			if (db_int(r, OVV_UNREAD) > 0)
				tmpl_set_int(tmpl_section(c, "UNREAD"), "UNREAD_COUNT", db_int(r, OVV_UNREAD));
		}
		if ((status = ov_items(vd, db_int(r, OVV_ID))) != 0)
			break;
	}
	db_free(r);
	if (status == 0 && !any)
		status = 404;
	return status;
}

static int
ov_history(tmpl_dict *d, long long order_id, long long vendor_id)
{
	struct db_result *r = db_query(ov_history_sql, "iii", order_id, vendor_id, vendor_id);

	if (r == NULL)
		return 500;
	while (db_next(r)) {
		tmpl_dict *h = tmpl_section(d, "HISTORY");

		tmpl_set(h, "AT", db_str(r, 0));
		tmpl_set(h, "WHAT", db_str(r, 1));
		if (*db_str(r, 2))
			tmpl_set(tmpl_section(h, "HAS_FROM"), "FROM_LABEL", orderflow_status_label(db_str(r, 2)));
		tmpl_set(h, "TO_LABEL", orderflow_status_label(db_str(r, 3)));
		tmpl_set(h, "WHO", ov_who(db_str(r, 4)));
		if (*db_str(r, 5))
			tmpl_set(tmpl_section(h, "HAS_NOTE"), "NOTE", db_str(r, 5));
	}
	if (db_rows(r) > 0)
		tmpl_show(d, "HAS_HISTORY");
	db_free(r);
	return 0;
}

int
orderview_fill(tmpl_dict *d, struct arena *a, long long order_id, long long vendor_id, unsigned flags,
	       const struct orderview_links *links)
{
	struct db_result *o;
	int status;

	if (order_id <= 0)
		return 404;
	if ((o = db_query(ov_order_sql, "i", order_id)) == NULL)
		return 500;
	if (!db_next(o)) {
		db_free(o);
		return 404;
	}
	tmpl_set_int(d, "ORDER_ID", db_int(o, OV_ID));
	tmpl_set(d, "NUMBER", db_str(o, OV_NUMBER));
	tmpl_set(d, "STATUS", db_str(o, OV_STATUS));
	tmpl_set(d, "STATUS_LABEL", orderflow_status_label(db_str(o, OV_STATUS)));
	tmpl_set(d, "PLACED_AT", db_str(o, OV_PLACED));
	if (!db_null(o, OV_PAID))
		tmpl_set(tmpl_section(d, "PAID"), "PAID_AT", db_str(o, OV_PAID));
	tmpl_set(d, "EMAIL", db_str(o, OV_EMAIL));
	tmpl_set(d, "PAYMENT_METHOD", order_method_label(db_str(o, OV_METHOD)));
	if (db_null(o, OV_USER))
		tmpl_show(d, "GUEST");
	if (vendor_id == 0) {
		/* The order's own sums: only for those who see all of it. */
		tmpl_dict *t = tmpl_section(d, "TOTALS");

		orderview_money(t, "ITEMS", db_int(o, OV_ITEMS));
		orderview_money(t, "SHIPPING", db_int(o, OV_SHIPPING));
		orderview_money(t, "TAX", db_int(o, OV_TAX));
		orderview_money(t, "TOTAL", db_int(o, OV_TOTAL));
		if (db_int(o, OV_DISCOUNT) > 0) {
			tmpl_dict *s = tmpl_section(t, "HAS_DISCOUNT");

			orderview_money(s, "DISCOUNT", db_int(o, OV_DISCOUNT));
			tmpl_set(s, "COUPON", db_str(o, OV_COUPON) ? db_str(o, OV_COUPON) : "");
		}
		if (db_int(o, OV_REFUNDED) > 0)
			orderview_money(tmpl_section(t, "HAS_REFUNDED"), "REFUNDED", db_int(o, OV_REFUNDED));
		if (db_str(o, OV_BANKREF) != NULL && strcmp(db_str(o, OV_STATUS), "awaiting_payment") == 0)
			tmpl_set(tmpl_section(d, "BANK"), "BANK_REFERENCE", db_str(o, OV_BANKREF));
	}
	tmpl_set(d, "SHIP_NAME", db_str(o, OV_SHIP_NAME));
	tmpl_set(d, "SHIP_COUNTRY", db_str(o, OV_COUNTRY));
	if (flags & ORDERVIEW_ADDRESS) {
		struct address ad;
		tmpl_dict *s = tmpl_section(d, "ADDRESS");

		address_open(a, "orders", "ship_address_enc", order_id, o, OV_ADDRESS, &ad);
		tmpl_set(s, "SHIP_NAME", *ad.name ? ad.name : db_str(o, OV_SHIP_NAME));
		tmpl_set(s, "SHIP_LINE1", ad.line1);
		if (*ad.line2)
			tmpl_set(tmpl_section(s, "SHIP_HAS_LINE2"), "SHIP_LINE2", ad.line2);
		tmpl_set(s, "SHIP_CITY", ad.city);
		tmpl_set(s, "SHIP_POSTCODE", ad.postcode);
		tmpl_set(s, "SHIP_COUNTRY", *ad.country ? ad.country : db_str(o, OV_COUNTRY));
		if (*ad.phone)
			tmpl_set(tmpl_section(s, "SHIP_HAS_PHONE"), "SHIP_PHONE", ad.phone);
	}
	db_free(o);
	if ((status = ov_vendor_orders(d, a, order_id, vendor_id, links)) != 0)
		return status;
	if ((flags & ORDERVIEW_HISTORY) && (status = ov_history(d, order_id, vendor_id)) != 0)
		return status;
	return 0;
}

int
orderview_include(tmpl_dict *page, struct arena *a, long long order_id, long long vendor_id, unsigned flags,
		  const struct orderview_links *links, tmpl_dict **out)
{
	tmpl_dict *d = tmpl_include(page, "ORDER", ORDERVIEW_TEMPLATE);

	if (out != NULL)
		*out = d;
	return orderview_fill(d, a, order_id, vendor_id, flags, links);
}

/*
 * orderview: an order on a page, the same for the customer (storefront),
 * its vendors (portal) and the admins, drawn by the one partial
 * templates/layout/_order.tpl. The caller has decided who may see the
 * order; a vendor is shown only its own part (vendor_id > 0), and an order
 * with no part of that vendor is "not found".
 *
 * Dictionary (the page's, or the partial's at marker ORDER when the page
 * includes it with orderview_include):
 *   ORDER_ID, NUMBER, STATUS, STATUS_LABEL, PLACED_AT, PAID_AT (section PAID),
 *   EMAIL, PAYMENT_METHOD, ITEMS, SHIPPING, DISCOUNT (section HAS_DISCOUNT,
 *   with COUPON), TAX, TOTAL, REFUNDED (section HAS_REFUNDED), BANK_REFERENCE
 *   (section BANK), the address as SHIP_NAME, SHIP_LINE1, SHIP_LINE2 (section
 *   SHIP_HAS_LINE2), SHIP_CITY, SHIP_POSTCODE, SHIP_COUNTRY, SHIP_PHONE
 *   (section SHIP_HAS_PHONE); section GUEST for a guest's order;
 *   section VENDOR per vendor order: VO_ID, VO_NUMBER, SHOP, SHOP_SLUG,
 *   VO_STATUS, VO_STATUS_LABEL, VO_ITEMS, VO_SHIPPING, VO_DISCOUNT
 *   (VO_HAS_DISCOUNT), VO_TAX, VO_TOTAL, VO_REFUNDED (VO_HAS_REFUNDED; of it,
 *   VO_CONFIRMING_AMOUNT in section VO_CONFIRMING: refunds still being
 *   confirmed with the payment provider),
 *   HANDLING_DAYS, section SHIPPED {CARRIER, TRACKING, SHIPPED_AT},
 *   section DELIVERED {DELIVERED_AT}, section CANCELLED {CANCELLED_BY,
 *   CANCEL_REASON, CANCELLED_AT}, section INVOICE {INVOICE_URL,
 *   INVOICE_PDF_URL} when the part has an invoice (it was paid) and the
 *   page links invoices, section CONVERSATION {CONVERSATION_ID, section
 *   UNREAD {UNREAD_COUNT}} when the page's customer has a conversation with
 *   the shop about the part (orderview_links.customer_id), a section named after the status
 *   (IS_PROCESSING, IS_SHIPPED ...), and section ITEM per line: ITEM_NAME,
 *   ITEM_SKU (section HAS_SKU), ITEM_QTY, ITEM_PRICE, ITEM_LINE, ITEM_TAX,
 *   ITEM_TAX_RATE, PRODUCT_ID;
 *   section HISTORY per change (with ORDERVIEW_HISTORY): AT, WHAT (the order
 *   or a vendor order's number), FROM_LABEL, TO_LABEL, WHO, NOTE (HAS_NOTE).
 */
#ifndef BAZAAR_ORDERVIEW_H
#define BAZAAR_ORDERVIEW_H
#include "arena.h"
#include "tmpl.h"

#define ORDERVIEW_TEMPLATE "layout/_order.tpl"

#define ORDERVIEW_ADDRESS 1u	/* open the sealed shipping address */
#define ORDERVIEW_HISTORY 2u	/* the order's history */

/* Where a page's invoice links go: prefix + the vendor order's id (+ ".pdf"),
 * and "?token=" + token when token is not NULL (a guest's link).
 * customer_id: the customer's account reading the page (0: none): each part
 * links to its conversation with the shop (chat.h) when it has one. */
struct orderview_links {
	const char *invoice_prefix;
	const char *token;
	long long customer_id;
};

/* Fills d with order_id (only vendor_id's part when vendor_id > 0), with
 * invoice links on the paid parts when links is not NULL. Returns 0, 404
 * (no such order, or no part of that vendor) or 500. */
int orderview_fill(tmpl_dict *d, struct arena *a, long long order_id, long long vendor_id, unsigned flags,
		   const struct orderview_links *links);
/* The same into the partial ORDERVIEW_TEMPLATE at page's marker ORDER;
 * returns the partial's dictionary in *out when out is not NULL. */
int orderview_include(tmpl_dict *page, struct arena *a, long long order_id, long long vendor_id,
		      unsigned flags, const struct orderview_links *links, tmpl_dict **out);
/* Sets key in d to the amount as the shop writes it (money_format). */
void orderview_money(tmpl_dict *d, const char *key, long long minor);
/* A new ITEM section of d, as the order's pages and mails show a line, from
 * the current row of r whose first columns are order_items' name, sku,
 * quantity, unit_price_minor and line_minor: ITEM_NAME, ITEM_SKU (in
 * section HAS_SKU, when there is one), ITEM_QTY, ITEM_PRICE, ITEM_LINE. */
struct db_result;
tmpl_dict *orderview_item(tmpl_dict *d, struct db_result *r);
/* 1 when a vendor order in this status has been paid (its invoice can be
 * issued): processing, shipped, delivered, refunded. */
int orderview_paid_status(const char *vo_status);

#endif

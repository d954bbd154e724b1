/*
 * invoice: the invoice of a vendor order, the vendor's own (the vendor is
 * the seller; the marketplace sold on its behalf). Issued the first time it
 * is asked for once the vendor order is paid: numbered in the vendor's
 * unbroken sequence and with the vendor's legal details copied as they are
 * then (schema/0018_fulfilment.sql), so a later change of the business
 * profile does not change an invoice already issued. The items, amounts
 * and tax come from the order's snapshot rows.
 *
 * Shown two ways from the same values: a printable page (the partial
 * templates/layout/_invoice.tpl, which invoice_fill fills) and a PDF made
 * with cairo and pango (invoice_pdf), A4, text only, fonts from fontconfig.
 */
#ifndef BAZAAR_INVOICE_H
#define BAZAAR_INVOICE_H
#include "arena.h"
#include "buf.h"
#include "tmpl.h"

#define INVOICE_TEMPLATE "layout/_invoice.tpl"

struct invoice {
	long long vendor_order_id;
	long long order_id;
	long long vendor_id;
	char number[32];	/* "INV-<vendor id>-<seq, 6 digits>" */
};

/*
 * The invoice of vendor order vendor_order_id of order order_id (and, when
 * vendor_id > 0, of that vendor), issued now if it has none yet. Returns 0
 * with inv filled; 404 when there is no such vendor order (or not of that
 * order or vendor); 409 when it is not paid (awaiting payment, or cancelled
 * before it shipped: no invoice); 500.
 */
int invoice_get(long long order_id, long long vendor_order_id, long long vendor_id, struct invoice *inv);

/*
 * Fills d with the invoice: NUMBER, ISSUED_AT, ORDER_NUMBER (the vendor
 * order's), ORDER_DATE, SELLER_NAME, SELLER_ADDRESS (section
 * SELLER_ADDRESS_LINE {LINE} per line), SELLER_REGISTRATION, SELLER_TAX_ID,
 * SHOP, BUYER_NAME, BUYER_EMAIL, section BUYER_LINE {LINE}, section ITEM
 * {NAME, SKU, QTY, UNIT, RATE, AMOUNT}, SHIPPING, DISCOUNT (section
 * HAS_DISCOUNT), TOTAL, TAX_TOTAL, section TAX {RATE, NET, TAX, GROSS},
 * REFUNDED (section HAS_REFUNDED), SITE_NAME. Returns 0 or 500.
 */
int invoice_fill(tmpl_dict *d, struct arena *a, const struct invoice *inv);

/* The invoice as a PDF document appended to out. Returns 0 or 500. */
int invoice_pdf(struct arena *a, const struct invoice *inv, struct buf *out);

#endif

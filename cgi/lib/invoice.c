/*
 * invoice: issuing an invoice and drawing it (see invoice.h).
 *
 * Issuing locks the vendor's row, so the vendor's invoices are numbered one
 * at a time: the next number is read with a locking read (the newest
 * committed rows, not the transaction's snapshot), and a second request for
 * the same vendor order finds the row the first one wrote.
 */
#include "invoice.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "cfg.h"
#include "clock.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "orderview.h"

#define INVOICE_MAX_LINES 500	/* items drawn; an order has far fewer */
#define INVOICE_MAX_RATES 16

static const char inv_vo_sql[] =
	"SELECT vo.status, vo.vendor_id, vo.order_id FROM vendor_orders vo"
	" WHERE vo.id = ? AND vo.order_id = ? AND (? = 0 OR vo.vendor_id = ?)";
static const char inv_find_sql[] =
	"SELECT number FROM invoices WHERE vendor_order_id = ?";
static const char inv_find_locked_sql[] =
	"SELECT number FROM invoices WHERE vendor_order_id = ? FOR UPDATE";
static const char inv_vendor_lock_sql[] =
	"SELECT legal_name, registration_number, tax_id, address_enc FROM vendors WHERE id = ? FOR UPDATE";
static const char inv_next_sql[] =
	"SELECT COALESCE(MAX(seq), 0) + 1 FROM invoices WHERE vendor_id = ? FOR UPDATE";
static const char inv_insert_sql[] =
	"INSERT INTO invoices (vendor_order_id, vendor_id, seq, number, legal_name, registration_number, tax_id,"
	" issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char inv_seal_sql[] =
	"UPDATE invoices SET address_enc = ? WHERE vendor_order_id = ?";

static const char inv_load_sql[] =
	"SELECT i.number, DATE_FORMAT(i.issued_at, '%Y-%m-%d'), vo.number, DATE_FORMAT(o.placed_at, '%Y-%m-%d'),"
	" i.legal_name, i.registration_number, i.tax_id, i.address_enc, v.trading_name, o.ship_name, o.email,"
	" o.ship_address_enc, vo.shipping_minor, vo.discount_minor, vo.total_minor, vo.tax_minor, vo.refunded_minor,"
	" o.id FROM invoices i JOIN vendor_orders vo ON vo.id = i.vendor_order_id JOIN orders o ON o.id = vo.order_id"
	" JOIN vendors v ON v.id = vo.vendor_id WHERE i.vendor_order_id = ?";
enum { IL_NUMBER, IL_ISSUED, IL_VO_NUMBER, IL_PLACED, IL_LEGAL, IL_REG, IL_TAXID, IL_ADDRESS, IL_SHOP, IL_SHIP_NAME,
       IL_EMAIL, IL_SHIP_ADDRESS, IL_SHIPPING, IL_DISCOUNT, IL_TOTAL, IL_TAX, IL_REFUNDED, IL_ORDER };
static const char inv_items_sql[] =
	"SELECT name, sku, quantity, unit_price_minor, line_minor - discount_minor, tax_bp, tax_minor"
	" FROM order_items WHERE vendor_order_id = ? ORDER BY id";

/* ---- issuing ------------------------------------------------------------------- */

struct inv_issue {
	struct invoice *inv;
};

static int
inv_issue_tx(void *arg)
{
	struct invoice *inv = ((struct inv_issue *)arg)->inv;
	struct db_result *r = NULL;
	struct arena a;
	const char *address;
	char issued[24];
	long long seq;
	int rc = -1;

	arena_init(&a);
	if ((r = db_query(inv_vendor_lock_sql, "i", inv->vendor_id)) == NULL || !db_next(r))
		goto out;
	address = crypt_open_column(&a, "vendors", "address_enc", inv->vendor_id, r, 3, "");
	{
		long long found;
		struct db_result *f = db_query(inv_find_locked_sql, "i", inv->vendor_order_id);

		if (f == NULL)
			goto out;
		found = db_next(f);
		if (found)
			snprintf(inv->number, sizeof inv->number, "%s", db_str(f, 0));
		db_free(f);
		if (found) {
			rc = 0;		/* issued by another request a moment ago */
			goto out;
		}
	}
	if ((seq = db_scalar(-1, inv_next_sql, "i", inv->vendor_id)) <= 0)
		goto out;
	snprintf(inv->number, sizeof inv->number, "INV-%lld-%06lld", inv->vendor_id, seq);
	clock_datetime(clock_now(), issued, sizeof issued);
	if (db_exec(inv_insert_sql, "iiisssss", inv->vendor_order_id, inv->vendor_id, seq, inv->number,
		    db_str(r, 0), db_str(r, 1), db_str(r, 2), issued) != 1)
		goto out;
	if (*address && crypt_seal_store(inv_seal_sql, "invoices", "address_enc", inv->vendor_order_id, address) != 0)
		goto out;
	log_info("invoice.issued", "vendor_order=%lld number=%s", inv->vendor_order_id, inv->number);
	rc = 0;
out:
	db_free(r);
	arena_free(&a);
	return rc;
}

int
invoice_get(long long order_id, long long vendor_order_id, long long vendor_id, struct invoice *inv)
{
	struct inv_issue is = { inv };
	struct db_result *r;
	int paid;

	memset(inv, 0, sizeof *inv);
	if (order_id <= 0 || vendor_order_id <= 0 || vendor_id < 0)
		return 404;
	if ((r = db_query(inv_vo_sql, "iiii", vendor_order_id, order_id, vendor_id, vendor_id)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	paid = orderview_paid_status(db_str(r, 0));
	inv->vendor_order_id = vendor_order_id;
	inv->vendor_id = db_int(r, 1);
	inv->order_id = db_int(r, 2);
	db_free(r);
	if ((r = db_query(inv_find_sql, "i", vendor_order_id)) == NULL)
		return 500;
	if (db_next(r)) {
		snprintf(inv->number, sizeof inv->number, "%s", db_str(r, 0));
		db_free(r);
		return 0;	/* issued before: shown even after a refund */
	}
	db_free(r);
	if (!paid)
		return 409;
	return db_tx(inv_issue_tx, &is) == 0 ? 0 : 500;
}

/* ---- what an invoice shows --------------------------------------------------------- */

struct inv_line {
	const char *name, *sku;
	long long qty, unit, amount, rate_bp;
};

struct inv_rate {
	long long bp;		/* -1: shipping (its tax, the rest of the vendor order's) */
	long long gross, tax;
};

struct inv_data {
	const char *number, *issued, *vo_number, *placed, *seller, *registration, *tax_id, *shop;
	const char *buyer, *email, *site;
	const char *seller_lines[8];
	size_t nseller;
	const char *buyer_lines[8];
	size_t nbuyer;
	struct inv_line lines[INVOICE_MAX_LINES];
	size_t nlines;
	struct inv_rate rates[INVOICE_MAX_RATES];
	size_t nrates;
	long long shipping, discount, total, tax, refunded;
};

/* Splits text into its lines (at most max), in the arena. */
static size_t
inv_lines(struct arena *a, const char *text, const char **out, size_t max)
{
	size_t n = 0;

	while (text && *text && n < max) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		if (len > 0)
			out[n++] = arena_strndup(a, text, len);
		text = nl ? nl + 1 : text + len;
	}
	return n;
}

static void
inv_rate_add(struct inv_data *v, long long bp, long long gross, long long tax)
{
	size_t i;

	for (i = 0; i < v->nrates; i++)
		if (v->rates[i].bp == bp)
			break;
	if (i == v->nrates) {
		if (v->nrates == INVOICE_MAX_RATES)
			return;
		v->rates[v->nrates++] = (struct inv_rate){ bp, 0, 0 };
	}
	v->rates[i].gross += gross;
	v->rates[i].tax += tax;
}

static int
inv_load(struct arena *a, const struct invoice *inv, struct inv_data *v)
{
	struct db_result *r;
	long long items_tax = 0;
	struct address ad;

	memset(v, 0, sizeof *v);
	if ((r = db_query(inv_load_sql, "i", inv->vendor_order_id)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 500;
	}
#define S(col) arena_strdup(a, db_str(r, (col)) ? db_str(r, (col)) : "")
	v->number = S(IL_NUMBER);
	v->issued = S(IL_ISSUED);
	v->vo_number = S(IL_VO_NUMBER);
	v->placed = S(IL_PLACED);
	v->seller = S(IL_LEGAL);
	v->registration = S(IL_REG);
	v->tax_id = S(IL_TAXID);
	v->shop = S(IL_SHOP);
	v->buyer = S(IL_SHIP_NAME);
	v->email = S(IL_EMAIL);
#undef S
	v->nseller = inv_lines(a, crypt_open_column(a, "invoices", "address_enc", inv->vendor_order_id, r, IL_ADDRESS, ""),
			       v->seller_lines, 8);
	address_open(a, "orders", "ship_address_enc", db_int(r, IL_ORDER), r, IL_SHIP_ADDRESS, &ad);
	if (*ad.name)
		v->buyer = ad.name;
	if (*ad.line1)
		v->buyer_lines[v->nbuyer++] = ad.line1;
	if (*ad.line2)
		v->buyer_lines[v->nbuyer++] = ad.line2;
	if (*ad.city)
		v->buyer_lines[v->nbuyer++] = arena_printf(a, "%s %s", ad.postcode, ad.city);
	if (*ad.country)
		v->buyer_lines[v->nbuyer++] = ad.country;
	v->shipping = db_int(r, IL_SHIPPING);
	v->discount = db_int(r, IL_DISCOUNT);
	v->total = db_int(r, IL_TOTAL);
	v->tax = db_int(r, IL_TAX);
	v->refunded = db_int(r, IL_REFUNDED);
	db_free(r);
	v->site = cfg_str("BAZAAR_SITE_NAME", "Bazaar");

	if ((r = db_query(inv_items_sql, "i", inv->vendor_order_id)) == NULL)
		return 500;
	while (db_next(r) && v->nlines < INVOICE_MAX_LINES) {
		struct inv_line *l = &v->lines[v->nlines++];

		l->name = arena_strdup(a, db_str(r, 0));
		l->sku = arena_strdup(a, db_str(r, 1) ? db_str(r, 1) : "");
		l->qty = db_int(r, 2);
		l->unit = db_int(r, 3);
		l->amount = db_int(r, 4);
		l->rate_bp = db_int(r, 5);
		inv_rate_add(v, l->rate_bp, l->amount, db_int(r, 6));
		items_tax += db_int(r, 6);
	}
	db_free(r);
	/* The vendor order's tax beyond its items' is the shipping's. */
	if (v->shipping > 0)
		inv_rate_add(v, -1, v->shipping, v->tax > items_tax ? v->tax - items_tax : 0);
	return 0;
}

static const char *
inv_money(struct arena *a, long long minor)
{
	char text[64];

	return arena_strdup(a, money_format(minor, text, sizeof text));
}

static const char *
inv_rate_text(struct arena *a, long long bp)
{
	if (bp < 0)
		return "Shipping";
	return arena_printf(a, "%lld.%02lld %%", bp / 100, bp % 100);
}

int
invoice_fill(tmpl_dict *d, struct arena *a, const struct invoice *inv)
{
	struct inv_data *v = arena_alloc(a, sizeof *v);
	size_t i;

	if (v == NULL || inv_load(a, inv, v) != 0)
		return 500;
	tmpl_set(d, "NUMBER", v->number);
	tmpl_set(d, "ISSUED_AT", v->issued);
	tmpl_set(d, "ORDER_NUMBER", v->vo_number);
	tmpl_set(d, "ORDER_DATE", v->placed);
	tmpl_set(d, "SELLER_NAME", v->seller);
	for (i = 0; i < v->nseller; i++)
		tmpl_set(tmpl_section(d, "SELLER_ADDRESS_LINE"), "LINE", v->seller_lines[i]);
	tmpl_set(d, "SELLER_REGISTRATION", v->registration);
	tmpl_set(d, "SELLER_TAX_ID", v->tax_id);
	tmpl_set(d, "SHOP", v->shop);
	tmpl_set(d, "BUYER_NAME", v->buyer);
	tmpl_set(d, "BUYER_EMAIL", v->email);
	for (i = 0; i < v->nbuyer; i++)
		tmpl_set(tmpl_section(d, "BUYER_LINE"), "LINE", v->buyer_lines[i]);
	for (i = 0; i < v->nlines; i++) {
		tmpl_dict *it = tmpl_section(d, "ITEM");

		tmpl_set(it, "NAME", v->lines[i].name);
		if (*v->lines[i].sku)
			tmpl_set(tmpl_section(it, "HAS_SKU"), "SKU", v->lines[i].sku);
		tmpl_set_int(it, "QTY", v->lines[i].qty);
		tmpl_set(it, "UNIT", inv_money(a, v->lines[i].unit));
		tmpl_set(it, "RATE", inv_rate_text(a, v->lines[i].rate_bp));
		tmpl_set(it, "AMOUNT", inv_money(a, v->lines[i].amount));
	}
	tmpl_set(d, "SHIPPING", inv_money(a, v->shipping));
	if (v->discount > 0)
		tmpl_set(tmpl_section(d, "HAS_DISCOUNT"), "DISCOUNT", inv_money(a, v->discount));
	tmpl_set(d, "TOTAL", inv_money(a, v->total));
	tmpl_set(d, "TAX_TOTAL", inv_money(a, v->tax));
	for (i = 0; i < v->nrates; i++) {
		tmpl_dict *t = tmpl_section(d, "TAX");

		tmpl_set(t, "RATE", inv_rate_text(a, v->rates[i].bp));
		tmpl_set(t, "NET", inv_money(a, v->rates[i].gross - v->rates[i].tax));
		tmpl_set(t, "TAX_AMOUNT", inv_money(a, v->rates[i].tax));
		tmpl_set(t, "GROSS", inv_money(a, v->rates[i].gross));
	}
	if (v->refunded > 0)
		tmpl_set(tmpl_section(d, "HAS_REFUNDED"), "REFUNDED", inv_money(a, v->refunded));
	tmpl_set(d, "SITE", v->site);
	return 0;
}

/* ---- the PDF ---------------------------------------------------------------------- */

#define PDF_W 595.0	/* A4 in points */
#define PDF_H 842.0
#define PDF_MARGIN 50.0

struct inv_pdf {
	cairo_t *cr;
	cairo_surface_t *surface;
	double y;
};

static cairo_status_t
inv_pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws text (plain: never read as markup) at x, the current line, in a
 * box width wide (right-aligned when right); returns its height. */
static double
inv_pdf_text(struct inv_pdf *p, double x, double width, const char *text, double size, int bold, int right)
{
	PangoLayout *layout = pango_cairo_create_layout(p->cr);
	PangoFontDescription *font = pango_font_description_new();
	int w, h;

	pango_font_description_set_family(font, "DejaVu Sans,Sans");
	pango_font_description_set_size(font, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(layout, text, -1);
	cairo_move_to(p->cr, x, p->y);
	pango_cairo_show_layout(p->cr, layout);
	pango_layout_get_size(layout, &w, &h);
	pango_font_description_free(font);
	g_object_unref(layout);
	return (double)h / PANGO_SCALE;
}

/* Starts a new page when fewer than need points are left. */
static void
inv_pdf_room(struct inv_pdf *p, double need)
{
	if (p->y + need > PDF_H - PDF_MARGIN) {
		cairo_show_page(p->cr);
		p->y = PDF_MARGIN;
	}
}

static void
inv_pdf_rule(struct inv_pdf *p)
{
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, PDF_MARGIN, p->y);
	cairo_line_to(p->cr, PDF_W - PDF_MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 4;
}

/* A row of the items or tax table: columns at fixed places. */
static void
inv_pdf_row(struct inv_pdf *p, const char *const cells[5], int bold)
{
	static const double x[5] = { PDF_MARGIN, 300, 340, 420, 470 };
	static const double w[5] = { 240, 35, 75, 45, 75 };
	double h = 0, t;
	size_t i;

	inv_pdf_room(p, 30);
	for (i = 0; i < 5; i++) {
		if (cells[i] == NULL)
			continue;
		t = inv_pdf_text(p, x[i], w[i], cells[i], 9, bold, i > 0);
		if (t > h)
			h = t;
	}
	p->y += h + 3;
}

int
invoice_pdf(struct arena *a, const struct invoice *inv, struct buf *out)
{
	struct inv_data *v = arena_alloc(a, sizeof *v);
	struct inv_pdf p = { NULL, NULL, PDF_MARGIN };
	double left_y, h;
	size_t i;
	int rc = 500;

	if (v == NULL || inv_load(a, inv, v) != 0)
		return 500;
	p.surface = cairo_pdf_surface_create_for_stream(inv_pdf_write, out, PDF_W, PDF_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, arena_printf(a, "Invoice %s", v->number));
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, v->site);
	p.cr = cairo_create(p.surface);
	cairo_set_source_rgb(p.cr, 0, 0, 0);

	p.y += inv_pdf_text(&p, PDF_MARGIN, 300, arena_printf(a, "Invoice %s", v->number), 18, 1, 0) + 6;
	h = inv_pdf_text(&p, PDF_MARGIN, 250, arena_printf(a, "Date: %s\nOrder: %s of %s", v->issued, v->vo_number,
							    v->placed), 9, 0, 0);
	p.y += h + 14;

	/* Seller on the left, buyer on the right. */
	left_y = p.y;
	p.y += inv_pdf_text(&p, PDF_MARGIN, 240, "Seller", 9, 1, 0) + 2;
	p.y += inv_pdf_text(&p, PDF_MARGIN, 240, v->seller, 10, 1, 0);
	for (i = 0; i < v->nseller; i++)
		p.y += inv_pdf_text(&p, PDF_MARGIN, 240, v->seller_lines[i], 9, 0, 0);
	if (*v->registration)
		p.y += inv_pdf_text(&p, PDF_MARGIN, 240, arena_printf(a, "Registration number: %s", v->registration), 9, 0, 0);
	if (*v->tax_id)
		p.y += inv_pdf_text(&p, PDF_MARGIN, 240, arena_printf(a, "Tax id: %s", v->tax_id), 9, 0, 0);
	p.y += inv_pdf_text(&p, PDF_MARGIN, 240, arena_printf(a, "Shop: %s, sold through %s", v->shop, v->site), 9, 0, 0);
	h = p.y;
	p.y = left_y;
	p.y += inv_pdf_text(&p, 320, 225, "Buyer", 9, 1, 0) + 2;
	p.y += inv_pdf_text(&p, 320, 225, v->buyer, 10, 1, 0);
	for (i = 0; i < v->nbuyer; i++)
		p.y += inv_pdf_text(&p, 320, 225, v->buyer_lines[i], 9, 0, 0);
	p.y += inv_pdf_text(&p, 320, 225, v->email, 9, 0, 0);
	if (h > p.y)
		p.y = h;
	p.y += 18;

	{
		const char *head[5] = { "Item", "Qty", "Unit price", "Tax", "Amount" };

		inv_pdf_row(&p, head, 1);
		inv_pdf_rule(&p);
	}
	for (i = 0; i < v->nlines; i++) {
		const char *cells[5] = {
			*v->lines[i].sku ? arena_printf(a, "%s (%s)", v->lines[i].name, v->lines[i].sku) : v->lines[i].name,
			arena_printf(a, "%lld", v->lines[i].qty), inv_money(a, v->lines[i].unit),
			inv_rate_text(a, v->lines[i].rate_bp), inv_money(a, v->lines[i].amount),
		};

		inv_pdf_row(&p, cells, 0);
	}
	inv_pdf_rule(&p);
	{
		const char *ship[5] = { "Shipping", NULL, NULL, NULL, inv_money(a, v->shipping) };
		const char *disc[5] = { "Discount", NULL, NULL, NULL, arena_printf(a, "-%s", inv_money(a, v->discount)) };
		const char *total[5] = { "Total (tax included)", NULL, NULL, NULL, inv_money(a, v->total) };

		inv_pdf_row(&p, ship, 0);
		if (v->discount > 0)
			inv_pdf_row(&p, disc, 0);
		inv_pdf_row(&p, total, 1);
	}
	p.y += 14;
	{
		const char *head[5] = { "Tax breakdown", NULL, "Net", "Tax", "Gross" };

		inv_pdf_room(&p, 60);
		inv_pdf_row(&p, head, 1);
		inv_pdf_rule(&p);
	}
	for (i = 0; i < v->nrates; i++) {
		const char *cells[5] = {
			inv_rate_text(a, v->rates[i].bp), NULL, inv_money(a, v->rates[i].gross - v->rates[i].tax),
			inv_money(a, v->rates[i].tax), inv_money(a, v->rates[i].gross),
		};

		inv_pdf_row(&p, cells, 0);
	}
	{
		const char *sum[5] = { "Total tax", NULL, NULL, inv_money(a, v->tax), NULL };

		inv_pdf_row(&p, sum, 1);
	}
	if (v->refunded > 0) {
		p.y += 10;
		inv_pdf_room(&p, 20);
		p.y += inv_pdf_text(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN,
				    arena_printf(a, "Refunded since: %s", inv_money(a, v->refunded)), 9, 0, 0);
	}
	cairo_show_page(p.cr);
	cairo_surface_finish(p.surface);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS || cairo_status(p.cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		log_error("invoice.pdf", "vendor_order=%lld", inv->vendor_order_id);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	if (p.surface != NULL)
		cairo_surface_destroy(p.surface);
	return rc;
}

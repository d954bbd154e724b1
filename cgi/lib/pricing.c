/*
 * pricing: what an order costs (see pricing.h for the rules).
 */
#include "pricing.h"
#include "db.h"
#include "log.h"
#include "money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pricing_tax_part(long long gross, long long bp, long long *tax)
{
	__int128 num, den, q, r;
	int neg = gross < 0;

	if (bp < 0 || bp > 1000000)
		return -1;
	num = (__int128)(neg ? -(__int128)gross : (__int128)gross) * bp;
	den = 10000 + (__int128)bp;
	q = num / den;
	r = num % den;
	if (2 * r >= den)
		q++;
	*tax = (long long)(neg ? -q : q);
	return 0;
}

long long
pricing_shipping(const struct shipping_terms *t, long long items_minor)
{
	if (t->free_above_minor != SHIPPING_NEVER_FREE && items_minor >= t->free_above_minor)
		return 0;
	return t->flat_rate_minor;
}

int
pricing_vendor_return_days(long long vendor_id)
{
	return shipping_return_days(vendor_id);
}

long long
pricing_category_tax(long long category_id)
{
	long long id = category_id;

	/* Its own rate, else its top category's (products carry their top
	 * category; a category finds it by going up). */
	for (int depth = 0; depth < 16; depth++) {
		struct db_result *r = db_query("SELECT tax_bp, parent_id FROM categories WHERE id = ?", "i", id);
		long long parent, bp;

		if (r == NULL)
			return -1;
		if (!db_next(r)) {
			db_free(r);
			return -1;
		}
		bp = db_null(r, 0) ? -1 : db_int(r, 0);
		parent = db_null(r, 1) ? 0 : db_int(r, 1);
		db_free(r);
		if (bp >= 0 && (id == category_id || parent == 0))
			return bp;
		if (parent == 0)
			return 0;
		id = parent;
	}
	return -1;
}

int
pricing_set_category_tax(long long category_id, long long bp)
{
	long long rows;

	if (bp < -1 || bp > 10000)
		return 1;
	if (db_scalar(0, "SELECT COUNT(*) FROM categories WHERE id = ?", "i", category_id) != 1)
		return db_errno() ? -1 : 1;
	rows = db_exec("UPDATE categories SET tax_bp = NULLIF(?, -1) WHERE id = ?", "ii", bp, category_id);
	return rows < 0 ? -1 : 0;
}

/* Which quote.vendors entry is vendor_id's, adding it (its terms loaded)
 * when it is new; (size_t)-1 on a database error. */
static size_t
pricing_vendor(struct quote *q, long long vendor_id, const char *name)
{
	struct quote_vendor *v;

	for (size_t i = 0; i < q->nvendors; i++)
		if (q->vendors[i].vendor_id == vendor_id)
			return i;
	v = &q->vendors[q->nvendors];
	memset(v, 0, sizeof *v);
	v->vendor_id = vendor_id;
	snprintf(v->name, sizeof v->name, "%s", name ? name : "");
	if (shipping_load(vendor_id, &v->terms) != 0)
		return (size_t)-1;
	v->ships = shipping_ships_to(&v->terms, q->country);
	v->delivery_min_days = v->terms.handling_days + v->terms.transit_min_days;
	v->delivery_max_days = v->terms.handling_days + v->terms.transit_max_days;
	return q->nvendors++;
}

int
pricing_quote(const struct pricing_item *items, size_t n, const char *country, struct quote *q)
{
	struct quote_line *tmp = NULL;
	size_t at = 0;
	int rc = -1;

	memset(q, 0, sizeof *q);
	if (n == 0 || n > PRICING_ITEMS_MAX || country == NULL || strlen(country) != 2
	    || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' || country[1] > 'Z')
		return 1;
	for (size_t i = 0; i < n; i++) {
		if (items[i].product_id <= 0 || items[i].quantity < 1 || items[i].quantity > PRICING_QTY_MAX)
			return 1;
		for (size_t j = 0; j < i; j++)
			if (items[j].product_id == items[i].product_id)
				return 1;
	}
	memcpy(q->country, country, 3);
	tmp = calloc(n, sizeof *tmp);
	q->lines = calloc(n, sizeof *q->lines);
	q->vendors = calloc(n, sizeof *q->vendors);
	if (tmp == NULL || q->lines == NULL || q->vendors == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct quote_line *l = &tmp[i];
		struct db_result *r;
		int sellable;

		r = db_query("SELECT p.vendor_id, p.category_id, p.top_category_id, p.name, COALESCE(p.sku, ''),"
			     " p.price_minor, p.stock, p.status = 'active' AND v.status = 'verified',"
			     " COALESCE(c.tax_bp, t.tax_bp, 0), v.trading_name"
			     " FROM products p JOIN vendors v ON v.id = p.vendor_id"
			     " JOIN categories c ON c.id = p.category_id JOIN categories t ON t.id = p.top_category_id"
			     " WHERE p.id = ?", "i", items[i].product_id);
		if (r == NULL)
			goto out;
		if (!db_next(r)) {
			db_free(r);
			rc = 1;
			goto out;
		}
		l->product_id = items[i].product_id;
		l->vendor_id = db_int(r, 0);
		l->category_id = db_int(r, 1);
		l->top_category_id = db_int(r, 2);
		snprintf(l->name, sizeof l->name, "%s", db_str(r, 3));
		snprintf(l->sku, sizeof l->sku, "%s", db_str(r, 4));
		l->unit_price_minor = db_int(r, 5);
		l->stock = db_int(r, 6);
		sellable = db_int(r, 7) != 0;
		l->tax_bp = db_int(r, 8);
		l->quantity = items[i].quantity;
		l->state = !sellable ? PRICING_LINE_UNAVAILABLE
			: l->stock < l->quantity ? PRICING_LINE_SHORT : PRICING_LINE_OK;
		l->vendor = pricing_vendor(q, l->vendor_id, db_str(r, 9));
		db_free(r);
		if (l->vendor == (size_t)-1)
			goto out;
		/* Unit prices are at most 12 digits and quantities 3: no overflow. */
		l->line_minor = l->unit_price_minor * l->quantity;
	}
	/* Group the lines by shop, keeping their order within each. */
	for (size_t v = 0; v < q->nvendors; v++) {
		q->vendors[v].first_line = at;
		for (size_t i = 0; i < n; i++)
			if (tmp[i].vendor == v)
				q->lines[at++] = tmp[i];
		q->vendors[v].nlines = at - q->vendors[v].first_line;
	}
	q->nlines = at;
	for (size_t v = 0; v < q->nvendors; v++) {
		struct quote_vendor *qv = &q->vendors[v];

		qv->items_minor = 0;
		for (size_t i = qv->first_line; i < qv->first_line + qv->nlines; i++)
			qv->items_minor += q->lines[i].line_minor;
		qv->shipping_minor = pricing_shipping(&qv->terms, qv->items_minor);
	}
	rc = pricing_finish(q);
out:
	free(tmp);
	if (rc != 0)
		pricing_free(q);
	return rc;
}

int
pricing_finish(struct quote *q)
{
	long long *tax;
	int rc = -1;

	if (q->nlines == 0)
		return -1;
	tax = calloc(q->nlines, sizeof *tax);
	if (tax == NULL)
		return -1;
	for (size_t i = 0; i < q->nlines; i++) {
		const struct quote_line *l = &q->lines[i];

		if (l->discount_minor < 0 || l->discount_minor > l->line_minor
		    || pricing_tax_part(l->line_minor - l->discount_minor, l->tax_bp, &tax[i]) != 0)
			goto out;
	}
	for (size_t v = 0; v < q->nvendors; v++) {
		const struct quote_vendor *qv = &q->vendors[v];
		long long discount = 0;

		for (size_t i = qv->first_line; i < qv->first_line + qv->nlines; i++)
			discount += q->lines[i].discount_minor;
		if (qv->vendor_discount_minor < 0 || qv->vendor_discount_minor > discount)
			goto out;
	}
	q->items_minor = q->shipping_minor = q->discount_minor = q->tax_minor = q->total_minor = 0;
	q->methods = SHIPPING_METHODS_ALL;
	for (size_t v = 0; v < q->nvendors; v++) {
		struct quote_vendor *qv = &q->vendors[v];

		qv->items_minor = qv->discount_minor = qv->tax_minor = 0;
		for (size_t i = qv->first_line; i < qv->first_line + qv->nlines; i++) {
			q->lines[i].tax_minor = tax[i];
			qv->items_minor += q->lines[i].line_minor;
			qv->discount_minor += q->lines[i].discount_minor;
			qv->tax_minor += tax[i];
		}
		qv->total_minor = qv->items_minor + qv->shipping_minor - qv->discount_minor;
		q->items_minor += qv->items_minor;
		q->shipping_minor += qv->shipping_minor;
		q->discount_minor += qv->discount_minor;
		q->tax_minor += qv->tax_minor;
		q->total_minor += qv->total_minor;
		q->methods &= qv->terms.methods;
	}
	rc = 0;
out:
	free(tax);
	return rc;
}

void
pricing_free(struct quote *q)
{
	free(q->lines);
	free(q->vendors);
	q->lines = NULL;
	q->vendors = NULL;
	q->nlines = q->nvendors = 0;
}

int
pricing_orderable(const struct quote *q)
{
	if (q->nlines == 0 || q->methods == 0)
		return 0;
	for (size_t i = 0; i < q->nlines; i++)
		if (q->lines[i].state != PRICING_LINE_OK)
			return 0;
	for (size_t v = 0; v < q->nvendors; v++)
		if (!q->vendors[v].ships)
			return 0;
	return 1;
}

/* Appends to buf (always terminated). */
static void
pricing_cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

const char *
pricing_method_refusal(const struct quote *q, unsigned method, char *buf, size_t size)
{
	size_t refusing = 0, seen = 0;

	if (size == 0)
		return NULL;
	for (size_t v = 0; v < q->nvendors; v++)
		if (!(q->vendors[v].terms.methods & method))
			refusing++;
	if (refusing == 0)
		return NULL;
	buf[0] = '\0';
	pricing_cat(buf, size, "Not accepted by ");
	for (size_t v = 0; v < q->nvendors; v++) {
		if (q->vendors[v].terms.methods & method)
			continue;
		seen++;
		pricing_cat(buf, size, "%s%s", seen == 1 ? "" : seen == refusing ? " and " : ", ",
			    q->vendors[v].name);
	}
	pricing_cat(buf, size, ".");
	return buf;
}

const char *
pricing_problem(const struct quote *q, char *buf, size_t size)
{
	if (size == 0)
		return NULL;
	buf[0] = '\0';
	for (size_t i = 0; i < q->nlines; i++) {
		const struct quote_line *l = &q->lines[i];

		if (l->state == PRICING_LINE_UNAVAILABLE) {
			pricing_cat(buf, size, "“%s” is no longer for sale.", l->name);
			return buf;
		}
		if (l->state == PRICING_LINE_SHORT) {
			if (l->stock <= 0)
				pricing_cat(buf, size, "“%s” is sold out.", l->name);
			else
				pricing_cat(buf, size, "Only %lld of “%s” %s left.", l->stock, l->name,
					    l->stock == 1 ? "is" : "are");
			return buf;
		}
	}
	for (size_t v = 0; v < q->nvendors; v++)
		if (!q->vendors[v].ships) {
			const char *country = shipping_country_name(q->country);

			pricing_cat(buf, size, "%s does not deliver to %s.", q->vendors[v].name,
				    country ? country : q->country);
			return buf;
		}
	if (q->nlines > 0 && q->methods == 0) {
		pricing_cat(buf, size, "The shops in your order accept no payment method in common:");
		for (int m = 0; m < SHIPPING_NMETHODS; m++) {
			char why[600];

			if (pricing_method_refusal(q, shipping_method_at(m), why, sizeof why))
				pricing_cat(buf, size, " %s: %s", shipping_method_label(shipping_method_at(m)), why);
		}
		return buf;
	}
	return NULL;
}

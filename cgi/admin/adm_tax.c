/*
 * adm_tax: the tax rate of each category. Prices include tax; the rate of
 * a product's category says how much of its price is tax on the order and
 * the invoice (cgi/lib/pricing.h). A sub-category without a rate of its own
 * has its top category's. A change applies to orders placed after it;
 * orders keep the rate they were placed with.
 */
#include "adm.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "pricing.h"
#include "route.h"

#define ADM_TAX_MAX_CATEGORIES	2000

struct adm_tax_category {
	long long id, parent, bp;	/* bp -1: none of its own */
	const char *name;
	int depth;
};

/* "19%", "7.5%", "0%" for a rate in basis points (arena memory). */
static const char *
adm_tax_rate_text(struct arena *a, long long bp)
{
	if (bp % 100 == 0)
		return arena_printf(a, "%lld%%", bp / 100);
	if (bp % 10 == 0)
		return arena_printf(a, "%lld.%lld%%", bp / 100, bp / 10 % 10);
	return arena_printf(a, "%lld.%02lld%%", bp / 100, bp % 100);
}

/* The rate written in the form: "19", "7.5"; "" for none. */
static const char *
adm_tax_rate_field(struct arena *a, long long bp)
{
	const char *t;

	if (bp < 0)
		return "";
	t = adm_tax_rate_text(a, bp);
	return arena_strndup(a, t, strlen(t) - 1);
}

/* Adds the rows of parent's children (and theirs), in the order loaded. */
static void
adm_tax_rows(tmpl_dict *d, struct arena *a, const struct adm_tax_category *c, size_t n, long long parent,
	     long long top_bp, int depth)
{
	for (size_t i = 0; i < n; i++) {
		tmpl_dict *row;
		long long in_force;

		if (c[i].parent != parent || depth > 8)
			continue;
		in_force = depth == 0 ? (c[i].bp < 0 ? 0 : c[i].bp) : (c[i].bp >= 0 ? c[i].bp : top_bp);
		row = tmpl_section(d, "CATEGORY");
		tmpl_set_int(row, "ID", c[i].id);
		tmpl_set(row, "NAME", c[i].name);
		tmpl_set_int(row, "DEPTH", depth);
		tmpl_set(row, "RATE", adm_tax_rate_field(a, c[i].bp));
		tmpl_set(row, "IN_FORCE", adm_tax_rate_text(a, in_force));
		tmpl_show(row, depth == 0 ? "TOP" : "SUB");
		if (depth > 0 && c[i].bp < 0)
			tmpl_show(row, "INHERITED");
		adm_tax_rows(d, a, c, n, c[i].id, depth == 0 ? in_force : top_bp, depth + 1);
	}
}

/*
 * ROUTE: GET /admin/tax      TEMPLATE: admin/tax_list.tpl
 * PARAMS: none
 * Every category in its tree with its own tax rate (empty: its top
 * category's) and the rate in force, each with a form that sets it.
 */
int
adm_tax_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct adm_tax_category *c;
	struct db_result *r;
	tmpl_dict *d;
	size_t n = 0;

	r = db_query("SELECT id, COALESCE(parent_id, 0), COALESCE(tax_bp, -1), name, depth FROM categories"
		     " ORDER BY depth, position, name, id LIMIT 2000", "");
	if (r == NULL)
		return 500;
	c = arena_alloc(a, (db_rows(r) + 1) * sizeof *c);
	while (db_next(r) && n < ADM_TAX_MAX_CATEGORIES) {
		c[n].id = db_int(r, 0);
		c[n].parent = db_int(r, 1);
		c[n].bp = db_int(r, 2);
		c[n].name = arena_strdup(a, db_str(r, 3));
		c[n].depth = (int)db_int(r, 4);
		n++;
	}
	db_free(r);
	d = adm_page(&v, rq, rs, "admin/tax_list.tpl", "Tax rates", ADM_SECTION_TAX);
	view_crumb(&v, "Tax rates", NULL);
	adm_tax_rows(d, a, c, n, 0, 0, 0);
	return view_end(&v, rs);
}

struct adm_tax_change {
	struct req *rq;
	long long id, bp;
	const char *name;
};

static int
adm_tax_set_tx(void *arg)
{
	struct adm_tax_change *s = arg;
	int rc = pricing_set_category_tax(s->id, s->bp);

	if (rc != 0)
		return rc;
	return audit_log(s->rq, "category.tax", "category", s->id,
			 s->bp < 0 ? "top category's rate" : adm_tax_rate_text(&s->rq->arena, s->bp)) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/tax/{id}      TEMPLATE: none (redirects to /admin/tax)
 * PARAMS: rate (percent 0..100 with up to two decimals; empty: the top
 *         category's rate again, 0 for a top category)
 * Sets the category's own tax rate, audited; orders placed from now on are
 * taxed at it.
 */
int
adm_tax_set(struct req *rq, struct resp *rs)
{
	struct adm_tax_change s = { rq, req_path_id(rq, "id"), -1, NULL };
	const char *rate = req_str(rq, "rate");
	int rc;

	if (rate && *rate)
		s.bp = atoll(rate);
	s.name = NULL;
	{
		struct db_result *r = db_query("SELECT name FROM categories WHERE id = ?", "i", s.id);

		if (r == NULL)
			return 500;
		if (db_next(r))
			s.name = arena_strdup(&rq->arena, db_str(r, 0));
		db_free(r);
	}
	if (s.name == NULL)
		return 404;
	rc = db_tx(adm_tax_set_tx, &s);
	if (rc == 1)
		return 404;
	if (rc != 0)
		return 500;
	log_info("adm.tax", "category=%lld bp=%lld", s.id, s.bp);
	resp_set_flash(rs, s.bp < 0 ? arena_printf(&rq->arena, "%s now has its top category's tax rate.", s.name)
		       : arena_printf(&rq->arena, "The tax rate of %s is now %s.", s.name,
				      adm_tax_rate_text(&rq->arena, s.bp)));
	return resp_redirect(rs, 303, "/admin/tax");
}

/*
 * adm_page: what the admin pages share: the page frame with the admin
 * navigation, list URLs and pagination.
 */
#include "adm.h"

#include <string.h>

#include "auth.h"
#include "buf.h"
#include "csrf.h"
#include "paging.h"
#include "sess.h"

int
adm_is_admin(const struct req *rq)
{
	return rq->sess != NULL && strcmp(rq->sess->role, "admin") == 0;
}

int
adm_is_staff(const struct req *rq)
{
	return rq->sess != NULL && auth_role_is_staff(rq->sess->role);
}

tmpl_dict *
adm_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template, const char *title,
	 enum adm_section section)
{
	tmpl_dict *d = view_begin(v, rq, rs, page_template, title);
	const char *csrf = csrf_token(rq, rs);

	tmpl_set(d, "CSRF", csrf);
	if (adm_is_staff(rq) && rq->sess->mfa) {
		tmpl_dict *nav = tmpl_include(d, "ADMIN_NAV", "admin/_nav.tpl");
		static const char *const keys[] = { NULL, "HOME", "VENDORS", "USERS", "AUDIT", "LISTINGS", "WORDS",
						    "PLANS", "PAYOUTS", "COMMISSION", "COUPONS", "ORDERS", "TAX", "REFUNDS",
						    "PAYMENTS", "TICKETS", "REPORTS", "SYNONYMS" };

		tmpl_set(nav, "CSRF", csrf);
		/* A support user's navigation has the support pages only. */
		if (adm_is_admin(rq))
			tmpl_show(nav, "IS_ADMIN");
		tmpl_set(nav, "NAME", rq->sess->name);
		tmpl_set(nav, "EMAIL", rq->sess->email);
		if (section != ADM_SECTION_NONE)
			tmpl_show(nav, arena_printf(&rq->arena, "CURRENT_%s", keys[section]));
		if (section != ADM_SECTION_HOME)
			view_crumb(v, "Admin", "/admin/");
	}
	return d;
}

void
adm_field_error(struct arena *a, tmpl_dict *section, const char *name, const char *message)
{
	if (message == NULL)
		return;
	tmpl_set(tmpl_section(section, arena_printf(a, "%s_ERROR", name)), "MESSAGE", message);
	tmpl_show(section, arena_printf(a, "%s_INVALID", name));
}

const char *
adm_status_label(const char *status)
{
	static const char *const labels[][2] = {
		/* users.status */
		{ "active", "Active" }, { "blocked", "Blocked" }, { "deleted", "Deleted" },
		/* vendors.status ("blocked" as above) */
		{ "pending", "Waiting for verification" }, { "verified", "Verified" }, { "rejected", "Rejected" },
	};
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(status, labels[i][0]) == 0)
			return labels[i][1];
	return status;
}

/* Page page of a list of total rows: ADM_PER_PAGE rows a page. */
static struct paging
adm_paging(long long page, long long total)
{
	struct paging p = { page, ADM_PER_PAGE, ADM_PAGE_MAX, total };

	return p;
}

long long
adm_offset(long long page)
{
	struct paging p = adm_paging(page, 0);

	return paging_offset(&p);
}

int
adm_past_end(long long page, long long total)
{
	struct paging p = adm_paging(page, total);

	return paging_past_end(&p);
}

char *
adm_url(struct arena *a, const char *path, const char *const *filters, long long page)
{
	struct buf b;
	const char *sep = "?";
	char *out;

	buf_init(&b);
	buf_adds(&b, path);
	for (; filters && filters[0]; filters += 2) {
		if (filters[1] == NULL || filters[1][0] == '\0')
			continue;
		buf_printf(&b, "%s%s=", sep, filters[0]);
		buf_add_urlencoded(&b, filters[1]);
		sep = "&";
	}
	if (page > 1)
		buf_printf(&b, "%spage=%lld", sep, page);
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

/* What adm_page_url needs to build a page's address. */
struct adm_pages {
	struct arena *a;
	const char *path;
	const char *const *filters;
};

static char *
adm_page_url(void *ctx, long long page)
{
	const struct adm_pages *l = ctx;

	return adm_url(l->a, l->path, l->filters, page);
}

void
adm_pagination(tmpl_dict *d, struct arena *a, const char *path, const char *const *filters,
	       long long page, long long total)
{
	struct adm_pages l = { a, path, filters };
	struct paging p = adm_paging(page, total);

	paging_links(d, &p, adm_page_url, &l);
}

char *
adm_result_text(struct arena *a, long long page, long long total, const char *noun_one,
		const char *noun_many)
{
	struct paging p = adm_paging(page, total);

	return paging_result_text(a, &p, noun_one, noun_many);
}

int
adm_page_show(struct req *rq, struct resp *rs, adm_page_fn build)
{
	struct view v = { 0 };
	int rc = build(rq, rs, &v);

	if (rc == 200)
		return view_end(&v, rs);
	view_discard(&v);
	return rc;
}

tmpl_dict *
adm_page_form(struct req *rq, struct resp *rs, struct view *v, adm_page_fn build)
{
	int rc = build(rq, rs, v);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

int
adm_terms_page(struct req *rq, struct resp *rs, struct view *v, const struct adm_terms *t)
{
	struct arena *a = &rq->arena;
	long long page = req_int(rq, "page", 1), total;
	const char *filters[] = { NULL };
	struct db_result *r;
	tmpl_dict *d, *row;

	if ((total = db_scalar(-1, t->count_sql, "")) < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(t->list_sql, "ii", (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		return 500;
	d = adm_page(v, rq, rs, t->list_template, t->title, t->section);
	view_crumb(v, t->title, NULL);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, t->noun_one, t->noun_many));
	tmpl_show(d, db_rows(r) == 0 ? "NO_ENTRIES" : "HAS_ENTRIES");
	while (db_next(r)) {
		row = tmpl_section(d, "ENTRY");
		tmpl_set(row, "TEXT", db_str(r, 1));
		tmpl_set(row, "ADDED", db_str(r, 2));
		tmpl_set(row, "BY", db_str(r, 3));
		tmpl_set(row, "DELETE_URL", arena_printf(a, "%s/%lld/delete", t->path, db_int(r, 0)));
	}
	db_free(r);
	adm_pagination(d, a, t->path, filters, page, total);
	return 200;
}

int
adm_terms_confirm_page(struct req *rq, struct resp *rs, struct view *v, const struct adm_terms *t)
{
	long long id = req_path_id(rq, "id");
	struct db_result *r = db_query(t->text_sql, "i", id);
	tmpl_dict *d;

	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	d = adm_page(v, rq, rs, t->delete_template, t->delete_title, t->section);
	view_crumb(v, t->title, t->path);
	view_crumb(v, "Delete", NULL);
	tmpl_set(d, "TEXT", db_str(r, 0));
	tmpl_set(d, "ACTION", arena_printf(&rq->arena, "%s/%lld/delete", t->path, id));
	db_free(r);
	return 200;
}

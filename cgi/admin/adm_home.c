/*
 * adm_home: the dashboard, the page an admin lands on: what waits for a
 * decision and how many accounts there are.
 */
#include "adm.h"

#include <string.h>

#include "sess.h"

static const char adm_home_vendors_sql[] =
	"SELECT status, COUNT(*) FROM vendors GROUP BY status";
static const char adm_home_users_sql[] =
	"SELECT role, status, COUNT(*) FROM users GROUP BY role, status";
static const char adm_home_oldest_sql[] =
	"SELECT DATE_FORMAT(MIN(COALESCE(submitted_at, created_at)), '%Y-%m-%d %H:%i')"
	" FROM vendors WHERE status = 'pending'";

/* One row of a count table: label, count and the list it links to. */
static void
adm_home_row(tmpl_dict *d, struct arena *a, const char *section, const char *label, long long n,
	     const char *url)
{
	tmpl_dict *row = tmpl_section(d, section);

	tmpl_set(row, "LABEL", label);
	tmpl_set(row, "COUNT", view_group_digits(a, n));
	tmpl_set(row, "URL", url);
}

/*
 * ROUTE: GET /admin/      TEMPLATE: admin/home_view.tpl
 * PARAMS: none
 * The dashboard: vendors waiting for verification (and since when),
 * listings waiting for review, vendors and accounts by status and role,
 * with links to the lists. A support user's home is the ticket list.
 */
int
adm_home_view(struct req *rq, struct resp *rs)
{
	static const char *const vendor_states[] = { "pending", "verified", "rejected", "blocked" };
	static const char *const roles[] = { "customer", "vendor", "admin" };
	static const char *const role_labels[] = { "Customers", "Vendors", "Admins" };
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	long long vendors[4] = { 0 }, users[3] = { 0 }, blocked = 0, held;
	const char *oldest = NULL;
	tmpl_dict *d;
	int status = 500;
	size_t i;

	if (!adm_is_admin(rq))
		return resp_redirect(rs, 303, "/admin/tickets");

	if ((r = db_query(adm_home_vendors_sql, "")) == NULL)
		goto out;
	while (db_next(r))
		for (i = 0; i < 4; i++)
			if (strcmp(db_str(r, 0), vendor_states[i]) == 0)
				vendors[i] = db_int(r, 1);
	db_free(r);
	if ((r = db_query(adm_home_users_sql, "")) == NULL)
		goto out;
	while (db_next(r)) {
		if (strcmp(db_str(r, 1), "blocked") == 0)
			blocked += db_int(r, 2);
		if (strcmp(db_str(r, 1), "active") != 0)
			continue;
		for (i = 0; i < 3; i++)
			if (strcmp(db_str(r, 0), roles[i]) == 0)
				users[i] = db_int(r, 2);
	}
	db_free(r);
	if ((r = db_query(adm_home_oldest_sql, "")) == NULL)
		goto out;
	if (db_next(r) && !db_null(r, 0))
		oldest = arena_strdup(a, db_str(r, 0));

	db_free(r);
	r = NULL;
	if ((held = db_scalar(-1, "SELECT COUNT(*) FROM listing_reviews r JOIN products p ON p.id = r.product_id"
				 " WHERE r.status = 'pending' AND p.status = 'review'", "")) < 0)
		goto out;
	d = adm_page(&v, rq, rs, "admin/home_view.tpl", "Admin", ADM_SECTION_HOME);
	if (held > 0) {
		tmpl_dict *p = tmpl_section(d, "HAS_HELD");

		tmpl_set(p, "HELD", view_group_digits(a, held));
		tmpl_set(p, "NOUN", held == 1 ? "listing is" : "listings are");
	} else {
		tmpl_show(d, "NO_HELD");
	}
	view_crumb(&v, "Admin", NULL);
	tmpl_set(d, "NAME", rq->sess->name);
	tmpl_set(d, "PENDING", view_group_digits(a, vendors[0]));
	if (vendors[0] > 0) {
		tmpl_dict *p = tmpl_section(d, "HAS_PENDING");

		tmpl_set(p, "PENDING", view_group_digits(a, vendors[0]));
		tmpl_set(p, "NOUN", vendors[0] == 1 ? "vendor is" : "vendors are");
		if (oldest)
			tmpl_set(tmpl_section(p, "OLDEST"), "DATE", oldest);
	} else {
		tmpl_show(d, "NO_PENDING");
	}
	for (i = 0; i < 4; i++)
		adm_home_row(d, a, "VENDOR_ROW", adm_status_label(vendor_states[i]), vendors[i],
			     arena_printf(a, "/admin/vendors?status=%s", vendor_states[i]));
	for (i = 0; i < 3; i++)
		adm_home_row(d, a, "USER_ROW", role_labels[i], users[i],
			     arena_printf(a, "/admin/users?role=%s&status=active", roles[i]));
	adm_home_row(d, a, "USER_ROW", "Blocked accounts", blocked, "/admin/users?status=blocked");
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

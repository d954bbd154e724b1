/*
 * adm_audit: the audit log, read-only (the table refuses UPDATE and DELETE).
 */
#include "adm.h"

#include <string.h>

#include "text.h"

#define ADM_AUDIT_WHERE \
	" WHERE (? = 0 OR a.actor_id = ?) AND (? = '' OR a.action = ?)" \
	" AND (? = '' OR a.object_type = ?) AND (? = 0 OR a.object_id = ?)"

static const char adm_audit_count_sql[] = "SELECT COUNT(*) FROM audit_log a" ADM_AUDIT_WHERE;
static const char adm_audit_list_sql[] =
	"SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), a.actor_id, u.email, a.actor_role, a.action,"
	" a.object_type, a.object_id, a.ip, a.detail"
	" FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id" ADM_AUDIT_WHERE
	" ORDER BY a.id DESC LIMIT ? OFFSET ?";

/* The admin page of an object the log names, or NULL. */
static const char *
adm_audit_object_url(struct arena *a, const char *type, long long id)
{
	if (id <= 0)
		return NULL;
	if (strcmp(type, "user") == 0)
		return arena_printf(a, "/admin/users/%lld", id);
	if (strcmp(type, "vendor") == 0)
		return arena_printf(a, "/admin/vendors/%lld", id);
	return NULL;
}

/*
 * ROUTE: GET /admin/audit      TEMPLATE: admin/audit_list.tpl
 * PARAMS: actor (user id), action (e.g. vendor.approve), object_type,
 *         object_id, page (1..10000)
 * The audit log, newest first, 50 a page: when, who (with their email),
 * from which IP, what, on which object, and the detail.
 */
int
adm_audit_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long actor = req_int(rq, "actor", 0), object_id = req_int(rq, "object_id", 0);
	long long page = req_int(rq, "page", 1), total;
	const char *action = text_trim(a, req_str(rq, "action"));
	const char *object_type = text_trim(a, req_str(rq, "object_type"));
	const char *filters[] = {
		"actor", actor > 0 ? arena_printf(a, "%lld", actor) : NULL,
		"action", action,
		"object_type", object_type,
		"object_id", object_id > 0 ? arena_printf(a, "%lld", object_id) : NULL,
		NULL
	};
	struct view v = { 0 };
	struct db_result *r = NULL;
	tmpl_dict *d, *row, *s;
	const char *url;
	int status = 500;

	total = db_scalar(-1, adm_audit_count_sql, "iissssii", actor, actor, action, action, object_type,
			  object_type, object_id, object_id);
	if (total < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(adm_audit_list_sql, "iissssiiii", actor, actor, action, action, object_type,
			  object_type, object_id, object_id, (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		goto out;

	d = adm_page(&v, rq, rs, "admin/audit_list.tpl", "Audit log", ADM_SECTION_AUDIT);
	view_crumb(&v, "Audit log", NULL);
	tmpl_set(d, "ACTOR", filters[1] ? filters[1] : "");
	tmpl_set(d, "ACTION", action);
	tmpl_set(d, "OBJECT_TYPE", object_type);
	tmpl_set(d, "OBJECT_ID", filters[7] ? filters[7] : "");
	if (actor > 0 || *action || *object_type || object_id > 0)
		tmpl_show(d, "FILTERED");
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "entry", "entries"));
	tmpl_show(d, db_rows(r) > 0 ? "HAS_ENTRIES" : "NO_ENTRIES");
	while (db_next(r)) {
		row = tmpl_section(d, "ENTRY");
		tmpl_set(row, "AT", db_str(r, 0));
		if (!db_null(r, 1)) {
			s = tmpl_section(row, "ACTOR_LINK");
			tmpl_set(s, "URL", arena_printf(a, "/admin/audit?actor=%lld", db_int(r, 1)));
			tmpl_set(s, "LABEL", db_str(r, 2) ? db_str(r, 2) : arena_printf(a, "user %lld", db_int(r, 1)));
		} else {
			tmpl_set(tmpl_section(row, "ACTOR_SYSTEM"), "LABEL", *db_str(r, 3) ? db_str(r, 3) : "system");
		}
		tmpl_set(row, "ROLE", db_str(r, 3));
		tmpl_set(row, "ACTION", db_str(r, 4));
		tmpl_set(row, "IP", db_str(r, 7));
		tmpl_set(row, "DETAIL", db_str(r, 8));
		if (*db_str(r, 5)) {
			const char *label = db_null(r, 6) ? db_str(r, 5) :
					    arena_printf(a, "%s %lld", db_str(r, 5), db_int(r, 6));

			url = adm_audit_object_url(a, db_str(r, 5), db_int(r, 6));
			if (url) {
				s = tmpl_section(row, "OBJECT_LINK");
				tmpl_set(s, "URL", url);
			} else {
				s = tmpl_section(row, "OBJECT_TEXT");
			}
			tmpl_set(s, "LABEL", label);
		}
	}
	adm_pagination(d, a, "/admin/audit", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

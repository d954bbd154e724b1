/*
 * adm_reports: the moderators' queue of reported content (report.h): reviews
 * and chat messages people reported, and reviews a banned word held. One
 * line per object, oldest report first, with every reason given; the admin
 * hides it (with a reason its author is told) or keeps it. Each decision is
 * audited.
 */
#include "adm.h"

#include <string.h>

#include "csrf.h"
#include "db.h"
#include "markup.h"
#include "report.h"
#include "review.h"
#include "route.h"
#include "view.h"

static const char adm_reports_count_sql[] =
	"SELECT COUNT(DISTINCT kind, object_id) FROM content_reports WHERE status = 'open'";

/* One row per reported object with its open reports' reasons, and a review's
 * content (NULL for a message: the conversation's admin page shows it, reached
 * through the first open report so that the reading is audited with it). */
static const char adm_reports_queue_sql[] =
	"SELECT q.kind, q.object_id, q.n, DATE_FORMAT(q.first_at, '%Y-%m-%d %H:%i'), q.reasons,"
	" r.rating, r.title, r.body, u.name, p.name, p.id, r.status, q.first_report, m.conversation_id"
	" FROM (SELECT kind, object_id, COUNT(*) AS n, MIN(created_at) AS first_at, MIN(id) AS first_report,"
	"        GROUP_CONCAT(reason ORDER BY id SEPARATOR '\\n') AS reasons"
	"       FROM content_reports WHERE status = 'open' GROUP BY kind, object_id) q"
	" LEFT JOIN reviews r ON q.kind = 'review' AND r.id = q.object_id"
	" LEFT JOIN users u ON u.id = r.user_id LEFT JOIN products p ON p.id = r.product_id"
	" LEFT JOIN messages m ON q.kind = 'message' AND m.id = q.object_id"
	" ORDER BY q.first_at, q.kind, q.object_id LIMIT ? OFFSET ?";
enum { AR_KIND, AR_ID, AR_COUNT, AR_FIRST, AR_REASONS, AR_RATING, AR_TITLE, AR_BODY, AR_AUTHOR, AR_PRODUCT,
       AR_PRODUCT_ID, AR_STATUS, AR_FIRST_REPORT, AR_CONVERSATION };

/*
 * ROUTE: GET /admin/reports      TEMPLATE: admin/reports_list.tpl
 * PARAMS: page
 * The queue: each reported or held object once, oldest first, with what it
 * says, who wrote it and why it was reported (a reported chat message links
 * to its conversation's admin page through the report); a hide form
 * (reason) and keep.
 */
int
adm_reports_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long page = req_int(rq, "page", 1), total;
	const char *filters[] = { NULL }, *csrf;
	struct view v = { 0 };
	struct db_result *r = NULL;
	tmpl_dict *d, *row, *s;
	int status = 500;

	if ((total = db_scalar(-1, adm_reports_count_sql, "")) < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(adm_reports_queue_sql, "ii", (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		goto out;
	d = adm_page(&v, rq, rs, "admin/reports_list.tpl", "Reported content", ADM_SECTION_REPORTS);
	view_crumb(&v, "Reported content", NULL);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "item waiting", "items waiting"));
	tmpl_show(d, db_rows(r) == 0 ? "NO_REPORTS" : "HAS_REPORTS");
	csrf = csrf_token(rq, rs);
	while (db_next(r)) {
		const char *reasons = db_str(r, AR_REASONS), *nl;

		row = tmpl_section(d, "REPORT");
		tmpl_set(row, "KIND", db_str(r, AR_KIND));
		tmpl_set_int(row, "ID", db_int(r, AR_ID));
		tmpl_set(row, "FIRST", db_str(r, AR_FIRST));
		tmpl_set_int(row, "COUNT", db_int(r, AR_COUNT));
		tmpl_set(row, "CSRF", csrf);
		while (reasons && *reasons) {
			nl = strchr(reasons, '\n');
			tmpl_set(tmpl_section(row, "REASON"), "TEXT",
				 nl ? arena_strndup(a, reasons, (size_t)(nl - reasons)) : reasons);
			reasons = nl ? nl + 1 : "";
		}
		if (strcmp(db_str(r, AR_KIND), REPORT_REVIEW) == 0 && db_str(r, AR_TITLE)) {
			s = tmpl_section(row, "IS_REVIEW");
			tmpl_set_int(s, "RATING", db_int(r, AR_RATING));
			tmpl_set(s, "TITLE", db_str(r, AR_TITLE));
			markup_fill(s, "BODY", a, db_str(r, AR_BODY));
			tmpl_set(s, "AUTHOR", db_str(r, AR_AUTHOR));
			tmpl_set(s, "PRODUCT", db_str(r, AR_PRODUCT));
			tmpl_set_int(s, "PRODUCT_ID", db_int(r, AR_PRODUCT_ID));
			if (strcmp(db_str(r, AR_STATUS), "held") == 0)
				tmpl_show(s, "HELD");
		} else if (strcmp(db_str(r, AR_KIND), REPORT_MESSAGE) == 0 && !db_null(r, AR_CONVERSATION)) {
			s = tmpl_section(row, "IS_MESSAGE");
			tmpl_set_int(s, "CONVERSATION_ID", db_int(r, AR_CONVERSATION));
			tmpl_set_int(s, "REPORT_ID", db_int(r, AR_FIRST_REPORT));
		} else {
			tmpl_show(row, "IS_OTHER");
		}
	}
	adm_pagination(d, a, "/admin/reports", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

static int
adm_reports_decide(struct req *rq, struct resp *rs, int hide)
{
	const char *kind = req_path_str(rq, "kind");
	int rc;

	if (!report_kind_known(kind))
		return 404;
	rc = report_decide(rq, kind, req_path_id(rq, "id"), hide, hide ? req_str(rq, "reason") : NULL);
	if (rc < 0)
		return 500;
	resp_set_flash(rs, rc == REPORT_NOT_FOUND ? "This was decided already: nothing changed."
		       : hide ? "Hidden. Its author is told why." : "Kept: it stays as it is.");
	return resp_redirect(rs, 303, "/admin/reports");
}

/*
 * ROUTE: POST /admin/reports/{kind:slug}/{id}/hide      TEMPLATE: none
 * PARAMS: kind (review|message), id (the object), reason (text, 500, required)
 * Hides the reported object; a review leaves its product's and its shop's
 * average; the author is mailed the reason. Audited. Redirects to the queue.
 */
int
adm_reports_hide(struct req *rq, struct resp *rs)
{
	return adm_reports_decide(rq, rs, 1);
}

/*
 * ROUTE: POST /admin/reports/{kind:slug}/{id}/keep      TEMPLATE: none
 * PARAMS: kind (review|message), id (the object)
 * Keeps the reported object (a held review is published). Audited.
 * Redirects to the queue.
 */
int
adm_reports_keep(struct req *rq, struct resp *rs)
{
	return adm_reports_decide(rq, rs, 0);
}

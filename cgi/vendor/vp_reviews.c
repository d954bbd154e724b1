/*
 * vp_reviews: the reviews of the shop's products, and its one public answer
 * to each (review.h). Every query names the session's vendor: another
 * shop's review is a 404.
 */
#include "vp.h"

#include <string.h>

#include "csrf.h"
#include "db.h"
#include "markup.h"
#include "review.h"
#include "route.h"
#include "sess.h"
#include "view.h"

/* Published and held reviews (a hidden one is the moderators'), those
 * without an answer first. */
static const char vp_reviews_list_sql[] =
	"SELECT r.id, p.name, r.rating, r.title, r.body, u.name, DATE_FORMAT(r.created_at, '%Y-%m-%d'),"
	" IFNULL(r.reply, ''), r.status, p.id"
	" FROM reviews r JOIN products p ON p.id = r.product_id JOIN users u ON u.id = r.user_id"
	" WHERE r.vendor_id = ? AND r.status <> 'hidden'"
	" ORDER BY r.reply IS NULL DESC, r.id DESC LIMIT 200";

/*
 * ROUTE: GET /vendor/reviews      TEMPLATE: vendor/reviews_list.tpl
 * PARAMS: none
 * The reviews of the shop's products, unanswered first, each with its
 * answer or the form to answer it once, publicly.
 */
int
vp_reviews_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	tmpl_dict *d, *row;
	const char *csrf;
	int status, any = 0;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	if ((r = db_query(vp_reviews_list_sql, "i", vendor.id)) == NULL)
		goto out;
	d = view_begin(&v, rq, rs, "vendor/reviews_list.tpl", "Reviews");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Reviews", NULL);
	vp_dashboard_nav(d, "/vendor/reviews");
	csrf = csrf_token(rq, rs);
	while (db_next(r)) {
		row = tmpl_section(d, "REVIEW");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "PRODUCT", db_str(r, 1));
		tmpl_set_int(row, "PRODUCT_ID", db_int(r, 9));
		tmpl_set_int(row, "RATING", db_int(r, 2));
		tmpl_set(row, "TITLE", db_str(r, 3));
		markup_fill(row, "BODY", a, db_str(r, 4));
		tmpl_set(row, "AUTHOR", review_display_name(a, db_str(r, 5)));
		tmpl_set(row, "CREATED", db_str(r, 6));
		if (strcmp(db_str(r, 8), "held") == 0)
			tmpl_show(row, "HELD");
		if (*db_str(r, 7)) {
			markup_fill(tmpl_section(row, "ANSWERED"), "REPLY", a, db_str(r, 7));
		} else {
			tmpl_dict *f = tmpl_section(row, "CAN_REPLY");

			tmpl_set_int(f, "ID", db_int(r, 0));
			tmpl_set(f, "CSRF", csrf);
		}
		any = 1;
	}
	tmpl_show(d, any ? "HAS_REVIEWS" : "NO_REVIEWS");
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * ROUTE: POST /vendor/reviews/{id}/reply      TEMPLATE: none
 * PARAMS: id (review id: of one of the shop's products), reply (text, 2000)
 * Answers the review publicly, once; its author is told. Redirects to the
 * reviews.
 */
int
vp_reviews_reply(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	int status, rc;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	rc = review_reply(req_path_id(rq, "id"), vendor.id, rq->sess->user_id, req_str(rq, "reply"));
	switch (rc) {
	case REVIEW_OK:
		resp_set_flash(rs, "Your answer is published under the review.");
		break;
	case REVIEW_ANSWERED:
		resp_set_flash(rs, "This review has its answer already: an answer cannot be changed.");
		break;
	case REVIEW_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
	return resp_redirect(rs, 303, "/vendor/reviews");
}

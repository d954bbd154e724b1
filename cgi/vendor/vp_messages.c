/*
 * vp_messages: the shop's inbox, its conversations with customers (one
 * per vendor order placed with an account, cgi/lib/chat.h), filtered to
 * those waiting for the shop's answer or to one order; a conversation's
 * page with its messages and the form to answer. Another shop's
 * conversation, even one about the same order, is a 404.
 */
#include "vp.h"

#include <string.h>

#include "chat.h"
#include "csrf.h"
#include "db.h"
#include "multipart.h"
#include "paging.h"
#include "route.h"
#include "sess.h"

#define VP_MESSAGES_PER_PAGE 20

const char *const vp_messages_filters[] = { "all", "unanswered", "unread", NULL };

/* Every combination of filter and order number is a constant statement;
 * the request picks one by its index. */
#define VP_MESSAGES_FROM \
	" FROM conversations c JOIN vendor_orders vo ON vo.id = c.vendor_order_id JOIN orders o ON o.id = c.order_id" \
	" JOIN users u ON u.id = c.user_id WHERE c.vendor_id = ?"
#define VP_MESSAGES_UNANSWERED " AND c.last_sender = 'customer'"
#define VP_MESSAGES_UNREAD " AND c.vendor_unread > 0"
#define VP_MESSAGES_ORDER " AND (vo.number = ? OR o.number = ?)"
#define VP_MESSAGES_SELECT \
	"SELECT c.id, vo.number, u.name, c.message_count, c.vendor_unread, c.last_sender," \
	" COALESCE(DATE_FORMAT(c.last_message_at, '%Y-%m-%d %H:%i'), '')"
#define VP_MESSAGES_ORDER_BY \
	" ORDER BY c.last_message_at IS NULL, c.last_message_at DESC, c.id DESC LIMIT ? OFFSET ?"
#define VP_MESSAGES_COUNT(where) "SELECT COUNT(*)" VP_MESSAGES_FROM where
#define VP_MESSAGES_PAGE(where) VP_MESSAGES_SELECT VP_MESSAGES_FROM where VP_MESSAGES_ORDER_BY

/* By filter (vp_messages_filters' order), without and with an order number. */
static const char *const vp_messages_count_sql[] = {
	VP_MESSAGES_COUNT(""), VP_MESSAGES_COUNT(VP_MESSAGES_UNANSWERED), VP_MESSAGES_COUNT(VP_MESSAGES_UNREAD),
};
static const char *const vp_messages_page_sql[] = {
	VP_MESSAGES_PAGE(""), VP_MESSAGES_PAGE(VP_MESSAGES_UNANSWERED), VP_MESSAGES_PAGE(VP_MESSAGES_UNREAD),
};
static const char *const vp_messages_order_count_sql[] = {
	VP_MESSAGES_COUNT(VP_MESSAGES_ORDER), VP_MESSAGES_COUNT(VP_MESSAGES_UNANSWERED VP_MESSAGES_ORDER),
	VP_MESSAGES_COUNT(VP_MESSAGES_UNREAD VP_MESSAGES_ORDER),
};
static const char *const vp_messages_order_page_sql[] = {
	VP_MESSAGES_PAGE(VP_MESSAGES_ORDER), VP_MESSAGES_PAGE(VP_MESSAGES_UNANSWERED VP_MESSAGES_ORDER),
	VP_MESSAGES_PAGE(VP_MESSAGES_UNREAD VP_MESSAGES_ORDER),
};

const char *
vp_messages_valid_order(struct req *rq, const char **value)
{
	const char *p;

	(void)rq;
	for (p = *value; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return "An order number is written like BZ-000123 or BZ-000123-2.";
	return NULL;
}

struct vp_messages_query {
	int filter;		/* index into vp_messages_filters */
	const char *order;	/* an order number, or NULL */
};

static char *
vp_messages_page_url(void *ctx, long long n)
{
	struct req *rq = ctx;
	const char *filter = req_str(rq, "filter"), *order = req_str(rq, "order");

	return arena_printf(&rq->arena, "/vendor/messages?filter=%s%s%s&page=%lld", filter ? filter : "all",
			    order && *order ? "&order=" : "", order && *order ? order : "", n);
}

/*
 * ROUTE: GET /vendor/messages      TEMPLATE: vendor/messages_list.tpl
 * PARAMS: filter (all|unanswered|unread), order (an order number), page (1..VP_PAGE_MAX)
 * The shop's conversations with its customers, newest message first: all,
 * those whose last message is the customer's (unanswered), those with
 * unread messages, or those of one order (its number or its part's).
 */
int
vp_messages_list(struct req *rq, struct resp *rs)
{
	struct paging pg = { req_int(rq, "page", 1), VP_MESSAGES_PER_PAGE, VP_PAGE_MAX, 0 };
	struct vp_vendor vendor;
	struct vp_messages_query q = { 0, NULL };
	struct view v = { 0 };
	struct db_result *r;
	const char *filter = req_str(rq, "filter");
	tmpl_dict *d, *row;
	size_t i;
	int status, by_order;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	for (i = 0; filter != NULL && vp_messages_filters[i] != NULL; i++)
		if (strcmp(filter, vp_messages_filters[i]) == 0)
			q.filter = (int)i;
	q.order = req_str(rq, "order");
	by_order = q.order != NULL && q.order[0] != '\0';
	if (by_order)
		pg.total = db_scalar(-1, vp_messages_order_count_sql[q.filter], "iss", vendor.id, q.order, q.order);
	else
		pg.total = db_scalar(-1, vp_messages_count_sql[q.filter], "i", vendor.id);
	if (pg.total < 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	if (by_order)
		r = db_query(vp_messages_order_page_sql[q.filter], "issii", vendor.id, q.order, q.order, pg.per_page,
			     paging_offset(&pg));
	else
		r = db_query(vp_messages_page_sql[q.filter], "iii", vendor.id, pg.per_page, paging_offset(&pg));
	if (r == NULL)
		return 500;
	d = view_begin(&v, rq, rs, "vendor/messages_list.tpl", "Messages");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Messages", NULL);
	vp_dashboard_nav(d, "/vendor/messages");
	for (i = 0; vp_messages_filters[i] != NULL; i++) {
		tmpl_dict *f = tmpl_section(d, "FILTER");

		tmpl_set(f, "VALUE", vp_messages_filters[i]);
		tmpl_set(f, "LABEL", i == 0 ? "All" : i == 1 ? "Waiting for your answer" : "Unread");
		if ((int)i == q.filter)
			tmpl_show(f, "SELECTED");
	}
	tmpl_set(d, "ORDER", by_order ? q.order : "");
	while (db_next(r)) {
		row = tmpl_section(d, "CONVERSATION");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "VO_NUMBER", db_str(r, 1));
		tmpl_set(row, "CUSTOMER", db_str(r, 2) ? db_str(r, 2) : "");
		tmpl_set(row, "TOTAL", db_int(r, 3) == 1 ? "1 message" :
			 arena_printf(&rq->arena, "%lld messages", db_int(r, 3)));
		if (db_int(r, 4) > 0)
			tmpl_set_int(tmpl_section(row, "UNREAD"), "COUNT", db_int(r, 4));
		if (db_str(r, 5) != NULL && strcmp(db_str(r, 5), "customer") == 0)
			tmpl_show(row, "UNANSWERED");
		if (db_str(r, 6)[0] != '\0')
			tmpl_set(tmpl_section(row, "LAST"), "AT", db_str(r, 6));
	}
	db_free(r);
	if (pg.total == 0)
		tmpl_show(d, "NO_CONVERSATIONS");
	paging_links(d, &pg, vp_messages_page_url, rq);
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* The conversation's page (also the form's page when a message is refused). */
tmpl_dict *
vp_messages_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct chat_conversation c;
	const char *csrf;
	tmpl_dict *d;
	int status;

	if ((status = chat_load(a, req_path_id(rq, "id"), CHAT_VENDOR, rq->sess->user_id, &c)) != 0) {
		rs->status = status;
		return NULL;
	}
	if (chat_mark_read(&c, CHAT_VENDOR) != 0) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/messages_view.tpl", arena_printf(a, "%s: order %s", c.customer, c.vo_number));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Messages", "/vendor/messages");
	view_crumb(v, c.vo_number, NULL);
	vp_dashboard_nav(d, "/vendor/messages");
	csrf = csrf_token(rq, rs);
	tmpl_set_int(d, "VENDOR_ORDER_ID", c.vendor_order_id);
	v->fields = tmpl_include(d, "FORM", "layout/_chat_form.tpl");
	tmpl_set(v->fields, "CSRF", csrf);
	tmpl_set(v->fields, "ACTION", arena_printf(a, "/vendor/messages/%lld", c.id));
	if (chat_fill(d, a, &c, CHAT_VENDOR, arena_printf(a, "/live/chat/%lld", c.id),
		      arena_printf(a, "/vendor/messages/%lld", c.id), csrf) < 0) {
		rs->status = 500;
		return NULL;
	}
	return d;
}

/*
 * ROUTE: GET /vendor/messages/{id}      TEMPLATE: vendor/messages_view.tpl
 * PARAMS: none
 * One conversation with a customer about one of the shop's orders: its
 * messages, oldest first (new ones appear live with JavaScript, on reload
 * without), and the form to answer. Opening it marks its messages read.
 */
int
vp_messages_view(struct req *rq, struct resp *rs)
{
	rs->cache = RESP_NO_STORE;
	return route_form_show(rq, rs, vp_messages_form_page);
}

/*
 * ROUTE: POST /vendor/messages/{id}      TEMPLATE: vendor/messages_view.tpl
 * PARAMS: text (up to CHAT_TEXT_MAX characters, line breaks kept), picture (file, optional)
 * Sends the shop's message to the customer: text, a picture or both.
 * Refused with the reason next to the field: nothing to send, a file that
 * is not an acceptable picture.
 */
int
vp_messages_send(struct req *rq, struct resp *rs)
{
	struct chat_conversation c;
	const struct multipart_file *f = req_file(rq, "picture", 0);
	const char *field, *why;
	long long id;
	int status;

	if ((status = chat_load(&rq->arena, req_path_id(rq, "id"), CHAT_VENDOR, rq->sess->user_id, &c)) != 0)
		return status;
	id = chat_send(&c, CHAT_VENDOR, rq->sess->user_id, req_str(rq, "text"),
		       f != NULL && f->size > 0 ? f->path : NULL,
		       arena_printf(&rq->arena, "/messages/%lld", c.id), &field, &why);
	if (id < 0)
		return 500;
	if (id == 0) {
		route_form_error(rq, field, why);
		return route_form_fail(rq, rs);
	}
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/messages/%lld#m-%lld", c.id, id));
}

/*
 * ROUTE: POST /vendor/messages/{id}/{message:id}/report      TEMPLATE: none (back to the conversation)
 * PARAMS: reason (1..500 characters, required)
 * Reports one of the customer's messages of the conversation to the
 * marketplace's moderators (once per person); a message that is not
 * theirs in this conversation, or hidden already, is 404.
 */
int
vp_messages_report(struct req *rq, struct resp *rs)
{
	struct chat_conversation c;
	int status, rc;

	if ((status = chat_load(&rq->arena, req_path_id(rq, "id"), CHAT_VENDOR, rq->sess->user_id, &c)) != 0)
		return status;
	rc = chat_report(&c, CHAT_VENDOR, rq->sess->user_id, req_path_id(rq, "message"), req_str(rq, "reason"));
	if (rc < 0)
		return 500;
	if (rc == 404)
		return 404;
	resp_set_flash(rs, rc == 1 ? "Thank you: the marketplace's moderators will read the message." :
				     "You have reported this message already.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/messages/%lld", c.id));
}

/*
 * sf_messages: the customer's conversations with the shops they bought
 * from (cgi/lib/chat.h). Each part of an order placed with an account has
 * one; the list shows them newest first with their unread counts, a
 * conversation's page shows its messages and the form to write (text and
 * an optional picture). Someone else's conversation is a 404, as an id that
 * does not exist. GET /live/chat/{id} answers nginx's question before a
 * browser may subscribe to the conversation's live channel.
 */
#include "sf.h"

#include <string.h>

#include "chat.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "multipart.h"
#include "paging.h"
#include "route.h"
#include "sess.h"

#define SF_MESSAGES_PER_PAGE 20

static const char sf_messages_count_sql[] = "SELECT COUNT(*) FROM conversations WHERE user_id = ?";
/* Conversations with messages first (newest message first), then the rest
 * by newest order. */
static const char sf_messages_page_sql[] =
	"SELECT c.id, vo.number, v.trading_name, c.message_count, c.customer_unread,"
	" COALESCE(DATE_FORMAT(c.last_message_at, '%Y-%m-%d %H:%i'), '')"
	" FROM conversations c JOIN vendor_orders vo ON vo.id = c.vendor_order_id JOIN vendors v ON v.id = c.vendor_id"
	" WHERE c.user_id = ? ORDER BY c.last_message_at IS NULL, c.last_message_at DESC, c.id DESC LIMIT ? OFFSET ?";

static char *
sf_messages_page_url(void *ctx, long long n)
{
	return arena_printf(ctx, "/messages?page=%lld", n);
}

/*
 * ROUTE: GET /messages      TEMPLATE: storefront/messages_list.tpl
 * PARAMS: page (1..SF_PAGE_MAX)
 * The customer's conversations with shops, one per part of an order, those
 * with the newest messages first, each with its unread count.
 */
int
sf_messages_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct paging pg = { req_int(rq, "page", 1), SF_MESSAGES_PER_PAGE, SF_PAGE_MAX, 0 };
	struct view v = { 0 };
	struct db_result *r;
	tmpl_dict *d, *row;
	int status;

	if ((pg.total = db_scalar(-1, sf_messages_count_sql, "i", rq->sess->user_id)) < 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	if ((r = db_query(sf_messages_page_sql, "iii", rq->sess->user_id, pg.per_page, paging_offset(&pg))) == NULL)
		return 500;
	d = view_begin(&v, rq, rs, "storefront/messages_list.tpl", "Messages");
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Messages", NULL);
	while (db_next(r)) {
		row = tmpl_section(d, "CONVERSATION");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "VO_NUMBER", db_str(r, 1));
		tmpl_set(row, "SHOP", db_str(r, 2));
		tmpl_set(row, "TOTAL", db_int(r, 3) == 1 ? "1 message" :
			 arena_printf(&rq->arena, "%lld messages", db_int(r, 3)));
		if (db_int(r, 4) > 0)
			tmpl_set_int(tmpl_section(row, "UNREAD"), "COUNT", db_int(r, 4));
		if (db_str(r, 5)[0] != '\0')
			tmpl_set(tmpl_section(row, "LAST"), "AT", db_str(r, 5));
	}
	db_free(r);
	if (pg.total == 0)
		tmpl_show(d, "NO_CONVERSATIONS");
	paging_links(d, &pg, sf_messages_page_url, a);
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* The conversation's page (also the form's page when a message is refused). */
tmpl_dict *
sf_messages_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct chat_conversation c;
	long long id = req_path_id(rq, "id");
	const char *csrf;
	tmpl_dict *d;
	int status;

	if ((status = chat_load(a, id, CHAT_CUSTOMER, rq->sess->user_id, &c)) != 0) {
		rs->status = status;
		return NULL;
	}
	if (chat_mark_read(&c, CHAT_CUSTOMER) != 0) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "storefront/messages_view.tpl", arena_printf(a, "%s: order %s", c.shop, c.vo_number));
	view_crumb(v, "Home", "/");
	view_crumb(v, "Messages", "/messages");
	view_crumb(v, c.vo_number, NULL);
	csrf = csrf_token(rq, rs);
	tmpl_set_int(d, "ORDER_ID", c.order_id);
	v->fields = tmpl_include(d, "FORM", "layout/_chat_form.tpl");
	tmpl_set(v->fields, "CSRF", csrf);
	tmpl_set(v->fields, "ACTION", arena_printf(a, "/messages/%lld", c.id));
	if (chat_fill(d, a, &c, CHAT_CUSTOMER, arena_printf(a, "/live/chat/%lld", c.id),
		      arena_printf(a, "/messages/%lld", c.id), csrf) < 0) {
		rs->status = 500;
		return NULL;
	}
	return d;
}

/*
 * ROUTE: GET /messages/{id}      TEMPLATE: storefront/messages_view.tpl
 * PARAMS: none
 * One conversation with a shop about a part of an order: its messages,
 * oldest first (new ones appear live with JavaScript, on reload without),
 * and the form to write. Opening it marks its messages read.
 */
int
sf_messages_view(struct req *rq, struct resp *rs)
{
	rs->cache = RESP_NO_STORE;
	return route_form_show(rq, rs, sf_messages_form_page);
}

/*
 * ROUTE: POST /messages/{id}      TEMPLATE: storefront/messages_view.tpl
 * PARAMS: text (up to CHAT_TEXT_MAX characters, line breaks kept), picture (file, optional)
 * Sends a message to the shop: text, a picture or both. Refused with the
 * reason next to the field: nothing to send, a file that is not an
 * acceptable picture.
 */
int
sf_messages_send(struct req *rq, struct resp *rs)
{
	struct chat_conversation c;
	const struct multipart_file *f = req_file(rq, "picture", 0);
	const char *field, *why;
	long long id;
	int status;

	if ((status = chat_load(&rq->arena, req_path_id(rq, "id"), CHAT_CUSTOMER, rq->sess->user_id, &c)) != 0)
		return status;
	id = chat_send(&c, CHAT_CUSTOMER, rq->sess->user_id, req_str(rq, "text"),
		       f != NULL && f->size > 0 ? f->path : NULL,
		       arena_printf(&rq->arena, "/vendor/messages/%lld", c.id), &field, &why);
	if (id < 0)
		return 500;
	if (id == 0) {
		route_form_error(rq, field, why);
		return route_form_fail(rq, rs);
	}
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/messages/%lld#m-%lld", c.id, id));
}

/*
 * ROUTE: GET /live/chat/{id}      TEMPLATE: none (200 or 403, for nginx)
 * PARAMS: none
 * Asked by nginx (nchan_authorize_request) before a browser subscribes to
 * the conversation's live channel, with the browser's cookies: 200 when
 * the visitor is the customer or the shop of the conversation, else 403.
 * A browser never reaches it itself: nginx serves that address.
 */
int
sf_messages_live(struct req *rq, struct resp *rs)
{
	int party;

	rs->cache = RESP_NO_STORE;
	if (rq->sess == NULL)
		return 403;
	if ((party = chat_party(req_path_id(rq, "id"), rq->sess->user_id)) < 0)
		return 500;
	if (!party) {
		log_info("chat.live_refused", "conversation=%lld user=%lld", req_path_id(rq, "id"),
			 rq->sess->user_id);
		return 403;
	}
	rs->content_type = "text/plain; charset=utf-8";
	buf_adds(&rs->body, "ok\n");
	return 200;
}

/*
 * ROUTE: GET /live/unread      TEMPLATE: none (200 or 403, for nginx)
 * PARAMS: none
 * Asked by nginx (auth_request) before a browser subscribes to its
 * header's unread counts, with the browser's cookies: 200 with the
 * session's user id in X-Bazaar-Live-User (nginx names the channel after
 * it: each user hears only their own counts), 403 without a session. A
 * browser never reaches it itself: nginx serves that address.
 */
int
sf_messages_live_unread(struct req *rq, struct resp *rs)
{
	rs->cache = RESP_NO_STORE;
	if (rq->sess == NULL)
		return 403;
	resp_header(rs, "X-Bazaar-Live-User", arena_printf(&rq->arena, "%lld", rq->sess->user_id));
	rs->content_type = "text/plain; charset=utf-8";
	buf_adds(&rs->body, "ok\n");
	return 200;
}

/*
 * ROUTE: POST /messages/{id}/{message:id}/report      TEMPLATE: none (back to the conversation)
 * PARAMS: reason (1..500 characters, required)
 * Reports one of the shop's messages of the conversation to the
 * marketplace's moderators (once per person); a message that is not
 * theirs in this conversation, or hidden already, is 404.
 */
int
sf_messages_report(struct req *rq, struct resp *rs)
{
	struct chat_conversation c;
	int status, rc;

	if ((status = chat_load(&rq->arena, req_path_id(rq, "id"), CHAT_CUSTOMER, rq->sess->user_id, &c)) != 0)
		return status;
	rc = chat_report(&c, CHAT_CUSTOMER, rq->sess->user_id, req_path_id(rq, "message"), req_str(rq, "reason"));
	if (rc < 0)
		return 500;
	if (rc == 404)
		return 404;
	resp_set_flash(rs, rc == 1 ? "Thank you: the marketplace's moderators will read the message." :
				     "You have reported this message already.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/messages/%lld", c.id));
}

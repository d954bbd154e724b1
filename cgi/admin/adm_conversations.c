/*
 * adm_conversations: a conversation between a customer and a shop
 * (cgi/lib/chat.h), for an admin brought to it by a report of one of its
 * messages or by the dispute of one of its order's returns; without such a
 * reason it is a 404 like a conversation that does not exist. Every reading
 * is written to the audit log with its reason.
 */
#include "adm.h"

#include "audit.h"
#include "chat.h"
#include "log.h"

/*
 * ROUTE: GET /admin/conversations/{id}      TEMPLATE: admin/conversations_view.tpl
 * PARAMS: report (a report of one of its messages), return (an escalated return of its vendor order)
 * The conversation's messages, read-only, hidden ones marked, for the
 * moderator deciding a report or the admin deciding a dispute. Audited.
 */
int
adm_conversations_view(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct chat_conversation c;
	struct view v = { 0 };
	long long id = req_path_id(rq, "id"), report = req_int(rq, "report", 0), ret = req_int(rq, "return", 0);
	tmpl_dict *d;
	int status, may;

	if ((may = chat_admin_may_read(id, report, ret)) < 0)
		return 500;
	if (may == 0) {
		log_info("adm.conversation_refused", "conversation=%lld report=%lld return=%lld", id, report, ret);
		return 404;
	}
	if ((status = chat_load_any(a, id, &c)) != 0)
		return status;
	if (audit_log(rq, "conversation.read", "conversation", id,
		      report > 0 ? arena_printf(a, "report %lld", report) : arena_printf(a, "return %lld", ret)) != 0)
		return 500;
	rs->cache = RESP_NO_STORE;
	d = adm_page(&v, rq, rs, "admin/conversations_view.tpl", arena_printf(a, "Conversation about %s", c.vo_number),
		     report > 0 ? ADM_SECTION_NONE : ADM_SECTION_REFUNDS);
	view_crumb(&v, c.vo_number, NULL);
	tmpl_set_int(d, "ORDER_ID", c.order_id);
	if (report > 0)
		tmpl_set_int(tmpl_section(d, "FROM_REPORT"), "REPORT_ID", report);
	else
		tmpl_set_int(tmpl_section(d, "FROM_RETURN"), "RETURN_ID", ret);
	if (chat_fill(d, a, &c, -1, NULL, NULL, NULL) < 0) {
		view_discard(&v);
		return 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

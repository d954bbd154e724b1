/*
 * adm_tickets: the support team's pages (ticket.h), open to admins and to
 * users of the support role, who see nothing else of the admin site (route
 * flag R_SUPPORT): the tickets by status and assignee, and one ticket with
 * its whole thread (internal notes and events included), where support
 * answers, writes internal notes, assigns and changes the status. A
 * ticket of an escalated return links to the return, which an admin
 * decides on /admin/returns/{id}.
 */
#include "adm.h"

#include <string.h>

#include "audit.h"
#include "db.h"
#include "sess.h"
#include "ticket.h"

/* The list's filters: which status ("all" or one of ticket_statuses) and
 * whose (anybody's, the visitor's, nobody's). */
const char *const adm_tickets_shows[] = { "open", "waiting", "resolved", "all", NULL };
const char *const adm_tickets_whose[] = { "anybody", "mine", "nobody", NULL };

/* Where the asker reads the ticket (the shop's account pages, the vendor
 * portal): the link of their notification. */
static const struct ticket_links adm_tickets_links = { "/account/tickets", "/vendor/tickets" };

/* status: '' or a status; whose: 0 anybody, 1 the visitor (?), 2 nobody. */
#define ADM_TICKETS_WHERE \
	" FROM tickets t WHERE (? = '' OR t.status = ?)" \
	" AND (? = 0 OR (? = 1 AND t.assigned_to = ?) OR (? = 2 AND t.assigned_to IS NULL))"
static const char adm_tickets_count_sql[] = "SELECT COUNT(*)" ADM_TICKETS_WHERE;
static const char adm_tickets_page_sql[] =
	"SELECT t.id, t.subject, t.category, t.status, t.side, DATE_FORMAT(t.updated_at, '%Y-%m-%d %H:%i'),"
	" IFNULL((SELECT name FROM users s WHERE s.id = t.assigned_to), ''), IFNULL(t.return_id, 0)"
	ADM_TICKETS_WHERE " ORDER BY t.updated_at, t.id LIMIT ? OFFSET ?";

/*
 * ROUTE: GET /admin/tickets      TEMPLATE: admin/tickets_list.tpl
 * PARAMS: show (open, waiting, resolved, all; default open), whose (anybody, mine, nobody), page
 * The support tickets, the longest waiting first, with who asks, the
 * status and the assignee.
 */
int
adm_tickets_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *show = req_str(rq, "show"), *whose = req_str(rq, "whose"), *status_filter;
	const char *filters[5];
	long long page = req_int(rq, "page", 1), total, who = 0, me = rq->sess->user_id;
	tmpl_dict *d, *row;
	int i, status = 500;

	if (show == NULL)
		show = "open";
	if (whose == NULL)
		whose = "anybody";
	status_filter = strcmp(show, "all") == 0 ? "" : show;
	who = strcmp(whose, "mine") == 0 ? 1 : strcmp(whose, "nobody") == 0 ? 2 : 0;
	total = db_scalar(-1, adm_tickets_count_sql, "ssiiii", status_filter, status_filter, who, who, me, who);
	if (total < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	r = db_query(adm_tickets_page_sql, "ssiiiiii", status_filter, status_filter, who, who, me, who,
		     (long long)ADM_PER_PAGE, adm_offset(page));
	if (r == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/tickets_list.tpl", "Support tickets", ADM_SECTION_TICKETS);
	view_crumb(&v, "Support tickets", NULL);
	for (i = 0; adm_tickets_shows[i]; i++) {
		row = tmpl_section(d, "SHOW");
		tmpl_set(row, "VALUE", adm_tickets_shows[i]);
		tmpl_set(row, "LABEL", strcmp(adm_tickets_shows[i], "all") == 0 ? "All" :
				       ticket_status_label(adm_tickets_shows[i], 1));
		if (strcmp(show, adm_tickets_shows[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	for (i = 0; adm_tickets_whose[i]; i++) {
		static const char *const labels[] = { "Anybody's", "Mine", "Nobody's" };

		row = tmpl_section(d, "WHOSE");
		tmpl_set(row, "VALUE", adm_tickets_whose[i]);
		tmpl_set(row, "LABEL", labels[i]);
		if (strcmp(whose, adm_tickets_whose[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	while (db_next(r)) {
		row = tmpl_section(d, "TICKET");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "SUBJECT", db_str(r, 1));
		tmpl_set(row, "CATEGORY", ticket_category_label(db_str(r, 2)));
		tmpl_set(row, "STATE", ticket_status_label(db_str(r, 3), 1));
		tmpl_set(row, "SIDE", strcmp(db_str(r, 4), "vendor") == 0 ? "Vendor" : "Customer");
		tmpl_set(row, "UPDATED", db_str(r, 5));
		tmpl_set(row, "ASSIGNEE", *db_str(r, 6) ? db_str(r, 6) : "Nobody");
		if (db_int(r, 7) > 0)
			tmpl_show(row, "RETURN");
	}
	tmpl_show(d, total > 0 ? "HAS_TICKETS" : "NO_TICKETS");
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "ticket", "tickets"));
	filters[0] = "show";
	filters[1] = show;
	filters[2] = "whose";
	filters[3] = whose;
	filters[4] = NULL;
	adm_pagination(d, a, "/admin/tickets", filters, page, total);
	status = view_end(&v, rs);
	view_discard(&v);
	db_free(r);
	return status;
}

/* The ticket's page with its forms (route_form_page): NULL with 404 for
 * a ticket that does not exist. */
tmpl_dict *
adm_tickets_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	long long id = req_path_id(rq, "id"), assignee;
	const char *current;
	tmpl_dict *d, *row;
	int rc, i;

	d = adm_page(v, rq, rs, "admin/tickets_view.tpl", arena_printf(a, "Ticket %lld", id), ADM_SECTION_TICKETS);
	if ((rc = ticket_fill_view(a, d, NULL, id)) != TICKET_OK) {
		rs->status = rc == TICKET_NOT_FOUND ? 404 : 500;
		return NULL;
	}
	view_crumb(v, "Support tickets", "/admin/tickets");
	view_crumb(v, arena_printf(a, "Ticket %lld", id), NULL);
	if (adm_is_admin(rq)) {
		/* The order's and the return's pages are an admin's only. */
		long long order_id = db_scalar(0, "SELECT IFNULL(order_id, 0) FROM tickets WHERE id = ?", "i", id);
		long long return_id = db_scalar(0, "SELECT IFNULL(return_id, 0) FROM tickets WHERE id = ?", "i", id);

		if (order_id > 0)
			tmpl_set_int(tmpl_section(d, "ORDER_LINK"), "ID", order_id);
		if (return_id > 0)
			tmpl_set_int(tmpl_section(d, "RETURN_LINK"), "ID", return_id);
	}
	current = arena_strdup(a, db_scalar(0, "SELECT status = 'resolved' FROM tickets WHERE id = ?", "i", id) ?
				      "resolved" : "waiting");
	for (i = 0; ticket_statuses[i]; i++) {
		row = tmpl_section(d, "ANSWER_STATUS");
		tmpl_set(row, "VALUE", ticket_statuses[i]);
		tmpl_set(row, "LABEL", ticket_status_label(ticket_statuses[i], 1));
		if (strcmp(ticket_statuses[i], current) == 0)
			tmpl_show(row, "SELECTED");
		row = tmpl_section(d, "STATUS_OPTION");
		tmpl_set(row, "VALUE", ticket_statuses[i]);
		tmpl_set(row, "LABEL", ticket_status_label(ticket_statuses[i], 1));
	}
	assignee = db_scalar(0, "SELECT IFNULL(assigned_to, 0) FROM tickets WHERE id = ?", "i", id);
	if ((r = db_query("SELECT id, name, role FROM users WHERE role IN ('admin', 'support') AND status = 'active'"
			  " ORDER BY name, id LIMIT 500", "")) == NULL) {
		rs->status = 500;
		return NULL;
	}
	while (db_next(r)) {
		row = tmpl_section(d, "STAFF");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "NAME", db_int(r, 0) == rq->sess->user_id ? arena_printf(a, "%s (you)", db_str(r, 1))
									    : db_str(r, 1));
		if (db_int(r, 0) == assignee)
			tmpl_show(row, "SELECTED");
	}
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /admin/tickets/{id}      TEMPLATE: admin/tickets_view.tpl
 * PARAMS: none
 * One ticket: who asks, the order and the return it is about, the whole
 * thread with the internal notes, and the forms to answer, write a note,
 * assign and change the status.
 */
int
adm_tickets_view(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, adm_tickets_page);
}

/* The ticket's page after a change (303), its status otherwise. */
static int
adm_tickets_after(struct req *rq, struct resp *rs, int rc, const char *done)
{
	long long id = req_path_id(rq, "id");

	if (rc != TICKET_OK)
		return rc == TICKET_NOT_FOUND ? 404 : 500;
	resp_set_flash(rs, done);
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/tickets/%lld", id));
}

/*
 * ROUTE: POST /admin/tickets/{id}/answer      TEMPLATE: admin/tickets_view.tpl
 * PARAMS: answer (5000), status (open, waiting, resolved)
 * Answers the asker, who is mailed the answer; the ticket takes the status
 * chosen (waiting for the customer unless said otherwise).
 */
int
adm_tickets_answer(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id");
	int rc = ticket_answer(id, rq->sess->user_id, req_str(rq, "answer"), req_str(rq, "status"),
			       &adm_tickets_links);

	if (rc == TICKET_OK && audit_log(rq, "ticket.answer", "ticket", id, req_str(rq, "status")) != 0)
		return 500;
	return adm_tickets_after(rq, rs, rc, "Answer sent.");
}

/*
 * ROUTE: POST /admin/tickets/{id}/note      TEMPLATE: admin/tickets_view.tpl
 * PARAMS: note (5000)
 * An internal note: only support reads it; the asker is not told.
 */
int
adm_tickets_note(struct req *rq, struct resp *rs)
{
	return adm_tickets_after(rq, rs, ticket_note(req_path_id(rq, "id"), rq->sess->user_id, req_str(rq, "note")),
				 "Note added. The customer does not see it.");
}

/*
 * ROUTE: POST /admin/tickets/{id}/assign      TEMPLATE: none
 * PARAMS: assignee (an admin or support user's id; 0: nobody)
 * Gives the ticket to a member of support, who is mailed.
 */
int
adm_tickets_assign(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id"), assignee = req_int(rq, "assignee", 0);
	int rc = ticket_assign(id, rq->sess->user_id, assignee);

	if (rc == TICKET_NOT_FOUND && db_scalar(0, "SELECT COUNT(*) FROM tickets WHERE id = ?", "i", id) == 1) {
		rs->message = "Choose a member of the support team.";
		return 400;
	}
	if (rc == TICKET_OK && audit_log(rq, "ticket.assign", "ticket", id, assignee ? "assigned" : "unassigned") != 0)
		return 500;
	return adm_tickets_after(rq, rs, rc, assignee ? "Assigned." : "Nobody has it now.");
}

/*
 * ROUTE: POST /admin/tickets/{id}/status      TEMPLATE: none
 * PARAMS: status (open, waiting, resolved)
 * Changes the ticket's status; resolving it mails the asker.
 */
int
adm_tickets_status(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id");
	int rc = ticket_set_status(id, rq->sess->user_id, req_str(rq, "status"), &adm_tickets_links);

	if (rc == TICKET_OK && audit_log(rq, "ticket.status", "ticket", id, req_str(rq, "status")) != 0)
		return 500;
	return adm_tickets_after(rq, rs, rc, "Status changed.");
}

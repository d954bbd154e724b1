/*
 * sf_tickets: a customer's questions to the marketplace's support team
 * (ticket.h): the list, a new one (optionally about one of their orders)
 * and one ticket with its answers, where the customer writes again. Every
 * query names the session's user: another's ticket is a 404. Support's
 * internal notes never reach these pages.
 */
#include "sf.h"

#include "sess.h"
#include "ticket.h"
#include "view.h"

static const struct ticket_pages sf_tickets_pages = {
	.base = "/account/tickets",
	.home_label = "Your account",
	.home_url = "/account",
	.list_template = "storefront/tickets_list.tpl",
	.form_template = "storefront/tickets_form.tpl",
	.view_template = "storefront/tickets_view.tpl",
	.order_hint = "If it is about an order, its number from the confirmation mail, such as BZ-000123.",
};

static struct ticket_party
sf_tickets_party(const struct req *rq)
{
	struct ticket_party p = { 0, rq->sess->user_id, 0 };

	return p;
}

/* Renders a page a builder made, or answers its status. */
static int
sf_tickets_render(struct view *v, struct resp *rs, tmpl_dict *d)
{
	if (d == NULL) {
		view_discard(v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(v, rs);
}

/*
 * ROUTE: GET /account/tickets      TEMPLATE: storefront/tickets_list.tpl
 * PARAMS: none
 * The customer's questions to support, the latest change first, with their
 * status.
 */
int
sf_tickets_list(struct req *rq, struct resp *rs)
{
	struct ticket_party p = sf_tickets_party(rq);
	struct view v = { 0 };

	return sf_tickets_render(&v, rs, ticket_page_list(rq, rs, &v, &p, &sf_tickets_pages));
}

/* The new question's form (route_form_page). */
tmpl_dict *
sf_tickets_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return ticket_page_form(rq, rs, v, &sf_tickets_pages);
}

/*
 * ROUTE: GET /account/tickets/new      TEMPLATE: storefront/tickets_form.tpl
 * PARAMS: order (an order number to fill in), category
 * The form of a new question: subject, what it is about, the order (one of
 * the customer's) and the message.
 */
int
sf_tickets_new(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_tickets_form_page);
}

/*
 * ROUTE: POST /account/tickets      TEMPLATE: storefront/tickets_form.tpl
 * PARAMS: subject (150), category (order, payment, account, other), order (an order number of the
 *         customer's, optional), body (5000)
 * Opens the ticket (support and the customer are mailed) and shows it; an
 * order number that is not the customer's shows the form again.
 */
int
sf_tickets_create(struct req *rq, struct resp *rs)
{
	struct ticket_party p = sf_tickets_party(rq);

	return ticket_page_open(rq, rs, &p, &sf_tickets_pages);
}

/* One ticket with the answer form (route_form_page). */
tmpl_dict *
sf_tickets_view_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct ticket_party p = sf_tickets_party(rq);

	return ticket_page_view(rq, rs, v, &p, &sf_tickets_pages);
}

/*
 * ROUTE: GET /account/tickets/{id}      TEMPLATE: storefront/tickets_view.tpl
 * PARAMS: none
 * The customer's ticket: its messages and support's answers (never an
 * internal note), and the form to write again.
 */
int
sf_tickets_view(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_tickets_view_page);
}

/*
 * ROUTE: POST /account/tickets/{id}/reply      TEMPLATE: storefront/tickets_view.tpl
 * PARAMS: body (5000)
 * The customer writes on their ticket: it is open again and support is
 * mailed. Redirects to the ticket.
 */
int
sf_tickets_reply(struct req *rq, struct resp *rs)
{
	struct ticket_party p = sf_tickets_party(rq);

	return ticket_page_reply(rq, rs, &p, &sf_tickets_pages);
}

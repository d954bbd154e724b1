/*
 * vp_tickets: a vendor's questions to the marketplace's support team
 * (ticket.h), as the customer's on the shop's account pages: the list, a
 * new one (optionally about one of the shop's orders) and one ticket with
 * its answers. Every query names the session's vendor: another shop's
 * ticket is a 404. Support's internal notes never reach these pages.
 */
#include "vp.h"

#include "sess.h"
#include "ticket.h"
#include "view.h"

static const struct ticket_pages vp_tickets_pages = {
	.base = "/vendor/tickets",
	.home_label = "Vendor portal",
	.home_url = "/vendor/",
	.list_template = "vendor/tickets_list.tpl",
	.form_template = "vendor/tickets_form.tpl",
	.view_template = "vendor/tickets_view.tpl",
	.order_hint = "If it is about an order, your part's number from the orders page, such as BZ-000123-1.",
};

/* The session's shop as the asker; 0 or the status. */
static int
vp_tickets_party(struct req *rq, struct ticket_party *p)
{
	struct vp_vendor vendor;
	int status = vp_profile_vendor(rq, &vendor);

	p->vendor = 1;
	p->user_id = rq->sess->user_id;
	p->vendor_id = vendor.id;
	return status;
}

/* A page a builder made, with the portal navigation, or its status. */
static int
vp_tickets_render(struct view *v, struct resp *rs, tmpl_dict *d)
{
	if (d == NULL) {
		view_discard(v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(v, rs);
}

/*
 * ROUTE: GET /vendor/tickets      TEMPLATE: vendor/tickets_list.tpl
 * PARAMS: none
 * The shop's questions to support, the latest change first, with their
 * status.
 */
int
vp_tickets_list(struct req *rq, struct resp *rs)
{
	struct ticket_party p;
	struct view v = { 0 };
	tmpl_dict *d;
	int status;

	if ((status = vp_tickets_party(rq, &p)) != 0)
		return status;
	if ((d = ticket_page_list(rq, rs, &v, &p, &vp_tickets_pages)) != NULL)
		vp_dashboard_nav(d, "/vendor/tickets");
	return vp_tickets_render(&v, rs, d);
}

/* The new question's form (route_form_page). */
tmpl_dict *
vp_tickets_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct ticket_party p;
	tmpl_dict *d;

	if ((rs->status = vp_tickets_party(rq, &p)) != 0)
		return NULL;
	if ((d = ticket_page_form(rq, rs, v, &vp_tickets_pages)) != NULL)
		vp_dashboard_nav(d, "/vendor/tickets");
	return d;
}

/*
 * ROUTE: GET /vendor/tickets/new      TEMPLATE: vendor/tickets_form.tpl
 * PARAMS: order (an order number to fill in), category
 * The form of a new question: subject, what it is about, the order (one of
 * the shop's parts of an order) and the message.
 */
int
vp_tickets_new(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, vp_tickets_form_page);
}

/*
 * ROUTE: POST /vendor/tickets      TEMPLATE: vendor/tickets_form.tpl
 * PARAMS: subject (150), category (order, payment, account, other), order (a number of the shop's
 *         orders, optional), body (5000)
 * Opens the ticket (support and the vendor are mailed) and shows it; an
 * order number that is not the shop's shows the form again.
 */
int
vp_tickets_create(struct req *rq, struct resp *rs)
{
	struct ticket_party p;
	int status;

	if ((status = vp_tickets_party(rq, &p)) != 0)
		return status;
	return ticket_page_open(rq, rs, &p, &vp_tickets_pages);
}

/* One ticket with the answer form (route_form_page). */
tmpl_dict *
vp_tickets_view_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct ticket_party p;
	tmpl_dict *d;

	if ((rs->status = vp_tickets_party(rq, &p)) != 0)
		return NULL;
	if ((d = ticket_page_view(rq, rs, v, &p, &vp_tickets_pages)) != NULL)
		vp_dashboard_nav(d, "/vendor/tickets");
	return d;
}

/*
 * ROUTE: GET /vendor/tickets/{id}      TEMPLATE: vendor/tickets_view.tpl
 * PARAMS: none
 * The shop's ticket: its messages and support's answers (never an internal
 * note), and the form to write again.
 */
int
vp_tickets_view(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, vp_tickets_view_page);
}

/*
 * ROUTE: POST /vendor/tickets/{id}/reply      TEMPLATE: vendor/tickets_view.tpl
 * PARAMS: body (5000)
 * The vendor writes on the shop's ticket: it is open again and support is
 * mailed. Redirects to the ticket.
 */
int
vp_tickets_reply(struct req *rq, struct resp *rs)
{
	struct ticket_party p;
	int status;

	if ((status = vp_tickets_party(rq, &p)) != 0)
		return status;
	return ticket_page_reply(rq, rs, &p, &vp_tickets_pages);
}

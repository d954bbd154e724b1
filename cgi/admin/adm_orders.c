/*
 * adm_orders: every order of the marketplace, for the admins: a list by
 * status (of the order, or of any of its vendor orders) that finds an order
 * by its number or the customer's address, and an order's page with every
 * shop's part, the address, the totals and the history.
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "money.h"
#include "orderflow.h"
#include "orderview.h"

/* The list's filters: "" (all), each order status, then the vendor order
 * statuses that matter to an admin (an order with any part in it). */
const char *const adm_orders_filters[] = {
	"awaiting_payment", "paid", "expired", "cancelled", "processing", "shipped", "delivered", "refunded", NULL,
};

/* status: '' or an order status; part: '' or a vendor order status; q: ''
 * or an order number, a vendor order number or the customer's address. */
#define ADM_ORDERS_WHERE \
	" FROM orders o WHERE (? = '' OR o.status = ?)" \
	" AND (? = '' OR EXISTS (SELECT 1 FROM vendor_orders p WHERE p.order_id = o.id AND p.status = ?))" \
	" AND (? = '' OR o.number = ? OR o.email = ?" \
	" OR EXISTS (SELECT 1 FROM vendor_orders n WHERE n.order_id = o.id AND n.number = ?))"
static const char adm_orders_count_sql[] = "SELECT COUNT(*)" ADM_ORDERS_WHERE;
static const char adm_orders_page_sql[] =
	"SELECT o.id, o.number, DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i'), o.status, o.email, o.total_minor,"
	" o.payment_method, (SELECT GROUP_CONCAT(CONCAT(v.trading_name, ': ', vo.status) ORDER BY vo.id SEPARATOR '; ')"
	" FROM vendor_orders vo JOIN vendors v ON v.id = vo.vendor_id WHERE vo.order_id = o.id)"
	ADM_ORDERS_WHERE " ORDER BY o.id DESC LIMIT ? OFFSET ?";

/*
 * ROUTE: GET /admin/orders      TEMPLATE: admin/orders_list.tpl
 * PARAMS: status (an order status, or processing, shipped, delivered,
 *         refunded: an order with a part in it), q (order or vendor order
 *         number or the customer's address, up to 254), page
 * Every order, newest first, with its customer, total, status and each
 * shop's part.
 */
int
adm_orders_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *filter = req_str(rq, "status"), *q = req_str(rq, "q");
	const char *order_status = "", *part_status = "";
	const char *filters[5];
	long long page = req_int(rq, "page", 1), total;
	char money[48];
	tmpl_dict *d;
	int i, status = 500;

	if (filter == NULL)
		filter = "";
	if (q == NULL)
		q = "";
	for (i = 0; orderflow_order_statuses[i] != NULL; i++)
		if (strcmp(filter, orderflow_order_statuses[i]) == 0)
			order_status = filter;
	if (*filter && !*order_status)
		part_status = filter;
	total = db_scalar(-1, adm_orders_count_sql, "ssssssss", order_status, order_status, part_status, part_status,
			  q, q, q, q);
	if (total < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	r = db_query(adm_orders_page_sql, "ssssssssii", order_status, order_status, part_status, part_status, q, q, q,
		     q, (long long)ADM_PER_PAGE, adm_offset(page));
	if (r == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/orders_list.tpl", "Orders", ADM_SECTION_ORDERS);
	view_crumb(&v, "Orders", NULL);
	tmpl_set(d, "Q", q);
	for (i = 0; adm_orders_filters[i] != NULL; i++) {
		tmpl_dict *f = tmpl_section(d, "FILTER");

		tmpl_set(f, "VALUE", adm_orders_filters[i]);
		tmpl_set(f, "LABEL", i < 4 ? orderflow_status_label(adm_orders_filters[i]) :
			 arena_printf(a, "A part %s", strcmp(adm_orders_filters[i], "processing") == 0 ?
				      "being prepared" : adm_orders_filters[i]));
		if (strcmp(filter, adm_orders_filters[i]) == 0)
			tmpl_show(f, "SELECTED");
	}
	while (db_next(r)) {
		tmpl_dict *row = tmpl_section(d, "ORDER");

		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "NUMBER", db_str(r, 1));
		tmpl_set(row, "PLACED_AT", db_str(r, 2));
		tmpl_set(row, "STATUS", db_str(r, 3));
		tmpl_set(row, "STATUS_LABEL", orderflow_status_label(db_str(r, 3)));
		tmpl_set(row, "EMAIL", db_str(r, 4));
		tmpl_set(row, "TOTAL", money_format(db_int(r, 5), money, sizeof money));
		tmpl_set(row, "METHOD", db_str(r, 6));
		tmpl_set(row, "PARTS", db_str(r, 7) ? db_str(r, 7) : "");
	}
	if (total == 0)
		tmpl_show(d, "NO_ORDERS");
	else
		tmpl_set(tmpl_section(d, "HAS_ORDERS"), "RESULT_TEXT", adm_result_text(a, page, total, "order", "orders"));
	filters[0] = "status";
	filters[1] = filter;
	filters[2] = "q";
	filters[3] = q;
	filters[4] = NULL;
	adm_pagination(d, a, "/admin/orders", filters, page, total);
	status = view_end(&v, rs);
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * ROUTE: GET /admin/orders/{id}      TEMPLATE: admin/orders_view.tpl
 * PARAMS: none
 * One order in full: every shop's part with its status and tracking, the
 * customer, the delivery address, the totals and the history.
 */
int
adm_orders_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *d, *od = NULL;
	int status;

	d = adm_page(&v, rq, rs, "admin/orders_view.tpl", "Order", ADM_SECTION_ORDERS);
	view_crumb(&v, "Orders", "/admin/orders");
	view_crumb(&v, "Order", NULL);
	if ((status = orderview_include(d, &rq->arena, req_path_id(rq, "id"), 0, ORDERVIEW_ADDRESS | ORDERVIEW_HISTORY,
					NULL, &od)) != 0) {
		view_discard(&v);
		return status;
	}
	tmpl_show(od, "SHOW_EMAIL");
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

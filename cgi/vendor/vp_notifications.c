/*
 * vp_notifications: the shop's notification centre in the vendor portal
 * (new orders, messages, reviews, tickets), the same page as the shopper's
 * (templates/layout/_notifications.tpl, filled by notify_centre_fill) for the
 * owner account's vendor lines, and its choice of which come by mail.
 */
#include "vp.h"

#include "csrf.h"
#include "notify.h"
#include "sess.h"

#define VP_NOTIFICATIONS_PATH "/vendor/notifications"

/*
 * ROUTE: GET /vendor/notifications      TEMPLATE: vendor/notifications_list.tpl
 * PARAMS: page (1..)
 * The shop's notifications, newest first, unread ones marked, each a button
 * that opens what it is about; "mark all as read"; the mail choices.
 */
int
vp_notifications_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct notify_centre c = {
		.arena = &rq->arena,
		.user_id = rq->sess->user_id,
		.audience = NOTIFY_VENDOR,
		.path = VP_NOTIFICATIONS_PATH,
		.page = req_int(rq, "page", 1),
	};
	tmpl_dict *d;
	int rc;

	c.csrf = csrf_token(rq, rs);
	d = view_begin(&v, rq, rs, "vendor/notifications_list.tpl", "Notifications");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Notifications", NULL);
	vp_dashboard_nav(d, VP_NOTIFICATIONS_PATH);
	rc = notify_centre_fill(&c, tmpl_include(d, "CENTRE", "layout/_notifications.tpl"));
	if (rc != 0) {
		view_discard(&v);
		return rc > 0 ? 404 : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /vendor/notifications/{id}/open      TEMPLATE: none (redirects to the line's page)
 * PARAMS: id (one of the shop's notifications)
 * Marks the notification read and goes to the page it is about; someone
 * else's is a 404.
 */
int
vp_notifications_open(struct req *rq, struct resp *rs)
{
	const char *url = notify_open(&rq->arena, rq->sess->user_id, NOTIFY_VENDOR, req_path_id(rq, "id"));

	if (url == NULL)
		return 404;
	return resp_redirect(rs, 303, url);
}

/*
 * ROUTE: POST /vendor/notifications/read-all      TEMPLATE: none (redirects to /vendor/notifications)
 * PARAMS: none
 * Marks every notification of the shop read.
 */
int
vp_notifications_read_all(struct req *rq, struct resp *rs)
{
	if (notify_mark_all_read(rq->sess->user_id, NOTIFY_VENDOR) < 0)
		return 500;
	resp_set_flash(rs, "All notifications are marked as read.");
	return resp_redirect(rs, 303, VP_NOTIFICATIONS_PATH);
}

/*
 * ROUTE: POST /vendor/notifications/settings      TEMPLATE: none (redirects to /vendor/notifications)
 * PARAMS: mail (a kind's name, any number of times: the kinds that come by mail)
 * Saves which kinds come by mail: the ticked ones do, the others not.
 */
int
vp_notifications_settings(struct req *rq, struct resp *rs)
{
	size_t n = kvlist_count(&rq->form_fields, "mail"), i;
	const char **on = arena_alloc(&rq->arena, (n + 1) * sizeof *on);

	for (i = 0; i < n; i++)
		on[i] = req_str_at(rq, "mail", i);
	if (notify_save_choices(rq->sess->user_id, NOTIFY_VENDOR, on, n) != 0)
		return 500;
	resp_set_flash(rs, "Your mail choices are saved.");
	return resp_redirect(rs, 303, VP_NOTIFICATIONS_PATH);
}

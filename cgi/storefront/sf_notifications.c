/*
 * sf_notifications: the shopper's notification centre (what happened: an
 * order shipped, a message, a review answered, a ticket answered, a saved
 * product cheaper or back in stock), the choice of which of them also come
 * by mail, and the one-click unsubscribe link of those mails (RFC 8058),
 * which works without logging in. The lines are written by notify_user
 * (cgi/lib/notify.c); the vendor portal has the same centre for its side.
 */
#include "sf_account.h"

#include <stdlib.h>
#include <string.h>

#include "csrf.h"
#include "log.h"
#include "notify.h"
#include "paging.h"

#define SF_NOTIFICATIONS_PATH "/account/notifications"

/*
 * ROUTE: GET /account/notifications      TEMPLATE: storefront/notifications_list.tpl
 * PARAMS: page (1..)
 * The account's notifications, newest first, unread ones marked, each a
 * button that opens what it is about; "mark all as read"; and a tick box
 * per kind for which of them also come by mail.
 */
int
sf_notifications_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct notify_centre c = {
		.arena = &rq->arena,
		.user_id = rq->sess->user_id,
		.audience = NOTIFY_SHOPPER,
		.path = SF_NOTIFICATIONS_PATH,
		.page = req_int(rq, "page", 1),
	};
	tmpl_dict *d;
	int rc;

	c.csrf = csrf_token(rq, rs);
	d = sf_account_page(&v, rq, rs, "storefront/notifications_list.tpl", "Notifications");
	rc = notify_centre_fill(&c, tmpl_include(d, "CENTRE", "layout/_notifications.tpl"));
	if (rc != 0) {
		view_discard(&v);
		return rc > 0 ? 404 : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /account/notifications/{id}/open      TEMPLATE: none (redirects to the line's page)
 * PARAMS: id (one of the account's notifications)
 * Marks the notification read and goes to the page it is about; someone
 * else's is a 404.
 */
int
sf_notifications_open(struct req *rq, struct resp *rs)
{
	const char *url = notify_open(&rq->arena, rq->sess->user_id, NOTIFY_SHOPPER, req_path_id(rq, "id"));

	if (url == NULL)
		return 404;
	return resp_redirect(rs, 303, url);
}

/*
 * ROUTE: POST /account/notifications/read-all      TEMPLATE: none (redirects to /account/notifications)
 * PARAMS: none
 * Marks every notification of the account read.
 */
int
sf_notifications_read_all(struct req *rq, struct resp *rs)
{
	if (notify_mark_all_read(rq->sess->user_id, NOTIFY_SHOPPER) < 0)
		return 500;
	resp_set_flash(rs, "All notifications are marked as read.");
	return resp_redirect(rs, 303, SF_NOTIFICATIONS_PATH);
}

/*
 * ROUTE: POST /account/notifications/settings      TEMPLATE: none (redirects to /account/notifications)
 * PARAMS: mail (a kind's name, any number of times: the kinds that come by mail)
 * Saves which kinds come by mail: the ticked ones do, the others not.
 */
int
sf_notifications_settings(struct req *rq, struct resp *rs)
{
	size_t n = kvlist_count(&rq->form_fields, "mail"), i;
	const char **on = arena_alloc(&rq->arena, (n + 1) * sizeof *on);

	for (i = 0; i < n; i++)
		on[i] = req_str_at(rq, "mail", i);
	if (notify_save_choices(rq->sess->user_id, NOTIFY_SHOPPER, on, n) != 0)
		return 500;
	resp_set_flash(rs, "Your mail choices are saved.");
	return resp_redirect(rs, 303, SF_NOTIFICATIONS_PATH);
}

/* The link's account, audience and kind, when its signature is right (from
 * the query string, also for the POST that the mail client sends to the
 * same address). 0, 404 for a link that is not valid, 500. */
static int
sf_notifications_link(struct req *rq, long long *user_id, int *aud, const struct notify_kind **kind)
{
	const char *u = kvlist_get(&rq->query_fields, "u"), *a = kvlist_get(&rq->query_fields, "a"),
		   *k = kvlist_get(&rq->query_fields, "k"), *s = kvlist_get(&rq->query_fields, "s");
	char *end = NULL;
	int ok;

	if (u == NULL || *u < '1' || *u > '9' || strlen(u) > 18)
		return 404;
	*user_id = strtoll(u, &end, 10);
	if (*end != '\0' || (*aud = notify_audience_parse(a)) < 0 || (*kind = notify_kind_find(k)) == NULL)
		return 404;
	if ((ok = notify_signature_ok(*user_id, (enum notify_audience)*aud, k, s)) < 0)
		return 500;
	return ok ? 0 : 404;
}

/* The unsubscribe page: DONE (mails of the kind stopped) or the button. */
static int
sf_notifications_unsubscribe_page(struct req *rq, struct resp *rs, int aud, const struct notify_kind *k,
				  int done)
{
	struct view v = { 0 };
	tmpl_dict *d = view_begin(&v, rq, rs, "storefront/notifications_unsubscribe.tpl", "Stop these mails");

	tmpl_set(d, "LABEL", k->label);
	tmpl_set(d, "ACTION", arena_printf(&rq->arena, "/unsubscribe?%s", rq->query));
	tmpl_show(d, done ? "DONE" : "ASK");
	tmpl_show(d, aud == NOTIFY_VENDOR ? "VENDOR" : "SHOPPER");
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /unsubscribe      TEMPLATE: storefront/notifications_unsubscribe.tpl
 * PARAMS: u (account), a (shopper or vendor), k (kind), s (signature), all
 * checked by the handler: a link that is not signed for them is a 404.
 * The link at the end of a notification mail: asks to confirm with one
 * button (a link scanner opening it changes nothing).
 */
int
sf_notifications_unsubscribe_form(struct req *rq, struct resp *rs)
{
	const struct notify_kind *k;
	long long user_id;
	int aud, rc;

	if ((rc = sf_notifications_link(rq, &user_id, &aud, &k)) != 0)
		return rc;
	return sf_notifications_unsubscribe_page(rq, rs, aud, k, 0);
}

/*
 * ROUTE: POST /unsubscribe      TEMPLATE: storefront/notifications_unsubscribe.tpl
 * PARAMS: List-Unsubscribe (One-Click); u, a, k, s in the query string as
 * for GET. No form token: the signature is the authority (R_SIGNED), so a
 * mail client's one-click POST (RFC 8058) and the page's button both work
 * without logging in.
 * Stops mails of the link's kind for its account; saying it again is fine.
 */
int
sf_notifications_unsubscribe(struct req *rq, struct resp *rs)
{
	const struct notify_kind *k;
	long long user_id;
	int aud, rc;

	if ((rc = sf_notifications_link(rq, &user_id, &aud, &k)) != 0)
		return rc;
	if (notify_set_mail(user_id, (enum notify_audience)aud, k->name, 0) != 0)
		return 500;
	log_info("notify.unsubscribe", "user=%lld audience=%s kind=%s", user_id,
		 notify_audience_name((enum notify_audience)aud), k->name);
	return sf_notifications_unsubscribe_page(rq, rs, aud, k, 1);
}

/*
 * sf_account_session: where the account is logged in, and logging out
 * sessions elsewhere.
 */
#include "sf_account.h"


/*
 * ROUTE: GET /account/sessions      TEMPLATE: storefront/account_session_list.tpl
 * PARAMS: none
 * Where the account is logged in: each session with when it started, when
 * it was last used, the address and browser it came from, and a button to
 * end it.
 */
int
sf_account_session_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	tmpl_dict *d, *row;
	long long others = 0;

	r = db_query("SELECT id, DATE_FORMAT(created_at, '%e %b %Y, %H:%i'),"
		     " DATE_FORMAT(last_seen_at, '%e %b %Y, %H:%i'), ip, user_agent FROM sessions"
		     " WHERE user_id = ? AND expires_at > NOW() ORDER BY last_seen_at DESC, id DESC",
		     "i", rq->sess->user_id);
	if (r == NULL)
		return 500;
	d = sf_account_page(&v, rq, rs, "storefront/account_session_list.tpl", "Your sessions");
	while (db_next(r)) {
		row = tmpl_section(d, "SESSION");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "CREATED", db_str(r, 1));
		tmpl_set(row, "LAST_SEEN", db_str(r, 2));
		tmpl_set(row, "IP", *db_str(r, 3) ? db_str(r, 3) : "unknown");
		tmpl_set(row, "USER_AGENT", *db_str(r, 4) ? db_str(r, 4) : "unknown browser");
		if (db_int(r, 0) == rq->sess->id) {
			tmpl_show(row, "CURRENT");
		} else {
			tmpl_show(row, "OTHER");
			others++;
		}
	}
	db_free(r);
	if (others > 0)
		tmpl_show(d, "HAS_OTHERS");
	return view_end_status(&v, rs, 200);
}

/*
 * ROUTE: POST /account/sessions/{id}/end      TEMPLATE: none (redirects to /account/sessions)
 * PARAMS: id (one of the user's sessions)
 * Ends one session of the user (ending the current one logs out).
 */
int
sf_account_session_end(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	int ended;

	if (id == rq->sess->id) {
		if (sess_end(rq, rs) != 0)
			return 500;
		resp_set_flash(rs, "You are logged out.");
		return resp_redirect(rs, 303, "/");
	}
	if ((ended = sess_end_one(rq->sess->user_id, id)) < 0)
		return 500;
	if (ended == 0)
		return 404;
	resp_set_flash(rs, "That session has been logged out.");
	return resp_redirect(rs, 303, "/account/sessions");
}

/*
 * ROUTE: POST /account/sessions/end-others      TEMPLATE: none (redirects to /account/sessions)
 * PARAMS: none
 * Ends every session of the user except the one making the request.
 */
int
sf_account_session_end_others(struct req *rq, struct resp *rs)
{
	long long n = sess_end_others(rq->sess->user_id, rq->sess->id);

	if (n < 0)
		return 500;
	resp_set_flash(rs, n == 0 ? "There were no other sessions to log out." :
		       n == 1 ? "1 other session has been logged out." :
		       arena_printf(&rq->arena, "%lld other sessions have been logged out.", n));
	return resp_redirect(rs, 303, "/account/sessions");
}

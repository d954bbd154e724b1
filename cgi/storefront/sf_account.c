/*
 * sf_account: what the account pages share (sf_account.h): the page frame
 * and the current-password check. The pages themselves are in
 * sf_account_<family>.c.
 */
#include "sf_account.h"

#include <string.h>

#include "auth.h"
#include "password.h"

tmpl_dict *
sf_account_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
		const char *title)
{
	tmpl_dict *d = sf_auth_page(v, rq, rs, page_template, title);

	if (title != NULL && strcmp(title, "Your account") == 0) {
		view_crumb(v, "Your account", NULL);
	} else {
		view_crumb(v, "Your account", "/account");
		view_crumb(v, title, NULL);
	}
	return d;
}

int
sf_account_password_check(struct req *rq, struct resp *rs, tmpl_dict *d, const char *typed)
{
	const struct sess *s = rq->sess;
	struct db_result *r;
	long long wait, attempt;
	int right;

	if (typed == NULL || *typed == '\0') {
		view_form_error(d, "current_password", "Enter your current password.");
		return 422;
	}
	if ((wait = auth_login_locked(s->email, rq->ip)) > 0) {
		view_form_error(d, "current_password",
				arena_printf(&rq->arena, "Too many wrong passwords. Try again in %lld %s.",
					     (wait + 59) / 60, (wait + 59) / 60 == 1 ? "minute" : "minutes"));
		resp_retry_after(rs, wait);
		return 429;
	}
	if ((attempt = auth_login_attempt(s->email, rq->ip)) < 0)
		return 500;
	if ((r = db_query("SELECT password_hash FROM users WHERE id = ?", "i", s->user_id)) == NULL)
		return 500;
	right = db_next(r) && !db_null(r, 0) && password_verify(db_str(r, 0), typed);
	db_free(r);
	auth_login_settle(rq, attempt, s->email, right, s->email);
	if (right)
		return 0;
	view_form_error(d, "current_password", "Your current password is wrong.");
	return 422;
}

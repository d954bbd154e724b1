/*
 * sf_account: what the account pages share (sf_account.h): the page frame,
 * the current-password check and the phone number rule. The pages themselves are in sf_account_<family>.c.
 */
#include "sf_account.h"

#include <string.h>

#include "auth.h"
#include "password.h"

#define SF_ACCOUNT_PHONE_MAX		30	/* bytes as typed */

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

const char *
sf_account_phone_problem(const char *trimmed)
{
	const char *p;
	int digits = 0;

	if (*trimmed == '\0')
		return NULL;
	if (strlen(trimmed) > SF_ACCOUNT_PHONE_MAX)
		return "Use at most 30 characters for the phone number.";
	for (p = trimmed; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p != trimmed)
			return "Put the + only at the start of the phone number.";
		else if (!strchr("+ ()-.", *p))
			return "Use only digits, spaces and + ( ) - . in the phone number.";
	}
	if (digits < 6 || digits > 20)
		return "Enter a phone number with 6 to 20 digits, for example +44 20 7946 0958.";
	return NULL;
}

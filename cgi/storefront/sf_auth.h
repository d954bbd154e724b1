/*
 * sf_auth.h: pieces shared by the sign-in pages (sf_auth.c) and the account
 * pages (sf_account_*.c): single-use links, the form page frame, and the
 * checks both families apply to names and addresses.
 */
#ifndef BAZAAR_SF_AUTH_H
#define BAZAAR_SF_AUTH_H
#include "auth.h"
#include "sf.h"
#include "token.h"


/* How long a link works, in hours (see the user_tokens table). */
#define SF_AUTH_RESET_HOURS		1
#define SF_AUTH_EMAIL_CHANGE_HOURS	24

/* A live single-use link found by its text (arena strings). */
struct sf_auth_token {
	long long id;
	long long user_id;
	const char *new_email;	/* email_change only, else NULL */
	const char *email;	/* the account's address */
	const char *name;
	const char *role;	/* the account's role */
};

/*
 * Finds the unused, unexpired token of purpose whose text is token, for an
 * active account. lock = 1 locks the row (inside a transaction). Returns 1
 * and fills out, 0 when the link is malformed, unknown, used or expired, -1
 * when the database fails.
 */
int sf_auth_token_find(struct arena *a, const char *token, const char *purpose, int lock,
		       struct sf_auth_token *out);
/* mail_base_url() + path + "?token=" + token, in the arena. */
char *sf_auth_link(struct arena *a, const char *path, const char *token);

/*
 * Starts a page of these families: view_begin, then the page dictionary's
 * SITE_NAME and CSRF (the forms' token; for a visitor without a session
 * this sets the bz_csrf cookie), and the "Home" breadcrumb.
 */
tmpl_dict *sf_auth_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
			const char *title);
/* Queues mail/<name>.tpl to an address inside the caller's transaction;
 * d gets NAME (when name is not NULL) and is freed. Returns 0 or -1. */
int sf_auth_mail(const char *to, const char *subject, const char *name_tpl, const char *name,
		 tmpl_dict *d);

#endif

/*
 * sf_account.h: pieces shared by the logged-in customer's own pages, one
 * file per page family:
 *   sf_account_profile.c   GET /account, POST /account/profile
 *   sf_account_password.c  /account/password
 *   sf_account_email.c     /account/email (with resend and cancel), /account/email/confirm
 *   sf_account_address.c   /account/addresses (the address book)
 *   sf_account_session.c   /account/sessions
 *   sf_account_data.c      GET /account/data.json
 *   sf_account_delete.c    /account/delete
 *
 * Phone numbers and addresses are personal data: they are stored sealed
 * (crypt.h) and opened only to be shown to their owner, with
 * crypt_open_column(..., "") so that a value that does not open shows empty. Changes that matter
 * for the account's safety (password, email address, deletion, data
 * download) are written to the audit log in the same transaction, and the
 * owner is told by mail. Someone else's address or session is a 404, never
 * a 403: the page does not confirm that it exists.
 */
#ifndef BAZAAR_SF_ACCOUNT_H
#define BAZAAR_SF_ACCOUNT_H
#include "address.h"
#include "sess.h"
#include "sf_auth.h"
#include "text.h"

/* The page frame of the account pages: "Home > Your account > title". */
tmpl_dict *sf_account_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
			   const char *title);

/*
 * Checks the current password typed into a form that changes something
 * important. The check counts as a login attempt of the account's address
 * (so a stolen session cannot be used to guess it): recorded before the
 * slow comparison, taken back when the password is right. Returns 0 when
 * right, else the status to answer with after marking the field on d (429
 * with Retry-After on rs while the address is locked).
 */
int sf_account_password_check(struct req *rq, struct resp *rs, tmpl_dict *d, const char *typed);


/* Shows the address change waiting for its link to be opened, if any, in
 * section EMAIL_PENDING of the page d (the partial
 * storefront/_account_email_pending.tpl, with its resend and cancel
 * buttons). Returns 0, or -1 when the database fails. */
int sf_account_email_pending(struct req *rq, tmpl_dict *d);

#endif

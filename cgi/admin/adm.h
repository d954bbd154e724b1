/*
 * adm: the admin site, where admins verify vendors, block and unblock
 * accounts and read the audit log. Every URL is under /admin/ and the route
 * table in adm_main.c lists them all; each page family has its own file:
 *   adm_auth.c     login, second factor (TOTP), enrolment, logout
 *   adm_home.c     GET /admin/                   the dashboard
 *   adm_vendors.c  /admin/vendors...             verification queue and decisions
 *   adm_users.c    /admin/users...               accounts, block and unblock
 *   adm_audit.c    GET /admin/audit              the audit log
 *   adm_listings.c /admin/listings...            listings waiting for review, decisions
 *   adm_words.c    /admin/prohibited-words...    the words that hold a listing for review
 *   adm_plans.c    /admin/plans...               plans and their terms;
 *                  POST /admin/vendors/{id}/plan  a vendor's plan
 *   adm_ledger.c   /admin/vendors/{id}/ledger    a vendor's ledger, credits and debits
 *   adm_payouts.c  /admin/payouts...             the payout queue, its export, its schedule
 *   adm_commission.c GET /admin/commission       commission revenue by period and vendor
 *   adm_coupons.c  /admin/coupons...             discount codes: make, change, withdraw
 *   adm_tax.c      /admin/tax...                 the tax rate of each category
 *   adm_refunds.c  /admin/refunds..., /admin/returns...  refunds (retries, by hand) and escalated returns
 *   adm_tickets.c  /admin/tickets...             support tickets (open to the support role too)
 *   adm_synonyms.c /admin/synonyms...            the search's synonym groups
 * adm_page.c holds what the pages share (the admin navigation, pagination,
 * the list-and-add pages of words: struct adm_terms).
 *
 * Only admins see these pages: a logged-in user with another role gets 404
 * everywhere, and apart from login, second factor and enrolment every page
 * needs the second factor passed in the session (route flag R_ADMIN). A
 * support user logs in the same way and sees the support tickets only
 * (R_SUPPORT).
 */
#ifndef BAZAAR_ADM_H
#define BAZAAR_ADM_H
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "fcgi_loop.h"
#include "tmpl.h"
#include "view.h"

extern const struct app adm_app;

#define ADM_PER_PAGE	50
#define ADM_PAGE_MAX	10000
#define ADM_REASON_MIN	10	/* characters of a rejection reason */
#define ADM_REASON_MAX	2000
#define ADM_STATUS_REASON_MAX 500	/* users.status_reason */
#define ADM_NOTE_MAX	1000	/* vendor_checks.note */

/* adm_auth.c */
int adm_auth_login_form(struct req *rq, struct resp *rs);
int adm_auth_login(struct req *rq, struct resp *rs);
tmpl_dict *adm_auth_login_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_auth_mfa_form(struct req *rq, struct resp *rs);
int adm_auth_mfa(struct req *rq, struct resp *rs);
int adm_auth_enrol_form(struct req *rq, struct resp *rs);
int adm_auth_enrol(struct req *rq, struct resp *rs);
int adm_auth_logout(struct req *rq, struct resp *rs);
/* adm_home.c */
int adm_home_view(struct req *rq, struct resp *rs);
/* adm_vendors.c */
int adm_vendors_list(struct req *rq, struct resp *rs);
int adm_vendors_view(struct req *rq, struct resp *rs);
int adm_vendors_check(struct req *rq, struct resp *rs);
int adm_vendors_checks(struct req *rq, struct resp *rs);
int adm_vendors_approve(struct req *rq, struct resp *rs);
int adm_vendors_reject(struct req *rq, struct resp *rs);
tmpl_dict *adm_vendors_reject_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_vendors_listing_review(struct req *rq, struct resp *rs);
tmpl_dict *adm_vendors_listing_review_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_users.c */
int adm_users_list(struct req *rq, struct resp *rs);
int adm_users_view(struct req *rq, struct resp *rs);
int adm_users_block(struct req *rq, struct resp *rs);
tmpl_dict *adm_users_block_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_users_unblock(struct req *rq, struct resp *rs);
tmpl_dict *adm_users_unblock_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_audit.c */
int adm_audit_list(struct req *rq, struct resp *rs);
/* adm_listings.c */
int adm_listings_queue(struct req *rq, struct resp *rs);
int adm_listings_view(struct req *rq, struct resp *rs);
int adm_listings_approve(struct req *rq, struct resp *rs);
int adm_listings_reject(struct req *rq, struct resp *rs);
tmpl_dict *adm_listings_reject_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_synonyms.c */
int adm_synonyms_list(struct req *rq, struct resp *rs);
int adm_synonyms_add(struct req *rq, struct resp *rs);
tmpl_dict *adm_synonyms_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_synonyms_delete_form(struct req *rq, struct resp *rs);
int adm_synonyms_delete(struct req *rq, struct resp *rs);
tmpl_dict *adm_synonyms_delete_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_words.c */
int adm_words_list(struct req *rq, struct resp *rs);
int adm_words_add(struct req *rq, struct resp *rs);
tmpl_dict *adm_words_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_words_delete_form(struct req *rq, struct resp *rs);
int adm_words_delete(struct req *rq, struct resp *rs);
tmpl_dict *adm_words_delete_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_plans.c */
/* adm_refunds.c */
int adm_refunds_list(struct req *rq, struct resp *rs);
int adm_refunds_retry(struct req *rq, struct resp *rs);
int adm_refunds_settle(struct req *rq, struct resp *rs);
int adm_refunds_new(struct req *rq, struct resp *rs);
int adm_refunds_create(struct req *rq, struct resp *rs);
int adm_refunds_returns(struct req *rq, struct resp *rs);
int adm_refunds_return(struct req *rq, struct resp *rs);
/* adm_conversations.c: a conversation, from a report or a dispute. */
int adm_conversations_view(struct req *rq, struct resp *rs);
int adm_refunds_return_accept(struct req *rq, struct resp *rs);
int adm_refunds_return_close(struct req *rq, struct resp *rs);
int adm_refunds_return_receive(struct req *rq, struct resp *rs);
int adm_refunds_return_pay(struct req *rq, struct resp *rs);
tmpl_dict *adm_refunds_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *adm_refunds_return_page(struct req *rq, struct resp *rs, struct view *v);
int adm_plans_list(struct req *rq, struct resp *rs);
int adm_plans_new(struct req *rq, struct resp *rs);
int adm_plans_edit(struct req *rq, struct resp *rs);
int adm_plans_create(struct req *rq, struct resp *rs);
int adm_plans_update(struct req *rq, struct resp *rs);
tmpl_dict *adm_plans_new_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *adm_plans_edit_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_plans_assign(struct req *rq, struct resp *rs);
/* adm_tax.c */
int adm_tax_list(struct req *rq, struct resp *rs);
int adm_tax_set(struct req *rq, struct resp *rs);
/* The vendor page's box with the plan, the balance and the plan form
 * (include marker VENDOR_MONEY, admin/_vendor_money.tpl). */
void adm_plans_vendor_box(tmpl_dict *d, struct req *rq, struct resp *rs, long long vendor_id);
/* adm_ledger.c */
int adm_ledger_view(struct req *rq, struct resp *rs);
int adm_ledger_post(struct req *rq, struct resp *rs);
tmpl_dict *adm_ledger_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_payouts.c */
extern const char *const adm_payouts_statuses[];
int adm_payouts_list(struct req *rq, struct resp *rs);
int adm_payouts_csv(struct req *rq, struct resp *rs);
int adm_payouts_sent(struct req *rq, struct resp *rs);
int adm_payouts_cancel(struct req *rq, struct resp *rs);
int adm_payouts_schedule(struct req *rq, struct resp *rs);
tmpl_dict *adm_payouts_form_page(struct req *rq, struct resp *rs, struct view *v);
/* adm_commission.c */
extern const char *const adm_commission_periods[];
int adm_commission_report(struct req *rq, struct resp *rs);
/* adm_coupons.c */
int adm_coupons_list(struct req *rq, struct resp *rs);
int adm_coupons_new(struct req *rq, struct resp *rs);
int adm_coupons_edit(struct req *rq, struct resp *rs);
int adm_coupons_create(struct req *rq, struct resp *rs);
int adm_coupons_update(struct req *rq, struct resp *rs);
tmpl_dict *adm_coupons_new_form_page(struct req *rq, struct resp *rs, struct view *v);
tmpl_dict *adm_coupons_edit_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_coupons_deactivate_form(struct req *rq, struct resp *rs);
int adm_coupons_deactivate(struct req *rq, struct resp *rs);
tmpl_dict *adm_coupons_deactivate_form_page(struct req *rq, struct resp *rs, struct view *v);

/* Choices of the list filters (NULL-terminated, for struct param). */
extern const char *const adm_vendors_statuses[];
extern const char *const adm_users_roles[];
extern const char *const adm_users_states[];
extern const char *const adm_vendors_listing_reviews[];

/* adm_bank.c: bank transfers matched to orders. */
int adm_bank_view(struct req *rq, struct resp *rs);
tmpl_dict *adm_bank_form_page(struct req *rq, struct resp *rs, struct view *v);
int adm_bank_record(struct req *rq, struct resp *rs);
int adm_bank_import(struct req *rq, struct resp *rs);
int adm_bank_assign(struct req *rq, struct resp *rs);

/* ---- adm_page.c: what the pages share ----------------------------------- */

/* What an account's or a shop's status (users.status, vendors.status) is
 * called on the pages: "pending" -> "Waiting for verification". */
const char *adm_status_label(const char *status);

/* Which entry of the admin navigation a page belongs to. */
enum adm_section {
	ADM_SECTION_NONE,
	ADM_SECTION_HOME,
	ADM_SECTION_VENDORS,
	ADM_SECTION_USERS,
	ADM_SECTION_AUDIT,
	ADM_SECTION_LISTINGS,
	ADM_SECTION_WORDS,
	ADM_SECTION_PLANS,
	ADM_SECTION_PAYOUTS,
	ADM_SECTION_COMMISSION,
	ADM_SECTION_COUPONS,
	ADM_SECTION_ORDERS,
	ADM_SECTION_TAX,
	ADM_SECTION_REFUNDS,
	ADM_SECTION_PAYMENTS,
	ADM_SECTION_TICKETS,
	ADM_SECTION_REPORTS,
	ADM_SECTION_SYNONYMS,
};

/*
 * view_begin for an admin page: the admin navigation (include ADMIN_NAV,
 * admin/_nav.tpl, with the logout form) when the visitor is an admin who
 * passed the second factor, the "Admin" breadcrumb, and CSRF in the page
 * dictionary for its forms. Returns the page dictionary.
 */
tmpl_dict *adm_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
		    const char *title, enum adm_section section);

/* A page builder: fills v (adm_page) and returns 200, or the status to
 * answer (404, 500...) with nothing held. */
typedef int (*adm_page_fn)(struct req *rq, struct resp *rs, struct view *v);
/* A GET handler's whole work for a page builder: the page, or the status. */
int adm_page_show(struct req *rq, struct resp *rs, adm_page_fn build);
/* The form page (route.h) of a POST route whose form a page builder draws:
 * its page dictionary, or NULL with rs->status set. */
tmpl_dict *adm_page_form(struct req *rq, struct resp *rs, struct view *v, adm_page_fn build);

/* Marks a field of a form section as wrong: section <NAME>_ERROR with
 * MESSAGE (the text next to the field) and section <NAME>_INVALID (the
 * field's aria attributes). For forms that repeat on a page, where
 * view_form_error's page-wide names would clash. */
void adm_field_error(struct arena *a, tmpl_dict *section, const char *name, const char *message);

/* The logged-in visitor is an admin (any second-factor state). */
int adm_is_admin(const struct req *rq);
/* The logged-in visitor is an admin or a support user (any second-factor
 * state): the people who log in to the admin site. */
int adm_is_staff(const struct req *rq);

/* Offset of a page of ADM_PER_PAGE rows. */
long long adm_offset(long long page);
/* True when page starts past the last row (a 404), page 1 never is. */
int adm_past_end(long long page, long long total);
/*
 * A list URL: path plus the non-empty filters (pairs of name and value,
 * NULL-terminated, values URL-encoded) and page when above 1.
 */
char *adm_url(struct arena *a, const char *path, const char *const *filters, long long page);
/* Fills include marker PAGINATION with layout/_pagination.tpl, as the shop
 * and the vendor portal do (nothing when everything fits on one page). */
void adm_pagination(tmpl_dict *d, struct arena *a, const char *path, const char *const *filters,
		    long long page, long long total);
/* "Showing 51–100 of 1,234 vendors" or "1,234 vendors" (paging_result_text). */
char *adm_result_text(struct arena *a, long long page, long long total, const char *noun_one,
		      const char *noun_many);

/*
 * A list of short texts that admins add and delete one at a time (the
 * prohibited words, the search's synonym groups) and what its pages show.
 * The list template has the add form, RESULT_TEXT, section NO_ENTRIES or
 * HAS_ENTRIES, section ENTRY a row (TEXT, ADDED, BY, DELETE_URL) and include
 * marker PAGINATION; the delete template has TEXT and ACTION.
 */
struct adm_terms {
	const char *count_sql;		/* SELECT COUNT(*) of the list */
	const char *list_sql;		/* id, text, added, added by: LIMIT ? OFFSET ? */
	const char *text_sql;		/* the text of id ? */
	const char *path;		/* the list; <path>/<id>/delete deletes one */
	const char *title;		/* of the list page and its breadcrumb */
	const char *list_template;
	const char *noun_one, *noun_many;	/* for RESULT_TEXT */
	const char *delete_title;
	const char *delete_template;
	enum adm_section section;
};
/* The list page with the add form into v, alphabetical, ADM_PER_PAGE a page:
 * 200, 404 past the last page, 500. */
int adm_terms_page(struct req *rq, struct resp *rs, struct view *v, const struct adm_terms *t);
/* The page that asks to confirm deleting entry {id} into v: 200, 404, 500. */
int adm_terms_confirm_page(struct req *rq, struct resp *rs, struct view *v, const struct adm_terms *t);

/* What the admin pages show for a sealed value that does not open (wrong
 * key, moved): crypt_open_column's fallback for them. */
#define ADM_UNREADABLE "(cannot be opened)"


/* adm_tickets.c: the support team's pages. */
extern const char *const adm_tickets_shows[];
extern const char *const adm_tickets_whose[];
int adm_tickets_list(struct req *rq, struct resp *rs);
int adm_tickets_view(struct req *rq, struct resp *rs);
int adm_tickets_answer(struct req *rq, struct resp *rs);
int adm_tickets_note(struct req *rq, struct resp *rs);
int adm_tickets_assign(struct req *rq, struct resp *rs);
int adm_tickets_status(struct req *rq, struct resp *rs);
tmpl_dict *adm_tickets_page(struct req *rq, struct resp *rs, struct view *v);

/* adm_orders.c: every order of the marketplace. */
extern const char *const adm_orders_filters[];
int adm_orders_list(struct req *rq, struct resp *rs);
int adm_orders_view(struct req *rq, struct resp *rs);

/* adm_reports.c: reported reviews and chat messages, and held reviews. */
int adm_reports_list(struct req *rq, struct resp *rs);
int adm_reports_hide(struct req *rq, struct resp *rs);
int adm_reports_keep(struct req *rq, struct resp *rs);

#endif

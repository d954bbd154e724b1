/*
 * adm_main: the admin program. This table is the only list of its URLs;
 * each row names the handler, the template it renders, who may use it and
 * the parameters it accepts (anything else never reaches a handler).
 *
 * Login, second factor and enrolment are open to the admin on the way in;
 * every other page needs an admin who passed the second factor (R_ADMIN),
 * and every POST a CSRF token (R_CSRF). The support pages (the dashboard,
 * which sends a support user on to them, and /admin/tickets...) are open to
 * the support role too (R_SUPPORT).
 */
#include "adm.h"

#include "auth.h"
#include "banktransfer.h"
#include "checklist.h"
#include "coupon.h"
#include "ledger.h"
#include "payout.h"
#include "moderation.h"
#include "plan.h"
#include "report.h"
#include "route.h"
#include "synonym.h"
#include "text.h"
#include "ticket.h"
#include "validate.h"

/* Fields checked by their handler, which shows the form again with what is
 * wrong next to each field; the fields of R_FORM routes carry their rules
 * (ROUTE_FIELD, the validators below) and the router does that. */
#define ADM_FIELD(name, max, label) { name, PARAM_TEXT, 0, max, NULL, 0, label, NULL, NULL }
#define ADM_FIELD_LINES(name, max, label) { name, PARAM_TEXT, 0, max, NULL, PARAM_MULTILINE, label, NULL, NULL }
#define ADM_PARAM_PAGE { "page", PARAM_INT, 1, ADM_PAGE_MAX, NULL, 0, "Page", NULL, NULL }
#define ADM_PARAMS_END { NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL }

/* The confirmation box of a form that changes something for good. */
static const char *const adm_main_yes[] = { "yes", NULL };
#define ADM_CONFIRM(missing) { "confirm", PARAM_ENUM, 0, 0, adm_main_yes, PARAM_REQUIRED, "Confirmation", NULL, missing }

/* The reason for blocking or unblocking an account (users.status_reason). */
static const char *
adm_main_status_reason(struct req *rq, const char **value)
{
	(void)rq;
	return text_chars(*value) > ADM_STATUS_REASON_MAX ? "Keep the reason to 500 characters." : NULL;
}

/* The reason for rejecting a vendor's submission, which the vendor reads. */
#define ADM_MAIN_REJECT_REASON \
	"Write the reason for the vendor, at least 10 characters: what is wrong and what to change."
static const char *
adm_main_reject_reason(struct req *rq, const char **value)
{
	size_t chars = text_chars(*value);

	(void)rq;
	if (chars < ADM_REASON_MIN)
		return ADM_MAIN_REJECT_REASON;
	return chars > ADM_REASON_MAX ? "Keep the reason to 2,000 characters." : NULL;
}

const char *const adm_vendors_statuses[] = { "pending", "verified", "rejected", "blocked", "all", NULL };
const char *const adm_users_roles[] = { "customer", "vendor", "admin", "support", NULL };
const char *const adm_users_states[] = { "active", "blocked", "deleted", NULL };
const char *const adm_vendors_listing_reviews[] = { "off", "first", "all", NULL };

static const struct param adm_params_next[] = {
	ADM_FIELD("next", 500, "Return address"),
	ADM_PARAMS_END,
};
/* The address's shape is auth_password_login's, as on the shop's login. */
static const struct param adm_params_login[] = {
	ROUTE_FIELD("email", 0, "Email", 0u, NULL, "Enter your email address."),
	ROUTE_SECRET("password", "Password", NULL, "Enter your password."),
	ADM_FIELD("next", 500, "Return address"),
	ADM_PARAMS_END,
};
static const struct param adm_params_mfa[] = {
	ADM_FIELD("code", 50, "Code"),
	ADM_FIELD("next", 500, "Return address"),
	ADM_PARAMS_END,
};
static const struct param adm_params_token[] = {
	ADM_FIELD("token", 100, "Link"),
	ADM_PARAMS_END,
};
static const char *const adm_enrol_steps[] = { "start", NULL };
static const struct param adm_params_enrol[] = {
	ADM_FIELD("token", 100, "Link"),
	{ "step", PARAM_ENUM, 0, 0, adm_enrol_steps, 0, "Step", NULL, NULL },
	ADM_FIELD("password", 1000, "Password"),
	ADM_FIELD("password2", 1000, "Password again"),
	ADM_FIELD("code", 50, "Code"),
	ADM_PARAMS_END,
};
static const struct param adm_params_vendors[] = {
	{ "status", PARAM_ENUM, 0, 0, adm_vendors_statuses, 0, "Status", NULL, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
static const struct param adm_params_check[] = {
	ADM_FIELD("item", 100, "Check"),
	ADM_FIELD("result", 20, "Result"),
	ADM_FIELD_LINES("note", 4000, "Note"),
	{ "seen", PARAM_INT, 0, 4102444800LL, NULL, 0, "Page time", NULL, NULL },
	ADM_PARAMS_END,
};
/* The form that passes several checks: a box per checklist item. */
static const char *const adm_vendors_ticks[] = { "yes", NULL };
#define ADM_PARAM_PASS(key, label, question) { "pass_" key, PARAM_ENUM, 0, 0, adm_vendors_ticks, 0, label, NULL, NULL },
static const struct param adm_params_checks[] = {
	CHECKLIST(ADM_PARAM_PASS)
	ADM_FIELD_LINES("note", 4000, "Note"),
	{ "seen", PARAM_INT, 0, 4102444800LL, NULL, 0, "Page time", NULL, NULL },
	ADM_PARAMS_END,
};
#undef ADM_PARAM_PASS
static const struct param adm_params_reject[] = {
	ROUTE_FIELD("reason", 0, "Reason", PARAM_MULTILINE, adm_main_reject_reason, ADM_MAIN_REJECT_REASON),
	ADM_CONFIRM("Tick the box to confirm the rejection."),
	ADM_PARAMS_END,
};
static const struct param adm_params_users[] = {
	{ "q", PARAM_TEXT, 0, 100, NULL, 0, "Search text", NULL, NULL },
	{ "role", PARAM_ENUM, 0, 0, adm_users_roles, 0, "Role", NULL, NULL },
	{ "status", PARAM_ENUM, 0, 0, adm_users_states, 0, "Status", NULL, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
static const struct param adm_params_block[] = {
	ROUTE_FIELD("reason", 0, "Reason", PARAM_MULTILINE, adm_main_status_reason,
		    "Write the reason. The account holder will read it."),
	ADM_CONFIRM("Tick the box to confirm the block."),
	ADM_PARAMS_END,
};
static const struct param adm_params_unblock[] = {
	ROUTE_FIELD("reason", 0, "Reason", PARAM_MULTILINE, adm_main_status_reason,
		    "Write why the account is unblocked (kept in the audit log)."),
	ADM_PARAMS_END,
};
static const struct param adm_params_audit[] = {
	{ "actor", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Actor", NULL, NULL },
	{ "action", PARAM_TEXT, 0, 64, NULL, 0, "Action", NULL, NULL },
	{ "object_type", PARAM_TEXT, 0, 32, NULL, 0, "Object type", NULL, NULL },
	{ "object_id", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Object id", NULL, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};

/* Listing moderation. */
static const struct param adm_params_page[] = {
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
#define ADM_PARAM_REVIEW \
	{ "review", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Review", NULL, NULL }, \
	{ "revision", PARAM_INT, 1, 4294967295LL, NULL, PARAM_REQUIRED, "Revision", NULL, NULL }
static const struct param adm_params_listing_approve[] = {
	ADM_PARAM_REVIEW,
	ADM_PARAMS_END,
};
static const struct param adm_params_listing_reject[] = {
	ADM_PARAM_REVIEW,
	ROUTE_FIELD("reason", 0, "Reason", PARAM_MULTILINE, adm_main_reject_reason, ADM_MAIN_REJECT_REASON),
	ADM_PARAMS_END,
};
/* A prohibited word: something left to match once folded (moderation.h). */
#define ADM_MAIN_WORD_MISSING "Write the word or phrase, with at least one letter or digit."
static const char *
adm_main_word(struct req *rq, const char **value)
{
	return *moderation_fold(&rq->arena, *value) ? NULL : ADM_MAIN_WORD_MISSING;
}
static const struct param adm_params_word[] = {
	ROUTE_FIELD("word", MODERATION_WORD_MAX, "Word", 0u, adm_main_word, ADM_MAIN_WORD_MISSING),
	ADM_PARAMS_END,
};
static const struct param adm_params_word_delete[] = {
	ADM_CONFIRM("Tick the box to confirm that the word goes."),
	ADM_PARAMS_END,
};
/* A synonym group: two or more words or phrases separated by commas (synonym.h). */
#define ADM_MAIN_SYNONYMS_MISSING "Write at least two words or phrases that mean the same, separated by commas."
static const char *
adm_main_synonyms(struct req *rq, const char **value)
{
	const char **words;
	size_t n;

	return synonym_parse(&rq->arena, *value, &words, &n);
}
static const struct param adm_params_synonyms[] = {
	ROUTE_FIELD("words", SYNONYM_TEXT_MAX, "Words", 0u, adm_main_synonyms, ADM_MAIN_SYNONYMS_MISSING),
	ADM_PARAMS_END,
};
static const struct param adm_params_synonyms_delete[] = {
	ADM_CONFIRM("Tick the box to confirm that the group goes."),
	ADM_PARAMS_END,
};
static const struct param adm_params_listing_review[] = {
	{ "mode", PARAM_ENUM, 0, 0, adm_vendors_listing_reviews, PARAM_REQUIRED, "Review before publishing", NULL,
	  "Choose when the shop's listings are reviewed." },
	{ "first", PARAM_INT, 0, MODERATION_FIRST_MAX, NULL, 0, "Number of first listings", NULL, NULL },
	ADM_PARAMS_END,
};
/* A plan's terms: amounts in the shop currency, the commission a percentage
 * with two decimals (its basis points, as an amount's minor units). */
#define ADM_MONEY_MAX 100000000LL	/* 1,000,000.00 */
static const struct param adm_params_plan[] = {
	ROUTE_FIELD("name", PLAN_NAME_MAX, "Name", 0u, NULL, "Enter a name for the plan."),
	{ "commission", PARAM_MONEY, 0, 10000, NULL, PARAM_REQUIRED, "Commission (%)", NULL,
	  "Enter the commission in percent, such as 12.5 (0 for none)." },
	{ "commission_min", PARAM_MONEY, 0, ADM_MONEY_MAX, NULL, 0, "Minimum commission", NULL, NULL },
	{ "commission_max", PARAM_MONEY, 0, ADM_MONEY_MAX, NULL, 0, "Maximum commission", NULL, NULL },
	{ "listing_limit", PARAM_INT, 1, 1000000, NULL, 0, "Listing limit", NULL, NULL },
	{ "promotion_daily_rate", PARAM_MONEY, 0, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Promotion price per day",
	  NULL, "Enter what a day of promotion costs, such as 3.00 (0 for free)." },
	{ "monthly_fee", PARAM_MONEY, 0, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Monthly fee", NULL,
	  "Enter the monthly fee, such as 19.00 (0 for none)." },
	ADM_PARAMS_END,
};
/* A category's tax rate: a percentage with two decimals (its basis points,
 * as an amount's minor units); empty: the top category's. */
static const struct param adm_params_tax[] = {
	{ "rate", PARAM_MONEY, 0, 10000, NULL, 0, "Tax rate (%)", NULL, NULL },
	ADM_PARAMS_END,
};
static const struct param adm_params_vendor_plan[] = {
	{ "plan", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_REQUIRED, "Plan", NULL, "Choose a plan." },
	ADM_PARAMS_END,
};
/* The vendor ledger's filters and the admin's credit or debit. */
static const struct param adm_params_ledger[] = {
	{ "kind", PARAM_ENUM, 0, 0, ledger_kinds, 0, "Kind", NULL, NULL },
	{ "from", PARAM_TEXT, 0, 10, NULL, 0, "From", validate_date, NULL },
	{ "to", PARAM_TEXT, 0, 10, NULL, 0, "To", validate_date, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
static const char *const adm_ledger_entry_kinds[] = { "credit", "debit", NULL };
static const struct param adm_params_ledger_entry[] = {
	{ "entry_kind", PARAM_ENUM, 0, 0, adm_ledger_entry_kinds, PARAM_REQUIRED, "Credit or debit", NULL,
	  "Choose credit or debit." },
	{ "amount", PARAM_MONEY, 1, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Amount", NULL,
	  "Enter the amount, such as 25.00." },
	ROUTE_FIELD("reason", LEDGER_NOTE_MAX, "Reason", PARAM_MULTILINE, NULL,
		    "Write the reason: the vendor reads it in their ledger."),
	{ "key", PARAM_TEXT, 0, 64, NULL, PARAM_REQUIRED, "Form", validate_form_key,
	  "The form has expired: open the ledger again." },
	{ "confirm", PARAM_ENUM, 0, 0, adm_main_yes, 0, "Confirmation", NULL, NULL },
	ADM_PARAMS_END,
};

/* The payout queue, its decisions and its schedule; the commission report. */
static const struct param adm_params_payouts[] = {
	{ "status", PARAM_ENUM, 0, 0, adm_payouts_statuses, 0, "Show", NULL, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
static const struct param adm_params_payout_sent[] = {
	ROUTE_FIELD("reference", PAYOUT_REFERENCE_MAX, "Transfer reference", 0u, NULL, NULL),
	ADM_PARAMS_END,
};
static const struct param adm_params_payout_cancel[] = {
	ROUTE_FIELD("reason", PAYOUT_REASON_MAX, "Reason", PARAM_MULTILINE, NULL,
		    "Write why the payout is cancelled: the vendor reads it."),
	ADM_PARAMS_END,
};
static const struct param adm_params_payout_schedule[] = {
	{ "frequency", PARAM_ENUM, 0, 0, payout_frequencies, PARAM_REQUIRED, "When", NULL,
	  "Choose when payouts are made." },
	{ "minimum", PARAM_MONEY, 0, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Minimum amount", NULL,
	  "Enter the minimum amount, such as 25.00 (0 for any)." },
	ADM_PARAMS_END,
};
static const struct param adm_params_commission[] = {
	{ "by", PARAM_ENUM, 0, 0, adm_commission_periods, 0, "By", NULL, NULL },
	{ "from", PARAM_TEXT, 0, 10, NULL, 0, "From", validate_date, NULL },
	{ "to", PARAM_TEXT, 0, 10, NULL, 0, "To", validate_date, NULL },
	{ "vendor", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Vendor", NULL, NULL },
	ADM_PARAMS_END,
};
/* A coupon's terms; a new one's code; withdrawing one. */
static const char *const adm_coupons_payers[] = { "marketplace", "vendor", NULL };
#define ADM_COUPON_PARAMS \
	COUPON_PARAMS_TERMS, \
	{ "vendor", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Vendor", NULL, NULL }, \
	{ "borne_by", PARAM_ENUM, 0, 0, adm_coupons_payers, PARAM_REQUIRED, "Who bears the cost", NULL, \
	  "Choose who bears the cost: the marketplace or the vendor." }
static const struct param adm_params_coupon_new[] = {
	ROUTE_FIELD("code", COUPON_CODE_MAX, "Code", 0u, coupon_field_code,
		    "Enter the code: 3 to 40 letters, digits, '-' or '_'."),
	ADM_COUPON_PARAMS,
	ADM_PARAMS_END,
};
static const struct param adm_params_coupon[] = {
	ADM_COUPON_PARAMS,
	ADM_PARAMS_END,
};
static const struct param adm_params_coupon_deactivate[] = {
	ADM_CONFIRM("Tick the box to confirm that the coupon is withdrawn."),
	ADM_PARAMS_END,
};

/* Orders: a status (of the order, or of one of its parts), a number or the
 * customer's address, the page. */
static const struct param adm_params_orders[] = {
	{ "status", PARAM_ENUM, 0, 0, adm_orders_filters, 0, "Status", NULL, NULL },
	ROUTE_FIELD("q", 254, "Order number or email", 0u, NULL, NULL),
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
/* A bank transfer typed by an admin, a statement, an assignment. */
static const struct param adm_params_bank_transfer[] = {
	{ "received_on", PARAM_TEXT, 0, 10, NULL, PARAM_REQUIRED, "Date received", validate_date,
	  "Enter the day the money arrived, as YYYY-MM-DD." },
	{ "amount", PARAM_MONEY, 1, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Amount", NULL,
	  "Enter the amount received, such as 125.50." },
	ROUTE_FIELD("reference", BANKTRANSFER_TEXT_MAX, "Reference", 0u, NULL, NULL),
	ROUTE_FIELD("payer", BANKTRANSFER_TEXT_MAX, "Payer", 0u, NULL, NULL),
	ROUTE_FIELD("order", 32, "Order number", 0u, NULL, NULL),
	ADM_PARAMS_END,
};
static const struct param adm_params_bank_import[] = {
	{ "statement", PARAM_FILE, 0, 0, NULL, PARAM_REQUIRED, "Statement", NULL, "Choose the statement's CSV file." },
	ADM_PARAMS_END,
};
static const struct param adm_params_bank_assign[] = {
	ROUTE_FIELD("order", 32, "Order number", 0u, NULL, "Enter the order's number."),
	ADM_PARAMS_END,
};

/* Refunds and returns (adm_refunds.c). */
static const struct param adm_params_refund_new[] = {
	ROUTE_FIELD("number", 32, "Order number", 0u, NULL, "Enter the number of the vendor order."),
	ADM_PARAMS_END,
};

static const struct param adm_params_refund[] = {
	ROUTE_FIELD("number", 32, "Order number", 0u, NULL, "Enter the number of the vendor order."),
	{ "amount", PARAM_MONEY, 1, ADM_MONEY_MAX, NULL, PARAM_REQUIRED, "Amount", NULL,
	  "Enter the amount to pay back." },
	ROUTE_FIELD("reason", 400, "Reason", PARAM_MULTILINE, NULL, "Say why the order is paid back."),
	{ "manual", PARAM_ENUM, 0, 0, adm_main_yes, 0, "By hand", NULL, NULL },
	{ "key", PARAM_TEXT, 43, 43, NULL, PARAM_REQUIRED, "Form key", NULL, "This form has expired: open it again." },
	{ "item", PARAM_INT, 1, 999999999999999999LL, NULL, PARAM_MANY, "Item", NULL, NULL },
	{ "restock", PARAM_INT, 0, 999, NULL, PARAM_MANY, "Units back to stock", NULL, NULL },
	ADM_PARAMS_END,
};

static const struct param adm_params_return_accept[] = {
	ROUTE_FIELD("instructions", 1000, "Instructions", PARAM_MULTILINE, NULL,
		    "Say how and where the customer sends the items back."),
	ADM_PARAMS_END,
};

static const struct param adm_params_return_close[] = {
	ROUTE_FIELD("note", 500, "Note", PARAM_MULTILINE, NULL, "Say why the refusal stands."),
	ADM_PARAMS_END,
};

static const struct param adm_params_return_receive[] = {
	{ "restock", PARAM_ENUM, 0, 0, adm_main_yes, 0, "Restock", NULL, NULL },
	ADM_PARAMS_END,
};

/* Support tickets (adm_tickets.c), open to the support role too. */
static const struct param adm_params_tickets[] = {
	{ "show", PARAM_ENUM, 0, 0, adm_tickets_shows, 0, "Show", NULL, NULL },
	{ "whose", PARAM_ENUM, 0, 0, adm_tickets_whose, 0, "Whose", NULL, NULL },
	ADM_PARAM_PAGE,
	ADM_PARAMS_END,
};
static const struct param adm_params_ticket_answer[] = {
	ROUTE_FIELD("answer", TICKET_BODY_MAX, "Answer", PARAM_MULTILINE, NULL, "Write the answer to the customer."),
	{ "status", PARAM_ENUM, 0, 0, ticket_statuses, PARAM_REQUIRED, "Then the ticket is", NULL,
	  "Choose the ticket's status after the answer." },
	ADM_PARAMS_END,
};
static const struct param adm_params_ticket_note[] = {
	ROUTE_FIELD("note", TICKET_BODY_MAX, "Note", PARAM_MULTILINE, NULL, "Write the note."),
	ADM_PARAMS_END,
};
static const struct param adm_params_ticket_assign[] = {
	{ "assignee", PARAM_INT, 0, 999999999999999999LL, NULL, PARAM_REQUIRED, "Assigned to", NULL,
	  "Choose a member of the support team, or nobody." },
	ADM_PARAMS_END,
};
static const struct param adm_params_ticket_status[] = {
	{ "status", PARAM_ENUM, 0, 0, ticket_statuses, PARAM_REQUIRED, "Status", NULL, "Choose a status." },
	ADM_PARAMS_END,
};
/* Reported content (adm_reports.c). */
static const struct param adm_params_report_hide[] = {
	ROUTE_FIELD("reason", REPORT_REASON_MAX, "Reason", PARAM_MULTILINE, NULL,
		    "Say why it is hidden: the author reads it."),
	ADM_PARAMS_END,
};
static const struct param adm_params_conversation[] = {
	{ "report", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Report", NULL, NULL },
	{ "return", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Return", NULL, NULL },
	ADM_PARAMS_END,
};

static const struct route adm_routes[] = {
	{ "GET", "/admin/login", adm_auth_login_form, "admin/auth_login_form.tpl", 0, adm_params_next, NULL },
	{ "POST", "/admin/login", adm_auth_login, "admin/auth_login_form.tpl", R_CSRF | R_FORM, adm_params_login,
	  adm_auth_login_form_page },
	{ "GET", "/admin/2fa", adm_auth_mfa_form, "admin/auth_mfa_form.tpl", R_LOGIN | R_NO_MFA,
	  adm_params_next, NULL },
	{ "POST", "/admin/2fa", adm_auth_mfa, "admin/auth_mfa_form.tpl", R_LOGIN | R_NO_MFA | R_CSRF,
	  adm_params_mfa, NULL },
	{ "GET", "/admin/enrol", adm_auth_enrol_form, "admin/auth_enrol_form.tpl", R_NO_MFA, adm_params_token, NULL },
	{ "POST", "/admin/enrol", adm_auth_enrol, "admin/auth_enrol_form.tpl", R_NO_MFA | R_CSRF,
	  adm_params_enrol, NULL },
	{ "POST", "/admin/logout", adm_auth_logout, NULL, R_LOGIN | R_NO_MFA | R_CSRF, NULL, NULL },

	{ "GET", "/admin/", adm_home_view, "admin/home_view.tpl", R_SUPPORT, NULL, NULL },

	{ "GET", "/admin/vendors", adm_vendors_list, "admin/vendors_list.tpl", R_ADMIN, adm_params_vendors, NULL },
	{ "GET", "/admin/vendors/{id}", adm_vendors_view, "admin/vendors_view.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/vendors/{id}/check", adm_vendors_check, "admin/vendors_view.tpl", R_ADMIN | R_CSRF,
	  adm_params_check, NULL },
	{ "POST", "/admin/vendors/{id}/checks", adm_vendors_checks, "admin/vendors_view.tpl", R_ADMIN | R_CSRF,
	  adm_params_checks, NULL },
	{ "POST", "/admin/vendors/{id}/approve", adm_vendors_approve, "admin/vendors_view.tpl",
	  R_ADMIN | R_CSRF, NULL, NULL },
	{ "POST", "/admin/vendors/{id}/reject", adm_vendors_reject, "admin/vendors_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_reject, adm_vendors_reject_form_page },

	{ "GET", "/admin/users", adm_users_list, "admin/users_list.tpl", R_ADMIN, adm_params_users, NULL },
	{ "GET", "/admin/users/{id}", adm_users_view, "admin/users_view.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/users/{id}/block", adm_users_block, "admin/users_view.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_block, adm_users_block_form_page },
	{ "POST", "/admin/users/{id}/unblock", adm_users_unblock, "admin/users_view.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_unblock, adm_users_unblock_form_page },

	{ "GET", "/admin/reports", adm_reports_list, "admin/reports_list.tpl", R_ADMIN, adm_params_page, NULL },
	{ "POST", "/admin/reports/{kind:slug}/{id}/hide", adm_reports_hide, NULL, R_ADMIN | R_CSRF,
	  adm_params_report_hide, NULL },
	{ "POST", "/admin/reports/{kind:slug}/{id}/keep", adm_reports_keep, NULL, R_ADMIN | R_CSRF, NULL, NULL },
	{ "GET", "/admin/audit", adm_audit_list, "admin/audit_list.tpl", R_ADMIN, adm_params_audit, NULL },

	{ "GET", "/admin/listings/review", adm_listings_queue, "admin/listings_queue.tpl", R_ADMIN, adm_params_page,
	  NULL },
	{ "GET", "/admin/listings/{id}", adm_listings_view, "admin/listings_view.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/listings/{id}/approve", adm_listings_approve, "admin/listings_view.tpl",
	  R_ADMIN | R_CSRF, adm_params_listing_approve, NULL },
	{ "POST", "/admin/listings/{id}/reject", adm_listings_reject, "admin/listings_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_listing_reject, adm_listings_reject_form_page },
	{ "POST", "/admin/vendors/{id}/listing-review", adm_vendors_listing_review, "admin/vendors_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_listing_review, adm_vendors_listing_review_form_page },
	{ "GET", "/admin/prohibited-words", adm_words_list, "admin/words_list.tpl", R_ADMIN, adm_params_page, NULL },
	{ "POST", "/admin/prohibited-words", adm_words_add, "admin/words_list.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_word, adm_words_form_page },
	{ "GET", "/admin/prohibited-words/{id}/delete", adm_words_delete_form, "admin/words_delete.tpl", R_ADMIN,
	  NULL, NULL },
	{ "POST", "/admin/prohibited-words/{id}/delete", adm_words_delete, "admin/words_delete.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_word_delete, adm_words_delete_form_page },
	{ "GET", "/admin/plans", adm_plans_list, "admin/plans_list.tpl", R_ADMIN, NULL, NULL },
	{ "GET", "/admin/plans/new", adm_plans_new, "admin/plans_form.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/plans", adm_plans_create, "admin/plans_form.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_plan, adm_plans_new_form_page },
	{ "GET", "/admin/plans/{id}", adm_plans_edit, "admin/plans_form.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/plans/{id}", adm_plans_update, "admin/plans_form.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_plan, adm_plans_edit_form_page },
	{ "POST", "/admin/vendors/{id}/plan", adm_plans_assign, NULL, R_ADMIN | R_CSRF, adm_params_vendor_plan,
	  NULL },
	{ "GET", "/admin/orders", adm_orders_list, "admin/orders_list.tpl", R_ADMIN, adm_params_orders, NULL },
	{ "GET", "/admin/orders/{id}", adm_orders_view, "admin/orders_view.tpl", R_ADMIN, NULL, NULL },
	{ "GET", "/admin/tax", adm_tax_list, "admin/tax_list.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/tax/{id}", adm_tax_set, NULL, R_ADMIN | R_CSRF, adm_params_tax, NULL },
	{ "GET", "/admin/vendors/{id}/ledger", adm_ledger_view, "admin/ledger_view.tpl", R_ADMIN,
	  adm_params_ledger, NULL },
	{ "POST", "/admin/vendors/{id}/ledger", adm_ledger_post, "admin/ledger_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_ledger_entry, adm_ledger_form_page },
	{ "GET", "/admin/payouts", adm_payouts_list, "admin/payouts_list.tpl", R_ADMIN, adm_params_payouts, NULL },
	{ "GET", "/admin/payouts.csv", adm_payouts_csv, NULL, R_ADMIN, NULL, NULL },
	{ "POST", "/admin/payouts/{id}/sent", adm_payouts_sent, NULL, R_ADMIN | R_CSRF, adm_params_payout_sent, NULL },
	{ "POST", "/admin/payouts/{id}/cancel", adm_payouts_cancel, NULL, R_ADMIN | R_CSRF, adm_params_payout_cancel,
	  NULL },
	{ "POST", "/admin/payouts/schedule", adm_payouts_schedule, "admin/payouts_list.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_payout_schedule, adm_payouts_form_page },
	{ "GET", "/admin/commission", adm_commission_report, "admin/commission_report.tpl", R_ADMIN,
	  adm_params_commission, NULL },
	{ "GET", "/admin/coupons", adm_coupons_list, "admin/coupons_list.tpl", R_ADMIN, adm_params_page, NULL },
	{ "GET", "/admin/coupons/new", adm_coupons_new, "admin/coupons_form.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/coupons", adm_coupons_create, "admin/coupons_form.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_coupon_new, adm_coupons_new_form_page },
	{ "GET", "/admin/coupons/{id}", adm_coupons_edit, "admin/coupons_form.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/coupons/{id}", adm_coupons_update, "admin/coupons_form.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_coupon, adm_coupons_edit_form_page },
	{ "GET", "/admin/coupons/{id}/deactivate", adm_coupons_deactivate_form, "admin/coupons_deactivate.tpl",
	  R_ADMIN, NULL, NULL },
	{ "POST", "/admin/coupons/{id}/deactivate", adm_coupons_deactivate, "admin/coupons_deactivate.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_coupon_deactivate, adm_coupons_deactivate_form_page },
	{ "GET", "/admin/refunds", adm_refunds_list, "admin/refunds_list.tpl", R_ADMIN, NULL, NULL },
	{ "GET", "/admin/refunds/new", adm_refunds_new, "admin/refunds_form.tpl", R_ADMIN | R_FORM,
	  adm_params_refund_new, NULL },
	{ "POST", "/admin/refunds", adm_refunds_create, "admin/refunds_form.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_refund, adm_refunds_form_page },
	{ "POST", "/admin/refunds/{id}/retry", adm_refunds_retry, NULL, R_ADMIN | R_CSRF, NULL, NULL },
	{ "POST", "/admin/refunds/{id}/settle", adm_refunds_settle, NULL, R_ADMIN | R_CSRF, NULL, NULL },
	{ "GET", "/admin/returns", adm_refunds_returns, "admin/returns_list.tpl", R_ADMIN, NULL, NULL },
	{ "GET", "/admin/returns/{id}", adm_refunds_return, "admin/returns_view.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/returns/{id}/accept", adm_refunds_return_accept, "admin/returns_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_return_accept, adm_refunds_return_page },
	{ "POST", "/admin/returns/{id}/close", adm_refunds_return_close, "admin/returns_view.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_return_close, adm_refunds_return_page },
	{ "POST", "/admin/returns/{id}/receive", adm_refunds_return_receive, NULL, R_ADMIN | R_CSRF,
	  adm_params_return_receive, NULL },
	{ "POST", "/admin/returns/{id}/pay", adm_refunds_return_pay, NULL, R_ADMIN | R_CSRF, NULL, NULL },

	{ "GET", "/admin/payments/bank", adm_bank_view, "admin/bank_view.tpl", R_ADMIN, NULL, NULL },
	{ "POST", "/admin/payments/bank", adm_bank_record, "admin/bank_view.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_bank_transfer, adm_bank_form_page },
	{ "POST", "/admin/payments/bank/import", adm_bank_import, "admin/bank_view.tpl",
	  R_ADMIN | R_CSRF | R_UPLOAD, adm_params_bank_import, NULL },
	{ "POST", "/admin/payments/bank/{id}/assign", adm_bank_assign, NULL, R_ADMIN | R_CSRF,
	  adm_params_bank_assign, NULL },

	{ "GET", "/admin/tickets", adm_tickets_list, "admin/tickets_list.tpl", R_SUPPORT, adm_params_tickets, NULL },
	{ "GET", "/admin/tickets/{id}", adm_tickets_view, "admin/tickets_view.tpl", R_SUPPORT, NULL, NULL },
	{ "POST", "/admin/tickets/{id}/answer", adm_tickets_answer, "admin/tickets_view.tpl",
	  R_SUPPORT | R_CSRF | R_FORM, adm_params_ticket_answer, adm_tickets_page },
	{ "POST", "/admin/tickets/{id}/note", adm_tickets_note, "admin/tickets_view.tpl", R_SUPPORT | R_CSRF | R_FORM,
	  adm_params_ticket_note, adm_tickets_page },
	{ "POST", "/admin/tickets/{id}/assign", adm_tickets_assign, NULL, R_SUPPORT | R_CSRF, adm_params_ticket_assign,
	  NULL },
	{ "POST", "/admin/tickets/{id}/status", adm_tickets_status, NULL, R_SUPPORT | R_CSRF, adm_params_ticket_status,
	  NULL },
	/* A conversation, from a report of one of its messages or a dispute (adm_conversations.c). */
	{ "GET", "/admin/conversations/{id}", adm_conversations_view, "admin/conversations_view.tpl", R_ADMIN,
	  adm_params_conversation, NULL },

	/* The search's synonym groups (adm_synonyms.c). */
	{ "GET", "/admin/synonyms", adm_synonyms_list, "admin/synonyms_list.tpl", R_ADMIN, adm_params_page, NULL },
	{ "POST", "/admin/synonyms", adm_synonyms_add, "admin/synonyms_list.tpl", R_ADMIN | R_CSRF | R_FORM,
	  adm_params_synonyms, adm_synonyms_form_page },
	{ "GET", "/admin/synonyms/{id}/delete", adm_synonyms_delete_form, "admin/synonyms_delete.tpl", R_ADMIN,
	  NULL, NULL },
	{ "POST", "/admin/synonyms/{id}/delete", adm_synonyms_delete, "admin/synonyms_delete.tpl",
	  R_ADMIN | R_CSRF | R_FORM, adm_params_synonyms_delete, adm_synonyms_delete_form_page },
};

const struct app adm_app = {
	.name = "admin",
	.routes = adm_routes,
	.nroutes = sizeof adm_routes / sizeof adm_routes[0],
	.guard = auth_guard,
	/* The admin site is no shop: no product search, and its navigation
	 * (admin/_nav.tpl) has the log-out, so the shop's account links go. */
	.header_omit = APP_HEADER_SEARCH | APP_HEADER_ACCOUNT,
	/* Visitors without a session log in here, not at the shop's login. */
	.login_path = "/admin/login",
	.second_factor_path = "/admin/2fa",
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&adm_app, argc, argv);
}
#endif

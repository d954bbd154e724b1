/*
 * adm_vendors: vendor verification. A vendor's submitted profile opens a
 * review (vendor_reviews); an admin works through the checklist below on
 * the vendor's page (vendor_checks, one row per item) and then approves,
 * which makes the shop public, or rejects with a written reason, which the
 * vendor receives by mail with what to fix. A resubmission opens a new
 * review, so the earlier ones stay as history.
 *
 * Decisions are made once: the review is closed with
 * "UPDATE ... WHERE id = ? AND decision IS NULL" and a decision that finds it
 * already closed (another admin was quicker) changes nothing.
 */
#include "adm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "audit.h"
#include "buf.h"
#include "catalog.h"
#include "cfg.h"
#include "crypt.h"
#include "log.h"
#include "mail.h"
#include "moderation.h"
#include "sess.h"
#include "text.h"

/* The checklist every review goes through, in the order shown (checklist.h). */
#define ADM_VENDORS_ITEM(key, label, question) { key, label, question },
static const struct adm_vendors_item {
	const char *key;	/* vendor_checks.item */
	const char *label;
	const char *question;
} adm_vendors_items[] = {
	CHECKLIST(ADM_VENDORS_ITEM)
};
#undef ADM_VENDORS_ITEM
#define ADM_VENDORS_NITEMS (sizeof adm_vendors_items / sizeof adm_vendors_items[0])

static const struct adm_vendors_item *
adm_vendors_item(const char *key)
{
	size_t i;

	for (i = 0; key && i < ADM_VENDORS_NITEMS; i++)
		if (strcmp(adm_vendors_items[i].key, key) == 0)
			return &adm_vendors_items[i];
	return NULL;
}

/* ---- the queue ------------------------------------------------------------ */

static const char adm_vendors_count_sql[] =
	"SELECT COUNT(*) FROM vendors v WHERE (? = 'all' OR v.status = ?)";

#define ADM_VENDORS_LIST_COLUMNS \
	"SELECT v.id, v.trading_name, v.legal_name, v.status," \
	" DATE_FORMAT(COALESCE(v.submitted_at, v.created_at), '%Y-%m-%d %H:%i')," \
	" (SELECT COUNT(*) FROM vendor_reviews r WHERE r.vendor_id = v.id), u.email" \
	" FROM vendors v LEFT JOIN users u ON u.id = v.user_id" \
	" WHERE (? = 'all' OR v.status = ?)"

/* The queue: who waited longest comes first. */
static const char adm_vendors_oldest_sql[] = ADM_VENDORS_LIST_COLUMNS
	" ORDER BY COALESCE(v.submitted_at, v.created_at), v.id LIMIT ? OFFSET ?";
/* Decided vendors: the latest first. */
static const char adm_vendors_newest_sql[] = ADM_VENDORS_LIST_COLUMNS
	" ORDER BY COALESCE(v.submitted_at, v.created_at) DESC, v.id DESC LIMIT ? OFFSET ?";

/*
 * ROUTE: GET /admin/vendors      TEMPLATE: admin/vendors_list.tpl
 * PARAMS: status (pending|verified|rejected|blocked|all, default pending),
 *         page (1..10000)
 * Vendors by status, 50 a page: the pending queue oldest submission first,
 * the others latest first, with trading and legal name, owner, submission
 * date and how many times the profile was resubmitted.
 */
int
adm_vendors_list(struct req *rq, struct resp *rs)
{
	static const char *const tabs[] = { "pending", "verified", "rejected", "blocked", "all" };
	static const char *const tab_labels[] = { "Pending", "Verified", "Rejected", "Blocked", "All" };
	struct arena *a = &rq->arena;
	const char *state = req_str(rq, "status");
	long long page = req_int(rq, "page", 1), total, reviews;
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *filters[] = { "status", NULL, NULL };
	tmpl_dict *d, *row;
	int status = 500;
	size_t i;

	if (state == NULL)
		state = "pending";
	if (strcmp(state, "pending") != 0)
		filters[1] = state;

	if ((total = db_scalar(-1, adm_vendors_count_sql, "ss", state, state)) < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	r = db_query(strcmp(state, "pending") == 0 ? adm_vendors_oldest_sql : adm_vendors_newest_sql, "ssii",
		     state, state, (long long)ADM_PER_PAGE, adm_offset(page));
	if (r == NULL)
		goto out;

	d = adm_page(&v, rq, rs, "admin/vendors_list.tpl", "Vendors", ADM_SECTION_VENDORS);
	view_crumb(&v, "Vendors", NULL);
	for (i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		const char *tab_filters[] = { "status", i == 0 ? NULL : tabs[i], NULL };
		tmpl_dict *t = tmpl_section(d, "TAB");

		tmpl_set(t, "LABEL", tab_labels[i]);
		tmpl_set(t, "URL", adm_url(a, "/admin/vendors", tab_filters, 1));
		tmpl_set(t, "CURRENT", strcmp(tabs[i], state) == 0 ? "page" : "false");
	}
	tmpl_set(d, "STATE", state);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "vendor", "vendors"));
	if (strcmp(state, "pending") == 0)
		tmpl_show(d, "IS_QUEUE");
	if (db_rows(r) == 0)
		tmpl_show(d, "NO_VENDORS");
	else
		tmpl_show(d, "HAS_VENDORS");
	while (db_next(r)) {
		row = tmpl_section(d, "VENDOR");
		tmpl_set(row, "URL", arena_printf(a, "/admin/vendors/%lld", db_int(r, 0)));
		tmpl_set(row, "TRADING_NAME", db_str(r, 1));
		tmpl_set(row, "LEGAL_NAME", db_str(r, 2));
		tmpl_set(row, "STATUS", adm_status_label(db_str(r, 3)));
		tmpl_set(row, "STATUS_CLASS", db_str(r, 3));
		tmpl_set(row, "SUBMITTED", db_str(r, 4) ? db_str(r, 4) : "");
		reviews = db_int(r, 5);
		tmpl_set_int(row, "RESUBMISSIONS", reviews > 1 ? reviews - 1 : 0);
		tmpl_set(row, "OWNER", db_str(r, 6) ? db_str(r, 6) : "—");
	}
	adm_pagination(d, a, "/admin/vendors", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* ---- the vendor's page ---------------------------------------------------- */

/* What a form on the vendor's page sent and what was wrong with it. */
struct adm_vendors_form {
	const char *item;		/* check form: the item it was for */
	const char *result;
	const char *note;		/* check form, or the form that passes several checks */
	const char *item_error;		/* next to the item's result */
	const char *note_error;
	int several;			/* the form that passes several checks came back */
	unsigned ticked;		/* its ticked items (bit i: adm_vendors_items[i]) */
	const char *ticked_error;	/* none ticked */
	const char *several_note_error;
	const char *reason;		/* reject form */
	int reject;			/* the reject form came back (its fields are the router's) */
	const char *page_error;		/* about the review as a whole (field "review") */
	int listing_review;		/* the listing review form came back (its fields are the router's) */
};

static const char adm_vendors_profile_sql[] =
	"SELECT v.id, v.slug, v.trading_name, v.legal_name, v.registration_number, v.tax_id, v.website,"
	" v.description, v.status, v.blocked_from,"
	" DATE_FORMAT(v.submitted_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i'),"
	" v.address_enc, v.phone_enc, v.bank_holder_enc, v.bank_account_enc,"
	" v.user_id, u.email, u.name, u.status, p.name,"
	" (SELECT COUNT(*) FROM products pr WHERE pr.vendor_id = v.id AND pr.status = 'active'),"
	" UNIX_TIMESTAMP(v.updated_at), v.listing_review, v.listing_review_first,"
	" (SELECT COUNT(DISTINCT lr.product_id) FROM listing_reviews lr WHERE lr.vendor_id = v.id"
	"   AND lr.status = 'approved'),"
	" (SELECT COUNT(*) FROM listing_reviews lr WHERE lr.vendor_id = v.id AND lr.status = 'pending')"
	" FROM vendors v LEFT JOIN users u ON u.id = v.user_id LEFT JOIN plans p ON p.id = v.plan_id"
	" WHERE v.id = ?";
enum {
	ADM_V_ID, ADM_V_SLUG, ADM_V_TRADING, ADM_V_LEGAL, ADM_V_REGISTRATION, ADM_V_TAX, ADM_V_WEBSITE,
	ADM_V_DESCRIPTION, ADM_V_STATUS, ADM_V_BLOCKED_FROM, ADM_V_SUBMITTED, ADM_V_CREATED,
	ADM_V_ADDRESS, ADM_V_PHONE, ADM_V_BANK_HOLDER, ADM_V_BANK_ACCOUNT,
	ADM_V_USER_ID, ADM_V_EMAIL, ADM_V_NAME, ADM_V_USER_STATUS, ADM_V_PLAN, ADM_V_PRODUCTS,
	ADM_V_SEEN,	/* when the profile last changed: the check forms carry it */
	ADM_V_LISTING_REVIEW, ADM_V_LISTING_REVIEW_FIRST, ADM_V_LISTINGS_APPROVED, ADM_V_LISTINGS_WAITING
};

static const char adm_vendors_reviews_sql[] =
	"SELECT r.id, DATE_FORMAT(r.submitted_at, '%Y-%m-%d %H:%i'), r.decision, r.reason,"
	" DATE_FORMAT(r.decided_at, '%Y-%m-%d %H:%i'), u.email"
	" FROM vendor_reviews r LEFT JOIN users u ON u.id = r.decided_by"
	" WHERE r.vendor_id = ? ORDER BY r.id DESC";

/*
 * The profile changes since the last decision (every one before the first
 * decision), newest first: the vendor portal records each save as
 * "vendor.profile_update" with "changed: <field>, <field>[; ...]", and a
 * decision as "vendor.approve" or "vendor.reject". Entry ids give the order,
 * whatever the clock did.
 */
static const char adm_vendors_changes_sql[] =
	"SELECT DATE_FORMAT(l.at, '%Y-%m-%d %H:%i'), l.detail FROM audit_log l"
	" WHERE l.object_type = 'vendor' AND l.object_id = ? AND l.action = 'vendor.profile_update'"
	" AND l.id > COALESCE((SELECT MAX(d.id) FROM audit_log d WHERE d.object_type = 'vendor'"
	"                      AND d.object_id = ? AND d.action IN ('vendor.approve', 'vendor.reject')), 0)"
	" ORDER BY l.id DESC LIMIT 200";

/* The profile fields as the vendor portal names them in the audit log; a
 * sealed or long value is not repeated in the list of changes. */
static const struct adm_vendors_field {
	const char *name;
	const char *label;
	int column;		/* ADM_V_*: the value now, -1 to say only "changed" */
} adm_vendors_fields[] = {
	{ "legal_name", "Legal name", ADM_V_LEGAL },
	{ "trading_name", "Trading name", ADM_V_TRADING },
	{ "registration_number", "Registration number", ADM_V_REGISTRATION },
	{ "tax_id", "Tax id", ADM_V_TAX },
	{ "website", "Website", ADM_V_WEBSITE },
	{ "description", "Description", -1 },
	{ "address", "Business address", -1 },
	{ "phone", "Phone", -1 },
	{ "bank_holder", "Bank account holder", -1 },
	{ "bank_account", "Bank account", -1 },
};

static const char adm_vendors_checks_sql[] =
	"SELECT c.review_id, c.item, c.passed, c.note, DATE_FORMAT(c.checked_at, '%Y-%m-%d %H:%i'), u.email"
	" FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id"
	" LEFT JOIN users u ON u.id = c.checked_by"
	" WHERE r.vendor_id = ? ORDER BY c.review_id, c.checked_at";

/* Shows a multi-line value as LINE rows of section (nothing for NULL). */
static void
adm_vendors_lines(tmpl_dict *d, const char *section, struct arena *a, const char *text)
{
	tmpl_dict *s;
	const char *p, *nl;

	if (text == NULL || *text == '\0') {
		tmpl_show(d, arena_printf(a, "%s_NONE", section));
		return;
	}
	s = tmpl_section(d, section);
	for (p = text; *p; p = *nl ? nl + 1 : nl) {
		size_t n;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		tmpl_set(tmpl_section(s, "LINE"), "TEXT", arena_strndup(a, p, n));
	}
}

/* A fact row: label and value ("—" when empty). */
static void
adm_vendors_fact(tmpl_dict *d, const char *label, const char *value)
{
	tmpl_dict *f = tmpl_section(d, "FACT");

	tmpl_set(f, "LABEL", label);
	tmpl_set(f, "VALUE", value && *value ? value : "—");
}

/* The check rows of one review (section CHECK of d) from the kept result. */
static void
adm_vendors_history_checks(tmpl_dict *d, struct db_result *checks, long long review_id)
{
	const struct adm_vendors_item *it;
	tmpl_dict *c;

	db_rewind(checks);
	while (db_next(checks)) {
		if (db_int(checks, 0) != review_id)
			continue;
		it = adm_vendors_item(db_str(checks, 1));
		c = tmpl_section(d, "CHECK");
		tmpl_set(c, "LABEL", it ? it->question : db_str(checks, 1));
		tmpl_show(c, db_int(checks, 2) ? "PASSED" : "FAILED");
		tmpl_set(c, "NOTE", db_str(checks, 3));
		if (db_str(checks, 3)[0])
			tmpl_show(c, "HAS_NOTE");
		tmpl_set(c, "AT", db_str(checks, 4));
		tmpl_set(c, "BY", db_str(checks, 5) ? db_str(checks, 5) : "—");
	}
}

/*
 * The fields the profile changes since the last decision touched (section
 * CHANGES of d, else NO_CHANGES): each field once, with when it last changed
 * and its value now, or only "changed" for a sealed or long one. since: what
 * the list starts from, for the heading.
 */
static int
adm_vendors_changes(tmpl_dict *d, struct arena *a, long long id, struct db_result *profile, const char *since)
{
	struct db_result *r = db_query(adm_vendors_changes_sql, "ii", id, id);
	unsigned shown = 0;
	tmpl_dict *s = NULL, *row;
	size_t i;

	if (r == NULL)
		return -1;
	while (db_next(r)) {
		const char *p = db_str(r, 1), *end;

		if (strncmp(p, "changed: ", 9) != 0)
			continue;
		p += 9;
		end = p + strcspn(p, ";");
		while (p < end) {
			size_t n = strcspn(p, ",;");
			const char *name = arena_strndup(a, p, n);
			const struct adm_vendors_field *f = NULL;

			for (i = 0; i < sizeof adm_vendors_fields / sizeof adm_vendors_fields[0]; i++)
				if (strcmp(adm_vendors_fields[i].name, name) == 0)
					f = &adm_vendors_fields[i];
			p += n;
			p += strspn(p, ", ");
			if (f != NULL && (shown & (1u << (f - adm_vendors_fields))))
				continue;
			if (s == NULL) {
				s = tmpl_section(d, "CHANGES");
				tmpl_set(s, "SINCE", since);
			}
			row = tmpl_section(s, "CHANGE");
			tmpl_set(row, "LABEL", f ? f->label : name);
			tmpl_set(row, "AT", db_str(r, 0));
			if (f && f->column >= 0 && db_str(profile, f->column) && db_str(profile, f->column)[0])
				tmpl_set(tmpl_section(row, "NOW"), "VALUE", db_str(profile, f->column));
			else
				tmpl_show(row, "CHANGED");
			if (f != NULL)
				shown |= 1u << (f - adm_vendors_fields);
		}
	}
	db_free(r);
	if (s == NULL)
		tmpl_set(tmpl_section(d, "NO_CHANGES"), "SINCE", since);
	return 0;
}

/* The answer the last decided review gave to item (section BEFORE of d). */
static void
adm_vendors_before(tmpl_dict *d, struct db_result *checks, long long review_id, const char *item)
{
	tmpl_dict *s;

	if (review_id == 0)
		return;
	db_rewind(checks);
	while (db_next(checks))
		if (db_int(checks, 0) == review_id && strcmp(db_str(checks, 1), item) == 0) {
			s = tmpl_section(d, "BEFORE");
			tmpl_show(s, db_int(checks, 2) ? "PASSED" : "FAILED");
			if (db_str(checks, 3)[0])
				tmpl_set(tmpl_section(s, "HAS_NOTE"), "NOTE", db_str(checks, 3));
		}
}

/*
 * The checklist of the open review, with a form per item. When a check form
 * comes back with a mistake, only that item keeps its form, so the page has
 * one field of each name and the error sits next to it. Returns how many
 * items have passed.
 */
static size_t
adm_vendors_checklist(tmpl_dict *d, struct arena *a, struct db_result *checks, long long review_id,
		      long long before_id, long long vendor_id, const char *seen, const struct adm_vendors_form *form)
{
	int focus = form && form->item && (form->item_error || form->note_error);
	int several = form && form->several;
	size_t i, passed = 0;
	tmpl_dict *item, *s, *f, *boxes = NULL;

	if (focus)
		tmpl_show(d, "FOCUSED");
	for (i = 0; i < ADM_VENDORS_NITEMS; i++) {
		const struct adm_vendors_item *it = &adm_vendors_items[i];
		int state = -1;		/* -1 not checked, 0 failed, 1 passed */
		const char *note = "", *at = NULL, *by = NULL, *result;
		int this_form = form && form->item && strcmp(form->item, it->key) == 0;

		db_rewind(checks);
		while (db_next(checks))
			if (db_int(checks, 0) == review_id && strcmp(db_str(checks, 1), it->key) == 0) {
				state = db_int(checks, 2) ? 1 : 0;
				note = arena_strdup(a, db_str(checks, 3));
				at = arena_strdup(a, db_str(checks, 4));
				by = db_str(checks, 5) ? arena_strdup(a, db_str(checks, 5)) : "—";
			}
		item = tmpl_section(d, "ITEM");
		tmpl_set(item, "KEY", it->key);
		tmpl_set(item, "QUESTION", it->question);
		adm_vendors_before(item, checks, before_id, it->key);
		/* One form ticks every item not passed yet. */
		if (state != 1 && !focus) {
			tmpl_dict *box;

			if (boxes == NULL) {
				boxes = tmpl_section(d, "SEVERAL");
				tmpl_set(boxes, "ACTION", arena_printf(a, "/admin/vendors/%lld/checks", vendor_id));
				tmpl_set(boxes, "SEEN", seen ? seen : "");
				tmpl_set(boxes, "NOTE_VALUE", several && form->note ? form->note : "");
				if (several) {
					adm_field_error(a, boxes, "TICKED", form->ticked_error);
					adm_field_error(a, boxes, "SEVERAL_NOTE", form->several_note_error);
				}
			}
			box = tmpl_section(boxes, "BOX");
			tmpl_set(box, "KEY", it->key);
			tmpl_set(box, "QUESTION", it->question);
			if (several && (form->ticked & (1u << i)))
				tmpl_show(box, "TICKED");
		}
		if (state == 1) {
			passed++;
			tmpl_show(item, "PASSED");
		} else if (state == 0) {
			tmpl_show(item, "FAILED");
		} else {
			tmpl_show(item, "NOT_CHECKED");
		}
		if (at != NULL) {
			s = tmpl_section(item, "CHECKED");
			tmpl_set(s, "AT", at);
			tmpl_set(s, "BY", by);
			if (*note)
				tmpl_set(tmpl_section(s, "HAS_NOTE"), "NOTE", note);
		}
		if (focus && !this_form)
			continue;
		f = tmpl_section(item, "CHECK_FORM");
		tmpl_set(f, "KEY", it->key);
		tmpl_set(f, "LABEL", it->label);
		tmpl_set(f, "ACTION", arena_printf(a, "/admin/vendors/%lld/check", vendor_id));
		tmpl_set(f, "SEEN", seen ? seen : "");
		/* The form shows what was typed, else what is stored. */
		result = this_form ? form->result : state == 1 ? "pass" : state == 0 ? "fail" : "";
		tmpl_set(f, "NOTE_VALUE", this_form && form->note && !several ? form->note : note);
		if (result && strcmp(result, "pass") == 0)
			tmpl_show(f, "PASS_CHECKED");
		if (result && strcmp(result, "fail") == 0)
			tmpl_show(f, "FAIL_CHECKED");
		if (this_form) {
			adm_field_error(a, f, "RESULT", form->item_error);
			adm_field_error(a, f, "NOTE", form->note_error);
		}
	}
	return passed;
}

/* The shop's "review before publishing" setting and its form (section
 * LISTING_REVIEW of d); when that form came back, its section is the one
 * the router fills. */
static void
adm_vendors_listing_review_section(tmpl_dict *d, struct arena *a, long long id, struct db_result *r)
{
	const char *mode = db_str(r, ADM_V_LISTING_REVIEW);
	tmpl_dict *s = tmpl_section(d, "LISTING_REVIEW");
	long long first = db_int(r, ADM_V_LISTING_REVIEW_FIRST);

	tmpl_set(s, "ACTION", arena_printf(a, "/admin/vendors/%lld/listing-review", id));
	if (strcmp(mode, "all") == 0)
		tmpl_show(s, "NOW_ALL");
	else if (strcmp(mode, "first") == 0)
		tmpl_set_int(tmpl_section(s, "NOW_FIRST"), "FIRST", first);
	else
		tmpl_show(s, "NOW_OFF");
	tmpl_show(s, strcmp(mode, "all") == 0 ? "MODE_ALL" : strcmp(mode, "first") == 0 ? "MODE_FIRST" : "MODE_OFF");
	tmpl_set_int(s, "FIRST", first > 0 ? first : moderation_first_default());
	tmpl_set_int(s, "APPROVED", db_int(r, ADM_V_LISTINGS_APPROVED));
	tmpl_set_int(s, "WAITING", db_int(r, ADM_V_LISTINGS_WAITING));
	tmpl_set_int(s, "FIRST_MAX", MODERATION_FIRST_MAX);
}

/*
 * Builds the vendor's page into v (its dictionary in v->body), with what
 * form says was wrong (NULL: nothing). When form says the reject form came
 * back, that form's section is v->fields. Returns 200, 404 when there is no
 * such vendor, 500.
 */
static int
adm_vendors_page(struct req *rq, struct resp *rs, struct view *v, long long id,
		 const struct adm_vendors_form *form)
{
	struct arena *a = &rq->arena;
	struct db_result *r = NULL, *reviews = NULL, *checks = NULL;
	tmpl_dict *d, *s, *h;
	long long open_id = 0, before_id = 0;
	const char *state, *open_submitted = "", *before_decided = NULL;
	int rc = 500;

	if ((r = db_query(adm_vendors_profile_sql, "i", id)) == NULL)
		goto out;
	if (!db_next(r)) {
		rc = 404;
		goto out;
	}
	if ((reviews = db_query(adm_vendors_reviews_sql, "i", id)) == NULL ||
	    (checks = db_query(adm_vendors_checks_sql, "i", id)) == NULL)
		goto out;

	d = adm_page(v, rq, rs, "admin/vendors_view.tpl", db_str(r, ADM_V_TRADING), ADM_SECTION_VENDORS);
	view_crumb(v, "Vendors", "/admin/vendors");
	view_crumb(v, db_str(r, ADM_V_TRADING), NULL);
	state = db_str(r, ADM_V_STATUS);
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "TRADING_NAME", db_str(r, ADM_V_TRADING));
	tmpl_set(d, "LEGAL_NAME", db_str(r, ADM_V_LEGAL));
	tmpl_set(d, "STATUS", adm_status_label(state));
	tmpl_set(d, "STATUS_CLASS", state);
	if (strcmp(state, "blocked") == 0 && !db_null(r, ADM_V_BLOCKED_FROM))
		tmpl_set(tmpl_section(d, "BLOCKED_FROM"), "STATUS",
			 adm_status_label(db_str(r, ADM_V_BLOCKED_FROM)));
	if (strcmp(state, "verified") == 0)
		tmpl_set(tmpl_section(d, "PUBLIC"), "URL", arena_printf(a, "/v/%s", db_str(r, ADM_V_SLUG)));

	/* The profile as submitted; sealed fields are opened for this page only. */
	s = tmpl_section(d, "PROFILE");
	adm_vendors_fact(s, "Trading name", db_str(r, ADM_V_TRADING));
	adm_vendors_fact(s, "Legal name", db_str(r, ADM_V_LEGAL));
	adm_vendors_fact(s, "Registration number", db_str(r, ADM_V_REGISTRATION));
	adm_vendors_fact(s, "Tax id", db_str(r, ADM_V_TAX));
	adm_vendors_fact(s, "Website", db_str(r, ADM_V_WEBSITE));
	adm_vendors_fact(s, "Phone", crypt_open_column(a, "vendors", "phone_enc", id, r, ADM_V_PHONE,
							ADM_UNREADABLE));
	adm_vendors_fact(s, "Bank account holder", crypt_open_column(a, "vendors", "bank_holder_enc", id, r,
								      ADM_V_BANK_HOLDER, ADM_UNREADABLE));
	adm_vendors_fact(s, "Bank account", crypt_open_column(a, "vendors", "bank_account_enc", id, r,
							       ADM_V_BANK_ACCOUNT, ADM_UNREADABLE));
	adm_vendors_fact(s, "Plan", db_str(r, ADM_V_PLAN));
	adm_vendors_fact(s, "Active products", view_group_digits(a, db_int(r, ADM_V_PRODUCTS)));
	adm_vendors_fact(s, "Submitted", db_str(r, ADM_V_SUBMITTED));
	adm_vendors_fact(s, "Created", db_str(r, ADM_V_CREATED));
	adm_vendors_lines(s, "ADDRESS", a, crypt_open_column(a, "vendors", "address_enc", id, r, ADM_V_ADDRESS,
							   ADM_UNREADABLE));
	adm_vendors_lines(d, "DESCRIPTION", a, db_str(r, ADM_V_DESCRIPTION));

	if (!db_null(r, ADM_V_USER_ID)) {
		s = tmpl_section(d, "OWNER");
		tmpl_set(s, "URL", arena_printf(a, "/admin/users/%lld", db_int(r, ADM_V_USER_ID)));
		tmpl_set(s, "NAME", db_str(r, ADM_V_NAME));
		tmpl_set(s, "EMAIL", db_str(r, ADM_V_EMAIL));
		tmpl_set(s, "STATUS", adm_status_label(db_str(r, ADM_V_USER_STATUS)));
	} else {
		tmpl_show(d, "NO_OWNER");
	}
	adm_plans_vendor_box(d, rq, rs, id);

	adm_vendors_listing_review_section(d, a, id, r);

	/* The open review (the newest undecided one) and the history. */
	while (db_next(reviews)) {
		if (db_null(reviews, 2)) {
			if (open_id == 0) {
				open_id = db_int(reviews, 0);
				open_submitted = arena_strdup(a, db_str(reviews, 1));
			}
			continue;
		}
		if (before_id == 0) {
			before_id = db_int(reviews, 0);
			before_decided = arena_printf(a, "the last review (%s %s)",
						      strcmp(db_str(reviews, 2), "approved") == 0 ? "approved" : "rejected",
						      db_str(reviews, 4) ? db_str(reviews, 4) : "");
		}
		h = tmpl_section(d, "HISTORY");
		tmpl_show(d, "HAS_HISTORY");
		tmpl_set(h, "SUBMITTED", db_str(reviews, 1));
		tmpl_set(h, "DECIDED", db_str(reviews, 4) ? db_str(reviews, 4) : "");
		tmpl_set(h, "BY", db_str(reviews, 5) ? db_str(reviews, 5) : "—");
		if (strcmp(db_str(reviews, 2), "approved") == 0) {
			tmpl_show(h, "APPROVED");
		} else {
			tmpl_show(h, "REJECTED");
			adm_vendors_lines(h, "REASON", a, db_str(reviews, 3));
		}
		adm_vendors_history_checks(h, checks, db_int(reviews, 0));
	}
	if (open_id > 0) {
		size_t passed;

		s = tmpl_section(d, "OPEN");
		tmpl_set(s, "SUBMITTED", open_submitted);
		tmpl_set(s, "APPROVE_ACTION", arena_printf(a, "/admin/vendors/%lld/approve", id));
		tmpl_set(s, "REJECT_ACTION", arena_printf(a, "/admin/vendors/%lld/reject", id));
		passed = adm_vendors_checklist(s, a, checks, open_id, before_id, id, db_str(r, ADM_V_SEEN), form);
		if (adm_vendors_changes(s, a, id, r, before_decided ? before_decided :
					arena_printf(a, "this submission (%s)", open_submitted)) != 0)
			goto out;
		tmpl_set_int(s, "PASSED", (long long)passed);
		tmpl_set_int(s, "TOTAL", (long long)ADM_VENDORS_NITEMS);
		tmpl_show(s, passed == ADM_VENDORS_NITEMS ? "ALL_PASSED" : "NOT_ALL_PASSED");
		tmpl_set(s, "REASON", form && form->reason ? form->reason : "");
		if (form && form->reject)
			v->fields = s;
	} else {
		tmpl_show(d, "NO_OPEN");
	}

	if (form && form->listing_review)
		v->fields = tmpl_section(d, "LISTING_REVIEW");

	/* The summary at the top names every problem and links to its field. */
	if (form) {
		if (form->page_error)
			view_form_error(d, "review", form->page_error);
		if (form->item_error)
			view_form_error(d, arena_printf(a, "%s-result", form->item ? form->item : ""),
					form->item_error);
		if (form->note_error)
			view_form_error(d, arena_printf(a, "%s-note", form->item), form->note_error);
		if (form->ticked_error)
			view_form_error(d, "several", form->ticked_error);
		if (form->several_note_error)
			view_form_error(d, "several-note", form->several_note_error);
	}
	rc = 200;
out:
	db_free(r);
	db_free(reviews);
	db_free(checks);
	return rc;
}

/* Renders the vendor's page with status (200, or the status of a form
 * shown again with what is wrong), see adm_vendors_page. */
static int
adm_vendors_render(struct req *rq, struct resp *rs, long long id, const struct adm_vendors_form *form,
		   int status)
{
	struct view v = { 0 };
	int rc = adm_vendors_page(rq, rs, &v, id, form);

	if (rc == 200)
		return view_end_status(&v, rs, status);
	view_discard(&v);
	return rc;
}

/*
 * ROUTE: GET /admin/vendors/{id}      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor)
 * A vendor's full profile (sealed fields opened), its owner account, the
 * checklist of the open review with one form that passes several items and
 * a form per item (pass or fail with a note), each item's answer in the last
 * review, the profile fields changed since that review (sealed values only
 * said to have changed), the approve and reject forms, and the earlier
 * reviews with their decisions and checks.
 */
int
adm_vendors_view(struct req *rq, struct resp *rs)
{
	return adm_vendors_render(rq, rs, req_int(rq, "id", 0), NULL, 200);
}

/* The form page of POST /admin/vendors/{id}/reject (route.h): the vendor's
 * page, the reject form filled by the router. */
tmpl_dict *
adm_vendors_reject_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct adm_vendors_form form = { .reject = 1 };
	int rc = adm_vendors_page(rq, rs, v, req_int(rq, "id", 0), &form);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

/* ---- decisions ------------------------------------------------------------ */

/* The open review of a vendor, locked for this transaction: its id, 0 when
 * there is none, -1 on error. */
static long long
adm_vendors_open_review(long long vendor_id)
{
	return db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM vendor_reviews WHERE vendor_id = ?"
			 " AND decision IS NULL FOR UPDATE", "i", vendor_id);
}

/* Outcomes of the decision transactions besides 0 (done) and -1 (error). */
enum {
	ADM_VENDORS_GONE = 1,		/* no such vendor */
	ADM_VENDORS_NO_REVIEW,		/* nothing to decide */
	ADM_VENDORS_NOT_READY,		/* approve: checks missing or failed */
	ADM_VENDORS_RACE,		/* another admin decided first */
	ADM_VENDORS_CHANGED,		/* the profile changed since the page was shown */
};

static const char *
adm_vendors_refusal(int rc)
{
	switch (rc) {
	case ADM_VENDORS_NO_REVIEW:
		return "This vendor has no submission waiting for a decision.";
	case ADM_VENDORS_RACE:
		return "Another admin decided this submission a moment ago. Nothing was changed.";
	case ADM_VENDORS_CHANGED:
		return "The vendor changed the profile after this page was opened, so nothing was saved. "
		       "Look at the details again before you check them.";
	default:
		return "Nothing was changed.";
	}
}

/* Shows the page again for a refused decision. */
static int
adm_vendors_refused(struct req *rq, struct resp *rs, long long id, struct adm_vendors_form *form, int rc)
{
	if (rc == ADM_VENDORS_GONE)
		return 404;
	form->page_error = adm_vendors_refusal(rc);
	return adm_vendors_render(rq, rs, id, form, 409);
}

struct adm_vendors_check_tx {
	struct req *rq;
	long long vendor_id;
	const struct adm_vendors_item *items[ADM_VENDORS_NITEMS];
	size_t nitems;
	int passed;
	const char *note;
	long long seen;		/* the page's profile time, -1 when not sent */
};

/* Stores the checklist rows of the open review and records each. */
static int
adm_vendors_check_tx(void *arg)
{
	struct adm_vendors_check_tx *c = arg;
	long long review;
	const char *detail;
	size_t i;

	long long changed = db_scalar(-1, "SELECT UNIX_TIMESTAMP(updated_at) FROM vendors WHERE id = ? FOR UPDATE",
				      "i", c->vendor_id);

	if (changed < 0)
		return ADM_VENDORS_GONE;
	/* The admin checked what the page showed: not a profile changed since. */
	if (c->seen >= 0 && c->seen != changed)
		return ADM_VENDORS_CHANGED;
	if ((review = adm_vendors_open_review(c->vendor_id)) < 0)
		return -1;
	if (review == 0)
		return ADM_VENDORS_NO_REVIEW;
	for (i = 0; i < c->nitems; i++) {
		if (db_exec("INSERT INTO vendor_checks (review_id, item, passed, note, checked_by)"
			    " VALUES (?, ?, ?, ?, ?)"
			    " ON DUPLICATE KEY UPDATE passed = VALUES(passed), note = VALUES(note),"
			    " checked_by = VALUES(checked_by), checked_at = NOW()",
			    "isisi", review, c->items[i]->key, (long long)c->passed, c->note,
			    c->rq->sess->user_id) < 0)
			return -1;
		detail = arena_printf(&c->rq->arena, "review %lld: %s %s%s%.200s", review, c->items[i]->key,
				      c->passed ? "passed" : "failed", *c->note ? ": " : "", c->note);
		if (audit_log(c->rq, "vendor.check", "vendor", c->vendor_id, detail) != 0)
			return -1;
	}
	return 0;
}

/* Saves c in one transaction: 0 when saved, else the status of the answer
 * (500, or the page again saying why nothing was saved). */
static int
adm_vendors_save(struct req *rq, struct resp *rs, struct adm_vendors_form *form, struct adm_vendors_check_tx *c)
{
	int rc = db_tx(adm_vendors_check_tx, c);

	if (rc < 0)
		return 500;
	if (rc > 0)
		return adm_vendors_refused(rq, rs, c->vendor_id, form, rc);
	return 0;
}

/*
 * ROUTE: POST /admin/vendors/{id}/check      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor), item (a checklist key), result (pass|fail),
 *         note (required when fail, up to 1000 characters), seen (when the
 *         profile the page showed was last changed; a profile changed since
 *         is refused with 409)
 * Records one item of the open review's checklist (replacing an earlier
 * answer) and "vendor.check" in the audit log; back to the vendor's page.
 */
int
adm_vendors_check(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	struct adm_vendors_form form = { 0 };
	struct adm_vendors_check_tx c = { .rq = rq, .vendor_id = id, .nitems = 1, .note = "",
					   .seen = req_int(rq, "seen", -1) };
	size_t note_len;
	int rc;

	form.item = req_str(rq, "item");
	form.result = req_str(rq, "result");
	form.note = text_trim(&rq->arena, req_str(rq, "note"));
	if ((c.items[0] = adm_vendors_item(form.item)) == NULL) {
		form.item = NULL;
		form.page_error = "Choose one of the checks listed.";
		return adm_vendors_render(rq, rs, id, &form, 422);
	}
	if (form.result == NULL || (strcmp(form.result, "pass") != 0 && strcmp(form.result, "fail") != 0))
		form.item_error = "Choose passed or failed.";
	note_len = text_chars(form.note);
	if (form.result && strcmp(form.result, "fail") == 0 && note_len == 0)
		form.note_error = "Say what is wrong: the vendor may have to fix it.";
	else if (note_len > ADM_NOTE_MAX)
		form.note_error = "Keep the note to 1,000 characters.";
	if (form.item_error || form.note_error)
		return adm_vendors_render(rq, rs, id, &form, 422);

	c.passed = strcmp(form.result, "pass") == 0;
	c.note = form.note;
	if ((rc = adm_vendors_save(rq, rs, &form, &c)) != 0)
		return rc;
	resp_set_flash(rs, arena_printf(&rq->arena, "Saved: %s %s.", c.items[0]->question,
					c.passed ? "— passed" : "— failed"));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld#check-%s", id,
						   c.items[0]->key));
}

/*
 * ROUTE: POST /admin/vendors/{id}/checks      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor), pass_<item> (yes) for each checklist item ticked,
 *         note (optional, up to 1000 characters, saved with each), seen (as
 *         for /check: a profile changed since the page was shown is refused
 *         with 409)
 * Records every ticked item of the open review's checklist as passed in one
 * submission, each with "vendor.check" in the audit log as /check does;
 * nothing ticked is a 422. Back to the vendor's page.
 */
int
adm_vendors_checks(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	struct adm_vendors_form form = { .several = 1 };
	struct adm_vendors_check_tx c = { .rq = rq, .vendor_id = id, .passed = 1,
					   .seen = req_int(rq, "seen", -1) };
	size_t i;
	int rc;

	form.note = text_trim(&rq->arena, req_str(rq, "note"));
	for (i = 0; i < ADM_VENDORS_NITEMS; i++) {
		const char *tick = req_str(rq, arena_printf(&rq->arena, "pass_%s", adm_vendors_items[i].key));

		if (tick != NULL && strcmp(tick, "yes") == 0) {
			form.ticked |= 1u << i;
			c.items[c.nitems++] = &adm_vendors_items[i];
		}
	}
	if (c.nitems == 0)
		form.ticked_error = "Tick the checks that passed, then save them.";
	if (text_chars(form.note) > ADM_NOTE_MAX)
		form.several_note_error = "Keep the note to 1,000 characters.";
	if (form.ticked_error || form.several_note_error)
		return adm_vendors_render(rq, rs, id, &form, 422);
	c.note = form.note;
	if ((rc = adm_vendors_save(rq, rs, &form, &c)) != 0)
		return rc;
	resp_set_flash(rs, c.nitems == 1 ? arena_printf(&rq->arena, "Saved: %s — passed.", c.items[0]->question)
					 : arena_printf(&rq->arena, "Saved: %zu checks passed.", c.nitems));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld#review", id));
}

struct adm_vendors_decision {
	struct req *rq;
	long long vendor_id;
	const char *reason;		/* reject: the written reason */
	char missing[512];		/* approve: the checks still missing */
	int was_public;			/* the shop was public before */
};

/*
 * The vendor row, locked, with its owner for the mail, and its open review
 * (*review). Returns the result positioned on the row, or NULL with *rc
 * ADM_VENDORS_GONE, ADM_VENDORS_NO_REVIEW or -1. Notes whether the shop
 * was public.
 */
static struct db_result *
adm_vendors_lock(struct adm_vendors_decision *s, long long *review, int *rc)
{
	struct db_result *r = db_query("SELECT v.status, v.trading_name, v.slug, u.email, u.name, u.status"
				       " FROM vendors v LEFT JOIN users u ON u.id = v.user_id"
				       " WHERE v.id = ? FOR UPDATE", "i", s->vendor_id);

	*rc = -1;
	if (r == NULL)
		return NULL;
	if (!db_next(r)) {
		*rc = ADM_VENDORS_GONE;
		goto fail;
	}
	s->was_public = strcmp(db_str(r, 0), "verified") == 0;
	if ((*review = adm_vendors_open_review(s->vendor_id)) <= 0) {
		*rc = *review < 0 ? -1 : ADM_VENDORS_NO_REVIEW;
		goto fail;
	}
	return r;
fail:
	db_free(r);
	return NULL;
}

/* A mail to the vendor's owner, when there is one who can read it. */
static int
adm_vendors_mail(struct db_result *v, const char *subject, const char *template, tmpl_dict *d)
{
	if (db_null(v, 3) || strcmp(db_str(v, 5), "active") != 0) {
		tmpl_dict_free(d);
		return 0;
	}
	tmpl_set(d, "NAME", db_str(v, 4));
	tmpl_set(d, "TRADING_NAME", db_str(v, 1));
	return mail_queue(db_str(v, 3), subject, template, d) < 0 ? -1 : 0;
}

/* What approving and rejecting record and send. */
struct adm_vendors_verdict {
	const char *decision;		/* of the review */
	const char *status;		/* the vendor's, or the one it returns to when unblocked */
	const char *subject, *mail_template;	/* the mail to the owner */
	const char *action;		/* in the audit log */
};

static const struct adm_vendors_verdict adm_vendors_approval = {
	"approved", "verified", "Your shop is approved", "vendor_approved", "vendor.approve"
};
static const struct adm_vendors_verdict adm_vendors_rejection = {
	"rejected", "rejected", "Your vendor profile needs changes", "vendor_rejected", "vendor.reject"
};

/*
 * Decides the open review of vendor v (with s->reason when rejecting): the
 * review closed, the vendor's status set (a blocked vendor stays blocked and
 * returns to it when unblocked), the owner sent the mail d (freed in any
 * case) and the audit entry recorded with detail. 0, ADM_VENDORS_RACE when
 * another admin decided first, or -1.
 */
static int
adm_vendors_decide(struct adm_vendors_decision *s, struct db_result *v, long long review,
		   const struct adm_vendors_verdict *verdict, tmpl_dict *d, const char *detail)
{
	long long n = db_exec("UPDATE vendor_reviews SET decision = ?, reason = ?, decided_by = ?, decided_at = NOW()"
			      " WHERE id = ? AND decision IS NULL", "ssii", verdict->decision, s->reason,
			      s->rq->sess->user_id, review);

	if (n != 1 || db_exec("UPDATE vendors SET blocked_from = IF(status = 'blocked', ?, blocked_from),"
			      " status = IF(status = 'blocked', 'blocked', ?) WHERE id = ?", "ssi",
			      verdict->status, verdict->status, s->vendor_id) < 0 ||
	    catalog_vendor_events(s->vendor_id) < 0) {
		tmpl_dict_free(d);
		return n == 0 ? ADM_VENDORS_RACE : -1;
	}
	if (adm_vendors_mail(v, verdict->subject, verdict->mail_template, d) != 0 ||
	    audit_log(s->rq, verdict->action, "vendor", s->vendor_id, detail) != 0)
		return -1;
	return 0;
}

static int
adm_vendors_approve_tx(void *arg)
{
	struct adm_vendors_decision *s = arg;
	struct db_result *v, *checks;
	long long review;
	size_t i, used = 0;
	tmpl_dict *d;
	int rc;

	if ((v = adm_vendors_lock(s, &review, &rc)) == NULL)
		return rc;
	rc = -1;
	if ((checks = db_query("SELECT item FROM vendor_checks WHERE review_id = ? AND passed = 1", "i",
			       review)) == NULL)
		goto out;
	s->missing[0] = '\0';
	for (i = 0; i < ADM_VENDORS_NITEMS; i++) {
		int ok = 0;

		db_rewind(checks);
		while (db_next(checks))
			if (strcmp(db_str(checks, 0), adm_vendors_items[i].key) == 0)
				ok = 1;
		if (!ok && used < sizeof s->missing)
			used += (size_t)snprintf(s->missing + used, sizeof s->missing - used, "%s%s",
						 used ? "; " : "", adm_vendors_items[i].question);
	}
	db_free(checks);
	if (s->missing[0]) {
		rc = ADM_VENDORS_NOT_READY;
		goto out;
	}
	/* A shop verified for the first time has its first listings reviewed
	 * (before the review below counts as its approval). */
	if (moderation_vendor_verified(s->vendor_id) != 0)
		goto out;
	d = tmpl_dict_new("mail");
	tmpl_set(d, "SHOP_URL", arena_printf(&s->rq->arena, "%s/v/%s", mail_base_url(),
					     db_str(v, 2)));
	tmpl_set(d, "PORTAL_URL", arena_printf(&s->rq->arena, "%s/vendor/", mail_base_url()));
	rc = adm_vendors_decide(s, v, review, &adm_vendors_approval, d,
				arena_printf(&s->rq->arena, "review %lld", review));
out:
	db_free(v);
	return rc;
}

/*
 * ROUTE: POST /admin/vendors/{id}/approve      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor)
 * Approves the open review when every checklist item has passed (else 422
 * naming what is missing): the vendor becomes verified, its shop appears
 * (listing caches retired), the owner is mailed, "vendor.approve" recorded.
 * A shop verified for the first time has its first listings reviewed
 * (moderation_vendor_verified).
 */
int
adm_vendors_approve(struct req *rq, struct resp *rs)
{
	struct adm_vendors_decision s = { .rq = rq, .vendor_id = req_int(rq, "id", 0) };
	struct adm_vendors_form form = { 0 };
	int rc = db_tx(adm_vendors_approve_tx, &s);

	if (rc < 0)
		return 500;
	if (rc == ADM_VENDORS_NOT_READY) {
		form.page_error = arena_printf(&rq->arena, "Not every check has passed yet. Still to pass: %s.",
					       s.missing);
		return adm_vendors_render(rq, rs, s.vendor_id, &form, 422);
	}
	if (rc > 0)
		return adm_vendors_refused(rq, rs, s.vendor_id, &form, rc);
	/* After the commit: the shop and its products show from the next request. */
	catalog_vendor_changed(s.vendor_id);
	resp_set_flash(rs, "Vendor approved. The shop is public now and the owner has been told by email.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld", s.vendor_id));
}

static int
adm_vendors_reject_tx(void *arg)
{
	struct adm_vendors_decision *s = arg;
	struct arena *a = &s->rq->arena;
	struct db_result *v;
	long long review;
	tmpl_dict *d;
	int rc;

	if ((v = adm_vendors_lock(s, &review, &rc)) == NULL)
		return rc;
	d = tmpl_dict_new("mail");
	tmpl_set(d, "REASON", s->reason);
	tmpl_set(d, "PROFILE_URL", arena_printf(a, "%s/vendor/profile", mail_base_url()));
	rc = adm_vendors_decide(s, v, review, &adm_vendors_rejection, d,
				arena_printf(a, "review %lld: %.1500s", review, s->reason));
	db_free(v);
	return rc;
}

/*
 * ROUTE: POST /admin/vendors/{id}/reject      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor), reason (10..2000 characters), confirm (the checkbox);
 *         bad input shows the form again (R_FORM)
 * Rejects the open review with the written reason: the vendor becomes
 * rejected (a public shop disappears), the owner is mailed the reason and
 * how to fix and resubmit, "vendor.reject" is recorded.
 */
int
adm_vendors_reject(struct req *rq, struct resp *rs)
{
	struct adm_vendors_decision s = { .rq = rq, .vendor_id = req_int(rq, "id", 0) };
	struct adm_vendors_form form = { .reason = req_str(rq, "reason") };
	int rc;

	s.reason = form.reason;
	rc = db_tx(adm_vendors_reject_tx, &s);
	if (rc < 0)
		return 500;
	if (rc > 0)
		return adm_vendors_refused(rq, rs, s.vendor_id, &form, rc);
	if (s.was_public)
		catalog_vendor_changed(s.vendor_id);
	resp_set_flash(rs, "Vendor rejected. The owner has been sent the reason by email.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld", s.vendor_id));
}

/* ---- review before publishing --------------------------------------------- */

/* The form page of POST /admin/vendors/{id}/listing-review (route.h): the
 * vendor's page, that form filled by the router. */
tmpl_dict *
adm_vendors_listing_review_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct adm_vendors_form form = { .listing_review = 1 };
	int rc = adm_vendors_page(rq, rs, v, req_int(rq, "id", 0), &form);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

struct adm_vendors_setting {
	struct req *rq;
	long long vendor_id;
	const char *mode;
	long long first;
};

static int
adm_vendors_listing_review_tx(void *arg)
{
	struct adm_vendors_setting *c = arg;
	long long n = db_exec("UPDATE vendors SET listing_review = ?, listing_review_first = ? WHERE id = ?", "sii",
			      c->mode, c->first, c->vendor_id);

	if (n < 0)
		return -1;
	if (db_scalar(0, "SELECT COUNT(*) FROM vendors WHERE id = ?", "i", c->vendor_id) == 0)
		return ADM_VENDORS_GONE;
	return audit_log(c->rq, "vendor.listing_review", "vendor", c->vendor_id,
			 strcmp(c->mode, "first") == 0 ? arena_printf(&c->rq->arena, "first %lld", c->first) : c->mode);
}

/*
 * ROUTE: POST /admin/vendors/{id}/listing-review      TEMPLATE: admin/vendors_view.tpl
 * PARAMS: id (vendor), mode (off|first|all), first (1..1000 with first;
 *         bad input shows the form again, R_FORM)
 * Sets when the shop's listings wait for review before they are shown:
 * never (prohibited words still hold one), its first N listings, or every
 * listing and every edit of a live one. "vendor.listing_review" is recorded.
 * Listings already waiting stay in the queue.
 */
int
adm_vendors_listing_review(struct req *rq, struct resp *rs)
{
	struct adm_vendors_setting c = { rq, req_int(rq, "id", 0), req_str(rq, "mode"), req_int(rq, "first", 0) };
	int rc;

	if (strcmp(c.mode, "first") == 0 && c.first < 1) {
		route_form_error(rq, "first", "Give how many of the shop's first listings to review, from 1 to 1,000.");
		return route_form_fail(rq, rs);
	}
	if (strcmp(c.mode, "first") != 0)
		c.first = 0;
	if ((rc = db_tx(adm_vendors_listing_review_tx, &c)) < 0)
		return 500;
	if (rc == ADM_VENDORS_GONE)
		return 404;
	resp_set_flash(rs, strcmp(c.mode, "off") == 0 ? "Saved: the shop's listings are shown when published (prohibited words still hold one for review)."
			   : strcmp(c.mode, "all") == 0 ? "Saved: every listing of the shop waits for review before it is shown."
			   : arena_printf(&rq->arena, "Saved: the shop's first %lld listings wait for review before they are shown.", c.first));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld#listing-review", c.vendor_id));
}

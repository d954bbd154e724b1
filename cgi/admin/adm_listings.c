/*
 * adm_listings: listings waiting for review (listing_reviews, see
 * schema/0009_moderation.sql and cgi/lib/moderation.h). The queue lists them
 * oldest first with what changed since the version last approved; the
 * review page shows the whole listing field by field, old beside new, and
 * the admin approves it (it goes live at once) or rejects it with a reason
 * the vendor reads in a mail and on the listing.
 *
 * A decision is taken once, by moderation_decide (the demo data's
 * turned-down listing goes through it too): the review row is locked, and
 * closed with "UPDATE ... WHERE id = ? AND status = 'pending' AND revision
 * = ?". A second decision (a double click, another admin) finds it closed
 * and says so; a decision made on a page older than the vendor's last edit
 * (the revision moved on) is refused, so nobody approves what they did not
 * see.
 */
#include "adm.h"

#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "mail.h"
#include "moderation.h"
#include "money.h"

/* The columns every view of a review reads, in this order (ADM_L_*). */
#define ADM_LISTINGS_COLUMNS \
	"SELECT r.id, r.product_id, r.status, r.revision, r.cause," \
	" DATE_FORMAT(r.submitted_at, '%Y-%m-%d %H:%i'), COALESCE(DATE_FORMAT(r.decided_at, '%Y-%m-%d %H:%i'), '')," \
	" COALESCE(r.reason, ''), COALESCE(u.email, '')," \
	" r.name, r.description, r.price_minor, COALESCE(c.name, ''), r.images," \
	" r.approved_name, r.approved_description, r.approved_price_minor, COALESCE(ac.name, ''), r.approved_images," \
	" v.id, v.trading_name, p.status, p.slug" \
	" FROM listing_reviews r JOIN vendors v ON v.id = r.vendor_id JOIN products p ON p.id = r.product_id" \
	" LEFT JOIN categories c ON c.id = r.category_id" \
	" LEFT JOIN categories ac ON ac.id = r.approved_category_id" \
	" LEFT JOIN users u ON u.id = r.decided_by"
enum {
	ADM_L_ID, ADM_L_PRODUCT, ADM_L_STATUS, ADM_L_REVISION, ADM_L_CAUSE, ADM_L_SUBMITTED, ADM_L_DECIDED,
	ADM_L_REASON, ADM_L_DECIDED_BY,
	ADM_L_NAME, ADM_L_DESCRIPTION, ADM_L_PRICE, ADM_L_CATEGORY, ADM_L_IMAGES,
	ADM_L_OLD_NAME, ADM_L_OLD_DESCRIPTION, ADM_L_OLD_PRICE, ADM_L_OLD_CATEGORY, ADM_L_OLD_IMAGES,
	ADM_L_VENDOR_ID, ADM_L_VENDOR, ADM_L_PRODUCT_STATUS, ADM_L_SLUG
};

/* The queue: pending reviews of listings still waiting (a listing the vendor
 * archived meanwhile is not; publishing it again refreshes its review). */
static const char adm_listings_count_sql[] =
	"SELECT COUNT(*) FROM listing_reviews r JOIN products p ON p.id = r.product_id"
	" WHERE r.status = 'pending' AND p.status = 'review'";
static const char adm_listings_queue_sql[] = ADM_LISTINGS_COLUMNS
	" WHERE r.status = 'pending' AND p.status = 'review' ORDER BY r.submitted_at, r.id LIMIT ? OFFSET ?";
/* Every review of a product, the latest first. */
static const char adm_listings_product_sql[] = ADM_LISTINGS_COLUMNS
	" WHERE r.product_id = ? ORDER BY r.id DESC LIMIT 50";

/* The fields a review compares. */
enum adm_listings_kind { ADM_LISTINGS_SHORT, ADM_LISTINGS_TEXT, ADM_LISTINGS_PRICE, ADM_LISTINGS_PICTURES };
static const struct adm_listings_field {
	const char *label;
	int now, before;		/* ADM_L_* columns */
	enum adm_listings_kind kind;
} adm_listings_fields[] = {
	{ "Name", ADM_L_NAME, ADM_L_OLD_NAME, ADM_LISTINGS_SHORT },
	{ "Price", ADM_L_PRICE, ADM_L_OLD_PRICE, ADM_LISTINGS_PRICE },
	{ "Category", ADM_L_CATEGORY, ADM_L_OLD_CATEGORY, ADM_LISTINGS_SHORT },
	{ "Description", ADM_L_DESCRIPTION, ADM_L_OLD_DESCRIPTION, ADM_LISTINGS_TEXT },
	{ "Pictures", ADM_L_IMAGES, ADM_L_OLD_IMAGES, ADM_LISTINGS_PICTURES },
};
#define ADM_LISTINGS_NFIELDS (sizeof adm_listings_fields / sizeof adm_listings_fields[0])

/* A price column as the shop shows it. */
static const char *
adm_listings_price(struct arena *a, const char *minor)
{
	char out[64];

	return arena_strdup(a, money_format(strtoll(minor, NULL, 10), out, sizeof out));
}

/* A multi-line value as LINE rows of section s. */
static void
adm_listings_lines(tmpl_dict *s, struct arena *a, const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		tmpl_set(tmpl_section(s, "LINE"), "TEXT", arena_strndup(a, p, (size_t)(nl - p)));
		p = *nl ? nl + 1 : nl;
	}
}

/* The pictures of a snapshot ("<path> <alt>" lines) as PICTURE rows of s. */
static void
adm_listings_pictures(tmpl_dict *s, struct arena *a, const char *images)
{
	const char *p = images, *nl, *sp;
	tmpl_dict *pic;
	char *url;

	if (*p == '\0') {
		tmpl_show(s, "NO_PICTURES");
		return;
	}
	while (*p) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		sp = memchr(p, ' ', (size_t)(nl - p));
		if (sp == NULL)
			sp = nl;
		pic = tmpl_section(s, "PICTURE");
		url = asset_media_url(arena_strndup(a, p, (size_t)(sp - p)));
		tmpl_set(pic, "URL", url ? url : "");
		free(url);
		tmpl_set(pic, "ALT", sp < nl ? arena_strndup(a, sp + 1, (size_t)(nl - sp - 1)) : "");
		p = *nl ? nl + 1 : nl;
	}
}

/* One side (OLD or NEW section of row) of a field's value. */
static void
adm_listings_side(tmpl_dict *row, struct arena *a, const char *section, const struct adm_listings_field *f,
		  const char *value, int full)
{
	tmpl_dict *s = tmpl_section(row, section);

	switch (f->kind) {
	case ADM_LISTINGS_PRICE:
		tmpl_set(s, "VALUE", adm_listings_price(a, value));
		break;
	case ADM_LISTINGS_TEXT:
		if (full)
			adm_listings_lines(tmpl_section(s, "LINES"), a, value);
		else
			tmpl_show(s, "CHANGED");
		break;
	case ADM_LISTINGS_PICTURES:
		if (full)
			adm_listings_pictures(tmpl_section(s, "PICTURES"), a, value);
		else
			tmpl_show(s, "CHANGED");
		break;
	default:
		tmpl_set(s, "VALUE", value);
	}
}

/*
 * What changed in review r, into section FIELD of d: with full, every
 * field with both versions (changed ones marked); else only the changed
 * ones, long values said to have changed. A listing never approved is
 * NEW_LISTING. Returns how many fields changed.
 */
static size_t
adm_listings_diff(tmpl_dict *d, struct arena *a, struct db_result *r, int full)
{
	int is_new = db_null(r, ADM_L_OLD_NAME);
	size_t i, changed = 0;

	if (is_new)
		tmpl_show(d, "NEW_LISTING");
	for (i = 0; i < ADM_LISTINGS_NFIELDS; i++) {
		const struct adm_listings_field *f = &adm_listings_fields[i];
		const char *now = db_str(r, f->now), *before = db_str(r, f->before);
		int differs = !is_new && strcmp(now, before ? before : "") != 0;
		tmpl_dict *row;

		if (differs)
			changed++;
		if (!full && !differs)
			continue;
		row = tmpl_section(d, "FIELD");
		tmpl_set(row, "LABEL", f->label);
		tmpl_show(row, differs ? "DIFFERS" : is_new ? "FIRST" : "SAME");
		if (!is_new)
			adm_listings_side(row, a, "OLD", f, before ? before : "", full);
		adm_listings_side(row, a, "NEW", f, now, full);
	}
	if (!is_new && changed == 0)
		tmpl_show(d, "NOTHING_CHANGED");
	return changed;
}

/*
 * ROUTE: GET /admin/listings/review      TEMPLATE: admin/listings_queue.tpl
 * PARAMS: page (1..10000)
 * Listings waiting for review, 50 a page, the longest waiting first: the
 * listing, its shop, why it is held, and each field changed since the
 * version last approved, old beside new ("new listing" when none was).
 */
int
adm_listings_queue(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long page = req_int(rq, "page", 1), total;
	const char *filters[] = { NULL };
	struct view v = { 0 };
	struct db_result *r = NULL;
	tmpl_dict *d, *row;
	int status = 500;

	if ((total = db_scalar(-1, adm_listings_count_sql, "")) < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(adm_listings_queue_sql, "ii", (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		goto out;
	d = adm_page(&v, rq, rs, "admin/listings_queue.tpl", "Listings to review", ADM_SECTION_LISTINGS);
	view_crumb(&v, "Listings to review", NULL);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "listing waiting", "listings waiting"));
	tmpl_show(d, db_rows(r) == 0 ? "NO_LISTINGS" : "HAS_LISTINGS");
	while (db_next(r)) {
		row = tmpl_section(d, "LISTING");
		tmpl_set(row, "URL", arena_printf(a, "/admin/listings/%lld", db_int(r, ADM_L_PRODUCT)));
		tmpl_set(row, "NAME", db_str(r, ADM_L_NAME));
		tmpl_set(row, "VENDOR", db_str(r, ADM_L_VENDOR));
		tmpl_set(row, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld", db_int(r, ADM_L_VENDOR_ID)));
		tmpl_set(row, "SUBMITTED", db_str(r, ADM_L_SUBMITTED));
		tmpl_set(row, "CAUSE", db_str(r, ADM_L_CAUSE));
		adm_listings_diff(row, a, r, 0);
	}
	adm_pagination(d, a, "/admin/listings/review", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* What was wrong with a decision, for the review page. */
struct adm_listings_form {
	const char *page_error;		/* about the review as a whole */
	const char *reason;		/* the reject form's reason, kept */
	int reject;			/* the reject form came back (its fields are the router's) */
};

/* The review page of product id into v (see adm_listings_view): 200, 404
 * when the product was never reviewed, 500. */
static int
adm_listings_page(struct req *rq, struct resp *rs, struct view *v, long long id, const struct adm_listings_form *form)
{
	struct arena *a = &rq->arena;
	struct db_result *r = db_query(adm_listings_product_sql, "i", id);
	const char *state;
	tmpl_dict *d, *s, *h;
	int rc = 500;

	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		rc = 404;
		goto out;
	}
	d = adm_page(v, rq, rs, "admin/listings_view.tpl", db_str(r, ADM_L_NAME), ADM_SECTION_LISTINGS);
	view_crumb(v, "Listings to review", "/admin/listings/review");
	view_crumb(v, db_str(r, ADM_L_NAME), NULL);
	state = db_str(r, ADM_L_STATUS);
	tmpl_set(d, "NAME", db_str(r, ADM_L_NAME));
	tmpl_set(d, "VENDOR", db_str(r, ADM_L_VENDOR));
	tmpl_set(d, "VENDOR_URL", arena_printf(a, "/admin/vendors/%lld", db_int(r, ADM_L_VENDOR_ID)));
	tmpl_set(d, "SUBMITTED", db_str(r, ADM_L_SUBMITTED));
	tmpl_set(d, "CAUSE", db_str(r, ADM_L_CAUSE));
	if (strcmp(db_str(r, ADM_L_PRODUCT_STATUS), "active") == 0)
		tmpl_set(tmpl_section(d, "LIVE"), "URL", arena_printf(a, "/p/%lld-%s", id, db_str(r, ADM_L_SLUG)));
	adm_listings_diff(d, a, r, 1);
	if (strcmp(state, "pending") == 0) {
		s = tmpl_section(d, "OPEN");
		tmpl_set(s, "APPROVE_ACTION", arena_printf(a, "/admin/listings/%lld/approve", id));
		tmpl_set(s, "REJECT_ACTION", arena_printf(a, "/admin/listings/%lld/reject", id));
		tmpl_set_int(s, "REVIEW", db_int(r, ADM_L_ID));
		tmpl_set_int(s, "REVISION", db_int(r, ADM_L_REVISION));
		tmpl_set(s, "REASON", form && form->reason ? form->reason : "");
		if (form && form->reject)
			v->fields = s;
	} else {
		s = tmpl_section(d, "DECIDED");
		tmpl_show(s, strcmp(state, "approved") == 0 ? "APPROVED" : "REJECTED");
		tmpl_set(s, "AT", db_str(r, ADM_L_DECIDED));
		tmpl_set(s, "BY", db_str(r, ADM_L_DECIDED_BY)[0] ? db_str(r, ADM_L_DECIDED_BY) : "—");
		tmpl_set(s, "REASON", db_str(r, ADM_L_REASON));
	}
	/* The earlier reviews of the listing. */
	while (db_next(r)) {
		h = tmpl_section(d, "HISTORY");
		tmpl_show(d, "HAS_HISTORY");
		tmpl_set(h, "SUBMITTED", db_str(r, ADM_L_SUBMITTED));
		tmpl_set(h, "CAUSE", db_str(r, ADM_L_CAUSE));
		tmpl_set(h, "NAME", db_str(r, ADM_L_NAME));
		tmpl_set(h, "AT", db_str(r, ADM_L_DECIDED));
		tmpl_set(h, "BY", db_str(r, ADM_L_DECIDED_BY)[0] ? db_str(r, ADM_L_DECIDED_BY) : "—");
		if (strcmp(db_str(r, ADM_L_STATUS), "approved") == 0)
			tmpl_show(h, "APPROVED");
		else if (strcmp(db_str(r, ADM_L_STATUS), "rejected") == 0)
			tmpl_set(tmpl_section(h, "REJECTED"), "REASON", db_str(r, ADM_L_REASON));
		else
			tmpl_show(h, "PENDING");
	}
	if (form && form->page_error)
		view_form_error(d, "decision", form->page_error);
	rc = 200;
out:
	db_free(r);
	return rc;
}

static int
adm_listings_render(struct req *rq, struct resp *rs, long long id, const struct adm_listings_form *form, int status)
{
	struct view v = { 0 };
	int rc = adm_listings_page(rq, rs, &v, id, form);

	if (rc == 200)
		return view_end_status(&v, rs, status);
	view_discard(&v);
	return rc;
}

/*
 * ROUTE: GET /admin/listings/{id}      TEMPLATE: admin/listings_view.tpl
 * PARAMS: id (product)
 * The listing's latest review: why it is held, every field as submitted
 * beside the version last approved (changed ones marked, pictures shown),
 * the approve and reject forms while it waits, the decision once taken, and
 * the earlier reviews. 404 for a listing never reviewed.
 */
int
adm_listings_view(struct req *rq, struct resp *rs)
{
	return adm_listings_render(rq, rs, req_int(rq, "id", 0), NULL, 200);
}

/* The form page of POST /admin/listings/{id}/reject (route.h). */
tmpl_dict *
adm_listings_reject_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct adm_listings_form form = { .reject = 1 };
	int rc = adm_listings_page(rq, rs, v, req_int(rq, "id", 0), &form);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

/* ---- decisions ------------------------------------------------------------ */

struct adm_listings_decision {
	struct req *rq;
	struct moderation_decision d;
};

/* The vendor's edit page of the listing, for the decision's mail. */
static const char *
adm_listings_edit_url(struct req *rq, long long id)
{
	return arena_printf(&rq->arena, "%s/vendor/listings/%lld/edit", mail_base_url(), id);
}

static int
adm_listings_decide_tx(void *arg)
{
	struct adm_listings_decision *s = arg;

	return moderation_decide(s->rq, &s->rq->arena, &s->d);
}

/* Runs a decision and answers: back to the queue, or the page saying why
 * nothing was done. */
static int
adm_listings_decide(struct req *rq, struct resp *rs, struct adm_listings_decision *s, const char *done)
{
	struct adm_listings_form form = { .reason = s->d.reason };
	int rc = db_tx(adm_listings_decide_tx, s);

	switch (rc) {
	case 0:
		/* The storefront shows it from the next request (the module tells
		 * the caches after the commit). */
		resp_set_flash(rs, done);
		return resp_redirect(rs, 303, "/admin/listings/review");
	case MODERATION_GONE:
		return 404;
	case MODERATION_DECIDED:
		form.page_error = arena_printf(&rq->arena, "This listing was %s a moment ago, by another admin or an "
					       "earlier click. Nothing was changed.", s->d.decided);
		return adm_listings_render(rq, rs, s->d.product_id, &form, 409);
	case MODERATION_CHANGED:
		form.page_error = "The vendor changed the listing after this page was opened, so nothing was "
				  "changed. Look at the listing again before you decide.";
		return adm_listings_render(rq, rs, s->d.product_id, &form, 409);
	case MODERATION_WITHDRAWN:
		form.page_error = "The vendor took this listing out of review (it is archived), so nothing was "
				  "changed. If it is published again, it comes back to the queue.";
		return adm_listings_render(rq, rs, s->d.product_id, &form, 409);
	default:
		return 500;
	}
}

/*
 * ROUTE: POST /admin/listings/{id}/approve      TEMPLATE: admin/listings_view.tpl
 * PARAMS: id (product), review (the review the page showed), revision (its
 *         revision then)
 * Approves the pending review: the listing goes live (the storefront shows
 * it on the next request), the vendor is mailed, "listing.approve" is
 * recorded. Decided already, changed by the vendor since the page was
 * shown, or no longer waiting (archived): 409 with the page saying so,
 * nothing changed.
 */
int
adm_listings_approve(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	struct adm_listings_decision s = {
		rq, { id, req_int(rq, "review", 0), req_int(rq, "revision", 0), 1, NULL,
		      adm_listings_edit_url(rq, id), NULL }
	};

	return adm_listings_decide(rq, rs, &s, "Listing approved. It is live and the vendor has been told by email.");
}

/*
 * ROUTE: POST /admin/listings/{id}/reject      TEMPLATE: admin/listings_view.tpl
 * PARAMS: id (product), review, revision (as for approve), reason (10..2000
 *         characters, sent to the vendor); bad input shows the form again
 *         (R_FORM)
 * Rejects the pending review with the reason: the listing goes back to
 * draft, the vendor is mailed the reason (and sees it on the listing) and
 * can edit and publish it again; "listing.reject" is recorded.
 */
int
adm_listings_reject(struct req *rq, struct resp *rs)
{
	long long id = req_int(rq, "id", 0);
	struct adm_listings_decision s = {
		rq, { id, req_int(rq, "review", 0), req_int(rq, "revision", 0), 0, req_str(rq, "reason"),
		      adm_listings_edit_url(rq, id), NULL }
	};

	return adm_listings_decide(rq, rs, &s, "Listing rejected. The vendor has been sent the reason by email.");
}

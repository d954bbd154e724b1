/*
 * vp_listing_form: the form that makes a new listing and the one that edits
 * a listing (name, description, leaf category, price, compare-at price, SKU,
 * stock, low-stock warning, weight). The fields are declared once in
 * vp_main.c (VP_LISTING_PARAMS) with the listing module's validators; the
 * router shows the form again with a message next to each field that is
 * wrong. Writes go through listing_save, and "Save and publish" through
 * listing_publish (listing.h), which decide everything about them.
 *
 * A new listing starts as a draft, whatever the shop's state: a shop can
 * prepare its listings while we verify it. Publishing needs a verified shop
 * and a confirmed email address (listing_publish_refusal); a blocked shop
 * changes nothing (403 with the reason).
 */
#include "vp.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "csrf.h"
#include "db.h"
#include "listing.h"
#include "moderation.h"
#include "money.h"
#include "sess.h"

/* Every category with its parent, parents first: the select groups the
 * leaves under their top-level category. */
static const char vp_listing_form_categories_sql[] =
	"SELECT id, parent_id, name FROM categories ORDER BY depth, position, name";

struct vp_listing_category {
	long long id, parent, top;
	const char *name;
	int has_children;
};

/*
 * Fills the category select of fields: the leaf categories, grouped under
 * their top-level category (a top-level category without sub-categories is
 * a group of its own). selected is the chosen id (0: none). 0 or -1.
 */
static int
vp_listing_form_categories(tmpl_dict *fields, struct arena *a, long long selected)
{
	struct db_result *r = db_query(vp_listing_form_categories_sql, "");
	struct vp_listing_category *c;
	size_t n, i, j;
	tmpl_dict *group, *option;

	if (r == NULL)
		return -1;
	n = db_rows(r);
	c = arena_alloc(a, (n ? n : 1) * sizeof *c);
	for (i = 0; i < n && db_next(r); i++) {
		c[i].id = db_int(r, 0);
		c[i].parent = db_int(r, 1);
		c[i].top = c[i].id;
		c[i].name = arena_strdup(a, db_str(r, 2));
	}
	db_free(r);
	n = i;
	/* Parents come first (ordered by depth): each child takes its parent's top. */
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (c[j].id == c[i].parent) {
				c[i].top = c[j].top;
				c[j].has_children = 1;
				break;
			}
	for (i = 0; i < n; i++) {
		if (c[i].parent != 0)
			continue;
		group = NULL;
		for (j = 0; j < n; j++) {
			if (c[j].top != c[i].id || c[j].has_children)
				continue;
			if (group == NULL) {
				group = tmpl_section(fields, "GROUP");
				tmpl_set(group, "LABEL", c[i].name);
			}
			option = tmpl_section(group, "OPTION");
			tmpl_set_int(option, "VALUE", c[j].id);
			tmpl_set(option, "LABEL", c[j].name);
			if (c[j].id == selected)
				tmpl_show(option, "SELECTED");
		}
	}
	return 0;
}

/* Puts a listing's stored values into the fields. */
static void
vp_listing_form_fill(tmpl_dict *fields, const struct listing *l)
{
	char amount[32];

	tmpl_set(fields, "NAME", l->name);
	tmpl_set(fields, "DESCRIPTION", l->description);
	tmpl_set(fields, "PRICE", money_plain(l->price_minor, amount, sizeof amount));
	tmpl_set(fields, "COMPARE_AT", l->compare_at_minor > 0 ?
		 money_plain(l->compare_at_minor, amount, sizeof amount) : "");
	tmpl_set(fields, "SKU", l->sku ? l->sku : "");
	tmpl_set_int(fields, "STOCK", l->stock);
	tmpl_set_int(fields, "LOW_STOCK_THRESHOLD", l->low_stock_threshold);
	if (l->weight_grams > 0)
		tmpl_set_int(fields, "WEIGHT_GRAMS", l->weight_grams);
}

/* The category shown as chosen: on a form sent back, the one sent (when it
 * was valid), else the stored one. */
static long long
vp_listing_form_selected(struct req *rq, const struct listing *l)
{
	const char *sent;

	if (strcmp(rq->method, "POST") == 0)
		return (sent = req_str(rq, "category")) != NULL ? atoll(sent) : 0;
	return l ? l->category_id : 0;
}

/*
 * What the marketplace's review says of listing l (section IN_REVIEW of
 * edit with why it waits, or REJECTED with the admin's reason while the
 * listing is back among the drafts). 0, or -1 on a database error.
 */
static int
vp_listing_form_review(tmpl_dict *edit, struct arena *a, const struct listing *l)
{
	struct moderation_state m;
	tmpl_dict *s;

	if (moderation_state_read(a, l->id, &m) != 0)
		return -1;
	if (strcmp(l->status, "review") == 0) {
		tmpl_set(tmpl_section(edit, "IN_REVIEW"), "CAUSE", m.cause);
	} else if (strcmp(l->status, "draft") == 0 && strcmp(m.status, "rejected") == 0) {
		s = tmpl_section(edit, "REJECTED");
		tmpl_set(s, "AT", m.decided_at);
		tmpl_set(s, "REASON", m.reason);
	}
	return 0;
}

/*
 * The page of the form: a new listing when l is NULL, else l's. Returns
 * the page dictionary (NULL when the categories cannot be read) and the
 * fields' in *fields.
 */
static tmpl_dict *
vp_listing_form_page(struct view *v, struct req *rq, struct resp *rs, const struct vp_vendor *vendor,
		     const struct listing *l, tmpl_dict **fields)
{
	const char *refusal = listing_publish_refusal(&rq->arena, vendor->status, rq->sess->verified);
	int live = strcmp(vendor->status, "verified") == 0, unpublished;
	tmpl_dict *d, *edit;
	char path[200];

	d = view_begin(v, rq, rs, "vendor/listing_form.tpl", l ? arena_printf(&rq->arena, "Edit %s", l->name) :
		       "New listing");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Listings", "/vendor/listings");
	view_crumb(v, l ? l->name : "New listing", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	*fields = tmpl_include(d, "FIELDS", "vendor/_listing_fields.tpl");
	if (vp_listing_form_categories(*fields, &rq->arena, vp_listing_form_selected(rq, l)) != 0)
		return NULL;
	unpublished = l == NULL || strcmp(l->status, "draft") == 0 || strcmp(l->status, "hidden") == 0;
	if (l == NULL) {
		tmpl_set(d, "HEADING", "New listing");
		tmpl_set(d, "ACTION", "/vendor/listings/new");
		tmpl_set(d, "SAVE_LABEL", "Save as a draft");
		tmpl_set_int(*fields, "LOW_STOCK_THRESHOLD", LISTING_THRESHOLD_DEFAULT);
	} else {
		vp_listing_form_fill(*fields, l);
		tmpl_set(d, "HEADING", arena_printf(&rq->arena, "Edit \xe2\x80\x9c%s\xe2\x80\x9d", l->name));
		tmpl_set(d, "ACTION", arena_printf(&rq->arena, "/vendor/listings/%lld/edit", l->id));
		tmpl_set(d, "SAVE_LABEL", unpublished ? "Save the draft" : "Save changes");
		edit = tmpl_section(d, "EDIT");
		tmpl_set_int(edit, "ID", l->id);
		tmpl_set(edit, "STATUS_LABEL", listing_status_label(l->status, live));
		if (live && strcmp(l->status, "active") == 0 &&
		    catalog_product_path(l->id, l->slug, path, sizeof path))
			tmpl_set(tmpl_section(edit, "LIVE"), "URL", path);
		if (vp_listing_form_review(edit, &rq->arena, l) != 0)
			return NULL;
		if (strcmp(l->status, "archived") == 0)
			tmpl_show(edit, "CAN_RESTORE");
		else if (strcmp(l->status, "removed") != 0)
			tmpl_show(edit, "CAN_ARCHIVE");
	}
	if (unpublished && refusal == NULL) {
		tmpl_show(d, "OFFER_PUBLISH");
		tmpl_set(d, "PUBLISH_LABEL", "Save and publish");
	} else if (unpublished) {
		tmpl_set(tmpl_section(d, "PUBLISH_REFUSED"), "WHY", refusal);
	}
	return d;
}

int
vp_listing_form_vendor(struct req *rq, struct resp *rs, struct vp_vendor *vendor)
{
	const char *refusal;
	int status;

	if ((status = vp_profile_vendor(rq, vendor)) != 0)
		return status;
	if ((refusal = listing_change_refusal(&rq->arena, vendor->status)) != NULL) {
		rs->message = refusal;
		return 403;
	}
	return 0;
}

/*
 * ROUTE: GET /vendor/listings/new      TEMPLATE: vendor/listing_form.tpl
 * PARAMS: none
 * The form for a new listing, with "Save and publish" when the shop may
 * publish, else a note that says why not and whom to ask.
 */
int
vp_listing_form_new(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_vendor vendor;
	tmpl_dict *fields;
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	status = vp_listing_form_page(&v, rq, rs, &vendor, NULL, &fields) ? view_end(&v, rs) : 500;
	view_discard(&v);
	return status;
}

/* The form page of POST /vendor/listings/new (route.h). */
tmpl_dict *
vp_listing_form_new_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	return vp_listing_form_page(v, rq, rs, &vendor, NULL, &v->fields);
}

/* After a save: publishes when asked and allowed, says what happened, and
 * goes back to the list. */
static int
vp_listing_form_done(struct req *rq, struct resp *rs, const struct vp_vendor *vendor,
		     const struct listing *l, int created)
{
	const char *refusal, *saved = created ? "saved as a draft" : "saved";
	const char *name = l->name;

	if (!req_has(rq, "publish")) {
		if (l->status != NULL && strcmp(l->status, "review") == 0)
			resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is saved and waits "
							"for our review before it is shown.", name));
		else
			resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is %s.", name, saved));
		return resp_redirect(rs, 303, "/vendor/listings");
	}
	if ((refusal = listing_publish_refusal(&rq->arena, vendor->status, rq->sess->verified)) != NULL) {
		resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is saved as a draft, "
						"not published. %s", name, refusal));
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/listings/%lld/edit", l->id));
	}
	switch (listing_publish(rq, vendor->id, l->id)) {
	case LISTING_ACTIVE:
		resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is published: shoppers "
						"can see it now.", name));
		break;
	case LISTING_IN_REVIEW:
		resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is saved and waits for "
						"our review before it is shown.", name));
		break;
	case LISTING_CONFLICT:
		resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is saved. It is archived: "
						"restore it before publishing it.", name));
		break;
	case LISTING_OVER_LIMIT:
		resp_set_flash(rs, arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d is saved as a draft, "
						"not published. %s", name, listing_limit_message(rq, vendor->id)));
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/listings/%lld/edit", l->id));
	default:
		return 500;
	}
	return resp_redirect(rs, 303, "/vendor/listings");
}

/*
 * ROUTE: POST /vendor/listings/new      TEMPLATE: vendor/listing_form.tpl
 * PARAMS: the listing's fields (VP_LISTING_PARAMS, vp_main.c), publish (1,
 *         optional); bad input shows the form again (R_FORM)
 * Saves a new draft; with publish, publishes it too when the shop may.
 * An SKU the vendor already uses shows the form again with the message
 * next to it.
 */
int
vp_listing_create(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct listing l;
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	memset(&l, 0, sizeof l);
	listing_from_req(rq, &l);
	l.vendor_id = vendor.id;
	if ((status = listing_save(rq, &l)) == 422)
		return route_form_fail(rq, rs);
	if (status != 0)
		return status;
	return vp_listing_form_done(rq, rs, &vendor, &l, 1);
}

/* The vendor and the listing of the route's id; 404 for another's. */
static int
vp_listing_form_load(struct req *rq, struct resp *rs, struct vp_vendor *vendor, struct listing *l)
{
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, vendor)) != 0)
		return status;
	return listing_load(&rq->arena, vendor->id, req_path_id(rq, "id"), l);
}

/*
 * ROUTE: GET /vendor/listings/{id}/edit      TEMPLATE: vendor/listing_form.tpl
 * PARAMS: id (the vendor's listing; another vendor's is a 404)
 * The listing's form filled with its values, its state, and its actions:
 * duplicate, archive or restore.
 */
int
vp_listing_form_edit(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct listing l;
	tmpl_dict *fields;
	int status;

	if ((status = vp_listing_form_load(rq, rs, &vendor, &l)) != 0)
		return status;
	status = vp_listing_form_page(&v, rq, rs, &vendor, &l, &fields) ? view_end(&v, rs) : 500;
	view_discard(&v);
	return status;
}

/* The form page of POST /vendor/listings/{id}/edit (route.h). */
tmpl_dict *
vp_listing_form_edit_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	struct listing l;
	int status;

	if ((status = vp_listing_form_load(rq, rs, &vendor, &l)) != 0) {
		rs->status = status;
		return NULL;
	}
	return vp_listing_form_page(v, rq, rs, &vendor, &l, &v->fields);
}

/*
 * ROUTE: POST /vendor/listings/{id}/edit      TEMPLATE: vendor/listing_form.tpl
 * PARAMS: id (the vendor's listing), the listing's fields (VP_LISTING_PARAMS),
 *         publish (1, optional); bad input shows the form again (R_FORM)
 * Saves the listing (its state stays as it was); with publish, publishes a
 * draft too. The storefront shows the change on the next request.
 */
int
vp_listing_update(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct listing l;
	int status;

	if ((status = vp_listing_form_load(rq, rs, &vendor, &l)) != 0)
		return status;
	listing_from_req(rq, &l);
	if ((status = listing_save(rq, &l)) == 422)
		return route_form_fail(rq, rs);
	if (status != 0)
		return status;
	return vp_listing_form_done(rq, rs, &vendor, &l, 0);
}

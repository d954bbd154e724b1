/*
 * vp_listing_actions: the buttons that change one listing without its form:
 * publish, archive, restore and duplicate. Each is a POST with the CSRF
 * token, acts only on the session's vendor's listing (another vendor's id
 * is a 404), goes through the listing module (listing.h) and comes back to
 * the listings page with a message saying what happened.
 */
#include "vp.h"

#include "listing.h"
#include "sess.h"

/* The listing's name for the message (it exists: the action found it). */
static const char *
vp_listing_actions_name(struct req *rq, long long vendor_id, long long id)
{
	struct listing l;

	if (listing_load(&rq->arena, vendor_id, id, &l) != 0)
		return "The listing";
	return arena_printf(&rq->arena, "\xe2\x80\x9c%s\xe2\x80\x9d", l.name);
}

/*
 * ROUTE: POST /vendor/listings/{id}/publish      TEMPLATE: none (redirects to /vendor/listings)
 * PARAMS: id (the vendor's listing)
 * Publishes a draft (listing_publish decides whether it goes live or waits
 * for a review). A shop that may not publish gets the reason (403).
 */
int
vp_listing_actions_publish(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	const char *refusal;
	long long id = req_path_id(rq, "id");
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	if ((refusal = listing_publish_refusal(&rq->arena, vendor.status, rq->sess->verified)) != NULL) {
		rs->message = refusal;
		return 403;
	}
	switch (listing_publish(rq, vendor.id, id)) {
	case LISTING_ACTIVE:
		resp_set_flash(rs, arena_printf(&rq->arena, "%s is published: shoppers can see it now.",
						vp_listing_actions_name(rq, vendor.id, id)));
		break;
	case LISTING_IN_REVIEW:
		resp_set_flash(rs, arena_printf(&rq->arena, "%s waits for our review before it is shown.",
						vp_listing_actions_name(rq, vendor.id, id)));
		break;
	case LISTING_CONFLICT:
		rs->message = "Only a draft can be published. An archived listing must be restored first.";
		return 409;
	case LISTING_OVER_LIMIT:
		resp_set_flash(rs, arena_printf(&rq->arena, "%s is not published. %s",
						vp_listing_actions_name(rq, vendor.id, id),
						listing_limit_message(rq, vendor.id)));
		break;
	case LISTING_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
	return resp_redirect(rs, 303, "/vendor/listings");
}

/*
 * ROUTE: POST /vendor/listings/{id}/archive      TEMPLATE: none (redirects to /vendor/listings)
 * PARAMS: id (the vendor's listing)
 * Takes the listing out of the shop (its page answers 410); it can be
 * restored.
 */
int
vp_listing_actions_archive(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	long long id = req_path_id(rq, "id");
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	switch (listing_archive(rq, vendor.id, id)) {
	case LISTING_OK:
		resp_set_flash(rs, arena_printf(&rq->arena, "%s is archived: it is no longer in the shop. "
						"You can restore it from your archived listings.",
						vp_listing_actions_name(rq, vendor.id, id)));
		return resp_redirect(rs, 303, "/vendor/listings");
	case LISTING_CONFLICT:
		rs->message = "This listing was removed and cannot be archived.";
		return 409;
	case LISTING_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
}

/*
 * ROUTE: POST /vendor/listings/{id}/restore      TEMPLATE: none (redirects to /vendor/listings)
 * PARAMS: id (the vendor's listing)
 * Brings an archived listing back as a draft, to be published again.
 */
int
vp_listing_actions_restore(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	long long id = req_path_id(rq, "id");
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	switch (listing_restore(rq, vendor.id, id)) {
	case LISTING_OK:
		resp_set_flash(rs, arena_printf(&rq->arena, "%s is restored as a draft: publish it when it "
						"is ready.", vp_listing_actions_name(rq, vendor.id, id)));
		return resp_redirect(rs, 303, "/vendor/listings");
	case LISTING_CONFLICT:
		rs->message = "Only an archived listing can be restored.";
		return 409;
	case LISTING_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
}

/*
 * ROUTE: POST /vendor/listings/{id}/duplicate      TEMPLATE: none (redirects to the copy's form)
 * PARAMS: id (the vendor's listing)
 * Copies the listing into a new draft ("<name> (copy)", no SKU, no stock)
 * and opens its form.
 */
int
vp_listing_actions_duplicate(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	long long copy = 0;
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	switch (listing_duplicate(rq, vendor.id, req_path_id(rq, "id"), &copy)) {
	case LISTING_OK:
		resp_set_flash(rs, "This is a copy, saved as a draft. Give it its own name, SKU and stock, "
			       "then publish it.");
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/listings/%lld/edit", copy));
	case LISTING_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
}

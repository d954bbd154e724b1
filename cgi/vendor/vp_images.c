/*
 * vp_images: the pictures of a listing, up to VP_IMAGES_MAX: sent as a file
 * with its alt text (required), put in order with "Move up" / "Move down"
 * buttons (no script needed), given a new alt text, deleted. The picture at
 * position 1 is the cover the shop's lists show.
 *
 * A file goes through the media pipeline (cgi/lib/media.h): its type from
 * its bytes, its size from its header, decoded and written again by
 * libvips. A refusal is a sentence next to the file field and leaves
 * nothing behind. Each change commits with a "product.changed" event and
 * then tells the caches (catalog_product_changed), so the storefront shows
 * it on the next request. A picture nobody uses any more is deleted later
 * by the cleanup job (media_purge), with its files. The pictures and their
 * alt texts are reviewed with the listing (moderation_edited): a live
 * listing whose pictures now need review waits for an admin again.
 *
 * Only the vendor's own listings: another vendor's product is a 404.
 */
#include "vp.h"

#include <stdio.h>
#include <string.h>

#include "asset.h"
#include "catalog.h"
#include "csrf.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "media.h"
#include "moderation.h"
#include "multipart.h"
#include "route.h"

static const char vp_images_product_sql[] =
	"SELECT id, name, slug, status FROM products WHERE id = ? AND vendor_id = ?";
static const char vp_images_lock_sql[] =
	"SELECT status FROM products WHERE id = ? AND vendor_id = ? FOR UPDATE";
static const char vp_images_list_sql[] =
	"SELECT id, position, path, alt, width, height FROM product_images WHERE product_id = ?"
	" ORDER BY position";
static const char vp_images_count_sql[] =
	"SELECT COUNT(*) FROM product_images WHERE product_id = ?";
static const char vp_images_insert_sql[] =
	"INSERT INTO product_images (product_id, position, path, media_id, alt, width, height)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char vp_images_position_sql[] =
	"SELECT position FROM product_images WHERE id = ? AND product_id = ?";
static const char vp_images_park_sql[] =
	"UPDATE product_images SET position = 0 WHERE id = ? AND product_id = ?";
static const char vp_images_swap_sql[] =
	"UPDATE product_images SET position = ? WHERE product_id = ? AND position = ?";
static const char vp_images_place_sql[] =
	"UPDATE product_images SET position = ? WHERE id = ? AND product_id = ?";
static const char vp_images_delete_sql[] =
	"DELETE FROM product_images WHERE id = ? AND product_id = ?";
static const char vp_images_close_gap_sql[] =
	"UPDATE product_images SET position = position - 1 WHERE product_id = ? AND position > ?"
	" ORDER BY position";
static const char vp_images_alt_sql[] =
	"UPDATE product_images SET alt = ? WHERE id = ? AND product_id = ?";

/* The listing of the path's {id}, if it is the vendor's (arena strings). */
struct vp_images_product {
	long long id;
	const char *name;
};

/* 0, 404 (not the vendor's, or no such listing), 500. */
static int
vp_images_product(struct req *rq, const struct vp_vendor *vendor, struct vp_images_product *out)
{
	struct db_result *r = db_query(vp_images_product_sql, "ii", req_path_id(rq, "id"), vendor->id);

	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	out->id = db_int(r, 0);
	out->name = arena_strdup(&rq->arena, db_str(r, 1));
	db_free(r);
	return 0;
}

static char *
vp_images_url(struct arena *a, long long product_id)
{
	return arena_printf(a, "/vendor/listings/%lld/images", product_id);
}

const char *
vp_images_media_url(struct arena *a, const char *path)
{
	static char *base;	/* per process: the configuration does not change under a worker */

	if (base == NULL)
		base = asset_media_url("");
	return arena_printf(a, "%s%s", base ? base : "", path);
}

/* The URL of a stored picture's 200 px JPEG (an older picture: its file). */
static const char *
vp_images_thumb_url(struct arena *a, const char *path)
{
	char small[MEDIA_PATH_MAX];

	return vp_images_media_url(a, media_size_path(path, 200, "jpg", small, sizeof small) ? small : path);
}

/* The page of the listing's pictures; NULL with rs->status 404 or 500. */
static tmpl_dict *
vp_images_build(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct vp_images_product p;
	struct db_result *r;
	tmpl_dict *d;
	long long n = 0, failed_image = -1;
	const char *failed_alt = NULL;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0 || (status = vp_images_product(rq, &vendor, &p)) != 0) {
		rs->status = status;
		return NULL;
	}
	if ((r = db_query(vp_images_list_sql, "i", p.id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	/* A new alt text refused: shown next to that picture's own field. */
	if (rq->route && req_path_id(rq, "image") > 0 && kvlist_get(&rq->form_errors, "image_alt")) {
		failed_image = req_path_id(rq, "image");
		failed_alt = kvlist_get(&rq->form_errors, "image_alt");
	}
	d = view_begin(v, rq, rs, "vendor/images_list.tpl", arena_printf(a, "Pictures of %s", p.name));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Listings", "/vendor/listings");
	view_crumb(v, "Pictures", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "PRODUCT_NAME", p.name);
	tmpl_set(d, "ACTION", vp_images_url(a, p.id));
	tmpl_set_int(d, "MAX", VP_IMAGES_MAX);
	while (db_next(r)) {
		tmpl_dict *row = tmpl_section(d, "IMAGE_ROW");
		long long id = db_int(r, 0), pos = db_int(r, 1);
		const char *base = arena_printf(a, "%s/%lld", vp_images_url(a, p.id), id);

		n++;
		tmpl_set_int(row, "ID", id);
		tmpl_set_int(row, "POSITION", pos);
		tmpl_set(row, "THUMB", vp_images_thumb_url(a, db_str(r, 2)));
		tmpl_set(row, "IMAGE_ALT", db_str(r, 3) ? db_str(r, 3) : "");
		tmpl_set(row, "ALT_ACTION", arena_printf(a, "%s/alt", base));
		tmpl_set(row, "MOVE_ACTION", arena_printf(a, "%s/move", base));
		tmpl_set(row, "DELETE_ACTION", arena_printf(a, "%s/delete", base));
		tmpl_set(row, "ALT_ID", arena_printf(a, "alt-%lld", id));
		if (pos == 1)
			tmpl_show(row, "COVER");
		if (pos > 1)
			tmpl_show(row, "CAN_UP");
		if (pos < (long long)db_rows(r))
			tmpl_show(row, "CAN_DOWN");
		if (id == failed_image) {
			tmpl_dict *e = tmpl_section(row, "ALT_INVALID");

			tmpl_set(e, "MESSAGE", failed_alt);
			/* the summary's link goes to the field with the error */
			tmpl_set(row, "ALT_ID", "image_alt");
			tmpl_set(row, "IMAGE_ALT", kvlist_get(&rq->form_fields, "image_alt") ?
				 kvlist_get(&rq->form_fields, "image_alt") : "");
		}
	}
	db_free(r);
	tmpl_set_int(d, "COUNT", n);
	if (n == 0)
		tmpl_show(d, "NO_IMAGES");
	else
		tmpl_show(d, "HAS_IMAGES");
	if (n < VP_IMAGES_MAX)
		tmpl_show(d, "CAN_ADD");
	else
		tmpl_show(d, "FULL");
	return d;
}

tmpl_dict *
vp_images_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_images_build(rq, rs, v);
}

/*
 * ROUTE: GET /vendor/listings/{id}/images      TEMPLATE: vendor/images_list.tpl
 * PARAMS: none
 * The listing's pictures in order (the first is the cover), each with its
 * alt text, "Move up", "Move down" and "Delete"; and the form that adds one
 * (while it has fewer than eight).
 */
int
vp_images_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (vp_images_build(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/*
 * The pictures are part of what the marketplace reviews (moderation.h):
 * before a change, inside its transaction, the listing is locked and what
 * is live noted; after it, a live listing whose pictures now need review (a
 * prohibited word in an alt text, a shop whose every edit is reviewed) goes
 * to review, and a waiting one has its review show the new pictures.
 */
struct vp_images_review {
	const char *status;			/* the listing's before the change */
	struct moderation_snapshot before;
	int held;				/* after: the listing waits for review */
};

/* Locks the vendor's listing and notes it: 0, 404 (gone), 500. */
static int
vp_images_lock(struct req *rq, long long vendor_id, long long product_id, struct vp_images_review *rv)
{
	struct db_result *r = db_query(vp_images_lock_sql, "ii", product_id, vendor_id);

	memset(rv, 0, sizeof *rv);
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	rv->status = arena_strdup(&rq->arena, db_str(r, 0));
	db_free(r);
	if ((strcmp(rv->status, "active") == 0 || strcmp(rv->status, "review") == 0) &&
	    moderation_snapshot_read(&rq->arena, product_id, &rv->before) != 0)
		return 500;
	return 0;
}

/* After the change, in its transaction: 0, or -1 (roll back). */
static int
vp_images_moderate(struct req *rq, long long vendor_id, long long product_id, struct vp_images_review *rv)
{
	int rc = moderation_edited(rq, &rq->arena, vendor_id, product_id, rv->status, &rv->before);

	rv->held = rc == 1;
	return rc < 0 ? -1 : 0;
}

/* After a change committed: the storefront shows it on the next request. */
static int
vp_images_done(struct req *rq, struct resp *rs, long long product_id, const char *flash)
{
	catalog_product_changed(product_id);
	resp_set_flash(rs, flash);
	return resp_redirect(rs, 303, vp_images_url(&rq->arena, product_id));
}

/* The same, saying when the listing waits for review. */
static int
vp_images_done_review(struct req *rq, struct resp *rs, long long product_id, const char *flash,
		      const struct vp_images_review *rv)
{
	return vp_images_done(rq, rs, product_id, rv->held && strcmp(rv->status, "active") == 0 ?
			      arena_printf(&rq->arena, "%s The listing waits for our review before it is shown again.", flash)
			      : flash);
}

int
vp_images_store(struct req *rq, const char *field, struct media_image *out)
{
	const struct multipart_file *f = req_file(rq, field, 0);
	const char *why = NULL;
	int rc;

	if (f == NULL || f->size == 0) {
		route_form_error(rq, field, "Choose a picture to send.");
		return 422;
	}
	rc = media_store_file(f->path, out, &why);
	if (rc > 0) {
		log_info("vp.picture_refused", "field=%s bytes=%zu", field, f->size);
		route_form_error(rq, field, why);
		return 422;
	}
	return rc < 0 ? 500 : 0;
}

/*
 * ROUTE: POST /vendor/listings/{id}/images      TEMPLATE: vendor/images_list.tpl
 * PARAMS: picture (file, required), alt (text, 1..200 characters, required)
 * Adds a picture at the end (the cover when it is the first), as WebP and
 * JPEG at three widths. Refused with a sentence next to the field: not a
 * JPEG, PNG, WebP or GIF picture, damaged, cut short, too large, something
 * hidden inside it, or the listing has eight already. Nothing is kept then.
 */
int
vp_images_add(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_images_product p;
	struct vp_images_review rv;
	struct media_image m;
	long long count;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0 || (status = vp_images_product(rq, &vendor, &p)) != 0)
		return status;
	/* Before any work: a full listing takes no more. */
	if (db_scalar(-1, vp_images_count_sql, "i", p.id) >= VP_IMAGES_MAX) {
		route_form_error(rq, "picture", "This listing has eight pictures, the most it can have. Delete one first.");
		return route_form_fail(rq, rs);
	}
	if (db_begin() < 0)
		return 500;
	/* The listing's row, locked: two uploads at once get positions in turn. */
	if (vp_images_lock(rq, vendor.id, p.id, &rv) != 0)
		goto fail;
	count = db_scalar(-1, vp_images_count_sql, "i", p.id);
	if (count < 0)
		goto fail;
	if (count >= VP_IMAGES_MAX) {
		db_rollback();
		route_form_error(rq, "picture", "This listing has eight pictures, the most it can have. Delete one first.");
		return route_form_fail(rq, rs);
	}
	status = vp_images_store(rq, "picture", &m);
	if (status == 422) {
		db_rollback();
		return route_form_fail(rq, rs);
	}
	if (status != 0)
		goto fail;
	if (db_exec(vp_images_insert_sql, "iisisii", p.id, count + 1, m.path, m.id, req_str(rq, "alt"),
		    (long long)m.width, (long long)m.height) != 1 ||
	    vp_images_moderate(rq, vendor.id, p.id, &rv) != 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, p.id, "") < 0 || db_commit() < 0) {
		media_abandon(&m);
		goto fail;
	}
	log_info("vp.picture_added", "product=%lld media=%lld", p.id, m.id);
	return vp_images_done_review(rq, rs, p.id, "The picture was added.", &rv);
fail:
	db_rollback();
	return 500;
}

/*
 * ROUTE: POST /vendor/listings/{id}/images/{image:id}/move      TEMPLATE: none (redirects to the pictures)
 * PARAMS: direction (up|down, required)
 * Swaps the picture with the one before or after it; moved to the top, it
 * becomes the cover.
 */
int
vp_images_move(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_images_product p;
	struct vp_images_review rv;
	long long image = req_path_id(rq, "image"), pos, other;
	int status, up = strcmp(req_str(rq, "direction"), "up") == 0;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0 || (status = vp_images_product(rq, &vendor, &p)) != 0)
		return status;
	if (db_begin() < 0)
		return 500;
	if (vp_images_lock(rq, vendor.id, p.id, &rv) != 0)
		goto fail;
	if ((pos = db_scalar(-1, vp_images_position_sql, "ii", image, p.id)) < 0) {
		db_rollback();
		return 404;
	}
	other = up ? pos - 1 : pos + 1;
	if (other < 1 || other > db_scalar(0, vp_images_count_sql, "i", p.id)) {
		db_rollback();	/* already first or last: nothing to do */
		return resp_redirect(rs, 303, vp_images_url(&rq->arena, p.id));
	}
	/* Through position 0, which no picture has: (product, position) is unique. */
	if (db_exec(vp_images_park_sql, "ii", image, p.id) != 1 ||
	    db_exec(vp_images_swap_sql, "iii", pos, p.id, other) != 1 ||
	    db_exec(vp_images_place_sql, "iii", other, image, p.id) != 1 ||
	    vp_images_moderate(rq, vendor.id, p.id, &rv) != 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, p.id, "") < 0 || db_commit() < 0)
		goto fail;
	return vp_images_done_review(rq, rs, p.id, other == 1 ? "The picture is now the cover." :
				     "The picture was moved.", &rv);
fail:
	db_rollback();
	return 500;
}

/*
 * ROUTE: POST /vendor/listings/{id}/images/{image:id}/delete      TEMPLATE: none (redirects to the pictures)
 * PARAMS: none
 * Deletes the picture from the listing; those after it move up one place.
 * Its files go once nothing uses them (the cleanup job).
 */
int
vp_images_delete(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_images_product p;
	struct vp_images_review rv;
	long long image = req_path_id(rq, "image"), pos;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0 || (status = vp_images_product(rq, &vendor, &p)) != 0)
		return status;
	if (db_begin() < 0)
		return 500;
	if (vp_images_lock(rq, vendor.id, p.id, &rv) != 0)
		goto fail;
	if ((pos = db_scalar(-1, vp_images_position_sql, "ii", image, p.id)) < 0) {
		db_rollback();
		return 404;
	}
	if (db_exec(vp_images_delete_sql, "ii", image, p.id) != 1 ||
	    db_exec(vp_images_close_gap_sql, "ii", p.id, pos) < 0 ||
	    vp_images_moderate(rq, vendor.id, p.id, &rv) != 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, p.id, "") < 0 || db_commit() < 0)
		goto fail;
	log_info("vp.picture_deleted", "product=%lld image=%lld", p.id, image);
	return vp_images_done_review(rq, rs, p.id, "The picture was deleted.", &rv);
fail:
	db_rollback();
	return 500;
}

/*
 * ROUTE: POST /vendor/listings/{id}/images/{image:id}/alt      TEMPLATE: vendor/images_list.tpl
 * PARAMS: image_alt (text, 1..200 characters, required)
 * Changes the alt text of one picture (what a screen reader says instead).
 */
int
vp_images_alt(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_images_product p;
	struct vp_images_review rv;
	long long n;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0 || (status = vp_images_product(rq, &vendor, &p)) != 0)
		return status;
	if (db_begin() < 0)
		return 500;
	if ((status = vp_images_lock(rq, vendor.id, p.id, &rv)) != 0) {
		db_rollback();
		return status;
	}
	n = db_exec(vp_images_alt_sql, "sii", req_str(rq, "image_alt"), req_path_id(rq, "image"), p.id);
	if (n < 0 || (n == 0 && db_scalar(-1, vp_images_position_sql, "ii", req_path_id(rq, "image"), p.id) < 0)) {
		db_rollback();
		return n < 0 ? 500 : 404;
	}
	if (vp_images_moderate(rq, vendor.id, p.id, &rv) != 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, p.id, "") < 0 || db_commit() < 0) {
		db_rollback();
		return 500;
	}
	return vp_images_done_review(rq, rs, p.id, "The alt text was saved.", &rv);
}

/*
 * vp_shop: the shop's logo and banner, shown on its page in the storefront
 * (/v/<slug>). Each is a picture sent through the media pipeline, as a
 * listing's pictures are (vp_images.c, cgi/lib/media.h); a new one replaces
 * the old, which the cleanup job deletes once nothing uses it. A change
 * tells the caches about the shop's pages (catalog_vendor_changed), so the
 * storefront shows it on the next request.
 */
#include "vp.h"

#include <string.h>

#include "catalog.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "media.h"
#include "route.h"

static const char vp_shop_pictures_sql[] =
	"SELECT l.hash, b.hash FROM vendors v"
	" LEFT JOIN media l ON l.id = v.logo_media_id"
	" LEFT JOIN media b ON b.id = v.banner_media_id WHERE v.id = ?";
static const char vp_shop_lock_sql[] =
	"SELECT id FROM vendors WHERE id = ? FOR UPDATE";
static const char vp_shop_set_logo_sql[] =
	"UPDATE vendors SET logo_media_id = ? WHERE id = ?";
static const char vp_shop_set_banner_sql[] =
	"UPDATE vendors SET banner_media_id = ? WHERE id = ?";
static const char vp_shop_clear_logo_sql[] =
	"UPDATE vendors SET logo_media_id = NULL WHERE id = ?";
static const char vp_shop_clear_banner_sql[] =
	"UPDATE vendors SET banner_media_id = NULL WHERE id = ?";

/* One picture on the page: its 600 px JPEG, or the section that says none. */
static void
vp_shop_show(struct req *rq, tmpl_dict *d, const char *hash, const char *has, const char *none)
{
	char path[MEDIA_PATH_MAX];

	if (hash && media_hash_path(hash, 600, "jpg", path, sizeof path))
		tmpl_set(tmpl_section(d, has), "URL", vp_images_media_url(&rq->arena, path));
	else
		tmpl_show(d, none);
}

static tmpl_dict *
vp_shop_build(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	struct db_result *r;
	tmpl_dict *d;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	if ((r = db_query(vp_shop_pictures_sql, "i", vendor.id)) == NULL || !db_next(r)) {
		db_free(r);
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/shop_form.tpl", "Logo and banner");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Logo and banner", NULL);
	vp_dashboard_nav(d, "/vendor/shop");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "SLUG", vendor.slug);
	vp_shop_show(rq, d, db_str(r, 0), "HAS_LOGO", "NO_LOGO");
	vp_shop_show(rq, d, db_str(r, 1), "HAS_BANNER", "NO_BANNER");
	db_free(r);
	return d;
}

tmpl_dict *
vp_shop_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_shop_build(rq, rs, v);
}

/*
 * ROUTE: GET /vendor/shop      TEMPLATE: vendor/shop_form.tpl
 * PARAMS: none
 * The shop's logo and banner as shoppers see them, each with a form that
 * sends a new one and a button that removes it.
 */
int
vp_shop_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (vp_shop_build(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/* Stores the sent picture as the logo or the banner. */
static int
vp_shop_set(struct req *rq, struct resp *rs, const char *set_sql, const char *field, const char *done)
{
	struct vp_vendor vendor;
	struct media_image m;
	struct db_result *r;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (db_begin() < 0)
		return 500;
	if ((r = db_query(vp_shop_lock_sql, "i", vendor.id)) == NULL)
		goto fail;
	db_free(r);
	status = vp_images_store(rq, field, &m);
	if (status == 422) {
		db_rollback();
		return route_form_fail(rq, rs);
	}
	if (status != 0)
		goto fail;
	if (db_exec(set_sql, "ii", m.id, vendor.id) < 0 || db_commit() < 0) {
		media_abandon(&m);
		goto fail;
	}
	log_info("vp.shop_picture", "vendor=%lld field=%s media=%lld", vendor.id, field, m.id);
	catalog_vendor_changed(vendor.id);
	resp_set_flash(rs, done);
	return resp_redirect(rs, 303, "/vendor/shop");
fail:
	db_rollback();
	return 500;
}

static int
vp_shop_clear(struct req *rq, struct resp *rs, const char *clear_sql, const char *done)
{
	struct vp_vendor vendor;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (db_exec(clear_sql, "i", vendor.id) < 0)
		return 500;
	catalog_vendor_changed(vendor.id);
	resp_set_flash(rs, done);
	return resp_redirect(rs, 303, "/vendor/shop");
}

/*
 * ROUTE: POST /vendor/shop/logo      TEMPLATE: vendor/shop_form.tpl
 * PARAMS: logo (file, required)
 * Makes the picture sent the shop's logo (shown up to 200 px wide). Refused
 * with a sentence next to the field, as a listing's pictures are.
 */
int
vp_shop_logo(struct req *rq, struct resp *rs)
{
	return vp_shop_set(rq, rs, vp_shop_set_logo_sql, "logo", "Your new logo is on your shop's page.");
}

/*
 * ROUTE: POST /vendor/shop/banner      TEMPLATE: vendor/shop_form.tpl
 * PARAMS: banner (file, required)
 * Makes the picture sent the shop's banner (across the top of its page).
 */
int
vp_shop_banner(struct req *rq, struct resp *rs)
{
	return vp_shop_set(rq, rs, vp_shop_set_banner_sql, "banner", "Your new banner is on your shop's page.");
}

/*
 * ROUTE: POST /vendor/shop/logo/delete      TEMPLATE: none (redirects to /vendor/shop)
 * PARAMS: none
 * Removes the logo from the shop's page.
 */
int
vp_shop_logo_delete(struct req *rq, struct resp *rs)
{
	return vp_shop_clear(rq, rs, vp_shop_clear_logo_sql, "The logo was removed.");
}

/*
 * ROUTE: POST /vendor/shop/banner/delete      TEMPLATE: none (redirects to /vendor/shop)
 * PARAMS: none
 * Removes the banner from the shop's page.
 */
int
vp_shop_banner_delete(struct req *rq, struct resp *rs)
{
	return vp_shop_clear(rq, rs, vp_shop_clear_banner_sql, "The banner was removed.");
}

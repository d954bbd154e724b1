/*
 * sf_imagesearch: search by picture (cgi/lib/imgfeat.h). A shopper uploads a
 * photo and gets the products whose pictures look most like it, or asks for
 * the products that look like one product ("Similar looking" on its page).
 *
 * The upload comes through the same pipeline as a vendor's pictures: the
 * streaming multipart parser writes it to a temporary file (req.h), and
 * media_decode_file checks it exactly as media_store_file checks an upload
 * (type from its bytes, structure, sizes from the header) before libvips
 * decodes it, shrunk, into pixels; OpenCV only ever sees those pixels. The
 * picture is never stored: the temporary file is removed when the request
 * ends (req_free), whatever happened.
 */
#include "sf.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "csrf.h"
#include "imgfeat.h"
#include "log.h"
#include "multipart.h"

#define SF_IMAGESEARCH_SHOWN	12	/* products shown */
#define SF_IMAGESEARCH_TTL	300	/* a "similar looking" page in the cache */
#define SF_IMAGESEARCH_NONE	"Choose a picture to search with."

/* The cards of up to SF_IMAGESEARCH_SHOWN products, in the order given
 * (bound twice: which products, then their order). */
#define SF_IMAGESEARCH_IDS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
static const char sf_imagesearch_cards_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'" SF_CARD_IMAGE_JOIN
	" WHERE p.id IN (" SF_IMAGESEARCH_IDS ") AND p.status = 'active'"
	" ORDER BY FIELD(p.id, " SF_IMAGESEARCH_IDS ")";

/* The product a "similar looking" page is about, with its first picture. */
static const char sf_imagesearch_product_sql[] =
	"SELECT p.name, p.slug, i.media_id FROM products p"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN " WHERE p.id = ? AND p.status = 'active'";

/* Adds the cards of the products found (in their order) to d as PRODUCT;
 * shows HAS_PRODUCTS or NO_PRODUCTS. 0, or -1 on a database error. */
static int
sf_imagesearch_cards(tmpl_dict *d, struct arena *a, const struct imgfeat_product *found, int n)
{
	long long id[SF_IMAGESEARCH_SHOWN];
	struct db_result *r;
	int i;

	for (i = 0; i < SF_IMAGESEARCH_SHOWN; i++)
		id[i] = i < n ? found[i].product_id : 0;
	if (n <= 0) {
		tmpl_show(d, "NO_PRODUCTS");
		return 0;
	}
	r = db_query(sf_imagesearch_cards_sql, "iiiiiiiiiiiiiiiiiiiiiiii", id[0], id[1], id[2], id[3], id[4],
		     id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[0], id[1], id[2], id[3], id[4], id[5],
		     id[6], id[7], id[8], id[9], id[10], id[11]);
	if (r == NULL)
		return -1;
	if (sf_list_cards(d, a, "PRODUCT", r, 0, NULL, 0) > 0)
		tmpl_show(d, "HAS_PRODUCTS");
	else
		tmpl_show(d, "NO_PRODUCTS");
	db_free(r);
	return 0;
}

/* The page with the upload form (and, after a search, its results). */
tmpl_dict *
sf_imagesearch_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d = view_begin(v, rq, rs, "storefront/imagesearch_form.tpl", "Search by picture");

	view_crumb(v, "Home", "/");
	view_crumb(v, "Search by picture", NULL);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	return d;
}

/*
 * ROUTE: GET /search/image      TEMPLATE: storefront/imagesearch_form.tpl
 * PARAMS: none
 * The form to search the catalogue with a photo.
 */
int
sf_imagesearch_form(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_imagesearch_form_page);
}

/*
 * ROUTE: POST /search/image      TEMPLATE: storefront/imagesearch_form.tpl
 * PARAMS: picture (one picture, multipart: JPEG, PNG, WebP or GIF)
 * Shows the products whose pictures look most like the one sent, under the
 * form. A file that is not a picture the pipeline accepts is answered with
 * the form and the reason (422). The picture is not kept.
 */
int
sf_imagesearch_upload(struct req *rq, struct resp *rs)
{
	const struct multipart_file *f = req_file(rq, "picture", 0);
	struct imgfeat_product found[SF_IMAGESEARCH_SHOWN];
	struct imgfeat q;
	struct view v = { 0 };
	const char *why = NULL;
	tmpl_dict *d;
	int rc, n, status = 500;

	if (f == NULL || f->size == 0) {
		route_form_error(rq, "picture", SF_IMAGESEARCH_NONE);
		return route_form_fail(rq, rs);
	}
	rc = imgfeat_describe_file(f->path, &q, &why);
	if (rc > 0) {
		log_info("sf.imagesearch_refused", "bytes=%zu", f->size);
		route_form_error(rq, "picture", why);
		return route_form_fail(rq, rs);
	}
	if (rc < 0)
		return 500;
	n = imgfeat_search_products(&q, 0, found, SF_IMAGESEARCH_SHOWN);
	if (n < 0)
		return 500;
	d = sf_imagesearch_form_page(rq, rs, &v);
	tmpl_show(d, "SEARCHED");
	if (sf_imagesearch_cards(d, &rq->arena, found, n) == 0)
		status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: GET /p/{id}/similar      TEMPLATE: storefront/imagesearch_similar.tpl
 * PARAMS: id (product id)
 * The products whose pictures look most like the product's first picture
 * (the product itself left out). 404 for a product that is not for sale;
 * a product without a picture, or whose picture has not been looked at
 * yet, says so. The same for every visitor: cached for a few minutes.
 */
int
sf_imagesearch_similar(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id"), media;
	struct imgfeat_product found[SF_IMAGESEARCH_SHOWN];
	struct imgfeat q;
	struct view v = { 0 };
	struct db_result *r = NULL;
	char path[160];
	const char *name, *key;
	tmpl_dict *d;
	int status = 500, rc, n;

	key = arena_printf(a, "sim:%lld:g%llu", id, cache_gen(CATALOG_FAMILY_LIST));
	if (view_from_cache(rq, rs, key))
		return 200;
	r = db_query(sf_imagesearch_product_sql, "i", id);
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		status = 404;
		goto out;
	}
	name = db_str(r, 0);
	if (catalog_product_path(id, db_str(r, 1), path, sizeof path) == NULL)
		goto out;
	media = db_int(r, 2);
	d = sf_list_page(&v, rq, rs, "storefront/imagesearch_similar.tpl",
			 arena_printf(a, "Similar looking to %s", name));
	sf_list_meta(&v, NULL, NULL);
	view_crumb(&v, "Home", "/");
	view_crumb(&v, name, path);
	view_crumb(&v, "Similar looking", NULL);
	tmpl_set(d, "NAME", name);
	tmpl_set(d, "PRODUCT_URL", path);
	rc = media > 0 ? imgfeat_of_media(media, &q) : 1;
	if (rc < 0)
		goto out;
	if (rc > 0) {
		tmpl_show(d, "NOT_YET");
		status = view_end(&v, rs);
		goto out;
	}
	n = imgfeat_search_products(&q, id, found, SF_IMAGESEARCH_SHOWN);
	if (n < 0 || sf_imagesearch_cards(d, a, found, n) != 0)
		goto out;
	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache(rq, rs, key, SF_IMAGESEARCH_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

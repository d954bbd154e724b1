/*
 * sf_reviews: the reviews of a product, and writing one (review.h).
 *
 * The product page shows the summary (average, count, how many reviews
 * gave each number of stars) and the most helpful reviews, drawn by
 * sf_reviews_summary into the shared cached page; the reviews page lists
 * them all, sorted by newest, most helpful or rating, a page at a time,
 * drawn for each visitor (its helpful and report buttons carry the
 * visitor's token). Every review says "Verified purchase" (review.h: only
 * buyers of a delivered item can post one) and the author's display name,
 * never an email. Writing one needs a delivered order item of the product;
 * anyone else is told REVIEW_ONLY_BUYERS, never shown a form.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "markup.h"
#include "media.h"
#include "multipart.h"
#include "paging.h"
#include "report.h"
#include "review.h"
#include "route.h"
#include "sess.h"
#include "view.h"

#define SF_REVIEWS_PER_PAGE	10
#define SF_REVIEWS_ON_PRODUCT	3

const char *const sf_reviews_sorts[] = { "newest", "helpful", "highest", "lowest", NULL };

/* The columns of a shown review (SFR_*), from reviews r joined with users u. */
#define SF_REVIEWS_COLUMNS \
	"r.id, r.rating, r.title, r.body, u.name, DATE_FORMAT(r.created_at, '%Y-%m-%d')," \
	" IFNULL(DATE_FORMAT(r.edited_at, '%Y-%m-%d'), ''), r.helpful_count, IFNULL(r.reply, '')," \
	" IFNULL(DATE_FORMAT(r.replied_at, '%Y-%m-%d'), ''), r.user_id, r.status," \
	" (SELECT GROUP_CONCAT(CONCAT(ph.path, ' ', ph.width, ' ', ph.height) ORDER BY ph.position SEPARATOR '\\n')" \
	"  FROM review_photos ph WHERE ph.review_id = r.id)"
enum { SFR_ID, SFR_RATING, SFR_TITLE, SFR_BODY, SFR_AUTHOR, SFR_CREATED, SFR_EDITED, SFR_HELPFUL, SFR_REPLY,
       SFR_REPLIED, SFR_USER, SFR_STATUS, SFR_PHOTOS };

#define SF_REVIEWS_FROM " FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.product_id = ?"
/* The published reviews, and the visitor's own whatever their status. */
#define SF_REVIEWS_SHOWN " AND (r.status = 'published' OR r.user_id = ?)"

/* One constant statement per order (STYLE.md rule 5). */
#define SF_REVIEWS_PAGE_SQL(order) \
	"SELECT " SF_REVIEWS_COLUMNS SF_REVIEWS_FROM SF_REVIEWS_SHOWN " ORDER BY " order " LIMIT ? OFFSET ?"
static const char *const sf_reviews_page_sql[] = {
	SF_REVIEWS_PAGE_SQL("r.created_at DESC, r.id DESC"),
	SF_REVIEWS_PAGE_SQL("r.helpful_count DESC, r.id DESC"),
	SF_REVIEWS_PAGE_SQL("r.rating DESC, r.id DESC"),
	SF_REVIEWS_PAGE_SQL("r.rating ASC, r.id DESC"),
};

static const char sf_reviews_count_sql[] =
	"SELECT COUNT(*) FROM reviews r WHERE r.product_id = ?" SF_REVIEWS_SHOWN;

static const char sf_reviews_top_sql[] =
	"SELECT " SF_REVIEWS_COLUMNS SF_REVIEWS_FROM " AND r.status = 'published'"
	" ORDER BY r.helpful_count DESC, r.created_at DESC, r.id DESC LIMIT 3";	/* SF_REVIEWS_ON_PRODUCT */

static const char sf_reviews_product_sql[] =
	"SELECT p.name, p.slug, p.rating_avg, p.rating_count FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.id = ? AND p.status IN ('active', 'archived') AND v.status = 'verified'";

/* The product's name and address: 0, 404 or 500. */
static int
sf_reviews_product(struct req *rq, long long id, const char **name, const char **path, const char **avg,
		   long long *count)
{
	struct db_result *r = db_query(sf_reviews_product_sql, "i", id);
	char buf[160];
	int status = 404;

	if (r == NULL)
		return 500;
	if (db_next(r) && catalog_product_path(id, db_str(r, 1), buf, sizeof buf)) {
		*name = arena_strdup(&rq->arena, db_str(r, 0));
		*path = arena_strdup(&rq->arena, buf);
		if (avg) {
			*avg = db_str(r, 2) ? arena_strdup(&rq->arena, db_str(r, 2)) : NULL;
			*count = db_int(r, 3);
		}
		status = 0;
	}
	db_free(r);
	return status;
}

/* "4.5" from "4.50", "4" from "4.00". */
char *
sf_reviews_average(struct arena *a, const char *avg)
{
	char *s = arena_strdup(a, avg ? avg : "0");
	size_t n = strlen(s);

	while (n > 0 && strchr(s, '.') && (s[n - 1] == '0' || s[n - 1] == '.'))
		if (s[--n] == '.') {
			s[n] = '\0';
			break;
		} else {
			s[n] = '\0';
		}
	return s;
}

/* The stars of a rating as text a screen reader reads well. */
static void
sf_reviews_stars(tmpl_dict *d, long long rating)
{
	static const char *const stars[] = { "", "\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86",
		"\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86\xe2\x98\x86",
		"\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86\xe2\x98\x86",
		"\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x86",
		"\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85" };

	tmpl_set_int(d, "RATING", rating);
	tmpl_set(d, "STARS", rating >= 1 && rating <= 5 ? stars[rating] : "");
}

/* One review into a new include of storefront/_review.tpl at marker REVIEW
 * of d. viewer: the visitor's user id (0: none); csrf: their token. NULL on
 * the shared product page: the same helpful and report forms for everyone,
 * without a token or anything else of the visitor's (R_ORIGIN routes that
 * send a visitor without a session to log in). */
static void
sf_reviews_one(tmpl_dict *d, struct arena *a, struct db_result *r, long long viewer, const char *csrf)
{
	tmpl_dict *v = tmpl_include(d, "REVIEW", "storefront/_review.tpl"), *s;
	const char *photos = db_str(r, SFR_PHOTOS), *status = db_str(r, SFR_STATUS);
	long long id = db_int(r, SFR_ID);

	tmpl_set_int(v, "ID", id);
	sf_reviews_stars(v, db_int(r, SFR_RATING));
	tmpl_set(v, "TITLE", db_str(r, SFR_TITLE));
	markup_fill(v, "BODY", a, db_str(r, SFR_BODY));
	tmpl_set(v, "AUTHOR", review_display_name(a, db_str(r, SFR_AUTHOR)));
	tmpl_set(v, "CREATED", db_str(r, SFR_CREATED));
	if (*db_str(r, SFR_EDITED))
		tmpl_set(tmpl_section(v, "EDITED"), "DATE", db_str(r, SFR_EDITED));
	if (db_int(r, SFR_HELPFUL) > 0)
		tmpl_set(tmpl_section(v, "HELPFUL"), "TEXT",
			 db_int(r, SFR_HELPFUL) == 1 ? "1 person found this helpful"
			 : arena_printf(a, "%lld people found this helpful", db_int(r, SFR_HELPFUL)));
	if (*db_str(r, SFR_REPLY)) {
		s = tmpl_section(v, "REPLY");
		markup_fill(s, "TEXT", a, db_str(r, SFR_REPLY));
		tmpl_set(s, "DATE", db_str(r, SFR_REPLIED));
	}
	if (strcmp(status, "held") == 0)
		tmpl_show(v, "HELD");
	else if (strcmp(status, "hidden") == 0)
		tmpl_show(v, "HIDDEN");
	while (photos && *photos) {
		const char *end = strchr(photos, '\n');
		char *line = end ? arena_strndup(a, photos, (size_t)(end - photos)) : arena_strdup(a, photos);
		char *w = strchr(line, ' '), *h = w ? strchr(w + 1, ' ') : NULL, small[MEDIA_PATH_MAX], big[MEDIA_PATH_MAX];

		if (w && h) {
			*w = '\0';
			s = tmpl_section(v, "PHOTO");
			tmpl_set(s, "URL", sf_list_media_url(a, media_size_path(line, 200, "jpg", small, sizeof small)
								  ? small : line));
			tmpl_set(s, "FULL", sf_list_media_url(a, media_size_path(line, 1200, "jpg", big, sizeof big)
								   ? big : line));
			tmpl_show(v, "HAS_PHOTOS");
		}
		photos = end ? end + 1 : "";
	}
	if (csrf == NULL) {
		if (strcmp(status, "published") == 0)
			tmpl_set_int(tmpl_section(v, "SHARED_ACTIONS"), "ID", id);
		return;
	}
	if (viewer == db_int(r, SFR_USER)) {
		if (strcmp(status, "hidden") != 0)
			tmpl_set_int(tmpl_section(v, "CAN_EDIT"), "ID", id);
	} else if (viewer > 0 && strcmp(status, "published") == 0) {
		s = tmpl_section(v, "CAN_VOTE");
		tmpl_set_int(s, "ID", id);
		tmpl_set(s, "CSRF", csrf);
		s = tmpl_section(v, "CAN_REPORT");
		tmpl_set_int(s, "ID", id);
		tmpl_set(s, "CSRF", csrf);
	}
}

/* The summary of a product's reviews: average, count and the distribution
 * of stars, into d's section RATED (or NOT_RATED), from the product's
 * rating_avg and rating_count (kept with the reviews, review.h). Returns
 * the count, or -1. */
static long long
sf_reviews_fill_summary(tmpl_dict *d, struct arena *a, long long product_id, const char *avg, long long count)
{
	struct db_result *r;
	long long per[6] = { 0 }, star;
	tmpl_dict *s, *row;

	if (count <= 0 || avg == NULL) {
		tmpl_show(d, "NOT_RATED");
		return 0;
	}
	r = db_query("SELECT rating, COUNT(*) FROM reviews WHERE product_id = ? AND status = 'published' GROUP BY rating",
		     "i", product_id);
	if (r == NULL)
		return -1;
	while (db_next(r))
		if ((star = db_int(r, 0)) >= 1 && star <= 5)
			per[star] = db_int(r, 1);
	db_free(r);
	s = tmpl_section(d, "RATED");
	tmpl_set(s, "AVERAGE", sf_reviews_average(a, avg));
	tmpl_set(s, "COUNT", count == 1 ? "1 review" : arena_printf(a, "%lld reviews", count));
	for (star = 5; star >= 1; star--) {
		row = tmpl_section(s, "BAR");
		tmpl_set_int(row, "STARS", star);
		tmpl_set(row, "STAR_WORD", star == 1 ? "star" : "stars");
		tmpl_set_int(row, "N", per[star]);
		tmpl_set_int(row, "PERCENT", per[star] * 100 / count);
	}
	return count;
}

int
sf_reviews_summary(tmpl_dict *page, struct arena *a, long long product_id, const char *rating_avg,
		   long long rating_count)
{
	tmpl_dict *d = tmpl_include(page, "REVIEWS", "storefront/_reviews_summary.tpl");
	struct db_result *r;
	long long count;

	tmpl_set_int(d, "PRODUCT_ID", product_id);
	if ((count = sf_reviews_fill_summary(d, a, product_id, rating_avg, rating_count)) <= 0)
		return (int)count;
	if ((r = db_query(sf_reviews_top_sql, "i", product_id)) == NULL)
		return -1;
	while (db_next(r))
		sf_reviews_one(d, a, r, 0, NULL);
	db_free(r);
	if (count > SF_REVIEWS_ON_PRODUCT)
		tmpl_set(tmpl_section(d, "MORE"), "COUNT", arena_printf(a, "%lld", count));
	return 0;
}

struct sf_reviews_url {
	struct arena *a;
	long long product_id;
	const char *sort;
};

static char *
sf_reviews_page_url(void *ctx, long long n)
{
	struct sf_reviews_url *u = ctx;

	return arena_printf(u->a, "/p/%lld/reviews?sort=%s&page=%lld", u->product_id, u->sort, n);
}

/*
 * ROUTE: GET /p/{id}/reviews      TEMPLATE: storefront/reviews_list.tpl
 * PARAMS: id (product id), sort (newest|helpful|highest|lowest), page
 * All the published reviews of a product (and the visitor's own, whatever
 * their state), ten a page, with the summary, the shop's answers, and for a
 * logged-in visitor the helpful and report buttons.
 */
int
sf_reviews_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	long long id = req_path_id(rq, "id"), viewer = rq->sess ? rq->sess->user_id : 0;
	const char *name, *path, *sort = req_str(rq, "sort"), *csrf, *avg;
	long long rated;
	struct paging pg = { req_int(rq, "page", 1), SF_REVIEWS_PER_PAGE, SF_PAGE_MAX, 0 };
	struct sf_reviews_url u;
	tmpl_dict *d, *s;
	size_t which = 0;
	int status;

	if ((status = sf_reviews_product(rq, id, &name, &path, &avg, &rated)) != 0)
		return status;
	for (size_t i = 0; sort && sf_reviews_sorts[i]; i++)
		if (strcmp(sort, sf_reviews_sorts[i]) == 0)
			which = i;
	sort = sf_reviews_sorts[which];
	if ((pg.total = db_scalar(-1, sf_reviews_count_sql, "ii", id, viewer)) < 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	status = 500;
	d = view_begin(&v, rq, rs, "storefront/reviews_list.tpl", arena_printf(a, "Reviews of %s", name));
	view_crumb(&v, "Home", "/");
	view_crumb(&v, name, path);
	view_crumb(&v, "Reviews", NULL);
	view_meta(&v, arena_printf(a, "/p/%lld/reviews", id), NULL);
	tmpl_set(d, "NAME", name);
	tmpl_set(d, "PRODUCT_URL", path);
	tmpl_set_int(d, "PRODUCT_ID", id);
	if (sf_reviews_fill_summary(d, a, id, avg, rated) < 0)
		goto out;
	for (size_t i = 0; sf_reviews_sorts[i]; i++) {
		static const char *const labels[] = { "Newest", "Most helpful", "Highest rating", "Lowest rating" };

		s = tmpl_section(d, "SORT");
		tmpl_set(s, "VALUE", sf_reviews_sorts[i]);
		tmpl_set(s, "LABEL", labels[i]);
		if (i == which)
			tmpl_show(s, "SELECTED");
	}
	if (pg.total > 0)
		tmpl_set(d, "RESULT", paging_result_text(a, &pg, "review", "reviews"));
	r = db_query(sf_reviews_page_sql[which], "iiii", id, viewer, pg.per_page, paging_offset(&pg));
	if (r == NULL)
		goto out;
	csrf = viewer ? csrf_token(rq, rs) : "";
	while (db_next(r))
		sf_reviews_one(d, a, r, viewer, csrf);
	if (!viewer)
		tmpl_set(tmpl_section(d, "LOG_IN"), "NEXT", arena_printf(a, "/p/%lld/reviews", id));
	u = (struct sf_reviews_url){ a, id, sort };
	paging_links(d, &pg, sf_reviews_page_url, &u);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* The refusal page: REVIEW_ONLY_BUYERS (or why the item cannot be reviewed
 * now), 403, never a form. */
static int
sf_reviews_refuse(struct req *rq, struct resp *rs, long long product_id, const char *name, int why,
		  long long review_id)
{
	struct view v = { 0 };
	tmpl_dict *d = view_begin(&v, rq, rs, "storefront/reviews_form.tpl", arena_printf(&rq->arena, "Review %s", name));
	tmpl_dict *s = tmpl_section(d, "REFUSED");

	tmpl_set(d, "NAME", name);
	tmpl_set_int(d, "PRODUCT_ID", product_id);
	tmpl_set(s, "TEXT", REVIEW_ONLY_BUYERS);
	if (why == REVIEW_NOT_DELIVERED)
		tmpl_show(s, "NOT_DELIVERED");
	if (why == REVIEW_ALREADY && review_id > 0)
		tmpl_set_int(tmpl_section(s, "ALREADY"), "ID", review_id);
	if (rq->sess == NULL)
		tmpl_set(tmpl_section(s, "LOG_IN"), "NEXT", arena_printf(&rq->arena, "/p/%lld/review", product_id));
	return view_end_status(&v, rs, 403);
}

/* The form for the visitor's first delivered, unreviewed item of the
 * product (NULL with rs->status 403 and the refusal drawn when none). */
tmpl_dict *
sf_reviews_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct review_item it;
	long long id = req_path_id(rq, "id"), item = req_int(rq, "item", 0);
	const char *name, *path;
	tmpl_dict *d;
	int rc;

	if ((rs->status = sf_reviews_product(rq, id, &name, &path, NULL, NULL)) != 0)
		return NULL;
	if (rq->sess == NULL)
		rc = REVIEW_NOT_BOUGHT;
	else if (item > 0)
		rc = review_item_check(a, rq->sess->user_id, item, id, &it);
	else
		rc = review_item_for_product(a, rq->sess->user_id, id, &it);
	if (rc < 0) {
		rs->status = 500;
		return NULL;
	}
	if (rc != REVIEW_OK) {
		rs->status = sf_reviews_refuse(rq, rs, id, name, rc, it.review_id);
		return NULL;
	}
	d = view_begin(v, rq, rs, "storefront/reviews_form.tpl", arena_printf(a, "Review %s", name));
	view_crumb(v, "Home", "/");
	view_crumb(v, name, path);
	view_crumb(v, "Write a review", NULL);
	d = tmpl_section(d, "FORM");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "NAME", name);
	tmpl_set_int(d, "PRODUCT_ID", id);
	tmpl_set_int(d, "ITEM", it.item_id);
	tmpl_set_int(d, "PHOTOS_MAX", REVIEW_PHOTOS_MAX);
	for (int star = 5; star >= 1; star--) {
		tmpl_dict *s = tmpl_section(d, "STAR");

		tmpl_set_int(s, "VALUE", star);
		if (req_int(rq, "rating", 0) == star)
			tmpl_show(s, "CHECKED");
	}
	return d;
}

/*
 * ROUTE: GET /p/{id}/review      TEMPLATE: storefront/reviews_form.tpl
 * PARAMS: id (product id), item (order item id, optional)
 * The review form for the visitor's delivered order item of the product;
 * anyone else (not logged in, never bought it, not delivered yet, reviewed
 * already) is answered REVIEW_ONLY_BUYERS with 403.
 */
int
sf_reviews_form(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_reviews_form_page);
}

/*
 * ROUTE: POST /p/{id}/review      TEMPLATE: storefront/reviews_form.tpl
 * PARAMS: item (order item id), rating (1..5), title (120), body (5000),
 *         photo (up to four pictures, multipart)
 * Posts the review of a delivered order item of the visitor's. Refused
 * (403, REVIEW_ONLY_BUYERS) for an item that is not theirs, not this
 * product's, not delivered, or reviewed already. Redirects to the reviews.
 */
int
sf_reviews_create(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id"), review_id;
	const char *paths[REVIEW_PHOTOS_MAX], *why = "", *name, *path;
	struct review_new n;
	size_t nphotos = req_file_count(rq, "photo"), photo = 0, i;
	int rc, held, status;

	if ((status = sf_reviews_product(rq, id, &name, &path, NULL, NULL)) != 0)
		return status;
	if (nphotos > REVIEW_PHOTOS_MAX) {
		route_form_error(rq, "photo", "Choose at most four photos.");
		return route_form_fail(rq, rs);
	}
	for (i = 0; i < nphotos; i++) {
		const struct multipart_file *f = req_file(rq, "photo", i);

		if (f == NULL || f->size == 0)
			break;
		paths[i] = f->path;
	}
	nphotos = i;
	n = (struct review_new){ rq->sess->user_id, req_int(rq, "item", 0), id, (int)req_int(rq, "rating", 0),
				 req_str(rq, "title"), req_str(rq, "body"), paths, nphotos, "/vendor/reviews" };
	rc = review_create(rq, a, &n, &review_id, &held, &why, &photo);
	switch (rc) {
	case REVIEW_OK:
		resp_set_flash(rs, held ? "Thank you. Your review waits for a moderator before it is shown."
				   : "Thank you for your review.");
		return resp_redirect(rs, 303, arena_printf(a, "/p/%lld/reviews#review-%lld", id, review_id));
	case REVIEW_PHOTO_REFUSED:
		log_info("sf.review_photo_refused", "photo=%zu", photo);
		route_form_error(rq, "photo", why);
		return route_form_fail(rq, rs);
	case REVIEW_NOT_BOUGHT:
	case REVIEW_NOT_DELIVERED:
	case REVIEW_ALREADY:
		return sf_reviews_refuse(rq, rs, id, name, rc, 0);
	default:
		return 500;
	}
}

/* The edit form of the visitor's own review (NULL with rs->status). */
tmpl_dict *
sf_reviews_edit_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	long long id = req_path_id(rq, "id");
	tmpl_dict *d;
	const char *name;
	int posted = strcmp(rq->method, "POST") == 0;

	r = db_query("SELECT r.product_id, p.name, r.rating, r.title, r.body, r.status,"
		     " UNIX_TIMESTAMP(r.created_at) FROM reviews r JOIN products p ON p.id = r.product_id"
		     " WHERE r.id = ? AND r.user_id = ?", "ii", id, rq->sess->user_id);
	if (r == NULL || !db_next(r)) {
		rs->status = r ? 404 : 500;
		db_free(r);
		return NULL;
	}
	name = arena_strdup(a, db_str(r, 1));
	d = view_begin(v, rq, rs, "storefront/reviews_edit_form.tpl", arena_printf(a, "Edit your review of %s", name));
	view_crumb(v, "Home", "/");
	view_crumb(v, name, arena_printf(a, "/p/%lld", db_int(r, 0)));
	view_crumb(v, "Edit your review", NULL);
	tmpl_set(d, "NAME", name);
	tmpl_set_int(d, "ID", id);
	tmpl_set_int(d, "PRODUCT_ID", db_int(r, 0));
	if (strcmp(db_str(r, 5), "hidden") == 0 || (long long)clock_now() - db_int(r, 6) > review_edit_seconds()) {
		tmpl_show(d, "TOO_LATE");
	} else {
		tmpl_dict *f = tmpl_section(d, "FORM");
		long long rating = posted ? req_int(rq, "rating", 0) : db_int(r, 2);

		tmpl_set(f, "CSRF", csrf_token(rq, rs));
		tmpl_set_int(f, "ID", id);
		tmpl_set_int(f, "DAYS", review_edit_seconds() / 86400);
		if (!posted) {
			tmpl_set(f, "TITLE", db_str(r, 3));
			tmpl_set(f, "BODY", db_str(r, 4));
		}
		for (int star = 5; star >= 1; star--) {
			tmpl_dict *s = tmpl_section(f, "STAR");

			tmpl_set_int(s, "VALUE", star);
			if (rating == star)
				tmpl_show(s, "CHECKED");
		}
		d = f;
	}
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /reviews/{id}/edit      TEMPLATE: storefront/reviews_edit_form.tpl
 * PARAMS: id (review id: the visitor's own)
 * The author's form to change rating, title and text within the edit window.
 */
int
sf_reviews_edit_form(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_reviews_edit_form_page);
}

/*
 * ROUTE: POST /reviews/{id}/edit      TEMPLATE: storefront/reviews_edit_form.tpl
 * PARAMS: rating (1..5), title (120), body (5000)
 * Saves the author's change within the edit window; the review is marked
 * edited (and held again when a banned word is in it). Redirects to the
 * reviews.
 */
int
sf_reviews_edit(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id"), product_id;
	int held, rc;

	product_id = db_scalar(0, "SELECT product_id FROM reviews WHERE id = ? AND user_id = ?", "ii", id,
			       rq->sess->user_id);
	if (product_id <= 0)
		return product_id < 0 ? 500 : 404;
	rc = review_edit(rq, a, id, rq->sess->user_id, (int)req_int(rq, "rating", 0), req_str(rq, "title"),
			 req_str(rq, "body"), &held);
	switch (rc) {
	case REVIEW_OK:
		resp_set_flash(rs, held ? "Saved. Your review waits for a moderator before it is shown."
				   : "Your review is changed.");
		return resp_redirect(rs, 303, arena_printf(a, "/p/%lld/reviews#review-%lld", product_id, id));
	case REVIEW_TOO_LATE:
		route_form_error(rq, "body", "This review can no longer be changed.");
		return route_form_fail(rq, rs);
	default:
		return rc == REVIEW_NOT_FOUND ? 404 : 500;
	}
}

/* A visitor without a session who pressed "Helpful" or "Report" on the
 * shared product page: to the login page, and back to the reviews after. */
static int
sf_reviews_log_in_first(struct req *rq, struct resp *rs, long long product_id)
{
	resp_set_flash(rs, "Log in to vote for helpful reviews or report one.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/login?next=/p/%lld/reviews", product_id));
}

/*
 * ROUTE: POST /reviews/{id}/helpful      TEMPLATE: none
 * PARAMS: id (review id)
 * The visitor found the review helpful: counted once per account. Redirects
 * to the product's reviews. Also from the shared product page: checked by
 * Origin (R_ORIGIN) there; a visitor not logged in is sent to log in and
 * back to the reviews.
 */
int
sf_reviews_helpful(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id");
	long long product_id = db_scalar(0, "SELECT product_id FROM reviews WHERE id = ? AND status = 'published'", "i", id);

	if (product_id <= 0)
		return product_id < 0 ? 500 : 404;
	if (rq->sess == NULL)
		return sf_reviews_log_in_first(rq, rs, product_id);
	switch (review_vote(id, rq->sess->user_id)) {
	case REVIEW_OK:
		resp_set_flash(rs, "Thank you: your vote is counted.");
		break;
	case REVIEW_ALREADY:
		resp_set_flash(rs, "You found this review helpful already: a vote counts once.");
		break;
	case REVIEW_OWN:
		resp_set_flash(rs, "This is your own review.");
		break;
	case REVIEW_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/p/%lld/reviews#review-%lld", product_id, id));
}

/*
 * ROUTE: POST /reviews/{id}/report      TEMPLATE: none
 * PARAMS: id (review id), reason (text, 500)
 * Reports a published review as abuse, for the moderators' queue (once per
 * account; not one's own). Redirects to the product's reviews. From the
 * shared product page as "helpful" is (R_ORIGIN, log in first).
 */
int
sf_reviews_report(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id");
	long long product_id = db_scalar(0, "SELECT product_id FROM reviews WHERE id = ? AND status = 'published'", "i", id);
	const char *reason = req_str(rq, "reason");
	int rc;

	if (product_id <= 0)
		return product_id < 0 ? 500 : 404;
	if (rq->sess == NULL)
		return sf_reviews_log_in_first(rq, rs, product_id);
	if ((rc = (int)db_scalar(-1, "SELECT COUNT(*) FROM reviews WHERE id = ? AND user_id = ?", "ii", id,
				 rq->sess->user_id)) != 0) {
		if (rc < 0)
			return 500;
		resp_set_flash(rs, "This is your own review.");
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/p/%lld/reviews#review-%lld", product_id, id));
	}
	rc = report_add(REPORT_REVIEW, id, rq->sess->user_id, reason && *reason ? reason : "No reason given");
	if (rc < 0)
		return 500;
	resp_set_flash(rs, rc ? "Thank you: a moderator will read this review." : "You have reported this review already.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/p/%lld/reviews#review-%lld", product_id, id));
}

int
sf_reviews_order_items(tmpl_dict *d, struct arena *a, long long order_id, long long user_id)
{
	struct db_result *r;
	tmpl_dict *row;

	(void)a;
	r = db_query("SELECT i.id, i.name, i.product_id, IFNULL(rv.id, 0) FROM order_items i"
		     " JOIN vendor_orders vo ON vo.id = i.vendor_order_id JOIN orders o ON o.id = i.order_id"
		     " LEFT JOIN reviews rv ON rv.order_item_id = i.id"
		     " WHERE i.order_id = ? AND o.user_id = ? AND vo.status = 'delivered' ORDER BY i.id",
		     "ii", order_id, user_id);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		row = tmpl_section(d, "REVIEW_ITEM");
		tmpl_set(row, "NAME", db_str(r, 1));
		if (db_int(r, 3) > 0) {
			row = tmpl_section(row, "REVIEWED");
			tmpl_set_int(row, "REVIEW_ID", db_int(r, 3));
		} else {
			row = tmpl_section(row, "CAN_REVIEW");
			tmpl_set_int(row, "ITEM_ID", db_int(r, 0));
		}
		tmpl_set_int(row, "PRODUCT_ID", db_int(r, 2));
		tmpl_show(d, "HAS_REVIEW_ITEMS");
	}
	db_free(r);
	return 0;
}

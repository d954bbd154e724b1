/*
 * vp_csv: a vendor's listings as a CSV file: the export (for a spreadsheet)
 * and the import, which checks every line before it changes anything and
 * answers a file with problems with a report, line by line
 * (listing_csv.h has the columns and the rules).
 */
#include "vp.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "csrf.h"
#include "listing.h"
#include "listing_csv.h"
#include "log.h"
#include "multipart.h"
#include "route.h"
#include "sess.h"

/* Why the vendor cannot import (a file may publish listings), or NULL:
 * the listing pages' own rule and sentence (listing.h). */
static const char *
vp_csv_refusal(struct req *rq, const struct vp_vendor *vendor)
{
	return listing_publish_refusal(&rq->arena, vendor->status, rq->sess->verified);
}

/*
 * The import page: what the file holds, the form and, after a file with
 * problems, the report (c, or NULL). Returns the page dictionary, or NULL
 * with rs->status set.
 */
static tmpl_dict *
vp_csv_page(struct req *rq, struct resp *rs, struct view *v, const struct listing_csv *c)
{
	struct vp_vendor vendor;
	tmpl_dict *d, *box, *row;
	const char *why;
	size_t i;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/csv_import_form.tpl", "Import listings from a CSV file");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Listings", "/vendor/listings");
	view_crumb(v, "Import", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if ((why = vp_csv_refusal(rq, &vendor)) != NULL) {
		tmpl_set(tmpl_section(d, "CANNOT_IMPORT"), "WHY", why);
	} else {
		tmpl_show(d, "CAN_IMPORT");
	}
	if (c != NULL && (c->nproblems > 0 || c->problems_more > 0)) {
		box = tmpl_section(d, "REPORT");
		tmpl_set(box, "COUNT", c->nproblems + c->problems_more == 1 ? "1 problem" :
			 arena_printf(&rq->arena, "%zu problems", c->nproblems + c->problems_more));
		for (i = 0; i < c->nproblems; i++) {
			row = tmpl_section(box, "PROBLEM");
			if (c->problems[i].line > 0)
				tmpl_set_int(row, "LINE", c->problems[i].line);
			else
				tmpl_set(row, "LINE", "the file");
			tmpl_set(row, "COLUMN", c->problems[i].column ? c->problems[i].column : "");
			tmpl_set(row, "MESSAGE", c->problems[i].message);
		}
		if (c->problems_more > 0)
			tmpl_set(tmpl_section(box, "MORE"), "N",
				 arena_printf(&rq->arena, "%zu", c->problems_more));
	}
	rs->status = 200;
	return d;
}

/*
 * ROUTE: GET /vendor/listings/import      TEMPLATE: vendor/csv_import_form.tpl
 * PARAMS: none
 * The import form, with the columns a file has and a link to the export;
 * says what is missing while the shop or the email is not verified.
 */
int
vp_csv_import_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (vp_csv_page(rq, rs, &v, NULL) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

tmpl_dict *
vp_csv_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_csv_page(rq, rs, v, NULL);
}

/* Reads the uploaded file into c. Returns its problems, or -1 when it
 * cannot be opened (the upload is the request's own temporary file). */
static long
vp_csv_read_upload(struct listing_csv *c, const struct multipart_file *f)
{
	size_t problems;
	int fd;

	if ((fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("vendor.csv_import", "msg=%s", log_quote(strerror(errno)));
		return -1;
	}
	problems = listing_csv_read_fd(c, fd);
	close(fd);
	return (long)problems;
}

/*
 * ROUTE: POST /vendor/listings/import      TEMPLATE: vendor/csv_import_form.tpl
 * PARAMS: file (a CSV file, multipart upload) or csv (the file's text,
 * pasted: up to 64 KiB), csrf
 * Reads the file (an upload streamed to a temporary file, never held whole
 * in memory) or the pasted text. Checks every line; with any problem, shows the form again
 * (422) with the report (line, column, what is wrong) and changes nothing;
 * otherwise applies every line in one transaction (a new listing for an
 * unknown SKU, an update for a known one) and goes back to the listings
 * with what changed.
 */
int
vp_csv_import(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct listing_csv c;
	struct listing_csv_result res;
	struct view v = { 0 };
	const struct multipart_file *upload = req_file(rq, "file", 0);
	const char *text = req_str(rq, "csv");
	long problems;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (vp_csv_refusal(rq, &vendor) != NULL) {
		route_form_error(rq, "file", vp_csv_refusal(rq, &vendor));
		return route_form_fail(rq, rs);
	}
	if (upload == NULL && (text == NULL || text[0] == '\0')) {
		route_form_error(rq, "file", "Choose your CSV file, or paste its text below.");
		return route_form_fail(rq, rs);
	}
	listing_csv_init(&c, a);
	if (upload != NULL)
		problems = vp_csv_read_upload(&c, upload);
	else
		problems = (long)listing_csv_read(&c, text, strlen(text));
	if (problems < 0)
		return 500;
	if (problems == 0) {
		switch (listing_csv_apply(&c, rq, vendor.id, &res)) {
		case 0:
			resp_set_flash(rs, res.held == 0
				       ? arena_printf(a, "Import done: %ld new, %ld changed, %ld unchanged.",
						      res.created, res.updated, res.unchanged)
				       : arena_printf(a, "Import done: %ld new, %ld changed, %ld unchanged; "
						      "%ld waiting for our review before they are shown.",
						      res.created, res.updated, res.unchanged, res.held));
			return resp_redirect(rs, 303, "/vendor/listings");
		case 1:
			break;
		default:
			return 500;
		}
	}
	if (vp_csv_page(rq, rs, &v, &c) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	/* Pasted text comes back to be fixed. */
	if (upload == NULL)
		tmpl_set(v.body, "CSV", text);
	return view_end_status(&v, rs, 422);
}

/*
 * ROUTE: GET /vendor/listings/export.csv      TEMPLATE: none (a CSV file)
 * PARAMS: none
 * Every draft and active listing of the vendor as a CSV file that opens in
 * a spreadsheet (UTF-8 with a byte-order mark, CRLF, formulas guarded), in
 * the columns the import reads: importing it again changes nothing.
 */
int
vp_csv_export(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (listing_csv_export(&rs->body, vendor.id) != 0) {
		buf_reset(&rs->body);
		return 500;
	}
	rs->content_type = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition",
		    arena_printf(&rq->arena, "attachment; filename=\"listings-%s.csv\"", vendor.slug));
	return 200;
}

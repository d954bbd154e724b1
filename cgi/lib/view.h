/*
 * view: a page in the site's layout. The layout (layout/base.tpl) includes
 * the page template at {{>CONTENT}}; the page gets its own dictionary (ctemplate
 * dictionaries of includes do not inherit), the layout gets title, flash,
 * breadcrumbs and the request id.
 */
#ifndef BAZAAR_VIEW_H
#define BAZAAR_VIEW_H
#include "req.h"
#include "resp.h"
#include "tmpl.h"

struct view {
	tmpl_dict *layout;
	tmpl_dict *body;
	const char *layout_name;
};

/* Starts a page; returns the dictionary for the page template. */
tmpl_dict *view_begin(struct view *v, struct req *rq, struct resp *rs,
		      const char *page_template, const char *title);
/* Adds a breadcrumb (url NULL for the current page). */
void view_crumb(struct view *v, const char *label, const char *url);
/* Sets the canonical URL and the meta description. */
void view_meta(struct view *v, const char *canonical_path, const char *description);
/* Renders the layout into rs->body and frees the dictionaries; returns 200,
 * or 500 when a template is missing. */
int view_end(struct view *v, struct resp *rs);
/* Frees without rendering (error paths). */
void view_discard(struct view *v);

#endif

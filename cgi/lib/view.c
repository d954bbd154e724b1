/*
 * view: pages in the layout, form errors, digit grouping and the shared
 * cache of anonymous pages (see view.h).
 */
#include "view.h"
#include "cache.h"
#include "cart.h"
#include "chat.h"
#include "hdr.h"
#include "cfg.h"
#include "fcgi_loop.h"
#include "sess.h"
#include "visitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VIEW_LAYOUT "layout/base.tpl"

/* The count of unread messages beside a link to them (chat.h). */
static void
view_unread(tmpl_dict *d, struct req *rq, long long n)
{
	if (n > 0)
		tmpl_set(tmpl_section(d, "UNREAD"), "COUNT", view_group_digits(&rq->arena, n));
}

void
view_account_links(tmpl_dict *d, struct req *rq, int logout, int token)
{
	tmpl_dict *u, *c;
	long long n;

	tmpl_set(d, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	if (rq->sess == NULL) {
		tmpl_show(d, "GUEST");
	} else {
		u = tmpl_section(d, "USER");
		tmpl_set(u, "NAME", rq->sess->name);
		if (!rq->sess->verified)
			tmpl_show(u, "CONFIRM_EMAIL");
		if (strcmp(rq->sess->role, "vendor") == 0)
			view_unread(tmpl_section(u, "IS_VENDOR"), rq, chat_unread_vendor(rq->sess->user_id));
		else if (strcmp(rq->sess->role, "admin") == 0)
			tmpl_show(u, "IS_ADMIN");
		view_unread(tmpl_section(u, "MESSAGES"), rq, chat_unread_customer(rq->sess->user_id));
		/* The counts live (static/js/chat.js) for someone with conversations. */
		if (chat_has_conversations(rq->sess->user_id) > 0)
			tmpl_show(u, "LIVE");
		if (logout) {
			u = tmpl_section(u, "LOGOUT");
			if (token)
				tmpl_set(tmpl_section(u, "TOKEN"), "CSRF", rq->sess->csrf);
		}
	}
	n = cart_count(cart_for_request(rq, 0));
	if (n > 0) {
		c = tmpl_section(d, "CART_COUNT");
		tmpl_set(c, "COUNT", view_group_digits(&rq->arena, n));
		tmpl_show(c, n == 1 ? "ONE" : "MANY");
	}
}

/* Whether a page for one visitor takes its account links from the header
 * fragment that the shared pages use (hdr.h): a logged-in browser that has
 * its header key, in a program that draws fragments, on a page without a
 * log-out of its own. The program fills it in (hdr_fill) from memcached: one
 * read instead of the queries for the counts. */
static int
view_nav_from_fragment(const struct view *v, const struct req *rq)
{
	return rq->sess != NULL && !v->own_logout && rq->app != NULL && rq->app->shared_header != NULL &&
	       hdr_cookie(rq) != NULL;
}

/* The header's account links: log in and sign up, or the visitor's name,
 * the portal of the role and log out (unless the page has its own), and
 * the cart. A shared page has the SSI directive instead (hdr.h), and so
 * has a logged-in visitor's page when view_nav_from_fragment says so. */
static void
view_account_nav(struct view *v, struct req *rq, struct resp *rs)
{
	if (v->shared || view_nav_from_fragment(v, rq)) {
		tmpl_dict *g = tmpl_include(tmpl_section(v->layout, "SHARED_NAV"), "GUEST_LINKS",
					    "layout/_account_links.tpl");

		tmpl_set(g, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
		tmpl_show(g, "GUEST");
		return;
	}
	tmpl_show(v->layout, "ACCOUNT_NAV");
	view_account_links(tmpl_include(v->layout, "ACCOUNT_LINKS", "layout/_account_links.tpl"), rq,
			   !v->own_logout, 1);
	/* A logged-in browser without the account's header key (a session
	 * from before it had one) gets it here, so cached pages show it. */
	if (rq->sess != NULL && hdr_cookie(rq) == NULL)
		cart_header_cookie(rq, rs, cart_for_user(rq->sess->user_id, 1));
}

tmpl_dict *
view_begin(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
	   const char *title)
{
	unsigned omit = rq->app != NULL ? rq->app->header_omit : 0;

	v->layout_name = VIEW_LAYOUT;
	v->layout = tmpl_dict_new(VIEW_LAYOUT);
	tmpl_set(v->layout, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	tmpl_set(v->layout, "TITLE", title ? title : "");
	if (rs->flash) {
		tmpl_dict *f = tmpl_section(v->layout, "FLASH");
		tmpl_set(f, "MESSAGE", rs->flash);
	}
	if (!(omit & APP_HEADER_SEARCH))
		tmpl_show(v->layout, "SEARCH");
	if (rq->sess != NULL && !rq->sess->verified && !v->no_verify_banner && !v->shared)
		tmpl_show(v->layout, "UNVERIFIED");
	if (!(omit & APP_HEADER_ACCOUNT))
		view_account_nav(v, rq, rs);
	if (rq->app != NULL && rq->app->layout_hook != NULL)
		rq->app->layout_hook(v->layout, rq);
	v->body = tmpl_include(v->layout, "CONTENT", page_template);
	return v->body;
}

void
view_form_error(tmpl_dict *d, const char *field, const char *message)
{
	char key[64];
	tmpl_dict *row;
	size_t i, n = strlen(field);

	if (n + sizeof "_ERROR" > sizeof key)
		return;
	for (i = 0; i < n; i++)
		key[i] = (field[i] >= 'a' && field[i] <= 'z') ? (char)(field[i] - 'a' + 'A') : field[i];
	memcpy(key + n, "_ERROR", sizeof "_ERROR");
	tmpl_set(tmpl_section(d, key), "MESSAGE", message);
	row = tmpl_section(d, "ERROR_SUMMARY");
	tmpl_set(row, "FIELD", field);
	tmpl_set(row, "MESSAGE", message);
	tmpl_show(d, "HAS_ERRORS");
}

void
view_crumb(struct view *v, const char *label, const char *url)
{
	tmpl_dict *c;

	if (label == NULL)
		return;
	tmpl_show(v->layout, "HAS_CRUMBS");
	c = tmpl_section(v->layout, "CRUMBS");
	tmpl_set(c, "LABEL", label);
	if (url) {
		tmpl_dict *l = tmpl_section(c, "CRUMB_LINK");
		tmpl_set(l, "URL", url);
		tmpl_set(l, "LABEL", label);
	} else {
		tmpl_show(c, "CRUMB_CURRENT");
	}
}

void
view_meta(struct view *v, const char *canonical_path, const char *description)
{
	if (canonical_path)
		tmpl_set(v->layout, "CANONICAL", canonical_path);
	if (description)
		tmpl_set(v->layout, "DESCRIPTION", description);
}

int
view_end(struct view *v, struct resp *rs)
{
	int rc;

	buf_reset(&rs->body);
	rc = tmpl_render(v->layout_name, v->layout, &rs->body);
	view_discard(v);
	if (rc != 0) {
		buf_reset(&rs->body);
		return 500;
	}
	return 200;
}

int
view_end_status(struct view *v, struct resp *rs, int status)
{
	if (view_end(v, rs) != 200)
		return 500;
	if (status != 200)
		rs->keep_body = 1;
	return status;
}

void
view_discard(struct view *v)
{
	if (v->layout)
		tmpl_dict_free(v->layout);
	v->layout = NULL;
	v->body = NULL;
}

char *
view_group_digits(struct arena *a, long long n)
{
	char digits[32], out[48];
	size_t len, i, o = 0;
	int neg = n < 0;

	len = (size_t)snprintf(digits, sizeof digits, "%llu",
			       neg ? 0ULL - (unsigned long long)n : (unsigned long long)n);
	if (neg)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

int
view_cacheable(const struct req *rq, const struct resp *rs)
{
	/* The cookies of visitor_personal_cookies keep the visitor on freshly
	 * drawn pages, as nginx's map generated from the same list does; a
	 * bz_visitor id, a header key or a session does not: a shared page
	 * carries nothing of theirs (its header is filled per visitor, hdr.h). */
	if (visitor_personal(rq) || rs->flash != NULL)
		return 0;
	return strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
}

int
view_from_cache(struct req *rq, struct resp *rs, const char *key)
{
	size_t len;
	char *page;

	if (!view_cacheable(rq, rs))
		return 0;
	if ((page = cache_get(key, &len)) == NULL)
		return 0;
	buf_reset(&rs->body);
	buf_add(&rs->body, page, len);
	free(page);
	resp_header(rs, "X-Cache", "HIT");
	rs->cache = RESP_PUBLIC_SHORT;	/* it is an anonymous page */
	return 1;
}

int
view_from_cache_stamped(struct req *rq, struct resp *rs, const char *key,
			const char *(*stamp)(struct req *rq, void *ctx), void *ctx,
			const char **stamp_out)
{
	char *page = NULL;
	const char *want;
	size_t len = 0, wlen;
	int hit = 0;

	*stamp_out = NULL;
	if (view_cacheable(rq, rs))
		page = cache_get_with_gens(key, &len);
	if ((want = stamp(rq, ctx)) == NULL) {
		free(page);
		return -1;
	}
	*stamp_out = want;
	wlen = strlen(want);
	if (page != NULL && len > wlen && memcmp(page, want, wlen) == 0 && page[wlen] == '\n') {
		buf_reset(&rs->body);
		buf_add(&rs->body, page + wlen + 1, len - wlen - 1);
		resp_header(rs, "X-Cache", "HIT");
		rs->cache = RESP_PUBLIC_SHORT;	/* it is an anonymous page */
		hit = 1;
	}
	free(page);
	return hit;
}

void
view_to_cache_stamped(struct req *rq, struct resp *rs, const char *key, const char *stamp, int ttl)
{
	view_to_cache(rq, rs, key, ttl);
	if (rs->cache_key == NULL || stamp == NULL)
		return;
	free(rs->cache_stamp);
	if ((rs->cache_stamp = strdup(stamp)) == NULL) {
		free(rs->cache_key);
		rs->cache_key = NULL;
	}
}

void
view_to_cache(struct req *rq, struct resp *rs, const char *key, int ttl)
{
	if (!view_cacheable(rq, rs))
		return;
	free(rs->cache_key);
	rs->cache_key = strdup(key);
	rs->cache_ttl = ttl;
}

/*
 * sf_nav: the category tree in worker memory and the category navigation of
 * the layout.
 *
 * The tree is small (tens of rows) and read on every page (the navigation,
 * the category pages' slug lookup, the home page's cards), so each worker
 * keeps a copy and reloads it when it is older than SF_NAV_MAX_AGE seconds:
 * a page costs no query for it. A failed reload keeps the old copy and tries
 * again after SF_NAV_RETRY seconds. Lookups copy what they return into the
 * request's arena, so a reload in the middle of a request (the layout hook
 * runs after the handler has looked its category up) cannot leave the
 * handler holding freed memory.
 */
#include "sf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define SF_NAV_MAX_AGE	60
#define SF_NAV_RETRY	5
#define SF_NAV_TOP_MAX	12	/* top-level categories in the header */

struct sf_nav_node {
	long long id, parent_id, top_id;
	int depth, has_children;
	char *slug, *name, *description;
	char *url;		/* "/c/<slug>", made once for the menu of every page */
};

static struct sf_nav_node *sf_nav_nodes;
static size_t sf_nav_count;
static time_t sf_nav_loaded;	/* monotonic seconds; 0 = never */
static unsigned long sf_nav_version;	/* loads that replaced the copy */

static time_t
sf_nav_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1;	/* never 0 */
}

static void
sf_nav_free(struct sf_nav_node *nodes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(nodes[i].slug);
		free(nodes[i].name);
		free(nodes[i].description);
		free(nodes[i].url);
	}
	free(nodes);
}

static char *
sf_nav_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (d == NULL)
		abort();
	return d;
}

static struct sf_nav_node *
sf_nav_find(struct sf_nav_node *nodes, size_t n, long long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (nodes[i].id == id)
			return &nodes[i];
	return NULL;
}

/* Reads the whole tree; replaces the copy only when the read worked. */
static int
sf_nav_load(void)
{
	struct db_result *r;
	struct sf_nav_node *nodes, *up;
	size_t n = 0, i;
	int guard;

	r = db_query("SELECT id, parent_id, slug, name, description, depth FROM categories"
		     " ORDER BY depth, position, name", "");
	if (r == NULL) {
		log_warn("sf.nav", "msg=%s", log_quote("category tree not loaded"));
		sf_nav_loaded = sf_nav_now() - SF_NAV_MAX_AGE + SF_NAV_RETRY;
		return -1;
	}
	nodes = calloc(db_rows(r) ? db_rows(r) : 1, sizeof *nodes);
	if (nodes == NULL)
		abort();
	while (db_next(r)) {
		nodes[n].id = db_int(r, 0);
		nodes[n].parent_id = db_int(r, 1);
		nodes[n].slug = sf_nav_strdup(db_str(r, 2));
		nodes[n].name = sf_nav_strdup(db_str(r, 3));
		nodes[n].description = sf_nav_strdup(db_str(r, 4));
		if ((nodes[n].url = malloc(strlen(nodes[n].slug) + 4)) == NULL)
			abort();
		memcpy(nodes[n].url, "/c/", 3);
		memcpy(nodes[n].url + 3, nodes[n].slug, strlen(nodes[n].slug) + 1);
		nodes[n].depth = (int)db_int(r, 5);
		n++;
	}
	db_free(r);
	for (i = 0; i < n; i++) {
		/* Walk up to the root; the guard stops a (corrupt) cycle. */
		nodes[i].top_id = nodes[i].id;
		up = &nodes[i];
		for (guard = 0; up->parent_id != 0 && guard < 16; guard++) {
			struct sf_nav_node *p = sf_nav_find(nodes, n, up->parent_id);
			if (p == NULL)
				break;
			p->has_children = 1;
			up = p;
			nodes[i].top_id = p->id;
		}
	}
	sf_nav_free(sf_nav_nodes, sf_nav_count);
	sf_nav_nodes = nodes;
	sf_nav_count = n;
	sf_nav_loaded = sf_nav_now();
	sf_nav_version++;
	return 0;
}

/* Reloads the tree when it is older than SF_NAV_MAX_AGE. */
static void
sf_nav_fresh(void)
{
	if (sf_nav_loaded == 0 || sf_nav_now() - sf_nav_loaded >= SF_NAV_MAX_AGE)
		sf_nav_load();
}

int
sf_nav_init(void)
{
	sf_nav_load();	/* a database that is down now is retried later */
	return 0;
}

static void
sf_nav_copy(struct arena *a, const struct sf_nav_node *n, struct sf_category *out)
{
	out->id = n->id;
	out->parent_id = n->parent_id;
	out->top_id = n->top_id;
	out->depth = n->depth;
	out->has_children = n->has_children;
	out->slug = arena_strdup(a, n->slug);
	out->name = arena_strdup(a, n->name);
	out->description = arena_strdup(a, n->description);
}

static const struct sf_nav_node *
sf_nav_find_slug(const char *slug)
{
	size_t i;

	for (i = 0; i < sf_nav_count; i++)
		if (strcmp(sf_nav_nodes[i].slug, slug) == 0)
			return &sf_nav_nodes[i];
	return NULL;
}

int
sf_nav_by_slug(struct arena *a, const char *slug, struct sf_category *out)
{
	const struct sf_nav_node *n;

	long long known;

	sf_nav_fresh();
	n = sf_nav_find_slug(slug);
	if (n == NULL) {
		known = db_scalar(-1, "SELECT COUNT(*) FROM categories WHERE slug = ?", "s", slug);
		if (known < 0)
			return -2;
		if (known > 0) {
			/* Created since the last reload. */
			if (sf_nav_load() != 0)
				return -2;
			n = sf_nav_find_slug(slug);
		}
	}
	if (n == NULL)
		return -1;
	sf_nav_copy(a, n, out);
	return 0;
}

int
sf_nav_by_id(struct arena *a, long long id, struct sf_category *out)
{
	const struct sf_nav_node *n;

	sf_nav_fresh();
	n = sf_nav_find(sf_nav_nodes, sf_nav_count, id);
	if (n == NULL)
		return -1;
	sf_nav_copy(a, n, out);
	return 0;
}

int
sf_nav_by_id_known(struct arena *a, long long id, struct sf_category *out)
{
	if (sf_nav_by_id(a, id, out) == 0)
		return 0;
	if (sf_nav_load() != 0)
		return -1;
	return sf_nav_by_id(a, id, out);
}

size_t
sf_nav_children(struct arena *a, long long parent_id, struct sf_category **out)
{
	size_t i, n = 0;

	sf_nav_fresh();
	*out = arena_alloc(a, (sf_nav_count ? sf_nav_count : 1) * sizeof **out);
	/* The tree is ordered by depth, position, name: siblings come in order. */
	for (i = 0; i < sf_nav_count; i++)
		if (sf_nav_nodes[i].parent_id == parent_id)
			sf_nav_copy(a, &sf_nav_nodes[i], &(*out)[n++]);
	return n;
}

/*
 * The header's category links (layout/_nav_links.tpl). The current category
 * (from the path) is marked aria-current="page", its top-level category
 * aria-current="true". Every other page (products, searches, accounts) has
 * the same links: the worker keeps them drawn for as long as it keeps the
 * tree they were drawn from.
 */
#define SF_NAV_LINKS_TEMPLATE "layout/_nav_links.tpl"
static char *sf_nav_links;		/* drawn, with no current category */
static unsigned long sf_nav_links_version;	/* of the tree they were drawn from */

/* Fills d with the links, current the category of the page (NULL: none);
 * how many. */
static size_t
sf_nav_links_fill(tmpl_dict *d, const struct sf_nav_node *current)
{
	size_t i, shown = 0;

	for (i = 0; i < sf_nav_count && shown < SF_NAV_TOP_MAX; i++) {
		const struct sf_nav_node *n = &sf_nav_nodes[i];
		tmpl_dict *s;

		if (n->parent_id != 0)
			continue;
		s = tmpl_section(d, "NAV_CATEGORY");
		tmpl_set(s, "URL", n->url);
		tmpl_set(s, "NAME", n->name);
		tmpl_set(s, "CURRENT", current == NULL ? "false" :
			 current->id == n->id ? "page" : current->top_id == n->id ? "true" : "false");
		shown++;
	}
	return shown;
}

/* The links with no current category, drawn once per tree; NULL when they
 * could not be drawn. */
static const char *
sf_nav_links_html(void)
{
	tmpl_dict *d;
	struct buf out;

	if (sf_nav_links != NULL && sf_nav_links_version == sf_nav_version)
		return sf_nav_links;
	free(sf_nav_links);
	sf_nav_links = NULL;
	if ((d = tmpl_dict_new(SF_NAV_LINKS_TEMPLATE)) == NULL)
		return NULL;
	buf_init(&out);
	sf_nav_links_fill(d, NULL);
	if (tmpl_render(SF_NAV_LINKS_TEMPLATE, d, &out) == 0) {
		sf_nav_links = out.data ? buf_detach(&out) : strdup("");
		sf_nav_links_version = sf_nav_version;
	}
	buf_free(&out);
	tmpl_dict_free(d);
	return sf_nav_links;
}

void
sf_nav_layout(tmpl_dict *layout, struct req *rq)
{
	const struct sf_nav_node *current = NULL;
	const char *links;
	size_t i, top = 0;

	sf_nav_fresh();
	if (rq && rq->path && strncmp(rq->path, "/c/", 3) == 0)
		current = sf_nav_find_slug(rq->path + 3);
	for (i = 0; i < sf_nav_count; i++)
		top += sf_nav_nodes[i].parent_id == 0;
	if (top == 0)
		return;
	if (current == NULL && (links = sf_nav_links_html()) != NULL)
		tmpl_set(layout, "NAV_HTML", links);
	else
		sf_nav_links_fill(tmpl_include(layout, "NAV_LINKS", SF_NAV_LINKS_TEMPLATE), current);
	tmpl_show(layout, "HAS_NAV");
}

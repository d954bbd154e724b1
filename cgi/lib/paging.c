/*
 * paging: the rows, the result line and the page links of one page of a
 * list (see paging.h).
 */
#include "paging.h"

#include "view.h"

#define PAGING_SPREAD 2	/* page links either side of the current one */

long long
paging_offset(const struct paging *p)
{
	return p->page > 1 ? (p->page - 1) * p->per_page : 0;
}

long long
paging_pages(const struct paging *p)
{
	long long pages = p->per_page > 0 ? (p->total + p->per_page - 1) / p->per_page : 0;

	return pages < p->page_max ? pages : p->page_max;
}

int
paging_past_end(const struct paging *p)
{
	return p->page > 1 && paging_offset(p) >= p->total;
}

char *
paging_result_text(struct arena *a, const struct paging *p, const char *noun_one, const char *noun_many)
{
	long long first, last;

	if (p->total <= p->per_page)
		return arena_printf(a, "%s %s", view_group_digits(a, p->total), p->total == 1 ? noun_one : noun_many);
	first = paging_offset(p) + 1;
	last = first + p->per_page - 1;
	if (last > p->total)
		last = p->total;
	return arena_printf(a, "Showing %s–%s of %s %s", view_group_digits(a, first),
			    view_group_digits(a, last), view_group_digits(a, p->total), noun_many);
}

void
paging_links(tmpl_dict *d, const struct paging *pg, char *(*url)(void *ctx, long long n), void *ctx)
{
	long long p, last_shown = 0, page = pg->page, pages = paging_pages(pg);
	tmpl_dict *nav, *item;

	if (pages <= 1)
		return;
	nav = tmpl_include(d, "PAGINATION", PAGING_TEMPLATE);
	if (page > 1)
		tmpl_set(tmpl_section(nav, "PREV"), "URL", url(ctx, page - 1));
	for (p = 1; p <= pages; p++) {
		int near = p >= page - PAGING_SPREAD && p <= page + PAGING_SPREAD;

		if (p != 1 && p != pages && !near)
			continue;
		if (last_shown && p > last_shown + 1)
			tmpl_show(tmpl_section(nav, "PAGE"), "PAGE_GAP");
		item = tmpl_section(nav, "PAGE");
		tmpl_set_int(item, "NUM", p);
		if (p == page)
			tmpl_show(item, "PAGE_CURRENT");
		else
			tmpl_set(tmpl_section(item, "PAGE_LINK"), "URL", url(ctx, p));
		last_shown = p;
	}
	if (page < pages)
		tmpl_set(tmpl_section(nav, "NEXT"), "URL", url(ctx, page + 1));
}

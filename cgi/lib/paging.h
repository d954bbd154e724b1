/*
 * paging: one page of a long list, the same in the three programs: which
 * rows it shows, the line above the list ("Showing 25–48 of 1,234
 * products") and the page links under it, drawn by the one partial
 * templates/layout/_pagination.tpl. A program fills a struct paging from
 * the route's validated ?page= and its own page size, counts the rows, and
 * asks the rest of this module.
 */
#ifndef BAZAAR_PAGING_H
#define BAZAAR_PAGING_H
#include "arena.h"
#include "tmpl.h"

#define PAGING_TEMPLATE "layout/_pagination.tpl"

struct paging {
	long long page;		/* the page shown, from 1 */
	long long per_page;	/* rows a page */
	long long page_max;	/* the last page that may be linked (the route's bound on ?page=) */
	long long total;	/* rows in the whole list, once counted */
};

/* The first row of the page (0 for page 1 or below). */
long long paging_offset(const struct paging *p);
/* How many pages the list has, at most page_max. */
long long paging_pages(const struct paging *p);
/* True when the page starts past the last row (the page answers 404);
 * page 1 never does: an empty list is a page that says so. */
int paging_past_end(const struct paging *p);
/*
 * The line above the list, in arena memory: "1,234 products" (noun_one for
 * 1) when everything fits on one page, otherwise "Showing 25–48 of 1,234
 * products" for the page shown.
 */
char *paging_result_text(struct arena *a, const struct paging *p, const char *noun_one,
			 const char *noun_many);
/*
 * Fills include marker PAGINATION of d with PAGING_TEMPLATE: sections PREV
 * {URL} and NEXT {URL} when there are such pages, and a section PAGE for
 * each page shown (the first, the last and two either side of the current
 * one) with NUM and PAGE_CURRENT or PAGE_LINK {URL}, and a section PAGE with
 * PAGE_GAP where pages are left out. url(ctx, n) is the address of page n.
 * Nothing when the list fits on one page.
 */
void paging_links(tmpl_dict *d, const struct paging *p, char *(*url)(void *ctx, long long n), void *ctx);

#endif

/*
 * sf_suggest: suggestions while a shopper types in the search box, as JSON
 * for static/js/suggest.js (an accessible combobox; the search box works
 * without it). Typo-tolerant: the search index corrects misspelt words from
 * the catalogue's own words, and product names are suggested for the
 * corrected text when the typed one matches nothing.
 */
#include "sf.h"

#include <string.h>

#include "json.h"
#include "search.h"

#define SF_SUGGEST_MIN_BYTES	2	/* fewer typed: no suggestion yet */
#define SF_SUGGEST_PRODUCTS	6

/* {"kind", "text", "url"} */
static json_t *
sf_suggest_item(const char *kind, const char *text, const char *url)
{
	return json_pack("{s:s, s:o, s:s}", "kind", kind, "text", json_text(text), "url", url);
}

/* /search?q=<text> */
static char *
sf_suggest_search_url(struct arena *a, const char *text)
{
	struct buf b;
	char *out;

	buf_init(&b);
	buf_adds(&b, "/search?q=");
	buf_add_urlencoded(&b, text);
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

/*
 * ROUTE: GET /search/suggest      TEMPLATE: none (JSON for static/js/suggest.js)
 * PARAMS: q (text, up to 100 bytes)
 * {"q": ..., "suggestions": [{"kind": "search"|"product", "text", "url"}]}:
 * first the text with its misspelt words corrected (a search), when a word
 * is misspelt, then up to six product names that match what was typed (the
 * last word as the start of a word), or the corrected text when nothing
 * does. Fewer than two characters, or no search index: no suggestion.
 * Shared caches may keep the answer briefly: it is the same for everyone.
 */
int
sf_suggest_json(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	const char *q = sf_search_tidy(a, req_str(rq, "q")), *corrected = NULL;
	struct search_suggestion found[SF_SUGGEST_PRODUCTS];
	json_t *doc = json_object(), *list = json_array();
	long n = 0, i;
	int status = 500;

	if (q != NULL && strlen(q) >= SF_SUGGEST_MIN_BYTES) {
		corrected = search_correct(a, q);
		if (corrected != NULL && strcmp(corrected, q) != 0)
			json_array_append_new(list, sf_suggest_item("search", corrected,
								    sf_suggest_search_url(a, corrected)));
		if ((n = search_suggest(a, q, found, SF_SUGGEST_PRODUCTS)) < 0)
			n = 0;	/* no index: the box works without suggestions */
		for (i = 0; i < n; i++)
			json_array_append_new(list, sf_suggest_item("product", found[i].name,
								    arena_printf(a, "/p/%lld", found[i].product_id)));
	}
	if (json_object_set_new(doc, "q", json_text(q ? q : "")) != 0 ||
	    json_object_set_new(doc, "suggestions", list) != 0)
		goto out;
	list = NULL;
	buf_reset(&rs->body);
	if (json_to_buf(doc, &rs->body) != 0) {
		buf_reset(&rs->body);
		goto out;
	}
	rs->content_type = "application/json; charset=utf-8";
	rs->cache = RESP_PUBLIC_SHORT;
	status = 200;
out:
	json_decref(list);
	json_decref(doc);
	return status;
}

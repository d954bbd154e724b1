/*
 * tmpl: the C face of ctemplate (the only C++ file, tmpl.cc).
 * All templates under the template root are loaded once at start; in
 * production they are frozen. A dictionary belongs to one request.
 * Names are paths relative to the root, e.g. "storefront/product.tpl".
 */
#ifndef BAZAAR_TMPL_H
#define BAZAAR_TMPL_H
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tmpl_dict tmpl_dict;

/* Loads every *.tpl under root. Returns 0, or -1 naming the bad file in the log. */
int tmpl_init(const char *root, int freeze);
/* Drops the cache and loads again (SIGHUP). */
int tmpl_reload(void);
int tmpl_exists(const char *name);

tmpl_dict *tmpl_dict_new(const char *name);
void tmpl_dict_free(tmpl_dict *d);
void tmpl_set(tmpl_dict *d, const char *key, const char *value);
void tmpl_set_int(tmpl_dict *d, const char *key, long long value);
/* Shows a {{#SECTION}} once (with the dictionary's own values). */
void tmpl_show(tmpl_dict *d, const char *section);
/* Adds one repetition of a section; the returned dictionary is owned by d. */
tmpl_dict *tmpl_section(tmpl_dict *d, const char *section);
/* Fills {{>MARKER}} with the template file; returned dictionary owned by d. */
tmpl_dict *tmpl_include(tmpl_dict *d, const char *marker, const char *filename);
/* A value every template sees (asset URLs, site name). Call before workers fork. */
void tmpl_set_global(const char *key, const char *value);
/* Expands name with d into out; returns 0 or -1 (missing template). */
int tmpl_render(const char *name, tmpl_dict *d, struct buf *out);

#ifdef __cplusplus
}
#endif
#endif

/*
 * json: JSON documents written with Debian's jansson. Build the document
 * with jansson itself (json_object, json_array, json_pack, ...; see
 * <jansson.h>); this module adds the two things the shop needs around it:
 * a string value that is null for a NULL, and the text of a document
 * appended to a struct buf, in the shop's one layout, safe to show in a
 * browser. As with buf, running out of memory aborts the process (jansson
 * is given an allocator that does), so a document is never written short of
 * a member that failed to allocate.
 */
#ifndef BAZAAR_JSON_H
#define BAZAAR_JSON_H
#include <jansson.h>

#include "buf.h"

/* A new JSON value for s: null for NULL, otherwise a string. NULL when s is
 * not valid UTF-8 (jansson checks it), which makes the json_pack or
 * json_object_set_new it is given to fail: text from the database and from
 * validated forms always is UTF-8, and a document is refused rather than
 * written with a field silently left out. */
json_t *json_text(const char *s);

/* Appends the text of v to out: two-space indentation, members in the order
 * they were added, a final line break. '<', '>' and '&' inside strings are
 * written as \u003c, \u003e and \u0026, so the text is inert if a browser ever
 * renders it as HTML. Returns 0, or -1 (out unchanged) when v is NULL (a
 * document that could not be built). */
int json_to_buf(const json_t *v, struct buf *out);
/* The same with no space between tokens (JSON_COMPACT): for documents only
 * programs read, such as a page's schema.org data. */
int json_to_buf_compact(const json_t *v, struct buf *out);

/*
 * For a small document written straight into a buf without building it
 * (a product page's schema.org data, on every page): s as a JSON string,
 * written exactly as json_to_buf writes a string value (jansson's escapes:
 * \" \\ \b \f \n \r \t, other control characters as \u00XX; '<', '>'
 * and '&' as \u003c, \u003e and \u0026), and null for NULL. Returns 0, or
 * -1 with out unchanged when s is not valid UTF-8 (as json_text refuses it).
 */
int json_buf_text(struct buf *out, const char *s);

#endif

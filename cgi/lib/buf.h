/*
 * buf: a growable byte buffer, the one string builder of the code base.
 * Response bodies, headers, rendered templates and log lines all go through it.
 * Allocation failure aborts the process (a worker that cannot allocate is of no
 * use; the master restarts it).
 */
#ifndef BAZAAR_BUF_H
#define BAZAAR_BUF_H
#include <stddef.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf {
	char *data;	/* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Appends v in decimal, as "%lld" would, without the printf machinery (in a
 * program linked with libquadmath, as OpenCV's LAPACK brings in, every
 * printf call takes glibc's slow path for registered extensions). */
void buf_add_int(struct buf *b, long long v);
/* Percent-encodes s for use in a URL query value. */
void buf_add_urlencoded(struct buf *b, const char *s);
/* Appends s as XML text or attribute value: & < > " ' as entities, and the
 * control characters XML 1.0 does not allow left out (tab and line feed
 * kept). */
void buf_add_xml_escaped(struct buf *b, const char *s);
/* Takes ownership of the data; the buffer is left empty. */
char *buf_detach(struct buf *b);

#ifdef __cplusplus
}
#endif
#endif

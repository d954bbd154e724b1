/*
 * mailmsg: the format of an outgoing message (RFC 5322 with MIME), used by
 * the mailer (cgi/jobs/mailer.c) to write what mail_queue (mail.h) put into
 * the outbox, and by mail_queue to check an address and a subject before
 * they are queued.
 */
#ifndef BAZAAR_MAILMSG_H
#define BAZAAR_MAILMSG_H
#include <stddef.h>
#include <time.h>

#include "buf.h"

#define MAILMSG_SUBJECT_MAX 255	/* characters (mail_outbox.subject) */
#define MAILMSG_ADDRESS_MAX 254	/* bytes (RFC 5321 path limit) */

/* True when addr is a plain address "local@domain" that is safe to put in a
 * header and an SMTP command: no white space, control characters, quotes,
 * angle brackets or commas; one '@'; at most MAILMSG_ADDRESS_MAX bytes. */
int mailmsg_address_ok(const char *addr);
/* True when subject may be queued: non-empty, valid UTF-8 of at most
 * MAILMSG_SUBJECT_MAX characters, no control characters (so no CR or LF). */
int mailmsg_subject_ok(const char *subject);

/*
 * Appends a complete RFC 5322 message to out, lines ending in CRLF:
 * Date (when), From (from may be "Name <addr>" or a bare address), To,
 * Subject (RFC 2047 encoded when not ASCII), Message-ID (made from id and
 * random bytes), MIME-Version, Content-Type text/plain; charset=utf-8 and
 * Content-Transfer-Encoding 7bit (ASCII with short lines) or
 * quoted-printable; then the body. Returns 0, or -1 (nothing appended) when
 * an address or the subject is not acceptable.
 */
int mailmsg_format(struct buf *out, long long id, const char *from, const char *to,
		   const char *subject, const char *body, time_t when);
/* The same with extra header lines (NULL or "": none), written after
 * Message-ID as they are: "Name: value" lines separated by "\n" (a last
 * "\n" is allowed), which mailmsg_headers_ok must accept (else -1). Used for
 * List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
int mailmsg_format_with(struct buf *out, long long id, const char *from, const char *to,
			const char *subject, const char *headers, const char *body, time_t when);

#define MAILMSG_HEADERS_MAX 2000	/* bytes of extra header lines (mail_outbox.headers) */

/* True when headers (see mailmsg_format_with) may go into a message: at most
 * MAILMSG_HEADERS_MAX bytes; each line a name of letters, digits and '-'
 * that is not one the message writes itself (Date, From, To, Cc, Bcc,
 * Subject, Message-ID, MIME-Version, Content-*, Auto-Submitted), then ": "
 * and a non-empty value of printable ASCII, at most 998 bytes a line. */
int mailmsg_headers_ok(const char *headers);
/* The address part of "Name <addr>" (or a bare address) into out; returns
 * out, or NULL when it is not an acceptable address or does not fit. */
char *mailmsg_address_of(const char *from, char *out, size_t size);

#endif

/*
 * mail: outgoing mail. Pages never talk to a mail server: they render the
 * message and insert it into the outbox table (mail_outbox) with mail_queue,
 * inside the same transaction as the change it reports when there is one.
 * The mailer job (cgi/jobs/mailer.c) delivers it.
 *
 * Templates: templates/mail/<name>.tpl, HTML-escaped like every template,
 * rendered into the plain-text body of the message (the escaping is undone
 * for the text part, see mail.c). The dictionary always has SITE_NAME,
 * BASE_URL (BAZAAR_BASE_URL, the site's address as visitors see it, e.g.
 * https://shop.example) and SUPPORT_EMAIL (mail_support_address()), and the
 * caller's values.
 *
 * Writing a mail template (templates/mail/verify_email.tpl is the example):
 *  - first line {{%AUTOESCAPE context="HTML"}}, like every template;
 *  - plain text only, no HTML tags (the body is sent as text/plain);
 *  - blank lines in the file are dropped by the engine: end a paragraph
 *    with {{BI_NEWLINE}} to leave an empty line after it;
 *  - a value is printed on one line (the escaping turns a line break inside
 *    a value into a space); mail_queue wraps every line longer than
 *    MAIL_LINE_WIDTH characters at its spaces, so a long name or address
 *    cannot push a line past it; a word longer than that (a link) gets a
 *    line of its own, unbroken. Put a link on a line of its own;
 *  - links are full URLs the caller builds from mail_base_url() + path, e.g.
 *    arena_printf(a, "%s/verify?token=%s", mail_base_url(), token).
 *
 * Calling it:
 *   tmpl_dict *d = tmpl_dict_new("mail");    (any name: it only labels it)
 *   tmpl_set(d, "NAME", name);
 *   tmpl_set(d, "VERIFY_URL", url);
 *   if (mail_queue(email, "Confirm your email address", "verify_email", d) < 0)
 *           goto out;                        (d is freed in every case)
 */
#ifndef BAZAAR_MAIL_H
#define BAZAAR_MAIL_H
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "tmpl.h"

/* The site's public address without a trailing slash (BAZAAR_BASE_URL). */
const char *mail_base_url(void);
/* The address people write to about their account (BAZAAR_SUPPORT_EMAIL,
 * default support@bazaar.example). */
const char *mail_support_address(void);
/* Renders mail/<name>.tpl with d (which it frees) and queues it to the
 * address `to` with the given subject. Returns the outbox row id, or -1. */
long long mail_queue(const char *to, const char *subject, const char *name, tmpl_dict *d);

/* ---- for the mailer and the development mail viewer ----------------------- */

#define MAIL_LINE_WIDTH 78	/* characters a body line may take (RFC 5322's advice) */
#define MAIL_SUBJECT_MAX 255	/* characters (mail_outbox.subject) */
#define MAIL_ADDRESS_MAX 254	/* bytes (RFC 5321 path limit) */

/* The directory where the mailer writes messages as <outbox id>.eml when no
 * SMTP server is configured: BAZAAR_MAIL_DIR, else "<BAZAAR_VAR>/mail". */
const char *mail_dir(void);

/* True when addr is a plain address "local@domain" that is safe to put in a
 * header and an SMTP command: no white space, control characters, quotes,
 * angle brackets or commas; one '@'; at most MAIL_ADDRESS_MAX bytes. */
int mail_address_ok(const char *addr);
/* True when subject may be queued: non-empty, valid UTF-8 of at most
 * MAIL_SUBJECT_MAX characters, no control characters (so no CR or LF). */
int mail_subject_ok(const char *subject);

/*
 * Appends a complete RFC 5322 message to out, lines ending in CRLF:
 * Date (when), From (from may be "Name <addr>" or a bare address), To,
 * Subject (RFC 2047 encoded when not ASCII), Message-ID (made from id and
 * random bytes), MIME-Version, Content-Type text/plain; charset=utf-8 and
 * Content-Transfer-Encoding 7bit (ASCII with short lines) or
 * quoted-printable; then the body. Returns 0, or -1 (nothing appended) when
 * an address or the subject is not acceptable.
 */
int mail_message(struct buf *out, long long id, const char *from, const char *to,
		 const char *subject, const char *body, time_t when);
/* The address part of "Name <addr>" (or a bare address) into out; returns
 * out, or NULL when it is not an acceptable address or does not fit. */
char *mail_address_of(const char *from, char *out, size_t size);

/* A message read back (the development mail viewer): header values decoded
 * (RFC 2047, folded lines joined), body decoded from its transfer encoding
 * with LF line ends. Missing headers are "". All strings are malloc'd. */
struct mail_parsed {
	char *from, *to, *subject, *date, *message_id;
	char *body;
};
/* Parses text (a message as the mailer writes it; a header block without a
 * body is accepted). Returns 0, or -1 when out of memory. */
int mail_parse(const char *text, size_t len, struct mail_parsed *out);
void mail_parsed_free(struct mail_parsed *m);

#endif

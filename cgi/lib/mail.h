/*
 * mail: outgoing mail. Pages never talk to a mail server: they render the
 * message and insert it into the outbox table (mail_outbox) with mail_queue,
 * inside the same transaction as the change it reports when there is one.
 * The mailer job (cgi/jobs/mailer.c) delivers it, written in the format
 * of mailmsg.h.
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
#include "tmpl.h"

/* The site's public address without a trailing slash (BAZAAR_BASE_URL). */
const char *mail_base_url(void);
/* The address people write to about their account (BAZAAR_SUPPORT_EMAIL,
 * default support@bazaar.example). */
const char *mail_support_address(void);
/* Renders mail/<name>.tpl with d (which it frees) and queues it to the
 * address `to` with the given subject. Returns the outbox row id, or -1. */
long long mail_queue(const char *to, const char *subject, const char *name, tmpl_dict *d);
/* The same with extra header lines for the message (NULL: none; the format
 * mailmsg_headers_ok accepts, e.g. "List-Unsubscribe: <https://...>") and a
 * paragraph of plain text added at the end of the body after an empty line
 * (NULL: none; not escaped, wrapped like the body). notify.c uses it for
 * the unsubscribe link and headers. */
long long mail_queue_with(const char *to, const char *subject, const char *name, tmpl_dict *d,
			  const char *headers, const char *footer);

/* ---- for the mailer and the development mail viewer ----------------------- */

#define MAIL_LINE_WIDTH 78	/* characters a body line may take (RFC 5322's advice) */

/* The directory where the mailer writes messages as <outbox id>.eml when no
 * SMTP server is configured: BAZAAR_MAIL_DIR, else "<BAZAAR_VAR>/mail". */
const char *mail_dir(void);

#endif

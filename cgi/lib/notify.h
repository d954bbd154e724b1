/*
 * notify: what happened to a person, for their notification centre
 * (/account/notifications for shoppers, /vendor/notifications in the vendor
 * portal) and, when they want it, by mail with a one-click unsubscribe link
 * for that kind (RFC 8058). Tables: schema/0025_notifications.sql.
 *
 * Calling it (in the transaction of the change it reports, when there is
 * one, so the line and its mail exist exactly when the change committed):
 *   tmpl_dict *d = tmpl_dict_new("mail");
 *   tmpl_set(d, "ORDER_NUMBER", number);
 *   if (notify_user(customer_id, NOTIFY_SHOPPER, "order", "Your order 1042 has shipped",
 *                   "/orders/1042", "Your order has shipped", "order_shipped", d) < 0)
 *           goto fail;                    (d is freed in every case)
 *
 * A mail sent through notify gets, besides the caller's values, UNSUBSCRIBE_URL,
 * NOTIFICATIONS_URL, NOTIFICATION_TEXT (text) and NOTIFICATION_URL (the full
 * link of url) in its dictionary (templates/mail/notification.tpl prints just
 * those two: a kind without a mail of its own can use it), a closing paragraph with both links
 * (so a template need not print them), and the headers
 *   List-Unsubscribe: <UNSUBSCRIBE_URL>
 *   List-Unsubscribe-Post: List-Unsubscribe=One-Click
 * The unsubscribe link is /unsubscribe?u=<user>&a=<audience>&k=<kind>&s=<sig>,
 * where sig is the HMAC-SHA256 (hex) of "<user>.<audience>.<kind>" under the
 * account's own random key (notification_keys): it works without logging in,
 * for that account and kind only.
 */
#ifndef BAZAAR_NOTIFY_H
#define BAZAAR_NOTIFY_H
#include <stddef.h>

#include "arena.h"
#include "tmpl.h"

enum notify_audience { NOTIFY_SHOPPER, NOTIFY_VENDOR };

#define NOTIFY_TEXT_MAX 300	/* characters of a line; a longer text is cut with "..." */
#define NOTIFY_URL_MAX 500	/* bytes of its path */
#define NOTIFY_SIG_HEX 64	/* characters of an unsubscribe signature */
#define NOTIFY_LINK_MAX 1400	/* bytes of an unsubscribe URL (base URL included) */

/* A kind of notification: its name (the `kind` argument), the label people
 * read ("Orders"), and which centres offer it (bit 1 << audience). */
struct notify_kind {
	const char *name;
	const char *label;
	unsigned audiences;
};

/* The kinds' names, NULL-terminated (the choices of a route's parameter). */
extern const char *const notify_kind_names[];
/* The kinds, in the order the centres list them: order, message, review,
 * ticket, price_drop, back_in_stock. Sets *n. */
const struct notify_kind *notify_kinds(size_t *n);
/* The kind called name, or NULL when there is none. */
const struct notify_kind *notify_kind_find(const char *name);
/* "shopper" or "vendor" (the audience column and the links' a=). */
const char *notify_audience_name(enum notify_audience aud);
/* The audience named s; -1 when s is neither name. */
int notify_audience_parse(const char *s);

/*
 * Records a notification for the user (inside the caller's transaction when
 * there is one, else in one of its own) and, when the user's choice for kind
 * says so and the account is active, queues the mail (mail_queue_with, with
 * the unsubscribe link and headers). text: one line shown in the centre
 * (plain text, escaped when shown); url: the site path the line links to
 * ("/orders/12"), which must begin with one '/'. mail_template NULL: no
 * mail; mail_dict may be NULL (an empty one); it is freed in every case.
 * Returns the notification id, or -1 (unknown kind, bad text or url,
 * database error: the caller's transaction should then roll back).
 */
long long notify_user(long long user_id, enum notify_audience aud, const char *kind, const char *text,
		      const char *url, const char *mail_subject, const char *mail_template,
		      tmpl_dict *mail_dict);
/* The same with the line's text and path written by the template
 * templates/notify/<line_template>.tpl from line (freed in every case): its
 * first line is the text, the next the path. For library code, which names
 * no page of a program (the templates know the paths, as the mail
 * templates do). */
long long notify_user_from(long long user_id, enum notify_audience aud, const char *kind,
			   const char *line_template, tmpl_dict *line, const char *mail_subject,
			   const char *mail_template, tmpl_dict *mail_dict);
/* The same for a vendor: goes to the vendor's owner account (vendors.user_id)
 * with NOTIFY_VENDOR. -1 also when the vendor does not exist. */
long long notify_vendor(long long vendor_id, const char *kind, const char *text, const char *url,
			const char *mail_subject, const char *mail_template, tmpl_dict *mail_dict);

/* 1 when the user wants kind by mail in that audience (no choice made: yes),
 * 0 when not, -1 on a database error. */
int notify_mail_wanted(long long user_id, enum notify_audience aud, const char *kind);
/* Records the user's choice for kind (on: 1 by mail, 0 not). 0, or -1. */
int notify_set_mail(long long user_id, enum notify_audience aud, const char *kind, int on);

/* The unsubscribe link of the user's kind (full URL, mail_base_url() first)
 * into out. Returns out, or NULL (database error, unknown kind, too small). */
char *notify_unsubscribe_url(long long user_id, enum notify_audience aud, const char *kind,
			     char *out, size_t size);
/* 1 when sig (hex, as in the link) is the signature of (user, aud, kind),
 * 0 when not (or the account has no key), -1 on a database error. */
int notify_signature_ok(long long user_id, enum notify_audience aud, const char *kind, const char *sig);

/* Unread notifications of the user in that centre (-1 on a database error). */
long long notify_unread(long long user_id, enum notify_audience aud);
/* Marks one of the user's notifications read: 1 when it was theirs (read
 * already or not), 0 when it is not theirs or not there, -1 on an error. */
int notify_mark_read(long long user_id, enum notify_audience aud, long long id);
/* Marks all of the user's notifications in that centre read: how many
 * changed, or -1. */
long long notify_mark_all_read(long long user_id, enum notify_audience aud);

/* ---- the centre's page, the same in the storefront and the vendor portal ---- */

#define NOTIFY_PER_PAGE 30
#define NOTIFY_PAGE_MAX 1000

struct notify_centre {
	struct arena *arena;		/* the request's */
	long long user_id;
	enum notify_audience audience;
	const char *path;		/* the centre's own path (the form actions start with it) */
	const char *csrf;		/* the form token */
	long long page;			/* from 1 */
};

/*
 * Fills the dictionary of templates/layout/_notifications.tpl: PATH, CSRF,
 * UNREAD (HAS_UNREAD), NONE or RESULT_TEXT, a section NOTE per line of the
 * page, newest first (ID, KIND, TEXT, WHEN, UNREAD or READ, PATH, CSRF),
 * PAGINATION, and a section KIND_CHOICE per kind of the audience (NAME,
 * LABEL, CHECKED when it comes by mail). Returns 0, 1 when the page is past
 * the end (404), -1 on a database error.
 */
int notify_centre_fill(const struct notify_centre *c, tmpl_dict *d);
/* Mail for the kinds named in on[0..n-1], none for the audience's others.
 * 0, or -1. */
int notify_save_choices(long long user_id, enum notify_audience aud, const char *const *on, size_t n);
/* Marks the user's notification id read and returns its url (in a); NULL
 * when it is not theirs (or on a database error). */
const char *notify_open(struct arena *a, long long user_id, enum notify_audience aud, long long id);

#endif

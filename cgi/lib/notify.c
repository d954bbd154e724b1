/*
 * notify: notifications and their mails (see notify.h).
 */
#include "notify.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "paging.h"
#include "text.h"

#define NOTIFY_SHOPPER_BIT (1u << NOTIFY_SHOPPER)
#define NOTIFY_VENDOR_BIT (1u << NOTIFY_VENDOR)
#define NOTIFY_KEY_BYTES 32

static const struct notify_kind notify_kind_table[] = {
	{ "order", "Orders", NOTIFY_SHOPPER_BIT | NOTIFY_VENDOR_BIT },
	{ "message", "Messages", NOTIFY_SHOPPER_BIT | NOTIFY_VENDOR_BIT },
	{ "review", "Reviews", NOTIFY_SHOPPER_BIT | NOTIFY_VENDOR_BIT },
	{ "ticket", "Support tickets", NOTIFY_SHOPPER_BIT | NOTIFY_VENDOR_BIT },
	{ "price_drop", "Price drops on saved products", NOTIFY_SHOPPER_BIT },
	{ "back_in_stock", "Saved products back in stock", NOTIFY_SHOPPER_BIT },
};

const char *const notify_kind_names[] = {
	"order", "message", "review", "ticket", "price_drop", "back_in_stock", NULL,
};

static const char notify_insert_sql[] =
	"INSERT INTO notifications (user_id, audience, kind, text, url, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?)";
static const char notify_user_sql[] =
	"SELECT email, status FROM users WHERE id = ?";
static const char notify_pref_sql[] =
	"SELECT mail FROM notification_prefs WHERE user_id = ? AND audience = ? AND kind = ?";
static const char notify_set_pref_sql[] =
	"INSERT INTO notification_prefs (user_id, audience, kind, mail) VALUES (?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE mail = VALUES(mail)";
static const char notify_key_sql[] =
	"SELECT secret FROM notification_keys WHERE user_id = ?";
static const char notify_key_insert_sql[] =
	"INSERT IGNORE INTO notification_keys (user_id, secret) VALUES (?, ?)";
static const char notify_mail_id_sql[] =
	"UPDATE notifications SET mail_id = ? WHERE id = ?";
static const char notify_unread_sql[] =
	"SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = ? AND read_at IS NULL";
static const char notify_read_sql[] =
	"UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ? AND audience = ?";
static const char notify_read_all_sql[] =
	"UPDATE notifications SET read_at = ? WHERE user_id = ? AND audience = ? AND read_at IS NULL";
static const char notify_vendor_owner_sql[] =
	"SELECT user_id FROM vendors WHERE id = ?";

const struct notify_kind *
notify_kinds(size_t *n)
{
	*n = sizeof notify_kind_table / sizeof notify_kind_table[0];
	return notify_kind_table;
}

const struct notify_kind *
notify_kind_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof notify_kind_table / sizeof notify_kind_table[0]; i++)
		if (strcmp(notify_kind_table[i].name, name) == 0)
			return &notify_kind_table[i];
	return NULL;
}

const char *
notify_audience_name(enum notify_audience aud)
{
	return aud == NOTIFY_VENDOR ? "vendor" : "shopper";
}

int
notify_audience_parse(const char *s)
{
	if (s != NULL && strcmp(s, "shopper") == 0)
		return NOTIFY_SHOPPER;
	if (s != NULL && strcmp(s, "vendor") == 0)
		return NOTIFY_VENDOR;
	return -1;
}

/* ---- choices -------------------------------------------------------------------- */

int
notify_mail_wanted(long long user_id, enum notify_audience aud, const char *kind)
{
	struct db_result *r = db_query(notify_pref_sql, "iss", user_id, notify_audience_name(aud), kind);
	int wanted = 1;

	if (r == NULL)
		return -1;
	if (db_next(r))
		wanted = db_int(r, 0) != 0;
	db_free(r);
	return wanted;
}

int
notify_set_mail(long long user_id, enum notify_audience aud, const char *kind, int on)
{
	if (notify_kind_find(kind) == NULL)
		return -1;
	return db_exec(notify_set_pref_sql, "issi", user_id, notify_audience_name(aud), kind,
		       (long long)(on != 0)) < 0 ? -1 : 0;
}

/* ---- signed unsubscribe links ------------------------------------------------------ */

/* The account's key into key; made on first use when make is set. 1 when
 * there is one, 0 when not, -1 on a database error. */
static int
notify_key(long long user_id, int make, unsigned char key[NOTIFY_KEY_BYTES])
{
	struct db_result *r;
	int found = 0;

	for (int attempt = 0; attempt < 2; attempt++) {
		if ((r = db_query(notify_key_sql, "i", user_id)) == NULL)
			return -1;
		if (db_next(r) && db_len(r, 0) == NOTIFY_KEY_BYTES) {
			memcpy(key, db_str(r, 0), NOTIFY_KEY_BYTES);
			found = 1;
		}
		db_free(r);
		if (found || !make || attempt > 0)
			break;
		if (sodium_init() < 0)
			return -1;
		randombytes_buf(key, NOTIFY_KEY_BYTES);
		if (db_exec(notify_key_insert_sql, "ib", user_id, key, (size_t)NOTIFY_KEY_BYTES) < 0)
			return -1;
	}
	return found;
}

static void
notify_sign(const unsigned char key[NOTIFY_KEY_BYTES], long long user_id, enum notify_audience aud,
	    const char *kind, unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
	char msg[128];
	int n = snprintf(msg, sizeof msg, "%lld.%s.%s", user_id, notify_audience_name(aud), kind);

	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (unsigned long long)n, key);
}

/* Copies the next non-empty line of *p (trimmed) into out; 0, or -1. */
static int
notify_line(const char **p, char *out, size_t size)
{
	const char *s = *p, *e;

	while (*s == '\n' || *s == '\r' || *s == ' ')
		s++;
	for (e = s; *e && *e != '\n' && *e != '\r'; e++)
		;
	*p = e;
	while (e > s && e[-1] == ' ')
		e--;
	if (e == s || (size_t)(e - s) >= size)
		return -1;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 0;
}

/* The unsubscribe link of (user, aud, kind) and the user's centre, as full
 * URLs: templates/notify/links.tpl knows the paths, as the mail templates
 * know theirs. 0, or -1. */
static int
notify_links(long long user_id, enum notify_audience aud, const char *kind, char *unsub, size_t unsub_size,
	     char *centre, size_t centre_size)
{
	unsigned char key[NOTIFY_KEY_BYTES], mac[crypto_auth_hmacsha256_BYTES];
	char hex[NOTIFY_SIG_HEX + 1];
	tmpl_dict *d;
	struct buf out;
	const char *p;
	int rc = -1;

	if (notify_kind_find(kind) == NULL || notify_key(user_id, 1, key) != 1)
		return -1;
	notify_sign(key, user_id, aud, kind, mac);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
	if ((d = tmpl_dict_new("notify")) == NULL)
		return -1;
	buf_init(&out);
	tmpl_set(d, "BASE_URL", mail_base_url());
	tmpl_set_int(d, "USER_ID", user_id);
	tmpl_set(d, "AUDIENCE", notify_audience_name(aud));
	tmpl_set(d, "KIND", kind);
	tmpl_set(d, "SIG", hex);
	tmpl_show(d, aud == NOTIFY_VENDOR ? "VENDOR" : "SHOPPER");
	if (tmpl_render("notify/links.tpl", d, &out) != 0 || out.data == NULL)
		goto out;
	p = out.data;
	if (notify_line(&p, unsub, unsub_size) == 0 && notify_line(&p, centre, centre_size) == 0)
		rc = 0;
out:
	tmpl_dict_free(d);
	buf_free(&out);
	return rc;
}

char *
notify_unsubscribe_url(long long user_id, enum notify_audience aud, const char *kind, char *out,
		       size_t size)
{
	char centre[NOTIFY_LINK_MAX];

	return notify_links(user_id, aud, kind, out, size, centre, sizeof centre) == 0 ? out : NULL;
}

int
notify_signature_ok(long long user_id, enum notify_audience aud, const char *kind, const char *sig)
{
	unsigned char key[NOTIFY_KEY_BYTES], mac[crypto_auth_hmacsha256_BYTES],
		given[crypto_auth_hmacsha256_BYTES];
	size_t len = 0;
	int rc;

	if (notify_kind_find(kind) == NULL || sig == NULL || strlen(sig) != NOTIFY_SIG_HEX ||
	    sodium_hex2bin(given, sizeof given, sig, NOTIFY_SIG_HEX, NULL, &len, NULL) != 0 ||
	    len != sizeof given)
		return 0;
	if ((rc = notify_key(user_id, 0, key)) != 1)
		return rc;
	notify_sign(key, user_id, aud, kind, mac);
	sodium_memzero(key, sizeof key);
	return sodium_memcmp(mac, given, sizeof mac) == 0;
}

/* ---- recording --------------------------------------------------------------------- */

/* A path of this site: one '/' first, printable ASCII, not too long. */
static int
notify_url_ok(const char *url)
{
	size_t n;

	if (url == NULL || url[0] != '/' || url[1] == '/' || url[1] == '\\' ||
	    (n = strlen(url)) > NOTIFY_URL_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
			return 0;
	return 1;
}

/* text cut to NOTIFY_TEXT_MAX characters (whole ones, "..." at the end), in a. */
static const char *
notify_cut(struct arena *a, const char *text)
{
	size_t i = 0, chars = 0, len = strlen(text), n;

	if (text_chars(text) <= NOTIFY_TEXT_MAX)
		return text;
	while (i < len && chars < NOTIFY_TEXT_MAX - 3 && (n = text_utf8_char(text + i, len - i, NULL)) > 0) {
		i += n;
		chars++;
	}
	return arena_printf(a, "%.*s...", (int)i, text);
}

/* Queues the notification's mail when the account is active and wants it:
 * 1 queued, 0 not wanted, -1 on an error. Frees d. */
static int
notify_mail(long long id, long long user_id, enum notify_audience aud, const struct notify_kind *k,
	    const char *text, const char *url, const char *subject, const char *tpl, tmpl_dict *d)
{
	char unsub[NOTIFY_LINK_MAX], email[256] = "", headers[NOTIFY_LINK_MAX + 128], footer[2 * NOTIFY_LINK_MAX + 400];
	char centre[NOTIFY_LINK_MAX], link[NOTIFY_LINK_MAX];
	struct db_result *r;
	long long mail_id;
	int wanted, active = 0;

	if ((r = db_query(notify_user_sql, "i", user_id)) == NULL)
		goto fail;
	if (db_next(r) && strcmp(db_str(r, 1), "active") == 0 &&
	    snprintf(email, sizeof email, "%s", db_str(r, 0)) < (int)sizeof email)
		active = 1;
	db_free(r);
	if (!active)
		goto skip;
	if ((wanted = notify_mail_wanted(user_id, aud, k->name)) < 0)
		goto fail;
	if (!wanted)
		goto skip;
	if (notify_links(user_id, aud, k->name, unsub, sizeof unsub, centre, sizeof centre) != 0)
		goto fail;
	snprintf(headers, sizeof headers,
		 "List-Unsubscribe: <%s>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click", unsub);
	snprintf(footer, sizeof footer,
		 "You get this mail because of your notification settings (%s).\n"
		 "Stop mails of this kind with one click:\n%s\n"
		 "Choose which mails you get:\n%s\n",
		 k->label, unsub, centre);
	if (d == NULL && (d = tmpl_dict_new("mail")) == NULL)
		goto fail;
	snprintf(link, sizeof link, "%s%s", mail_base_url(), url);
	tmpl_set(d, "NOTIFICATION_TEXT", text);
	tmpl_set(d, "NOTIFICATION_URL", link);
	tmpl_set(d, "UNSUBSCRIBE_URL", unsub);
	tmpl_set(d, "NOTIFICATIONS_URL", centre);
	mail_id = mail_queue_with(email, subject, tpl, d, headers, footer);
	d = NULL;
	if (mail_id < 0 || db_exec(notify_mail_id_sql, "ii", mail_id, id) != 1)
		return -1;
	return 1;
skip:
	tmpl_dict_free(d);
	return 0;
fail:
	tmpl_dict_free(d);
	return -1;
}

static long long
notify_record(long long user_id, enum notify_audience aud, const struct notify_kind *k, const char *text,
	      const char *url, const char *subject, const char *tpl, tmpl_dict *d)
{
	char now[32];
	long long id;

	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec(notify_insert_sql, "isssss", user_id, notify_audience_name(aud), k->name, text, url,
		    now) != 1) {
		tmpl_dict_free(d);
		return -1;
	}
	id = (long long)db_insert_id();
	if (tpl != NULL && notify_mail(id, user_id, aud, k, text, url, subject, tpl, d) < 0)
		return -1;
	if (tpl == NULL)
		tmpl_dict_free(d);
	return id;
}

long long
notify_user(long long user_id, enum notify_audience aud, const char *kind, const char *text,
	    const char *url, const char *mail_subject, const char *mail_template, tmpl_dict *mail_dict)
{
	const struct notify_kind *k = notify_kind_find(kind);
	struct arena a;
	long long id = -1;
	int own_tx = 0;

	arena_init(&a);
	if (k == NULL || !(k->audiences & (1u << aud)) || user_id <= 0 || text == NULL ||
	    *text == '\0' || !notify_url_ok(url) ||
	    (mail_template != NULL && (mail_subject == NULL || *mail_subject == '\0'))) {
		log_error("notify", "user=%lld kind=%s msg=%s", user_id, log_quote(kind ? kind : ""),
			  log_quote("unknown kind, empty text, no subject or not a path of this site"));
		tmpl_dict_free(mail_dict);
		goto out;
	}
	if (!db_in_transaction()) {
		if (db_begin() != 0) {
			tmpl_dict_free(mail_dict);
			goto out;
		}
		own_tx = 1;
	}
	id = notify_record(user_id, aud, k, notify_cut(&a, text), url, mail_subject, mail_template,
			   mail_dict);
	if (own_tx) {
		if (id < 0 || db_commit() != 0) {
			db_rollback();
			id = -1;
		}
	}
	if (id < 0)
		log_error("notify", "user=%lld kind=%s msg=%s", user_id, log_quote(kind),
			  log_quote(db_error()));
	else
		log_info("notify", "user=%lld audience=%s kind=%s id=%lld", user_id,
			 notify_audience_name(aud), kind, id);
out:
	arena_free(&a);
	return id;
}

long long
notify_user_from(long long user_id, enum notify_audience aud, const char *kind, const char *line_template,
		 tmpl_dict *line, const char *mail_subject, const char *mail_template, tmpl_dict *mail_dict)
{
	char name[96], text[4 * NOTIFY_TEXT_MAX + 1], url[NOTIFY_URL_MAX + 1];
	struct buf out;
	const char *p;
	int ok;

	buf_init(&out);
	snprintf(name, sizeof name, "notify/%s.tpl", line_template ? line_template : "");
	ok = line != NULL && tmpl_render(name, line, &out) == 0 && out.data != NULL;
	p = ok ? out.data : "";
	ok = ok && notify_line(&p, text, sizeof text) == 0 && notify_line(&p, url, sizeof url) == 0;
	buf_free(&out);
	tmpl_dict_free(line);
	if (!ok) {
		log_error("notify", "user=%lld template=%s msg=%s", user_id, log_quote(name),
			  log_quote("the line's template gave no text and path"));
		tmpl_dict_free(mail_dict);
		return -1;
	}
	return notify_user(user_id, aud, kind, text, url, mail_subject, mail_template, mail_dict);
}

long long
notify_vendor(long long vendor_id, const char *kind, const char *text, const char *url,
	      const char *mail_subject, const char *mail_template, tmpl_dict *mail_dict)
{
	long long owner = db_scalar(-1, notify_vendor_owner_sql, "i", vendor_id);

	if (owner <= 0) {
		log_error("notify", "vendor=%lld msg=%s", vendor_id, log_quote("no such vendor"));
		tmpl_dict_free(mail_dict);
		return -1;
	}
	return notify_user(owner, NOTIFY_VENDOR, kind, text, url, mail_subject, mail_template, mail_dict);
}

/* ---- the centre ------------------------------------------------------------------------ */

long long
notify_unread(long long user_id, enum notify_audience aud)
{
	return db_scalar(-1, notify_unread_sql, "is", user_id, notify_audience_name(aud));
}

int
notify_mark_read(long long user_id, enum notify_audience aud, long long id)
{
	char now[32];
	long long n;

	clock_datetime(clock_now(), now, sizeof now);
	if ((n = db_exec(notify_read_sql, "siis", now, id, user_id, notify_audience_name(aud))) < 0)
		return -1;
	if (n > 0)
		return 1;
	/* Nothing changed: read already (theirs) or not theirs. */
	return db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE id = ? AND user_id = ? AND audience = ?",
			 "iis", id, user_id, notify_audience_name(aud)) > 0;
}

long long
notify_mark_all_read(long long user_id, enum notify_audience aud)
{
	char now[32];

	clock_datetime(clock_now(), now, sizeof now);
	return db_exec(notify_read_all_sql, "sis", now, user_id, notify_audience_name(aud));
}

/* ---- the centre's page ----------------------------------------------------------------- */

static char *
notify_page_url(void *ctx, long long n)
{
	const struct notify_centre *c = ctx;

	return arena_printf(c->arena, "%s?page=%lld", c->path, n);
}

int
notify_centre_fill(const struct notify_centre *c, tmpl_dict *d)
{
	struct paging p = { .page = c->page, .per_page = NOTIFY_PER_PAGE, .page_max = NOTIFY_PAGE_MAX };
	const char *aud = notify_audience_name(c->audience);
	struct db_result *r;
	tmpl_dict *row;
	long long unread;
	size_t i;

	if ((p.total = db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = ?",
				 "is", c->user_id, aud)) < 0 ||
	    (unread = notify_unread(c->user_id, c->audience)) < 0)
		return -1;
	if (paging_past_end(&p))
		return 1;
	tmpl_set(d, "PATH", c->path);
	tmpl_set(d, "CSRF", c->csrf);
	tmpl_set_int(d, "UNREAD", unread);
	if (unread > 0)
		tmpl_show(d, "HAS_UNREAD");
	if (p.total == 0)
		tmpl_show(d, "NONE");
	else
		tmpl_set(d, "RESULT_TEXT", paging_result_text(c->arena, &p, "notification", "notifications"));
	r = db_query("SELECT id, kind, text, url, DATE_FORMAT(created_at, '%e %b %Y, %H:%i'), read_at IS NULL"
		     " FROM notifications WHERE user_id = ? AND audience = ? ORDER BY id DESC LIMIT ? OFFSET ?",
		     "isii", c->user_id, aud, p.per_page, paging_offset(&p));
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		const struct notify_kind *k = notify_kind_find(db_str(r, 1));

		row = tmpl_section(d, "NOTE");
		tmpl_set(row, "PATH", c->path);
		tmpl_set(row, "CSRF", c->csrf);
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "KIND", k ? k->label : db_str(r, 1));
		tmpl_set(row, "TEXT", db_str(r, 2));
		tmpl_set(row, "WHEN", db_str(r, 4));
		tmpl_show(row, db_int(r, 5) ? "UNREAD" : "READ");
	}
	db_free(r);
	paging_links(d, &p, notify_page_url, (void *)c);
	for (i = 0; i < sizeof notify_kind_table / sizeof notify_kind_table[0]; i++) {
		const struct notify_kind *k = &notify_kind_table[i];
		int wanted;

		if (!(k->audiences & (1u << c->audience)))
			continue;
		if ((wanted = notify_mail_wanted(c->user_id, c->audience, k->name)) < 0)
			return -1;
		row = tmpl_section(d, "KIND_CHOICE");
		tmpl_set(row, "NAME", k->name);
		tmpl_set(row, "LABEL", k->label);
		if (wanted)
			tmpl_show(row, "CHECKED");
	}
	return 0;
}

int
notify_save_choices(long long user_id, enum notify_audience aud, const char *const *on, size_t n)
{
	size_t i, j;

	for (i = 0; i < sizeof notify_kind_table / sizeof notify_kind_table[0]; i++) {
		const struct notify_kind *k = &notify_kind_table[i];
		int mail = 0;

		if (!(k->audiences & (1u << aud)))
			continue;
		for (j = 0; j < n; j++)
			if (on[j] != NULL && strcmp(on[j], k->name) == 0)
				mail = 1;
		if (notify_set_mail(user_id, aud, k->name, mail) != 0)
			return -1;
	}
	return 0;
}

const char *
notify_open(struct arena *a, long long user_id, enum notify_audience aud, long long id)
{
	struct db_result *r = db_query("SELECT url FROM notifications WHERE id = ? AND user_id = ? AND audience = ?",
				       "iis", id, user_id, notify_audience_name(aud));
	const char *url = NULL;

	if (r == NULL)
		return NULL;
	if (db_next(r))
		url = arena_strdup(a, db_str(r, 0));
	db_free(r);
	if (url != NULL && notify_mark_read(user_id, aud, id) < 0)
		return NULL;
	return url;
}

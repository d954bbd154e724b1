/*
 * sf_devmail: the outgoing mail of a development machine, at /dev/mail.
 *
 * Without an SMTP relay the mailer writes every message as a file
 * "<outbox id>.eml" into mail_dir() (mail.h). On a development site or the
 * test stack (BAZAAR_ENV=development or test) these pages list those files and show one, with
 * the links in its text clickable, so a sign-up or a password reset can be
 * followed through without a mail server. Anywhere else the pages do not
 * exist: both answer 404.
 */
#include "sf.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg.h"
#include "log.h"
#include "mail.h"

#define SF_DEVMAIL_SHOWN	200		/* newest messages listed */
#define SF_DEVMAIL_FILES_MAX	100000		/* files looked at in the directory */
#define SF_DEVMAIL_HEAD_MAX	(64 * 1024)	/* bytes read for the list */
#define SF_DEVMAIL_FILE_MAX	(4 * 1024 * 1024)	/* bytes shown of one message */

/* The outbox id of a file named "<id>.eml", or 0 for any other name. */
static long long
sf_devmail_id(const char *name)
{
	long long id = 0;
	size_t i;

	for (i = 0; name[i] >= '0' && name[i] <= '9'; i++) {
		if (i >= 18 || (i == 0 && name[i] == '0'))
			return 0;
		id = id * 10 + (name[i] - '0');
	}
	return i > 0 && strcmp(name + i, ".eml") == 0 ? id : 0;
}

/* Reads at most max bytes of the message file of id into the arena;
 * NULL when there is no such regular file (or it cannot be read). */
static char *
sf_devmail_read(struct arena *a, long long id, size_t max, size_t *len)
{
	char path[4200], *text = NULL;
	struct stat st;
	size_t want, got = 0;
	int fd;

	if ((size_t)snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), id) >= sizeof path)
		return NULL;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno != ENOENT)
			log_warn("sf.devmail", "id=%lld msg=%s", id, log_quote(strerror(errno)));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	want = (size_t)st.st_size < max ? (size_t)st.st_size : max;
	text = arena_alloc(a, want + 1);
	while (got < want) {
		ssize_t n = read(fd, text + got, want - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	text[got] = '\0';
	*len = got;
out:
	close(fd);
	return text;
}

static int
sf_devmail_newest_first(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? 1 : a > b ? -1 : 0;
}

/* The ids of the message files in the mail directory, newest first
 * (malloc'd; *n of them). Returns -1 with errno when it cannot be read;
 * a directory that does not exist yet holds no mail. */
static int
sf_devmail_ids(long long **out, size_t *n)
{
	DIR *dh = opendir(mail_dir());
	struct dirent *de;
	size_t cap = 0;
	long long id;

	*out = NULL;
	*n = 0;
	if (dh == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(dh)) != NULL && *n < SF_DEVMAIL_FILES_MAX) {
		if ((id = sf_devmail_id(de->d_name)) == 0)
			continue;
		if (*n == cap) {
			long long *grown;

			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(*out, cap * sizeof *grown)) == NULL)
				abort();
			*out = grown;
		}
		(*out)[(*n)++] = id;
	}
	closedir(dh);
	if (*n > 1)
		qsort(*out, *n, sizeof **out, sf_devmail_newest_first);
	return 0;
}

/*
 * ROUTE: GET /dev/mail      TEMPLATE: storefront/devmail_list.tpl
 * PARAMS: none
 * Development only (404 elsewhere): the messages the mailer wrote into the
 * mail directory, newest first, with recipient, subject and date, each
 * linking to /dev/mail/<id>.
 */
int
sf_devmail_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	long long *ids = NULL;
	size_t n = 0, i, len;
	tmpl_dict *d;
	int status = 404;

	if (!cfg_developer_pages())
		goto out;
	d = view_begin(&v, rq, rs, "storefront/devmail_list.tpl", "Outgoing mail");
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Outgoing mail", NULL);
	tmpl_set(d, "DIR", mail_dir());
	if (sf_devmail_ids(&ids, &n) != 0) {
		const char *why = strerror(errno);

		log_warn("sf.devmail", "msg=%s", log_quote(why));
		tmpl_set(tmpl_section(d, "UNREADABLE"), "REASON", why);
	} else if (n == 0) {
		tmpl_show(d, "NO_MAIL");
	} else {
		tmpl_show(d, "HAS_MAIL");
		tmpl_set(d, "COUNT", sf_list_group_digits(a, (long long)n));
		tmpl_set(d, "NOUN", n == 1 ? "message" : "messages");
		if (n > SF_DEVMAIL_SHOWN)
			tmpl_set_int(tmpl_section(d, "TRUNCATED"), "SHOWN", SF_DEVMAIL_SHOWN);
	}
	for (i = 0; i < n && i < SF_DEVMAIL_SHOWN; i++) {
		struct sf_devmail_mime m;
		const char *text = sf_devmail_read(a, ids[i], SF_DEVMAIL_HEAD_MAX, &len);
		tmpl_dict *row;

		if (text == NULL || sf_devmail_mime_parse(text, len, &m) != 0)
			continue;	/* removed meanwhile */
		row = tmpl_section(d, "MAIL");
		tmpl_set(row, "URL", arena_printf(a, "/dev/mail/%lld", ids[i]));
		tmpl_set(row, "ID", arena_printf(a, "%lld", ids[i]));
		tmpl_set(row, "TO", m.to);
		tmpl_set(row, "SUBJECT", *m.subject ? m.subject : "(no subject)");
		tmpl_set(row, "DATE", m.date);
		sf_devmail_mime_free(&m);
	}
	status = view_end(&v, rs);
out:
	view_discard(&v);
	free(ids);
	return status;
}

/* Adds the body as alternating SEGMENT rows: TEXT {VALUE} for plain text,
 * LINK {URL} for each http(s) address, so the template escapes both. */
static void
sf_devmail_segments(tmpl_dict *d, struct arena *a, const char *body)
{
	const char *p = body, *text = body;

	while (*p) {
		size_t scheme = strncmp(p, "https://", 8) == 0 ? 8 : strncmp(p, "http://", 7) == 0 ? 7 : 0;
		const char *e = p + scheme;

		if (scheme == 0 || (p > body && isalnum((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		while ((unsigned char)*e > 0x20 && *e != 0x7f && strchr("<>\"'`", *e) == NULL)
			e++;
		/* Punctuation that ends a sentence is not part of the address. */
		while (e > p + scheme && strchr(".,;:!?)]}", e[-1]) != NULL)
			e--;
		if (e == p + scheme) {
			p++;
			continue;
		}
		if (p > text)
			tmpl_set(tmpl_section(tmpl_section(d, "SEGMENT"), "TEXT"), "VALUE",
				 arena_strndup(a, text, (size_t)(p - text)));
		tmpl_set(tmpl_section(tmpl_section(d, "SEGMENT"), "LINK"), "URL",
			 arena_strndup(a, p, (size_t)(e - p)));
		text = p = e;
	}
	if (*text)
		tmpl_set(tmpl_section(tmpl_section(d, "SEGMENT"), "TEXT"), "VALUE", text);
}

/*
 * ROUTE: GET /dev/mail/{id}      TEMPLATE: storefront/devmail_view.tpl
 * PARAMS: id (outbox id, the file <id>.eml)
 * Development only (404 elsewhere): one message of the mail directory, its
 * headers and its text with every http(s) address a link; 404 when there
 * is no such file.
 */
int
sf_devmail_view(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct sf_devmail_mime m = { 0 };
	long long id = req_int(rq, "id", 0);
	const char *text, *title;
	size_t len = 0;
	tmpl_dict *d;
	int status = 404;

	if (!cfg_developer_pages() || id <= 0)
		goto out;
	if ((text = sf_devmail_read(a, id, SF_DEVMAIL_FILE_MAX, &len)) == NULL)
		goto out;
	status = 500;
	if (sf_devmail_mime_parse(text, len, &m) != 0)
		goto out;
	title = *m.subject ? m.subject : arena_printf(a, "Message %lld", id);
	d = view_begin(&v, rq, rs, "storefront/devmail_view.tpl", title);
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Outgoing mail", "/dev/mail");
	view_crumb(&v, title, NULL);
	tmpl_set(d, "SUBJECT", title);
	tmpl_set(d, "FROM", m.from);
	tmpl_set(d, "TO", m.to);
	tmpl_set(d, "DATE", m.date);
	tmpl_set(d, "MESSAGE_ID", m.message_id);
	tmpl_set(d, "FILE", arena_printf(a, "%s/%lld.eml", mail_dir(), id));
	sf_devmail_segments(d, a, m.body);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	sf_devmail_mime_free(&m);
	return status;
}

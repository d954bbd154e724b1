/*
 * mail: the outbox (see mail.h).
 *
 * Mail bodies are plain text made with the same template engine as the
 * pages, under the same AUTOESCAPE pragma, so a mail template is checked and
 * loaded like any other. The engine escapes for HTML; mail_queue then undoes
 * exactly the five entities it writes (&amp; &lt; &gt; &quot; &#39;), in one
 * pass, so a name like O'Brien reads as typed. That is safe because the
 * result is only ever sent as text/plain: no mail client or page interprets
 * it as HTML (the development viewer escapes it again when it shows it).
 * Mail templates hold no HTML tags, so the escaper stays in its text state
 * and produces nothing but those five entities.
 */
#include "mail.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "log.h"
#include "mailmsg.h"
#include "text.h"

#define MAIL_TEMPLATE_MAX 64	/* mail_outbox.template */

static const char mail_insert_sql[] =
	"INSERT INTO mail_outbox (to_addr, subject, headers, body, template) VALUES (?, ?, ?, ?, ?)";

const char *
mail_base_url(void)
{
	static char url[1024];
	const char *s = cfg_str("BAZAAR_BASE_URL", NULL);
	size_t n;

	if (s == NULL || *s == '\0' || strlen(s) >= sizeof url)
		s = "http://127.0.0.1:8080";
	n = strlen(s);
	memcpy(url, s, n + 1);
	while (n > 0 && url[n - 1] == '/')
		url[--n] = '\0';
	return url;
}

const char *
mail_support_address(void)
{
	return cfg_str("BAZAAR_SUPPORT_EMAIL", "support@bazaar.example");
}

const char *
mail_dir(void)
{
	static char dir[4096];
	const char *s = cfg_str("BAZAAR_MAIL_DIR", NULL);
	size_t n;

	if (s != NULL && *s != '\0')
		n = (size_t)snprintf(dir, sizeof dir, "%s", s);
	else
		n = (size_t)snprintf(dir, sizeof dir, "%s/mail", cfg_str("BAZAAR_VAR", "var/dev"));
	if (n >= sizeof dir)
		n = sizeof dir - 1;
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return dir;
}

static int
mail_template_name_ok(const char *name)
{
	size_t n = 0;

	if (name == NULL)
		return 0;
	for (; name[n]; n++)
		if (!((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= '0' && name[n] <= '9') ||
		      name[n] == '_'))
			return 0;
	return n > 0 && n <= MAIL_TEMPLATE_MAX;
}

/* ---- queueing ------------------------------------------------------------- */

/* Undoes the engine's HTML escaping in place, in one pass (so "&amp;lt;"
 * becomes "&lt;", as the value was). Returns the new length. */
static size_t
mail_unescape(char *s, size_t len)
{
	static const struct {
		const char *entity;
		size_t len;
		char c;
	} entities[] = {
		{ "&amp;", 5, '&' }, { "&lt;", 4, '<' }, { "&gt;", 4, '>' },
		{ "&quot;", 6, '"' }, { "&#39;", 5, '\'' },
	};
	size_t i = 0, o = 0, e;

	while (i < len) {
		if (s[i] == '&') {
			for (e = 0; e < sizeof entities / sizeof entities[0]; e++) {
				if (len - i >= entities[e].len &&
				    memcmp(s + i, entities[e].entity, entities[e].len) == 0)
					break;
			}
			if (e < sizeof entities / sizeof entities[0]) {
				s[o++] = entities[e].c;
				i += entities[e].len;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* Leading and trailing blank lines go; the text ends with one line break. */
static void
mail_tidy_body(struct buf *b)
{
	size_t start = 0, end = b->len;

	while (start < end && (b->data[start] == '\n' || b->data[start] == '\r'))
		start++;
	while (end > start && isspace((unsigned char)b->data[end - 1]))
		end--;
	memmove(b->data, b->data + start, end - start);
	b->len = end - start;
	b->data[b->len] = '\0';
	buf_addc(b, '\n');
}

/* Wraps every line longer than MAIL_LINE_WIDTH characters at its spaces,
 * filling each line greedily; a word longer than the width stays whole on a
 * line of its own (a link must not break). Shorter lines are kept as they are. */
static void
mail_wrap_body(struct buf *b)
{
	struct buf out;
	size_t i = 0;

	buf_init(&out);
	while (i < b->len) {
		const char *line = b->data + i, *nl = memchr(line, '\n', b->len - i);
		size_t n = nl ? (size_t)(nl - line) : b->len - i, w = 0, col = 0;

		if (text_chars_n(line, n) <= MAIL_LINE_WIDTH) {
			buf_add(&out, line, n);
		} else {
			while (w < n) {
				size_t start, len, chars;

				while (w < n && line[w] == ' ')
					w++;
				if (w == n)
					break;
				start = w;
				while (w < n && line[w] != ' ')
					w++;
				len = w - start;
				chars = text_chars_n(line + start, len);
				if (col > 0 && col + 1 + chars <= MAIL_LINE_WIDTH) {
					buf_addc(&out, ' ');
					col++;
				} else if (col > 0) {
					buf_addc(&out, '\n');
					col = 0;
				}
				buf_add(&out, line + start, len);
				col += chars;
			}
		}
		if (nl)
			buf_addc(&out, '\n');
		i += n + (nl != NULL);
	}
	if (out.data) {
		buf_reset(b);
		buf_add(b, out.data, out.len);
	}
	buf_free(&out);
}

long long
mail_queue(const char *to, const char *subject, const char *name, tmpl_dict *d)
{
	return mail_queue_with(to, subject, name, d, NULL, NULL);
}

long long
mail_queue_with(const char *to, const char *subject, const char *name, tmpl_dict *d,
		const char *headers, const char *footer)
{
	char tpl[MAIL_TEMPLATE_MAX + 16];
	struct buf body;
	long long id = -1;

	buf_init(&body);
	if (!mailmsg_address_ok(to)) {
		log_error("mail.queue", "template=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("not an acceptable address"));
		goto out;
	}
	if (!mailmsg_subject_ok(subject)) {
		log_error("mail.queue", "template=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("subject empty, too long, not UTF-8 or with a line break"));
		goto out;
	}
	if (!mailmsg_headers_ok(headers)) {
		log_error("mail.queue", "template=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("extra headers not acceptable"));
		goto out;
	}
	if (!mail_template_name_ok(name)) {
		log_error("mail.queue", "msg=%s", log_quote("bad template name"));
		goto out;
	}
	if (d == NULL && (d = tmpl_dict_new("mail")) == NULL)
		goto out;
	snprintf(tpl, sizeof tpl, "mail/%s.tpl", name);
	tmpl_set(d, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	tmpl_set(d, "BASE_URL", mail_base_url());
	tmpl_set(d, "SUPPORT_EMAIL", mail_support_address());
	if (tmpl_render(tpl, d, &body) != 0 || body.data == NULL)
		goto out;
	body.len = mail_unescape(body.data, body.len);
	mail_tidy_body(&body);
	if (footer != NULL && *footer != '\0') {
		buf_addc(&body, '\n');
		buf_adds(&body, footer);
		mail_tidy_body(&body);
	}
	mail_wrap_body(&body);
	if (db_exec(mail_insert_sql, "sssss", to, subject, headers ? headers : "", body.data, name) != 1)
		goto out;
	id = (long long)db_insert_id();
	log_info("mail.queued", "id=%lld template=%s", id, name);
out:
	tmpl_dict_free(d);
	buf_free(&body);
	return id;
}

/*
 * mail: the outbox (see mail.h), and the message format shared by the
 * mailer, which writes messages, and the development mail viewer, which
 * reads them back.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "cfg.h"
#include "db.h"
#include "log.h"

#define MAIL_TEMPLATE_MAX 64	/* mail_outbox.template */
#define MAIL_LINE_MAX 998	/* RFC 5322 line length, without CRLF */
#define MAIL_QP_LINE 76		/* quoted-printable line length, with the '=' */
#define MAIL_WORD_BYTES 45	/* raw bytes per encoded word: 60 base64 characters */
#define MAIL_HEADER_MAX 8192	/* bytes kept of one header value when reading */

static const char mail_insert_sql[] =
	"INSERT INTO mail_outbox (to_addr, subject, body, template) VALUES (?, ?, ?, ?)";

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

/* ---- checks ------------------------------------------------------------------ */

int
mail_address_ok(const char *addr)
{
	const char *at = NULL, *p;
	size_t len;

	if (addr == NULL || (len = strlen(addr)) < 3 || len > MAIL_ADDRESS_MAX)
		return 0;
	for (p = addr; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= 0x20 || c >= 0x7f || strchr("\"(),:;<>[\\]", c) != NULL)
			return 0;
		if (c == '@') {
			if (at != NULL)
				return 0;
			at = p;
		}
	}
	if (at == NULL || at == addr || at - addr > 64 || at[1] == '\0')
		return 0;
	/* A domain such as "example.com" or "localhost": no empty labels. */
	if (at[1] == '.' || addr[len - 1] == '.' || strstr(at, "..") != NULL)
		return 0;
	return 1;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not one. */
static size_t
mail_utf8_char(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0;	/* overlong, or a surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

int
mail_subject_ok(const char *subject)
{
	const unsigned char *p = (const unsigned char *)subject;
	size_t chars = 0, n;

	if (subject == NULL || *subject == '\0')
		return 0;
	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;	/* CR and LF above all: header injection */
		if ((n = mail_utf8_char(p)) == 0)
			return 0;
		p += n;
		if (++chars > MAIL_SUBJECT_MAX)
			return 0;
	}
	return 1;
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

/* Characters (not bytes) in s[0..n). */
static size_t
mail_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
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

		if (mail_chars(line, n) <= MAIL_LINE_WIDTH) {
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
				chars = mail_chars(line + start, len);
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
	char tpl[MAIL_TEMPLATE_MAX + 16];
	struct buf body;
	long long id = -1;

	buf_init(&body);
	if (!mail_address_ok(to)) {
		log_error("mail.queue", "template=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("not an acceptable address"));
		goto out;
	}
	if (!mail_subject_ok(subject)) {
		log_error("mail.queue", "template=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("subject empty, too long, not UTF-8 or with a line break"));
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
	mail_wrap_body(&body);
	if (db_exec(mail_insert_sql, "ssss", to, subject, body.data, name) != 1)
		goto out;
	id = (long long)db_insert_id();
	log_info("mail.queued", "id=%lld template=%s", id, name);
out:
	tmpl_dict_free(d);
	buf_free(&body);
	return id;
}

/* ---- writing a message ------------------------------------------------------ */

static int
mail_ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Appends s as RFC 2047 encoded words (UTF-8, base64) starting at column
 * col, each holding whole characters, folded so that no line passes
 * MAIL_QP_LINE characters. Returns the column where the output ends. */
static size_t
mail_add_encoded_words(struct buf *out, const char *s, size_t col)
{
	const unsigned char *p = (const unsigned char *)s;
	char b64[sodium_base64_ENCODED_LEN(MAIL_WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	while (*p) {
		size_t take = 0, n, room, word;

		if (col + 20 > MAIL_QP_LINE) {	/* no room for a 4-byte character */
			buf_adds(out, "\r\n ");
			col = 1;
		}
		/* "=?UTF-8?B?" and "?=" take 12; 4 base64 characters per 3 bytes. */
		room = (MAIL_QP_LINE - col - 12) / 4 * 3;
		if (room > MAIL_WORD_BYTES)
			room = MAIL_WORD_BYTES;
		while (p[take] && (n = mail_utf8_char(p + take)) != 0 && take + n <= room)
			take += n;
		if (take == 0)	/* not UTF-8 (checked before): never loop forever */
			take = 1;
		sodium_bin2base64(b64, sizeof b64, p, take, sodium_base64_VARIANT_ORIGINAL);
		word = strlen(b64) + 12;
		buf_printf(out, "=?UTF-8?B?%s?=", b64);
		col += word;
		p += take;
		if (*p) {
			buf_adds(out, "\r\n ");
			col = 1;
		}
	}
	return col;
}

/* "Subject: ..." with its CRLF. */
static void
mail_add_subject(struct buf *out, const char *subject)
{
	buf_adds(out, "Subject: ");
	/* "=?" in plain text could be read as the start of an encoded word. */
	if (mail_ascii_printable(subject) && strstr(subject, "=?") == NULL)
		buf_adds(out, subject);
	else
		mail_add_encoded_words(out, subject, 9);
	buf_adds(out, "\r\n");
}

char *
mail_address_of(const char *from, char *out, size_t size)
{
	const char *lt, *gt, *start = from, *end;
	size_t n;

	if (from == NULL || size == 0)
		return NULL;
	if ((lt = strrchr(from, '<')) != NULL) {
		if ((gt = strchr(lt, '>')) == NULL)
			return NULL;
		start = lt + 1;
		end = gt;
	} else {
		while (*start == ' ' || *start == '\t')
			start++;
		end = start + strlen(start);
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
	}
	n = (size_t)(end - start);
	if (n >= size)
		return NULL;
	memcpy(out, start, n);
	out[n] = '\0';
	return mail_address_ok(out) ? out : NULL;
}

/* "From: Name <addr>" with its CRLF; the name quoted or encoded as needed.
 * Returns -1 when from is not acceptable. */
static int
mail_add_from(struct buf *out, const char *from)
{
	char addr[MAIL_ADDRESS_MAX + 1], name[256];
	const char *lt = strrchr(from, '<'), *s, *e;
	size_t n = 0, col;

	if (mail_address_of(from, addr, sizeof addr) == NULL)
		return -1;
	s = from;
	e = lt ? lt : from;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - s >= 2 && *s == '"' && e[-1] == '"') {	/* already quoted */
		for (s++, e--; s < e && n + 1 < sizeof name; s++) {
			if (*s == '\\' && s + 1 < e)
				s++;
			name[n++] = *s;
		}
	} else {
		if ((size_t)(e - s) >= sizeof name)
			return -1;
		memcpy(name, s, (size_t)(e - s));
		n = (size_t)(e - s);
	}
	name[n] = '\0';
	buf_adds(out, "From: ");
	if (n == 0) {
		buf_adds(out, addr);
	} else if (mail_ascii_printable(name)) {
		if (strpbrk(name, "()<>[]:;@\\,.\"") == NULL) {
			buf_adds(out, name);
		} else {
			buf_addc(out, '"');
			for (s = name; *s; s++) {
				if (*s == '"' || *s == '\\')
					buf_addc(out, '\\');
				buf_addc(out, *s);
			}
			buf_addc(out, '"');
		}
		buf_printf(out, " <%s>", addr);
	} else if (mail_subject_ok(name)) {
		col = mail_add_encoded_words(out, name, 6);
		if (col + 3 + strlen(addr) > MAIL_QP_LINE)
			buf_adds(out, "\r\n");
		buf_printf(out, " <%s>", addr);
	} else {
		return -1;
	}
	buf_adds(out, "\r\n");
	return 0;
}

/* True when the body can go as 7bit: ASCII, no bare CR, short lines. */
static int
mail_body_7bit(const char *body)
{
	size_t line = 0;

	for (; *body; body++) {
		unsigned char c = (unsigned char)*body;

		if (c >= 0x80 || (c == '\r' && body[1] != '\n'))
			return 0;
		if (c == '\n')
			line = 0;
		else if (c != '\r' && ++line > MAIL_LINE_MAX)
			return 0;
	}
	return 1;
}

/* One line of the body (without its line break) as quoted-printable. */
static void
mail_add_qp_line(struct buf *out, const char *s, size_t n)
{
	size_t col = 0, i;
	char tok[4];

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t t;

		if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && i + 1 < n)) {
			tok[0] = (char)c;
			t = 1;
		} else {
			snprintf(tok, sizeof tok, "=%02X", c);
			t = 3;
		}
		if (col + t > MAIL_QP_LINE - 1) {
			buf_adds(out, "=\r\n");	/* soft line break */
			col = 0;
		}
		buf_add(out, tok, t);
		col += t;
	}
	buf_adds(out, "\r\n");
}

/* The body with CRLF line ends, quoted-printable unless plain is set. */
static void
mail_add_body(struct buf *out, const char *body, int plain)
{
	const char *p = body;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (plain) {
			buf_add(out, p, n);
			buf_adds(out, "\r\n");
		} else {
			mail_add_qp_line(out, p, n);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

int
mail_message(struct buf *out, long long id, const char *from, const char *to,
	     const char *subject, const char *body, time_t when)
{
	char date[64], from_addr[MAIL_ADDRESS_MAX + 1], rnd_hex[17];
	unsigned char rnd[8];
	struct tm tm;
	struct buf m;
	int plain;

	if (!mail_address_ok(to) || !mail_subject_ok(subject) ||
	    mail_address_of(from, from_addr, sizeof from_addr) == NULL || sodium_init() < 0)
		return -1;
	if (body == NULL)
		body = "";
	buf_init(&m);
	if (mail_add_from(&m, from) != 0) {
		buf_free(&m);
		return -1;
	}
	gmtime_r(&when, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(rnd_hex, sizeof rnd_hex, rnd, sizeof rnd);
	plain = mail_body_7bit(body);

	buf_printf(out, "Date: %s\r\n", date);
	buf_add(out, m.data, m.len);
	buf_printf(out, "To: %s\r\n", to);
	mail_add_subject(out, subject);
	buf_printf(out, "Message-ID: <bazaar.%lld.%s@%s>\r\n", id, rnd_hex, strchr(from_addr, '@') + 1);
	buf_adds(out, "MIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=utf-8\r\n");
	buf_printf(out, "Content-Transfer-Encoding: %s\r\n", plain ? "7bit" : "quoted-printable");
	/* Automatic mail: no vacation replies to it (RFC 3834). */
	buf_adds(out, "Auto-Submitted: auto-generated\r\n\r\n");
	mail_add_body(out, body, plain);
	buf_free(&m);
	return 0;
}

/* ---- reading a message back -------------------------------------------------- */

/* The byte written as two hex digits at s ("3D"), or -1. */
static int
mail_hex_byte(const char *s)
{
	unsigned char b;
	size_t n = 0;

	if (sodium_hex2bin(&b, 1, s, 2, NULL, &n, NULL) != 0 || n != 1)
		return -1;
	return b;
}

/* Decodes one encoded word "=?charset?X?text?=" at s (UTF-8 and US-ASCII
 * only) into out. Returns the bytes consumed, or 0 when it is not one. */
static size_t
mail_decode_word(const char *s, size_t len, struct buf *out)
{
	const char *cs = s + 2, *q1, *q2, *end;
	unsigned char bin[256];
	size_t cslen, tlen, binlen, i;
	char enc;

	if (len < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	if ((q1 = memchr(cs, '?', len - 2)) == NULL || (size_t)(q1 - s) + 3 >= len || q1[2] != '?')
		return 0;
	cslen = (size_t)(q1 - cs);
	enc = (char)toupper((unsigned char)q1[1]);
	q2 = q1 + 3;
	for (end = q2; (size_t)(end - s) + 1 < len; end++)
		if (end[0] == '?' && end[1] == '=')
			break;
	if ((size_t)(end - s) + 1 >= len)
		return 0;
	tlen = (size_t)(end - q2);
	if (!((cslen == 5 && strncasecmp(cs, "utf-8", 5) == 0) ||
	      (cslen == 8 && strncasecmp(cs, "us-ascii", 8) == 0)))
		return 0;
	if (enc == 'B') {
		if (sodium_base642bin(bin, sizeof bin, q2, tlen, NULL, &binlen, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0)
			return 0;
		buf_add(out, bin, binlen);
	} else if (enc == 'Q') {
		for (i = 0; i < tlen; i++) {
			if (q2[i] == '_') {
				buf_addc(out, ' ');
			} else if (q2[i] == '=' && i + 2 < tlen && mail_hex_byte(q2 + i + 1) >= 0) {
				buf_addc(out, (char)mail_hex_byte(q2 + i + 1));
				i += 2;
			} else {
				buf_addc(out, q2[i]);
			}
		}
	} else {
		return 0;
	}
	return (size_t)(end - s) + 2;
}

/* A header value with its encoded words decoded; white space between two
 * encoded words disappears (RFC 2047, 6.2); control characters become spaces. */
static char *
mail_decode_header(const char *s, size_t len)
{
	struct buf out;
	size_t i = 0, used, gap = 0;	/* gap: end of the last encoded word in out */
	int after_word = 0;

	buf_init(&out);
	buf_adds(&out, "");
	while (i < len) {
		if (s[i] == '=' && i + 1 < len && s[i + 1] == '?') {
			size_t keep = out.len;

			if (after_word)		/* only white space since the last word */
				out.len = gap;
			if ((used = mail_decode_word(s + i, len - i, &out)) > 0) {
				i += used;
				after_word = 1;
				gap = out.len;
				continue;
			}
			out.len = keep;		/* not a word: nothing was written */
			out.data[out.len] = '\0';
		}
		if (s[i] != ' ' && s[i] != '\t')
			after_word = 0;
		buf_addc(&out, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
		i++;
	}
	return buf_detach(&out);
}

static char *
mail_qp_decode(const char *s, size_t len)
{
	struct buf out;
	size_t i;

	buf_init(&out);
	buf_adds(&out, "");
	for (i = 0; i < len; i++) {
		if (s[i] != '=') {
			buf_addc(&out, s[i]);
		} else if (i + 1 < len && s[i + 1] == '\n') {
			i += 1;		/* soft line break */
		} else if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (i + 2 < len && mail_hex_byte(s + i + 1) >= 0) {
			buf_addc(&out, (char)mail_hex_byte(s + i + 1));
			i += 2;
		} else {
			buf_addc(&out, '=');
		}
	}
	return buf_detach(&out);
}

/* CRLF -> LF, in place. */
static void
mail_lf(char *s)
{
	char *o = s;

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s;
	*o = '\0';
}

static char **
mail_parsed_field(struct mail_parsed *m, const char *name, size_t n)
{
	static const char *const names[] = { "From", "To", "Subject", "Date", "Message-ID" };
	char **fields[] = { &m->from, &m->to, &m->subject, &m->date, &m->message_id };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
			return fields[i];
	return NULL;
}

/* Stores one unfolded header line "Name: value". */
static void
mail_parse_header(struct mail_parsed *m, const char *line, size_t len, char *cte, size_t cte_size)
{
	const char *colon = memchr(line, ':', len), *v;
	size_t vlen;
	char **field;

	if (colon == NULL)
		return;
	v = colon + 1;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	vlen = (size_t)(line + len - v);
	if (vlen > MAIL_HEADER_MAX)
		vlen = MAIL_HEADER_MAX;
	if ((size_t)(colon - line) == 25 && strncasecmp(line, "Content-Transfer-Encoding", 25) == 0) {
		snprintf(cte, cte_size, "%.*s", (int)vlen, v);
		return;
	}
	if ((field = mail_parsed_field(m, line, (size_t)(colon - line))) != NULL && **field == '\0') {
		free(*field);
		*field = mail_decode_header(v, vlen);
	}
}

int
mail_parse(const char *text, size_t len, struct mail_parsed *out)
{
	struct buf line;
	char cte[64] = "";
	size_t i = 0, body_at = len;

	memset(out, 0, sizeof *out);
	out->from = strdup("");
	out->to = strdup("");
	out->subject = strdup("");
	out->date = strdup("");
	out->message_id = strdup("");
	buf_init(&line);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - i;

		if (n > 0 && text[end - 1] == '\r')
			n--;
		if (n == 0) {		/* the blank line: the body follows */
			body_at = nl ? end + 1 : len;
			break;
		}
		if (text[i] == ' ' || text[i] == '\t') {
			if (line.len < MAIL_HEADER_MAX)
				buf_add(&line, text + i, n);	/* unfolding keeps the white space */
		} else {
			if (line.len)
				mail_parse_header(out, line.data, line.len, cte, sizeof cte);
			buf_reset(&line);
			buf_add(&line, text + i, n);
		}
		i = nl ? end + 1 : len;
	}
	if (line.len)
		mail_parse_header(out, line.data, line.len, cte, sizeof cte);
	buf_free(&line);

	if (strncasecmp(cte, "quoted-printable", 16) == 0) {
		out->body = mail_qp_decode(text + body_at, len - body_at);
	} else if (strncasecmp(cte, "base64", 6) == 0) {
		size_t cap = (len - body_at) / 4 * 3 + 3, got = 0;

		if ((out->body = malloc(cap + 1)) != NULL) {
			if (sodium_base642bin((unsigned char *)out->body, cap, text + body_at,
					      len - body_at, " \r\n\t", &got, NULL,
					      sodium_base64_VARIANT_ORIGINAL) != 0)
				got = 0;
			out->body[got] = '\0';
		}
	} else {
		out->body = strndup(text + body_at, len - body_at);
	}
	if (!out->from || !out->to || !out->subject || !out->date || !out->message_id || !out->body) {
		mail_parsed_free(out);
		return -1;
	}
	mail_lf(out->body);
	return 0;
}

void
mail_parsed_free(struct mail_parsed *m)
{
	free(m->from);
	free(m->to);
	free(m->subject);
	free(m->date);
	free(m->message_id);
	free(m->body);
	memset(m, 0, sizeof *m);
}

/*
 * sf_devmail_mime: reading a message back for the development mail viewer
 * (sf_devmail.c): header values decoded (RFC 2047, folded lines joined),
 * the body decoded from quoted-printable or base64. Only the viewer reads
 * mail; the mailer writes it with mailmsg.c.
 */
#include "sf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "buf.h"

#define SF_DEVMAIL_MIME_HEADER_MAX 8192	/* bytes kept of one header value when reading */

/* The byte written as two hex digits at s ("3D"), or -1. */
static int
sf_devmail_mime_hex_byte(const char *s)
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
sf_devmail_mime_decode_word(const char *s, size_t len, struct buf *out)
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
			} else if (q2[i] == '=' && i + 2 < tlen && sf_devmail_mime_hex_byte(q2 + i + 1) >= 0) {
				buf_addc(out, (char)sf_devmail_mime_hex_byte(q2 + i + 1));
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
sf_devmail_mime_decode_header(const char *s, size_t len)
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
			if ((used = sf_devmail_mime_decode_word(s + i, len - i, &out)) > 0) {
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
sf_devmail_mime_qp_decode(const char *s, size_t len)
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
		} else if (i + 2 < len && sf_devmail_mime_hex_byte(s + i + 1) >= 0) {
			buf_addc(&out, (char)sf_devmail_mime_hex_byte(s + i + 1));
			i += 2;
		} else {
			buf_addc(&out, '=');
		}
	}
	return buf_detach(&out);
}

/* CRLF -> LF, in place. */
static void
sf_devmail_mime_lf(char *s)
{
	char *o = s;

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s;
	*o = '\0';
}

static char **
sf_devmail_mime_field(struct sf_devmail_mime *m, const char *name, size_t n)
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
sf_devmail_mime_header(struct sf_devmail_mime *m, const char *line, size_t len, char *cte, size_t cte_size)
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
	if (vlen > SF_DEVMAIL_MIME_HEADER_MAX)
		vlen = SF_DEVMAIL_MIME_HEADER_MAX;
	if ((size_t)(colon - line) == 25 && strncasecmp(line, "Content-Transfer-Encoding", 25) == 0) {
		snprintf(cte, cte_size, "%.*s", (int)vlen, v);
		return;
	}
	if ((field = sf_devmail_mime_field(m, line, (size_t)(colon - line))) != NULL && **field == '\0') {
		free(*field);
		*field = sf_devmail_mime_decode_header(v, vlen);
	}
}

int
sf_devmail_mime_parse(const char *text, size_t len, struct sf_devmail_mime *out)
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
			if (line.len < SF_DEVMAIL_MIME_HEADER_MAX)
				buf_add(&line, text + i, n);	/* unfolding keeps the white space */
		} else {
			if (line.len)
				sf_devmail_mime_header(out, line.data, line.len, cte, sizeof cte);
			buf_reset(&line);
			buf_add(&line, text + i, n);
		}
		i = nl ? end + 1 : len;
	}
	if (line.len)
		sf_devmail_mime_header(out, line.data, line.len, cte, sizeof cte);
	buf_free(&line);

	if (strncasecmp(cte, "quoted-printable", 16) == 0) {
		out->body = sf_devmail_mime_qp_decode(text + body_at, len - body_at);
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
		sf_devmail_mime_free(out);
		return -1;
	}
	sf_devmail_mime_lf(out->body);
	return 0;
}

void
sf_devmail_mime_free(struct sf_devmail_mime *m)
{
	free(m->from);
	free(m->to);
	free(m->subject);
	free(m->date);
	free(m->message_id);
	free(m->body);
	memset(m, 0, sizeof *m);
}

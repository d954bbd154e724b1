/*
 * mailmsg: the format of a message as the mailer writes it (see mailmsg.h):
 * the checks of an address and a subject, RFC 2047 encoded words for text
 * that is not ASCII, quoted-printable bodies, lines ending in CRLF.
 */
#include "mailmsg.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "text.h"

#define MAILMSG_LINE_MAX 998		/* RFC 5322 line length, without CRLF */
#define MAILMSG_QP_LINE 76		/* quoted-printable line length, with the '=' */
#define MAILMSG_WORD_BYTES 45	/* raw bytes per encoded word: 60 base64 characters */

/* ---- checks ------------------------------------------------------------------ */

int
mailmsg_address_ok(const char *addr)
{
	const char *at = NULL, *p;
	size_t len;

	if (addr == NULL || (len = strlen(addr)) < 3 || len > MAILMSG_ADDRESS_MAX)
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

int
mailmsg_subject_ok(const char *subject)
{
	const unsigned char *p = (const unsigned char *)subject;
	size_t chars = 0, n;

	if (subject == NULL || *subject == '\0')
		return 0;
	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;	/* CR and LF above all: header injection */
		if ((n = text_utf8_char((const char *)p, 4, NULL)) == 0)
			return 0;
		p += n;
		if (++chars > MAILMSG_SUBJECT_MAX)
			return 0;
	}
	return 1;
}

/* ---- writing a message ------------------------------------------------------ */

static int
mailmsg_ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Appends s as RFC 2047 encoded words (UTF-8, base64) starting at column
 * col, each holding whole characters, folded so that no line passes
 * MAILMSG_QP_LINE characters. Returns the column where the output ends. */
static size_t
mailmsg_add_encoded_words(struct buf *out, const char *s, size_t col)
{
	const unsigned char *p = (const unsigned char *)s;
	char b64[sodium_base64_ENCODED_LEN(MAILMSG_WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	while (*p) {
		size_t take = 0, n, room, word;

		if (col + 20 > MAILMSG_QP_LINE) {	/* no room for a 4-byte character */
			buf_adds(out, "\r\n ");
			col = 1;
		}
		/* "=?UTF-8?B?" and "?=" take 12; 4 base64 characters per 3 bytes. */
		room = (MAILMSG_QP_LINE - col - 12) / 4 * 3;
		if (room > MAILMSG_WORD_BYTES)
			room = MAILMSG_WORD_BYTES;
		while (p[take] && (n = text_utf8_char((const char *)p + take, 4, NULL)) != 0 && take + n <= room)
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
mailmsg_add_subject(struct buf *out, const char *subject)
{
	buf_adds(out, "Subject: ");
	/* "=?" in plain text could be read as the start of an encoded word. */
	if (mailmsg_ascii_printable(subject) && strstr(subject, "=?") == NULL)
		buf_adds(out, subject);
	else
		mailmsg_add_encoded_words(out, subject, 9);
	buf_adds(out, "\r\n");
}

char *
mailmsg_address_of(const char *from, char *out, size_t size)
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
	return mailmsg_address_ok(out) ? out : NULL;
}

/* "From: Name <addr>" with its CRLF; the name quoted or encoded as needed.
 * Returns -1 when from is not acceptable. */
static int
mailmsg_add_from(struct buf *out, const char *from)
{
	char addr[MAILMSG_ADDRESS_MAX + 1], name[256];
	const char *lt = strrchr(from, '<'), *s, *e;
	size_t n = 0, col;

	if (mailmsg_address_of(from, addr, sizeof addr) == NULL)
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
	} else if (mailmsg_ascii_printable(name)) {
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
	} else if (mailmsg_subject_ok(name)) {
		col = mailmsg_add_encoded_words(out, name, 6);
		if (col + 3 + strlen(addr) > MAILMSG_QP_LINE)
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
mailmsg_body_7bit(const char *body)
{
	size_t line = 0;

	for (; *body; body++) {
		unsigned char c = (unsigned char)*body;

		if (c >= 0x80 || (c == '\r' && body[1] != '\n'))
			return 0;
		if (c == '\n')
			line = 0;
		else if (c != '\r' && ++line > MAILMSG_LINE_MAX)
			return 0;
	}
	return 1;
}

/* One line of the body (without its line break) as quoted-printable. */
static void
mailmsg_add_qp_line(struct buf *out, const char *s, size_t n)
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
		if (col + t > MAILMSG_QP_LINE - 1) {
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
mailmsg_add_body(struct buf *out, const char *body, int plain)
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
			mailmsg_add_qp_line(out, p, n);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

int
mailmsg_headers_ok(const char *headers)
{
	static const char *const own[] = {
		"date", "from", "to", "cc", "bcc", "subject", "message-id", "mime-version",
		"auto-submitted", "reply-to", "sender", "return-path", NULL,
	};
	const char *p = headers;

	if (headers == NULL)
		return 1;
	if (strlen(headers) > MAILMSG_HEADERS_MAX)
		return 0;
	while (*p) {
		const char *nl = strchr(p, '\n'), *end = nl ? nl : p + strlen(p), *q = p;
		size_t name_len, i;

		while (q < end && ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
				   (*q >= '0' && *q <= '9') || *q == '-'))
			q++;
		name_len = (size_t)(q - p);
		if (name_len == 0 || end - q < 3 || q[0] != ':' || q[1] != ' ' ||
		    end - p > MAILMSG_LINE_MAX)
			return 0;
		if (name_len >= 8 && strncasecmp(p, "content-", 8) == 0)
			return 0;
		for (i = 0; own[i]; i++)
			if (strlen(own[i]) == name_len && strncasecmp(p, own[i], name_len) == 0)
				return 0;
		for (q += 2; q < end; q++)
			if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e)
				return 0;
		if (p[name_len + 2] == ' ')
			return 0;
		p = nl ? nl + 1 : end;
	}
	return 1;
}

int
mailmsg_format(struct buf *out, long long id, const char *from, const char *to,
	     const char *subject, const char *body, time_t when)
{
	return mailmsg_format_with(out, id, from, to, subject, NULL, body, when);
}

int
mailmsg_format_with(struct buf *out, long long id, const char *from, const char *to,
		    const char *subject, const char *headers, const char *body, time_t when)
{
	char date[64], from_addr[MAILMSG_ADDRESS_MAX + 1], rnd_hex[17];
	unsigned char rnd[8];
	struct tm tm;
	struct buf m;
	int plain;

	if (!mailmsg_address_ok(to) || !mailmsg_subject_ok(subject) || !mailmsg_headers_ok(headers) ||
	    mailmsg_address_of(from, from_addr, sizeof from_addr) == NULL || sodium_init() < 0)
		return -1;
	if (body == NULL)
		body = "";
	buf_init(&m);
	if (mailmsg_add_from(&m, from) != 0) {
		buf_free(&m);
		return -1;
	}
	gmtime_r(&when, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(rnd_hex, sizeof rnd_hex, rnd, sizeof rnd);
	plain = mailmsg_body_7bit(body);

	buf_printf(out, "Date: %s\r\n", date);
	buf_add(out, m.data, m.len);
	buf_printf(out, "To: %s\r\n", to);
	mailmsg_add_subject(out, subject);
	buf_printf(out, "Message-ID: <bazaar.%lld.%s@%s>\r\n", id, rnd_hex, strchr(from_addr, '@') + 1);
	for (const char *p = headers ? headers : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		buf_add(out, p, n);
		buf_adds(out, "\r\n");
		p += n + (nl != NULL);
	}
	buf_adds(out, "MIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=utf-8\r\n");
	buf_printf(out, "Content-Transfer-Encoding: %s\r\n", plain ? "7bit" : "quoted-printable");
	/* Automatic mail: no vacation replies to it (RFC 3834). */
	buf_adds(out, "Auto-Submitted: auto-generated\r\n\r\n");
	mailmsg_add_body(out, body, plain);
	buf_free(&m);
	return 0;
}

/*
 * totp: admin two-factor codes and the enrolment QR code (see totp.h).
 *
 * liboath computes the code of one time step; totp_verify asks it for the
 * steps around now and compares with sodium_memcmp, so it can also refuse a
 * step that was already used. Base32 is done here (RFC 4648, upper case, no
 * padding): liboath's allocates and pads.
 */
#include "totp.h"
#include "buf.h"
#include "log.h"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOTP_STEP	30
#define TOTP_DIGITS	6

static const char totp_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int
totp_ready(void)
{
	static int done;

	if (!done) {
		if (sodium_init() < 0 || oath_init() != OATH_OK) {
			log_error("totp.init", "msg=\"liboath or libsodium failed to start\"");
			return -1;
		}
		done = 1;
	}
	return 0;
}

void
totp_new_secret(unsigned char secret[TOTP_SECRET_BYTES])
{
	if (sodium_init() < 0)
		abort();	/* no randomness: nothing safe to hand out */
	randombytes_buf(secret, TOTP_SECRET_BYTES);
}

void
totp_base32(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_BASE32_SIZE])
{
	unsigned bits = 0, acc = 0;
	size_t i, o = 0;

	for (i = 0; i < TOTP_SECRET_BYTES; i++) {
		acc = (acc << 8) | secret[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = totp_alphabet[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[o++] = totp_alphabet[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

int
totp_parse_base32(const char *text, unsigned char secret[TOTP_SECRET_BYTES])
{
	unsigned bits = 0, acc = 0, v;
	size_t o = 0, chars = 0;
	const char *p;

	if (text == NULL)
		return -1;
	for (p = text; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '-')
			continue;
		if (c == '=')	/* padding may only end the text */
			break;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			v = (unsigned)(c - 'A');
		else if (c >= '2' && c <= '7')
			v = (unsigned)(c - '2' + 26);
		else
			goto bad;
		acc = ((acc << 5) | v) & 0xfff;
		bits += 5;
		chars++;
		if (bits >= 8) {
			bits -= 8;
			if (o == TOTP_SECRET_BYTES)
				goto bad;
			secret[o++] = (unsigned char)(acc >> bits);
		}
	}
	for (; *p; p++)
		if (*p != '=' && *p != ' ')
			goto bad;
	/* Exactly 20 bytes in 32 characters, so no bits are left over. */
	if (o != TOTP_SECRET_BYTES || chars != TOTP_BASE32_SIZE - 1)
		goto bad;
	return 0;
bad:
	sodium_memzero(secret, TOTP_SECRET_BYTES);
	return -1;
}

static int
totp_code_of_step(const unsigned char secret[TOTP_SECRET_BYTES], long long step, char out[7])
{
	if (totp_ready() != 0 || step < 0)
		return -1;
	if (oath_totp_generate((const char *)secret, TOTP_SECRET_BYTES, (time_t)(step * TOTP_STEP),
			       TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, out) != OATH_OK) {
		memset(out, 0, 7);
		return -1;
	}
	return 0;
}

int
totp_code_at(const unsigned char secret[TOTP_SECRET_BYTES], time_t when, char out[7])
{
	if (when < 0)
		return -1;
	return totp_code_of_step(secret, (long long)(when / TOTP_STEP), out);
}

long long
totp_verify(const unsigned char secret[TOTP_SECRET_BYTES], const char *code,
	    time_t now, long long last_step)
{
	char typed[TOTP_DIGITS + 1], expect[7];
	long long step, current, accepted = -1;
	size_t n = 0;
	const char *p;

	if (code == NULL || now < 0)
		return -1;
	/* People copy "123 456" as shown by some apps. */
	for (p = code; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return -1;
		typed[n++] = *p;
	}
	if (n != TOTP_DIGITS)
		return -1;
	typed[n] = '\0';
	current = (long long)(now / TOTP_STEP);
	/* Every step of the window is computed, matched or not. */
	for (step = current - 1; step <= current + 1; step++) {
		if (totp_code_of_step(secret, step, expect) != 0)
			continue;
		if (sodium_memcmp(expect, typed, TOTP_DIGITS) == 0 && step > last_step && step > 0)
			accepted = step;
	}
	sodium_memzero(expect, sizeof expect);
	sodium_memzero(typed, sizeof typed);
	return accepted;
}

char *
totp_uri(const unsigned char secret[TOTP_SECRET_BYTES], const char *issuer, const char *account)
{
	char b32[TOTP_BASE32_SIZE];
	struct buf b;

	if (issuer == NULL || account == NULL)
		return NULL;
	totp_base32(secret, b32);
	buf_init(&b);
	buf_adds(&b, "otpauth://totp/");
	buf_add_urlencoded(&b, issuer);
	buf_addc(&b, ':');
	buf_add_urlencoded(&b, account);
	buf_printf(&b, "?secret=%s&issuer=", b32);
	buf_add_urlencoded(&b, issuer);
	buf_printf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
	sodium_memzero(b32, sizeof b32);
	return buf_detach(&b);
}

/*
 * One path of dark modules, a run of dark modules in a row being one
 * rectangle, on a white square with the 4-module quiet zone that scanners
 * need (also on a dark page).
 */
char *
totp_qr_svg(const char *text, const char *label)
{
	const int quiet = 4;
	QRcode *qr;
	struct buf b;
	int size, x, y, run;

	if (text == NULL)
		return NULL;
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL) {
		log_error("totp.qr", "msg=\"could not make the QR code\"");
		return NULL;
	}
	size = qr->width + 2 * quiet;
	buf_init(&b);
	buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		       "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\" role=\"img\" "
		       "aria-label=\"", size, size, size * 5, size * 5);
	buf_add_xml_escaped(&b, label ? label : "");
	buf_printf(&b, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		   size, size);
	for (y = 0; y < qr->width; y++) {
		for (x = 0; x < qr->width; x += run ? run : 1) {
			run = 0;
			while (x + run < qr->width && (qr->data[y * qr->width + x + run] & 1))
				run++;
			if (run)
				buf_printf(&b, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
		}
	}
	buf_adds(&b, "\"/></svg>");
	QRcode_free(qr);
	return buf_detach(&b);
}

/*
 * totp: admin two-factor codes (RFC 6238 TOTP, SHA-1, 6 digits, 30 s steps,
 * through liboath) and the enrolment QR code (libqrencode, as inline SVG).
 */
#ifndef BAZAAR_TOTP_H
#define BAZAAR_TOTP_H
#include <stddef.h>
#include <time.h>

#define TOTP_SECRET_BYTES	20
#define TOTP_BASE32_SIZE	33	/* 32 base32 characters + NUL */

/* A new random secret (raw bytes). */
void totp_new_secret(unsigned char secret[TOTP_SECRET_BYTES]);
/* Base32 (RFC 4648, no padding) of the secret, as people type it. */
void totp_base32(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_BASE32_SIZE]);
/* Parses base32 (case and spaces ignored). Returns 0, -1 when malformed. */
int totp_parse_base32(const char *text, unsigned char secret[TOTP_SECRET_BYTES]);
/* The code for a time (tests, the demo data). out: 7 bytes. */
int totp_code_at(const unsigned char secret[TOTP_SECRET_BYTES], time_t when, char out[7]);
/*
 * Checks a code typed at time now, allowing one step of clock drift either
 * way. A code whose step is not after last_step (the last one accepted for
 * this account) is refused: a code works once. Returns the accepted step
 * (> 0, to be stored as the new last_step), or -1 when wrong or replayed.
 */
long long totp_verify(const unsigned char secret[TOTP_SECRET_BYTES], const char *code,
		      time_t now, long long last_step);
/* otpauth://totp/<issuer>:<account>?secret=...&issuer=... (malloc'ed). */
char *totp_uri(const unsigned char secret[TOTP_SECRET_BYTES], const char *issuer,
	       const char *account);
/* The QR code of text as a self-contained SVG element (malloc'ed), with
 * role="img" and the given aria-label; NULL on failure. */
char *totp_qr_svg(const char *text, const char *label);

#endif

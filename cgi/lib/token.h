/*
 * token: random secrets handed to a browser or put in a mail (session
 * cookies, single-use links, 6-digit codes) and the hashes that are stored in
 * their place, so a copy of the database opens no account.
 */
#ifndef BAZAAR_TOKEN_H
#define BAZAAR_TOKEN_H
#include <stddef.h>

#define TOKEN_RAW_BYTES	32	/* entropy of a token */
#define TOKEN_TEXT_SIZE	44	/* base64url, no padding: 43 characters + NUL */
#define TOKEN_HASH_BYTES 32
#define TOKEN_CODE_SIZE	7	/* 6 digits + NUL */

/* A new token from randombytes, as URL- and cookie-safe text. */
void token_new(char text[TOKEN_TEXT_SIZE]);
/* True when text has the shape of a token (43 base64url characters). */
int token_valid(const char *text);
/* The stored form of a token: BLAKE2b-256 of its text. Returns 0, or -1
 * (out zeroed) when text is not a well-formed token. */
int token_hash(const char *text, unsigned char out[TOKEN_HASH_BYTES]);
/* A uniformly random 6-digit code, "000000".."999999". */
void token_code(char out[TOKEN_CODE_SIZE]);
/* A code as a person typed it, without the spaces, dashes and tabs people
 * put in it: the 6 digits into out, returns out; NULL when it is anything
 * else (too short, too long, other characters). */
char *token_code_parse(const char *typed, char out[TOKEN_CODE_SIZE]);
/* The stored form of a code, bound to the row it belongs to so equal codes
 * of two rows hash differently. Returns 0, -1 when code is not 6 digits. */
int token_code_hash(long long row_id, const char *code, unsigned char out[TOKEN_HASH_BYTES]);
/* Constant-time comparison (sodium_memcmp): 1 when equal. */
int token_equal(const void *a, const void *b, size_t n);
/* Lower-case hex of n bytes into out (2n + 1 bytes). Returns out. */
char *token_hex(const unsigned char *bin, size_t n, char *out);
/* 1 when s is exactly len lower-case hex digits (as token_hex writes them). */
int token_hex_valid(const char *s, size_t len);

#endif

/*
 * token: random tokens, 6-digit codes and their stored hashes (see token.h).
 */
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_TEXT_LEN (TOKEN_TEXT_SIZE - 1)

static void
token_sodium(void)
{
	if (sodium_init() < 0)
		abort();
}

void
token_new(char text[TOKEN_TEXT_SIZE])
{
	unsigned char raw[TOKEN_RAW_BYTES];

	token_sodium();
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(text, TOKEN_TEXT_SIZE, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

int
token_valid(const char *text)
{
	size_t i;

	if (text == NULL || strlen(text) != TOKEN_TEXT_LEN)
		return 0;
	for (i = 0; i < TOKEN_TEXT_LEN; i++) {
		char c = text[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

int
token_hash(const char *text, unsigned char out[TOKEN_HASH_BYTES])
{
	token_sodium();
	if (!token_valid(text)) {
		memset(out, 0, TOKEN_HASH_BYTES);
		return -1;
	}
	crypto_generichash(out, TOKEN_HASH_BYTES, (const unsigned char *)text,
			   TOKEN_TEXT_LEN, NULL, 0);
	return 0;
}

void
token_code(char out[TOKEN_CODE_SIZE])
{
	token_sodium();
	snprintf(out, TOKEN_CODE_SIZE, "%06u", (unsigned)randombytes_uniform(1000000));
}

char *
token_code_parse(const char *typed, char out[TOKEN_CODE_SIZE])
{
	size_t n = 0;

	for (; typed && *typed; typed++) {
		if (*typed == ' ' || *typed == '-' || *typed == '\t')
			continue;
		if (*typed < '0' || *typed > '9' || n == TOKEN_CODE_SIZE - 1)
			return NULL;
		out[n++] = *typed;
	}
	if (n != TOKEN_CODE_SIZE - 1)
		return NULL;
	out[n] = '\0';
	return out;
}

int
token_code_hash(long long row_id, const char *code, unsigned char out[TOKEN_HASH_BYTES])
{
	char text[64];
	int i, n;

	token_sodium();
	memset(out, 0, TOKEN_HASH_BYTES);
	if (code == NULL || strlen(code) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	n = snprintf(text, sizeof text, "code:%lld:%s", row_id, code);
	crypto_generichash(out, TOKEN_HASH_BYTES, (const unsigned char *)text, (size_t)n, NULL, 0);
	sodium_memzero(text, sizeof text);
	return 0;
}

int
token_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

char *
token_hex(const unsigned char *bin, size_t n, char *out)
{
	return sodium_bin2hex(out, 2 * n + 1, bin, n);
}

int
token_hex_valid(const char *s, size_t len)
{
	size_t i;

	if (s == NULL || strlen(s) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

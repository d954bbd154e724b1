/*
 * password: the password rules and argon2id hashing (see password.h).
 *
 * The common-passwords list is cgi/lib/common_passwords.txt, compiled into the
 * library by the Makefile as one array of NUL-terminated lower-case entries
 * (build/gen/common_passwords.c). The first lookup in a process indexes it
 * into a sorted array of pointers; later lookups are a binary search.
 */
#include "password.h"
#include "cfg.h"
#include "log.h"
#include "text.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

_Static_assert(PASSWORD_HASH_SIZE == crypto_pwhash_STRBYTES, "PASSWORD_HASH_SIZE must be crypto_pwhash_STRBYTES");

/* Made by the Makefile from common_passwords.txt. */
extern const unsigned char password_common_data[];
extern const size_t password_common_size;

static const char **password_common_index;
static size_t password_common_count;
static size_t password_common_longest;
static int password_common_ready;

static int
password_compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Indexes the compiled-in list once per process. Returns 0, -1 when out of
 * memory (the list is then treated as empty and the next call tries again). */
static int
password_common_load(void)
{
	const char *data = (const char *)password_common_data;
	size_t i, n = 0, len;

	if (password_common_ready)
		return 0;
	for (i = 0; i < password_common_size; i++)
		if (password_common_data[i] == '\0')
			n++;
	if ((password_common_index = malloc((n ? n : 1) * sizeof *password_common_index)) == NULL) {
		log_error("password.common", "msg=\"out of memory indexing the common-passwords list\"");
		return -1;
	}
	for (i = 0, n = 0; i < password_common_size; i += len + 1) {
		len = strlen(data + i);
		password_common_index[n++] = data + i;
		if (len > password_common_longest)
			password_common_longest = len;
	}
	/* The build does not sort the entries: sorting here keeps the file in
	 * its ranked order, most common first, for people who edit it. */
	qsort(password_common_index, n, sizeof *password_common_index, password_compare);
	password_common_count = n;
	password_common_ready = 1;
	return 0;
}

int
password_is_common(const char *password)
{
	char lower[PASSWORD_MAX + 1];
	const char *key = lower;
	size_t i, len;
	int found;

	if (password == NULL || password_common_load() != 0)
		return 0;
	len = strlen(password);
	if (len > password_common_longest || len >= sizeof lower)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)password[i];
		lower[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	lower[len] = '\0';
	found = bsearch(&key, password_common_index, password_common_count,
			sizeof *password_common_index, password_compare) != NULL;
	sodium_memzero(lower, sizeof lower);
	return found;
}

/* Number of code points in s, or -1 when s is not valid UTF-8 (overlong
 * forms, surrogates and values past U+10FFFF are invalid). */
static long
password_utf8_length(const char *s)
{
	long count = 0;
	size_t n;

	for (; *s; s += n, count++)
		if ((n = text_utf8_char(s, 4, NULL)) == 0)
			return -1;
	return count;
}

const char *
password_problem(const char *password, const char *email)
{
	const char *at;
	long chars;

	if (password == NULL || *password == '\0')
		return "Enter a password.";
	if ((chars = password_utf8_length(password)) < 0)
		return "Your password contains characters that could not be read. Type it again.";
	if (strlen(password) > PASSWORD_MAX)
		return "Use a shorter password: at most 128 bytes (a letter with an accent or a "
		       "symbol can take up to 4).";
	if (chars < PASSWORD_MIN)
		return "Use at least 12 characters.";
	if (email != NULL && *email != '\0') {
		if (strcasecmp(password, email) == 0)
			return "Your password must not be your email address.";
		at = strrchr(email, '@');
		if (at != NULL && at > email && strlen(password) == (size_t)(at - email) &&
		    strncasecmp(password, email, (size_t)(at - email)) == 0)
			return "Your password must not be the part of your email address before the @.";
	}
	if (password_is_common(password))
		return "This password is too common: it appears in lists attackers try first. "
		       "Choose another.";
	return NULL;
}

/* The configured cost; a value outside libsodium's bounds falls back to the
 * default with a warning, so a typo cannot make hashing fail or trivial. */
static unsigned long long
password_opslimit(void)
{
	return (unsigned long long)cfg_int_in("BAZAAR_ARGON2_OPSLIMIT", crypto_pwhash_OPSLIMIT_INTERACTIVE,
					      (long long)crypto_pwhash_argon2id_OPSLIMIT_MIN,
					      (long long)crypto_pwhash_argon2id_OPSLIMIT_MAX);
}

static size_t
password_memlimit(void)
{
	return (size_t)cfg_int_in("BAZAAR_ARGON2_MEMLIMIT", crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  (long long)crypto_pwhash_argon2id_MEMLIMIT_MIN,
				  (long long)crypto_pwhash_argon2id_MEMLIMIT_MAX);
}

int
password_hash(const char *password, char out[PASSWORD_HASH_SIZE])
{
	memset(out, 0, PASSWORD_HASH_SIZE);
	if (password == NULL || sodium_init() < 0)
		return -1;
	if (crypto_pwhash_str_alg(out, password, strlen(password), password_opslimit(),
				  password_memlimit(), crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_error("password.hash", "msg=\"argon2id failed (out of memory?)\"");
		memset(out, 0, PASSWORD_HASH_SIZE);
		return -1;
	}
	return 0;
}

static int
password_hash_well_formed(const char *stored_hash)
{
	return stored_hash != NULL && strncmp(stored_hash, "$argon2", 7) == 0 &&
	       strlen(stored_hash) < PASSWORD_HASH_SIZE;
}

int
password_verify(const char *stored_hash, const char *password)
{
	if (sodium_init() < 0)
		return 0;
	if (password == NULL)
		password = "";
	/* A hash that cannot be checked still costs one hash, so the answer
	 * takes as long as for a real account. */
	if (!password_hash_well_formed(stored_hash)) {
		password_burn(password);
		return 0;
	}
	return crypto_pwhash_str_verify(stored_hash, password, strlen(password)) == 0;
}

int
password_needs_rehash(const char *stored_hash)
{
	if (sodium_init() < 0 || !password_hash_well_formed(stored_hash))
		return 1;
	/* An argon2i hash with the right costs still moves to argon2id. */
	if (strncmp(stored_hash, "$argon2id$", 10) != 0)
		return 1;
	return crypto_pwhash_str_needs_rehash(stored_hash, password_opslimit(), password_memlimit()) != 0;
}

void
password_burn(const char *password)
{
	char scratch[PASSWORD_HASH_SIZE];

	if (password_hash(password ? password : "", scratch) == 0)
		sodium_memzero(scratch, sizeof scratch);
}

/*
 * password: the password rules and argon2id hashing (libsodium
 * crypto_pwhash_str). Cost parameters come from the configuration
 * (BAZAAR_ARGON2_OPSLIMIT, BAZAAR_ARGON2_MEMLIMIT in bytes; defaults are
 * libsodium's INTERACTIVE values); a stored hash made with other parameters
 * is re-made at the next successful login (password_needs_rehash).
 */
#ifndef BAZAAR_PASSWORD_H
#define BAZAAR_PASSWORD_H
#include <stddef.h>

#define PASSWORD_MIN	12	/* characters (UTF-8 code points) */
#define PASSWORD_MAX	128	/* bytes */
#define PASSWORD_HASH_SIZE 128	/* crypto_pwhash_STRBYTES */

/*
 * Checks a new password against the rules: at least PASSWORD_MIN characters,
 * at most PASSWORD_MAX bytes, not the email address (nor its part before the
 * '@', compared without regard to case), not in the list of common passwords
 * shipped in the tree (compared without regard to case). Returns NULL when
 * it is acceptable, else the sentence to show next to the field.
 */
const char *password_problem(const char *password, const char *email);
/* True when the password is in the common-passwords list. */
int password_is_common(const char *password);
/* Hashes with the configured parameters into out. Returns 0, -1 on failure
 * (out of memory). */
int password_hash(const char *password, char out[PASSWORD_HASH_SIZE]);
/* 1 when password matches the stored hash, 0 otherwise (also for a
 * malformed or empty hash). Takes about as long either way. */
int password_verify(const char *stored_hash, const char *password);
/* 1 when the stored hash was made with other parameters than the current. */
int password_needs_rehash(const char *stored_hash);
/* Runs one hash so a login for an unknown address takes as long as one for
 * a known address. */
void password_burn(const char *password);

#endif

/*
 * crypt: personal data at rest (phone numbers, addresses, bank details),
 * sealed with XChaCha20-Poly1305 (libsodium crypto_aead_xchacha20poly1305_ietf).
 *
 * Sealed value layout (binary, stored in VARBINARY columns):
 *   byte 0      format version (1)
 *   bytes 1..4  key id, big-endian uint32
 *   bytes 5..28 nonce (24 random bytes)
 *   rest        ciphertext with its 16-byte tag
 * Associated data is "<table>.<column>.<row id>", so a value moved to another
 * row or column does not open.
 *
 * Keys: the key file BAZAAR_KEY_FILE (default $BAZAAR_VAR/keys/data.key) holds
 * one key per line, "<id> <64 hex chars>"; the last line is the current key
 * (used to seal), every line can open. crypt_init creates the file with one
 * key, mode 0600, when it does not exist, and refuses a file readable by
 * group or others. Keys never go to the database or the log.
 */
#ifndef BAZAAR_CRYPT_H
#define BAZAAR_CRYPT_H
#include <stddef.h>

#define CRYPT_OVERHEAD	(1 + 4 + 24 + 16)	/* bytes added to the plaintext */

/* Loads (or creates) the key file. Returns 0, -1 with the reason logged. */
int crypt_init(void);
/* Loads keys from a given path (tests, tools); create = 1 makes the file. */
int crypt_init_file(const char *path, int create);
void crypt_close(void);
/* Key id used to seal now; 0 when not initialised. */
unsigned crypt_current_key_id(void);
/* Appends a new key to the key file and makes it current (rotation, step 1).
 * Returns the new key id, or 0 on failure. */
unsigned crypt_add_key(void);

/* Seals len bytes of plaintext for (table, column, row_id). Returns a
 * malloc'ed buffer of *out_len bytes, or NULL on failure. */
unsigned char *crypt_seal(const char *table, const char *column, long long row_id,
			  const void *plain, size_t len, size_t *out_len);
/* Opens a sealed value. Returns a malloc'ed NUL-terminated buffer (length in
 * *out_len) or NULL when the value is malformed, the key id unknown or the
 * tag/associated data do not match. The caller frees it with crypt_free,
 * which wipes it. */
char *crypt_open(const char *table, const char *column, long long row_id,
		 const unsigned char *sealed, size_t len, size_t *out_len);
void crypt_free(char *plain, size_t len);

struct arena;
/* Opens a sealed column value read from the database and returns a copy of
 * the text in the arena (the malloc'ed plaintext is wiped), or NULL when the
 * value is absent (NULL sealed or len 0) or does not open (logged with the
 * table, column and row id only). */
const char *crypt_open_text(struct arena *a, const char *table, const char *column, long long row_id,
			    const unsigned char *sealed, size_t len);
struct db_result;
/*
 * The one way a page opens a sealed column: column col of the current row of
 * r, sealed for (table, column, row_id), as text in the arena. Its fallback:
 * "" when the column is NULL or empty (nothing is stored), and unreadable
 * when the value does not open (a lost key, a value copied from another
 * row; crypt_open_text logs the table, column and row id, never the value).
 * Pages that put the value into a form or a download pass "", so nothing
 * false is shown or saved back; the admin pages pass a visible note.
 */
const char *crypt_open_column(struct arena *a, const char *table, const char *column, long long row_id,
			      const struct db_result *r, unsigned col, const char *unreadable);
/* Seals text for (table, column, row_id) and stores it by running sql (for
 * example "UPDATE users SET phone_enc = ? WHERE id = ?") with the binds "bi":
 * the sealed value, then row_id. NULL or empty text stores NULL. Returns 0,
 * or -1 when sealing or the statement failed (logged). */
int crypt_seal_store(const char *sql, const char *table, const char *column, long long row_id,
		     const char *text);
/*
 * A MAC (keyed BLAKE2b, outlen 16..64 bytes) of msg for purpose, a fixed
 * text that keeps the MACs of different uses apart, under a key derived
 * from a key of the key file: the current one (key_id 0) or the one named.
 * Signed links carry the key id, so they still check after a rotation as
 * long as that key's line is kept. Returns the key id used, 0 when there is
 * no such key (or none loaded) or the arguments are wrong.
 */
unsigned crypt_mac(unsigned key_id, const char *purpose, const void *msg, size_t len, unsigned char *out,
		   size_t outlen);
/* Key id of a sealed value, 0 when malformed (used by rotation). */
unsigned crypt_key_id_of(const unsigned char *sealed, size_t len);
/* The key file the configuration names (BAZAAR_KEY_FILE, else
 * $BAZAAR_VAR/keys/data.key) into out. Returns out, NULL when too long. */
const char *crypt_key_path(char *out, size_t size);
/* The ids of the loaded keys, in file order (the last is current), into ids
 * (at most max). Returns how many keys there are. */
size_t crypt_key_ids(unsigned *ids, size_t max);

#endif

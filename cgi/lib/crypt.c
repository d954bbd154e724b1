/*
 * crypt: personal data at rest (see crypt.h for the sealed layout and the
 * key file).
 *
 * The keys live in memory from sodium_malloc (guarded, locked, wiped when
 * freed), read-only except while the ring is being built. A process notices
 * a rotation made by another (bazaar-keys rotate) without a restart: sealing
 * re-reads the key file when it changed on disk, and opening a value whose
 * key id is unknown re-reads it once before giving up.
 */
#include "crypt.h"
#include "arena.h"
#include "cfg.h"
#include "db.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define CRYPT_VERSION	1
#define CRYPT_KEY_BYTES	crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define CRYPT_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define CRYPT_HEADER	(1 + 4 + CRYPT_NONCE_BYTES)
#define CRYPT_FILE_MAX	(1024 * 1024)
#define CRYPT_AD_MAX	256

_Static_assert(CRYPT_OVERHEAD == CRYPT_HEADER + crypto_aead_xchacha20poly1305_ietf_ABYTES,
	       "CRYPT_OVERHEAD must match the sealed layout");

struct crypt_key {
	uint32_t id;
	unsigned char key[CRYPT_KEY_BYTES];
};

/* The keys of one reading of the key file, in file order: the last seals. */
struct crypt_ring {
	struct crypt_key *keys;	/* sodium_malloc'ed */
	size_t count;
};

static struct crypt_ring crypt_ring;
static char crypt_path[PATH_MAX];
static struct stat crypt_loaded;	/* the key file as it was when read */

static void
crypt_ring_free(struct crypt_ring *ring)
{
	if (ring->keys != NULL)
		sodium_free(ring->keys);	/* wipes */
	ring->keys = NULL;
	ring->count = 0;
}

static const struct crypt_key *
crypt_ring_find(const struct crypt_ring *ring, uint32_t id)
{
	size_t i;

	for (i = 0; i < ring->count; i++)
		if (ring->keys[i].id == id)
			return &ring->keys[i];
	return NULL;
}

/* Parses the key file's text into ring. Lines: "<id> <64 hex>"; blank lines
 * and '#' comments are skipped. Errors name the line, never its content. */
static int
crypt_ring_parse(const char *path, const char *text, size_t len, struct crypt_ring *ring)
{
	size_t i, lines = 1, n = 0, lineno = 0;
	const char *p = text, *end = text + len, *eol, *hex;
	char *idend;
	unsigned long long id;
	size_t binlen;

	ring->keys = NULL;
	ring->count = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			lines++;
	if ((ring->keys = sodium_allocarray(lines, sizeof *ring->keys)) == NULL) {
		log_error("crypt.keys", "path=%s msg=\"out of memory\"", log_quote(path));
		return -1;
	}
	for (; p < end; p = eol + 1) {
		lineno++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (p == eol || *p == '#' || (eol - p == 1 && *p == '\r'))
			continue;
		errno = 0;
		id = strtoull(p, &idend, 10);
		if (errno || idend == p || id == 0 || id > UINT32_MAX || idend >= eol ||
		    (*idend != ' ' && *idend != '\t'))
			goto bad;
		hex = idend;
		while (hex < eol && (*hex == ' ' || *hex == '\t'))
			hex++;
		if (sodium_hex2bin(ring->keys[n].key, CRYPT_KEY_BYTES, hex, (size_t)(eol - hex),
				   " \t\r", &binlen, NULL) != 0 || binlen != CRYPT_KEY_BYTES)
			goto bad;
		if (crypt_ring_find(ring, (uint32_t)id) != NULL) {
			log_error("crypt.keys", "path=%s line=%zu msg=\"key id used twice\"",
				  log_quote(path), lineno);
			goto fail;
		}
		ring->keys[n].id = (uint32_t)id;
		ring->count = ++n;
	}
	if (n == 0) {
		log_error("crypt.keys", "path=%s msg=\"the key file holds no key\"", log_quote(path));
		goto fail;
	}
	sodium_mprotect_readonly(ring->keys);
	return 0;
bad:
	log_error("crypt.keys", "path=%s line=%zu msg=\"expected '<id> <64 hex digits>'\"",
		  log_quote(path), lineno);
fail:
	crypt_ring_free(ring);
	return -1;
}

/* Reads the key file into ring, refusing a file that group or others may
 * use. st receives the file's identity, to notice a later change. */
static int
crypt_ring_read(const char *path, struct crypt_ring *ring, struct stat *st)
{
	char *text = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("crypt.keys", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		log_error("crypt.keys", "path=%s msg=\"not a regular file\"", log_quote(path));
		goto out;
	}
	if (st->st_mode & (S_IRWXG | S_IRWXO)) {
		log_error("crypt.keys", "path=%s mode=%04o msg=\"the key file must be readable by its "
			  "owner only: chmod 600 it\"", log_quote(path), (unsigned)(st->st_mode & 07777));
		goto out;
	}
	if (st->st_size > CRYPT_FILE_MAX) {
		log_error("crypt.keys", "path=%s msg=\"larger than 1 MiB\"", log_quote(path));
		goto out;
	}
	if ((text = sodium_malloc((size_t)st->st_size + 1)) == NULL) {
		log_error("crypt.keys", "path=%s msg=\"out of memory\"", log_quote(path));
		goto out;
	}
	while (got < (size_t)st->st_size) {
		n = read(fd, text + got, (size_t)st->st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("crypt.keys", "path=%s msg=\"short read\"", log_quote(path));
			goto out;
		}
		got += (size_t)n;
	}
	rc = crypt_ring_parse(path, text, got, ring);
out:
	if (text != NULL)
		sodium_free(text);
	close(fd);
	return rc;
}

static void
crypt_key_line(const struct crypt_key *k, char line[16 + 2 * CRYPT_KEY_BYTES + 2])
{
	char hex[2 * CRYPT_KEY_BYTES + 1];

	sodium_bin2hex(hex, sizeof hex, k->key, CRYPT_KEY_BYTES);
	snprintf(line, 16 + 2 * CRYPT_KEY_BYTES + 2, "%u %s\n", (unsigned)k->id, hex);
	sodium_memzero(hex, sizeof hex);
}

/* Writes len bytes to a new file next to path and renames it over path
 * (create_only: links it instead, failing with EEXIST when path exists).
 * The file is mode 0600 whatever the umask; as root it keeps the owner of
 * the file it replaces, so the programs can still read it. */
static int
crypt_write_file(const char *path, const char *data, size_t len, int create_only,
		 const struct stat *owner)
{
	char tmp[PATH_MAX + 32];
	size_t done = 0;
	ssize_t n;
	int fd, saved;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld.%08x", path, (long)getpid(),
		     (unsigned)randombytes_random()) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return -1;
	if (fchmod(fd, 0600) != 0)
		goto fail;
	if (owner != NULL && geteuid() == 0 && fchown(fd, owner->st_uid, owner->st_gid) != 0)
		goto fail;
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (create_only) {
		if (link(tmp, path) != 0)
			goto fail;
		unlink(tmp);
	} else if (rename(tmp, path) != 0) {
		goto fail;
	}
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

/* Makes the key file with one new key. Several workers may start at once:
 * the file appears whole or not at all, and a loser of the race reads the
 * winner's file. Returns 0 when the file exists afterwards. */
static int
crypt_create_file(const char *path)
{
	struct crypt_key *k;
	char line[16 + 2 * CRYPT_KEY_BYTES + 2];
	char dir[PATH_MAX], *slash;
	int rc;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0700) == 0) {
			chmod(dir, 0700);	/* whatever the umask */
		} else if (errno != EEXIST) {
			log_error("crypt.keys", "path=%s msg=%s", log_quote(dir), log_quote(strerror(errno)));
			return -1;
		}
	}
	if ((k = sodium_malloc(sizeof *k)) == NULL)
		return -1;
	k->id = 1;
	randombytes_buf(k->key, sizeof k->key);
	crypt_key_line(k, line);
	sodium_free(k);
	rc = crypt_write_file(path, line, strlen(line), 1, NULL);
	sodium_memzero(line, sizeof line);
	if (rc != 0 && errno != EEXIST) {
		log_error("crypt.keys", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	if (rc == 0)
		log_info("crypt.keys", "path=%s key_id=1 msg=\"created the key file: back it up\"",
			 log_quote(path));
	return 0;
}

int
crypt_init_file(const char *path, int create)
{
	struct crypt_ring ring;
	struct stat st;

	if (sodium_init() < 0)
		return -1;
	if (path == NULL || *path == '\0' || strlen(path) >= sizeof crypt_path) {
		log_error("crypt.keys", "msg=\"no usable key file path\"");
		return -1;
	}
	if (create && access(path, F_OK) != 0 && errno == ENOENT && crypt_create_file(path) != 0)
		return -1;
	if (crypt_ring_read(path, &ring, &st) != 0)
		return -1;
	crypt_ring_free(&crypt_ring);
	crypt_ring = ring;
	crypt_loaded = st;
	if (path != crypt_path)
		snprintf(crypt_path, sizeof crypt_path, "%s", path);
	return 0;
}

const char *
crypt_key_path(char *out, size_t size)
{
	const char *path = cfg_str("BAZAAR_KEY_FILE", NULL);
	int n;

	if (path != NULL && *path != '\0')
		n = snprintf(out, size, "%s", path);
	else
		n = snprintf(out, size, "%s/keys/data.key", cfg_str("BAZAAR_VAR", "var/dev"));
	if (n < 0 || (size_t)n >= size) {
		log_error("crypt.keys", "msg=\"the key file path is too long\"");
		return NULL;
	}
	return out;
}

int
crypt_init(void)
{
	char path[PATH_MAX];

	if (crypt_key_path(path, sizeof path) == NULL)
		return -1;
	return crypt_init_file(path, 1);
}

void
crypt_close(void)
{
	crypt_ring_free(&crypt_ring);
	crypt_path[0] = '\0';
	memset(&crypt_loaded, 0, sizeof crypt_loaded);
}

unsigned
crypt_current_key_id(void)
{
	return crypt_ring.count ? crypt_ring.keys[crypt_ring.count - 1].id : 0;
}

size_t
crypt_key_ids(unsigned *ids, size_t max)
{
	size_t i;

	for (i = 0; i < crypt_ring.count && i < max; i++)
		ids[i] = crypt_ring.keys[i].id;
	return crypt_ring.count;
}

/* Re-reads the key file when it is not the one read last (a rotation by
 * another process). Keeps the keys in hand when the new file is unusable. */
static void
crypt_refresh(int force)
{
	struct stat st;

	if (crypt_path[0] == '\0' || stat(crypt_path, &st) != 0)
		return;
	if (!force && st.st_ino == crypt_loaded.st_ino && st.st_dev == crypt_loaded.st_dev &&
	    st.st_size == crypt_loaded.st_size &&
	    st.st_mtim.tv_sec == crypt_loaded.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == crypt_loaded.st_mtim.tv_nsec)
		return;
	if (crypt_init_file(crypt_path, 0) == 0)
		log_info("crypt.keys", "key_id=%u msg=\"re-read the key file\"", crypt_current_key_id());
}

unsigned
crypt_add_key(void)
{
	struct crypt_ring ring;
	struct crypt_key *k = NULL;
	struct stat st;
	char *text = NULL;
	size_t i, len = 0, cap;
	uint32_t id = 0;
	char dir[PATH_MAX], *slash;
	int dirfd = -1;
	unsigned result = 0;

	if (sodium_init() < 0 || crypt_path[0] == '\0') {
		log_error("crypt.rotate", "msg=\"crypt_init first\"");
		return 0;
	}
	/* One rotation at a time: the lock is on the directory, since the file
	 * itself is replaced. */
	snprintf(dir, sizeof dir, "%s", crypt_path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || flock(dirfd, LOCK_EX) != 0) {
		log_error("crypt.rotate", "path=%s msg=%s", log_quote(dir), log_quote(strerror(errno)));
		goto out;
	}
	/* Start from the file as it is now, not as this process last read it. */
	if (crypt_ring_read(crypt_path, &ring, &st) != 0)
		goto out;
	for (i = 0; i < ring.count; i++)
		if (ring.keys[i].id > id)
			id = ring.keys[i].id;
	if (id == UINT32_MAX) {
		log_error("crypt.rotate", "msg=\"no key id left\"");
		crypt_ring_free(&ring);
		goto out;
	}
	cap = (ring.count + 1) * (16 + 2 * CRYPT_KEY_BYTES + 2);
	if ((text = sodium_malloc(cap)) == NULL || (k = sodium_malloc(sizeof *k)) == NULL) {
		crypt_ring_free(&ring);
		goto out;
	}
	for (i = 0; i < ring.count; i++) {
		crypt_key_line(&ring.keys[i], text + len);
		len += strlen(text + len);
	}
	crypt_ring_free(&ring);
	k->id = id + 1;
	randombytes_buf(k->key, sizeof k->key);
	crypt_key_line(k, text + len);
	len += strlen(text + len);
	if (crypt_write_file(crypt_path, text, len, 0, &st) != 0) {
		log_error("crypt.rotate", "path=%s msg=%s", log_quote(crypt_path), log_quote(strerror(errno)));
		goto out;
	}
	fsync(dirfd);
	if (crypt_init_file(crypt_path, 0) != 0)
		goto out;
	result = crypt_current_key_id();
	log_info("crypt.rotate", "path=%s key_id=%u msg=\"added a key: it seals from now on\"",
		 log_quote(crypt_path), result);
out:
	if (k != NULL)
		sodium_free(k);
	if (text != NULL)
		sodium_free(text);
	if (dirfd >= 0)
		close(dirfd);	/* releases the lock */
	return result;
}

static int
crypt_ad(char ad[CRYPT_AD_MAX], const char *table, const char *column, long long row_id)
{
	int n;

	if (table == NULL || column == NULL)
		return -1;
	n = snprintf(ad, CRYPT_AD_MAX, "%s.%s.%lld", table, column, row_id);
	return n > 0 && n < CRYPT_AD_MAX ? n : -1;
}

unsigned char *
crypt_seal(const char *table, const char *column, long long row_id,
	   const void *plain, size_t len, size_t *out_len)
{
	const struct crypt_key *k;
	unsigned char *out;
	unsigned long long clen;
	char ad[CRYPT_AD_MAX];
	int adlen;

	if (out_len)
		*out_len = 0;
	crypt_refresh(0);
	if (crypt_ring.count == 0) {
		log_error("crypt.seal", "msg=\"no keys loaded (crypt_init)\"");
		return NULL;
	}
	if ((adlen = crypt_ad(ad, table, column, row_id)) < 0 || (plain == NULL && len > 0) ||
	    len > SIZE_MAX - CRYPT_OVERHEAD)
		return NULL;
	if ((out = malloc(CRYPT_OVERHEAD + len)) == NULL)
		return NULL;
	k = &crypt_ring.keys[crypt_ring.count - 1];
	out[0] = CRYPT_VERSION;
	out[1] = (unsigned char)(k->id >> 24);
	out[2] = (unsigned char)(k->id >> 16);
	out[3] = (unsigned char)(k->id >> 8);
	out[4] = (unsigned char)k->id;
	randombytes_buf(out + 5, CRYPT_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + CRYPT_HEADER, &clen, plain, len,
						   (const unsigned char *)ad, (size_t)adlen, NULL,
						   out + 5, k->key);
	if (out_len)
		*out_len = CRYPT_HEADER + (size_t)clen;
	return out;
}

unsigned
crypt_mac(unsigned key_id, const char *purpose, const void *msg, size_t len, unsigned char *out, size_t outlen)
{
	static const unsigned char zero = 0;
	unsigned char sub[crypto_generichash_KEYBYTES];
	crypto_generichash_state st;
	const struct crypt_key *k;

	if (purpose == NULL || (msg == NULL && len > 0) || outlen < crypto_generichash_BYTES_MIN ||
	    outlen > crypto_generichash_BYTES_MAX)
		return 0;
	crypt_refresh(0);
	if (key_id == 0)
		k = crypt_ring.count ? &crypt_ring.keys[crypt_ring.count - 1] : NULL;
	else if ((k = crypt_ring_find(&crypt_ring, key_id)) == NULL) {
		crypt_refresh(1);
		k = crypt_ring_find(&crypt_ring, key_id);
	}
	if (k == NULL)
		return 0;
	/* A key of its own for MACs, never the sealing key itself. */
	if (crypto_kdf_derive_from_key(sub, sizeof sub, 1, "bz-mac-1", k->key) != 0)
		return 0;
	crypto_generichash_init(&st, sub, sizeof sub, outlen);
	crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose));
	crypto_generichash_update(&st, &zero, 1);
	if (len > 0)
		crypto_generichash_update(&st, msg, len);
	crypto_generichash_final(&st, out, outlen);
	sodium_memzero(sub, sizeof sub);
	sodium_memzero(&st, sizeof st);
	return k->id;
}

unsigned
crypt_key_id_of(const unsigned char *sealed, size_t len)
{
	if (sealed == NULL || len < CRYPT_OVERHEAD || sealed[0] != CRYPT_VERSION)
		return 0;
	return ((unsigned)sealed[1] << 24) | ((unsigned)sealed[2] << 16) |
	       ((unsigned)sealed[3] << 8) | (unsigned)sealed[4];
}

char *
crypt_open(const char *table, const char *column, long long row_id,
	   const unsigned char *sealed, size_t len, size_t *out_len)
{
	const struct crypt_key *k;
	unsigned long long plen;
	char ad[CRYPT_AD_MAX];
	char *plain;
	unsigned id;
	int adlen;

	if (out_len)
		*out_len = 0;
	if ((id = crypt_key_id_of(sealed, len)) == 0 || (adlen = crypt_ad(ad, table, column, row_id)) < 0)
		return NULL;
	if ((k = crypt_ring_find(&crypt_ring, id)) == NULL) {
		crypt_refresh(1);
		if ((k = crypt_ring_find(&crypt_ring, id)) == NULL) {
			log_error("crypt.open", "table=%s column=%s row=%lld key_id=%u msg=\"unknown key id\"",
				  log_quote(table), log_quote(column), row_id, id);
			return NULL;
		}
	}
	if ((plain = malloc(len - CRYPT_OVERHEAD + 1)) == NULL)
		return NULL;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &plen, NULL,
						       sealed + CRYPT_HEADER, len - CRYPT_HEADER,
						       (const unsigned char *)ad, (size_t)adlen,
						       sealed + 5, k->key) != 0) {
		log_warn("crypt.open", "table=%s column=%s row=%lld key_id=%u msg=\"does not open "
			 "(altered, or sealed for another row or column)\"",
			 log_quote(table), log_quote(column), row_id, id);
		free(plain);
		return NULL;
	}
	plain[plen] = '\0';
	if (out_len)
		*out_len = (size_t)plen;
	return plain;
}

void
crypt_free(char *plain, size_t len)
{
	if (plain == NULL)
		return;
	sodium_memzero(plain, len);
	free(plain);
}

const char *
crypt_open_text(struct arena *a, const char *table, const char *column, long long row_id,
		const unsigned char *sealed, size_t len)
{
	size_t plen;
	char *plain, *copy;

	if (sealed == NULL || len == 0)
		return NULL;
	if ((plain = crypt_open(table, column, row_id, sealed, len, &plen)) == NULL) {
		log_error("crypt.open", "table=%s column=%s row=%lld msg=\"value does not open\"",
			  log_quote(table), log_quote(column), row_id);
		return NULL;
	}
	copy = arena_strndup(a, plain, plen);
	crypt_free(plain, plen);
	return copy;
}

const char *
crypt_open_column(struct arena *a, const char *table, const char *column, long long row_id,
		  const struct db_result *r, unsigned col, const char *unreadable)
{
	const char *text;

	if (db_null(r, col) || db_len(r, col) == 0)
		return "";
	text = crypt_open_text(a, table, column, row_id, (const unsigned char *)db_str(r, col), db_len(r, col));
	return text != NULL ? text : unreadable;
}

int
crypt_seal_store(const char *sql, const char *table, const char *column, long long row_id,
		 const char *text)
{
	unsigned char *sealed;
	size_t len;
	long long n;

	if (text == NULL || *text == '\0')
		return db_exec(sql, "bi", (const void *)NULL, (size_t)0, row_id) < 0 ? -1 : 0;
	if ((sealed = crypt_seal(table, column, row_id, text, strlen(text), &len)) == NULL) {
		log_error("crypt.seal", "table=%s column=%s row=%lld msg=\"could not seal\"",
			  log_quote(table), log_quote(column), row_id);
		return -1;
	}
	n = db_exec(sql, "bi", sealed, len, row_id);
	sodium_memzero(sealed, len);
	free(sealed);
	return n < 0 ? -1 : 0;
}

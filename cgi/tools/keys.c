/*
 * bazaar-keys: the data keys that seal personal data (cgi/lib/crypt.h).
 *
 *   bazaar-keys status                    key ids, and how many values each seals
 *   bazaar-keys rotate                    add a new key, then re-seal every value
 *                                         sealed with an older one
 *   bazaar-keys rotate --reencrypt-only   only the second step (finishes a
 *                                         rotation that was interrupted)
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first; the key file is BAZAAR_KEY_FILE, else
 * $BAZAAR_VAR/keys/data.key, and must exist. Running programs see the new key
 * without a restart. Re-sealing goes through the rows in batches and changes a
 * row only if its value is still the one read, so the shop can stay open.
 * Exit status: 0 done; 1 something failed or some value could not be opened
 * (see the output); 2 bad arguments. docs/operations.md, "Encryption keys".
 */
#include "cfg.h"
#include "crypt.h"
#include "db.h"
#include "log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define KEYS_BATCH "500"
#define KEYS_MAX 1024

/* Key id of a stored value in SQL: 0 when it is not a sealed value. */
#define KEYS_ID_SQL(c) \
	"CASE WHEN LENGTH(" c ") >= 45 AND ASCII(" c ") = 1 " \
	"THEN CAST(CONV(HEX(SUBSTRING(" c ", 2, 4)), 16, 10) AS UNSIGNED) ELSE 0 END"

/*
 * Every sealed column, with its constant statements. updated_at is kept as
 * it was: re-sealing changes no one's data.
 */
#define KEYS_COLUMN(t, c, keep)                                                              \
	{ t, c,                                                                              \
	  "SELECT id, " c " FROM " t " WHERE " c " IS NOT NULL AND id > ? AND "              \
	  KEYS_ID_SQL(c) " <> ? ORDER BY id LIMIT " KEYS_BATCH,                              \
	  "UPDATE " t " SET " c " = ?" keep " WHERE id = ? AND " c " = ?",                   \
	  "SELECT " KEYS_ID_SQL(c) " AS k, COUNT(*) FROM " t " WHERE " c " IS NOT NULL "     \
	  "GROUP BY k ORDER BY k" }

struct keys_column {
	const char *table;
	const char *column;
	const char *select_sql;	/* id, value: after id ?, sealed with another key than ? */
	const char *update_sql;	/* new value ?, id ?, old value ? */
	const char *count_sql;	/* key id, values */
};

static const struct keys_column keys_columns[] = {
	KEYS_COLUMN("users", "phone_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("users", "totp_secret_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("vendors", "address_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("vendors", "phone_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("vendors", "bank_holder_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("vendors", "bank_account_enc", ", updated_at = updated_at"),
	KEYS_COLUMN("addresses", "body_enc", ", updated_at = updated_at"),
};
#define KEYS_NCOLUMNS (sizeof keys_columns / sizeof keys_columns[0])

struct keys_count {
	unsigned long long resealed;	/* moved to the current key */
	unsigned long long changed;	/* rewritten by someone else meanwhile: left alone */
	unsigned long long unreadable;	/* malformed, or does not open with its key */
};

static int
keys_usage(void)
{
	fprintf(stderr, "usage: bazaar-keys status\n"
			"       bazaar-keys rotate [--reencrypt-only]\n");
	return 2;
}

/* Re-seals one column's values that use another key than the current one. */
static int
keys_reseal_column(const struct keys_column *col, unsigned current, struct keys_count *n)
{
	struct db_result *r;
	long long last = 0, id, affected;
	const unsigned char *old;
	unsigned char *sealed;
	size_t oldlen, plen, slen;
	char *plain;

	for (;;) {
		if ((r = db_query(col->select_sql, "ii", last, (long long)current)) == NULL) {
			fprintf(stderr, "bazaar-keys: %s.%s: %s\n", col->table, col->column, db_error());
			return -1;
		}
		if (db_rows(r) == 0) {
			db_free(r);
			return 0;
		}
		if (db_begin() != 0) {
			db_free(r);
			fprintf(stderr, "bazaar-keys: %s.%s: %s\n", col->table, col->column, db_error());
			return -1;
		}
		while (db_next(r)) {
			id = db_int(r, 0);
			old = (const unsigned char *)db_str(r, 1);
			oldlen = db_len(r, 1);
			last = id;
			plain = crypt_open(col->table, col->column, id, old, oldlen, &plen);
			if (plain == NULL) {
				fprintf(stderr, "bazaar-keys: %s.%s row %lld (key %u) does not open: left as it is\n",
					col->table, col->column, id, crypt_key_id_of(old, oldlen));
				n->unreadable++;
				continue;
			}
			sealed = crypt_seal(col->table, col->column, id, plain, plen, &slen);
			crypt_free(plain, plen);
			if (sealed == NULL)
				goto fail;
			affected = db_exec(col->update_sql, "bib", sealed, slen, id, old, oldlen);
			free(sealed);
			if (affected < 0)
				goto fail;
			if (affected == 0)
				n->changed++;
			else
				n->resealed++;
		}
		db_free(r);
		if (db_commit() != 0) {
			fprintf(stderr, "bazaar-keys: %s.%s: %s\n", col->table, col->column, db_error());
			db_rollback();
			return -1;
		}
	}
fail:
	fprintf(stderr, "bazaar-keys: %s.%s: %s\n", col->table, col->column, db_error());
	db_free(r);
	db_rollback();
	return -1;
}

static int
keys_rotate(int reencrypt_only)
{
	struct keys_count total = { 0, 0, 0 }, n;
	unsigned current;
	size_t i;
	int rc = 0;

	if (!reencrypt_only) {
		if ((current = crypt_add_key()) == 0) {
			fprintf(stderr, "bazaar-keys: could not add a key (see the log line above); nothing changed\n");
			return 1;
		}
		printf("added key %u: it seals new values from now on\n", current);
	}
	current = crypt_current_key_id();
	printf("re-sealing values of older keys with key %u\n", current);
	for (i = 0; i < KEYS_NCOLUMNS; i++) {
		memset(&n, 0, sizeof n);
		if (keys_reseal_column(&keys_columns[i], current, &n) != 0)
			rc = 1;
		printf("%s.%s: %llu re-sealed, %llu changed meanwhile, %llu could not be opened\n",
		       keys_columns[i].table, keys_columns[i].column, n.resealed, n.changed, n.unreadable);
		total.resealed += n.resealed;
		total.changed += n.changed;
		total.unreadable += n.unreadable;
	}
	printf("total: %llu re-sealed, %llu changed meanwhile, %llu could not be opened\n",
	       total.resealed, total.changed, total.unreadable);
	if (total.unreadable > 0)
		fprintf(stderr, "bazaar-keys: %llu values do not open (damaged, copied from another row, "
				"or sealed with a key missing from the key file): they were left as they are\n",
			total.unreadable);
	if (rc != 0)
		fprintf(stderr, "bazaar-keys: stopped by an error: run 'bazaar-keys rotate --reencrypt-only' "
				"to finish\n");
	if (rc != 0 || total.unreadable > 0)
		return 1;
	if (total.changed > 0)
		printf("values changed meanwhile were sealed by the shop itself; "
		       "'bazaar-keys status' shows what is left\n");
	return 0;
}

static int
keys_status(const char *path)
{
	unsigned ids[KEYS_MAX];
	unsigned long long *per_key, unknown = 0, malformed = 0;
	size_t count, i, k;
	struct db_result *r;
	struct stat st;
	int rc = 0;

	count = crypt_key_ids(ids, KEYS_MAX);
	if (count > KEYS_MAX)
		count = KEYS_MAX;
	if (stat(path, &st) == 0)
		printf("key file: %s (mode %04o)\n", path, (unsigned)(st.st_mode & 07777));
	printf("keys:");
	for (i = 0; i < count; i++)
		printf(" %u", ids[i]);
	printf(" (current: %u)\n", crypt_current_key_id());
	if ((per_key = calloc(count ? count : 1, sizeof *per_key)) == NULL)
		return 1;
	for (i = 0; i < KEYS_NCOLUMNS; i++) {
		const struct keys_column *col = &keys_columns[i];
		if ((r = db_query(col->count_sql, "")) == NULL) {
			fprintf(stderr, "bazaar-keys: %s.%s: %s\n", col->table, col->column, db_error());
			rc = 1;
			continue;
		}
		printf("%s.%s:", col->table, col->column);
		if (db_rows(r) == 0)
			printf(" no values");
		while (db_next(r)) {
			unsigned long long id = (unsigned long long)db_int(r, 0), values = (unsigned long long)db_int(r, 1);
			if (id == 0) {
				printf(" %llu malformed", values);
				malformed += values;
				continue;
			}
			printf(" key %llu: %llu", id, values);
			for (k = 0; k < count && ids[k] != id; k++)
				;
			if (k < count) {
				per_key[k] += values;
			} else {
				printf(" (not in the key file!)");
				unknown += values;
			}
		}
		printf("\n");
		db_free(r);
	}
	printf("values by key:");
	for (i = 0; i < count; i++)
		printf(" key %u: %llu%s", ids[i], per_key[i], i + 1 == count ? " (current)" : "");
	printf("\n");
	if (unknown || malformed) {
		printf("warning: %llu values use a key that is not in the key file and %llu are malformed: "
		       "they cannot be opened\n", unknown, malformed);
		rc = 1;
	}
	free(per_key);
	return rc;
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX] = "";
	int rc, reencrypt_only = 0;

	log_init("bazaar-keys");
	if (argc < 2)
		return keys_usage();
	if (strcmp(argv[1], "rotate") == 0 && argc == 3 && strcmp(argv[2], "--reencrypt-only") == 0)
		reencrypt_only = 1;
	else if (!((strcmp(argv[1], "rotate") == 0 || strcmp(argv[1], "status") == 0) && argc == 2))
		return keys_usage();
	if (cfg_load() != 0)
		return 1;
	/* An existing key file only: making a new one here would seal nothing
	 * the shop can open if the settings point at the wrong place. */
	if (crypt_key_path(path, sizeof path) == NULL || crypt_init_file(path, 0) != 0) {
		fprintf(stderr, "bazaar-keys: cannot use the key file %s (see the log line above); "
				"check BAZAAR_KEY_FILE or BAZAAR_VAR\n", path);
		return 1;
	}
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-keys: cannot reach the database (see the log line above)\n");
		crypt_close();
		return 1;
	}
	if (strcmp(argv[1], "status") == 0)
		rc = keys_status(path);
	else
		rc = keys_rotate(reencrypt_only);
	db_close();
	crypt_close();
	return rc;
}

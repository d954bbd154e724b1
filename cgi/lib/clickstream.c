/* clickstream: see clickstream.h. */
#include "clickstream.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "job.h"
#include "log.h"
#include "text.h"

#define CLICKSTREAM_BATCH	500
#define CLICKSTREAM_READ	(1024 * 1024)	/* bytes read a batch at most */
#define CLICKSTREAM_SALT_LEN	32
#define CLICKSTREAM_SALT_DAYS	2		/* salts older than this are deleted */
#define CLICKSTREAM_ID_MAX	64

/* Copies s into out (outsz bytes) cut to max characters at a character
 * boundary; a byte that does not start a valid character ends the copy. */
static void
clickstream_copy(char *out, size_t outsz, const char *s, size_t max)
{
	size_t len = strlen(s), at = 0, chars = 0, n;
	uint32_t cp;

	while (at < len && chars < max) {
		n = text_utf8_char(s + at, len - at, &cp);
		if (n == 0 || at + n >= outsz)
			break;
		at += n;
		chars++;
	}
	memcpy(out, s, at);
	out[at] = '\0';
}

/* A whole number of 1 to 18 digits (an id), or 0. */
static long long
clickstream_id(const char *s)
{
	long long v = 0;
	size_t i;

	if (s == NULL || *s == '\0' || *s == '0' || strlen(s) > 18)
		return 0;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The product id of a product page's path "/p/<id>-<slug>", or 0. */
static long long
clickstream_product(const char *path)
{
	char digits[20];
	size_t n = 0;

	if (strncmp(path, "/p/", 3) != 0)
		return 0;
	path += 3;
	while (path[n] >= '0' && path[n] <= '9' && n < sizeof digits - 1) {
		digits[n] = path[n];
		n++;
	}
	digits[n] = '\0';
	if (path[n] != '-' || path[n + 1] == '\0')
		return 0;
	return clickstream_id(digits);
}

static const char *
clickstream_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

int
clickstream_parse(const char *line, size_t len, struct clickstream_hit *hit)
{
	json_error_t err;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	const char *t, *path, *status;
	char *end;
	double secs;
	time_t whole;
	struct tm tm;
	unsigned ms;
	int rc = -1;

	memset(hit, 0, sizeof *hit);
	if (o == NULL || !json_is_object(o))
		goto out;
	t = clickstream_member(o, "t");
	path = clickstream_member(o, "u");
	status = clickstream_member(o, "s");
	errno = 0;
	secs = strtod(t, &end);
	if (*t == '\0' || *end != '\0' || errno != 0 || secs < 0 || secs > 32503680000.0 || path[0] != '/')
		goto out;
	whole = (time_t)secs;
	ms = (unsigned)((secs - (double)whole) * 1000.0 + 0.5) % 1000u;
	if (gmtime_r(&whole, &tm) == NULL)
		goto out;
	strftime(hit->day, sizeof hit->day, "%Y-%m-%d", &tm);
	strftime(hit->at, sizeof hit->at, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(hit->at + 19, sizeof hit->at - 19, ".%03u", ms);
	rc = 0;
	if (strcmp(status, "200") != 0)
		goto out;
	clickstream_copy(hit->path, sizeof hit->path, path, CLICKSTREAM_PATH_MAX);
	clickstream_copy(hit->referrer, sizeof hit->referrer, clickstream_member(o, "r"), CLICKSTREAM_PATH_MAX);
	if (strcmp(hit->referrer, "-") == 0)
		hit->referrer[0] = '\0';
	snprintf(hit->ip, sizeof hit->ip, "%s", clickstream_member(o, "ip"));
	snprintf(hit->ua, sizeof hit->ua, "%s", clickstream_member(o, "ua"));
	hit->product_id = clickstream_product(path);
	if (strcmp(path, "/_i") == 0) {
		hit->kind = "impression";
		hit->promotion_id = clickstream_id(clickstream_member(o, "p"));
		rc = hit->promotion_id > 0;
	} else if (hit->product_id > 0 && (hit->promotion_id = clickstream_id(clickstream_member(o, "sp"))) > 0) {
		hit->kind = "click";
		rc = 1;
	} else {
		hit->kind = "view";
		hit->promotion_id = 0;
		rc = 1;
	}
out:
	json_decref(o);
	return rc;
}

void
clickstream_visitor(const unsigned char *salt, const char *ip, const char *ua,
		    unsigned char out[CLICKSTREAM_VISITOR_LEN])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, salt, CLICKSTREAM_SALT_LEN, CLICKSTREAM_VISITOR_LEN);
	crypto_generichash_update(&st, (const unsigned char *)ip, strlen(ip) + 1);	/* with the NUL */
	crypto_generichash_update(&st, (const unsigned char *)ua, strlen(ua));
	crypto_generichash_final(&st, out, CLICKSTREAM_VISITOR_LEN);
}

/* ---- loading ------------------------------------------------------------------ */

/* The salts of the days a batch met (a log rarely spans more than two). */
struct clickstream_salts {
	char day[4][11];
	unsigned char salt[4][CLICKSTREAM_SALT_LEN];
	int n;
};

/* The salt of day: made once per day by whichever loader needs it first. */
static const unsigned char *
clickstream_salt(struct clickstream_salts *s, const char *day)
{
	struct db_result *r;
	int i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->day[i], day) == 0)
			return s->salt[i];
	if (db_exec("INSERT IGNORE INTO clickstream_salts (day, salt) VALUES (?, RANDOM_BYTES(32))", "s", day) < 0)
		return NULL;
	r = db_query("SELECT salt FROM clickstream_salts WHERE day = ?", "s", day);
	if (r == NULL || !db_next(r) || db_len(r, 0) != CLICKSTREAM_SALT_LEN) {
		db_free(r);
		return NULL;
	}
	i = s->n < 4 ? s->n++ : 3;
	snprintf(s->day[i], sizeof s->day[i], "%s", day);
	memcpy(s->salt[i], db_str(r, 0), CLICKSTREAM_SALT_LEN);
	db_free(r);
	return s->salt[i];
}

/*
 * The rows of a batch go to MariaDB in one statement: the hits as one JSON
 * array of arrays [at, kind, path, product, promotion, visitor (hex),
 * referrer], unpacked by JSON_TABLE. A statement a row cost the database
 * a round trip, a parse and a commit-log record per page view, which under
 * load took a quarter of two cores away from the pages themselves.
 *
 * What a row becomes, as the promotions table says at load time:
 * - a view: product_id from the path (NULL when none), no promotion;
 * - an impression: the promotion's product; nothing when no such promotion;
 * - a click: a click on the promotion when it promotes that product,
 *   otherwise a plain view of the product.
 */
#define CLICKSTREAM_INSERT_SQL \
	"INSERT INTO clickstream (at, kind, path, product_id, promotion_id, visitor, referrer)" \
	" SELECT j.at, IF(j.kind = 'click' AND pr.id IS NULL, 'view', j.kind), j.path," \
	" IF(j.kind = 'impression', pr.product_id, NULLIF(j.product, 0))," \
	" IF(j.kind = 'view', NULL, pr.id), UNHEX(j.visitor), NULLIF(j.referrer, '')" \
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (" \
	"  ord FOR ORDINALITY," \
	"  at VARCHAR(32) PATH '$[0]'," \
	"  kind VARCHAR(10) PATH '$[1]'," \
	"  path VARCHAR(500) CHARACTER SET utf8mb4 PATH '$[2]'," \
	"  product BIGINT UNSIGNED PATH '$[3]'," \
	"  promotion BIGINT UNSIGNED PATH '$[4]'," \
	"  visitor CHAR(32) PATH '$[5]'," \
	"  referrer VARCHAR(500) CHARACTER SET utf8mb4 PATH '$[6]')) j" \
	" LEFT JOIN promotions pr ON pr.id = j.promotion" \
	"  AND (j.kind = 'impression' OR (j.kind = 'click' AND pr.product_id = j.product))" \
	" WHERE j.kind <> 'impression' OR pr.id IS NOT NULL" \
	" ORDER BY j.ord"

/* Adds one hit to the batch's array; 0, or -1 when it cannot be built. */
static int
clickstream_add(json_t *rows, const struct clickstream_hit *h, const unsigned char *visitor)
{
	char hex[CLICKSTREAM_VISITOR_LEN * 2 + 1];

	sodium_bin2hex(hex, sizeof hex, visitor, CLICKSTREAM_VISITOR_LEN);
	return json_array_append_new(rows, json_pack("[sssIIss]", h->at, h->kind, h->path,
						      (json_int_t)h->product_id, (json_int_t)h->promotion_id,
						      hex, h->referrer));
}

/* Inserts the batch's rows; the number written (impressions of promotions
 * that do not exist are not), or -1 on error. */
static long long
clickstream_insert(json_t *rows)
{
	char *doc;
	long long n;

	if (json_array_size(rows) == 0)
		return 0;
	if ((doc = json_dumps(rows, JSON_COMPACT)) == NULL)
		return -1;
	n = db_exec(CLICKSTREAM_INSERT_SQL, "s", doc);
	free(doc);
	return n;
}

/* Where the loader stands in a log. */
struct clickstream_pos {
	char file_id[CLICKSTREAM_ID_MAX];
	long long offset;
	char old_id[CLICKSTREAM_ID_MAX];
	long long old_offset;
};

/* The identity of a file (device:inode) and its size; 0, -1 when there is
 * no such file, -2 when it cannot be looked at (logged). */
static int
clickstream_stat(const char *path, char *id, size_t idsz, long long *size)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return -1;
		log_error("clickstream.stat", "file=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -2;
	}
	if (!S_ISREG(st.st_mode))
		return -1;
	snprintf(id, idsz, "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	*size = (long long)st.st_size;
	return 0;
}

/* What the next batch reads: the file, its identity and where to start;
 * *old is set when it is the file before the last rotation. Updates *pos
 * when the log was rotated or truncated. Returns 1 with something to read, 0
 * with nothing, -1 when the log cannot be looked at. */
static int
clickstream_next(const struct clickstream_source *src, struct clickstream_pos *pos, char *file, size_t filesz,
		 long long *from, int *old)
{
	char cur_id[CLICKSTREAM_ID_MAX], rot_id[CLICKSTREAM_ID_MAX], rotated[4096];
	long long cur_size = 0, rot_size = 0;
	int have_cur, have_rot;

	snprintf(rotated, sizeof rotated, "%s.1", src->path);
	have_cur = clickstream_stat(src->path, cur_id, sizeof cur_id, &cur_size);
	have_rot = clickstream_stat(rotated, rot_id, sizeof rot_id, &rot_size);
	if (have_cur == -2 || have_rot == -2)
		return -1;
	have_cur = have_cur == 0;
	have_rot = have_rot == 0;
	*old = 0;
	/* lines a late writer added to the file before the last rotation */
	if (have_rot && pos->old_id[0] && strcmp(rot_id, pos->old_id) == 0 && rot_size > pos->old_offset) {
		snprintf(file, filesz, "%s", rotated);
		*from = pos->old_offset;
		*old = 1;
		return 1;
	}
	if (have_rot && pos->file_id[0] && strcmp(rot_id, pos->file_id) == 0) {
		/* rotated since the last look: finish it, then the new log */
		if (rot_size > pos->offset) {
			snprintf(file, filesz, "%s", rotated);
			*from = pos->offset;
			return 1;
		}
		if (!have_cur || strcmp(cur_id, pos->file_id) == 0)
			return 0;	/* nginx has not opened the new log yet */
		snprintf(pos->old_id, sizeof pos->old_id, "%s", pos->file_id);
		pos->old_offset = pos->offset;
		snprintf(pos->file_id, sizeof pos->file_id, "%s", cur_id);
		pos->offset = 0;
	}
	if (!have_cur)
		return 0;
	if (strcmp(cur_id, pos->file_id) != 0) {
		/* the first look, or a log whose predecessor is gone */
		snprintf(pos->file_id, sizeof pos->file_id, "%s", cur_id);
		pos->offset = 0;
	}
	if (cur_size < pos->offset)
		pos->offset = 0;	/* truncated in place */
	snprintf(file, filesz, "%s", src->path);
	*from = pos->offset;
	return cur_size > pos->offset;
}

/* Reads up to CLICKSTREAM_READ bytes of file from offset, if it is still the
 * file id names; returns the bytes up to and with the last newline in a
 * malloc'd buffer (*len, 0 when no whole line is there), or NULL on error. */
static char *
clickstream_read(const char *file, const char *id, long long offset, size_t *len)
{
	char have[CLICKSTREAM_ID_MAX];
	struct stat st;
	char *buf;
	ssize_t n;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	*len = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return NULL;
	}
	snprintf(have, sizeof have, "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	if ((buf = malloc(CLICKSTREAM_READ)) == NULL) {
		close(fd);
		return NULL;
	}
	if (strcmp(have, id) != 0) {	/* rotated between the look and the open */
		close(fd);
		return buf;
	}
	n = pread(fd, buf, CLICKSTREAM_READ, (off_t)offset);
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	while (n > 0 && buf[n - 1] != '\n')
		n--;
	if (n == 0 && (size_t)st.st_size - (size_t)offset >= CLICKSTREAM_READ) {
		/* a line longer than a whole read: skip it rather than stop here */
		log_warn("clickstream.long_line", "offset=%lld", offset);
		memset(buf, ' ', CLICKSTREAM_READ - 1);
		buf[CLICKSTREAM_READ - 1] = '\n';
		n = CLICKSTREAM_READ;
	}
	*len = (size_t)n;
	return buf;
}

/* One batch in one transaction: 1 when it moved on, 0 when there was
 * nothing new, 2 when another loader holds the position, -1 on error. */
static int
clickstream_batch(const struct clickstream_source *src, struct clickstream_stats *st)
{
	struct clickstream_pos pos, was;
	struct clickstream_salts salts = { .n = 0 };
	struct clickstream_hit hit;
	struct db_result *r;
	char file[4096], *buf = NULL;
	unsigned char visitor[CLICKSTREAM_VISITOR_LEN];
	const unsigned char *salt;
	long long from = 0, batch = src->batch > 0 ? src->batch : CLICKSTREAM_BATCH, lines = 0, rows = 0, skipped = 0;
	size_t len = 0, at = 0;
	json_t *hits = NULL;
	long long k;
	int old = 0, rc = -1, p;

	if (db_exec("INSERT IGNORE INTO clickstream_sources (name) VALUES (?)", "s", src->name) < 0)
		return -1;
	if (db_begin() != 0)
		return -1;
	r = db_query("SELECT file_id, file_offset, old_file_id, old_offset FROM clickstream_sources"
		     " WHERE name = ? FOR UPDATE SKIP LOCKED", "s", src->name);
	if (r == NULL)
		goto fail;
	if (!db_next(r)) {
		db_free(r);
		db_rollback();
		return 2;
	}
	snprintf(pos.file_id, sizeof pos.file_id, "%s", db_str(r, 0));
	pos.offset = db_int(r, 1);
	snprintf(pos.old_id, sizeof pos.old_id, "%s", db_str(r, 2));
	pos.old_offset = db_int(r, 3);
	db_free(r);
	was = pos;
	if ((hits = json_array()) == NULL)
		goto fail;

	if ((p = clickstream_next(src, &pos, file, sizeof file, &from, &old)) < 0)
		goto fail;
	if (p > 0) {
		buf = clickstream_read(file, old ? pos.old_id : pos.file_id, from, &len);
		if (buf == NULL) {
			log_error("clickstream.read", "file=%s msg=%s", log_quote(file), log_quote(strerror(errno)));
			goto fail;
		}
	}
	while (at < len && lines < batch) {
		char *nl = memchr(buf + at, '\n', len - at);
		size_t n = (size_t)(nl - (buf + at));

		lines++;
		p = clickstream_parse(buf + at, n, &hit);
		at += n + 1;
		if (p != 1) {
			skipped++;
			continue;
		}
		if ((salt = clickstream_salt(&salts, hit.day)) == NULL)
			goto fail;
		clickstream_visitor(salt, hit.ip, hit.ua, visitor);
		if (clickstream_add(hits, &hit, visitor) != 0)
			goto fail;
	}
	if ((rows = clickstream_insert(hits)) < 0)
		goto fail;
	skipped += (long long)json_array_size(hits) - rows;
	if (src->after_row)
		for (k = 1; k <= rows; k++)
			if (src->after_row(st->rows + k, src->arg) != 0)
				goto fail;
	if (old)
		pos.old_offset = from + (long long)at;
	else if (len > 0)
		pos.offset = from + (long long)at;
	if (at == 0 && memcmp(&pos, &was, sizeof pos) == 0) {
		rc = 0;		/* nothing new */
		db_rollback();
		goto out;
	}
	if (db_exec("UPDATE clickstream_sources SET file_id = ?, file_offset = ?, old_file_id = ?, old_offset = ?,"
		    " lines_loaded = lines_loaded + ?, lines_skipped = lines_skipped + ? WHERE name = ?",
		    "sisiiis", pos.file_id, pos.offset, pos.old_id, pos.old_offset, rows, skipped, src->name) < 0)
		goto fail;
	if (db_commit() != 0)
		goto fail;
	st->rows += rows;
	st->skipped += skipped;
	st->batches++;
	rc = 1;
	goto out;
fail:
	if (db_in_transaction())
		db_rollback();
	rc = -1;
out:
	json_decref(hits);
	free(buf);
	return rc;
}

int
clickstream_load(const struct clickstream_source *src, struct clickstream_stats *st)
{
	char cutoff[11];
	time_t old = time(NULL) - (time_t)CLICKSTREAM_SALT_DAYS * 86400;
	struct tm tm;
	int rc;

	memset(st, 0, sizeof *st);
	/* Salts older than two days can no longer be asked for: forget them,
	 * so that no hash can be recomputed from a later log. */
	gmtime_r(&old, &tm);
	strftime(cutoff, sizeof cutoff, "%Y-%m-%d", &tm);
	if (db_exec("DELETE FROM clickstream_salts WHERE day < ?", "s", cutoff) < 0)
		return -1;
	do {
		rc = clickstream_batch(src, st);
	} while (rc == 1 && !job_stopping());
	if (rc == 2 && st->batches == 0)
		st->busy = 1;
	return rc < 0 ? -1 : 0;
}

struct db_result *
clickstream_promotion_days(long long promotion_id)
{
	return db_query("SELECT DATE_FORMAT(at, '%Y-%m-%d') AS day, SUM(kind = 'impression'), SUM(kind = 'click')"
			" FROM clickstream WHERE promotion_id = ? GROUP BY day ORDER BY day", "i", promotion_id);
}

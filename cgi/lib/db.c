/*
 * db: MariaDB through Connector/C, prepared statements only.
 *
 * The worker keeps one connection and a small cache of prepared statements
 * keyed by their SQL text. Every call buffers its whole result: the rows are
 * copied as text into one allocation, so a result outlives the statement and
 * the next query may reuse it.
 *
 * Lost connections are recovered by hand (MYSQL_OPT_RECONNECT would reconnect
 * silently and leave every prepared statement dead): outside a transaction
 * the call closes the connection, reconnects, prepares again and retries
 * once. Inside a transaction the server has already rolled the work back, so
 * the call fails and marks the transaction broken; db_tx then runs the whole
 * transaction again, as it does after a deadlock.
 */
#include "db.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <mysql.h>
#include <sodium.h>

#include "buf.h"
#include "cfg.h"
#include "log.h"

#define DB_STMT_SLOTS	128	/* prepared statements kept per connection */
#define DB_STMT_PROBE	8	/* slots searched from a statement's home slot */
#define DB_TX_RETRIES	3	/* extra runs of a transaction after a deadlock */
#define DB_MIN_CELL	64	/* room for a number or date read as text */

#define DB_ER_SERVER_SHUTDOWN	1053
#define DB_ER_DUP_ENTRY		1062
#define DB_ER_LOCK_DEADLOCK	1213
#define DB_ER_UNKNOWN_STMT	1243
#define DB_ER_DUP_ENTRY_WITH_KEY_NAME	1586
#define DB_ER_CONNECTION_KILLED	1927
#define DB_ER_CLIENT_TIMEOUT	4031
#define DB_CR_SERVER_GONE	2006
#define DB_CR_SERVER_LOST	2013
#define DB_CR_PARAM_COUNT	2034
#define DB_CR_SERVER_LOST_EXT	2055

struct db_cell {
	const char *text;	/* NULL for SQL NULL */
	size_t len;
};

struct db_result {
	size_t rows;
	size_t next;		/* rows already returned by db_next */
	unsigned cols;
	struct db_cell *cells;	/* rows * cols, row-major; text follows */
};

struct db_stmt_slot {
	char *sql;
	MYSQL_STMT *stmt;
	unsigned long hash;
};

struct db_params {
	unsigned count;
	MYSQL_BIND *bind;
	long long *ints;
	unsigned long *lens;
};

static MYSQL *db_conn;
static struct db_stmt_slot db_stmts[DB_STMT_SLOTS];
static unsigned db_last_errno;
static char db_last_error[256];
static unsigned long long db_last_insert_id;
static int db_tx_open;		/* between db_begin and commit/rollback */
static int db_tx_broken;	/* the server rolled it back: commit refuses */
static int db_tx_retry;		/* it failed in a way that running it again may fix */
static int db_down;		/* the last attempt to connect failed */

static void db_set_error(unsigned err, const char *msg)
{
	db_last_errno = err;
	snprintf(db_last_error, sizeof db_last_error, "%s", msg ? msg : "");
}

/*
 * The server's message can quote the data of the statement ("Duplicate entry
 * 'someone@example.com' for key ..."): for such errors only the number and
 * the key's name are logged, never the value.
 */
static void db_log_error(const char *sql)
{
	const char *key;

	if (db_is_duplicate()) {
		key = strstr(db_last_error, " for key ");
		log_error("db.error", "errno=%u sql=%s msg=%s", db_last_errno, log_quote(sql),
			  log_quote(key ? key + 1 : "duplicate entry"));
		return;
	}
	log_error("db.error", "errno=%u sql=%s msg=%s", db_last_errno,
		  log_quote(sql), log_quote(db_last_error));
}

int db_is_duplicate(void)
{
	return db_last_errno == DB_ER_DUP_ENTRY || db_last_errno == DB_ER_DUP_ENTRY_WITH_KEY_NAME;
}

/* The connection is gone (or as good as gone) and must be made anew. */
static int db_lost(unsigned err)
{
	switch (err) {
	case DB_CR_SERVER_GONE:
	case DB_CR_SERVER_LOST:
	case DB_CR_SERVER_LOST_EXT:
	case DB_ER_SERVER_SHUTDOWN:
	case DB_ER_CONNECTION_KILLED:
	case DB_ER_CLIENT_TIMEOUT:
	case DB_ER_UNKNOWN_STMT:
		return 1;
	}
	return 0;
}

/* A statement that only reads may run again after the connection broke
 * mid-flight; a write may have been applied, so it must not. */
static int db_read_only(const char *sql)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT", 6) == 0 || strncasecmp(sql, "SHOW", 4) == 0;
}

static unsigned long db_hash(const char *s)
{
	unsigned long h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void db_stmt_clear(void)
{
	for (int i = 0; i < DB_STMT_SLOTS; i++) {
		if (db_stmts[i].stmt)
			mysql_stmt_close(db_stmts[i].stmt);
		free(db_stmts[i].sql);
		db_stmts[i] = (struct db_stmt_slot){0};
	}
}

/* Forgets the connection and its statements. The server rolls back an open
 * transaction of a connection that goes away. */
static void db_drop(void)
{
	if (db_conn) {
		/* Close first: the statements then free without a round trip. */
		mysql_close(db_conn);
		db_conn = NULL;
	}
	db_stmt_clear();
}

int db_connect(void)
{
	if (db_conn)
		return 0;
	MYSQL *c = mysql_init(NULL);
	if (!c) {
		db_set_error(0, "out of memory");
		return -1;
	}
	unsigned timeout = (unsigned)cfg_int_in("BAZAAR_DB_TIMEOUT", 5, 1, 3599);
	unsigned int off = 0;	/* read as an unsigned int by Connector/C */
	mysql_optionsv(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(c, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_optionsv(c, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	mysql_optionsv(c, MYSQL_OPT_LOCAL_INFILE, &off);
	mysql_optionsv(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* NOW() and CURRENT_TIMESTAMP in UTC, whatever the server's zone:
	 * DATETIME columns hold UTC (schema/0001). */
	mysql_optionsv(c, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");

	const char *sock = cfg_str("BAZAAR_DB_SOCKET", NULL);
	if (sock && !*sock)
		sock = NULL;
	const char *host = sock ? "localhost" : cfg_str("BAZAAR_DB_HOST", "127.0.0.1");
	long long port = sock ? 0 : cfg_int("BAZAAR_DB_PORT", 3306);
	if (!mysql_real_connect(c, host, cfg_str("BAZAAR_DB_USER", NULL),
				cfg_str("BAZAAR_DB_PASSWORD", NULL),
				cfg_str("BAZAAR_DB_NAME", "bazaar"),
				(unsigned)port, sock, 0)) {
		db_set_error(mysql_errno(c), mysql_error(c));
		log_error("db.connect", "errno=%u where=%s msg=%s", db_last_errno,
			  log_quote(sock ? sock : host), log_quote(db_last_error));
		mysql_close(c);
		db_down = 1;
		return -1;
	}
	db_conn = c;
	db_down = 0;
	return 0;
}

int db_unavailable(void)
{
	return db_down;
}

void db_close(void)
{
	db_drop();
	db_tx_open = db_tx_broken = db_tx_retry = 0;
}

int db_ping(void)
{
	if (db_conn && mysql_ping(db_conn) == 0)
		return 0;
	if (db_conn) {
		db_set_error(mysql_errno(db_conn), mysql_error(db_conn));
		db_drop();
		if (db_tx_open) {
			db_tx_broken = db_tx_retry = 1;
			return -1;
		}
	}
	return db_connect();
}

/* Returns the prepared statement for sql, preparing it on first use. */
static MYSQL_STMT *db_prepare(const char *sql)
{
	unsigned long h = db_hash(sql);
	unsigned home = (unsigned)(h % DB_STMT_SLOTS), slot = home;
	int free_slot = -1;

	for (unsigned i = 0; i < DB_STMT_PROBE; i++) {
		struct db_stmt_slot *s = &db_stmts[(home + i) % DB_STMT_SLOTS];
		if (s->sql && s->hash == h && strcmp(s->sql, sql) == 0)
			return s->stmt;
		if (!s->sql && free_slot < 0)
			free_slot = (int)((home + i) % DB_STMT_SLOTS);
	}
	if (free_slot >= 0)
		slot = (unsigned)free_slot;

	MYSQL_STMT *st = mysql_stmt_init(db_conn);
	if (!st) {
		db_set_error(mysql_errno(db_conn), mysql_error(db_conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		db_set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	my_bool on = 1;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);

	struct db_stmt_slot *s = &db_stmts[slot];
	if (s->stmt)		/* all probe slots taken: the home slot makes room */
		mysql_stmt_close(s->stmt);
	free(s->sql);
	s->sql = strdup(sql);
	s->stmt = st;
	s->hash = h;
	if (!s->sql)
		abort();
	return st;
}

/* Reads the arguments described by types into binds (see db.h). */
static int db_params_read(struct db_params *p, const char *types, va_list ap)
{
	p->count = (unsigned)strlen(types);
	if (p->count == 0)
		return 0;
	p->bind = calloc(p->count, sizeof *p->bind);
	p->ints = calloc(p->count, sizeof *p->ints);
	p->lens = calloc(p->count, sizeof *p->lens);
	if (!p->bind || !p->ints || !p->lens)
		abort();
	for (unsigned i = 0; i < p->count; i++) {
		MYSQL_BIND *b = &p->bind[i];
		switch (types[i]) {
		case 'i':
		case 'u':
			p->ints[i] = types[i] == 'i' ? va_arg(ap, long long)
						     : (long long)va_arg(ap, unsigned long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			b->is_unsigned = types[i] == 'u';
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			b->buffer_type = s ? MYSQL_TYPE_STRING : MYSQL_TYPE_NULL;
			b->buffer = (void *)s;
			p->lens[i] = s ? strlen(s) : 0;
			break;
		}
		case 'b': {
			const void *data = va_arg(ap, const void *);
			p->lens[i] = va_arg(ap, size_t);
			b->buffer_type = data ? MYSQL_TYPE_BLOB : MYSQL_TYPE_NULL;
			b->buffer = (void *)data;
			break;
		}
		default:
			db_set_error(DB_CR_PARAM_COUNT, "bad bind type letter");
			return -1;
		}
		b->buffer_length = p->lens[i];
		b->length = &p->lens[i];
	}
	return 0;
}

static void db_params_free(struct db_params *p)
{
	free(p->bind);
	free(p->ints);
	free(p->lens);
}

/* Prepares (or finds) sql, binds and executes it, recovering once from a
 * lost connection outside a transaction. Returns the executed statement. */
static MYSQL_STMT *db_execute(const char *sql, struct db_params *p)
{
	for (int attempt = 0;; attempt++) {
		MYSQL_STMT *st = NULL;
		int sent = 0;	/* the statement reached the server, or may have */
		if (!db_conn && db_tx_open) {
			db_set_error(DB_CR_SERVER_GONE, "connection lost inside a transaction");
			db_tx_broken = db_tx_retry = 1;
			return NULL;
		}
		if (!db_conn && db_connect() != 0)
			return NULL;
		st = db_prepare(sql);
		if (st && mysql_stmt_param_count(st) != p->count) {
			db_set_error(DB_CR_PARAM_COUNT, "bind types do not match the placeholders");
			return NULL;
		}
		if (st && p->count && mysql_stmt_bind_param(st, p->bind)) {
			db_set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
			st = NULL;
		} else if (st && mysql_stmt_execute(st)) {
			db_set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
			st = NULL;
			sent = 1;
		}
		if (st)
			return st;

		unsigned err = db_last_errno;
		int lost = db_lost(err);
		if (lost)
			db_drop();
		if (db_tx_open) {
			/* Both mean the server rolled the transaction back. Other
			 * errors (a duplicate key, say) leave it usable. */
			if (lost || err == DB_ER_LOCK_DEADLOCK)
				db_tx_broken = db_tx_retry = 1;
			return NULL;
		}
		if (attempt > 0 || !(lost || err == DB_ER_LOCK_DEADLOCK))
			return NULL;
		/* "Server gone" (2006) and a forgotten statement mean it never ran;
		 * a timeout or a connection lost while waiting for the answer
		 * leave the outcome of a write unknown. */
		if (sent && lost && err != DB_CR_SERVER_GONE && err != DB_ER_UNKNOWN_STMT &&
		    err != DB_ER_CLIENT_TIMEOUT &&
		    !db_read_only(sql)) {
			log_error("db.unknown_outcome", "errno=%u sql=%s msg=\"not retried: it may have been applied\"",
				  err, log_quote(sql));
			return NULL;
		}
		log_warn("db.retry", "errno=%u sql=%s msg=%s", err, log_quote(sql),
			 log_quote(db_last_error));
	}
}

/* Copies every row of an executed statement into one db_result. */
static struct db_result *db_fetch_all(MYSQL_STMT *st)
{
	struct db_result *r = NULL;
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (!meta) {
		r = calloc(1, sizeof *r);
		if (!r)
			abort();
		return r;
	}
	if (mysql_stmt_store_result(st) != 0) {
		db_set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_free_result(meta);
		return NULL;
	}

	unsigned cols = mysql_num_fields(meta);
	size_t rows = (size_t)mysql_stmt_num_rows(st);
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	MYSQL_BIND *bind = calloc(cols, sizeof *bind);
	unsigned long *lens = calloc(cols, sizeof *lens);
	my_bool *nulls = calloc(cols, sizeof *nulls);
	size_t *caps = calloc(cols, sizeof *caps);
	size_t total = 0;
	for (unsigned c = 0; c < cols; c++) {
		caps[c] = fields[c].max_length + 1;
		if (caps[c] < DB_MIN_CELL)
			caps[c] = DB_MIN_CELL;
		total += caps[c];
	}
	char *scratch = malloc(total ? total : 1);
	size_t *offs = calloc(rows * cols + 1, sizeof *offs);
	size_t *sizes = calloc(rows * cols + 1, sizeof *sizes);
	if (!bind || !lens || !nulls || !caps || !scratch || !offs || !sizes)
		abort();
	char *p = scratch;
	for (unsigned c = 0; c < cols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = p;
		bind[c].buffer_length = caps[c];
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
		p += caps[c];
	}

	struct buf text;
	buf_init(&text);
	size_t row = 0;
	int failed = mysql_stmt_bind_result(st, bind) != 0;
	while (!failed && row < rows) {
		int rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
			failed = 1;
			break;
		}
		for (unsigned c = 0; c < cols; c++) {
			size_t i = row * cols + c;
			if (nulls[c]) {
				offs[i] = SIZE_MAX;
				continue;
			}
			offs[i] = text.len;
			sizes[i] = lens[c];
			if (lens[c] < caps[c]) {
				buf_add(&text, bind[c].buffer, lens[c]);
			} else {	/* longer than max_length promised */
				char *big = malloc(lens[c] + 1);
				unsigned long got = 0;
				MYSQL_BIND b = {0};
				if (!big)
					abort();
				b.buffer_type = MYSQL_TYPE_STRING;
				b.buffer = big;
				b.buffer_length = lens[c] + 1;
				b.length = &got;
				if (mysql_stmt_fetch_column(st, &b, c, 0) != 0)
					failed = 1;
				buf_add(&text, big, lens[c]);
				free(big);
			}
			buf_addc(&text, '\0');
		}
		row++;
	}
	if (failed)
		db_set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
	mysql_stmt_free_result(st);
	mysql_free_result(meta);

	if (!failed) {
		size_t ncells = row * cols;
		size_t head = sizeof *r + ncells * sizeof *r->cells;
		r = malloc(head + text.len + 1);
		if (!r)
			abort();
		r->rows = row;
		r->next = 0;
		r->cols = cols;
		r->cells = (struct db_cell *)(r + 1);
		char *base = (char *)r + head;
		if (text.len)
			memcpy(base, text.data, text.len);
		for (size_t i = 0; i < ncells; i++) {
			r->cells[i].text = offs[i] == SIZE_MAX ? NULL : base + offs[i];
			r->cells[i].len = sizes[i];
		}
	}
	buf_free(&text);
	free(bind);
	free(lens);
	free(nulls);
	free(caps);
	free(scratch);
	free(offs);
	free(sizes);
	return r;
}

static struct db_result *db_vquery(const char *sql, const char *types, va_list ap)
{
	struct db_params p = {0};
	struct db_result *r = NULL;
	db_set_error(0, "");
	if (db_params_read(&p, types, ap) == 0) {
		MYSQL_STMT *st = db_execute(sql, &p);
		if (st)
			r = db_fetch_all(st);
	}
	db_params_free(&p);
	if (!r)
		db_log_error(sql);
	return r;
}

long long db_exec(const char *sql, const char *types, ...)
{
	struct db_params p = {0};
	long long n = -1;
	va_list ap;
	va_start(ap, types);
	db_set_error(0, "");
	int ok = db_params_read(&p, types, ap) == 0;
	va_end(ap);
	MYSQL_STMT *st = ok ? db_execute(sql, &p) : NULL;
	if (st) {
		if (mysql_stmt_field_count(st) > 0) {	/* rows nobody asked for */
			mysql_stmt_store_result(st);
			n = (long long)mysql_stmt_num_rows(st);
			mysql_stmt_free_result(st);
		} else {
			n = (long long)mysql_stmt_affected_rows(st);
			db_last_insert_id = mysql_stmt_insert_id(st);
		}
	}
	db_params_free(&p);
	if (n < 0)
		db_log_error(sql);
	return n;
}

struct db_result *db_query(const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_result *r = db_vquery(sql, types, ap);
	va_end(ap);
	return r;
}

long long db_scalar(long long fallback, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_result *r = db_vquery(sql, types, ap);
	va_end(ap);
	long long v = fallback;
	if (r && db_next(r) && !db_null(r, 0))
		v = db_int(r, 0);
	db_free(r);
	return v;
}

int db_next(struct db_result *r)
{
	if (!r || r->next >= r->rows)
		return 0;
	r->next++;
	return 1;
}

size_t db_rows(const struct db_result *r)
{
	return r ? r->rows : 0;
}

unsigned db_cols(const struct db_result *r)
{
	return r ? r->cols : 0;
}

static const struct db_cell *db_cell(const struct db_result *r, unsigned col)
{
	if (!r || r->next == 0 || col >= r->cols)
		return NULL;
	return &r->cells[(r->next - 1) * r->cols + col];
}

const char *db_str(const struct db_result *r, unsigned col)
{
	const struct db_cell *c = db_cell(r, col);
	return c ? c->text : NULL;
}

size_t db_len(const struct db_result *r, unsigned col)
{
	const struct db_cell *c = db_cell(r, col);
	return c && c->text ? c->len : 0;
}

long long db_int(const struct db_result *r, unsigned col)
{
	const char *s = db_str(r, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

int db_null(const struct db_result *r, unsigned col)
{
	return db_str(r, col) == NULL;
}

void db_free(struct db_result *r)
{
	free(r);
}

void db_rewind(struct db_result *r)
{
	if (r)
		r->next = 0;
}

unsigned long long db_insert_id(void)
{
	return db_last_insert_id;
}

unsigned db_errno(void)
{
	return db_last_errno;
}

const char *db_error(void)
{
	return db_last_error;
}

int db_in_transaction(void)
{
	return db_tx_open;
}

#define DB_AFTER_COMMIT_MAX	16

/* What to run once the open transaction has committed. */
struct db_after {
	void (*fn)(long long);
	long long arg;
};
static struct db_after db_after[DB_AFTER_COMMIT_MAX];
static int db_after_count;

void db_after_commit(void (*fn)(long long arg), long long arg)
{
	if (!db_tx_open) {
		fn(arg);
		return;
	}
	for (int i = 0; i < db_after_count; i++)
		if (db_after[i].fn == fn && db_after[i].arg == arg)
			return;
	if (db_after_count == DB_AFTER_COMMIT_MAX) {
		/* Never expected; running it early is better than never. */
		log_warn("db.after_commit", "msg=%s", log_quote("too many, run before the commit"));
		fn(arg);
		return;
	}
	db_after[db_after_count].fn = fn;
	db_after[db_after_count].arg = arg;
	db_after_count++;
}

int db_begin(void)
{
	static const char sql[] = "START TRANSACTION";
	db_set_error(0, "");
	if (db_tx_open) {
		db_set_error(0, "transaction already open");
		db_log_error(sql);
		return -1;
	}
	db_tx_broken = db_tx_retry = 0;
	db_after_count = 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!db_conn && db_connect() != 0)
			return -1;
		if (mysql_real_query(db_conn, sql, sizeof sql - 1) == 0) {
			db_tx_open = 1;
			return 0;
		}
		db_set_error(mysql_errno(db_conn), mysql_error(db_conn));
		if (!db_lost(db_last_errno))
			break;
		db_drop();
	}
	db_log_error(sql);
	return -1;
}

int db_rollback(void)
{
	int rc = 0;
	if (db_tx_open && db_conn && mysql_rollback(db_conn) != 0) {
		db_set_error(mysql_errno(db_conn), mysql_error(db_conn));
		if (db_lost(db_last_errno))
			db_drop();	/* the server rolls back on disconnect */
		else
			rc = -1;
	}
	db_tx_open = db_tx_broken = 0;
	db_after_count = 0;
	return rc;
}

int db_commit(void)
{
	static const char sql[] = "COMMIT";
	if (!db_tx_open) {
		db_set_error(0, "no transaction open");
		db_log_error(sql);
		return -1;
	}
	if (db_tx_broken || !db_conn) {
		if (!db_conn)
			db_tx_retry = 1;
		db_set_error(db_last_errno, "transaction broken by an earlier error");
		db_log_error(sql);
		db_rollback();
		return -1;
	}
	if (mysql_commit(db_conn) != 0) {
		db_set_error(mysql_errno(db_conn), mysql_error(db_conn));
		db_log_error(sql);
		/* A commit cut off mid-way may have been applied: never run it again. */
		if (db_last_errno == DB_ER_LOCK_DEADLOCK)
			db_tx_retry = 1;
		if (db_lost(db_last_errno))
			db_drop();
		db_rollback();
		return -1;
	}
	db_tx_open = 0;
	/* A function may start a transaction of its own: run a copy. */
	int n = db_after_count;
	struct db_after after[DB_AFTER_COMMIT_MAX];
	memcpy(after, db_after, sizeof after);
	db_after_count = 0;
	for (int i = 0; i < n; i++)
		after[i].fn(after[i].arg);
	return 0;
}

static void db_tx_pause(int attempt)
{
	long ms = 10L * attempt + (long)randombytes_uniform(20 * (uint32_t)attempt);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int db_tx(int (*fn)(void *arg), void *arg)
{
	for (int attempt = 0; attempt <= DB_TX_RETRIES; attempt++) {
		if (attempt > 0) {
			log_warn("db.tx_retry", "attempt=%d errno=%u msg=%s", attempt + 1,
				 db_last_errno, log_quote(db_last_error));
			db_tx_pause(attempt);
		}
		if (db_begin() != 0) {
			if (db_lost(db_last_errno))
				continue;
			return -1;
		}
		int rc = fn(arg);
		if (rc == 0 && db_commit() == 0)
			return 0;
		int retry = db_tx_retry;
		db_rollback();
		if (!retry)
			return rc != 0 ? rc : -1;
	}
	log_error("db.tx", "attempts=%d msg=%s", DB_TX_RETRIES + 1,
		  log_quote("transaction gave up"));
	return -1;
}

void db_debug_kill_connection(void)
{
	if (db_conn)
		shutdown(mysql_get_socket(db_conn), SHUT_RDWR);
}

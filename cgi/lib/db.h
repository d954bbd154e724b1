/*
 * db: MariaDB through Connector/C, prepared statements only.
 *
 * One connection per worker. Statements are prepared once per connection and
 * kept, keyed by their (constant) SQL text. Binds are described by a type
 * string, one letter per '?':
 *   'i' long long   'u' unsigned long long   's' const char * (NULL -> SQL NULL)
 *   'b' blob: const void *, size_t (two arguments)
 * Results are buffered in memory; every column is read as text (NULL stays
 * NULL), with db_int and db_str as accessors.
 *
 * Outside a transaction a lost connection (2006, 2013) or a statement the
 * server forgot (1243, 4031) is handled by reconnecting, re-preparing and
 * retrying once. Inside a transaction it fails; db_tx retries the whole
 * transaction on deadlock (1213) and lost connection.
 */
#ifndef BAZAAR_DB_H
#define BAZAAR_DB_H
#include <stddef.h>

struct db_result;

/* Connects using BAZAAR_DB_SOCKET or BAZAAR_DB_HOST/PORT, BAZAAR_DB_NAME,
 * BAZAAR_DB_USER, BAZAAR_DB_PASSWORD; utf8mb4, connect/read/write timeouts. */
int db_connect(void);
void db_close(void);
int db_ping(void);
/* True while the server cannot be reached: the last attempt to connect (at
 * the start, or again after the connection was lost) failed. The next
 * statement tries again, so it clears itself when the server is back. The
 * dispatcher turns a handler's 500 into a 503 then (route.c). */
int db_unavailable(void);

/* Runs a statement that returns no rows; returns affected rows or -1. */
long long db_exec(const char *sql, const char *types, ...);
/* Runs a query; returns a result (possibly empty) or NULL on error. */
struct db_result *db_query(const char *sql, const char *types, ...);
/* Advances to the next row; 1 if there is one, 0 at the end. */
int db_next(struct db_result *r);
size_t db_rows(const struct db_result *r);
unsigned db_cols(const struct db_result *r);
const char *db_str(const struct db_result *r, unsigned col);	/* NULL for SQL NULL */
long long db_int(const struct db_result *r, unsigned col);	/* 0 for NULL */
int db_null(const struct db_result *r, unsigned col);
/* Length in bytes of a column's value (a blob may hold NUL bytes); 0 for NULL. */
size_t db_len(const struct db_result *r, unsigned col);
void db_free(struct db_result *r);
/* Goes back before the first row, so a kept result can be read again. */
void db_rewind(struct db_result *r);
/* Convenience: first column of first row as integer, or fallback. */
long long db_scalar(long long fallback, const char *sql, const char *types, ...);

unsigned long long db_insert_id(void);
unsigned db_errno(void);
const char *db_error(void);
/* True when the last statement failed because a row with the same value of a
 * unique key exists (a unique email, slug or token taken a moment ago):
 * MariaDB's duplicate-entry errors, so no caller needs their numbers. */
int db_is_duplicate(void);

int db_begin(void);
int db_commit(void);
int db_rollback(void);
int db_in_transaction(void);
/* Runs fn(arg) once the open transaction has committed (at once outside a
 * transaction; never when it rolls back; once per fn and arg however often
 * it is asked): for telling caches about a change only when others can read
 * it. */
void db_after_commit(void (*fn)(long long arg), long long arg);
/* Runs fn inside a transaction, committing when it returns 0 and rolling
 * back otherwise; retries up to 3 times (jittered) on deadlock or a lost
 * connection. Returns fn's result, or -1 if the transaction never committed. */
int db_tx(int (*fn)(void *arg), void *arg);

/* Test hook: drops the socket under the library (simulates a server restart). */
void db_debug_kill_connection(void);

#endif

/*
 * A sample of what the SQL check of tests/lint.sh must refuse: lint.sh copies
 * it into a copy of the tree and expects one message for each call below.
 * It is never compiled into a program.
 */
#include "db.h"

#include <stdio.h>

void lint_bad_sql(const char *email, int n, long l, unsigned u);

/* Statements held in struct members: one row lacks its placeholder. */
struct lint_bad_sql_queue {
	const char *lint_sql;
	const char *lint_other_sql;
};
static const struct lint_bad_sql_queue lint_bad_sql_queues[] = {
	{ "DELETE FROM u WHERE a = ?", "DELETE FROM v WHERE a = ?" },
	{ "DELETE FROM u", "DELETE FROM v WHERE a = ?" },
};

/* A wrapper whose callers give statements with different numbers of binds. */
static long long
lint_bad_sql_wrapper(const char *sql, long long id)
{
	if (id > 0)
		return db_exec(sql, "i", id);
	return db_exec(sql, "ii", id, id);
}

/* A wrapper whose caller gives a statement without its placeholder. */
static long long
lint_bad_sql_delete(const char *sql, long long id)
{
	return db_exec(sql, "i", id);
}

void
lint_bad_sql(const char *email, int n, long l, unsigned u)
{
	const char *types = "i";
	char sql[64];
	struct lint_bad_sql_queue q;

	/* SQL pasted together at run time. */
	snprintf(sql, sizeof sql, "DELETE FROM t WHERE id = %d", n);
	db_exec(sql, "");
	/* Two placeholders, one letter. */
	db_exec("DELETE FROM t WHERE a = ? AND b = ?", "i", 1LL);
	/* One placeholder (the ? in quotes is text), two letters. */
	db_free(db_query("SELECT 1 FROM t WHERE a = '?' AND b = ?", "ii", 1LL, 2LL));
	/* Two letters, one argument. */
	db_scalar(0, "SELECT 1 FROM t WHERE a = ? AND b = ?", "is", 1LL);
	/* Letters that are not a literal. */
	db_exec("DELETE FROM t WHERE a = ?", types, 1LL);
	/* Arguments of the wrong width or kind for their letters. */
	db_exec("DELETE FROM t WHERE a = ?", "i", n);
	db_exec("DELETE FROM t WHERE a = ?", "i", l);
	db_exec("DELETE FROM t WHERE a = ?", "u", 1LL);
	db_exec("DELETE FROM t WHERE a = ? AND b = ?", "bs", email, u, email);
	db_exec("DELETE FROM t WHERE a = ?", "b", n, sizeof n);
	lint_bad_sql_wrapper("DELETE FROM t WHERE a = ?", 1);
	lint_bad_sql_delete("DELETE FROM t", 1);
	/* A member that is a literal in one row and not in the other. */
	db_exec(lint_bad_sql_queues[n].lint_sql, "i", 1LL);
	/* A member given a statement made at run time. */
	q.lint_other_sql = sql;
	db_exec(q.lint_other_sql, "i", 1LL);
}

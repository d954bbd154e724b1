/*
 * synonym: the search synonyms admins keep (synonym.h).
 */
#include "synonym.h"

#include <string.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "moderation.h"
#include "search.h"
#include "sess.h"
#include "text.h"

const char *
synonym_parse(struct arena *a, const char *text, const char ***words, size_t *n)
{
	const char **out = arena_alloc(a, (SYNONYM_GROUP_MAX + 1) * sizeof *out);
	const char *s = text ? text : "", *end;
	size_t count = 0, i;

	*words = NULL;
	*n = 0;
	if (text_chars(s) > SYNONYM_TEXT_MAX)
		return arena_printf(a, "Write at most %d characters.", SYNONYM_TEXT_MAX);
	while (*s) {
		char *piece, *folded;

		end = s + strcspn(s, ",\r\n");
		piece = arena_strndup(a, s, (size_t)(end - s));
		s = *end ? end + 1 : end;
		if (*text_trim(a, piece) == '\0')
			continue;
		folded = moderation_fold(a, piece);
		if (*folded == '\0')
			return arena_printf(a, "“%s” has no letter or digit: write words or phrases separated by "
					    "commas.", text_trim(a, piece));
		if (text_chars(folded) > SYNONYM_WORD_MAX)
			return arena_printf(a, "“%s” is too long: a word or phrase has at most %d characters.",
					    folded, SYNONYM_WORD_MAX);
		for (i = 0; i < count; i++)
			if (strcmp(out[i], folded) == 0)
				return arena_printf(a, "“%s” is written twice.", folded);
		if (count == SYNONYM_GROUP_MAX)
			return arena_printf(a, "A group has at most %d words or phrases.", SYNONYM_GROUP_MAX);
		out[count++] = folded;
	}
	if (count < 2)
		return "Write at least two words or phrases that mean the same, separated by commas.";
	out[count] = NULL;
	*words = out;
	*n = count;
	return NULL;
}

char *
synonym_join(struct arena *a, const char *const *words, size_t n)
{
	struct buf b;
	char *out;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, words[i]);
	}
	out = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* Tells the index that each word of the group has every other one as its
 * synonyms (n_others 0 for each: a deleted group). Inside the transaction. */
static int
synonym_tell_index(struct arena *a, const char *const *words, size_t n, int keep)
{
	const char **others = arena_alloc(a, (n ? n : 1) * sizeof *others);
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		for (j = k = 0; keep && j < n; j++)
			if (j != i)
				others[k++] = words[j];
		if (search_synonyms_set(words[i], others, k) != 0)
			return -1;
	}
	return 0;
}

struct synonym_add {
	const struct req *rq;
	struct arena *a;
	const char *const *words;
	size_t n;
	long long id;
	const char *taken;
};

static int
synonym_add_tx(void *arg)
{
	struct synonym_add *g = arg;
	long long by = g->rq && g->rq->sess ? g->rq->sess->user_id : 0;
	const char *text = synonym_join(g->a, g->words, g->n);
	size_t i;

	if (db_exec("INSERT INTO synonym_groups (words, added_by) VALUES (?, NULLIF(?, 0))", "si", text, by) != 1)
		return -1;
	g->id = (long long)db_insert_id();
	for (i = 0; i < g->n; i++) {
		/* A word of another group changes nothing (0 rows): the whole
		 * group is refused. Two admins adding it at once are decided by
		 * the primary key. */
		long long rows = db_exec("INSERT INTO synonym_words (folded, group_id) VALUES (?, ?)"
					 " ON DUPLICATE KEY UPDATE group_id = group_id", "si", g->words[i], g->id);

		if (rows < 0)
			return -1;
		if (rows == 0) {
			g->taken = g->words[i];
			return 1;
		}
	}
	if (synonym_tell_index(g->a, g->words, g->n, 1) != 0)
		return -1;
	if (g->rq)
		return audit_log(g->rq, "search.synonyms_add", "synonym_group", g->id, text);
	return audit_log_as(0, "system", "search.synonyms_add", "synonym_group", g->id, text);
}

int
synonym_group_add(const struct req *rq, struct arena *a, const char *const *words, size_t n, long long *id,
		  const char **taken)
{
	struct synonym_add g = { rq, a, words, n, 0, NULL };
	int rc = db_tx(synonym_add_tx, &g);

	if (rc == 0 && id)
		*id = g.id;
	if (taken)
		*taken = rc == 1 ? g.taken : NULL;
	return rc < 0 ? -1 : rc;
}

struct synonym_delete {
	const struct req *rq;
	struct arena *a;
	long long id;
	const char *words;
};

static int
synonym_delete_tx(void *arg)
{
	struct synonym_delete *g = arg;
	struct db_result *r = db_query("SELECT words FROM synonym_groups WHERE id = ? FOR UPDATE", "i", g->id);
	const char **folded = NULL;
	size_t n = 0, max = 0;
	int rc = -1;

	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return 1;
	}
	g->words = arena_strdup(g->a, db_str(r, 0));
	db_free(r);
	if ((r = db_query("SELECT folded FROM synonym_words WHERE group_id = ? ORDER BY folded", "i", g->id)) == NULL)
		return -1;
	max = db_rows(r);
	folded = arena_alloc(g->a, (max ? max : 1) * sizeof *folded);
	while (db_next(r) && n < max)
		folded[n++] = arena_strdup(g->a, db_str(r, 0));
	db_free(r);
	if (db_exec("DELETE FROM synonym_groups WHERE id = ?", "i", g->id) != 1)
		return -1;
	if (synonym_tell_index(g->a, folded, n, 0) != 0)
		return -1;
	rc = g->rq ? audit_log(g->rq, "search.synonyms_delete", "synonym_group", g->id, g->words)
		   : audit_log_as(0, "system", "search.synonyms_delete", "synonym_group", g->id, g->words);
	return rc;
}

int
synonym_group_delete(const struct req *rq, struct arena *a, long long id, const char **words)
{
	struct synonym_delete g = { rq, a, id, NULL };
	int rc = db_tx(synonym_delete_tx, &g);

	if (words)
		*words = rc == 0 ? g.words : NULL;
	return rc < 0 ? -1 : rc;
}

/*
 * synonym: the search synonyms admins keep (schema/0027_synonyms.sql).
 *
 * A group is two or more words or phrases that mean the same to a shopper
 * ("sofa, couch, settee"): a search for one finds products that say
 * another. Each word or phrase is folded as the prohibited words are
 * (moderation_fold: lower case, words separated by one space) and belongs to
 * one group at most.
 *
 * The search index keeps its own copy in Xapian's synonym table. Adding or
 * deleting a group tells it in the same transaction, through
 * search_synonyms_set() (search.h: one search.synonyms event per word, which
 * the index writer applies within seconds): each word of a group gets every
 * other word of it as its synonyms; a word of a deleted group gets none.
 */
#ifndef BAZAAR_SYNONYM_H
#define BAZAAR_SYNONYM_H
#include <stddef.h>

#include "arena.h"
#include "req.h"

#define SYNONYM_TEXT_MAX	500	/* characters of a group as written */
#define SYNONYM_WORD_MAX	60	/* characters of one folded word or phrase */
#define SYNONYM_GROUP_MAX	12	/* words or phrases in a group */

/*
 * Splits text at commas (and line breaks) into its words or phrases,
 * folded; empty pieces are skipped. On success returns NULL and sets
 * *words (arena array of n folded strings) and *n; otherwise returns the
 * sentence that says what is wrong (fewer than two, a piece with no letter
 * or digit... more than SYNONYM_GROUP_MAX, one too long, one given twice).
 */
const char *synonym_parse(struct arena *a, const char *text, const char ***words, size_t *n);

/* text as stored and shown: the folded words joined by ", ". */
char *synonym_join(struct arena *a, const char *const *words, size_t n);

/*
 * Adds a group of n folded words (synonym_parse's) as the admin of rq
 * (rq NULL: a command, no actor), audited "search.synonyms_add", with the
 * index told; a holds what it needs. Runs its own transaction. Returns 0 with *id set; 1 when a
 * word is in another group already (*taken: that word); -1 on a database
 * error.
 */
int synonym_group_add(const struct req *rq, struct arena *a, const char *const *words, size_t n,
		      long long *id, const char **taken);

/*
 * Deletes group id, audited "search.synonyms_delete", each of its words
 * left without synonyms in the index. Returns 0 (*words set to the group as
 * it was, in a), 1 when there is no such group, -1 on a
 * database error.
 */
int synonym_group_delete(const struct req *rq, struct arena *a, long long id, const char **words);

#endif

/*
 * adm_words: the prohibited words (prohibited_words). A listing whose name,
 * description or image texts contain one as a whole word, in any case, is
 * held for review when it is published or edited while live (moderation.h).
 * Adding a word does not touch listings already live: they are checked at
 * their next edit.
 */
#include "adm.h"

#include <string.h>

#include "audit.h"
#include "moderation.h"
#include "sess.h"
#include "text.h"

static const struct adm_terms adm_words_terms = {
	"SELECT COUNT(*) FROM prohibited_words",
	"SELECT w.id, w.word, DATE_FORMAT(w.added_at, '%Y-%m-%d %H:%i'), COALESCE(u.email, '—')"
	" FROM prohibited_words w LEFT JOIN users u ON u.id = w.added_by"
	" ORDER BY w.folded, w.id LIMIT ? OFFSET ?",
	"SELECT word FROM prohibited_words WHERE id = ?",
	"/admin/prohibited-words", "Prohibited words", "admin/words_list.tpl", "word", "words",
	"Delete a prohibited word", "admin/words_delete.tpl", ADM_SECTION_WORDS,
};

/* The list page with the add form into v: 200, 404 past the last page, 500. */
static int
adm_words_page(struct req *rq, struct resp *rs, struct view *v)
{
	int rc = adm_terms_page(rq, rs, v, &adm_words_terms);

	if (rc == 200)
		tmpl_set_int(v->body, "WORD_MAX", MODERATION_WORD_MAX);
	return rc;
}

/*
 * ROUTE: GET /admin/prohibited-words      TEMPLATE: admin/words_list.tpl
 * PARAMS: page (1..10000)
 * The prohibited words in alphabetical order, 50 a page, with who added
 * each and when and a link to delete it, and the form that adds one.
 */
int
adm_words_list(struct req *rq, struct resp *rs)
{
	return adm_page_show(rq, rs, adm_words_page);
}

/* The form page of POST /admin/prohibited-words (route.h). */
tmpl_dict *
adm_words_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_page_form(rq, rs, v, adm_words_page);
}

struct adm_words_add {
	struct req *rq;
	const char *word;
	const char *folded;
	long long held;		/* live listings sent to review */
};

static int
adm_words_add_tx(void *arg)
{
	struct adm_words_add *w = arg;
	/* A word already there (in any case) changes nothing: 0 rows. Two
	 * admins adding it at once are decided by the unique key, quietly. */
	long long n = db_exec("INSERT INTO prohibited_words (word, folded, added_by) VALUES (?, ?, ?)"
			      " ON DUPLICATE KEY UPDATE id = id", "ssi", w->word, w->folded, w->rq->sess->user_id);

	if (n < 0)
		return -1;
	if (n == 0)
		return 1;
	if (audit_log(w->rq, "moderation.word_add", "prohibited_word", (long long)db_insert_id(), w->word) != 0)
		return -1;
	return (w->held = moderation_hold_word(w->rq, &w->rq->arena, w->word, w->folded)) < 0 ? -1 : 0;
}

/*
 * ROUTE: POST /admin/prohibited-words      TEMPLATE: admin/words_list.tpl
 * PARAMS: word (1..100 characters with a letter or digit; bad input shows
 *         the form again, R_FORM)
 * Adds a word or phrase (runs of spaces made one) to the list ("moderation.word_add" in the audit
 * log) and sends every live listing that contains it to review
 * (moderation_hold_word), in the same transaction; one already there in
 * any case is refused next to the field.
 */
int
adm_words_add(struct req *rq, struct resp *rs)
{
	struct adm_words_add w = { rq, text_tidy(&rq->arena, req_str(rq, "word"), TEXT_SQUEEZE), NULL, 0 };
	int rc;

	w.folded = moderation_fold(&rq->arena, w.word);
	if ((rc = db_tx(adm_words_add_tx, &w)) < 0)
		return 500;
	if (rc > 0) {
		route_form_error(rq, "word", "This word is on the list already.");
		return route_form_fail(rq, rs);
	}
	resp_set_flash(rs, arena_printf(&rq->arena, "Added \xe2\x80\x9c%s\xe2\x80\x9d. %s Listings that contain it are "
					"held for review when they are published or edited.", w.word,
					w.held == 0 ? "No live listing contains it." :
					w.held == 1 ? "1 live listing that contains it is waiting for review now." :
					arena_printf(&rq->arena, "%lld live listings that contain it are waiting for "
						     "review now.", w.held)));
	return resp_redirect(rs, 303, "/admin/prohibited-words");
}

/* The confirmation page of deleting word id into v: 200, 404, 500. */
static int
adm_words_confirm_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_terms_confirm_page(rq, rs, v, &adm_words_terms);
}

/*
 * ROUTE: GET /admin/prohibited-words/{id}/delete      TEMPLATE: admin/words_delete.tpl
 * PARAMS: id (the word)
 * Asks to confirm deleting the word, with a box to tick.
 */
int
adm_words_delete_form(struct req *rq, struct resp *rs)
{
	return adm_page_show(rq, rs, adm_words_confirm_page);
}

/* The form page of POST /admin/prohibited-words/{id}/delete (route.h). */
tmpl_dict *
adm_words_delete_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_page_form(rq, rs, v, adm_words_confirm_page);
}

struct adm_words_delete {
	struct req *rq;
	long long id;
	const char *word;
};

static int
adm_words_delete_tx(void *arg)
{
	struct adm_words_delete *w = arg;
	struct db_result *r = db_query("SELECT word FROM prohibited_words WHERE id = ? FOR UPDATE", "i", w->id);
	int rc = -1;

	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		rc = 1;
		goto out;
	}
	w->word = arena_strdup(&w->rq->arena, db_str(r, 0));
	if (db_exec("DELETE FROM prohibited_words WHERE id = ?", "i", w->id) != 1)
		goto out;
	rc = audit_log(w->rq, "moderation.word_delete", "prohibited_word", w->id, w->word);
out:
	db_free(r);
	return rc;
}

/*
 * ROUTE: POST /admin/prohibited-words/{id}/delete      TEMPLATE: admin/words_delete.tpl
 * PARAMS: id (the word), confirm (the box; bad input shows the form
 *         again, R_FORM)
 * Deletes the word ("moderation.word_delete" in the audit log); listings
 * already waiting for review stay in the queue. Back to the list.
 */
int
adm_words_delete(struct req *rq, struct resp *rs)
{
	struct adm_words_delete w = { rq, req_int(rq, "id", 0), NULL };
	int rc = db_tx(adm_words_delete_tx, &w);

	if (rc < 0)
		return 500;
	if (rc > 0)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "Deleted \xe2\x80\x9c%s\xe2\x80\x9d from the prohibited words.",
					w.word));
	return resp_redirect(rs, 303, "/admin/prohibited-words");
}

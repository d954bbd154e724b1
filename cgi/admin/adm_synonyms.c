/*
 * adm_synonyms: the search's synonym groups (synonym.h). A group is two or
 * more words or phrases that mean the same to a shopper; a search for one
 * finds products that say another. A change reaches the search index within
 * seconds (its writer applies the events the change emits).
 */
#include "adm.h"

#include "synonym.h"
#include "text.h"

static const struct adm_terms adm_synonyms_terms = {
	"SELECT COUNT(*) FROM synonym_groups",
	"SELECT g.id, g.words, DATE_FORMAT(g.added_at, '%Y-%m-%d %H:%i'), COALESCE(u.email, '—')"
	" FROM synonym_groups g LEFT JOIN users u ON u.id = g.added_by"
	" ORDER BY g.words, g.id LIMIT ? OFFSET ?",
	"SELECT words FROM synonym_groups WHERE id = ?",
	"/admin/synonyms", "Search synonyms", "admin/synonyms_list.tpl", "group", "groups",
	"Delete a synonym group", "admin/synonyms_delete.tpl", ADM_SECTION_SYNONYMS,
};

/* The list page with the add form into v: 200, 404 past the last page, 500. */
static int
adm_synonyms_page(struct req *rq, struct resp *rs, struct view *v)
{
	int rc = adm_terms_page(rq, rs, v, &adm_synonyms_terms);

	if (rc == 200) {
		tmpl_set_int(v->body, "TEXT_MAX", SYNONYM_TEXT_MAX);
		tmpl_set_int(v->body, "GROUP_MAX", SYNONYM_GROUP_MAX);
	}
	return rc;
}

/*
 * ROUTE: GET /admin/synonyms      TEMPLATE: admin/synonyms_list.tpl
 * PARAMS: page (1..10000)
 * The synonym groups in alphabetical order, 50 a page, with who added each
 * and when and a link to delete it, and the form that adds one.
 */
int
adm_synonyms_list(struct req *rq, struct resp *rs)
{
	return adm_page_show(rq, rs, adm_synonyms_page);
}

/* The form page of POST /admin/synonyms (route.h). */
tmpl_dict *
adm_synonyms_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_page_form(rq, rs, v, adm_synonyms_page);
}

/*
 * ROUTE: POST /admin/synonyms      TEMPLATE: admin/synonyms_list.tpl
 * PARAMS: words (two or more words or phrases separated by commas, up to
 *         500 characters; bad input shows the form again, R_FORM)
 * Adds the group ("search.synonyms_add" in the audit log) and tells the
 * search index in the same transaction; a word already in another group is
 * refused next to the field.
 */
int
adm_synonyms_add(struct req *rq, struct resp *rs)
{
	const char **words, *taken = NULL, *problem;
	size_t n;
	int rc;

	if ((problem = synonym_parse(&rq->arena, req_str(rq, "words"), &words, &n)) != NULL) {
		route_form_error(rq, "words", problem);
		return route_form_fail(rq, rs);
	}
	if ((rc = synonym_group_add(rq, &rq->arena, words, n, NULL, &taken)) < 0)
		return 500;
	if (rc > 0) {
		route_form_error(rq, "words", arena_printf(&rq->arena, "“%s” is in another group already: delete "
							   "that group first, or leave the word out.", taken));
		return route_form_fail(rq, rs);
	}
	resp_set_flash(rs, arena_printf(&rq->arena, "Added the group “%s”. Searches use it within a few seconds.",
					synonym_join(&rq->arena, words, n)));
	return resp_redirect(rs, 303, "/admin/synonyms");
}

/* The confirmation page of deleting group id into v: 200, 404, 500. */
static int
adm_synonyms_confirm_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_terms_confirm_page(rq, rs, v, &adm_synonyms_terms);
}

/*
 * ROUTE: GET /admin/synonyms/{id}/delete      TEMPLATE: admin/synonyms_delete.tpl
 * PARAMS: id (the group)
 * Asks to confirm deleting the group, with a box to tick.
 */
int
adm_synonyms_delete_form(struct req *rq, struct resp *rs)
{
	return adm_page_show(rq, rs, adm_synonyms_confirm_page);
}

/* The form page of POST /admin/synonyms/{id}/delete (route.h). */
tmpl_dict *
adm_synonyms_delete_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_page_form(rq, rs, v, adm_synonyms_confirm_page);
}

/*
 * ROUTE: POST /admin/synonyms/{id}/delete      TEMPLATE: admin/synonyms_delete.tpl
 * PARAMS: id (the group), confirm (the box; bad input shows the form
 *         again, R_FORM)
 * Deletes the group ("search.synonyms_delete" in the audit log); its words
 * lose their synonyms in the search index within seconds. Back to the list.
 */
int
adm_synonyms_delete(struct req *rq, struct resp *rs)
{
	const char *words = NULL;
	int rc = synonym_group_delete(rq, &rq->arena, req_path_id(rq, "id"), &words);

	if (rc < 0)
		return 500;
	if (rc > 0)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "Deleted the group “%s”.", words));
	return resp_redirect(rs, 303, "/admin/synonyms");
}

/*
 * sf_account_address: the address book (at most SF_ACCOUNT_ADDRESSES_MAX
 * addresses, one of them the default), each address stored sealed.
 */
#include "sf_account.h"

#include <string.h>

#include "crypt.h"

#define SF_ACCOUNT_ADDRESSES_MAX	20
/* An entry of the address book: its name, the sealed address, whether it
 * is the default one. */
struct sf_account_address {
	const char *label;
	struct address addr;
	int is_default;
};

/* Loads the user's address id into ad (cleared first). Returns 200, 404
 * when there is no such address of theirs, 500 on a database error. */
static int
sf_account_address_load(struct req *rq, long long id, struct sf_account_address *ad)
{
	struct db_result *r;
	int found;

	memset(ad, 0, sizeof *ad);
	r = db_query("SELECT label, body_enc, is_default FROM addresses WHERE id = ? AND user_id = ?", "ii",
		     id, rq->sess->user_id);
	if (r == NULL)
		return 500;
	found = db_next(r);
	if (found) {
		address_open(&rq->arena, "addresses", "body_enc", id, r, 1, &ad->addr);
		ad->label = arena_strdup(&rq->arena, db_str(r, 0));
		ad->is_default = db_int(r, 2) != 0;
	}
	db_free(r);
	return found ? 200 : 404;
}

/* The address form as the router checked it (sf_main.c: every field has
 * its rule there) into ad. */
static void
sf_account_address_typed(struct req *rq, struct sf_account_address *ad)
{
	const char *is_default = req_str(rq, "is_default"), *value;
	int f;

	memset(ad, 0, sizeof *ad);
	ad->label = req_str(rq, "label");
	for (f = 0; f < ADDRESS_NFIELDS; f++) {
		value = req_str(rq, address_field_names[f]);
		*address_slot(&ad->addr, (enum address_field)f) = value ? value : "";
	}
	ad->is_default = is_default != NULL && strcmp(is_default, "1") == 0;
}

/* Ticks the default box of a form shown again when it was ticked (the
 * router puts back the text fields). */
static void
sf_account_address_keep_default(struct req *rq, tmpl_dict *f)
{
	const char *is_default = kvlist_get(&rq->form_fields, "is_default");

	if (f != NULL && is_default != NULL && strcmp(is_default, "1") == 0)
		tmpl_show(f, "IS_DEFAULT");
}

/* Fills the address fields partial with ad (or empty fields). */
static tmpl_dict *
sf_account_address_fields(struct req *rq, tmpl_dict *d, const struct sf_account_address *ad)
{
	tmpl_dict *f = tmpl_include(d, "ADDRESS_FIELDS", "storefront/_account_address_fields.tpl");

	tmpl_set(f, "LABEL", ad ? ad->label : "");
	tmpl_set(f, "NAME", ad ? ad->addr.name : rq->sess->name);
	tmpl_set(f, "LINE1", ad ? ad->addr.line1 : "");
	tmpl_set(f, "LINE2", ad ? ad->addr.line2 : "");
	tmpl_set(f, "CITY", ad ? ad->addr.city : "");
	tmpl_set(f, "POSTCODE", ad ? ad->addr.postcode : "");
	tmpl_set(f, "COUNTRY", ad ? ad->addr.country : "");
	tmpl_set(f, "PHONE", ad ? ad->addr.phone : "");
	if (ad && ad->is_default)
		tmpl_show(f, "IS_DEFAULT");
	return f;
}

/* The address book page with an empty form to add one. Returns the status,
 * the form's fields dictionary in *fields (NULL when the book is full). */
static int
sf_account_address_list_page(struct req *rq, struct resp *rs, struct view *v, tmpl_dict **fields)
{
	struct db_result *r;
	struct address ad;
	tmpl_dict *d, *row;
	long long id, n = 0;

	r = db_query("SELECT id, label, body_enc, is_default FROM addresses WHERE user_id = ?"
		     " ORDER BY is_default DESC, id", "i", rq->sess->user_id);
	if (r == NULL)
		return 500;
	d = sf_account_page(v, rq, rs, "storefront/account_address_list.tpl", "Your addresses");
	while (db_next(r)) {
		id = db_int(r, 0);
		address_open(&rq->arena, "addresses", "body_enc", id, r, 2, &ad);
		row = tmpl_section(d, "ADDRESS");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "LABEL", db_str(r, 1));
		tmpl_set(row, "NAME", ad.name);
		tmpl_set(row, "LINE1", ad.line1);
		if (*ad.line2)
			tmpl_set(tmpl_section(row, "HAS_LINE2"), "LINE2", ad.line2);
		tmpl_set(row, "CITY", ad.city);
		tmpl_set(row, "POSTCODE", ad.postcode);
		tmpl_set(row, "COUNTRY", ad.country);
		if (*ad.phone)
			tmpl_set(tmpl_section(row, "HAS_PHONE"), "PHONE", ad.phone);
		if (db_int(r, 3))
			tmpl_show(row, "IS_DEFAULT");
		n++;
	}
	db_free(r);
	if (n == 0)
		tmpl_show(d, "NO_ADDRESSES");
	if (n < SF_ACCOUNT_ADDRESSES_MAX) {
		tmpl_show(d, "CAN_ADD");
		*fields = sf_account_address_fields(rq, d, NULL);
		tmpl_set(*fields, "CSRF", rq->sess->csrf);
		tmpl_set(*fields, "PREFIX", "new");
	} else {
		tmpl_show(d, "FULL");
		*fields = NULL;
	}
	tmpl_set_int(d, "ADDRESSES_MAX", SF_ACCOUNT_ADDRESSES_MAX);
	return 200;
}

/*
 * ROUTE: GET /account/addresses      TEMPLATE: storefront/account_address_list.tpl
 * PARAMS: none
 * The address book: each saved address with a link to change it, and the
 * form to add one.
 */
int
sf_account_address_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	tmpl_dict *f;
	int status = sf_account_address_list_page(rq, rs, &v, &f);

	if (status != 200)
		return status;
	return view_end_status(&v, rs, 200);
}

struct sf_account_address_job {
	struct req *rq;
	long long id;		/* 0: a new address */
	const struct sf_account_address *ad;
	int full, gone;
};

static int
sf_account_address_tx(void *arg)
{
	struct sf_account_address_job *j = arg;
	long long user_id = j->rq->sess->user_id, count;
	int make_default = j->ad->is_default;

	j->full = j->gone = 0;
	if (db_scalar(-1, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", user_id) != user_id)
		return -1;
	if ((count = db_scalar(-1, "SELECT COUNT(*) FROM addresses WHERE user_id = ?", "i", user_id)) < 0)
		return -1;
	if (j->id == 0) {
		if (count >= SF_ACCOUNT_ADDRESSES_MAX) {
			j->full = 1;
			return 0;
		}
		if (count == 0)
			make_default = 1;	/* the first address is the default one */
		/* The row id is part of the sealed value's associated data, so
		 * the row comes first and its sealed body second. */
		if (db_exec("INSERT INTO addresses (user_id, label, is_default) VALUES (?, ?, ?)", "isi",
			    user_id, j->ad->label, (long long)make_default) != 1)
			return -1;
		j->id = (long long)db_insert_id();
	} else {
		long long n = db_exec("UPDATE addresses SET label = ?, is_default = ? WHERE id = ? AND user_id = ?",
				      "siii", j->ad->label, (long long)make_default, j->id, user_id);

		if (n < 0)
			return -1;
		if (db_scalar(0, "SELECT COUNT(*) FROM addresses WHERE id = ? AND user_id = ?", "ii", j->id,
			      user_id) != 1) {
			j->gone = 1;
			return 0;
		}
	}
	if (address_seal_store(&j->rq->arena, "UPDATE addresses SET body_enc = ? WHERE id = ?", "addresses",
			       "body_enc", j->id, &j->ad->addr) != 0)
		return -1;
	if (make_default &&
	    db_exec("UPDATE addresses SET is_default = 0 WHERE user_id = ? AND id <> ?", "ii", user_id, j->id) < 0)
		return -1;
	return 0;
}

/* The form page of POST /account/addresses (route.h): the address book,
 * its add form filled by the router with what was typed. */
tmpl_dict *
sf_account_address_add_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	if (sf_account_address_list_page(rq, rs, v, &v->fields) != 200)
		return NULL;
	sf_account_address_keep_default(rq, v->fields);
	return v->body;
}

/*
 * ROUTE: POST /account/addresses      TEMPLATE: storefront/account_address_list.tpl
 * PARAMS: label (1..60 characters), name, line1, line2, city, postcode,
 *         country (two letters), phone (the address module's rules), is_default;
 *         bad input shows the form again (R_FORM)
 * Adds an address to the book (stored sealed); the first one, or one
 * marked so, becomes the default address. A full book is shown as such.
 */
int
sf_account_address_add(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad;
	struct sf_account_address_job job = { rq, 0, &ad, 0, 0 };
	struct view v = { 0 };
	tmpl_dict *f;
	int status;

	sf_account_address_typed(rq, &ad);
	if (db_tx(sf_account_address_tx, &job) != 0)
		return 500;
	if (job.full) {
		if ((status = sf_account_address_list_page(rq, rs, &v, &f)) != 200)
			return status;
		return view_end_status(&v, rs, 422);
	}
	resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been saved.",
					ad.label));
	return resp_redirect(rs, 303, "/account/addresses");
}

/* The edit page of one address, its form filled with ad as stored; returns
 * the form's fields dictionary. */
static tmpl_dict *
sf_account_address_page(struct req *rq, struct resp *rs, struct view *v, long long id,
			const struct sf_account_address *ad)
{
	tmpl_dict *d = sf_account_page(v, rq, rs, "storefront/account_address_form.tpl", "Change an address");
	tmpl_dict *f = sf_account_address_fields(rq, d, ad);

	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "SHOWN_LABEL", ad->label);
	tmpl_set(f, "CSRF", rq->sess->csrf);
	tmpl_set(f, "PREFIX", "edit");
	return f;
}

/*
 * ROUTE: GET /account/addresses/{id}      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id (one of the user's addresses)
 * The form to change one address, and the button to delete it.
 */
int
sf_account_address_form(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad;
	struct view v = { 0 };
	long long id = req_int(rq, "id", 0);
	int status;

	if ((status = sf_account_address_load(rq, id, &ad)) != 200)
		return status;
	sf_account_address_page(rq, rs, &v, id, &ad);
	return view_end_status(&v, rs, 200);
}

/* The page of the address of the request's {id} as stored, for a form
 * shown again; returns its fields dictionary, or NULL with rs->status 404
 * when the address is not the visitor's (500 on a database error). */
static tmpl_dict *
sf_account_address_stored_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct sf_account_address stored;
	long long id = req_int(rq, "id", 0);
	int status = sf_account_address_load(rq, id, &stored);

	if (status != 200) {
		rs->status = status;
		return NULL;
	}
	return sf_account_address_page(rq, rs, v, id, &stored);
}

/* The form page of POST /account/addresses/{id} (route.h): the address's
 * page, its form filled by the router with what was typed. */
tmpl_dict *
sf_account_address_update_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	if ((v->fields = sf_account_address_stored_page(rq, rs, v)) == NULL)
		return NULL;
	sf_account_address_keep_default(rq, v->fields);
	return v->body;
}

/*
 * ROUTE: POST /account/addresses/{id}      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id, and the fields of POST /account/addresses; bad input shows the
 *         form again (R_FORM)
 * Saves the changed address.
 */
int
sf_account_address_update(struct req *rq, struct resp *rs)
{
	struct sf_account_address ad, stored;
	struct sf_account_address_job job = { rq, 0, &ad, 0, 0 };
	long long id = req_int(rq, "id", 0);
	int status;

	if ((status = sf_account_address_load(rq, id, &stored)) != 200)
		return status;
	sf_account_address_typed(rq, &ad);
	/* Unticking "default" on the default address keeps it the default:
	 * another one becomes the default by being marked so. */
	if (stored.is_default)
		ad.is_default = 1;
	job.id = id;
	if (db_tx(sf_account_address_tx, &job) != 0)
		return 500;
	if (job.gone)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been saved.",
					ad.label));
	return resp_redirect(rs, 303, "/account/addresses");
}

struct sf_account_delete_address_job {
	long long user_id, id;
	int gone;
};

static int
sf_account_address_delete_tx(void *arg)
{
	struct sf_account_delete_address_job *j = arg;
	long long n = db_exec("DELETE FROM addresses WHERE id = ? AND user_id = ?", "ii", j->id, j->user_id);

	if (n < 0)
		return -1;
	j->gone = n == 0;
	/* The oldest remaining address becomes the default one if none is. */
	if (n > 0 && db_scalar(-1, "SELECT COUNT(*) FROM addresses WHERE user_id = ? AND is_default = 1", "i",
			       j->user_id) == 0 &&
	    db_exec("UPDATE addresses SET is_default = 1 WHERE user_id = ? ORDER BY id LIMIT 1", "i",
		    j->user_id) < 0)
		return -1;
	return 0;
}

/* The form page of POST /account/addresses/{id}/delete (route.h): the
 * address's page, the box's message put next to it by the router. */
tmpl_dict *
sf_account_address_delete_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return sf_account_address_stored_page(rq, rs, v) != NULL ? v->body : NULL;
}

/*
 * ROUTE: POST /account/addresses/{id}/delete      TEMPLATE: storefront/account_address_form.tpl
 * PARAMS: id, confirm (the "yes, delete it" box, required: without it the
 *         address page is shown again asking for it, R_FORM)
 * Deletes one of the user's addresses.
 */
int
sf_account_address_delete(struct req *rq, struct resp *rs)
{
	struct sf_account_delete_address_job job = { rq->sess->user_id, req_int(rq, "id", 0), 0 };
	struct sf_account_address ad;
	int status;

	if ((status = sf_account_address_load(rq, job.id, &ad)) != 200)
		return status;
	if (db_tx(sf_account_address_delete_tx, &job) != 0)
		return 500;
	if (job.gone)
		return 404;
	resp_set_flash(rs, arena_printf(&rq->arena, "The address \xe2\x80\x9c%s\xe2\x80\x9d has been deleted.",
					ad.label));
	return resp_redirect(rs, 303, "/account/addresses");
}

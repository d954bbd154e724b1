/*
 * sf_account_data: a copy of everything Bazaar keeps about the user, as
 * one JSON download.
 */
#include "sf_account.h"

#include <string.h>

#include "audit.h"
#include "buf.h"
#include "cfg.h"
#include "crypt.h"
#include "json.h"
#include "personal.h"

/* One object per row with the given keys (column i under keys[i]; a key
 * starting with '#' is a number); NULL when the query failed. */
static json_t *
sf_account_data_rows(struct db_result *r, const char *const *keys)
{
	json_t *list;
	unsigned i;

	if (r == NULL)
		return NULL;
	list = json_array();
	while (db_next(r)) {
		json_t *row = json_object();

		for (i = 0; keys[i] != NULL; i++)
			json_object_set_new(row, keys[i] + (keys[i][0] == '#'),
					    keys[i][0] == '#' ? json_integer(db_int(r, i)) : json_text(db_str(r, i)));
		json_array_append_new(list, row);
	}
	db_free(r);
	return list;
}

/* Sets key of doc to value, which is NULL when its query failed: then -1. */
static int
sf_account_data_set(json_t *doc, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	json_object_set_new(doc, key, value);
	return 0;
}

#define SF_ACCOUNT_ISO(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s')"

/*
 * The audit entries about the user, about their shop and by them. The
 * address an entry was made from is theirs only when they made it: an
 * admin's or another person's address is left out (the column is not even
 * read). Returns 0 or -1.
 */
static json_t *
sf_account_data_audit(long long uid)
{
	struct db_result *r;
	json_t *list;

	r = db_query("SELECT " SF_ACCOUNT_ISO("at") ", action, actor_role, object_type, object_id, detail,"
		     " IF(actor_id <=> ?, ip, NULL) FROM audit_log"
		     " WHERE (object_type = 'user' AND object_id = ?) OR actor_id = ?"
		     " OR (object_type = 'vendor' AND object_id IN (SELECT id FROM vendors WHERE user_id = ?))"
		     " ORDER BY id LIMIT 10000", "iiii", uid, uid, uid, uid);
	if (r == NULL)
		return NULL;
	list = json_array();
	while (db_next(r)) {
		json_t *entry = json_pack("{s:o, s:o, s:o, s:o, s:I}", "at", json_text(db_str(r, 0)),
					  "action", json_text(db_str(r, 1)), "actor_role", json_text(db_str(r, 2)),
					  "object_type", json_text(db_str(r, 3)), "object_id",
					  (json_int_t)db_int(r, 4));

		if (!db_null(r, 6))
			json_object_set_new(entry, "ip", json_text(db_str(r, 6)));
		json_object_set_new(entry, "detail", json_text(db_str(r, 5)));
		json_array_append_new(list, entry);
	}
	db_free(r);
	return list;
}

/* The whole document, or NULL when a query failed. */
static json_t *
sf_account_data_json(struct req *rq)
{
	struct arena *a = &rq->arena;
	long long uid = rq->sess->user_id, id;
	struct address ad;
	struct db_result *r;
	const char *phone;
	json_t *doc, *list;
	static const char *const session_keys[] = { "#id", "created_at", "last_seen_at", "expires_at", "ip",
						    "user_agent", NULL };
	static const char *const token_keys[] = { "purpose", "created_at", "expires_at", "used_at", NULL };
	static const char *const mail_keys[] = { "subject", "created_at", "status", "sent_at", NULL };
	static const char *const notification_keys[] = { "audience", "kind", "text", "url", "created_at", "read_at",
							  NULL };
	static const char *const choice_keys[] = { "audience", "kind", "#mail", NULL };
	static const char *const ticket_keys[] = { "#ticket_id", "side", "subject", "category", "order", "status",
						    "opened_at", "kind", "body", "created_at", NULL };
	static const char *const wishlist_keys[] = { "#list_id", "list_name", "#shared", "#product_id", "added_at",
						     NULL };
	static const char *const viewed_keys[] = { "#product_id", "viewed_at", NULL };

	r = db_query("SELECT id, email, name, role, status, " SF_ACCOUNT_ISO("email_verified_at") ", "
		     SF_ACCOUNT_ISO("created_at") ", " SF_ACCOUNT_ISO("updated_at") ", phone_enc,"
		     " totp_secret_enc IS NOT NULL FROM users WHERE id = ?", "i", uid);
	if (r == NULL)
		return NULL;
	if (!db_next(r)) {
		db_free(r);
		return NULL;
	}
	phone = crypt_open_column(a, "users", "phone_enc", uid, r, 8, "");
	doc = json_pack("{s:o, s:{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}}",
			"site", json_text(cfg_str("BAZAAR_SITE_NAME", "Bazaar")),
			"profile", "id", (json_int_t)db_int(r, 0), "email", json_text(db_str(r, 1)),
			"name", json_text(db_str(r, 2)), "role", json_text(db_str(r, 3)),
			"status", json_text(db_str(r, 4)), "email_verified_at", json_text(db_str(r, 5)),
			"created_at", json_text(db_str(r, 6)), "updated_at", json_text(db_str(r, 7)),
			"phone", json_text(*phone ? phone : NULL), "two_factor_enrolled", db_int(r, 9) != 0);
	db_free(r);
	if (doc == NULL)
		return NULL;

	r = db_query("SELECT id, label, body_enc, is_default, " SF_ACCOUNT_ISO("created_at") ", "
		     SF_ACCOUNT_ISO("updated_at") " FROM addresses WHERE user_id = ? ORDER BY id", "i", uid);
	if (r == NULL)
		goto fail;
	list = json_array();
	while (db_next(r)) {
		id = db_int(r, 0);
		address_open(a, "addresses", "body_enc", id, r, 2, &ad);
		json_array_append_new(list, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o}",
						      "id", (json_int_t)id, "label", json_text(db_str(r, 1)),
						      "name", json_text(ad.name), "line1", json_text(ad.line1),
						      "line2", json_text(ad.line2), "city", json_text(ad.city),
						      "postcode", json_text(ad.postcode),
						      "country", json_text(ad.country), "phone", json_text(ad.phone),
						      "default", db_int(r, 3) != 0,
						      "created_at", json_text(db_str(r, 4)),
						      "updated_at", json_text(db_str(r, 5))));
	}
	db_free(r);
	json_object_set_new(doc, "addresses", list);

	if (sf_account_data_set(doc, "sessions",
				sf_account_data_rows(db_query("SELECT id, " SF_ACCOUNT_ISO("created_at") ", "
							      SF_ACCOUNT_ISO("last_seen_at") ", "
							      SF_ACCOUNT_ISO("expires_at") ", ip, user_agent"
							      " FROM sessions WHERE user_id = ? ORDER BY id",
							      "i", uid), session_keys)) != 0 ||
	    sf_account_data_set(doc, "links_sent",
				sf_account_data_rows(db_query("SELECT purpose, " SF_ACCOUNT_ISO("created_at") ", "
							      SF_ACCOUNT_ISO("expires_at") ", "
							      SF_ACCOUNT_ISO("used_at") " FROM user_tokens"
							      " WHERE user_id = ? ORDER BY id", "i", uid),
						     token_keys)) != 0 ||
	    sf_account_data_set(doc, "audit_log", sf_account_data_audit(uid)) != 0 ||
	    sf_account_data_set(doc, "mail",
				sf_account_data_rows(db_query("SELECT subject, " SF_ACCOUNT_ISO("created_at") ", "
							      "status, " SF_ACCOUNT_ISO("sent_at") " FROM mail_outbox"
							      " WHERE to_addr = ? ORDER BY id LIMIT 10000", "s",
							      rq->sess->email), mail_keys)) != 0 ||
	    sf_account_data_set(doc, "notifications",
				sf_account_data_rows(db_query("SELECT audience, kind, text, url, "
							      SF_ACCOUNT_ISO("created_at") ", " SF_ACCOUNT_ISO("read_at")
							      " FROM notifications WHERE user_id = ? ORDER BY id", "i", uid),
						     notification_keys)) != 0 ||
	    sf_account_data_set(doc, "mail_choices",
				sf_account_data_rows(db_query("SELECT audience, kind, mail FROM notification_prefs"
							      " WHERE user_id = ? ORDER BY audience, kind", "i", uid),
						     choice_keys)) != 0 ||
	    sf_account_data_set(doc, "wishlists",
				sf_account_data_rows(db_query("SELECT w.id, w.name, w.share_token IS NOT NULL,"
							      " wi.product_id, " SF_ACCOUNT_ISO("wi.added_at")
							      " FROM wishlists w LEFT JOIN wishlist_items wi ON wi.wishlist_id = w.id"
							      " WHERE w.user_id = ? ORDER BY w.id, wi.added_at", "i", uid),
						     wishlist_keys)) != 0 ||
	    sf_account_data_set(doc, "recently_viewed",
				sf_account_data_rows(db_query("SELECT product_id, " SF_ACCOUNT_ISO("viewed_at")
							      " FROM recently_viewed WHERE user_id = ?"
							      " ORDER BY viewed_at DESC, product_id", "i", uid),
						     viewed_keys)) != 0 ||
	    /* Their support tickets (and their shop's), one row a message: what
	     * they wrote and support's answers, never support's internal notes
	     * or the thread's events. */
	    sf_account_data_set(doc, "tickets",
				sf_account_data_rows(db_query("SELECT t.id, t.side, t.subject, t.category,"
							      " IFNULL(vo.number, o.number), t.status, "
							      SF_ACCOUNT_ISO("t.created_at") ", m.kind, m.body, "
							      SF_ACCOUNT_ISO("m.created_at")
							      " FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id"
							      " AND m.kind IN ('message', 'answer')"
							      " LEFT JOIN orders o ON o.id = t.order_id"
							      " LEFT JOIN vendor_orders vo ON vo.id = t.vendor_order_id"
							      " WHERE t.user_id = ? OR (t.side = 'vendor' AND t.vendor_id IN"
							      " (SELECT id FROM vendors WHERE user_id = ?)) ORDER BY t.id, m.id",
							      "ii", uid, uid), ticket_keys)) != 0)
		goto fail;
	json_object_set_new(doc, "personalisation", json_boolean(personal_enabled(uid) != 0));

	r = db_query("SELECT id, slug, trading_name, legal_name, registration_number, tax_id, website,"
		     " description, status, " SF_ACCOUNT_ISO("created_at") ", address_enc, phone_enc,"
		     " bank_holder_enc, bank_account_enc FROM vendors WHERE user_id = ?", "i", uid);
	if (r == NULL)
		goto fail;
	if (db_next(r)) {
		id = db_int(r, 0);
		json_object_set_new(doc, "vendor",
				    json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
					      "id", (json_int_t)id, "slug", json_text(db_str(r, 1)),
					      "trading_name", json_text(db_str(r, 2)),
					      "legal_name", json_text(db_str(r, 3)),
					      "registration_number", json_text(db_str(r, 4)),
					      "tax_id", json_text(db_str(r, 5)), "website", json_text(db_str(r, 6)),
					      "description", json_text(db_str(r, 7)),
					      "status", json_text(db_str(r, 8)),
					      "created_at", json_text(db_str(r, 9)),
					      "address", json_text(crypt_open_column(a, "vendors", "address_enc", id, r, 10, "")),
					      "phone", json_text(crypt_open_column(a, "vendors", "phone_enc", id, r, 11, "")),
					      "bank_account_holder",
					      json_text(crypt_open_column(a, "vendors", "bank_holder_enc", id, r, 12, "")),
					      "bank_account",
					      json_text(crypt_open_column(a, "vendors", "bank_account_enc", id, r, 13, ""))));
	} else {
		json_object_set_new(doc, "vendor", json_null());
	}
	db_free(r);
	return doc;
fail:
	json_decref(doc);
	return NULL;
}

/*
 * ROUTE: GET /account/data.json      TEMPLATE: none (a JSON download)
 * PARAMS: none
 * Everything Bazaar keeps about the user, as one JSON file: profile and
 * phone, addresses, sessions, the links mailed to them (dates and purposes,
 * never the secrets), audit entries about them and their shop (with the
 * address an entry came from only when they made it), mail sent to them,
 * their support tickets' messages and answers (never support's internal
 * notes) and the vendor profile if they have one. The download is recorded in the
 * audit log.
 */
int
sf_account_data_download(struct req *rq, struct resp *rs)
{
	json_t *doc = sf_account_data_json(rq);
	int status = 500;

	buf_reset(&rs->body);
	if (doc == NULL || json_to_buf(doc, &rs->body) != 0 ||
	    audit_log(rq, "user.data_download", "user", rq->sess->user_id, "") != 0) {
		buf_reset(&rs->body);
		goto out;
	}
	rs->content_type = "application/json; charset=utf-8";
	resp_header(rs, "Content-Disposition", "attachment; filename=\"bazaar-data.json\"");
	status = 200;
out:
	json_decref(doc);
	return status;
}

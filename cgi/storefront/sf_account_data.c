/*
 * sf_account_data: a copy of everything Bazaar keeps about the user, as
 * one JSON download.
 */
#include "sf_account.h"

#include <string.h>

#include "audit.h"
#include "buf.h"
#include "cfg.h"

/* A JSON writer just big enough for the data download: nested objects and
 * arrays, string and number values, two-space indentation. */
struct sf_json {
	struct buf *b;
	int depth;
	int count[16];
};

static void
sf_json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '<': case '>': case '&':	/* harmless if a browser ever shows it as HTML */
			buf_printf(b, "\\u%04x", *p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

/* Comma, line break and indentation before the next member; then the key. */
static void
sf_json_next(struct sf_json *j, const char *key)
{
	int i;

	if (j->count[j->depth]++ > 0)
		buf_addc(j->b, ',');
	buf_addc(j->b, '\n');
	for (i = 0; i < j->depth; i++)
		buf_adds(j->b, "  ");
	if (key != NULL) {
		sf_json_string(j->b, key);
		buf_adds(j->b, ": ");
	}
}

static void
sf_json_open(struct sf_json *j, const char *key, char bracket)
{
	if (j->depth > 0 || j->count[0] > 0)
		sf_json_next(j, key);
	buf_addc(j->b, bracket);
	j->depth++;
	j->count[j->depth] = 0;
}

static void
sf_json_close(struct sf_json *j, char bracket)
{
	int had = j->count[j->depth], i;

	j->depth--;
	if (had > 0) {
		buf_addc(j->b, '\n');
		for (i = 0; i < j->depth; i++)
			buf_adds(j->b, "  ");
	}
	buf_addc(j->b, bracket);
}

/* A string member (SQL NULL becomes null). */
static void
sf_json_str(struct sf_json *j, const char *key, const char *value)
{
	sf_json_next(j, key);
	if (value == NULL)
		buf_adds(j->b, "null");
	else
		sf_json_string(j->b, value);
}

static void
sf_json_int(struct sf_json *j, const char *key, long long value)
{
	sf_json_next(j, key);
	buf_printf(j->b, "%lld", value);
}

static void
sf_json_bool(struct sf_json *j, const char *key, int value)
{
	sf_json_next(j, key);
	buf_adds(j->b, value ? "true" : "false");
}

/* One object per row with the given keys (column i under keys[i]; a key
 * starting with '#' is a number). Returns 0 or -1. */
static int
sf_json_rows(struct sf_json *j, const char *key, struct db_result *r, const char *const *keys)
{
	unsigned i;

	if (r == NULL)
		return -1;
	sf_json_open(j, key, '[');
	while (db_next(r)) {
		sf_json_open(j, NULL, '{');
		for (i = 0; keys[i] != NULL; i++) {
			if (keys[i][0] == '#')
				sf_json_int(j, keys[i] + 1, db_int(r, i));
			else
				sf_json_str(j, keys[i], db_str(r, i));
		}
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);
	return 0;
}

#define SF_ACCOUNT_ISO(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s')"

/*
 * The audit entries about the user, about their shop and by them. The
 * address an entry was made from is theirs only when they made it: an
 * admin's or another person's address is left out (the column is not even
 * read). Returns 0 or -1.
 */
static int
sf_account_data_audit(struct sf_json *j, long long uid)
{
	struct db_result *r;

	r = db_query("SELECT " SF_ACCOUNT_ISO("at") ", action, actor_role, object_type, object_id, detail,"
		     " IF(actor_id <=> ?, ip, NULL) FROM audit_log"
		     " WHERE (object_type = 'user' AND object_id = ?) OR actor_id = ?"
		     " OR (object_type = 'vendor' AND object_id IN (SELECT id FROM vendors WHERE user_id = ?))"
		     " ORDER BY id LIMIT 10000", "iiii", uid, uid, uid, uid);
	if (r == NULL)
		return -1;
	sf_json_open(j, "audit_log", '[');
	while (db_next(r)) {
		sf_json_open(j, NULL, '{');
		sf_json_str(j, "at", db_str(r, 0));
		sf_json_str(j, "action", db_str(r, 1));
		sf_json_str(j, "actor_role", db_str(r, 2));
		sf_json_str(j, "object_type", db_str(r, 3));
		sf_json_int(j, "object_id", db_int(r, 4));
		if (!db_null(r, 6))
			sf_json_str(j, "ip", db_str(r, 6));
		sf_json_str(j, "detail", db_str(r, 5));
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);
	return 0;
}

static int
sf_account_data_json(struct req *rq, struct sf_json *j)
{
	struct arena *a = &rq->arena;
	long long uid = rq->sess->user_id, id;
	struct sf_account_address ad;
	struct db_result *r;
	const char *phone;
	static const char *const session_keys[] = { "#id", "created_at", "last_seen_at", "expires_at", "ip",
						    "user_agent", NULL };
	static const char *const token_keys[] = { "purpose", "created_at", "expires_at", "used_at", NULL };
	static const char *const mail_keys[] = { "subject", "created_at", "status", "sent_at", NULL };

	r = db_query("SELECT id, email, name, role, status, " SF_ACCOUNT_ISO("email_verified_at") ", "
		     SF_ACCOUNT_ISO("created_at") ", " SF_ACCOUNT_ISO("updated_at") ", phone_enc,"
		     " totp_secret_enc IS NOT NULL FROM users WHERE id = ?", "i", uid);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return -1;
	}
	sf_json_open(j, NULL, '{');
	sf_json_str(j, "site", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	sf_json_open(j, "profile", '{');
	sf_json_int(j, "id", db_int(r, 0));
	sf_json_str(j, "email", db_str(r, 1));
	sf_json_str(j, "name", db_str(r, 2));
	sf_json_str(j, "role", db_str(r, 3));
	sf_json_str(j, "status", db_str(r, 4));
	sf_json_str(j, "email_verified_at", db_str(r, 5));
	sf_json_str(j, "created_at", db_str(r, 6));
	sf_json_str(j, "updated_at", db_str(r, 7));
	phone = sf_account_open(a, "users", "phone_enc", uid, r, 8);
	sf_json_str(j, "phone", *phone ? phone : NULL);
	sf_json_bool(j, "two_factor_enrolled", db_int(r, 9) != 0);
	sf_json_close(j, '}');
	db_free(r);

	r = db_query("SELECT id, label, body_enc, is_default, " SF_ACCOUNT_ISO("created_at") ", "
		     SF_ACCOUNT_ISO("updated_at") " FROM addresses WHERE user_id = ? ORDER BY id", "i", uid);
	if (r == NULL)
		return -1;
	sf_json_open(j, "addresses", '[');
	while (db_next(r)) {
		id = db_int(r, 0);
		memset(&ad, 0, sizeof ad);
		sf_account_address_parse(a, sf_account_open(a, "addresses", "body_enc", id, r, 2), &ad);
		sf_json_open(j, NULL, '{');
		sf_json_int(j, "id", id);
		sf_json_str(j, "label", db_str(r, 1));
		sf_json_str(j, "name", ad.name);
		sf_json_str(j, "line1", ad.line1);
		sf_json_str(j, "line2", ad.line2);
		sf_json_str(j, "city", ad.city);
		sf_json_str(j, "postcode", ad.postcode);
		sf_json_str(j, "country", ad.country);
		sf_json_str(j, "phone", ad.phone);
		sf_json_bool(j, "default", db_int(r, 3) != 0);
		sf_json_str(j, "created_at", db_str(r, 4));
		sf_json_str(j, "updated_at", db_str(r, 5));
		sf_json_close(j, '}');
	}
	sf_json_close(j, ']');
	db_free(r);

	if (sf_json_rows(j, "sessions", db_query("SELECT id, " SF_ACCOUNT_ISO("created_at") ", "
						 SF_ACCOUNT_ISO("last_seen_at") ", " SF_ACCOUNT_ISO("expires_at")
						 ", ip, user_agent FROM sessions WHERE user_id = ? ORDER BY id",
						 "i", uid), session_keys) != 0 ||
	    sf_json_rows(j, "links_sent", db_query("SELECT purpose, " SF_ACCOUNT_ISO("created_at") ", "
						   SF_ACCOUNT_ISO("expires_at") ", " SF_ACCOUNT_ISO("used_at")
						   " FROM user_tokens WHERE user_id = ? ORDER BY id", "i", uid),
			 token_keys) != 0 ||
	    sf_account_data_audit(j, uid) != 0 ||
	    sf_json_rows(j, "mail", db_query("SELECT subject, " SF_ACCOUNT_ISO("created_at") ", status, "
					     SF_ACCOUNT_ISO("sent_at") " FROM mail_outbox WHERE to_addr = ?"
					     " ORDER BY id LIMIT 10000", "s", rq->sess->email), mail_keys) != 0)
		return -1;

	r = db_query("SELECT id, slug, trading_name, legal_name, registration_number, tax_id, website,"
		     " description, status, " SF_ACCOUNT_ISO("created_at") ", address_enc, phone_enc,"
		     " bank_holder_enc, bank_account_enc FROM vendors WHERE user_id = ?", "i", uid);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		id = db_int(r, 0);
		sf_json_open(j, "vendor", '{');
		sf_json_int(j, "id", id);
		sf_json_str(j, "slug", db_str(r, 1));
		sf_json_str(j, "trading_name", db_str(r, 2));
		sf_json_str(j, "legal_name", db_str(r, 3));
		sf_json_str(j, "registration_number", db_str(r, 4));
		sf_json_str(j, "tax_id", db_str(r, 5));
		sf_json_str(j, "website", db_str(r, 6));
		sf_json_str(j, "description", db_str(r, 7));
		sf_json_str(j, "status", db_str(r, 8));
		sf_json_str(j, "created_at", db_str(r, 9));
		sf_json_str(j, "address", sf_account_open(a, "vendors", "address_enc", id, r, 10));
		sf_json_str(j, "phone", sf_account_open(a, "vendors", "phone_enc", id, r, 11));
		sf_json_str(j, "bank_account_holder", sf_account_open(a, "vendors", "bank_holder_enc", id, r, 12));
		sf_json_str(j, "bank_account", sf_account_open(a, "vendors", "bank_account_enc", id, r, 13));
		sf_json_close(j, '}');
	} else {
		sf_json_str(j, "vendor", NULL);
	}
	db_free(r);
	sf_json_close(j, '}');
	buf_addc(j->b, '\n');
	return 0;
}

/*
 * ROUTE: GET /account/data.json      TEMPLATE: none (a JSON download)
 * PARAMS: none
 * Everything Bazaar keeps about the user, as one JSON file: profile and
 * phone, addresses, sessions, the links mailed to them (dates and purposes,
 * never the secrets), audit entries about them and their shop (with the
 * address an entry came from only when they made it), mail sent to them
 * and the vendor profile if they have one. The download is recorded in the
 * audit log.
 */
int
sf_account_data_download(struct req *rq, struct resp *rs)
{
	struct sf_json j;

	memset(&j, 0, sizeof j);
	buf_reset(&rs->body);
	j.b = &rs->body;
	if (sf_account_data_json(rq, &j) != 0 ||
	    audit_log(rq, "user.data_download", "user", rq->sess->user_id, "") != 0) {
		buf_reset(&rs->body);
		return 500;
	}
	rs->content_type = "application/json; charset=utf-8";
	resp_header(rs, "Content-Disposition", "attachment; filename=\"bazaar-data.json\"");
	return 200;
}

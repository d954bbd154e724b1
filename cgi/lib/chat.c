/*
 * chat: conversations between a customer and a shop about a vendor order
 * (chat.h says who may read them and how live updates travel).
 */
#include "chat.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asset.h"
#include "buf.h"
#include "cart.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "log.h"
#include "mail.h"
#include "media.h"
#include "notify.h"
#include "report.h"

#define CHAT_COLUMNS \
	"c.id, c.order_id, c.vendor_order_id, c.user_id, c.vendor_id, COALESCE(v.user_id, 0), o.number," \
	" vo.number, v.trading_name, u.name, c.message_count" \
	" FROM conversations c JOIN orders o ON o.id = c.order_id" \
	" JOIN vendor_orders vo ON vo.id = c.vendor_order_id JOIN vendors v ON v.id = c.vendor_id" \
	" JOIN users u ON u.id = c.user_id"

static const char chat_load_sql[] = "SELECT " CHAT_COLUMNS " WHERE c.id = ?";
static const char chat_messages_sql[] =
	"SELECT m.id, m.sender, m.body, m.image_path, m.image_width, m.image_height,"
	" DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), m.hidden_at IS NOT NULL"
	" FROM messages m WHERE m.conversation_id = ? ORDER BY m.id";
static const char chat_message_sql[] =
	"SELECT m.id, m.sender, m.body, m.image_path, m.conversation_id,"
	" DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), v.trading_name, u.name"
	" FROM messages m JOIN conversations c ON c.id = m.conversation_id"
	" JOIN vendors v ON v.id = c.vendor_id JOIN users u ON u.id = c.user_id"
	" WHERE m.id = ? AND m.hidden_at IS NULL";

int
chat_open(long long order_id, long long vendor_order_id, long long user_id, long long vendor_id)
{
	if (user_id <= 0)
		return 0;
	return db_exec("INSERT INTO conversations (vendor_order_id, order_id, user_id, vendor_id) VALUES (?, ?, ?, ?)",
		       "iiii", vendor_order_id, order_id, user_id, vendor_id) == 1 ? 0 : -1;
}

int
chat_load_any(struct arena *a, long long id, struct chat_conversation *out)
{
	struct db_result *r = db_query(chat_load_sql, "i", id);

	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	out->id = db_int(r, 0);
	out->order_id = db_int(r, 1);
	out->vendor_order_id = db_int(r, 2);
	out->user_id = db_int(r, 3);
	out->vendor_id = db_int(r, 4);
	out->vendor_user_id = db_int(r, 5);
	out->order_number = arena_strdup(a, db_str(r, 6));
	out->vo_number = arena_strdup(a, db_str(r, 7));
	out->shop = arena_strdup(a, db_str(r, 8));
	out->customer = arena_strdup(a, db_str(r, 9) ? db_str(r, 9) : "");
	out->message_count = db_int(r, 10);
	db_free(r);
	return 0;
}

int
chat_load(struct arena *a, long long id, enum chat_side side, long long user_id, struct chat_conversation *out)
{
	int status;

	if (user_id <= 0)
		return 404;
	if ((status = chat_load_any(a, id, out)) != 0)
		return status;
	if (side == CHAT_CUSTOMER ? out->user_id != user_id : out->vendor_user_id != user_id)
		return 404;
	return 0;
}

long long
chat_of_vendor_order(long long vo)
{
	return db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM conversations WHERE vendor_order_id = ?", "i", vo);
}

int
chat_party(long long id, long long user_id)
{
	long long n;

	if (user_id <= 0)
		return 0;
	n = db_scalar(-1, "SELECT COUNT(*) FROM conversations c JOIN vendors v ON v.id = c.vendor_id"
		      " WHERE c.id = ? AND (c.user_id = ? OR v.user_id = ?)", "iii", id, user_id, user_id);
	return n < 0 ? -1 : n > 0;
}

long long
chat_message_in(long long conversation_id, long long message_id)
{
	return db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM messages WHERE id = ? AND conversation_id = ?", "ii",
			 message_id, conversation_id);
}

static const char *
chat_side_name(int side)
{
	return side == CHAT_VENDOR ? "vendor" : side == CHAT_CUSTOMER ? "customer" : "admin";
}

/* The full URL of a picture's 600 px JPEG, in the arena. */
static const char *
chat_image_url(struct arena *a, const char *path)
{
	char *u = asset_media_url(path);
	const char *out = arena_strdup(a, u ? u : "");

	free(u);
	return out;
}

long long
chat_fill(tmpl_dict *d, struct arena *a, const struct chat_conversation *c, int viewer, const char *live_url,
	  const char *report_prefix, const char *csrf)
{
	struct db_result *r;
	tmpl_dict *list, *row;
	long long n = 0;

	tmpl_set_int(d, "CONVERSATION_ID", c->id);
	tmpl_set(d, "SIDE", chat_side_name(viewer));
	tmpl_set(d, "SHOP", c->shop);
	tmpl_set(d, "CUSTOMER", c->customer);
	tmpl_set(d, "ORDER_NUMBER", c->order_number);
	tmpl_set(d, "VO_NUMBER", c->vo_number);
	list = tmpl_include(d, "MESSAGES", "layout/_chat_messages.tpl");
	tmpl_set_int(list, "CONVERSATION_ID", c->id);
	tmpl_set(list, "SIDE", chat_side_name(viewer));
	tmpl_set(list, "LIVE_URL", live_url ? live_url : "");
	if ((r = db_query(chat_messages_sql, "i", c->id)) == NULL)
		return -1;
	while (db_next(r)) {
		const char *sender = db_str(r, 1);
		int mine = strcmp(sender, chat_side_name(viewer)) == 0;

		n++;
		row = tmpl_section(list, "MESSAGE");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "SENDER", sender);
		tmpl_set(row, "WHO", strcmp(sender, "vendor") == 0 ? c->shop : c->customer);
		tmpl_set(row, "AT", db_str(r, 6));
		if (mine)
			tmpl_show(row, "MINE");
		if (db_int(r, 7)) {
			tmpl_show(row, "HIDDEN");
			continue;
		}
		tmpl_dict *shown = tmpl_section(row, "SHOWN");

		if (db_str(r, 2)[0] != '\0')
			tmpl_set(tmpl_section(shown, "TEXT"), "BODY", db_str(r, 2));
		if (db_str(r, 3) != NULL) {
			tmpl_dict *img = tmpl_section(shown, "IMAGE");

			tmpl_set(img, "URL", chat_image_url(a, db_str(r, 3)));
			tmpl_set_int(img, "WIDTH", db_int(r, 4));
			tmpl_set_int(img, "HEIGHT", db_int(r, 5));
		}
		if (!mine && report_prefix != NULL) {
			tmpl_dict *rep = tmpl_section(shown, "REPORT");

			tmpl_set(rep, "ACTION", arena_printf(a, "%s/%lld/report", report_prefix, db_int(r, 0)));
			tmpl_set(rep, "CSRF", csrf ? csrf : "");
			tmpl_set_int(rep, "ID", db_int(r, 0));
		}
	}
	db_free(r);
	if (n == 0)
		tmpl_show(list, "NO_MESSAGES");
	return n;
}

int
chat_mark_read(const struct chat_conversation *c, enum chat_side side)
{
	long long n;

	if (side == CHAT_CUSTOMER)
		n = db_exec("UPDATE conversations SET customer_unread = 0 WHERE id = ? AND customer_unread > 0", "i",
			    c->id);
	else
		n = db_exec("UPDATE conversations SET vendor_unread = 0 WHERE id = ? AND vendor_unread > 0", "i",
			    c->id);
	if (n < 0)
		return -1;
	if (n > 0) {
		cart_user_changed(side == CHAT_CUSTOMER ? c->user_id : c->vendor_user_id);
		/* The reader's other pages count fewer (after the commit, if any). */
		if (!db_in_transaction())
			chat_publish_unread(side == CHAT_CUSTOMER ? c->user_id : c->vendor_user_id);
	}
	return 0;
}

long long
chat_unread_customer(long long user_id)
{
	return db_scalar(-1, "SELECT COALESCE(SUM(customer_unread), 0) FROM conversations WHERE user_id = ?", "i",
			 user_id);
}

long long
chat_unread_vendor(long long user_id)
{
	return db_scalar(-1, "SELECT COALESCE(SUM(c.vendor_unread), 0) FROM vendors v"
			 " JOIN conversations c ON c.vendor_id = v.id WHERE v.user_id = ?", "i", user_id);
}

int
chat_has_conversations(long long user_id)
{
	return (int)db_scalar(-1, "SELECT EXISTS (SELECT 1 FROM conversations WHERE user_id = ?)"
			      " OR EXISTS (SELECT 1 FROM vendors v JOIN conversations c ON c.vendor_id = v.id"
			      " WHERE v.user_id = ?)", "ii", user_id, user_id);
}

/* ---- sending ------------------------------------------------------------- */

struct chat_send_tx {
	const struct chat_conversation *c;
	enum chat_side side;
	long long sender_user_id;
	const char *text;
	const char *their_path;		/* where the other side reads it */
	const struct media_image *m;	/* NULL: no picture */
	long long message_id;
};

/* The other side's notification (chat's kind "message", notify.h) and its
 * mail, when its last one is over an hour old. */
static int
chat_send_notify(struct chat_send_tx *t, const char *now, const char *since)
{
	const struct chat_conversation *c = t->c;
	struct db_result *r;
	tmpl_dict *d;
	char url[300], subject[200], text[300];
	long long n, to_user = t->side == CHAT_CUSTOMER ? c->vendor_user_id : c->user_id;
	const char *from = t->side == CHAT_CUSTOMER ? c->customer : c->shop;

	if (to_user <= 0)
		return 0;
	if (t->side == CHAT_CUSTOMER)
		n = db_exec("UPDATE conversations SET vendor_mailed_at = ? WHERE id = ?"
			    " AND (vendor_mailed_at IS NULL OR vendor_mailed_at <= ?)", "sis", now, c->id, since);
	else
		n = db_exec("UPDATE conversations SET customer_mailed_at = ? WHERE id = ?"
			    " AND (customer_mailed_at IS NULL OR customer_mailed_at <= ?)", "sis", now, c->id, since);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	if ((r = db_query("SELECT name FROM users WHERE id = ?", "i", to_user)) == NULL)
		return -1;
	d = tmpl_dict_new("mail");
	tmpl_set(d, "NAME", db_next(r) && db_str(r, 0) ? db_str(r, 0) : "");
	db_free(r);
	tmpl_set(d, "FROM", from);
	tmpl_set(d, "VO_NUMBER", c->vo_number);
	snprintf(url, sizeof url, "%s%s", mail_base_url(), t->their_path);
	tmpl_set(d, "URL", url);
	snprintf(subject, sizeof subject, "New message about order %s", c->vo_number);
	snprintf(text, sizeof text, "%s wrote about order %s", from, c->vo_number);
	if (t->side == CHAT_CUSTOMER)
		n = notify_vendor(c->vendor_id, "message", text, t->their_path, subject, "chat_message", d);
	else
		n = notify_user(c->user_id, NOTIFY_SHOPPER, "message", text, t->their_path, subject, "chat_message", d);
	return n < 0 ? -1 : 0;
}

static int
chat_send_run(void *arg)
{
	struct chat_send_tx *t = arg;
	const struct chat_conversation *c = t->c;
	char now[32], since[32];
	time_t clock = clock_now();
	long long n;

	clock_datetime(clock, now, sizeof now);
	clock_datetime(clock - CHAT_MAIL_EVERY, since, sizeof since);
	/* The conversation's row first: two messages at once are counted in turn. */
	if (db_scalar(-1, "SELECT id FROM conversations WHERE id = ? FOR UPDATE", "i", c->id) != c->id)
		return -1;
	if (db_exec("INSERT INTO messages (conversation_id, sender, sender_user_id, body, media_id, image_path,"
		    " image_width, image_height, created_at)"
		    " VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), NOW(3))",
		    "isisisii", c->id, chat_side_name(t->side), t->sender_user_id, t->text,
		    t->m ? t->m->id : 0LL, t->m ? t->m->path : "", t->m ? (long long)t->m->width : 0LL,
		    t->m ? (long long)t->m->height : 0LL) != 1)
		return -1;
	t->message_id = (long long)db_insert_id();
	if (t->side == CHAT_CUSTOMER)
		n = db_exec("UPDATE conversations SET message_count = message_count + 1, last_message_at = NOW(3),"
			    " last_sender = 'customer', vendor_unread = vendor_unread + 1 WHERE id = ?", "i", c->id);
	else
		n = db_exec("UPDATE conversations SET message_count = message_count + 1, last_message_at = NOW(3),"
			    " last_sender = 'vendor', customer_unread = customer_unread + 1 WHERE id = ?", "i", c->id);
	if (n != 1)
		return -1;
	return chat_send_notify(t, now, since);
}

long long
chat_send(const struct chat_conversation *c, enum chat_side side, long long sender_user_id, const char *text,
	  const char *picture_path, const char *their_path, const char **field, const char **why)
{
	struct chat_send_tx t = { c, side, sender_user_id, text ? text : "", their_path, NULL, 0 };
	struct media_image m;
	int rc;

	*field = NULL;
	*why = NULL;
	if (picture_path != NULL) {
		/* Stored on its own: a message that then fails leaves an unused
		 * picture, which media_purge deletes after its grace period. */
		rc = media_store_file(picture_path, &m, why);
		if (rc > 0) {
			*field = "picture";
			return 0;
		}
		if (rc < 0)
			return -1;
		t.m = &m;
	} else if (t.text[0] == '\0') {
		*field = "text";
		*why = "Write a message or choose a picture to send.";
		return 0;
	}
	if (db_tx(chat_send_run, &t) != 0) {
		log_error("chat.send_failed", "conversation=%lld", c->id);
		return -1;
	}
	log_info("chat.sent", "conversation=%lld message=%lld side=%s", c->id, t.message_id, chat_side_name(side));
	/* The other side's header shows one more unread message. */
	cart_user_changed(side == CHAT_CUSTOMER ? c->vendor_user_id : c->user_id);
	chat_publish(t.message_id);
	chat_publish_unread(side == CHAT_CUSTOMER ? c->vendor_user_id : c->user_id);
	return t.message_id;
}

/* ---- live updates through nchan ----------------------------------------- */

static size_t
chat_discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/* POSTs the JSON doc to path of nchan's private publisher (BAZAAR_NCHAN_SOCKET):
 * 0 when nchan took it, -1 otherwise (logged with what, a "conversation=.."
 * or "user=.." pair). */
static int
chat_post(const char *path, json_t *doc, const char *what)
{
	const char *sock = cfg_str("BAZAAR_NCHAN_SOCKET", "");
	struct curl_slist *headers = NULL;
	struct buf body;
	char url[100];
	long status = 0;
	int rc = -1;
	CURL *c;
	CURLcode cr;

	if (sock[0] == '\0')
		return -1;
	buf_init(&body);
	if (json_to_buf(doc, &body) != 0 || (c = curl_easy_init()) == NULL)
		goto out;
	snprintf(url, sizeof url, "http://localhost%s", path);
	headers = curl_slist_append(headers, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, sock);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body.len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, chat_discard);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 500L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cr = curl_easy_perform(c);
	if (cr == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (cr != CURLE_OK || status < 200 || status >= 300)
		log_warn("chat.publish_failed", "%s status=%ld msg=%s", what, status,
			 log_quote(cr == CURLE_OK ? "refused" : curl_easy_strerror(cr)));
	else
		rc = 0;
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
out:
	buf_free(&body);
	return rc;
}

int
chat_publish(long long message_id)
{
	struct db_result *r;
	struct arena a;
	json_t *doc;
	char path[64], what[80];
	long long conversation;
	int rc;

	if (cfg_str("BAZAAR_NCHAN_SOCKET", "")[0] == '\0')
		return -1;
	if ((r = db_query(chat_message_sql, "i", message_id)) == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return -1;
	}
	arena_init(&a);
	conversation = db_int(r, 4);
	doc = json_object();
	json_object_set_new(doc, "id", json_integer(db_int(r, 0)));
	json_object_set_new(doc, "sender", json_text(db_str(r, 1)));
	json_object_set_new(doc, "who", json_text(strcmp(db_str(r, 1), "vendor") == 0 ? db_str(r, 6) : db_str(r, 7)));
	json_object_set_new(doc, "text", json_text(db_str(r, 2)));
	json_object_set_new(doc, "image", json_text(db_str(r, 3) ? chat_image_url(&a, db_str(r, 3)) : NULL));
	json_object_set_new(doc, "at", json_text(db_str(r, 5)));
	db_free(r);
	snprintf(path, sizeof path, "/pub/chat/%lld", conversation);
	snprintf(what, sizeof what, "conversation=%lld message=%lld", conversation, message_id);
	rc = chat_post(path, doc, what);
	json_decref(doc);
	arena_free(&a);
	return rc;
}

int
chat_publish_unread(long long user_id)
{
	long long customer, vendor;
	json_t *doc;
	char path[64], what[48];
	int rc;

	if (user_id <= 0 || cfg_str("BAZAAR_NCHAN_SOCKET", "")[0] == '\0')
		return -1;
	if ((customer = chat_unread_customer(user_id)) < 0 || (vendor = chat_unread_vendor(user_id)) < 0)
		return -1;
	doc = json_pack("{s:I, s:I}", "messages", (json_int_t)customer, "inbox", (json_int_t)vendor);
	snprintf(path, sizeof path, "/pub/unread/%lld", user_id);
	snprintf(what, sizeof what, "user=%lld", user_id);
	rc = doc != NULL ? chat_post(path, doc, what) : -1;
	json_decref(doc);
	return rc;
}

/* ---- reports and moderation ---------------------------------------------- */

int
chat_report(const struct chat_conversation *c, enum chat_side side, long long user_id, long long message_id,
	    const char *reason)
{
	/* Only a message of the other side, shown, in this conversation. */
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM messages WHERE id = ? AND conversation_id = ? AND sender = ?"
				" AND hidden_at IS NULL", "iis", message_id, c->id,
				side == CHAT_CUSTOMER ? "vendor" : "customer");
	int rc;

	if (n < 0)
		return -1;
	if (n == 0)
		return 404;
	if ((rc = report_add(REPORT_MESSAGE, message_id, user_id, reason)) < 0)
		return -1;
	log_info("chat.reported", "conversation=%lld message=%lld new=%d", c->id, message_id, rc);
	return rc;
}

int
chat_moderate(long long message_id, int hide, const char *reason)
{
	struct db_result *r;
	tmpl_dict *d;
	char clock_text[32];
	long long n;
	int rc = 0;

	if (!db_in_transaction() || (hide && (reason == NULL || *reason == '\0')))
		return -1;
	if (!hide)
		return 0;
	clock_datetime(clock_now(), clock_text, sizeof clock_text);
	n = db_exec("UPDATE messages SET hidden_at = ? WHERE id = ? AND hidden_at IS NULL", "si", clock_text,
		    message_id);
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;	/* hidden already, or gone with its conversation */
	/* The author is told why. */
	r = db_query("SELECT u.email, u.name, vo.number FROM messages m JOIN users u ON u.id = m.sender_user_id"
		     " JOIN conversations c ON c.id = m.conversation_id JOIN vendor_orders vo ON vo.id = c.vendor_order_id"
		     " WHERE m.id = ?", "i", message_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		d = tmpl_dict_new("mail");
		tmpl_set(d, "NAME", db_str(r, 1) ? db_str(r, 1) : "");
		tmpl_set(d, "VO_NUMBER", db_str(r, 2));
		tmpl_set(d, "REASON", reason);
		rc = mail_queue(db_str(r, 0), "Your message was hidden", "chat_message_hidden", d) < 0 ? -1 : 0;
	}
	db_free(r);
	return rc;
}

int
chat_admin_may_read(long long id, long long report_id, long long return_id)
{
	long long n;

	if (report_id > 0)
		n = db_scalar(-1, "SELECT COUNT(*) FROM content_reports r JOIN messages m ON m.id = r.object_id"
			      " WHERE r.id = ? AND r.kind = 'message' AND m.conversation_id = ?", "ii", report_id, id);
	else if (return_id > 0)
		n = db_scalar(-1, "SELECT COUNT(*) FROM returns r JOIN conversations c ON c.vendor_order_id = r.vendor_order_id"
			      " WHERE r.id = ? AND c.id = ? AND r.escalated_at IS NOT NULL", "ii", return_id, id);
	else
		return 0;
	return n < 0 ? -1 : n > 0;
}

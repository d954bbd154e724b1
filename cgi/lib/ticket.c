/* ticket: see ticket.h. */
#include "ticket.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "returns.h"

const char *const ticket_categories[] = { "order", "payment", "account", "other", NULL };
const char *const ticket_statuses[] = { "open", "waiting", "resolved", NULL };

const char *
ticket_category_label(const char *category)
{
	static const char *const labels[][2] = {
		{ "order", "Order problem" }, { "payment", "Payment" }, { "account", "Account" }, { "other", "Other" },
	};
	size_t i;

	for (i = 0; category && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(category, labels[i][0]) == 0)
			return labels[i][1];
	return "Other";
}

const char *
ticket_status_label(const char *status, int staff)
{
	if (status && strcmp(status, "open") == 0)
		return staff ? "Open" : "Waiting for support";
	if (status && strcmp(status, "waiting") == 0)
		return staff ? "Waiting for the customer" : "Waiting for your answer";
	return "Resolved";
}

static int
ticket_known(const char *const *choices, const char *value)
{
	size_t i;

	for (i = 0; value && choices[i]; i++)
		if (strcmp(choices[i], value) == 0)
			return 1;
	return 0;
}

int
ticket_is_staff(long long user_id)
{
	return db_scalar(0, "SELECT COUNT(*) FROM users WHERE id = ? AND role IN ('admin', 'support')"
			    " AND status = 'active'", "i", user_id) == 1;
}

/* ---- mails --------------------------------------------------------------------------------- */

/* What a mail about the ticket needs: its subject, who asks and where they
 * read it, where support reads it. */
struct ticket_mail {
	long long id;
	char subject[TICKET_SUBJECT_MAX * 4 + 1];
	char asker_email[255], asker_name[401];
	char staff_email[255];
	const char *page;	/* the asker's pages: CUSTOMER_PAGE, VENDOR_PAGE, NULL for a guest */
	long long user_id, vendor_id;	/* the asker: a vendor, else an account, else a guest */
};

static int
ticket_mail_load(long long ticket_id, struct ticket_mail *m)
{
	struct db_result *r;
	int rc = -1;

	memset(m, 0, sizeof *m);
	m->id = ticket_id;
	r = db_query("SELECT t.subject, t.side,"
		     " CASE WHEN t.side = 'vendor' THEN IFNULL(vu.email, '')"
		     "      WHEN t.user_id IS NOT NULL THEN IFNULL(u.email, '') ELSE IFNULL(o.email, '') END,"
		     " CASE WHEN t.side = 'vendor' THEN IFNULL(v.trading_name, '') ELSE IFNULL(u.name, '') END,"
		     " IFNULL(s.email, ''), t.user_id IS NULL, IFNULL(t.user_id, 0), IFNULL(t.vendor_id, 0)"
		     " FROM tickets t LEFT JOIN users u ON u.id = t.user_id AND u.status <> 'deleted'"
		     " LEFT JOIN vendors v ON v.id = t.vendor_id"
		     " LEFT JOIN users vu ON vu.id = v.user_id AND vu.status <> 'deleted'"
		     " LEFT JOIN orders o ON o.id = t.order_id"
		     " LEFT JOIN users s ON s.id = t.assigned_to AND s.status = 'active'"
		     " WHERE t.id = ?", "i", ticket_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		snprintf(m->subject, sizeof m->subject, "%s", db_str(r, 0));
		snprintf(m->asker_email, sizeof m->asker_email, "%s", db_str(r, 2));
		snprintf(m->asker_name, sizeof m->asker_name, "%s", db_str(r, 3));
		snprintf(m->staff_email, sizeof m->staff_email, "%s",
			 *db_str(r, 4) ? db_str(r, 4) : mail_support_address());
		m->user_id = db_int(r, 6);
		m->vendor_id = db_int(r, 7);
		if (strcmp(db_str(r, 1), "vendor") == 0)
			m->page = "VENDOR_PAGE";
		else if (db_int(r, 5) == 0)
			m->page = "CUSTOMER_PAGE";
		rc = 0;
	}
	db_free(r);
	return rc;
}

/* A mail to the asker (template ticket_<name>: received, answered,
 * resolved); text is what support wrote to them, or NULL. Nobody to write
 * to (a deleted account): nothing, 0. */
static int
ticket_mail_asker(const struct ticket_mail *m, const char *name, const char *subject, const char *text)
{
	char tpl[32], line[TICKET_SUBJECT_MAX * 4 + 64];
	tmpl_dict *d;

	if (!*m->asker_email)
		return 0;
	d = tmpl_dict_new("mail");
	snprintf(tpl, sizeof tpl, "ticket_%s", name);
	snprintf(line, sizeof line, "%s (ticket %lld)", subject, m->id);
	tmpl_set(d, "NAME", *m->asker_name ? m->asker_name : "there");
	tmpl_set_int(d, "ID", m->id);
	tmpl_set(d, "SUBJECT", m->subject);
	if (text)
		tmpl_set(tmpl_section(d, "HAS_TEXT"), "TEXT", text);
	if (m->page)
		tmpl_show(d, m->page);
	return mail_queue(m->asker_email, line, tpl, d) < 0 ? -1 : 0;
}

/* Support's news for the asker (what: answered, resolved; text what support
 * wrote them, or NULL): a line in their notification centre, linking to the
 * ticket's page (links), and the mail of template ticket_<what> as they
 * chose (notify.h); a guest gets the mail. */
static int
ticket_notify_asker(const struct ticket_mail *m, const struct ticket_links *links, const char *what,
		    const char *subject, const char *text)
{
	char tpl[32], line[TICKET_SUBJECT_MAX * 4 + 64], url[128];
	tmpl_dict *d;

	if (m->user_id == 0)
		return ticket_mail_asker(m, what, subject, text);
	d = tmpl_dict_new("mail");
	snprintf(tpl, sizeof tpl, "ticket_%s", what);
	snprintf(line, sizeof line, "%s (ticket %lld)", subject, m->id);
	snprintf(url, sizeof url, "%s/%lld", m->vendor_id ? links->vendor : links->customer, m->id);
	tmpl_set(d, "NAME", *m->asker_name ? m->asker_name : "there");
	tmpl_set_int(d, "ID", m->id);
	tmpl_set(d, "SUBJECT", m->subject);
	if (text)
		tmpl_set(tmpl_section(d, "HAS_TEXT"), "TEXT", text);
	tmpl_show(d, m->page);
	if (m->vendor_id)
		return notify_vendor(m->vendor_id, "ticket", line, url, line, tpl, d) < 0 ? -1 : 0;
	return notify_user(m->user_id, NOTIFY_SHOPPER, "ticket", line, url, line, tpl, d) < 0 ? -1 : 0;
}

/* A mail to support (the assignee, else the support address): section
 * what (NEW, REPLY, ASSIGNED) and the asker's text. */
static int
ticket_mail_staff(const struct ticket_mail *m, const char *what, const char *text)
{
	char line[TICKET_SUBJECT_MAX * 4 + 64];
	tmpl_dict *d = tmpl_dict_new("mail");

	snprintf(line, sizeof line, "Ticket %lld: %s", m->id, m->subject);
	tmpl_set_int(d, "ID", m->id);
	tmpl_set(d, "SUBJECT", m->subject);
	tmpl_set(d, "ASKER", *m->asker_name ? m->asker_name : m->asker_email);
	tmpl_show(d, what);
	if (text)
		tmpl_set(tmpl_section(d, "HAS_TEXT"), "TEXT", text);
	return mail_queue(m->staff_email, line, "ticket_staff", d) < 0 ? -1 : 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

static int
ticket_add(long long ticket_id, const char *kind, long long author_id, const char *body)
{
	char at[24];

	clock_datetime(clock_now(), at, sizeof at);
	if (db_exec("INSERT INTO ticket_messages (ticket_id, kind, author_id, body, created_at)"
		    " VALUES (?, ?, NULLIF(?, 0), ?, ?)", "isiss", ticket_id, kind, author_id, body, at) != 1)
		return -1;
	/* 0 rows when nothing changed (the same second): that is fine */
	return db_exec("UPDATE tickets SET updated_at = ? WHERE id = ?", "si", at, ticket_id) < 0 ? -1 : 0;
}

/* The order the asker named: *order_id and *vendor_order_id (0 when the
 * whole order), TICKET_BAD_ORDER, or -1. */
static int
ticket_order_ref(const struct ticket_party *p, const char *number, long long *order_id, long long *vendor_order_id)
{
	struct db_result *r;
	int rc = TICKET_BAD_ORDER;

	*order_id = *vendor_order_id = 0;
	if (p->vendor)
		r = db_query("SELECT order_id, id FROM vendor_orders WHERE number = ? AND vendor_id = ?", "si",
			     number, p->vendor_id);
	else
		r = db_query("SELECT id, 0 FROM orders WHERE number = ? AND user_id = ?"
			     " UNION ALL SELECT vo.order_id, vo.id FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
			     " WHERE vo.number = ? AND o.user_id = ?", "sisi", number, p->user_id, number, p->user_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		*order_id = db_int(r, 0);
		*vendor_order_id = db_int(r, 1);
		rc = TICKET_OK;
	}
	db_free(r);
	return rc;
}

struct ticket_opening {
	const struct ticket_party *p;
	const char *subject, *category, *body;
	long long order_id, vendor_order_id, ticket_id;
};

static int
ticket_open_tx(void *arg)
{
	struct ticket_opening *o = arg;
	struct ticket_mail m;
	char at[24];

	clock_datetime(clock_now(), at, sizeof at);
	if (db_exec("INSERT INTO tickets (side, user_id, vendor_id, subject, category, order_id, vendor_order_id,"
		    " status, created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), NULLIF(?, 0),"
		    " 'open', ?, ?)", "siissiiss", o->p->vendor ? "vendor" : "customer", o->p->user_id,
		    o->p->vendor ? o->p->vendor_id : 0, o->subject, o->category, o->order_id, o->vendor_order_id, at,
		    at) != 1)
		return -1;
	o->ticket_id = (long long)db_insert_id();
	if (ticket_add(o->ticket_id, "message", o->p->user_id, o->body) != 0 || ticket_mail_load(o->ticket_id, &m) != 0)
		return -1;
	if (ticket_mail_asker(&m, "received", "We have your question", o->body) != 0 ||
	    ticket_mail_staff(&m, "NEW", o->body) != 0)
		return -1;
	return 0;
}

int
ticket_open(const struct ticket_party *p, const char *subject, const char *category, const char *order,
	    const char *body, long long *ticket_id)
{
	struct ticket_opening o = { .p = p, .subject = subject, .category = category, .body = body };
	int rc;

	*ticket_id = 0;
	if (p->user_id <= 0 || (p->vendor && p->vendor_id <= 0) || !subject || !*subject || !body || !*body ||
	    !ticket_known(ticket_categories, category))
		return -1;
	if (order && *order && (rc = ticket_order_ref(p, order, &o.order_id, &o.vendor_order_id)) != TICKET_OK)
		return rc;
	if (db_tx(ticket_open_tx, &o) != 0)
		return -1;
	*ticket_id = o.ticket_id;
	log_info("ticket.open", "ticket=%lld user=%lld vendor=%lld", o.ticket_id, p->user_id, p->vendor_id);
	return TICKET_OK;
}

/* The ticket when it is the asker's (locked), else TICKET_NOT_FOUND. */
static int
ticket_lock_own(const struct ticket_party *p, long long ticket_id)
{
	long long n;

	if (p->vendor)
		n = db_scalar(-1, "SELECT COUNT(*) FROM tickets WHERE id = ? AND side = 'vendor' AND vendor_id = ?"
			      " FOR UPDATE", "ii", ticket_id, p->vendor_id);
	else
		n = db_scalar(-1, "SELECT COUNT(*) FROM tickets WHERE id = ? AND side = 'customer' AND user_id = ?"
			      " FOR UPDATE", "ii", ticket_id, p->user_id);
	return n < 0 ? -1 : n == 1 ? TICKET_OK : TICKET_NOT_FOUND;
}

/* A change of one ticket, by the asker (p) or by support (staff_id). */
struct ticket_change {
	const struct ticket_party *p;
	const struct ticket_links *links;
	long long ticket_id, staff_id, assignee_id;
	const char *body, *status;
	int result;
};

static int
ticket_reply_tx(void *arg)
{
	struct ticket_change *c = arg;
	struct ticket_mail m;

	if ((c->result = ticket_lock_own(c->p, c->ticket_id)) != TICKET_OK)
		return c->result < 0 ? -1 : 0;
	if (ticket_add(c->ticket_id, "message", c->p->user_id, c->body) != 0 ||
	    db_exec("UPDATE tickets SET status = 'open' WHERE id = ?", "i", c->ticket_id) < 0 ||
	    ticket_mail_load(c->ticket_id, &m) != 0 || ticket_mail_staff(&m, "REPLY", c->body) != 0)
		return c->result = -1;
	return 0;
}

int
ticket_reply(const struct ticket_party *p, long long ticket_id, const char *body)
{
	struct ticket_change c = { .p = p, .ticket_id = ticket_id, .body = body };

	if (!body || !*body)
		return -1;
	if (db_tx(ticket_reply_tx, &c) != 0)
		return -1;
	return c.result;
}

/* The ticket for support (locked): TICKET_OK or TICKET_NOT_FOUND. */
static int
ticket_lock(long long ticket_id)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM tickets WHERE id = ? FOR UPDATE", "i", ticket_id);

	return n < 0 ? -1 : n == 1 ? TICKET_OK : TICKET_NOT_FOUND;
}

/* Records a change of status as an event; resolving mails the asker unless
 * an answer does (quiet). */
static int
ticket_status_to(long long ticket_id, long long staff_id, const char *status, const struct ticket_links *links)
{
	struct ticket_mail m;
	long long n;

	n = db_exec("UPDATE tickets SET status = ? WHERE id = ? AND status <> ?", "sis", status, ticket_id, status);
	if (n <= 0)
		return (int)n;	/* the status it had already: nothing to say */
	if (ticket_add(ticket_id, "event", staff_id, ticket_status_label(status, 1)) != 0)
		return -1;
	if (links == NULL || strcmp(status, "resolved") != 0)
		return 0;
	if (ticket_mail_load(ticket_id, &m) != 0)
		return -1;
	return ticket_notify_asker(&m, links, "resolved", "Your question is resolved", NULL);
}

static int
ticket_answer_tx(void *arg)
{
	struct ticket_change *c = arg;
	struct ticket_mail m;

	if ((c->result = ticket_lock(c->ticket_id)) != TICKET_OK)
		return c->result < 0 ? -1 : 0;
	if (ticket_add(c->ticket_id, "answer", c->staff_id, c->body) != 0 ||
	    ticket_status_to(c->ticket_id, c->staff_id, c->status, NULL) < 0 ||
	    ticket_mail_load(c->ticket_id, &m) != 0 ||
	    ticket_notify_asker(&m, c->links, "answered", strcmp(c->status, "resolved") == 0 ?
			      "Your question is answered and resolved" : "Your question is answered", c->body) != 0)
		return c->result = -1;
	return 0;
}

int
ticket_answer(long long ticket_id, long long staff_id, const char *body, const char *status,
	      const struct ticket_links *links)
{
	struct ticket_change c = { .ticket_id = ticket_id, .staff_id = staff_id, .body = body,
				   .status = status ? status : "waiting", .links = links };

	if (!body || !*body || !ticket_known(ticket_statuses, c.status) || !links)
		return -1;
	if (db_tx(ticket_answer_tx, &c) != 0)
		return -1;
	if (c.result == TICKET_OK)
		log_info("ticket.answer", "ticket=%lld staff=%lld status=%s", ticket_id, staff_id, c.status);
	return c.result;
}

static int
ticket_note_tx(void *arg)
{
	struct ticket_change *c = arg;

	if ((c->result = ticket_lock(c->ticket_id)) != TICKET_OK)
		return c->result < 0 ? -1 : 0;
	return ticket_add(c->ticket_id, "note", c->staff_id, c->body) != 0 ? (c->result = -1) : 0;
}

int
ticket_note(long long ticket_id, long long staff_id, const char *body)
{
	struct ticket_change c = { .ticket_id = ticket_id, .staff_id = staff_id, .body = body };

	if (!body || !*body)
		return -1;
	if (db_tx(ticket_note_tx, &c) != 0)
		return -1;
	return c.result;
}

static int
ticket_assign_tx(void *arg)
{
	struct ticket_change *c = arg;
	struct ticket_mail m;
	struct db_result *r;
	char text[160] = "Nobody has it now";
	long long n;

	if ((c->result = ticket_lock(c->ticket_id)) != TICKET_OK)
		return c->result < 0 ? -1 : 0;
	if (c->assignee_id > 0) {
		r = db_query("SELECT name FROM users WHERE id = ? AND role IN ('admin', 'support') AND status = 'active'",
			     "i", c->assignee_id);
		if (r == NULL)
			return c->result = -1;
		if (!db_next(r)) {
			db_free(r);
			c->result = TICKET_NOT_FOUND;
			return 0;
		}
		snprintf(text, sizeof text, "Assigned to %s", db_str(r, 0));
		db_free(r);
	}
	n = db_exec("UPDATE tickets SET assigned_to = NULLIF(?, 0) WHERE id = ? AND NOT (IFNULL(assigned_to, 0) <=> ?)",
		    "iii", c->assignee_id, c->ticket_id, c->assignee_id);
	if (n < 0)
		return c->result = -1;
	if (n == 0)
		return 0;	/* had it already */
	if (ticket_add(c->ticket_id, "event", c->staff_id, text) != 0)
		return c->result = -1;
	if (c->assignee_id > 0 && c->assignee_id != c->staff_id &&
	    (ticket_mail_load(c->ticket_id, &m) != 0 || ticket_mail_staff(&m, "ASSIGNED", NULL) != 0))
		return c->result = -1;
	return 0;
}

int
ticket_assign(long long ticket_id, long long staff_id, long long assignee_id)
{
	struct ticket_change c = { .ticket_id = ticket_id, .staff_id = staff_id, .assignee_id = assignee_id };

	if (db_tx(ticket_assign_tx, &c) != 0)
		return -1;
	return c.result;
}

static int
ticket_status_tx(void *arg)
{
	struct ticket_change *c = arg;

	if ((c->result = ticket_lock(c->ticket_id)) != TICKET_OK)
		return c->result < 0 ? -1 : 0;
	return ticket_status_to(c->ticket_id, c->staff_id, c->status, c->links) < 0 ? (c->result = -1) : 0;
}

int
ticket_set_status(long long ticket_id, long long staff_id, const char *status, const struct ticket_links *links)
{
	struct ticket_change c = { .ticket_id = ticket_id, .staff_id = staff_id, .status = status, .links = links };

	if (!ticket_known(ticket_statuses, status) || !links)
		return -1;
	if (db_tx(ticket_status_tx, &c) != 0)
		return -1;
	return c.result;
}

/* ---- returns ------------------------------------------------------------------------------- */

struct ticket_return {
	long long return_id, ticket_id, staff_id;
	const char *note;
	int result;
};

static int
ticket_from_return_tx(void *arg)
{
	struct ticket_return *t = arg;
	struct ticket_mail m;
	struct db_result *r;
	char subject[TICKET_SUBJECT_MAX + 1], at[24];
	long long order_id, vendor_order_id, user_id;

	t->ticket_id = db_scalar(-1, "SELECT IFNULL(MAX(id), 0) FROM tickets WHERE return_id = ?", "i", t->return_id);
	if (t->ticket_id != 0) {
		t->result = TICKET_OK;
		return t->ticket_id < 0 ? -1 : 0;
	}
	r = db_query("SELECT r.order_id, r.vendor_order_id, IFNULL(r.user_id, 0), vo.number, r.reason, IFNULL(r.refusal, '')"
		     " FROM returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id WHERE r.id = ?", "i",
		     t->return_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		t->result = TICKET_NOT_FOUND;
		return 0;
	}
	order_id = db_int(r, 0);
	vendor_order_id = db_int(r, 1);
	user_id = db_int(r, 2);
	snprintf(subject, sizeof subject, "Refused return of order %s", db_str(r, 3));
	db_free(r);
	clock_datetime(clock_now(), at, sizeof at);
	if (db_exec("INSERT INTO tickets (side, user_id, subject, category, order_id, vendor_order_id, return_id,"
		    " status, created_at, updated_at) VALUES ('customer', NULLIF(?, 0), ?, 'order', ?, ?, ?, 'open', ?, ?)",
		    "isiiiss", user_id, subject, order_id, vendor_order_id, t->return_id, at, at) != 1)
		return -1;
	t->ticket_id = (long long)db_insert_id();
	if (ticket_add(t->ticket_id, "message", user_id, t->note && *t->note ? t->note : "(no note)") != 0 ||
	    ticket_mail_load(t->ticket_id, &m) != 0 || ticket_mail_staff(&m, "RETURN", t->note) != 0)
		return -1;
	t->result = TICKET_OK;
	return 0;
}

int
ticket_from_return(long long return_id, const char *note, long long *ticket_id)
{
	struct ticket_return t = { .return_id = return_id, .note = note };

	*ticket_id = 0;
	if (db_tx(ticket_from_return_tx, &t) != 0)
		return -1;
	*ticket_id = t.ticket_id;
	if (t.result == TICKET_OK)
		log_info("ticket.from_return", "ticket=%lld return=%lld", t.ticket_id, return_id);
	return t.result;
}

static int
ticket_return_decided_tx(void *arg)
{
	struct ticket_return *t = arg;

	t->ticket_id = db_scalar(-1, "SELECT IFNULL(MAX(id), 0) FROM tickets WHERE return_id = ? FOR UPDATE", "i",
				 t->return_id);
	if (t->ticket_id <= 0)
		return t->ticket_id < 0 ? -1 : 0;
	if (ticket_add(t->ticket_id, "answer", t->staff_id, t->note) != 0 ||
	    ticket_status_to(t->ticket_id, t->staff_id, "resolved", NULL) < 0)
		return -1;
	return 0;
}

int
ticket_return_decided(long long return_id, long long staff_id, const char *text)
{
	struct ticket_return t = { .return_id = return_id, .staff_id = staff_id, .note = text };

	if (!text || !*text)
		return -1;
	return db_tx(ticket_return_decided_tx, &t) != 0 ? -1 : 0;
}

/* ---- pages --------------------------------------------------------------------------------- */

int
ticket_fill_list(tmpl_dict *d, const struct ticket_party *p, const char *base)
{
	struct db_result *r;
	tmpl_dict *list, *row;
	char url[96];
	int any = 0;

	if (p->vendor)
		r = db_query("SELECT id, subject, category, status, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i')"
			     " FROM tickets WHERE side = 'vendor' AND vendor_id = ? ORDER BY updated_at DESC, id DESC"
			     " LIMIT 200", "i", p->vendor_id);
	else
		r = db_query("SELECT id, subject, category, status, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i')"
			     " FROM tickets WHERE side = 'customer' AND user_id = ? ORDER BY updated_at DESC, id DESC"
			     " LIMIT 200", "i", p->user_id);
	if (r == NULL)
		return -1;
	list = tmpl_include(d, "TICKETS", "layout/_ticket_list.tpl");
	while (db_next(r)) {
		row = tmpl_section(list, "TICKET");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "SUBJECT", db_str(r, 1));
		tmpl_set(row, "CATEGORY", ticket_category_label(db_str(r, 2)));
		tmpl_set(row, "STATE", ticket_status_label(db_str(r, 3), 0));
		tmpl_set(row, "UPDATED", db_str(r, 4));
		snprintf(url, sizeof url, "%s/%lld", base, db_int(r, 0));
		tmpl_set(row, "URL", url);
		any = 1;
	}
	db_free(r);
	tmpl_show(list, any ? "HAS_TICKETS" : "NO_TICKETS");
	return 0;
}

static const char ticket_view_sql[] =
	"SELECT t.subject, t.category, t.status, DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i'),"
	" IFNULL(vo.number, IFNULL(o.number, '')), t.side, t.user_id IS NULL,"
	" CASE WHEN t.side = 'vendor' THEN IFNULL(v.trading_name, '') ELSE IFNULL(u.name, '') END,"
	" CASE WHEN t.side = 'vendor' THEN IFNULL(vu.email, '') WHEN t.user_id IS NULL THEN IFNULL(o.email, '')"
	"      ELSE IFNULL(u.email, '') END,"
	" IFNULL(t.return_id, 0), IFNULL(rt.status, ''), IFNULL(s.name, ''), IFNULL(t.assigned_to, 0)"
	" FROM tickets t LEFT JOIN orders o ON o.id = t.order_id LEFT JOIN vendor_orders vo ON vo.id = t.vendor_order_id"
	" LEFT JOIN users u ON u.id = t.user_id LEFT JOIN vendors v ON v.id = t.vendor_id"
	" LEFT JOIN users vu ON vu.id = v.user_id LEFT JOIN returns rt ON rt.id = t.return_id"
	" LEFT JOIN users s ON s.id = t.assigned_to WHERE t.id = ?"
	" AND (? = 0 OR (t.side = 'customer' AND t.user_id = ?) OR (t.side = 'vendor' AND t.vendor_id = ?))";
enum { TV_SUBJECT, TV_CATEGORY, TV_STATUS, TV_CREATED, TV_ORDER, TV_SIDE, TV_GUEST, TV_ASKER, TV_EMAIL, TV_RETURN,
       TV_RETURN_STATUS, TV_ASSIGNEE, TV_ASSIGNEE_ID };

/* The thread: the asker reads messages and answers only, never a note or
 * an event (constant SQL, one statement each). */
static const char ticket_thread_asker_sql[] =
	"SELECT m.kind, DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), m.body, IFNULL(u.name, '')"
	" FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id"
	" WHERE m.ticket_id = ? AND m.kind IN ('message', 'answer') ORDER BY m.id";
static const char ticket_thread_staff_sql[] =
	"SELECT m.kind, DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i'), m.body, IFNULL(u.name, '')"
	" FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id"
	" WHERE m.ticket_id = ? ORDER BY m.id";

int
ticket_fill_view(struct arena *a, tmpl_dict *d, const struct ticket_party *p, long long ticket_id)
{
	struct db_result *r;
	const char *kind, *asker;
	tmpl_dict *row, *thread;
	int staff = p == NULL;

	r = db_query(ticket_view_sql, "iiii", ticket_id, (long long)!staff, staff ? 0 : p->vendor ? -1 : p->user_id,
		     staff ? 0 : p->vendor ? p->vendor_id : -1);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return TICKET_NOT_FOUND;
	}
	tmpl_set_int(d, "ID", ticket_id);
	tmpl_set(d, "SUBJECT", db_str(r, TV_SUBJECT));
	tmpl_set(d, "CATEGORY", ticket_category_label(db_str(r, TV_CATEGORY)));
	tmpl_set(d, "STATE", ticket_status_label(db_str(r, TV_STATUS), staff));
	tmpl_set(d, "STATUS", db_str(r, TV_STATUS));
	tmpl_set(d, "CREATED", db_str(r, TV_CREATED));
	if (*db_str(r, TV_ORDER))
		tmpl_set(tmpl_section(d, "ORDER"), "NUMBER", db_str(r, TV_ORDER));
	asker = arena_strdup(a, *db_str(r, TV_ASKER) ? db_str(r, TV_ASKER) : "Guest");
	if (staff) {
		tmpl_dict *s = tmpl_section(d, "ASKER");

		tmpl_set(s, "NAME", asker);
		tmpl_set(s, "EMAIL", db_str(r, TV_EMAIL));
		tmpl_set(s, "SIDE", strcmp(db_str(r, TV_SIDE), "vendor") == 0 ? "Vendor" :
				    db_int(r, TV_GUEST) ? "Guest customer" : "Customer");
		if (db_int(r, TV_RETURN) > 0) {
			s = tmpl_section(d, "RETURN");
			tmpl_set_int(s, "ID", db_int(r, TV_RETURN));
			tmpl_set(s, "STATE", returns_status_label(db_str(r, TV_RETURN_STATUS)));
		}
		tmpl_set(d, "ASSIGNEE", *db_str(r, TV_ASSIGNEE) ? db_str(r, TV_ASSIGNEE) : "Nobody");
		tmpl_set_int(d, "ASSIGNEE_ID", db_int(r, TV_ASSIGNEE_ID));
	}
	db_free(r);
	r = db_query(staff ? ticket_thread_staff_sql : ticket_thread_asker_sql, "i", ticket_id);
	if (r == NULL)
		return -1;
	thread = tmpl_include(d, "THREAD", "layout/_ticket_thread.tpl");
	while (db_next(r)) {
		kind = db_str(r, 0);
		row = tmpl_section(thread, "MESSAGE");
		tmpl_set(row, "AT", db_str(r, 1));
		tmpl_set(row, "BODY", db_str(r, 2));
		if (strcmp(kind, "message") == 0) {
			tmpl_set(row, "WHO", staff ? asker : "You");
			tmpl_show(row, "FROM_ASKER");
		} else if (strcmp(kind, "answer") == 0) {
			tmpl_set(row, "WHO", staff && *db_str(r, 3) ? arena_printf(a, "Support (%s)", db_str(r, 3))
								  : "Support");
			tmpl_show(row, "FROM_SUPPORT");
		} else {
			tmpl_set(row, "WHO", *db_str(r, 3) ? db_str(r, 3) : "Marketplace");
			tmpl_show(row, strcmp(kind, "note") == 0 ? "INTERNAL_NOTE" : "EVENT");
		}
	}
	db_free(r);
	return TICKET_OK;
}

/* ---- the asker's pages --------------------------------------------------------------------- */

tmpl_dict *
ticket_page_list(struct req *rq, struct resp *rs, struct view *v, const struct ticket_party *p,
		 const struct ticket_pages *pages)
{
	tmpl_dict *d = view_begin(v, rq, rs, pages->list_template, "Help and support");

	view_crumb(v, pages->home_label, pages->home_url);
	view_crumb(v, "Help and support", NULL);
	if (ticket_fill_list(d, p, pages->base) != 0) {
		rs->status = 500;
		return NULL;
	}
	return d;
}

tmpl_dict *
ticket_page_form(struct req *rq, struct resp *rs, struct view *v, const struct ticket_pages *pages)
{
	const char *chosen = req_str(rq, "category");
	tmpl_dict *d, *row;
	size_t i;

	d = view_begin(v, rq, rs, pages->form_template, "Ask a question");
	view_crumb(v, pages->home_label, pages->home_url);
	view_crumb(v, "Help and support", pages->base);
	view_crumb(v, "Ask a question", NULL);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "ACTION", pages->base);
	tmpl_set(d, "BACK", pages->base);
	v->fields = tmpl_include(d, "FIELDS", "layout/_ticket_fields.tpl");
	tmpl_set(v->fields, "ORDER_HINT", pages->order_hint);
	if (req_str(rq, "order"))	/* "Ask about this order" links fill it in */
		tmpl_set(v->fields, "ORDER", req_str(rq, "order"));
	for (i = 0; ticket_categories[i]; i++) {
		row = tmpl_section(v->fields, "CATEGORY_OPTION");
		tmpl_set(row, "VALUE", ticket_categories[i]);
		tmpl_set(row, "LABEL", ticket_category_label(ticket_categories[i]));
		if (chosen && strcmp(chosen, ticket_categories[i]) == 0)
			tmpl_show(row, "SELECTED");
	}
	return d;
}

tmpl_dict *
ticket_page_view(struct req *rq, struct resp *rs, struct view *v, const struct ticket_party *p,
		 const struct ticket_pages *pages)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id");
	tmpl_dict *d;
	int rc;

	d = view_begin(v, rq, rs, pages->view_template, arena_printf(a, "Question %lld", id));
	if ((rc = ticket_fill_view(a, d, p, id)) != TICKET_OK) {
		rs->status = rc == TICKET_NOT_FOUND ? 404 : 500;
		return NULL;
	}
	view_crumb(v, pages->home_label, pages->home_url);
	view_crumb(v, "Help and support", pages->base);
	view_crumb(v, arena_printf(a, "Question %lld", id), NULL);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "ACTION", arena_printf(a, "%s/%lld/reply", pages->base, id));
	tmpl_set(d, "BACK", pages->base);
	if (db_scalar(0, "SELECT status = 'resolved' FROM tickets WHERE id = ?", "i", id) == 1)
		tmpl_show(d, "RESOLVED");
	return d;
}

int
ticket_page_open(struct req *rq, struct resp *rs, const struct ticket_party *p, const struct ticket_pages *pages)
{
	long long id;
	int rc;

	rc = ticket_open(p, req_str(rq, "subject"), req_str(rq, "category"), req_str(rq, "order"), req_str(rq, "body"),
			 &id);
	if (rc == TICKET_BAD_ORDER) {
		route_form_error(rq, "order", "None of your orders has this number: check it, or leave the field empty.");
		return route_form_fail(rq, rs);
	}
	if (rc != TICKET_OK)
		return 500;
	resp_set_flash(rs, "We have your question. The answer comes by mail and shows here.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "%s/%lld", pages->base, id));
}

int
ticket_page_reply(struct req *rq, struct resp *rs, const struct ticket_party *p,
		  const struct ticket_pages *pages)
{
	long long id = req_path_id(rq, "id");
	int rc = ticket_reply(p, id, req_str(rq, "body"));

	if (rc != TICKET_OK)
		return rc == TICKET_NOT_FOUND ? 404 : 500;
	resp_set_flash(rs, "Sent. Our support team will answer.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "%s/%lld", pages->base, id));
}

/*
 * payment: the provider interface, webhook signatures and the one step that
 * marks an order paid (payment.h says how it runs once).
 */
#include "payment.h"

#include "cfg.h"
#include "clock.h"
#include "coupon.h"
#include "db.h"
#include "earnings.h"
#include "log.h"
#include "orderflow.h"
#include "sandboxpay.h"
#include "stock.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYMENT_SECRET_MAX 256	/* bytes of one webhook secret */

/* ---- providers -------------------------------------------------------------------- */

static const struct payment_provider *const payment_providers[] = {
	&sandboxpay_provider,
};

const struct payment_provider *
payment_provider_named(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof payment_providers / sizeof payment_providers[0]; i++)
		if (strcmp(payment_providers[i]->name, name) == 0)
			return payment_providers[i];
	return NULL;
}

const struct payment_provider *
payment_provider_current(void)
{
	return payment_provider_named(cfg_str("BAZAAR_PAYMENT_PROVIDER", "sandbox"));
}

/* ---- signatures --------------------------------------------------------------------- */

/* The next secret of a list separated by spaces or commas: its start and
 * length, or NULL at the end. */
static const char *
payment_next_secret(const char **list, size_t *len)
{
	const char *s = *list, *start;

	while (*s == ' ' || *s == ',' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	start = s;
	while (*s != '\0' && *s != ' ' && *s != ',' && *s != '\t')
		s++;
	*len = (size_t)(s - start);
	*list = s;
	return start;
}

static void
payment_hmac(const char *secret, size_t secretlen, const char *tstr, const char *body, size_t len,
	     unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, secretlen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)tstr, strlen(tstr));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(&st, sizeof st);
}

int
payment_signature_make(const char *secrets, time_t t, const char *body, size_t len, char *out, size_t outsz)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char tstr[24], hex[2 * crypto_auth_hmacsha256_BYTES + 1];
	const char *list = secrets ? secrets : "", *s;
	size_t slen, used;
	int n, count = 0;

	snprintf(tstr, sizeof tstr, "%lld", (long long)t);
	n = snprintf(out, outsz, "t=%s", tstr);
	if (n < 0 || (size_t)n >= outsz)
		return -1;
	used = (size_t)n;
	while ((s = payment_next_secret(&list, &slen)) != NULL) {
		if (slen > PAYMENT_SECRET_MAX)
			return -1;
		payment_hmac(s, slen, tstr, body, len, mac);
		sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
		n = snprintf(out + used, outsz - used, ",v1=%s", hex);
		if (n < 0 || (size_t)n >= outsz - used)
			return -1;
		used += (size_t)n;
		count++;
	}
	return count > 0 ? 0 : -1;
}

int
payment_signature_check(const char *header, const char *body, size_t len, const char *secrets, time_t now,
			const char **why)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES], given[crypto_auth_hmacsha256_BYTES];
	unsigned char macs[8][crypto_auth_hmacsha256_BYTES];
	char tstr[24];
	const char *p, *list, *s;
	long long t = -1;
	size_t slen, nsecrets = 0, i, nv1 = 0;
	int matched = 0;

	if (header == NULL || *header == '\0' || strlen(header) > PAYMENT_SIGNATURE_MAX) {
		*why = "the signature header is missing";
		return -1;
	}
	/* The timestamp first: the v1 values are HMACs of it. */
	for (p = header; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > 2 && p[0] == 't' && p[1] == '=') {
			char *stop;
			char num[24];

			if (n - 2 >= sizeof num || t != -1) {
				*why = "the signature's timestamp is malformed";
				return -1;
			}
			memcpy(num, p + 2, n - 2);
			num[n - 2] = '\0';
			t = strtoll(num, &stop, 10);
			if (*stop != '\0' || num[0] == '-' || !isdigit((unsigned char)num[0])) {
				*why = "the signature's timestamp is malformed";
				return -1;
			}
		}
		p += n;
		if (*p == ',')
			p++;
	}
	if (t < 0) {
		*why = "the signature has no timestamp";
		return -1;
	}
	if (t < (long long)now - PAYMENT_WEBHOOK_TOLERANCE || t > (long long)now + PAYMENT_WEBHOOK_TOLERANCE) {
		*why = "the signature's timestamp is outside the tolerance";
		return -1;
	}
	snprintf(tstr, sizeof tstr, "%lld", t);
	list = secrets ? secrets : "";
	while ((s = payment_next_secret(&list, &slen)) != NULL && nsecrets < 8) {
		if (slen > PAYMENT_SECRET_MAX)
			continue;
		payment_hmac(s, slen, tstr, body, len, macs[nsecrets++]);
	}
	if (nsecrets == 0) {
		*why = "no webhook secret is configured";
		return -1;
	}
	for (p = header; *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n > 3 && memcmp(p, "v1=", 3) == 0) {
			size_t binlen = 0;

			nv1++;
			if (n - 3 == 2 * sizeof given &&
			    sodium_hex2bin(given, sizeof given, p + 3, n - 3, NULL, &binlen, NULL) == 0 &&
			    binlen == sizeof given)
				for (i = 0; i < nsecrets; i++)
					if (sodium_memcmp(given, macs[i], sizeof given) == 0)
						matched = 1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	sodium_memzero(macs, sizeof macs);
	sodium_memzero(mac, sizeof mac);
	if (matched)
		return 0;
	*why = nv1 == 0 ? "the signature has no v1 value" : "no v1 value of the signature matches";
	return -1;
}

/* ---- ending an unpaid order ------------------------------------------------------------ */

static const char payment_release_items_sql[] =
	"SELECT oi.id, oi.product_id, p.vendor_id, oi.quantity - oi.restocked_qty, oi.restocked_qty"
	" FROM order_items oi JOIN products p ON p.id = oi.product_id"
	" WHERE oi.order_id = ? AND oi.restocked_qty < oi.quantity ORDER BY oi.product_id, oi.id";

/* Inside the caller's transaction. */
static int
payment_release_tx(long long order_id, const char *to_status, const char *why, int *released)
{
	struct db_result *r = NULL;
	char note[300], number[40] = "";
	long long n;
	int rc;

	*released = 0;
	/* The statuses, history, event and mail: orderflow, once. */
	rc = strcmp(to_status, "expired") == 0 ? orderflow_order_expire(order_id) :
	     orderflow_order_cancel(order_id, &orderflow_system, why);
	if (rc == ORDERFLOW_REFUSED || rc == ORDERFLOW_NOT_FOUND)
		return 0;
	if (rc != 0)
		return -1;
	*released = 1;
	if (db_exec("UPDATE payments SET status = 'cancelled' WHERE order_id = ? AND status = 'pending'", "i",
		    order_id) < 0)
		return -1;
	r = db_query("SELECT number FROM orders WHERE id = ?", "i", order_id);
	if (r != NULL && db_next(r))
		snprintf(number, sizeof number, "%s", db_str(r, 0));
	db_free(r);
	snprintf(note, sizeof note, "Order %s %s unpaid", number,
		 strcmp(to_status, "expired") == 0 ? "expired" : "cancelled");
	if ((r = db_query(payment_release_items_sql, "i", order_id)) == NULL)
		return -1;
	rc = -1;
	while (db_next(r)) {
		struct stock_change c = {
			.product_id = db_int(r, 1), .vendor_id = db_int(r, 2), .delta = db_int(r, 3),
			.reason = STOCK_RETURN, .note = note, .user_id = 0,
		};
		int st;

		/* Conditional on what was read: stock comes back once. */
		n = db_exec("UPDATE order_items SET restocked_qty = quantity WHERE id = ? AND restocked_qty = ?",
			    "ii", db_int(r, 0), db_int(r, 4));
		if (n < 0)
			goto out;
		if (n == 0)
			continue;
		st = stock_adjust_in_tx(&c, NULL);
		if (st == -1)
			goto out;
		if (st != 0)
			log_warn("payment.restock", "order=%lld product=%lld result=%d", order_id, c.product_id, st);
	}
	if (coupon_release(order_id) < 0)
		goto out;
	rc = 0;
out:
	db_free(r);
	return rc;
}

struct payment_release_arg {
	long long order_id;
	const char *to_status, *why;
	int released;
};

static int
payment_release_run(void *p)
{
	struct payment_release_arg *a = p;

	return payment_release_tx(a->order_id, a->to_status, a->why, &a->released);
}

int
payment_release_order(long long order_id, const char *to_status, const char *why)
{
	struct payment_release_arg a = { order_id, to_status, why, 0 };

	if (strcmp(to_status, "expired") != 0 && strcmp(to_status, "cancelled") != 0)
		return -1;
	if (db_tx(payment_release_run, &a) != 0)
		return -1;
	if (a.released)
		log_info("payment.order_released", "order=%lld status=%s", order_id, to_status);
	return a.released ? 0 : PAYMENT_ALREADY;
}

/* ---- opening a payment ------------------------------------------------------------------ */

struct payment_open_arg {
	long long order_id, payment_id;
	int result;
};

static int
payment_open_tx(void *p)
{
	struct payment_open_arg *a = p;
	const struct payment_provider *prov;
	struct db_result *r;
	char method[16], provider[20];
	long long total;
	int has_reference;

	r = db_query("SELECT status, payment_method, total_minor, bank_reference IS NOT NULL FROM orders"
		     " WHERE id = ? FOR UPDATE", "i", a->order_id);
	if (r == NULL)
		return -1;
	if (!db_next(r) || strcmp(db_str(r, 0), "awaiting_payment") != 0) {
		db_free(r);
		a->result = PAYMENT_NOT_PAYABLE;
		return 0;
	}
	snprintf(method, sizeof method, "%s", db_str(r, 1));
	total = db_int(r, 2);
	has_reference = (int)db_int(r, 3);
	db_free(r);
	if (strcmp(method, "bank_transfer") == 0) {
		snprintf(provider, sizeof provider, "bank");
		if (!has_reference &&
		    db_exec("UPDATE orders SET bank_reference = number WHERE id = ? AND bank_reference IS NULL", "i",
			    a->order_id) < 0)
			return -1;
	} else {
		if ((prov = payment_provider_current()) == NULL) {
			log_error("payment.provider", "msg=%s", log_quote("BAZAAR_PAYMENT_PROVIDER names no provider"));
			return -1;
		}
		snprintf(provider, sizeof provider, "%s", prov->name);
	}
	a->payment_id = db_scalar(0, "SELECT id FROM payments WHERE order_id = ? AND provider = ? AND status = 'pending'"
				  " ORDER BY id DESC LIMIT 1", "is", a->order_id, provider);
	if (a->payment_id > 0)
		return 0;
	if (db_exec("INSERT INTO payments (order_id, provider, method, amount_minor) VALUES (?, ?, ?, ?)", "issi",
		    a->order_id, provider, method, total) != 1)
		return -1;
	a->payment_id = (long long)db_insert_id();
	return 0;
}

int
payment_open(long long order_id, long long *payment_id)
{
	struct payment_open_arg a = { order_id, 0, 0 };

	if (db_tx(payment_open_tx, &a) != 0)
		return -1;
	*payment_id = a.payment_id;
	return a.result;
}

/* The hosted page of a pending payment, when one was made: 1 with url, 0 when
 * none, -1. */
static int
payment_hosted_url(long long payment_id, char *url, size_t urlsz)
{
	struct db_result *r;
	int rc = 0;

	r = db_query("SELECT hosted_url FROM payments WHERE id = ? AND status = 'pending' AND hosted_url IS NOT NULL",
		     "i", payment_id);
	if (r == NULL)
		return -1;
	if (db_next(r) && strlen(db_str(r, 0)) < urlsz) {
		memcpy(url, db_str(r, 0), strlen(db_str(r, 0)) + 1);
		rc = 1;
	}
	db_free(r);
	return rc;
}

int
payment_redirect(long long payment_id, const char *return_url, const char *cancel_url, char *url, size_t urlsz,
		 char *failure, size_t failuresz)
{
	const struct payment_provider *prov;
	struct payment_request pr;
	struct db_result *r;
	char ref[PAYMENT_REF_MAX + 1], description[80], method[16];
	long long n;
	int rc;

	snprintf(failure, failuresz, "The payment could not be started. Please try again in a moment.");
	r = db_query("SELECT p.status, p.method, p.amount_minor, p.provider, o.number, o.status"
		     " FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.id = ?", "i", payment_id);
	if (r == NULL)
		return -1;
	if (!db_next(r) || strcmp(db_str(r, 0), "pending") != 0 || strcmp(db_str(r, 5), "awaiting_payment") != 0 ||
	    (prov = payment_provider_named(db_str(r, 3))) == NULL) {
		db_free(r);
		snprintf(failure, failuresz, "This order is not waiting for a payment.");
		return PAYMENT_NOT_PAYABLE;
	}
	snprintf(method, sizeof method, "%s", db_str(r, 1));
	snprintf(description, sizeof description, "Order %s", db_str(r, 4));
	pr.payment_id = payment_id;
	pr.method = method;
	pr.amount_minor = db_int(r, 2);
	pr.currency = cfg_str("BAZAAR_CURRENCY", "EUR");
	pr.description = description;
	pr.return_url = return_url;
	pr.cancel_url = cancel_url;
	db_free(r);
	/* A page made before (a form sent twice, "Pay now" again): the same one. */
	if ((rc = payment_hosted_url(payment_id, url, urlsz)) != 0)
		return rc < 0 ? -1 : 0;
	rc = prov->create(&pr, ref, sizeof ref, url, urlsz, failure, failuresz);
	if (rc != 0)
		return rc;
	/* Of two made at once, the first one kept wins; the other is never shown. */
	n = db_exec("UPDATE payments SET provider_ref = ?, hosted_url = ? WHERE id = ? AND status = 'pending'"
		    " AND hosted_url IS NULL", "ssi", ref, url, payment_id);
	if (n < 0)
		return -1;
	if (n == 0)
		return payment_hosted_url(payment_id, url, urlsz) == 1 ? 0 : PAYMENT_NOT_PAYABLE;
	log_info("payment.created", "payment=%lld provider=%s ref=%s", payment_id, prov->name, ref);
	return 0;
}

/* ---- the one step ------------------------------------------------------------------------ */

struct payment_step {
	long long payment_id;
	const char *provider, *event_id, *kind, *why;
	int result;
	long long order_id;
};

/* Records the provider's event: 1 when it is new, 0 when seen before, -1. */
static int
payment_record_event(const struct payment_step *s)
{
	char at[32];
	long long n;

	if (s->event_id == NULL)
		return 1;
	clock_datetime(clock_now(), at, sizeof at);
	/* IGNORE: a second delivery (which waits here for the first one's
	 * transaction) finds the key and inserts nothing, without an error. */
	n = db_exec("INSERT IGNORE INTO payment_events (provider, event_id, kind, payment_id, received_at)"
		    " VALUES (?, ?, ?, ?, ?)", "sssis", s->provider, s->event_id, s->kind, s->payment_id, at);
	return n < 0 ? -1 : n == 1 ? 1 : 0;
}

static int
payment_succeeded_tx(void *p)
{
	struct payment_step *s = p;
	char note[120];
	long long n;
	int rec, rc;

	s->result = PAYMENT_ALREADY;
	if ((rec = payment_record_event(s)) <= 0)
		return rec;
	n = db_exec("UPDATE payments SET status = 'succeeded', failure = NULL, received_minor ="
		    " GREATEST(received_minor, amount_minor) WHERE id = ? AND status = 'pending'", "i", s->payment_id);
	if (n <= 0)
		return (int)n;
	s->order_id = db_scalar(0, "SELECT order_id FROM payments WHERE id = ?", "i", s->payment_id);
	/* The order and its vendor orders, history, order.paid and the mails:
	 * orderflow, by whichever caller's conditional UPDATE won. */
	snprintf(note, sizeof note, "Paid (%s payment %lld)", s->provider, s->payment_id);
	rc = orderflow_order_paid(s->order_id, note);
	if (rc == ORDERFLOW_REFUSED || rc == ORDERFLOW_NOT_FOUND) {
		/* Paid for an order that expired or was cancelled meanwhile. */
		s->result = PAYMENT_NOT_PAYABLE;
		return 0;
	}
	if (rc != 0)
		return -1;
	/* Each vendor's sale and the commission in its ledger, with the order. */
	if (earnings_on_paid(s->order_id) < 0)
		return -1;
	s->result = 0;
	return 0;
}

static void
payment_succeeded_log(const struct payment_step *s)
{
	if (s->result == 0)
		log_info("payment.succeeded", "payment=%lld order=%lld provider=%s", s->payment_id, s->order_id,
			 s->provider);
	else if (s->result == PAYMENT_NOT_PAYABLE)
		log_warn("payment.late", "payment=%lld order=%lld msg=%s", s->payment_id, s->order_id,
			 log_quote("paid after the order stopped waiting for payment: refund it"));
}

int
payment_succeeded_in_tx(long long payment_id, const char *provider, const char *event_id)
{
	struct payment_step s = { payment_id, provider, event_id, PAYMENT_EVENT_SUCCEEDED, NULL, 0, 0 };

	if (!db_in_transaction() || payment_succeeded_tx(&s) != 0)
		return -1;
	payment_succeeded_log(&s);
	return s.result;
}

int
payment_succeeded(long long payment_id, const char *provider, const char *event_id)
{
	struct payment_step s = { payment_id, provider, event_id, PAYMENT_EVENT_SUCCEEDED, NULL, 0, 0 };

	if (db_tx(payment_succeeded_tx, &s) != 0)
		return -1;
	payment_succeeded_log(&s);
	return s.result;
}


static int
payment_failed_tx(void *p)
{
	struct payment_step *s = p;
	long long n;
	int rec, released;

	s->result = PAYMENT_ALREADY;
	if ((rec = payment_record_event(s)) <= 0)
		return rec;
	n = db_exec("UPDATE payments SET status = 'failed', failure = ? WHERE id = ? AND status = 'pending'", "si",
		    s->why, s->payment_id);
	if (n <= 0)
		return (int)n;
	s->order_id = db_scalar(0, "SELECT order_id FROM payments WHERE id = ?", "i", s->payment_id);
	if (payment_release_tx(s->order_id, "cancelled", s->why, &released) != 0)
		return -1;
	s->result = released ? 0 : PAYMENT_ALREADY;
	return 0;
}

int
payment_failed(long long payment_id, const char *provider, const char *event_id, const char *why)
{
	struct payment_step s = { payment_id, provider, event_id, PAYMENT_EVENT_CANCELLED, why, 0, 0 };

	if (db_tx(payment_failed_tx, &s) != 0)
		return -1;
	if (s.result == 0)
		log_info("payment.failed", "payment=%lld order=%lld provider=%s", payment_id, s.order_id, provider);
	return s.result;
}

static int
payment_declined_tx(void *p)
{
	struct payment_step *s = p;
	int rec;

	s->result = PAYMENT_ALREADY;
	if ((rec = payment_record_event(s)) <= 0)
		return rec;
	if (db_exec("UPDATE payments SET failure = ? WHERE id = ? AND status = 'pending'", "si", s->why,
		    s->payment_id) < 0)
		return -1;
	s->result = 0;
	return 0;
}

int
payment_declined(long long payment_id, const char *provider, const char *event_id, const char *why)
{
	struct payment_step s = { payment_id, provider, event_id, PAYMENT_EVENT_DECLINED, why, 0, 0 };

	return db_tx(payment_declined_tx, &s) != 0 ? -1 : s.result;
}

/* Records an event Bazaar does not act on, so that it is seen once. */
static int
payment_ignored_tx(void *p)
{
	struct payment_step *s = p;

	return payment_record_event(s) < 0 ? -1 : 0;
}

int
payment_return(long long payment_id, enum payment_state *state, long long *order_id)
{
	const struct payment_provider *prov;
	struct db_result *r;
	char ref[PAYMENT_REF_MAX + 1], provider[20], status[16];
	long long amount, paid_amount = 0;

	*state = PAYMENT_STATE_OPEN;
	*order_id = 0;
	r = db_query("SELECT provider, IFNULL(provider_ref, ''), order_id, status, amount_minor FROM payments"
		     " WHERE id = ?", "i", payment_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return PAYMENT_NOT_PAYABLE;
	}
	snprintf(provider, sizeof provider, "%s", db_str(r, 0));
	snprintf(ref, sizeof ref, "%s", db_str(r, 1));
	*order_id = db_int(r, 2);
	snprintf(status, sizeof status, "%s", db_str(r, 3));
	amount = db_int(r, 4);
	db_free(r);
	if (strcmp(status, "succeeded") == 0) {
		*state = PAYMENT_STATE_SUCCEEDED;
		return PAYMENT_ALREADY;
	}
	if (strcmp(status, "pending") != 0) {
		*state = PAYMENT_STATE_CANCELLED;
		return PAYMENT_ALREADY;
	}
	if ((prov = payment_provider_named(provider)) == NULL || ref[0] == '\0')
		return PAYMENT_NOT_PAYABLE;
	if (prov->status(ref, state, &paid_amount) != 0)
		return -1;
	if (*state == PAYMENT_STATE_SUCCEEDED) {
		if (paid_amount != amount) {
			log_error("payment.amount", "payment=%lld expected=%lld paid=%lld", payment_id, amount,
				  paid_amount);
			*state = PAYMENT_STATE_OPEN;
			return -1;
		}
		return payment_succeeded(payment_id, provider, NULL);
	}
	if (*state == PAYMENT_STATE_CANCELLED)
		return payment_failed(payment_id, provider, NULL, "The payment was cancelled.");
	return 0;
}

int
payment_webhook(const char *provider, const char *signature, const char *body, size_t len, const char **why)
{
	const struct payment_provider *prov = payment_provider_named(provider);
	struct payment_event ev;
	struct db_result *r;
	int st, rc;

	if (prov == NULL) {
		*why = "no such provider";
		return 404;
	}
	memset(&ev, 0, sizeof ev);
	if ((st = prov->webhook(signature, body, len, time(NULL), &ev, why)) != 0) {
		log_warn("payment.webhook_refused", "provider=%s status=%d msg=%s", provider, st, log_quote(*why));
		return st;
	}
	if (ev.payment_id > 0) {
		if ((r = db_query("SELECT provider, amount_minor FROM payments WHERE id = ?", "i", ev.payment_id)) == NULL)
			return 500;
		if (!db_next(r) || strcmp(db_str(r, 0), provider) != 0) {
			db_free(r);
			*why = "the event names a payment of another provider";
			log_warn("payment.webhook_unknown", "provider=%s event=%s payment=%lld", provider,
				 log_quote(ev.id), ev.payment_id);
			ev.payment_id = 0;
		} else if (strcmp(ev.type, PAYMENT_EVENT_SUCCEEDED) == 0 && db_int(r, 1) != ev.amount_minor) {
			log_error("payment.amount", "payment=%lld expected=%lld paid=%lld event=%s", ev.payment_id,
				  db_int(r, 1), ev.amount_minor, log_quote(ev.id));
			db_free(r);
			*why = "the amount differs from the payment's";
			return 400;
		} else {
			db_free(r);
		}
	}
	if (ev.payment_id > 0 && strcmp(ev.type, PAYMENT_EVENT_SUCCEEDED) == 0)
		rc = payment_succeeded(ev.payment_id, provider, ev.id);
	else if (ev.payment_id > 0 && strcmp(ev.type, PAYMENT_EVENT_CANCELLED) == 0)
		rc = payment_failed(ev.payment_id, provider, ev.id, "The payment was cancelled.");
	else if (ev.payment_id > 0 && strcmp(ev.type, PAYMENT_EVENT_DECLINED) == 0)
		rc = payment_declined(ev.payment_id, provider, ev.id,
				      ev.failure[0] ? ev.failure : "The payment was declined.");
	else {
		struct payment_step s = { ev.payment_id, provider, ev.id, ev.type, NULL, 0, 0 };

		rc = db_tx(payment_ignored_tx, &s) != 0 ? -1 : 0;
	}
	log_info("payment.webhook", "provider=%s event=%s type=%s payment=%lld result=%d", provider,
		 log_quote(ev.id), log_quote(ev.type), ev.payment_id, rc);
	return rc < 0 ? 500 : 200;
}

int
payment_refund(long long payment_id, long long amount_minor, const char *idempotency_key, char *provider_ref,
	       size_t provider_refsz, char *failure, size_t failuresz)
{
	const struct payment_provider *prov;
	struct db_result *r;
	char ref[PAYMENT_REF_MAX + 1], provider[20];
	int rc;

	provider_ref[0] = '\0';
	snprintf(failure, failuresz, "The refund could not be sent. Try again in a moment.");
	r = db_query("SELECT provider, IFNULL(provider_ref, ''), status, amount_minor FROM payments WHERE id = ?", "i",
		     payment_id);
	if (r == NULL)
		return -1;
	if (!db_next(r) || strcmp(db_str(r, 2), "succeeded") != 0) {
		db_free(r);
		snprintf(failure, failuresz, "The payment has not succeeded: there is nothing to refund.");
		return PAYMENT_REFUSED;
	}
	snprintf(provider, sizeof provider, "%s", db_str(r, 0));
	snprintf(ref, sizeof ref, "%s", db_str(r, 1));
	if (amount_minor <= 0 || amount_minor > db_int(r, 3)) {
		db_free(r);
		snprintf(failure, failuresz, "The amount is more than the payment.");
		return PAYMENT_REFUSED;
	}
	db_free(r);
	if (strcmp(provider, "bank") == 0) {
		snprintf(failure, failuresz, "A bank transfer is refunded by hand.");
		return PAYMENT_REFUSED;
	}
	if ((prov = payment_provider_named(provider)) == NULL)
		return -1;
	rc = prov->refund(ref, amount_minor, idempotency_key, provider_ref, provider_refsz, failure, failuresz);
	log_info("payment.refund", "payment=%lld amount=%lld result=%d ref=%s", payment_id, amount_minor, rc,
		 log_quote(provider_ref));
	return rc;
}

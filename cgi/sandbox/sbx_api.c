/*
 * sbx_api: the sandbox provider's API for a merchant's server (create a
 * hosted payment, ask its state, refund) and for tests (a payment's events,
 * duplicate and shuffled deliveries). Every call carries the API key
 * (BAZAAR_SANDBOX_API_KEY) as "Authorization: Bearer <key>"; answers are
 * JSON (cgi/lib/sandboxpay.h describes them).
 */
#include "sbx.h"

#include "buf.h"
#include "cfg.h"
#include "clock.h"
#include "json.h"
#include "log.h"
#include "payment.h"
#include "route.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sbx_random_ref(const char *prefix, char *out, size_t outsz)
{
	unsigned char raw[12];
	char hex[2 * sizeof raw + 1];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	snprintf(out, outsz, "%s%s", prefix, hex);
}

int
sbx_event(const char *ref, const char *type, const char *failure, long long amount_minor)
{
	struct db_result *r;
	char event_id[40];
	json_t *doc;
	char *body;
	int rc = -1;

	if ((r = db_query("SELECT merchant_ref FROM sandbox_payments WHERE ref = ?", "s", ref)) == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return -1;
	}
	sbx_random_ref("evt-", event_id, sizeof event_id);
	doc = json_pack("{s:s, s:s, s:I, s:{s:s, s:s, s:I, s:o}}", "id", event_id, "type", type, "created",
			(json_int_t)time(NULL), "data", "ref", ref, "merchant_ref", db_str(r, 0), "amount",
			(json_int_t)amount_minor, "failure", failure ? json_string(failure) : json_null());
	db_free(r);
	if (doc == NULL || (body = json_dumps(doc, JSON_COMPACT)) == NULL) {
		json_decref(doc);
		return -1;
	}
	if (db_exec("INSERT INTO sandbox_webhooks (event_id, type, payment_ref, body) VALUES (?, ?, ?, ?)", "ssss",
		    event_id, type, ref, body) == 1)
		rc = 0;
	free(body);
	json_decref(doc);
	return rc;
}

/* The key, compared in constant time; 0 when it matches. */
static int
sbx_api_authorized(struct req *rq, struct resp *rs)
{
	const char *key = cfg_str("BAZAAR_SANDBOX_API_KEY", ""), *given = req_env(rq, "HTTP_AUTHORIZATION");
	size_t n = strlen(key);

	rs->content_type = "application/json";
	rs->keep_body = 1;
	if (n >= 16 && given != NULL && strncmp(given, "Bearer ", 7) == 0 && strlen(given + 7) == n &&
	    sodium_memcmp(given + 7, key, n) == 0)
		return 0;
	buf_adds(&rs->body, "{\"error\": \"a valid API key is required\"}\n");
	return 401;
}

static int
sbx_api_answer(struct resp *rs, int status, json_t *doc)
{
	buf_reset(&rs->body);
	if (json_to_buf(doc, &rs->body) != 0)
		status = 500;
	json_decref(doc);
	return status;
}

static int
sbx_api_error(struct resp *rs, int status, const char *message)
{
	return sbx_api_answer(rs, status, json_pack("{s:s}", "error", message));
}

/* A merchant's return and cancel addresses: absolute http(s) URLs only. */
static int
sbx_api_url_ok(const char *url)
{
	return url != NULL && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
}

/*
 * ROUTE: POST /sandbox/v1/payments      TEMPLATE: none (JSON)
 * PARAMS: method (card, paypal), amount (minor units), currency,
 * description, merchant_ref, return_url, cancel_url
 * Creates a hosted payment; answers 201 with its ref and the page to send
 * the customer to.
 */
int
sbx_api_create(struct req *rq, struct resp *rs)
{
	char ref[40];
	const char *return_url = req_str(rq, "return_url"), *cancel_url = req_str(rq, "cancel_url");
	int st;

	if ((st = sbx_api_authorized(rq, rs)) != 0)
		return st;
	if (!sbx_api_url_ok(return_url) || !sbx_api_url_ok(cancel_url))
		return sbx_api_error(rs, 400, "return_url and cancel_url must be http(s) addresses");
	sbx_random_ref("sbp-", ref, sizeof ref);
	if (db_exec("INSERT INTO sandbox_payments (ref, method, amount_minor, currency, description, merchant_ref,"
		    " return_url, cancel_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssisssss", ref, req_str(rq, "method"),
		    req_int(rq, "amount", 0), req_str(rq, "currency") ? req_str(rq, "currency") : "EUR",
		    req_str(rq, "description") ? req_str(rq, "description") : "",
		    req_str(rq, "merchant_ref") ? req_str(rq, "merchant_ref") : "", return_url, cancel_url) != 1)
		return sbx_api_error(rs, 500, "the payment could not be created");
	log_info("sandbox.created", "ref=%s amount=%lld", ref, req_int(rq, "amount", 0));
	return sbx_api_answer(rs, 201, json_pack("{s:s, s:s}", "ref", ref, "url",
						 arena_printf(&rq->arena, "%s/sandbox/pay/%s",
							      cfg_str("BAZAAR_BASE_URL", ""), ref)));
}

/*
 * ROUTE: GET /sandbox/v1/payments/{ref:slug}      TEMPLATE: none (JSON)
 * PARAMS: ref (a payment)
 * A payment's state: open, confirming, succeeded or cancelled, and its amount.
 */
int
sbx_api_show(struct req *rq, struct resp *rs)
{
	struct db_result *r;
	json_t *doc;
	int st;

	if ((st = sbx_api_authorized(rq, rs)) != 0)
		return st;
	r = db_query("SELECT ref, status, amount_minor, refunded_minor FROM sandbox_payments WHERE ref = ?", "s",
		     req_path_str(rq, "ref"));
	if (r == NULL)
		return sbx_api_error(rs, 500, "database error");
	if (!db_next(r)) {
		db_free(r);
		return sbx_api_error(rs, 404, "no such payment");
	}
	doc = json_pack("{s:s, s:s, s:I, s:I}", "ref", db_str(r, 0), "status", db_str(r, 1), "amount",
			(json_int_t)db_int(r, 2), "refunded", (json_int_t)db_int(r, 3));
	db_free(r);
	return sbx_api_answer(rs, 200, doc);
}

struct sbx_refund {
	const char *payment, *key;
	long long amount;
	char ref[40];
	const char *error;
	int made;		/* this request made the refund (not a repeat of its key) */
};

static int
sbx_api_refund_tx(void *p)
{
	struct sbx_refund *f = p;
	struct db_result *r;
	long long id;

	f->error = NULL;
	f->made = 0;
	r = db_query("SELECT ref FROM sandbox_refunds WHERE idempotency_key = ?", "s", f->key);
	if (r == NULL)
		return -1;
	if (db_next(r)) {	/* the same request again: the same refund */
		snprintf(f->ref, sizeof f->ref, "%s", db_str(r, 0));
		db_free(r);
		return 0;
	}
	db_free(r);
	id = db_scalar(0, "SELECT id FROM sandbox_payments WHERE ref = ? AND status = 'succeeded' FOR UPDATE", "s",
		       f->payment);
	if (id <= 0) {
		f->error = "The payment has not succeeded.";
		return 0;
	}
	if (db_exec("UPDATE sandbox_payments SET refunded_minor = refunded_minor + ? WHERE id = ?"
		    " AND refunded_minor + ? <= amount_minor", "iii", f->amount, id, f->amount) != 1) {
		f->error = "The refund is more than what is left of the payment.";
		return 0;
	}
	sbx_random_ref("sbr-", f->ref, sizeof f->ref);
	if (db_exec("INSERT INTO sandbox_refunds (ref, payment_id, amount_minor, idempotency_key) VALUES (?, ?, ?, ?)",
		    "siis", f->ref, id, f->amount, f->key) != 1)
		return -1;
	f->made = 1;
	return sbx_event(f->payment, PAYMENT_EVENT_REFUNDED, NULL, f->amount);
}

/*
 * ROUTE: POST /sandbox/v1/refunds      TEMPLATE: none (JSON)
 * PARAMS: payment (ref), amount (minor units), idempotency_key
 * Refunds part or all of a succeeded payment, once per key: 201 with the
 * refund's ref, or 402 with the reason it was refused. For tests, by the
 * payment's description: "[refund fails]" refuses every refund;
 * "[refund unavailable]" answers 503 and makes nothing; "[refund answer
 * lost]" makes the refund but answers its first request 503, as when the
 * answer is lost on the way (the same key asked again gets the refund).
 */
int
sbx_api_refund(struct req *rq, struct resp *rs)
{
	struct sbx_refund f = { req_str(rq, "payment"), req_str(rq, "idempotency_key"), req_int(rq, "amount", 0),
				"", NULL, 0 };
	int st;

	if ((st = sbx_api_authorized(rq, rs)) != 0)
		return st;
	if (f.payment == NULL || f.key == NULL || *f.key == '\0')
		return sbx_api_error(rs, 400, "payment and idempotency_key are required");
	if (db_scalar(0, "SELECT INSTR(description, '[refund fails]') > 0 FROM sandbox_payments WHERE ref = ?", "s",
		      f.payment))
		return sbx_api_error(rs, 402, "The card issuer refused the refund.");
	if (db_scalar(0, "SELECT INSTR(description, '[refund unavailable]') > 0 FROM sandbox_payments WHERE ref = ?",
		      "s", f.payment))
		return sbx_api_error(rs, 503, "the service is unavailable");
	if (db_tx(sbx_api_refund_tx, &f) != 0)
		return sbx_api_error(rs, 500, "the refund could not be made");
	if (f.error != NULL)
		return sbx_api_error(rs, 402, f.error);
	if (f.made && db_scalar(0, "SELECT INSTR(description, '[refund answer lost]') > 0 FROM sandbox_payments"
				   " WHERE ref = ?", "s", f.payment))
		return sbx_api_error(rs, 503, "the answer was lost");
	return sbx_api_answer(rs, 201, json_pack("{s:s}", "ref", f.ref));
}

/*
 * ROUTE: GET /sandbox/test/events      TEMPLATE: none (JSON)
 * PARAMS: payment (ref)
 * For tests: the events of a payment, oldest first, each with its body and
 * a signature made now, as its webhook would carry it.
 */
int
sbx_api_events(struct req *rq, struct resp *rs)
{
	struct db_result *r;
	char signature[PAYMENT_SIGNATURE_MAX + 1];
	json_t *list;
	int st;

	if ((st = sbx_api_authorized(rq, rs)) != 0)
		return st;
	r = db_query("SELECT event_id, type, MIN(body) FROM sandbox_webhooks WHERE payment_ref = ?"
		     " GROUP BY event_id, type ORDER BY MIN(id)", "s", req_str(rq, "payment") ? req_str(rq, "payment") : "");
	if (r == NULL)
		return sbx_api_error(rs, 500, "database error");
	list = json_array();
	while (db_next(r)) {
		if (payment_signature_make(cfg_str("BAZAAR_SANDBOX_WEBHOOK_SECRETS", ""), time(NULL), db_str(r, 2),
					   strlen(db_str(r, 2)), signature, sizeof signature) != 0)
			signature[0] = '\0';
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "id", db_str(r, 0), "type",
						      db_str(r, 1), "body", db_str(r, 2), "signature", signature));
	}
	db_free(r);
	return sbx_api_answer(rs, 200, json_pack("{s:o}", "events", list));
}

/*
 * ROUTE: POST /sandbox/test/redeliver      TEMPLATE: none (JSON)
 * PARAMS: payment (ref), copies (1..20), shuffle (1: in random order)
 * For tests: queues each event of the payment copies more times, all due
 * now, in the order of the events or shuffled, so the webhook sender
 * delivers duplicates and out of order.
 */
int
sbx_api_redeliver(struct req *rq, struct resp *rs)
{
	struct db_result *r;
	long long copies = req_int(rq, "copies", 1), ids[64], queued = 0;
	size_t n = 0, i, k;
	int st;

	if ((st = sbx_api_authorized(rq, rs)) != 0)
		return st;
	r = db_query("SELECT MIN(id) FROM sandbox_webhooks WHERE payment_ref = ? GROUP BY event_id ORDER BY MIN(id)"
		     " LIMIT 64", "s", req_str(rq, "payment") ? req_str(rq, "payment") : "");
	if (r == NULL)
		return sbx_api_error(rs, 500, "database error");
	while (db_next(r) && n < 64)
		ids[n++] = db_int(r, 0);
	db_free(r);
	for (k = 0; k < (size_t)copies; k++) {
		if (req_has(rq, "shuffle"))
			for (i = n; i > 1; i--) {	/* Fisher-Yates */
				size_t j = randombytes_uniform((uint32_t)i);
				long long t = ids[i - 1];

				ids[i - 1] = ids[j];
				ids[j] = t;
			}
		for (i = 0; i < n; i++)
			if (db_exec("INSERT INTO sandbox_webhooks (event_id, type, payment_ref, body)"
				    " SELECT event_id, type, payment_ref, body FROM sandbox_webhooks WHERE id = ?",
				    "i", ids[i]) == 1)
				queued++;
	}
	return sbx_api_answer(rs, 200, json_pack("{s:I}", "queued", (json_int_t)queued));
}

/*
 * sandboxpay: the sandbox provider's API, called with libcurl (sandboxpay.h).
 */
#include "sandboxpay.h"

#include "buf.h"
#include "cfg.h"
#include "log.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SANDBOXPAY_RESPONSE_MAX 65536

static size_t
sandboxpay_write(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->len + size * n > SANDBOXPAY_RESPONSE_MAX)
		return 0;
	buf_add(b, data, size * n);
	return size * n;
}

/* One call of the API: method GET (form NULL) or POST with an urlencoded
 * form; *status gets the HTTP status and the parsed JSON answer is returned
 * (NULL when the call failed or the answer is not JSON). */
static json_t *
sandboxpay_call(const char *path, const char *form, long *status)
{
	char url[600], auth[300];
	struct curl_slist *headers = NULL;
	struct buf out;
	json_t *doc = NULL;
	CURL *c;
	CURLcode rc;

	*status = 0;
	snprintf(url, sizeof url, "%s%s", cfg_str("BAZAAR_SANDBOX_URL", "http://127.0.0.1:8080/sandbox"), path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", cfg_str("BAZAAR_SANDBOX_API_KEY", ""));
	buf_init(&out);
	if ((c = curl_easy_init()) == NULL)
		return NULL;
	headers = curl_slist_append(headers, auth);
	headers = curl_slist_append(headers, "Accept: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sandboxpay_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, cfg_int_in("BAZAAR_SANDBOX_TIMEOUT", 10, 1, 60));
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (form != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
		doc = json_loadb(out.data ? out.data : "", out.len, 0, NULL);
	} else {
		log_error("sandboxpay.call", "path=%s msg=%s", log_quote(path), log_quote(curl_easy_strerror(rc)));
	}
	if (rc == CURLE_OK && doc == NULL)
		log_error("sandboxpay.call", "path=%s status=%ld msg=%s", log_quote(path), *status,
			  log_quote("the answer is not JSON"));
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	buf_free(&out);
	return doc;
}

/* Copies a string member into out; 0, or -1 when it is missing or too long. */
static int
sandboxpay_member(const json_t *doc, const char *name, char *out, size_t outsz)
{
	const char *s = json_string_value(json_object_get(doc, name));

	if (s == NULL || strlen(s) >= outsz)
		return -1;
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

static int
sandboxpay_create(const struct payment_request *pr, char *ref, size_t refsz, char *url, size_t urlsz,
		  char *failure, size_t failuresz)
{
	struct buf form;
	char num[32];
	json_t *doc;
	long status;
	int rc = -1;

	buf_init(&form);
	buf_adds(&form, "method=");
	buf_add_urlencoded(&form, pr->method);
	snprintf(num, sizeof num, "%lld", pr->amount_minor);
	buf_adds(&form, "&amount=");
	buf_adds(&form, num);
	buf_adds(&form, "&currency=");
	buf_add_urlencoded(&form, pr->currency);
	buf_adds(&form, "&description=");
	buf_add_urlencoded(&form, pr->description);
	snprintf(num, sizeof num, "%lld", pr->payment_id);
	buf_adds(&form, "&merchant_ref=");
	buf_adds(&form, num);
	buf_adds(&form, "&return_url=");
	buf_add_urlencoded(&form, pr->return_url);
	buf_adds(&form, "&cancel_url=");
	buf_add_urlencoded(&form, pr->cancel_url);
	doc = sandboxpay_call("/v1/payments", form.data, &status);
	buf_free(&form);
	if (doc != NULL && status == 201 && sandboxpay_member(doc, "ref", ref, refsz) == 0 &&
	    sandboxpay_member(doc, "url", url, urlsz) == 0)
		rc = 0;
	else if (doc != NULL)
		log_error("sandboxpay.create", "status=%ld payment=%lld", status, pr->payment_id);
	(void)failure;
	(void)failuresz;
	json_decref(doc);
	return rc;
}

static int
sandboxpay_status(const char *ref, enum payment_state *state, long long *amount_minor)
{
	char path[120], status_text[20];
	json_t *doc;
	long status;
	int rc = -1;

	snprintf(path, sizeof path, "/v1/payments/%s", ref);
	doc = sandboxpay_call(path, NULL, &status);
	if (doc != NULL && status == 200 && sandboxpay_member(doc, "status", status_text, sizeof status_text) == 0 &&
	    json_is_integer(json_object_get(doc, "amount"))) {
		*amount_minor = json_integer_value(json_object_get(doc, "amount"));
		if (strcmp(status_text, "succeeded") == 0)
			*state = PAYMENT_STATE_SUCCEEDED;
		else if (strcmp(status_text, "cancelled") == 0)
			*state = PAYMENT_STATE_CANCELLED;
		else
			*state = PAYMENT_STATE_OPEN;
		rc = 0;
	}
	json_decref(doc);
	return rc;
}

int
sandboxpay_parse_event(const char *body, size_t len, struct payment_event *ev, const char **why)
{
	json_t *doc, *data;
	const char *merchant;
	char *end;
	int rc = -1;

	memset(ev, 0, sizeof *ev);
	if ((doc = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL)) == NULL || !json_is_object(doc)) {
		*why = "the body is not a JSON object";
		goto out;
	}
	data = json_object_get(doc, "data");
	if (sandboxpay_member(doc, "id", ev->id, sizeof ev->id) != 0 || ev->id[0] == '\0' ||
	    sandboxpay_member(doc, "type", ev->type, sizeof ev->type) != 0 || !json_is_object(data) ||
	    sandboxpay_member(data, "ref", ev->payment_ref, sizeof ev->payment_ref) != 0 ||
	    !json_is_integer(json_object_get(data, "amount"))) {
		*why = "the event lacks id, type or data";
		goto out;
	}
	ev->amount_minor = json_integer_value(json_object_get(data, "amount"));
	merchant = json_string_value(json_object_get(data, "merchant_ref"));
	if (merchant != NULL && *merchant != '\0') {
		ev->payment_id = strtoll(merchant, &end, 10);
		if (*end != '\0' || ev->payment_id <= 0) {
			*why = "the event's merchant_ref is not a payment";
			goto out;
		}
	}
	if (json_string_value(json_object_get(data, "failure")) != NULL)
		snprintf(ev->failure, sizeof ev->failure, "%s", json_string_value(json_object_get(data, "failure")));
	rc = 0;
out:
	json_decref(doc);
	return rc;
}

static int
sandboxpay_webhook(const char *signature, const char *body, size_t len, time_t now, struct payment_event *ev,
		   const char **why)
{
	if (payment_signature_check(signature, body, len, cfg_str("BAZAAR_PAYMENT_WEBHOOK_SECRETS", ""), now,
				    why) != 0)
		return 401;
	return sandboxpay_parse_event(body, len, ev, why) == 0 ? 0 : 400;
}

static int
sandboxpay_refund(const char *ref, long long amount_minor, const char *idempotency_key, char *refund_ref,
		  size_t refund_refsz, char *failure, size_t failuresz)
{
	struct buf form;
	char num[32];
	json_t *doc;
	long status;
	int rc = -1;

	buf_init(&form);
	buf_adds(&form, "payment=");
	buf_add_urlencoded(&form, ref);
	snprintf(num, sizeof num, "%lld", amount_minor);
	buf_adds(&form, "&amount=");
	buf_adds(&form, num);
	buf_adds(&form, "&idempotency_key=");
	buf_add_urlencoded(&form, idempotency_key);
	doc = sandboxpay_call("/v1/refunds", form.data, &status);
	buf_free(&form);
	/* Made, or definitely not made (402 refused, another 4xx: the request
	 * itself was refused). Anything else (no connection, a timeout, a 5xx,
	 * 408, 429, an answer that cannot be read) says nothing of whether the
	 * refund was made: -1, and the caller asks again with the same key. */
	if (doc != NULL && status == 201 && sandboxpay_member(doc, "ref", refund_ref, refund_refsz) == 0) {
		rc = 0;
	} else if (doc != NULL && status >= 400 && status < 500 && status != 408 && status != 429) {
		if (sandboxpay_member(doc, "error", failure, failuresz) != 0)
			snprintf(failure, failuresz, "The provider refused the refund.");
		rc = PAYMENT_REFUSED;
	} else {
		log_warn("sandboxpay.refund_unanswered", "status=%ld key=%s", status, log_quote(idempotency_key));
	}
	json_decref(doc);
	return rc;
}

const struct payment_provider sandboxpay_provider = {
	.name = "sandbox",
	.signature_header = "HTTP_SANDBOX_SIGNATURE",
	.create = sandboxpay_create,
	.status = sandboxpay_status,
	.webhook = sandboxpay_webhook,
	.refund = sandboxpay_refund,
};

/*
 * bazaar-sandbox_webhooks: the sandbox payment provider's webhook sender
 * (development and test stacks only, as the sandbox itself: cgi/sandbox/).
 *
 * Each row of sandbox_webhooks is one delivery of an event: POSTed as JSON
 * with libcurl to BAZAAR_SANDBOX_WEBHOOK_URL (default: the shop's
 * /payments/webhook/sandbox on BAZAAR_HTTP_URL), signed at the moment of
 * sending in the header
 *   Sandbox-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">
 * with one v1 per secret of BAZAAR_SANDBOX_WEBHOOK_SECRETS (two while a
 * secret is rotated). A 2xx answer delivers it; anything else is tried
 * again, as real providers do, over hours: 12 attempts from 30 s, doubling
 * up to 3 hours apart. Rows are claimed with SKIP LOCKED (job.h), so copies
 * of the sender never send the same row twice; duplicates and out-of-order
 * deliveries happen only when a test asks for them (POST
 * /sandbox/test/redeliver queues more rows).
 */
#include "cfg.h"
#include "db.h"
#include "job.h"
#include "log.h"
#include "payment.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static size_t
sandbox_webhooks_discard(char *data, size_t size, size_t n, void *arg)
{
	(void)data;
	(void)arg;
	return size * n;
}

static const char *
sandbox_webhooks_url(char *buf, size_t size)
{
	const char *url = cfg_str("BAZAAR_SANDBOX_WEBHOOK_URL", NULL);

	if (url != NULL && *url != '\0')
		return url;
	snprintf(buf, size, "%s/payments/webhook/sandbox", cfg_str("BAZAAR_HTTP_URL", "http://127.0.0.1:8080"));
	return buf;
}

static void
sandbox_webhooks_send(long long id, long long attempts, void *arg, struct job_result *res)
{
	char signature[PAYMENT_SIGNATURE_MAX + 1], header[PAYMENT_SIGNATURE_MAX + 40], urlbuf[300];
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = NULL;
	struct db_result *r;
	const char *body;
	long status = 0;
	CURLcode rc;
	CURL *c;

	(void)attempts;
	(void)arg;
	if ((r = db_query("SELECT event_id, body FROM sandbox_webhooks WHERE id = ?", "i", id)) == NULL ||
	    !db_next(r)) {
		job_fail(res, "the delivery could not be read");
		db_free(r);
		return;
	}
	body = db_str(r, 1);
	job_detail(res, "event=%s", db_str(r, 0));
	if (payment_signature_make(cfg_str("BAZAAR_SANDBOX_WEBHOOK_SECRETS", ""), time(NULL), body, strlen(body),
				   signature, sizeof signature) != 0) {
		job_fail(res, "no webhook secret is configured (BAZAAR_SANDBOX_WEBHOOK_SECRETS)");
		db_free(r);
		return;
	}
	snprintf(header, sizeof header, "Sandbox-Signature: %s", signature);
	headers = curl_slist_append(headers, "Content-Type: application/json");
	headers = curl_slist_append(headers, header);
	if ((c = curl_easy_init()) == NULL) {
		job_fail(res, "curl could not start");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, sandbox_webhooks_url(urlbuf, sizeof urlbuf));
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sandbox_webhooks_discard);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK)
		job_fail(res, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
	else if (status < 200 || status > 299)
		job_fail(res, "the merchant answered %ld", status);
	else
		res->ok = 1;
out:
	curl_slist_free_all(headers);
	db_free(r);
}

static const struct job_queue sandbox_webhooks_queue = {
	.name = "sandbox_webhooks",
	.done_event = "sent",
	.due_sql = "SELECT EXISTS (SELECT 1 FROM sandbox_webhooks WHERE status = 'queued' AND next_attempt_at <= NOW())",
	.claim_sql = "SELECT id, attempts FROM sandbox_webhooks WHERE status = 'queued' AND next_attempt_at <= NOW()"
		     " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	.start_sql = "UPDATE sandbox_webhooks SET status = 'sending', next_attempt_at = NOW() + INTERVAL ? SECOND"
		     " WHERE id = ?",
	.done_sql = "UPDATE sandbox_webhooks SET status = 'sent', attempts = attempts + 1, last_error = NULL"
		    " WHERE id = ? AND status = 'sending'",
	.failed_sql = "UPDATE sandbox_webhooks SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
		      " next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, attempts = attempts + 1"
		      " WHERE id = ? AND status = 'sending'",
	.recover_sql = "UPDATE sandbox_webhooks SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
		       " last_error = 'delivery interrupted: the sender stopped while sending', attempts = attempts + 1"
		       " WHERE status = 'sending' AND next_attempt_at <= NOW()",
	.claim_seconds = 60,
	.retry = { 12, 30, 3 * 3600 },
	.handle = sandbox_webhooks_send,
};

static const struct job_queue *const sandbox_webhooks_queues[] = { &sandbox_webhooks_queue };

static int
sandbox_webhooks_settings_ok(void)
{
	const char *env = cfg_str("BAZAAR_ENV", "development");

	if (strcmp(env, "development") != 0 && strcmp(env, "test") != 0) {
		log_error("sandbox_webhooks.refused", "env=%s msg=%s", log_quote(env),
			  log_quote("the sandbox provider runs on development and test stacks only"));
		return 0;
	}
	return 1;
}

static long long
sandbox_webhooks_interval_ms(void)
{
	return cfg_int_in("BAZAAR_SANDBOX_WEBHOOK_INTERVAL_MS", 250, 10, 60000);
}

static const struct job_runner sandbox_webhooks_runner = {
	.name = "sandbox_webhooks",
	.usage = "bazaar-sandbox_webhooks [--once]",
	.queues = sandbox_webhooks_queues, .nqueues = 1,
	.interval_ms = sandbox_webhooks_interval_ms,
	.settings_ok = sandbox_webhooks_settings_ok,
};

int
main(int argc, char **argv)
{
	log_init("sandbox_webhooks");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return job_runner_main(&sandbox_webhooks_runner, argc, argv);
}

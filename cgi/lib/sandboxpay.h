/*
 * sandboxpay: Bazaar's side of the sandbox payment provider (the program in
 * cgi/sandbox/, run on development and test stacks), as a struct
 * payment_provider (payment.h).
 *
 * The sandbox speaks as a hosted payment provider does:
 *   POST <BAZAAR_SANDBOX_URL>/v1/payments   (form: method, amount, currency,
 *        description, merchant_ref, return_url, cancel_url)
 *        -> 201 {"ref": "sbp-...", "url": <the hosted page>}
 *   GET  <BAZAAR_SANDBOX_URL>/v1/payments/<ref>
 *        -> 200 {"ref", "status": open|confirming|succeeded|cancelled, "amount"}
 *   POST <BAZAAR_SANDBOX_URL>/v1/refunds    (form: payment, amount, idempotency_key)
 *        -> 201 {"ref": "sbr-..."} or 402 {"error": <reason>}
 * each with "Authorization: Bearer <BAZAAR_SANDBOX_API_KEY>", and sends
 * webhooks whose body is
 *   {"id": "evt-...", "type": "payment.succeeded", "created": <unix time>,
 *    "data": {"ref": "sbp-...", "merchant_ref": "<payments.id>",
 *             "amount": <minor units>, "failure": <a decline's reason>}}
 * signed as payment.h describes with the secrets of
 * BAZAAR_PAYMENT_WEBHOOK_SECRETS.
 */
#ifndef BAZAAR_SANDBOXPAY_H
#define BAZAAR_SANDBOXPAY_H
#include <stddef.h>
#include <time.h>

#include "payment.h"

extern const struct payment_provider sandboxpay_provider;

/* Reads a webhook body (no signature check): 0, or -1 with *why. */
int sandboxpay_parse_event(const char *body, size_t len, struct payment_event *ev, const char **why);

#endif

/*
 * sbx: the sandbox payment provider, a program of its own that behaves as a
 * hosted payment provider does, for development and test stacks only (it
 * refuses to start with BAZAAR_ENV=production). The route table in
 * sbx_main.c lists every URL:
 *   sbx_api.c    /sandbox/v1/...    the provider's API (create, ask, refund),
 *                                   for the merchant's server, with its key
 *                /sandbox/test/...  what tests ask for: the events of a
 *                                   payment, duplicate and shuffled deliveries
 *   sbx_page.c   /sandbox/pay/...   the hosted pages the customer sees: a
 *                                   card form, a confirmation step, a
 *                                   PayPal-style approve / cancel page
 * Its state is in its own tables (sandbox_payments, sandbox_refunds,
 * sandbox_webhooks: schema/0017_payments.sql); every state change queues its
 * webhook in the same transaction, and bazaar-sandbox_webhooks
 * (cgi/jobs/sandbox_webhooks.c) delivers them, signed, retried over hours.
 * No card number is kept or logged: the brand and last four digits only.
 */
#ifndef BAZAAR_SBX_H
#define BAZAAR_SBX_H
#include "db.h"
#include "fcgi_loop.h"
#include "tmpl.h"

extern const struct app sbx_app;

/* sbx_api.c */
int sbx_api_create(struct req *rq, struct resp *rs);
int sbx_api_show(struct req *rq, struct resp *rs);
int sbx_api_refund(struct req *rq, struct resp *rs);
int sbx_api_events(struct req *rq, struct resp *rs);
int sbx_api_redeliver(struct req *rq, struct resp *rs);
/* sbx_page.c */
int sbx_page_view(struct req *rq, struct resp *rs);
int sbx_page_card(struct req *rq, struct resp *rs);
int sbx_page_confirm_view(struct req *rq, struct resp *rs);
int sbx_page_confirm(struct req *rq, struct resp *rs);
int sbx_page_approve(struct req *rq, struct resp *rs);
int sbx_page_cancel(struct req *rq, struct resp *rs);

/* Inside an open transaction: queues the webhook of an event of payment
 * ref (type payment.succeeded, .declined, .cancelled, refund.succeeded),
 * failure the reason of a decline (or NULL). 0 or -1. */
int sbx_event(const char *ref, const char *type, const char *failure, long long amount_minor);
/* A random id with a prefix: "sbp-" + 24 hex digits. */
void sbx_random_ref(const char *prefix, char *out, size_t outsz);

#endif

/*
 * payment: paying for an order, whoever takes the money.
 *
 * A payment is a row of `payments` (schema/0012_orders.sql): one attempt to
 * pay an order, through a provider's hosted payment page (card, PayPal) or
 * by bank transfer (provider "bank"). No card number ever reaches Bazaar:
 * the customer types it on the provider's page, and Bazaar learns the
 * outcome from the provider (a signed webhook, or asking it when the
 * browser comes back).
 *
 * The provider interface (struct payment_provider) has four operations:
 * create a hosted payment (-> its ref and the page to send the customer
 * to), ask a payment's state, read a webhook whose signature it verified,
 * and refund. BAZAAR_PAYMENT_PROVIDER names the one in use ("sandbox", the
 * only one so far: sandboxpay.h).
 *
 * Webhook signatures are in the scheme payment providers use: a header
 *   t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">[,v1=<...>]
 * with one v1 per secret the provider signs with (two while a secret is
 * rotated). A webhook is accepted when any v1 matches any of Bazaar's
 * secrets (BAZAAR_PAYMENT_WEBHOOK_SECRETS, separated by spaces or commas:
 * the new and the old one during a rotation) and t is at most
 * PAYMENT_WEBHOOK_TOLERANCE seconds away from now. Compared in constant
 * time.
 *
 * ONE step marks an order paid: payment_succeeded(). The webhook, the
 * browser's return and the bank reconciliation all call it, in any order
 * and as often as they like; the order is paid once:
 *   - the provider's event id is recorded in payment_events (its primary
 *     key) in the same transaction, so a second delivery of the event finds
 *     it and does nothing;
 *   - the payment moves by a conditional UPDATE (WHERE status = 'pending'),
 *     the order and its vendor orders by orderflow_order_paid (orderflow.h:
 *     conditional UPDATEs, history, order.paid, the mails), so of two
 *     racing callers one changes them and the other finds them changed;
 *   - the ledger entries (earnings_on_paid) are written in that same
 *     transaction, by the caller that changed the order only.
 * payment_failed() is its counterpart: the payment failed or the customer
 * cancelled it; the order is cancelled and what it held (stock, coupon use)
 * released, once, by payment_release_order() (which the expiry job calls
 * for unpaid orders past their time).
 */
#ifndef BAZAAR_PAYMENT_H
#define BAZAAR_PAYMENT_H
#include <stddef.h>
#include <time.h>

#define PAYMENT_REF_MAX		64	/* bytes of a provider's id (payments.provider_ref) */
#define PAYMENT_URL_MAX		1000	/* bytes of a hosted payment page's address */
#define PAYMENT_FAILURE_MAX	200	/* bytes of a reason (payments.failure) */
#define PAYMENT_EVENT_TYPE_MAX	40
/* Seconds a webhook's timestamp may be away from now. */
#define PAYMENT_WEBHOOK_TOLERANCE 300
#define PAYMENT_SIGNATURE_MAX	1024	/* bytes of a signature header */

/* Results besides 0 (done) and -1 (a database or provider error, logged). */
#define PAYMENT_ALREADY		1	/* already done (a repeated event, a lost race): nothing changed */
#define PAYMENT_NOT_PAYABLE	2	/* the order is not awaiting payment, or not found */
#define PAYMENT_REFUSED		3	/* the provider said no; the reason is in failure */

/* ---- the provider interface ------------------------------------------------------ */

/* What a hosted payment is for. */
struct payment_request {
	long long payment_id;		/* payments.id: the provider hands it back in its events */
	const char *method;		/* "card" or "paypal" */
	long long amount_minor;
	const char *currency;		/* BAZAAR_CURRENCY */
	const char *description;	/* "Order BZ-000123" */
	const char *return_url;		/* where the customer's browser comes back after paying */
	const char *cancel_url;		/* ... after giving up */
};

/* A webhook as its provider read it. */
struct payment_event {
	char id[PAYMENT_REF_MAX + 1];		/* unique per event of the provider */
	char type[PAYMENT_EVENT_TYPE_MAX + 1];	/* PAYMENT_EVENT_* */
	char payment_ref[PAYMENT_REF_MAX + 1];
	long long payment_id;			/* payments.id given at create; 0 if none */
	long long amount_minor;
	char failure[PAYMENT_FAILURE_MAX + 1];	/* a decline's reason */
};
#define PAYMENT_EVENT_SUCCEEDED	"payment.succeeded"
#define PAYMENT_EVENT_DECLINED	"payment.declined"	/* an attempt failed; the page stays open */
#define PAYMENT_EVENT_CANCELLED	"payment.cancelled"	/* the customer gave up */
#define PAYMENT_EVENT_REFUNDED	"refund.succeeded"

enum payment_state {
	PAYMENT_STATE_OPEN,		/* the customer has not finished */
	PAYMENT_STATE_SUCCEEDED,
	PAYMENT_STATE_CANCELLED,
};

struct payment_provider {
	const char *name;	/* payments.provider */
	/* The request header its webhooks carry the signature in, as FastCGI
	 * names it: "HTTP_SANDBOX_SIGNATURE". */
	const char *signature_header;
	/* Creates a hosted payment: 0 with *ref and *url (the page for the
	 * customer), PAYMENT_REFUSED or -1 with *failure. */
	int (*create)(const struct payment_request *pr, char *ref, size_t refsz, char *url, size_t urlsz,
		      char *failure, size_t failuresz);
	/* The state of a payment, asked of the provider: 0 or -1. */
	int (*status)(const char *ref, enum payment_state *state, long long *amount_minor);
	/* Checks a webhook's signature header and reads its body into *ev:
	 * 0, or the HTTP status to answer (400 malformed, 401 a signature that
	 * does not match or is too old) with *why. */
	int (*webhook)(const char *signature, const char *body, size_t len, time_t now,
		       struct payment_event *ev, const char **why);
	/* Refunds amount_minor of the payment ref, once per idempotency_key:
	 * 0 with *refund_ref, PAYMENT_REFUSED or -1 with *failure. */
	int (*refund)(const char *ref, long long amount_minor, const char *idempotency_key,
		      char *refund_ref, size_t refund_refsz, char *failure, size_t failuresz);
};

/* The provider called name, or NULL. */
const struct payment_provider *payment_provider_named(const char *name);
/* The provider card and PayPal payments go to (BAZAAR_PAYMENT_PROVIDER,
 * default "sandbox"), or NULL when it names none. */
const struct payment_provider *payment_provider_current(void);

/* ---- webhook signatures ------------------------------------------------------------- */

/* Writes "t=<t>,v1=<hex>" with one v1 per secret of the list (spaces or
 * commas between secrets) into out. 0, or -1 when there is no secret or it
 * does not fit. */
int payment_signature_make(const char *secrets, time_t t, const char *body, size_t len, char *out,
			   size_t outsz);
/* Checks a signature header against the secrets (a list as above) at time
 * now: 0, or -1 with *why (malformed, no matching v1, too old or from the
 * future). */
int payment_signature_check(const char *header, const char *body, size_t len, const char *secrets,
			    time_t now, const char **why);

/* ---- paying ---------------------------------------------------------------------------- */

/*
 * Starts a payment of an order awaiting payment: a pending payments row of
 * the order's method and total (a bank transfer's also gives the order its
 * bank reference, its number, when it has none). *payment_id gets it. An order with a pending payment of
 * its provider gets that one back rather than a second. Returns 0,
 * PAYMENT_NOT_PAYABLE or -1.
 */
int payment_open(long long order_id, long long *payment_id);
/*
 * Creates the hosted payment of a pending card or PayPal payment at the
 * provider and writes the page to send the customer to into url. The
 * provider's ref and the page are kept on the payment: asked again (the
 * same form sent twice, at once or later; "Pay now" after leaving the
 * page) it gives the same page. Returns 0, PAYMENT_NOT_PAYABLE (not pending, a bank transfer),
 * PAYMENT_REFUSED or -1 with *failure for the customer.
 */
int payment_redirect(long long payment_id, const char *return_url, const char *cancel_url, char *url,
		     size_t urlsz, char *failure, size_t failuresz);
/*
 * THE step that marks an order paid (see above). event_id: the provider's
 * event, recorded once with provider (NULL when the call comes from the
 * browser's return, which has no event). Returns 0 when this call paid the
 * order, PAYMENT_ALREADY when the event was seen before or the payment was
 * not pending any more, PAYMENT_NOT_PAYABLE when the payment succeeded for
 * an order that had expired or was cancelled meanwhile (logged for a refund
 * by hand: the payment is marked succeeded, the order stays as it is), -1.
 */
int payment_succeeded(long long payment_id, const char *provider, const char *event_id);
/* The same inside the caller's open transaction (a bank transfer recorded
 * and applied with it): -1 means the caller must roll back. */
int payment_succeeded_in_tx(long long payment_id, const char *provider, const char *event_id);
/*
 * The payment failed or was cancelled by the customer: the payment is
 * marked failed with why, and its order cancelled and released
 * (payment_release_order). Same returns as payment_succeeded.
 */
int payment_failed(long long payment_id, const char *provider, const char *event_id, const char *why);
/* A declined attempt on a page that stays open: only the reason is kept on
 * the payment (shown if the customer comes back). 0 or PAYMENT_ALREADY or -1. */
int payment_declined(long long payment_id, const char *provider, const char *event_id, const char *why);
/*
 * The customer's browser came back from the provider: asks the provider
 * and, when it says succeeded, runs payment_succeeded. *state gets what the
 * provider said. *order_id gets the payment's order. 0, PAYMENT_ALREADY
 * (paid before), PAYMENT_NOT_PAYABLE (no such payment) or -1.
 */
int payment_return(long long payment_id, enum payment_state *state, long long *order_id);
/*
 * A webhook for provider: verifies it and acts on it (succeeded, declined,
 * cancelled; other types are recorded and ignored). Returns the HTTP status
 * to answer: 200 (handled, or seen before), 400 or 401 with *why (nothing
 * changed), 404 (no such provider), 500 (try again later).
 */
int payment_webhook(const char *provider, const char *signature, const char *body, size_t len,
		    const char **why);
/*
 * Refunds amount_minor of a succeeded payment through its provider, once
 * per idempotency_key (a retry with the same key is not a second refund).
 * For a bank transfer nothing is sent: PAYMENT_REFUSED with failure "a
 * bank transfer is refunded by hand". 0 with *provider_ref, PAYMENT_REFUSED
 * or -1 with *failure.
 */
int payment_refund(long long payment_id, long long amount_minor, const char *idempotency_key,
		   char *provider_ref, size_t provider_refsz, char *failure, size_t failuresz);

/*
 * Ends an unpaid order: to_status "expired" (nobody paid in time) or
 * "cancelled" (the payment failed). In one transaction, only when the order
 * is still awaiting payment: the order and its vendor orders change state
 * through orderflow (orderflow_order_expire or orderflow_order_cancel: the
 * history, order.expired or order.cancelled, the mails), each item's stock
 * back once (order_items.restocked_qty), the coupon use released
 * (coupon_release). Returns 0,
 * PAYMENT_ALREADY (not awaiting payment any more) or -1.
 */
int payment_release_order(long long order_id, const char *to_status, const char *why);

#endif

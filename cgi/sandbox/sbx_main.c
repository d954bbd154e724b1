/*
 * sbx_main: the sandbox payment provider. This table is the only list of its
 * URLs. The API's POSTs come from a merchant's server with the API key
 * (R_SIGNED: checked by the handler); the hosted pages' forms carry a CSRF
 * token like every form of the shop.
 */
#include "sbx.h"

#include "cfg.h"
#include "csrf.h"
#include "log.h"
#include "route.h"

#include <string.h>

#define SBX_FIELD(name, max, label) { name, PARAM_TEXT, 0, max, NULL, 0, label, NULL, NULL }
#define SBX_PARAMS_END { NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL }

static const char *const sbx_methods[] = { "card", "paypal", NULL };
static const char *const sbx_outcomes[] = { "complete", "fail", NULL };
static const char *const sbx_yes[] = { "1", NULL };

static const struct param sbx_params_create[] = {
	{ "method", PARAM_ENUM, 0, 0, sbx_methods, PARAM_REQUIRED, "Method", NULL, NULL },
	{ "amount", PARAM_INT, 1, 100000000000LL, NULL, PARAM_REQUIRED, "Amount", NULL, NULL },
	SBX_FIELD("currency", 3, "Currency"),
	SBX_FIELD("description", 200, "Description"),
	SBX_FIELD("merchant_ref", 64, "Merchant reference"),
	SBX_FIELD("return_url", 500, "Return address"),
	SBX_FIELD("cancel_url", 500, "Cancel address"),
	SBX_PARAMS_END,
};
static const struct param sbx_params_refund[] = {
	SBX_FIELD("payment", 40, "Payment"),
	{ "amount", PARAM_INT, 1, 100000000000LL, NULL, PARAM_REQUIRED, "Amount", NULL, NULL },
	SBX_FIELD("idempotency_key", 64, "Idempotency key"),
	SBX_PARAMS_END,
};
static const struct param sbx_params_events[] = {
	SBX_FIELD("payment", 40, "Payment"),
	SBX_PARAMS_END,
};
static const struct param sbx_params_redeliver[] = {
	SBX_FIELD("payment", 40, "Payment"),
	{ "copies", PARAM_INT, 1, 20, NULL, 0, "Copies", NULL, NULL },
	{ "shuffle", PARAM_ENUM, 0, 0, sbx_yes, 0, "Shuffle", NULL, NULL },
	SBX_PARAMS_END,
};
/* The card's fields: never written back into the form. */
static const struct param sbx_params_card[] = {
	{ "number", PARAM_TEXT, 0, 40, NULL, PARAM_SECRET, "Card number", NULL, NULL },
	SBX_FIELD("expiry", 10, "Expiry date"),
	{ "cvc", PARAM_TEXT, 0, 8, NULL, PARAM_SECRET, "Security code", NULL, NULL },
	SBX_FIELD("name", 100, "Name on the card"),
	SBX_PARAMS_END,
};
static const struct param sbx_params_confirm[] = {
	{ "outcome", PARAM_ENUM, 0, 0, sbx_outcomes, PARAM_REQUIRED, "Outcome", NULL, NULL },
	SBX_PARAMS_END,
};

static const struct route sbx_routes[] = {
	{ "POST", "/sandbox/v1/payments", sbx_api_create, NULL, R_SIGNED, sbx_params_create, NULL },
	{ "GET", "/sandbox/v1/payments/{ref:slug}", sbx_api_show, NULL, 0, NULL, NULL },
	{ "POST", "/sandbox/v1/refunds", sbx_api_refund, NULL, R_SIGNED, sbx_params_refund, NULL },
	{ "GET", "/sandbox/test/events", sbx_api_events, NULL, 0, sbx_params_events, NULL },
	{ "POST", "/sandbox/test/redeliver", sbx_api_redeliver, NULL, R_SIGNED, sbx_params_redeliver, NULL },

	{ "GET", "/sandbox/pay/{ref:slug}", sbx_page_view, "sandbox/pay_page.tpl", 0, NULL, NULL },
	{ "POST", "/sandbox/pay/{ref:slug}/card", sbx_page_card, "sandbox/pay_page.tpl", R_CSRF, sbx_params_card, NULL },
	{ "GET", "/sandbox/pay/{ref:slug}/confirm", sbx_page_confirm_view, "sandbox/pay_confirm.tpl", 0, NULL, NULL },
	{ "POST", "/sandbox/pay/{ref:slug}/confirm", sbx_page_confirm, NULL, R_CSRF, sbx_params_confirm, NULL },
	{ "POST", "/sandbox/pay/{ref:slug}/approve", sbx_page_approve, NULL, R_CSRF, NULL, NULL },
	{ "POST", "/sandbox/pay/{ref:slug}/cancel", sbx_page_cancel, NULL, R_CSRF, NULL, NULL },
};

/* A form's POST needs its CSRF token; the API's are checked by their
 * handlers (the key). There are no accounts here. */
static int
sbx_guard(const struct route *r, struct req *rq, struct resp *rs)
{
	if (strcmp(r->method, "POST") == 0 && !(r->flags & R_SIGNED) && csrf_check(rq) != 0) {
		rs->message = "This form has expired. Go back, reload the page and try again.";
		return 403;
	}
	return 0;
}

static int
sbx_worker_init(void)
{
	const char *env = cfg_str("BAZAAR_ENV", "development");

	if (strcmp(env, "development") != 0 && strcmp(env, "test") != 0) {
		log_error("sandbox.refused", "env=%s msg=%s", log_quote(env),
			  log_quote("the sandbox provider runs on development and test stacks only"));
		return -1;
	}
	return 0;
}

const struct app sbx_app = {
	.name = "sandbox",
	.routes = sbx_routes,
	.nroutes = sizeof sbx_routes / sizeof sbx_routes[0],
	.worker_init = sbx_worker_init,
	.guard = sbx_guard,
	.header_omit = APP_HEADER_SEARCH | APP_HEADER_ACCOUNT,
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&sbx_app, argc, argv);
}
#endif

/*
 * vp_main: the vendor portal program. This table is the only list of its
 * URLs; each row names the handler, the template it renders and the
 * parameters it accepts (anything else never reaches a handler). nginx
 * passes every path under /vendor to this program unchanged.
 */
#include "vp.h"

#include "auth.h"
#include "route.h"

/* Form fields are declared loosely (text, bounded) and checked by the
 * handler, which shows the form again with what is wrong next to each field. */
#define VP_FIELD(name, max, label) { name, PARAM_TEXT, 0, max, NULL, 0, label }
#define VP_FIELD_LINES(name, max, label) { name, PARAM_TEXT, 0, max, NULL, PARAM_MULTILINE, label }
#define VP_PARAMS_END { NULL, 0, 0, 0, NULL, 0, NULL }

/* The business profile, on the sign-up and the profile form. */
#define VP_PROFILE_PARAMS \
	VP_FIELD("legal_name", 1000, "Legal name"), \
	VP_FIELD("trading_name", 1000, "Trading name"), \
	VP_FIELD("registration_number", 1000, "Registration number"), \
	VP_FIELD("tax_id", 1000, "Tax id"), \
	VP_FIELD_LINES("address", 4000, "Business address"), \
	VP_FIELD("phone", 1000, "Phone"), \
	VP_FIELD("website", 2000, "Website"), \
	VP_FIELD_LINES("description", 20000, "Description"), \
	VP_FIELD("bank_holder", 1000, "Account holder"), \
	VP_FIELD("bank_account", 1000, "IBAN or account number")

static const struct param vp_params_signup[] = {
	VP_FIELD("name", 1000, "Your name"),
	VP_FIELD("email", 300, "Email"),
	VP_FIELD("password", 1000, "Password"),
	VP_PROFILE_PARAMS,
	VP_PARAMS_END,
};

static const struct param vp_params_profile[] = {
	VP_PROFILE_PARAMS,
	VP_PARAMS_END,
};

static const struct param vp_params_listings[] = {
	{ "page", PARAM_INT, 1, VP_PAGE_MAX, NULL, 0, "Page" },
	VP_PARAMS_END,
};

static const struct route vp_routes[] = {
	{ "GET", "/vendor", vp_dashboard_redirect, NULL, 0, NULL },
	{ "GET", "/vendor/", vp_dashboard_view, "vendor/dashboard_view.tpl", R_VENDOR, NULL },
	{ "GET", "/vendor/signup", vp_signup_form, "vendor/signup_form.tpl", 0, NULL },
	{ "POST", "/vendor/signup", vp_signup, "vendor/signup_form.tpl", R_CSRF, vp_params_signup },
	{ "GET", "/vendor/profile", vp_profile_form, "vendor/profile_form.tpl", R_VENDOR, NULL },
	{ "POST", "/vendor/profile", vp_profile_update, "vendor/profile_form.tpl", R_VENDOR | R_CSRF,
	  vp_params_profile },
	{ "POST", "/vendor/resubmit", vp_profile_resubmit, NULL, R_VENDOR | R_CSRF, NULL },
	{ "GET", "/vendor/listings", vp_listings_list, "vendor/listings_list.tpl", R_VENDOR,
	  vp_params_listings },
};

const struct app vp_app = {
	.name = "vendor",
	.routes = vp_routes,
	.nroutes = sizeof vp_routes / sizeof vp_routes[0],
	.guard = auth_guard,
	/* Vendors log in with the shop's login page. */
	.login_path = "/login",
	.second_factor_path = "/admin/2fa",
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&vp_app, argc, argv);
}
#endif

/*
 * bazaar-admin: admin accounts from the command line. The first admin of a
 * new shop can only be made here; later ones too, by whoever runs the server.
 *
 *   bazaar-admin create EMAIL [NAME]   a new admin account and its enrolment link
 *   bazaar-admin create-support EMAIL [NAME]
 *                                      a new account of the support role (the admin
 *                                      site's support tickets only), enrolled the same way
 *   bazaar-admin enrol-link EMAIL      a new enrolment link for an existing admin or
 *                                      support user (lost phone, expired link); older
 *                                      links stop working
 *
 * An admin account is made without a password or authenticator app: the
 * one-time link (BAZAAR_BASE_URL/admin/enrol?token=..., valid 24 hours) sets
 * up both. Give it to the person in a private channel; it is printed once and
 * only its hash is stored. Following a new link for an enrolled admin
 * replaces their password and authenticator app and signs them out everywhere.
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first. Exit status: 0 done; 1 refused or failed
 * (nothing changed); 2 bad arguments.
 */
#include "audit.h"
#include "auth.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define ADMIN_TOOL_ENROL_HOURS 24

static int
admin_tool_usage(void)
{
	fprintf(stderr, "usage: bazaar-admin create EMAIL [NAME]\n"
			"       bazaar-admin create-support EMAIL [NAME]\n"
			"       bazaar-admin enrol-link EMAIL\n");
	return 2;
}

struct admin_tool_job {
	const char *email;
	const char *name;		/* create: the new account's name */
	const char *role;		/* create: "admin" or "support" */
	long long user_id;		/* enrol-link: the admin; create: set */
	char token[TOKEN_TEXT_SIZE];
	int refused;			/* 1: the address is taken / not an admin */
};

/* Retires the admin's unused links and stores a new one (its hash). */
static int
admin_tool_new_link(struct admin_tool_job *j)
{
	if (db_exec("UPDATE user_tokens SET used_at = NOW() WHERE user_id = ? AND purpose = 'enrol'"
		    " AND used_at IS NULL", "i", j->user_id) < 0)
		return -1;
	return auth_token_create(j->user_id, "enrol", ADMIN_TOOL_ENROL_HOURS, NULL, j->token, NULL) < 0 ? -1 : 0;
}

static int
admin_tool_create_tx(void *arg)
{
	struct admin_tool_job *j = arg;

	long long taken = db_scalar(-1, "SELECT COUNT(*) FROM users WHERE email = ? FOR UPDATE", "s", j->email);

	if (taken < 0)
		return -1;
	if (taken > 0) {
		j->refused = 1;
		return 1;
	}
	if (db_exec("INSERT INTO users (email, name, role, status, email_verified_at)"
		    " VALUES (?, ?, ?, 'active', NOW())", "sss", j->email, j->name, j->role) != 1)
		return -1;
	j->user_id = (long long)db_insert_id();
	if (admin_tool_new_link(j) != 0)
		return -1;
	return audit_log_as(0, "system", "admin.create", "user", j->user_id,
			    strcmp(j->role, "support") == 0 ? "support account created; enrolment link issued" :
			    "admin account created; enrolment link issued") == 0 ? 0 : -1;
}

static int
admin_tool_link_tx(void *arg)
{
	struct admin_tool_job *j = arg;

	struct db_result *r = db_query("SELECT id FROM users WHERE email = ? AND role IN ('admin', 'support')"
				       " AND status = 'active' FOR UPDATE", "s", j->email);

	if (r == NULL)
		return -1;
	j->user_id = db_next(r) ? db_int(r, 0) : 0;
	db_free(r);
	if (j->user_id == 0) {
		j->refused = 1;
		return 1;
	}
	if (admin_tool_new_link(j) != 0)
		return -1;
	return audit_log_as(0, "system", "admin.enrol_link", "user", j->user_id,
			    "new enrolment link issued; older ones retired") == 0 ? 0 : -1;
}

/* A name from the address when none is given: the part before the '@'. */
static void
admin_tool_default_name(const char *email, char *out, size_t n)
{
	const char *at = strchr(email, '@');
	size_t len = at ? (size_t)(at - email) : strlen(email);

	if (len >= n)
		len = n - 1;
	memcpy(out, email, len);
	out[len] = '\0';
}

int
main(int argc, char **argv)
{
	char email[AUTH_EMAIL_MAX + 1], name[AUTH_NAME_MAX + 1];
	struct admin_tool_job job;
	const char *problem;
	int create, support, rc;

	log_init("bazaar-admin");
	if (argc < 3)
		return admin_tool_usage();
	support = strcmp(argv[1], "create-support") == 0;
	create = support || strcmp(argv[1], "create") == 0;
	if (!(create && argc <= 4) && !(strcmp(argv[1], "enrol-link") == 0 && argc == 3))
		return admin_tool_usage();
	if ((problem = auth_email_problem(argv[2], email)) != NULL) {
		fprintf(stderr, "bazaar-admin: %s\n", problem);
		return 2;
	}
	if (create && argc == 4) {
		if (argv[3][0] == '\0' || strlen(argv[3]) > AUTH_NAME_MAX) {
			fprintf(stderr, "bazaar-admin: NAME must be 1 to %d bytes long\n", AUTH_NAME_MAX);
			return 2;
		}
		snprintf(name, sizeof name, "%s", argv[3]);
	} else {
		admin_tool_default_name(email, name, sizeof name);
	}
	if (cfg_load() != 0)
		return 1;
	if (sodium_init() < 0) {
		fprintf(stderr, "bazaar-admin: libsodium failed to initialise\n");
		return 1;
	}
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-admin: cannot reach the database (see the log line above)\n");
		return 1;
	}
	memset(&job, 0, sizeof job);
	job.email = email;
	job.name = name;
	job.role = support ? "support" : "admin";
	rc = db_tx(create ? admin_tool_create_tx : admin_tool_link_tx, &job);
	if (rc != 0) {
		if (job.refused && create)
			fprintf(stderr, "bazaar-admin: an account with the address %s exists already; "
					"nothing was changed\n", email);
		else if (job.refused)
			fprintf(stderr, "bazaar-admin: %s is not an active admin or support account; nothing was changed\n",
				email);
		else
			fprintf(stderr, "bazaar-admin: the database refused the change (see the log line above); "
					"nothing was changed\n");
		db_close();
		return 1;
	}
	if (create)
		printf("%s account created for %s.\n", support ? "Support" : "Admin", email);
	else
		printf("New enrolment link for %s; older links no longer work.\n", email);
	printf("Give this one-time link to them in private. It works once, within %d hours:\n%s/admin/enrol?token=%s\n",
	       ADMIN_TOOL_ENROL_HOURS, mail_base_url(), job.token);
	sodium_memzero(job.token, sizeof job.token);
	db_close();
	return 0;
}

/*
 * audit: the audit log (table audit_log, append-only: triggers refuse UPDATE
 * and DELETE). Who did what to which object, when and from which address.
 * Write the entry in the same transaction as the change it records.
 */
#ifndef BAZAAR_AUDIT_H
#define BAZAAR_AUDIT_H
#include "req.h"

/* Records action (e.g. "vendor.approve") on (object_type, object_id) by the
 * visitor of rq (its session's user and IP; rq may be NULL for commands, then
 * the actor is "system"). detail: short text, no secrets. Returns 0 or -1. */
int audit_log(const struct req *rq, const char *action, const char *object_type,
	      long long object_id, const char *detail);
/* The same for a command-line tool acting as actor_id (0: none). */
int audit_log_as(long long actor_id, const char *actor_role, const char *action,
		 const char *object_type, long long object_id, const char *detail);

/* The same with an explicit actor and address. */
int audit_log_ip(long long actor_id, const char *actor_role, const char *ip, const char *action,
		 const char *object_type, long long object_id, const char *detail);

#endif

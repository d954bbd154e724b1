/*
 * audit: appends to the audit log (see audit.h).
 */
#include "audit.h"
#include "db.h"
#include "log.h"
#include "sess.h"

int
audit_log_as(long long actor_id, const char *actor_role, const char *action,
	     const char *object_type, long long object_id, const char *detail)
{
	return audit_log_ip(actor_id, actor_role, "", action, object_type, object_id, detail);
}

int
audit_log_ip(long long actor_id, const char *actor_role, const char *ip, const char *action,
	     const char *object_type, long long object_id, const char *detail)
{
	if (db_exec("INSERT INTO audit_log (at, actor_id, actor_role, action, object_type, object_id, ip, detail)"
		    " VALUES (UTC_TIMESTAMP(6), NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), ?, LEFT(?, 2000))",
		    "isssiss", actor_id, actor_role ? actor_role : "", action,
		    object_type ? object_type : "", object_id, ip ? ip : "", detail ? detail : "") != 1) {
		log_error("audit.write", "action=%s msg=%s", action, log_quote(db_error()));
		return -1;
	}
	return 0;
}

int
audit_log(const struct req *rq, const char *action, const char *object_type,
	  long long object_id, const char *detail)
{
	if (rq == NULL || rq->sess == NULL)
		return audit_log_ip(0, rq ? "visitor" : "system", rq ? rq->ip : "", action, object_type,
				    object_id, detail);
	return audit_log_ip(rq->sess->user_id, rq->sess->role, rq->ip, action, object_type,
			    object_id, detail);
}

/*
 * sf_health: the liveness probe for nginx upstream checks and monitoring.
 */
#include "sf.h"

#include "log.h"

/*
 * ROUTE: GET /healthz      TEMPLATE: none (text/plain)
 * PARAMS: none
 * Answers "ok" when this worker can reach MariaDB, 503 when it cannot.
 */
int
sf_health_check(struct req *rq, struct resp *rs)
{
	(void)rq;
	rs->cache = RESP_NO_STORE;
	if (db_ping() != 0) {
		log_warn("sf.health", "msg=%s", log_quote("database unreachable"));
		rs->message = "The database is not reachable.";
		return 503;
	}
	rs->content_type = "text/plain; charset=utf-8";
	buf_adds(&rs->body, "ok\n");
	return 200;
}

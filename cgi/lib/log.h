/*
 * log: one line per event on stderr, as key=value pairs:
 *   ts=2026-11-22T21:40:00Z level=error prog=storefront pid=123 rid=ab12 event=db.query msg="..."
 * The request id is the worker's current log context, set by the dispatcher
 * for the duration of one request (the only per-request value kept outside the
 * request, because every module logs and only the dispatcher knows the id).
 */
#ifndef BAZAAR_LOG_H
#define BAZAAR_LOG_H

#ifdef __cplusplus
extern "C" {
#endif

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_init(const char *program);
void log_set_level(enum log_level min);
/* The level a BAZAAR_LOG_LEVEL value names ("debug", "info", "warn",
 * "error"); anything else is LOG_INFO. */
enum log_level log_level_named(const char *name);
void log_set_request(const char *request_id);	/* NULL clears */
/* event is a dotted name (db.connect, http.request); fmt adds key=value pairs. */
void log_event(enum log_level lvl, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define log_info(ev, ...)  log_event(LOG_INFO, ev, __VA_ARGS__)
#define log_warn(ev, ...)  log_event(LOG_WARN, ev, __VA_ARGS__)
#define log_error(ev, ...) log_event(LOG_ERROR, ev, __VA_ARGS__)
/* Quotes a value for a key=value line (into a static ring of buffers). */
const char *log_quote(const char *s);

#ifdef __cplusplus
}
#endif
#endif

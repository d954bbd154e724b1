/*
 * log: key=value lines on stderr (see log.h). One write(2) per line so lines
 * from several workers sharing the file never interleave.
 */
#include "log.h"
#include "buf.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_program = "bazaar";
static enum log_level log_min = LOG_INFO;
static char log_request[24];

static const char *const log_names[] = { "debug", "info", "warn", "error" };

void
log_init(const char *program)
{
	log_program = program;
}

void
log_set_level(enum log_level min)
{
	log_min = min;
}

enum log_level
log_level_named(const char *name)
{
	if (name == NULL)
		return LOG_INFO;
	return strcmp(name, "debug") == 0 ? LOG_DEBUG :
	       strcmp(name, "warn") == 0 ? LOG_WARN :
	       strcmp(name, "error") == 0 ? LOG_ERROR : LOG_INFO;
}

void
log_set_request(const char *request_id)
{
	if (request_id == NULL)
		log_request[0] = '\0';
	else
		snprintf(log_request, sizeof log_request, "%s", request_id);
}

const char *
log_quote(const char *s)
{
	static char ring[4][512];
	static unsigned next;
	char *out = ring[next++ % 4];
	size_t o = 0;

	if (s == NULL)
		return "-";
	out[o++] = '"';
	/* Room is kept for the longest step (a 4-byte escape) plus "..\"" and NUL. */
	for (; *s && o + 4 + 4 < sizeof ring[0]; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(out + o, 5, "\\x%02x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	if (*s) {
		out[o++] = '.';
		out[o++] = '.';
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

void
log_event(enum log_level lvl, const char *event, const char *fmt, ...)
{
	struct buf line;
	char ts[32];
	struct tm tm;
	time_t now;
	va_list ap;

	if (lvl < log_min)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&line);
	buf_printf(&line, "ts=%s level=%s prog=%s pid=%ld", ts, log_names[lvl],
		   log_program, (long)getpid());
	if (log_request[0])
		buf_printf(&line, " rid=%s", log_request);
	buf_printf(&line, " event=%s", event);
	if (fmt && *fmt) {
		buf_addc(&line, ' ');
		va_start(ap, fmt);
		buf_vprintf(&line, fmt, ap);
		va_end(ap);
	}
	buf_addc(&line, '\n');
	if (write(STDERR_FILENO, line.data, line.len) < 0) {
		/* Nowhere left to report it. */
	}
	buf_free(&line);
}

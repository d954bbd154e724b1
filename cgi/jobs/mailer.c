/*
 * bazaar-mailer: delivers the mail the pages queue in mail_outbox.
 *
 *   bazaar-mailer           run until SIGTERM or SIGINT, looking for due mail
 *                           every BAZAAR_MAILER_INTERVAL ms (1000)
 *   bazaar-mailer --once    deliver what is due now and exit (tests, cron)
 *
 * Delivery: with BAZAAR_SMTP_URL set (smtp://host:port, or smtps://host:465
 * for TLS from the start; smtp:// upgrades with STARTTLS when the server
 * offers it, and insists on it when BAZAAR_SMTP_USER is set, so a password
 * never crosses the network in clear) each message goes to that relay, with
 * BAZAAR_SMTP_USER / BAZAAR_SMTP_PASSWORD when set. Without it, each
 * message is written as an RFC 5322 file "<outbox id>.eml" (mode 0640) into
 * mail_dir() (BAZAAR_MAIL_DIR, else <BAZAAR_VAR>/mail), through a temporary
 * file renamed into place, so a reader never sees half a message; the
 * development site shows that directory at /dev/mail. The sender is
 * BAZAAR_MAIL_FROM ("Bazaar <no-reply@bazaar.example>").
 *
 * A job runner (cgi/lib/job.h). The outbox is a queue of its own (a message
 * is both the content and its delivery state), worked by the runner's queue
 * code like the jobs table (no transaction is held while a message is sent):
 *  - due: status 'queued' and next_attempt_at <= NOW();
 *  - a mailer claims a due row (SELECT ... FOR UPDATE SKIP LOCKED, then
 *    'queued' -> 'sending'); only one of several mailers can win it. While a
 *    row is 'sending', next_attempt_at is the end of the claim (10 minutes): a
 *    row still 'sending' after that belongs to a mailer that died, and is
 *    queued again (counted as an attempt). A message may then go out twice;
 *    none is lost;
 *  - sent: status 'sent', sent_at set;
 *  - failed attempt: attempts + 1, last_error (never a password), and
 *    next_attempt_at 30 s, 1, 2, 4 ... minutes later (at most an hour, plus
 *    up to a fifth of random spread); the 8th failed attempt, or a relay
 *    that refuses the recipient for good (5xx), makes it 'failed' for good.
 * Messages hold addresses and single-use links: a week after a message was
 * sent (or gave up) its row and its .eml file are deleted (the job
 * "mail.expire", scheduled every hour).
 *
 * Settings as for the other programs (environment, BAZAAR_CONFIG; SIGHUP
 * reads them again). Exit status: 0 after a clean stop or a --once run
 * (even if some messages wait for a retry); 1 when the database or the
 * settings are unusable; 2 for bad arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "job.h"
#include "log.h"
#include "mail.h"
#include "mailmsg.h"

#define MAILER_KEEP_DAYS	7	/* then the message is deleted */
#define MAILER_DEFAULT_FROM	"Bazaar <no-reply@bazaar.example>"

static const char mailer_row_sql[] =
	"SELECT to_addr, subject, body, template, headers FROM mail_outbox WHERE id = ?";
/* Messages past their retention: the row and its .eml file go (they hold an
 * address and, often, a one-time link). */
static const char mailer_expire_sql[] =
	"SELECT id FROM mail_outbox WHERE"
	" (status = 'sent' AND sent_at < NOW() - INTERVAL ? DAY) OR"
	" (status = 'failed' AND created_at < NOW() - INTERVAL ? DAY)"
	" LIMIT 1000";

static const char *
mailer_smtp_url(void)
{
	const char *url = cfg_str("BAZAAR_SMTP_URL", NULL);

	return url && *url ? url : NULL;
}

/* The relay's address must be smtp:// or smtps://; anything else is a
 * mistake in the settings, reported without the URL (it may hold a password). */
static int
mailer_smtp_url_ok(const char *url)
{
	return strncmp(url, "smtp://", 7) == 0 || strncmp(url, "smtps://", 8) == 0;
}

static int
mailer_settings_ok(void)
{
	const char *url = mailer_smtp_url();
	char addr[MAILMSG_ADDRESS_MAX + 1];

	if (url && !mailer_smtp_url_ok(url)) {
		log_error("mailer.config", "msg=%s",
			  log_quote("BAZAAR_SMTP_URL must begin with smtp:// or smtps://"));
		return 0;
	}
	if (mailmsg_address_of(cfg_str("BAZAAR_MAIL_FROM", MAILER_DEFAULT_FROM), addr, sizeof addr) == NULL) {
		log_error("mailer.config", "msg=%s",
			  log_quote("BAZAAR_MAIL_FROM must be an address or \"Name <address>\""));
		return 0;
	}
	return 1;
}

/* ---- delivery into files ------------------------------------------------------ */

static int
mailer_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
mailer_deliver_file(long long id, const struct buf *msg, struct job_result *res)
{
	const char *dir = mail_dir();
	char tmp[4200], path[4200];
	int fd;

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		job_fail(res, "cannot create the mail directory: %s", strerror(errno));
		return;
	}
	if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%lld.eml.%ld.tmp", dir, id, (long)getpid()) >= sizeof tmp ||
	    (size_t)snprintf(path, sizeof path, "%s/%lld.eml", dir, id) >= sizeof path) {
		job_fail(res, "the mail directory's path is too long");
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0) {
		job_fail(res, "cannot write in the mail directory: %s", strerror(errno));
		return;
	}
	/* The umask must not take the group's read permission away. */
	if (fchmod(fd, 0640) != 0 || mailer_write_all(fd, msg->data, msg->len) != 0 ||
	    fsync(fd) != 0) {
		job_fail(res, "cannot write the message file: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		job_fail(res, "cannot store the message file: %s", strerror(errno));
		unlink(tmp);
		return;
	}
	res->ok = 1;
}

/* ---- delivery over SMTP --------------------------------------------------------- */

struct mailer_upload {
	const char *data;
	size_t len, off;
};

static size_t
mailer_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct mailer_upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(dst, u->data + u->off, n);
	u->off += n;
	return n;
}

static void
mailer_deliver_smtp(const char *from_addr, const char *to, const struct buf *msg,
		    struct job_result *res)
{
	const char *url = mailer_smtp_url(), *user = cfg_str("BAZAAR_SMTP_USER", NULL);
	const char *password = cfg_str("BAZAAR_SMTP_PASSWORD", NULL);
	struct mailer_upload up = { msg->data, msg->len, 0 };
	struct curl_slist *rcpt = NULL;
	char from_path[MAILMSG_ADDRESS_MAX + 3], to_path[MAILMSG_ADDRESS_MAX + 3];
	char errbuf[CURL_ERROR_SIZE] = "";
	long code = 0, timeout = (long)cfg_int("BAZAAR_SMTP_TIMEOUT", 60);
	CURLcode rc;
	CURL *c;

	if (!mailer_smtp_url_ok(url)) {
		job_fail(res, "BAZAAR_SMTP_URL must begin with smtp:// or smtps://");
		return;
	}
	if ((c = curl_easy_init()) == NULL) {
		job_fail(res, "libcurl could not start");
		return;
	}
	if (timeout < 5 || timeout > 600)
		timeout = 60;
	snprintf(from_path, sizeof from_path, "<%s>", from_addr);
	snprintf(to_path, sizeof to_path, "<%s>", to);
	rcpt = curl_slist_append(NULL, to_path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_path);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mailer_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < 15 ? timeout : 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (user && *user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	} else {
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		res->ok = 1;
	} else {
		/* libcurl's messages name the step and the server's code, never
		 * the credentials. */
		job_fail(res, "smtp: %s%s%s", curl_easy_strerror(rc), errbuf[0] ? ": " : "", errbuf);
		/* The relay refused this recipient for good ("RCPT failed: 550"). */
		res->permanent = code >= 500 && code <= 599 && strncmp(errbuf, "RCPT failed", 11) == 0;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
}

/* ---- the queue ------------------------------------------------------------------ */

/* Delivers one claimed row; the runner records the outcome. */
static void
mailer_send(long long id, long long attempts, void *arg, struct job_result *res)
{
	char from_addr[MAILMSG_ADDRESS_MAX + 1];
	const char *from = cfg_str("BAZAAR_MAIL_FROM", MAILER_DEFAULT_FROM);
	struct db_result *r;
	struct buf msg;
	int via_smtp = mailer_smtp_url() != NULL;

	(void)attempts;
	(void)arg;
	buf_init(&msg);
	if ((r = db_query(mailer_row_sql, "i", id)) == NULL || !db_next(r)) {
		job_fail(res, "the message could not be read: %s", r ? "gone" : db_error());
		db_free(r);
		return;
	}
	job_detail(res, "template=%s via=%s", log_quote(db_str(r, 3)), via_smtp ? "smtp" : "file");
	if (mailmsg_address_of(from, from_addr, sizeof from_addr) == NULL) {
		job_fail(res, "BAZAAR_MAIL_FROM is not an address");
	} else if (mailmsg_format_with(&msg, id, from, db_str(r, 0), db_str(r, 1), db_str(r, 4),
				       db_str(r, 2), time(NULL)) != 0) {
		job_fail(res, "not an acceptable recipient address, subject or header");
		res->permanent = 1;
	} else if (via_smtp) {
		mailer_deliver_smtp(from_addr, db_str(r, 0), &msg, res);
	} else {
		mailer_deliver_file(id, &msg, res);
	}
	if (!res->ok)	/* the log lines of a failure carry no transport */
		job_detail(res, "template=%s", log_quote(db_str(r, 3)));
	db_free(r);
	buf_free(&msg);
}

static const struct job_queue mailer_outbox = {
	.name = "mail",
	.done_event = "sent",
	.due_sql = "SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= NOW())",
	.claim_sql = "SELECT id, attempts FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= NOW()"
		     " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	.start_sql = "UPDATE mail_outbox SET status = 'sending', next_attempt_at = NOW() + INTERVAL ? SECOND"
		     " WHERE id = ?",
	.done_sql = "UPDATE mail_outbox SET status = 'sent', sent_at = NOW(), attempts = attempts + 1,"
		    " last_error = '' WHERE id = ? AND status = 'sending'",
	/* status first: it must see attempts before the increment. */
	.failed_sql = "UPDATE mail_outbox SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
		      " next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, attempts = attempts + 1"
		      " WHERE id = ? AND status = 'sending'",
	.recover_sql = "UPDATE mail_outbox SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
		       " last_error = 'delivery interrupted: the mailer stopped while sending',"
		       " attempts = attempts + 1"
		       " WHERE status = 'sending' AND next_attempt_at <= NOW()",
	.claim_seconds = 600,
	.retry = { 8, 30, 3600 },
	.handle = mailer_send,
};

/* Old bodies hold single-use links that serve nobody any more. */
static void
mailer_expire(const struct job *job, struct job_result *res)
{
	struct db_result *r;
	char path[4096];
	long long n = 0, id;

	(void)job;
	r = db_query(mailer_expire_sql, "ii", (long long)MAILER_KEEP_DAYS, (long long)MAILER_KEEP_DAYS);
	if (r == NULL) {
		job_fail(res, "%s", db_error());
		return;
	}
	while (db_next(r) && !job_stopping()) {
		id = db_int(r, 0);
		if ((size_t)snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), id) < sizeof path &&
		    unlink(path) != 0 && errno != ENOENT)
			log_warn("mail.expire", "id=%lld msg=%s", id, log_quote(strerror(errno)));
		if (db_exec("DELETE FROM mail_outbox WHERE id = ?", "i", id) == 1)
			n++;
	}
	db_free(r);
	if (n > 0)
		log_info("mail.expired", "rows=%lld", n);
	res->ok = 1;
}

static long long
mailer_interval_ms(void)
{
	return cfg_int_in("BAZAAR_MAILER_INTERVAL", 1000, 50, 600000);
}

static long long
mailer_expire_period(void)
{
	return 3600;
}

static const char *
mailer_describe(void)
{
	return mailer_smtp_url() ? "via=smtp" : "via=file";
}

static int
mailer_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("mailer.curl", "msg=%s", log_quote("libcurl failed to initialise"));
		return -1;
	}
	return 0;
}

static const struct job_kind mailer_kinds[] = {
	{ "mail.expire", mailer_expire, JOB_RETRY_DEFAULT },
};

static const struct job_schedule mailer_schedules[] = {
	{ "mail.expire", mailer_expire_period },
};

static const struct job_queue *const mailer_queues[] = { &mailer_outbox };

static const struct job_runner mailer_runner = {
	.name = "mailer",
	.usage = "bazaar-mailer [--once]\n"
		 "  Delivers the queued mail (see docs/configuration.md for the settings).",
	.kinds = mailer_kinds, .nkinds = 1,
	.schedules = mailer_schedules, .nschedules = 1,
	.queues = mailer_queues, .nqueues = 1,
	.interval_ms = mailer_interval_ms,
	.init = mailer_init,
	.settings_ok = mailer_settings_ok,
	.describe = mailer_describe,
	.fini = curl_global_cleanup,
};

int
main(int argc, char **argv)
{
	log_init("mailer");
	return job_runner_main(&mailer_runner, argc, argv);
}

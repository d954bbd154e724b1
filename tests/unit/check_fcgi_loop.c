/*
 * Tests for cgi/lib/fcgi_loop.c: the process model, end to end over a real
 * unix socket with a small FastCGI client — a dead worker is replaced, SIGHUP
 * replaces the workers, SIGTERM lets a request in flight finish.
 */
#include "check_util.h"
#include "fcgi_loop.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char sock_path[100];

static int
h_hello(struct req *rq, struct resp *rs)
{
	(void)rq;
	rs->content_type = "text/plain";
	buf_adds(&rs->body, "hello");
	return 200;
}

static int
h_pid(struct req *rq, struct resp *rs)
{
	(void)rq;
	rs->content_type = "text/plain";
	buf_printf(&rs->body, "pid=%ld", (long)getpid());
	return 200;
}

static int
h_slow(struct req *rq, struct resp *rs)
{
	(void)rq;
	sleep(1);
	rs->content_type = "text/plain";
	buf_adds(&rs->body, "finished");
	return 200;
}

static const struct route routes[] = {
	{ "GET", "/", h_hello, NULL, 0, NULL, NULL },
	{ "GET", "/pid", h_pid, NULL, 0, NULL, NULL },
	{ "GET", "/slow", h_slow, NULL, 0, NULL, NULL },
};
static const struct app test_app = { .name = "fcgi-test", .routes = routes, .nroutes = 3 };

/* --- a minimal FastCGI client -------------------------------------------- */

static void
fcgi_record(struct buf *b, int type, const void *data, size_t len)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1, (unsigned char)(len >> 8),
			       (unsigned char)(len & 255), 0, 0 };
	buf_add(b, h, 8);
	buf_add(b, data, len);
}

static void
fcgi_param(struct buf *p, const char *k, const char *v)
{
	buf_addc(p, (char)strlen(k));
	buf_addc(p, (char)strlen(v));
	buf_adds(p, k);
	buf_adds(p, v);
}

/* Connects, retrying briefly: the socket file appears at bind(), a moment
 * before the master listens on it. */
static int
client_connect(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, i;

	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock_path);
	for (i = 0; i < 50; i++) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
			return fd;
		close(fd);
		usleep(20000);
	}
	return -1;
}

static void
client_write(int fd, const char *uri)
{
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	struct buf b, p;

	buf_init(&b);
	buf_init(&p);
	fcgi_param(&p, "REQUEST_METHOD", "GET");
	fcgi_param(&p, "REQUEST_URI", uri);
	fcgi_param(&p, "QUERY_STRING", "");
	fcgi_record(&b, 1, begin, 8);
	fcgi_record(&b, 4, p.data, p.len);
	fcgi_record(&b, 4, "", 0);
	fcgi_record(&b, 5, "", 0);
	ck_assert_int_eq(write(fd, b.data, b.len), (ssize_t)b.len);
	buf_free(&b);
	buf_free(&p);
}

static int
client_send(const char *uri)
{
	int fd = client_connect();

	if (fd >= 0)
		client_write(fd, uri);
	return fd;
}

/* Reads records until END_REQUEST; returns the STDOUT stream. */
static char *
client_read(int fd)
{
	static char out[65536];
	unsigned char h[8], body[65536 + 256];
	size_t o = 0, len, need, got;
	ssize_t n;

	for (;;) {
		for (got = 0; got < 8; got += (size_t)n)
			if ((n = read(fd, h + got, 8 - got)) <= 0)
				goto done;
		len = (size_t)h[4] << 8 | h[5];
		need = len + h[6];
		for (got = 0; got < need; got += (size_t)n)
			if ((n = read(fd, body + got, need - got)) <= 0)
				goto done;
		if (h[1] == 6 && o + len < sizeof out) {
			memcpy(out + o, body, len);
			o += len;
		}
		if (h[1] == 3)
			break;
	}
done:
	close(fd);
	out[o] = '\0';
	return out;
}

static char *
client_get(const char *uri)
{
	int fd = client_send(uri);

	return fd < 0 ? NULL : client_read(fd);
}

static long
worker_pid(void)
{
	char *out = client_get("/pid");
	char *p = out ? strstr(out, "pid=") : NULL;

	return p ? atol(p + 4) : -1;
}

/* --- the master under test ------------------------------------------------ */

static pid_t master_pid;

/* A failed assertion ends the test process at once: this still takes the
 * master and its workers (one process group) down with it. */
static void
kill_master(void)
{
	if (master_pid > 0)
		kill(-master_pid, SIGKILL);
	unlink(sock_path);
}

static pid_t
start_master(void)
{
	struct stat st;
	pid_t pid;
	int i;

	snprintf(sock_path, sizeof sock_path, "/tmp/bazaar-fcgi-test-%ld.sock", (long)getpid());
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		setenv("BAZAAR_SOCKET", sock_path, 1);
		setenv("BAZAAR_WORKERS", "2", 1);
		setenv("BAZAAR_TEMPLATES", "tests/unit/fixtures/templates", 1);
		setenv("BAZAAR_STATIC_MANIFEST", "/nonexistent", 1);
		setenv("BAZAAR_DB_SOCKET", "/nonexistent/db.sock", 1);
		unsetenv("BAZAAR_MEMCACHED");
		setenv("BAZAAR_LOG_LEVEL", "error", 1);
		_exit(fcgi_loop_main(&test_app, 0, NULL));
	}
	setpgid(pid, pid);
	if (master_pid == 0)
		atexit(kill_master);
	master_pid = pid;
	for (i = 0; i < 100 && stat(sock_path, &st) != 0; i++)
		usleep(50000);
	ck_assert_msg(stat(sock_path, &st) == 0, "socket never appeared");
	ck_assert_int_eq(st.st_mode & 0777, 0660);
	return pid;
}

static int
stop_master(pid_t pid)
{
	int st = -1, i;

	kill(pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			master_pid = -1;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		usleep(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

START_TEST(test_serves)
{
	pid_t m = start_master();
	char *out = client_get("/");

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(out, "Status: 200 OK"));
	ck_assert_ptr_nonnull(strstr(out, "\r\n\r\nhello"));
	out = client_get("/nowhere");
	ck_assert_ptr_nonnull(strstr(out, "Status: 404"));
	ck_assert_int_eq(stop_master(m), 0);
	ck_assert_int_eq(access(sock_path, F_OK), -1);	/* socket removed */
}
END_TEST

/* Worker processes of the master (children), read from /proc. */
static int
count_workers(pid_t master, long except)
{
	char path[64], line[512];
	int n = 0;
	long pid;
	DIR *d = opendir("/proc");
	struct dirent *e;
	FILE *f;

	while (d && (e = readdir(d)) != NULL) {
		if ((pid = atol(e->d_name)) <= 0 || pid == except)
			continue;
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		/* pid (comm) state ppid ...: the comm may hold spaces, so from the last ')' */
		if (fgets(line, sizeof line, f)) {
			char *p = strrchr(line, ')'), state;
			long ppid;

			if (p && sscanf(p + 1, " %c %ld", &state, &ppid) == 2 && ppid == master && state != 'Z')
				n++;
		}
		fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

START_TEST(test_dead_worker_replaced)
{
	pid_t m = start_master();
	long victim = worker_pid();
	int i;

	ck_assert_int_gt(victim, 0);
	for (i = 0; i < 20 && count_workers(m, 0) < 2; i++)
		usleep(100000);
	ck_assert_int_eq(count_workers(m, 0), 2);
	kill((pid_t)victim, SIGKILL);
	ck_assert_int_gt(worker_pid(), 0);	/* the other worker answers meanwhile */
	/* A crash is replaced, after at most a second's pause. */
	for (i = 0; i < 40 && count_workers(m, victim) < 2; i++)
		usleep(100000);
	ck_assert_msg(count_workers(m, victim) == 2, "the killed worker was not replaced");
	ck_assert_int_eq(kill((pid_t)victim, 0), -1);
	ck_assert_int_gt(worker_pid(), 0);
	ck_assert_int_eq(stop_master(m), 0);
}
END_TEST

START_TEST(test_graceful_stop)
{
	pid_t m = start_master();
	int fd;
	char *out;

	fd = client_send("/slow");
	ck_assert_int_ge(fd, 0);
	usleep(200000);		/* the request is now inside a worker */
	kill(m, SIGTERM);
	out = client_read(fd);
	ck_assert_ptr_nonnull(strstr(out, "finished"));
	ck_assert_int_eq(stop_master(m), 0);
}
END_TEST

START_TEST(test_reload_replaces_workers)
{
	pid_t m = start_master();
	long before = worker_pid(), after;
	int i, changed = 0;

	kill(m, SIGHUP);
	usleep(500000);
	for (i = 0; i < 20 && !changed; i++) {
		after = worker_pid();
		ck_assert_int_gt(after, 0);
		if (kill((pid_t)before, 0) != 0)
			changed = 1;
		else
			usleep(100000);
	}
	ck_assert_msg(changed, "old worker still running after SIGHUP");
	ck_assert_int_eq(stop_master(m), 0);
}
END_TEST

/* A reload or stop that arrives after a worker accepted a connection but
 * before the request came in must not lose that request. */
START_TEST(test_signal_before_request_arrives)
{
	pid_t m = start_master();
	int fd = client_connect();
	char *out;

	ck_assert_int_ge(fd, 0);
	usleep(200000);		/* a worker has accepted and waits for the request */
	kill(m, SIGHUP);
	usleep(300000);
	client_write(fd, "/");
	out = client_read(fd);
	ck_assert_ptr_nonnull(strstr(out, "hello"));
	fd = client_connect();
	usleep(200000);
	kill(m, SIGTERM);
	usleep(300000);
	client_write(fd, "/");
	out = client_read(fd);
	ck_assert_ptr_nonnull(strstr(out, "hello"));
	ck_assert_int_eq(stop_master(m), 0);
}
END_TEST

/* A flash message is shown once: its cookie is cleared even when the page
 * is an error page (which starts its headers afresh). */
START_TEST(test_flash_cleared_on_error_page)
{
	char *env[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/nowhere", "HTTP_COOKIE=bz_flash=Saved", NULL };
	char *ok_env[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_COOKIE=bz_flash=Saved", NULL };
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(fcgi_loop_handle(&test_app, env, "", 0, &out), 404);
	ck_assert_ptr_nonnull(strstr(out.data, "Set-Cookie: bz_flash=; Path=/; Max-Age=0"));
	buf_reset(&out);
	ck_assert_int_eq(fcgi_loop_handle(&test_app, ok_env, "", 0, &out), 200);
	ck_assert_ptr_nonnull(strstr(out.data, "Set-Cookie: bz_flash=; Path=/; Max-Age=0"));
	buf_free(&out);
}
END_TEST

static Suite *
check_fcgi_loop_suite(void)
{
	Suite *s = suite_create("fcgi_loop");
	TCase *tc = tcase_create("process");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_serves);
	tcase_add_test(tc, test_dead_worker_replaced);
	tcase_add_test(tc, test_graceful_stop);
	tcase_add_test(tc, test_reload_replaces_workers);
	tcase_add_test(tc, test_signal_before_request_arrives);
	tcase_add_test(tc, test_flash_cleared_on_error_page);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_fcgi_loop_suite)

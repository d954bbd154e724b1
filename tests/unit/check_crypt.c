/*
 * Tests for cgi/lib/crypt.c: sealing and opening personal data, the binding
 * to table, column and row, the key file (created 0600, refused when others
 * may read it), rotation, that no key reaches the log, and opening a sealed
 * column of a query's row (which needs a stack's MariaDB: run it through
 * `make test`, or source a stack's VAR/env).
 * Each test works in its own temporary directory.
 */
#include "check_util.h"
#include "arena.h"
#include "cfg.h"
#include "crypt.h"
#include "db.h"
#include "log.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char path[128];
static char logpath[128];
static int saved_stderr = -1;

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/bazaar-crypt-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/keys/data.key", dir);
	snprintf(logpath, sizeof logpath, "%s/log", dir);
	unsetenv("BAZAAR_KEY_FILE");
}

static void
teardown(void)
{
	char cmd[128];

	crypt_close();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* Sends the log (stderr) to a file until log_stop, which returns its text. */
static void
log_start(void)
{
	int fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static char *
log_stop(void)
{
	static char text[65536];
	FILE *f;
	size_t n;

	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	f = fopen(logpath, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

static char *
read_file(const char *p)
{
	static char text[8192];
	FILE *f = fopen(p, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

static void
write_file(const char *p, const char *text, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	fchmod(fd, mode);
	close(fd);
}

static mode_t
mode_of(const char *p)
{
	struct stat st;

	ck_assert_int_eq(stat(p, &st), 0);
	return st.st_mode & 07777;
}

START_TEST(test_roundtrip)
{
	const char *phone = "+44 20 7946 0000";
	unsigned char *sealed;
	size_t len, plen;
	char *plain;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	ck_assert_uint_eq(crypt_current_key_id(), 1);
	sealed = crypt_seal("users", "phone_enc", 7, phone, strlen(phone), &len);
	ck_assert_ptr_nonnull(sealed);
	ck_assert_uint_eq(len, strlen(phone) + CRYPT_OVERHEAD);
	ck_assert_uint_eq(sealed[0], 1);
	ck_assert_uint_eq(crypt_key_id_of(sealed, len), 1);
	ck_assert_ptr_null(memmem(sealed, len, "7946", 4));
	plain = crypt_open("users", "phone_enc", 7, sealed, len, &plen);
	ck_assert_ptr_nonnull(plain);
	ck_assert_uint_eq(plen, strlen(phone));
	ck_assert_str_eq(plain, phone);
	crypt_free(plain, plen);
	free(sealed);

	/* Empty values and binary values with NUL bytes. */
	sealed = crypt_seal("addresses", "body_enc", 1, "", 0, &len);
	ck_assert_ptr_nonnull(sealed);
	plain = crypt_open("addresses", "body_enc", 1, sealed, len, &plen);
	ck_assert_ptr_nonnull(plain);
	ck_assert_uint_eq(plen, 0);
	ck_assert_str_eq(plain, "");
	crypt_free(plain, plen);
	free(sealed);
	sealed = crypt_seal("addresses", "body_enc", 1, "a\0b", 3, &len);
	plain = crypt_open("addresses", "body_enc", 1, sealed, len, &plen);
	ck_assert_uint_eq(plen, 3);
	ck_assert_int_eq(memcmp(plain, "a\0b", 3), 0);
	crypt_free(plain, plen);
	free(sealed);
	crypt_free(NULL, 0);

	/* Two seals of the same value differ (random nonce). */
	{
		unsigned char *a = crypt_seal("users", "phone_enc", 7, phone, strlen(phone), &len);
		unsigned char *b = crypt_seal("users", "phone_enc", 7, phone, strlen(phone), &len);
		ck_assert_int_ne(memcmp(a, b, len), 0);
		free(a);
		free(b);
	}
}
END_TEST

START_TEST(test_associated_data)
{
	unsigned char *sealed;
	size_t len, plen;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("vendors", "bank_account_enc", 42, "GB33BUKB20201555555555", 22, &len);
	ck_assert_ptr_nonnull(sealed);
	log_start();
	ck_assert_ptr_null(crypt_open("vendors", "bank_account_enc", 43, sealed, len, &plen));	/* row */
	ck_assert_ptr_null(crypt_open("vendors", "bank_holder_enc", 42, sealed, len, &plen));	/* column */
	ck_assert_ptr_null(crypt_open("users", "bank_account_enc", 42, sealed, len, &plen));	/* table */
	ck_assert_ptr_null(crypt_open(NULL, "bank_account_enc", 42, sealed, len, &plen));
	ck_assert_ptr_null(strstr(log_stop(), "GB33"));
	ck_assert_uint_eq(plen, 0);
	free(sealed);
}
END_TEST

START_TEST(test_tampered)
{
	unsigned char *sealed, copy[128];
	size_t len, i, plen;
	char *plain;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("users", "phone_enc", 1, "+1 555 0100", 11, &len);
	ck_assert_ptr_nonnull(sealed);
	log_start();
	/* Every byte but the key id (which names another key): version, nonce,
	 * ciphertext and tag. */
	for (i = 0; i < len; i++) {
		if (i >= 1 && i <= 4)
			continue;
		memcpy(copy, sealed, len);
		copy[i] ^= 0x01;
		plain = crypt_open("users", "phone_enc", 1, copy, len, &plen);
		ck_assert_msg(plain == NULL, "a change of byte %zu still opened", i);
	}
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 1, sealed, len - 1, &plen));	/* cut */
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 1, sealed, CRYPT_OVERHEAD - 1, &plen));
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 1, NULL, 0, &plen));
	log_stop();
	ck_assert_uint_eq(crypt_key_id_of(sealed, 3), 0);
	free(sealed);
}
END_TEST

START_TEST(test_unknown_key_id)
{
	unsigned char *sealed;
	size_t len, plen;
	char *out;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("users", "phone_enc", 1, "+1 555 0100", 11, &len);
	sealed[4] = 99;
	ck_assert_uint_eq(crypt_key_id_of(sealed, len), 99);
	log_start();
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 1, sealed, len, &plen));
	out = log_stop();
	ck_assert_ptr_nonnull(strstr(out, "unknown key id"));
	free(sealed);
}
END_TEST

/* MACs for signed links: the same message and purpose give the same MAC
 * under the same key, any other purpose, message or key another; the key
 * id they name keeps working after a rotation; no key, no MAC. */
START_TEST(test_mac)
{
	unsigned char a[28], b[28], c[28];

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	ck_assert_uint_eq(crypt_mac(0, "link", "42", 2, a, sizeof a), 1);
	ck_assert_uint_eq(crypt_mac(1, "link", "42", 2, b, sizeof b), 1);
	ck_assert_mem_eq(a, b, sizeof a);
	ck_assert_uint_eq(crypt_mac(0, "other", "42", 2, c, sizeof c), 1);
	ck_assert(memcmp(a, c, sizeof a) != 0);
	ck_assert_uint_eq(crypt_mac(0, "link", "43", 2, c, sizeof c), 1);
	ck_assert(memcmp(a, c, sizeof a) != 0);
	/* the purpose and the message are kept apart: "link"+"42" is not "link4"+"2" */
	ck_assert_uint_eq(crypt_mac(0, "link4", "2", 1, c, sizeof c), 1);
	ck_assert(memcmp(a, c, sizeof a) != 0);
	ck_assert_uint_eq(crypt_mac(0, "link", "42", 2, c, 8), 0);	/* too short a MAC */
	ck_assert_uint_eq(crypt_mac(99, "link", "42", 2, c, sizeof c), 0);
	ck_assert_uint_eq(crypt_add_key(), 2);
	ck_assert_uint_eq(crypt_mac(0, "link", "42", 2, c, sizeof c), 2);
	ck_assert(memcmp(a, c, sizeof a) != 0);
	ck_assert_uint_eq(crypt_mac(1, "link", "42", 2, b, sizeof b), 1);
	ck_assert_mem_eq(a, b, sizeof a);
	crypt_close();
	ck_assert_uint_eq(crypt_mac(0, "link", "42", 2, c, sizeof c), 0);
}
END_TEST

START_TEST(test_key_file_mode)
{
	char keydir[128], *out;

	/* This umask would make the directory and the file read-only: they are
	 * still 0700 and 0600. */
	snprintf(keydir, sizeof keydir, "%s/keys", dir);
	umask(0277);
	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	umask(022);
	ck_assert_uint_eq(mode_of(keydir), 0700);
	ck_assert_uint_eq(mode_of(path), 0600);
	crypt_close();
	ck_assert_uint_eq(crypt_current_key_id(), 0);

	chmod(path, 0644);
	log_start();
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	ck_assert_int_eq(crypt_init_file(path, 1), -1);
	chmod(path, 0640);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	out = log_stop();
	ck_assert_ptr_nonnull(strstr(out, "chmod 600"));
	ck_assert_uint_eq(crypt_current_key_id(), 0);
	chmod(path, 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), 0);

	/* Not there and not to be made. */
	crypt_close();
	unlink(path);
	log_start();
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	log_stop();
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(test_key_file_format)
{
	char keydir[128];

	snprintf(keydir, sizeof keydir, "%s/keys", dir);
	mkdir(keydir, 0700);
	write_file(path, "# made by hand\n\n3 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
			 "7 ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n", 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), 0);
	ck_assert_uint_eq(crypt_current_key_id(), 7);	/* the last line seals */

	log_start();
	write_file(path, "1 0001\n", 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	write_file(path, "0 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n", 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	write_file(path, "2 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
			 "2 ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100\n", 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	write_file(path, "# nothing\n", 0600);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	log_stop();
	/* A file that failed to load leaves the keys in hand. */
	ck_assert_uint_eq(crypt_current_key_id(), 7);
}
END_TEST

START_TEST(test_init_from_config)
{
	char var[128], want[160], got[160];

	snprintf(var, sizeof var, "%s", dir);
	setenv("BAZAAR_VAR", var, 1);
	ck_assert_int_eq(crypt_init(), 0);
	snprintf(want, sizeof want, "%s/keys/data.key", dir);
	ck_assert_int_eq(access(want, R_OK), 0);
	ck_assert_str_eq(crypt_key_path(got, sizeof got), want);
	ck_assert_ptr_null(crypt_key_path(got, 8));	/* too long for the room given */
	crypt_close();
	snprintf(want, sizeof want, "%s/other.key", dir);
	setenv("BAZAAR_KEY_FILE", want, 1);
	ck_assert_str_eq(crypt_key_path(got, sizeof got), want);
	ck_assert_int_eq(crypt_init(), 0);
	ck_assert_int_eq(access(want, R_OK), 0);
	unsetenv("BAZAAR_KEY_FILE");
	unsetenv("BAZAAR_VAR");
}
END_TEST

START_TEST(test_rotation)
{
	unsigned char *old, *fresh;
	size_t oldlen, freshlen, plen;
	char *plain, *text;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	old = crypt_seal("users", "totp_secret_enc", 5, "secret-one", 10, &oldlen);
	ck_assert_uint_eq(crypt_add_key(), 2);
	ck_assert_uint_eq(crypt_current_key_id(), 2);
	ck_assert_uint_eq(mode_of(path), 0600);
	{
		unsigned ids[4] = { 0 };
		char keydir[128];
		struct dirent *e;
		DIR *d;
		int files = 0;

		ck_assert_uint_eq(crypt_key_ids(ids, 4), 2);
		ck_assert_uint_eq(ids[0], 1);
		ck_assert_uint_eq(ids[1], 2);
		ck_assert_uint_eq(crypt_key_ids(ids, 1), 2);
		/* No temporary file is left beside the key file. */
		snprintf(keydir, sizeof keydir, "%s/keys", dir);
		ck_assert_ptr_nonnull(d = opendir(keydir));
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				files++;
		closedir(d);
		ck_assert_int_eq(files, 1);
	}
	text = read_file(path);
	ck_assert_int_eq(strncmp(text, "1 ", 2), 0);
	ck_assert_ptr_nonnull(strstr(text, "\n2 "));

	plain = crypt_open("users", "totp_secret_enc", 5, old, oldlen, &plen);	/* old still opens */
	ck_assert_ptr_nonnull(plain);
	ck_assert_str_eq(plain, "secret-one");
	crypt_free(plain, plen);
	fresh = crypt_seal("users", "totp_secret_enc", 5, "secret-one", 10, &freshlen);
	ck_assert_uint_eq(crypt_key_id_of(fresh, freshlen), 2);

	/* A fresh start reads both keys. */
	crypt_close();
	ck_assert_int_eq(crypt_init_file(path, 0), 0);
	ck_assert_uint_eq(crypt_current_key_id(), 2);
	plain = crypt_open("users", "totp_secret_enc", 5, old, oldlen, &plen);
	ck_assert_ptr_nonnull(plain);
	crypt_free(plain, plen);
	plain = crypt_open("users", "totp_secret_enc", 5, fresh, freshlen, &plen);
	ck_assert_ptr_nonnull(plain);
	crypt_free(plain, plen);
	free(old);
	free(fresh);
}
END_TEST

/* A rotation made by another process (bazaar-keys) is seen by a running one
 * without a restart: new seals use the new key, its values open. */
START_TEST(test_rotation_by_another_process)
{
	unsigned char *sealed;
	size_t len, plen;
	char *plain;
	pid_t pid;
	int status;

	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		unsigned char *v;
		size_t n;
		int fd;
		if (crypt_add_key() != 2)
			_exit(1);
		v = crypt_seal("addresses", "body_enc", 9, "Home", 4, &n);
		fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (v == NULL || fd < 0 || write(fd, v, n) != (ssize_t)n)
			_exit(1);
		close(fd);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_uint_eq(crypt_current_key_id(), 1);	/* not looked at yet */

	/* Opening a value of the new key re-reads the file. */
	{
		unsigned char v[64];
		int fd = open(logpath, O_RDONLY);
		ssize_t n = read(fd, v, sizeof v);
		close(fd);
		ck_assert_int_gt(n, 0);
		plain = crypt_open("addresses", "body_enc", 9, v, (size_t)n, &plen);
		ck_assert_ptr_nonnull(plain);
		ck_assert_str_eq(plain, "Home");
		crypt_free(plain, plen);
	}
	/* And sealing notices the change too. */
	crypt_close();
	ck_assert_int_eq(crypt_init_file(path, 0), 0);
	pid = fork();
	if (pid == 0)
		_exit(crypt_add_key() == 3 ? 0 : 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	sealed = crypt_seal("users", "phone_enc", 1, "x", 1, &len);
	ck_assert_uint_eq(crypt_key_id_of(sealed, len), 3);
	free(sealed);
}
END_TEST

START_TEST(test_no_key_material_in_log)
{
	unsigned char *sealed;
	size_t len, plen;
	char *out, *text, keys[2][65];
	const char *p;
	int i;

	log_set_level(LOG_DEBUG);
	log_start();
	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("users", "phone_enc", 3, "+1 555 0199", 11, &len);
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 4, sealed, len, &plen));
	ck_assert_uint_eq(crypt_add_key(), 2);
	sealed[10] ^= 1;
	ck_assert_ptr_null(crypt_open("users", "phone_enc", 3, sealed, len, &plen));
	chmod(path, 0644);
	ck_assert_int_eq(crypt_init_file(path, 0), -1);
	chmod(path, 0600);
	out = log_stop();
	free(sealed);

	ck_assert_ptr_nonnull(strstr(out, "event=crypt."));	/* the log did get lines */
	text = read_file(path);
	for (i = 0, p = text; i < 2; i++) {
		p = strchr(p, ' ') + 1;
		memcpy(keys[i], p, 64);
		keys[i][64] = '\0';
		p += 64;
		/* Not the key, nor any 16-character piece of it. */
		for (int at = 0; at + 16 <= 64; at += 8) {
			char piece[17];
			memcpy(piece, keys[i] + at, 16);
			piece[16] = '\0';
			ck_assert_msg(strstr(out, piece) == NULL, "key material in the log");
		}
	}
	ck_assert_ptr_null(strstr(out, "555 0199"));
}
END_TEST

START_TEST(test_not_initialised)
{
	size_t len = 99;

	crypt_close();
	ck_assert_uint_eq(crypt_current_key_id(), 0);
	log_start();
	ck_assert_ptr_null(crypt_seal("users", "phone_enc", 1, "x", 1, &len));
	ck_assert_uint_eq(crypt_add_key(), 0);
	log_stop();
	ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(test_open_text)
{
	struct arena a;
	unsigned char *sealed;
	size_t len;
	const char *text;

	arena_init(&a);
	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("users", "phone_enc", 5, "+1 555 0100", 11, &len);
	ck_assert_ptr_nonnull(sealed);
	text = crypt_open_text(&a, "users", "phone_enc", 5, sealed, len);
	ck_assert_ptr_nonnull(text);
	ck_assert_str_eq(text, "+1 555 0100");
	/* absent, or sealed for another row: NULL, and the log names no data */
	ck_assert_ptr_null(crypt_open_text(&a, "users", "phone_enc", 5, NULL, 0));
	ck_assert_ptr_null(crypt_open_text(&a, "users", "phone_enc", 5, sealed, 0));
	log_start();
	ck_assert_ptr_null(crypt_open_text(&a, "users", "phone_enc", 6, sealed, len));
	ck_assert_ptr_null(strstr(log_stop(), "555"));
	free(sealed);
	arena_free(&a);
}
END_TEST

/* The one opener of a sealed column: the value; "" for NULL or empty; the
 * caller's fallback for a value that does not open, logged without it. */
START_TEST(test_open_column)
{
	const char *socket = getenv("BAZAAR_DB_SOCKET");
	struct db_result *r;
	struct arena a;
	unsigned char *sealed;
	size_t len;

	ck_assert_msg(socket != NULL && *socket, "BAZAAR_DB_SOCKET is not set: this test needs a stack's MariaDB");
	ck_assert_int_eq(db_connect(), 0);
	arena_init(&a);
	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	sealed = crypt_seal("users", "phone_enc", 5, "+1 555 0100", 11, &len);
	ck_assert_ptr_nonnull(sealed);
	r = db_query("SELECT ?, NULL, ''", "b", sealed, len);
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_str_eq(crypt_open_column(&a, "users", "phone_enc", 5, r, 0, "?"), "+1 555 0100");
	ck_assert_str_eq(crypt_open_column(&a, "users", "phone_enc", 5, r, 1, "?"), "");
	ck_assert_str_eq(crypt_open_column(&a, "users", "phone_enc", 5, r, 2, "?"), "");
	log_start();
	ck_assert_str_eq(crypt_open_column(&a, "users", "phone_enc", 6, r, 0, "(cannot be opened)"),
			 "(cannot be opened)");
	ck_assert_ptr_null(strstr(log_stop(), "555"));
	db_free(r);
	free(sealed);
	arena_free(&a);
	db_close();
}
END_TEST

static Suite *
crypt_suite(void)
{
	Suite *s = suite_create("crypt");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_associated_data);
	tcase_add_test(tc, test_tampered);
	tcase_add_test(tc, test_unknown_key_id);
	tcase_add_test(tc, test_key_file_mode);
	tcase_add_test(tc, test_key_file_format);
	tcase_add_test(tc, test_init_from_config);
	tcase_add_test(tc, test_rotation);
	tcase_add_test(tc, test_rotation_by_another_process);
	tcase_add_test(tc, test_no_key_material_in_log);
	tcase_add_test(tc, test_not_initialised);
	tcase_add_test(tc, test_mac);
	tcase_add_test(tc, test_open_text);
	tcase_add_test(tc, test_open_column);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(crypt_suite)

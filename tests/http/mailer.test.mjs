// The mailer (build/bin/bazaar-mailer) against the stack's database: rows
// put into mail_outbox are delivered as .eml files when no SMTP relay is
// set, to an SMTP server otherwise (tests/lib/smtp.mjs), retried after a
// temporary failure, given up after a permanent one, recovered when a mailer
// died while sending; old messages are deleted with their files; the long-running mode stops
// cleanly on SIGTERM.
//
// The stack's own mailer would race these runs for the rows, so it is
// paused (SIGSTOP) while this file runs and resumed at the end.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { env, sleep, sql, sqlRow } from '../lib/stack.mjs';
import { parseMessage, startSmtp } from '../lib/smtp.mjs';

const ROOT = process.env.BAZAAR_ROOT || new URL('../..', import.meta.url).pathname;
const binDir = process.env.BAZAAR_BIN_DIR || 'build/bin';
const MAILER = join(isAbsolute(binDir) ? binDir : join(ROOT, binDir), 'bazaar-mailer');
const DOMAIN = 'mailer-test.example';

let smtp;
let mailDir;
let pausedPid = null;

// ---- helpers -------------------------------------------------------------------

/** The PID of the stack's mailer when it runs, else null. */
function stackMailerPid() {
	const file = join(env('BAZAAR_VAR'), 'run', 'mailer.pid');
	if (!existsSync(file)) return null;
	const pid = Number(readFileSync(file, 'utf8').trim());
	if (!Number.isSafeInteger(pid) || pid <= 1) return null;
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'bazaar-mailer' ? pid : null;
	} catch {
		return null;
	}
}

/** Waits until the process is stopped (state T in /proc). */
async function waitStopped(pid) {
	for (let i = 0; i < 50; i++) {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		if (/\) T /.test(stat)) return;
		await sleep(20);
	}
	throw new Error(`the stack's mailer (pid ${pid}) did not stop`);
}

/** Runs `bazaar-mailer --once` with the stack's settings plus extra. */
function runOnce(extra = {}) {
	const childEnv = {
		...process.env,
		BAZAAR_MAIL_DIR: mailDir,
		BAZAAR_SMTP_URL: '',
		BAZAAR_MAIL_FROM: `Bazaar Test <no-reply@${DOMAIN}>`,
		BAZAAR_LOG_LEVEL: 'info',
		...extra,
	};
	return new Promise((resolve) => {
		execFile(MAILER, ['--once'], { env: childEnv, timeout: 60000 }, (err, stdout, stderr) => {
			resolve({ code: err ? err.code : 0, stderr });
		});
	});
}

/** Inserts a row with constant SQL (ending in SELECT LAST_INSERT_ID() AS id). */
function insert(query) {
	const id = Number(sqlRow(query).id);
	assert.ok(id > 0, 'the row was inserted');
	return id;
}

function row(id) {
	return sqlRow(`
		SELECT status, attempts, last_error, body, sent_at,
		       next_attempt_at > NOW() AS later,
		       TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at) AS wait
		  FROM mail_outbox WHERE id = @p1`, [id]);
}

/** Decodes quoted-printable text into a UTF-8 string. */
function decodeQP(text) {
	const bytes = [];
	const s = text.replace(/=\r?\n/g, '');
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
			bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(s[i], 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (UTF-8, base64) of a header value. */
function decodeWords(value) {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** The text of a message's body, decoded from its transfer encoding. */
function bodyText(msg) {
	const cte = (msg.headers['content-transfer-encoding'] || '').toLowerCase();
	const body = cte === 'quoted-printable' ? decodeQP(msg.body) : msg.body;
	return body.replace(/\r\n/g, '\n');
}

// ---- setup -------------------------------------------------------------------------

before(async () => {
	assert.ok(existsSync(MAILER), `${MAILER} is not built (make all)`);
	pausedPid = stackMailerPid();
	if (pausedPid) {
		// Resumed in after(), or here if this process ends before that.
		process.on('exit', () => {
			try { process.kill(pausedPid, 'SIGCONT'); } catch { /* gone */ }
		});
		process.kill(pausedPid, 'SIGSTOP');
		await waitStopped(pausedPid);
	}
	mailDir = mkdtempSync(join(tmpdir(), 'bazaar-mailer-test-'));
	smtp = await startSmtp();
	// Mail other tests left due goes out now, not into this file's checks.
	const drain = await runOnce({ BAZAAR_MAIL_DIR: join(mailDir, 'drain') });
	assert.equal(drain.code, 0, drain.stderr);
});

after(async () => {
	try {
		sql(`DELETE FROM mail_outbox WHERE to_addr LIKE '%@${DOMAIN}'`);
	} finally {
		if (pausedPid) process.kill(pausedPid, 'SIGCONT');
		if (smtp) await smtp.close();
		if (mailDir) rmSync(mailDir, { recursive: true, force: true });
	}
});

// ---- tests ---------------------------------------------------------------------------

describe('bazaar-mailer', () => {
	test('without a relay a due message becomes <id>.eml with the right headers and body', async () => {
		const id = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template)
			VALUES ('file@${DOMAIN}', 'Bestätigen Sie Ihre Adresse — Bazaar',
			        'Hello O''Brien,\\n\\nOpen https://shop.example/verify?token=abc_DEF&x=1 now.\\nCode: 042917\\n',
			        'verify_email');
			SELECT LAST_INSERT_ID() AS id;`);
		const run = await runOnce();
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, new RegExp(`event=mail.sent id=${id} template="verify_email" via=file`));

		const file = join(mailDir, `${id}.eml`);
		assert.ok(existsSync(file), `${file} was written`);
		assert.equal(statSync(file).mode & 0o777, 0o640, 'mode 0640');
		assert.deepEqual(readdirSync(mailDir).filter((f) => f.includes(`${id}.eml`) && f !== `${id}.eml`), [],
			'no temporary file left');
		const text = readFileSync(file, 'utf8');
		assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
		const msg = parseMessage(text);
		const h = msg.headers;
		assert.match(h.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		assert.equal(h.from, `Bazaar Test <no-reply@${DOMAIN}>`);
		assert.equal(h.to, `file@${DOMAIN}`);
		assert.match(h.subject, /^=\?UTF-8\?B\?/, 'a non-ASCII subject is encoded');
		assert.equal(decodeWords(h.subject), 'Bestätigen Sie Ihre Adresse — Bazaar');
		assert.match(h['message-id'], new RegExp(`^<bazaar\\.${id}\\.[0-9a-f]{16}@${DOMAIN.replace('.', '\\.')}>$`));
		assert.equal(h['mime-version'], '1.0');
		assert.equal(h['content-type'], 'text/plain; charset=utf-8');
		assert.match(h['content-transfer-encoding'], /^(7bit|8bit|quoted-printable)$/);
		assert.equal(bodyText(msg),
			"Hello O'Brien,\n\nOpen https://shop.example/verify?token=abc_DEF&x=1 now.\nCode: 042917\n");

		const r = row(id);
		assert.equal(r.status, 'sent');
		assert.equal(Number(r.attempts), 1);
		assert.ok(r.sent_at, 'sent_at is set');
		assert.equal(r.last_error, '');
	});

	test('with BAZAAR_SMTP_URL the message goes to the relay', async () => {
		const id = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template)
			VALUES ('smtp@${DOMAIN}', 'Reset your password',
			        'Open https://shop.example/reset/new?token=Zz9\\n.\\nA line with a dot above.\\n', 'reset_password');
			SELECT LAST_INSERT_ID() AS id;`);
		const run = await runOnce({ BAZAAR_SMTP_URL: smtp.url });
		assert.equal(run.code, 0, run.stderr);
		const msg = await smtp.waitFor((m) => m.rcpt.includes(`smtp@${DOMAIN}`));
		assert.equal(msg.from, `no-reply@${DOMAIN}`);
		assert.deepEqual(msg.rcpt, [`smtp@${DOMAIN}`]);
		assert.equal(msg.headers.subject, 'Reset your password');
		assert.equal(msg.headers.to, `smtp@${DOMAIN}`);
		assert.match(msg.headers['message-id'], new RegExp(`^<bazaar\\.${id}\\.`));
		assert.equal(bodyText(msg), 'Open https://shop.example/reset/new?token=Zz9\n.\nA line with a dot above.\n');
		assert.ok(!existsSync(join(mailDir, `${id}.eml`)), 'no file when a relay is set');
		const r = row(id);
		assert.equal(r.status, 'sent');
		assert.equal(Number(r.attempts), 1);
	});

	test('a temporary SMTP failure leaves the row queued for later; a later run delivers it', async () => {
		const to = `later@${DOMAIN}`;
		const id = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template)
			VALUES ('later@${DOMAIN}', 'Try again', 'Second time lucky.\\n', 'verify_email');
			SELECT LAST_INSERT_ID() AS id;`);
		smtp.failNext(1, { code: 451, rcpt: to });
		let run = await runOnce({ BAZAAR_SMTP_URL: smtp.url });
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, new RegExp(`event=mail.retry id=${id} `));
		let r = row(id);
		assert.equal(r.status, 'queued');
		assert.equal(Number(r.attempts), 1);
		assert.equal(r.later, '1', 'next_attempt_at is in the future');
		assert.ok(Number(r.wait) >= 25 && Number(r.wait) <= 40, `first retry after about 30 s, not ${r.wait} s`);
		assert.match(r.last_error, /451/);
		assert.ok(!smtp.messages.some((m) => m.rcpt.includes(to)), 'nothing arrived');

		// Not due yet: another run leaves it alone.
		run = await runOnce({ BAZAAR_SMTP_URL: smtp.url });
		assert.equal(run.code, 0, run.stderr);
		assert.equal(row(id).status, 'queued');

		sql('UPDATE mail_outbox SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE id = @p1', [id]);
		run = await runOnce({ BAZAAR_SMTP_URL: smtp.url });
		assert.equal(run.code, 0, run.stderr);
		const msg = await smtp.waitFor((m) => m.rcpt.includes(to));
		assert.equal(bodyText(msg), 'Second time lucky.\n');
		r = row(id);
		assert.equal(r.status, 'sent');
		assert.equal(Number(r.attempts), 2);
		assert.equal(r.last_error, '');
	});

	test('a recipient refused for good (5xx) fails at once; the 8th failed attempt gives up', async () => {
		const refused = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template)
			VALUES ('nobody@${DOMAIN}', 'Refused', 'x\\n', 'verify_email');
			SELECT LAST_INSERT_ID() AS id;`);
		const tired = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template, attempts)
			VALUES ('tired@${DOMAIN}', 'Last try', 'x\\n', 'verify_email', 7);
			SELECT LAST_INSERT_ID() AS id;`);
		smtp.failNext(1, { code: 550, rcpt: `nobody@${DOMAIN}` });
		smtp.failNext(1, { code: 421, rcpt: `tired@${DOMAIN}` });
		const run = await runOnce({ BAZAAR_SMTP_URL: smtp.url });
		assert.equal(run.code, 0, run.stderr);
		let r = row(refused);
		assert.equal(r.status, 'failed');
		assert.equal(Number(r.attempts), 1);
		assert.match(r.last_error, /550/);
		r = row(tired);
		assert.equal(r.status, 'failed');
		assert.equal(Number(r.attempts), 8);
		assert.match(run.stderr, new RegExp(`level=error .*event=mail.failed id=${refused} `));
	});

	test('an unreachable relay is a temporary failure, and the error names no password', async () => {
		const id = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template)
			VALUES ('down@${DOMAIN}', 'Relay down', 'x\\n', 'verify_email');
			SELECT LAST_INSERT_ID() AS id;`);
		// A port nothing listens on: open a server, note its port, close it.
		const probe = await startSmtp();
		const port = probe.port;
		await probe.close();
		const run = await runOnce({
			BAZAAR_SMTP_URL: `smtp://127.0.0.1:${port}`,
			BAZAAR_SMTP_USER: 'mailer',
			BAZAAR_SMTP_PASSWORD: 'sw0rdfish-secret',
		});
		assert.equal(run.code, 0, run.stderr);
		const r = row(id);
		assert.equal(r.status, 'queued');
		assert.equal(Number(r.attempts), 1);
		assert.ok(r.last_error.length > 0);
		assert.doesNotMatch(r.last_error, /sw0rdfish/);
		assert.doesNotMatch(run.stderr, /sw0rdfish/);
		sql('UPDATE mail_outbox SET status = \'failed\' WHERE id = @p1', [id]);
	});

	test('a row left "sending" by a mailer that died is sent again after its claim lapsed', async () => {
		const id = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template, status, next_attempt_at)
			VALUES ('stuck@${DOMAIN}', 'Stuck', 'Still here.\\n', 'verify_email', 'sending',
			        NOW() - INTERVAL 1 SECOND);
			SELECT LAST_INSERT_ID() AS id;`);
		const fresh = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template, status, next_attempt_at)
			VALUES ('busy@${DOMAIN}', 'Busy', 'Being sent.\\n', 'verify_email', 'sending',
			        NOW() + INTERVAL 5 MINUTE);
			SELECT LAST_INSERT_ID() AS id;`);
		const run = await runOnce();
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /event=mail.recovered rows=1 /);
		const r = row(id);
		assert.equal(r.status, 'sent');
		assert.equal(Number(r.attempts), 2, 'the interrupted attempt counts');
		assert.ok(existsSync(join(mailDir, `${id}.eml`)));
		assert.equal(row(fresh).status, 'sending', 'a claim still running is left alone');
		sql('UPDATE mail_outbox SET status = \'failed\' WHERE id = @p1', [fresh]);
	});

	test('messages sent more than 7 days ago are deleted with their files', async () => {
		const old = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template, status, sent_at, created_at)
			VALUES ('old@${DOMAIN}', 'Old', 'https://shop.example/verify?token=old\\n', 'verify_email', 'sent',
			        NOW() - INTERVAL 8 DAY, NOW() - INTERVAL 8 DAY);
			SELECT LAST_INSERT_ID() AS id;`);
		const recent = insert(`
			INSERT INTO mail_outbox (to_addr, subject, body, template, status, sent_at, created_at)
			VALUES ('recent@${DOMAIN}', 'Recent', 'https://shop.example/verify?token=new\\n', 'verify_email', 'sent',
			        NOW() - INTERVAL 6 DAY, NOW() - INTERVAL 6 DAY);
			SELECT LAST_INSERT_ID() AS id;`);
		writeFileSync(join(mailDir, `${old}.eml`), 'To: old@example.test\r\n\r\nold\r\n');
		writeFileSync(join(mailDir, `${recent}.eml`), 'To: recent@example.test\r\n\r\nrecent\r\n');
		const run = await runOnce();
		assert.equal(run.code, 0, run.stderr);
		assert.equal(sql('SELECT id FROM mail_outbox WHERE id = @p1', [old]).length, 0);
		assert.ok(!existsSync(join(mailDir, `${old}.eml`)), 'the old message file is gone');
		assert.equal(row(recent).body, 'https://shop.example/verify?token=new\n');
		assert.ok(existsSync(join(mailDir, `${recent}.eml`)));
	});

	test('without --once it keeps delivering and stops cleanly on SIGTERM', async () => {
		const child = spawn(MAILER, [], {
			env: {
				...process.env, BAZAAR_MAIL_DIR: mailDir, BAZAAR_SMTP_URL: '', BAZAAR_MAILER_INTERVAL: '100',
				BAZAAR_LOG_LEVEL: 'info',
			},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (d) => { stderr += d; });
		// 'close', not 'exit': the last lines on stderr may arrive after the exit.
		const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
		try {
			await sleep(300);	// running and idle
			const id = insert(`
				INSERT INTO mail_outbox (to_addr, subject, body, template)
				VALUES ('loop@${DOMAIN}', 'While running', 'x\\n', 'verify_email');
				SELECT LAST_INSERT_ID() AS id;`);
			const file = join(mailDir, `${id}.eml`);
			for (let i = 0; i < 50 && row(id).status !== 'sent'; i++) await sleep(100);
			assert.equal(row(id).status, 'sent', 'the running mailer delivered the new row');
			assert.ok(existsSync(file), `${file} was written`);
		} finally {
			child.kill('SIGTERM');
		}
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		const end = await exited;
		clearTimeout(timer);
		assert.deepEqual(end, { code: 0, signal: null }, stderr);
		assert.match(stderr, /event=mailer.stop /);
	});

	test('bad arguments and a bad relay address are refused', async () => {
		const bad = await new Promise((resolve) => {
			execFile(MAILER, ['--twice'], { env: process.env }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
		});
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /usage: bazaar-mailer/);
		const run = await runOnce({ BAZAAR_SMTP_URL: 'http://user:sw0rdfish@relay.example/' });
		assert.equal(run.code, 1);
		assert.match(run.stderr, /BAZAAR_SMTP_URL must begin with smtp:\/\/ or smtps:\/\//);
		assert.doesNotMatch(run.stderr, /sw0rdfish/);
	});
});

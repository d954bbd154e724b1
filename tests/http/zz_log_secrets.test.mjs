// Runs last (file name): after the other suites have signed up, logged in,
// reset passwords and passed second factors, no log of the stack
// (VAR/log: programs, mailer, nginx, MariaDB, memcached) may contain a
// secret: the demo passwords and every password the tests typed (noted in
// VAR/tmp/test-secrets.tsv by tests/lib/accounts.mjs), session cookies and
// form tokens, the data key, the admin's TOTP secret and codes, or the
// tokens and codes of the mails. The file also makes such traffic itself,
// so it means something when run alone.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
	Client, DEMO_PASSWORDS, adminLogin, dataKeySecrets, demoAdmin, demoAdminSecret, findSecretsInLogs,
	logFiles, login, mailCode, mailLink, newPassword, outboxMark, pathOf, rememberedSecrets,
	signupCustomer, waitForMail,
} from '../lib/accounts.mjs';
import { sleep } from '../lib/stack.mjs';

let secrets = [];

before(async () => {
	// A little of everything that handles secrets: sign-up with its mail,
	// verification by link and code, a login, a password reset, an admin
	// sign-in with a TOTP code.
	const mark = outboxMark();
	const { client, email } = await signupCustomer({ name: 'Lena Logcheck' });
	const mail = await waitForMail(email, { after: mark, subject: 'Confirm your email address' });
	const code = mailCode(mail.body);
	await client.form('/verify');
	await client.post('/verify', { code });
	const link = pathOf(mailLink(mail, '/verify'));
	await new Client().get(link);	// a used link, opened anyway
	const mark2 = outboxMark();
	const visitor = new Client();
	await visitor.form('/reset');
	await visitor.post('/reset', { email });
	const reset = await waitForMail(email, { after: mark2, subject: 'Reset your password' });
	const resetLink = pathOf(mailLink(reset, '/reset/new'));
	await visitor.form(resetLink);
	const fresh = newPassword();
	await visitor.post('/reset/new', { token: new URL(resetLink, 'http://x').searchParams.get('token'), password: fresh });
	await login(new Client(), email, fresh);
	await adminLogin(new Client(), demoAdmin());
	// nginx writes its access log at most a second late.
	await sleep(1500);

	secrets = [
		...DEMO_PASSWORDS.map((value) => ({ kind: 'demo-password', value })),
		{ kind: 'totp-secret', value: demoAdminSecret() },
		...dataKeySecrets(),
		...rememberedSecrets(),
	];
});

/** Fails listing where each secret of these kinds was found (masked). */
function assertNoneOf(kinds, what) {
	const mine = secrets.filter((s) => kinds.includes(s.kind));
	assert.ok(mine.length > 0, `no ${what} were noted: nothing to look for`);
	const found = findSecretsInLogs(mine);
	const report = found.map((f) => `  ${f.file}: ${f.kind}\n    ${f.excerpt}`).join('\n');
	assert.equal(found.length, 0, `${found.length} ${what} found in the logs (of ${mine.length} looked for):\n${report}`);
}

describe('the logs hold no secrets', () => {
	test('there are logs to look at', () => {
		const files = logFiles();
		assert.ok(files.some((f) => f.endsWith('/access.log')), `nginx's access log among ${files.join(', ')}`);
		assert.ok(files.some((f) => f.endsWith('/storefront.log')), 'the storefront\'s log');
	});

	test('no password (the demo ones and every one the tests typed)', () => {
		assertNoneOf(['demo-password', 'password'], 'passwords');
	});

	test('no session cookie token', () => {
		assertNoneOf(['session-token'], 'session tokens');
	});

	test('no form (CSRF) token', () => {
		assertNoneOf(['csrf-token'], 'CSRF tokens');
	});

	test('not the data key', () => {
		assertNoneOf(['data-key-hex', 'data-key-base64'], 'data key encodings');
	});

	test('not the admin\'s TOTP secret, nor a code typed', () => {
		assertNoneOf(['totp-secret', 'totp-code'], 'TOTP secrets and codes');
	});

	test('no token or code from a mail (verification, reset, email change, enrolment links)', () => {
		assertNoneOf(['mail-token', 'mail-code'], 'mail tokens and codes');
	});
});

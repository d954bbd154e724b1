// The storefront's account pages through nginx: sign-up, email
// verification, login and logout, sessions, password reset, the account
// pages (profile, password, email address, address book, sessions, data
// download, deletion), CSRF and Origin checks, and who may see what. Every
// change is checked in the database, and so is "nothing changed" after bad
// input or a refused request.
//
// Failed logins are counted per address and per client IP: the failures
// here are made for throwaway accounts from spare loopback addresses.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	Client, DEMO, ORIGIN, assertFieldError, assertRedirect, auditEntries, fieldValue, formFor, login, loginAs,
	mailCode, mailLink, newPassword, outboxMark, outboxTo, pathOf, q, qValue, sessionIds, signupCustomer,
	spareClient, textOf, uniqueEmail, userByEmail, waitForMail,
} from '../lib/accounts.mjs';
import { assertLayout, assertNotShows, assertShows, sqlRow } from '../lib/stack.mjs';

/** The page's <main> as text, for comparing two answers. */
function mainText(html) {
	const m = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(html);
	return textOf(m ? m[1] : html);
}

/** Asserts the session cookie of a response carries the right flags. */
function assertSessionCookie(res, what) {
	const c = res.setCookies.filter((x) => x.name === 'bz_session' && x.value !== '').pop();
	assert.ok(c, `${what}: no bz_session cookie set`);
	assert.match(c.value, /^[A-Za-z0-9_-]{43}$/, `${what}: the session token is 43 base64url characters`);
	assert.equal(c.attrs.httponly, true, `${what}: session cookie not HttpOnly: ${c.raw}`);
	assert.equal(String(c.attrs.samesite).toLowerCase(), 'lax', `${what}: session cookie not SameSite=Lax: ${c.raw}`);
	assert.equal(c.attrs.path, '/', `${what}: session cookie path: ${c.raw}`);
	return c;
}

/** A logged-in client of the same account from a spare address (for wrong passwords). */
function sameSessionElsewhere(client) {
	const other = spareClient();
	other.cookies = new Map(client.cookies);
	other.csrf = client.csrf;
	return other;
}

describe('sign-up', () => {
	test('GET /signup: the form with labels, autocomplete and a CSRF token in a HttpOnly, SameSite=Lax cookie', async () => {
		const client = new Client();
		const res = await client.get('/signup');
		assert.equal(res.status, 200);
		assertLayout(res.text, '/signup');
		const form = formFor(res.text, '/signup');
		assert.ok(form, 'a form posting to /signup');
		assert.equal(form.method, 'post');
		assert.match(form.fields.csrf ?? '', /^[0-9a-f]{64}$/, 'the form carries the csrf token');
		for (const [name, auto] of [['name', 'name'], ['email', 'email'], ['password', 'new-password']]) {
			assert.match(form.html, new RegExp(`<label[^>]*for="${name}"`), `a label for ${name}`);
			assert.match(form.html, new RegExp(`<input[^>]*id="${name}"[^>]*>`), `an input ${name}`);
			const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(form.html)[0];
			assert.match(input, new RegExp(`autocomplete="${auto}"`), `autocomplete="${auto}" on ${name}`);
		}
		const c = res.setCookies.find((x) => x.name === 'bz_csrf');
		assert.ok(c, 'the bz_csrf cookie is set for a visitor without a session');
		assert.equal(c.value, form.fields.csrf, 'the cookie holds the form token');
		assert.equal(c.attrs.httponly, true, 'bz_csrf is HttpOnly');
		assert.equal(String(c.attrs.samesite).toLowerCase(), 'lax', 'bz_csrf is SameSite=Lax');
	});

	test('bad input: 422, each message next to its field, values kept, password not shown, no account', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = 'not-an-address';
		const password = 'short';
		const res = await client.post('/signup', { name: '   ', email, password });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'name', 'Enter your name.');
		assertFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
		assertFieldError(res.text, 'password', 'Use at least 12 characters.');
		assert.equal(fieldValue(res.text, 'email'), email, 'the address typed is kept');
		assert.equal(fieldValue(res.text, 'password'), '', 'the password is never sent back');
		assert.ok(!res.text.includes('value="short"'), 'the password is never sent back');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session'), undefined, 'no session');
		assert.equal(userByEmail(email), null);
	});

	test('a common password and a password equal to the address are refused', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = uniqueEmail();
		let res = await client.post('/signup', { name: 'Common Carl', email, password: 'password1234' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'password', /too common/);
		res = await client.post('/signup', { name: 'Echo Erin', email, password: email });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'password', 'must not be your email address');
		assert.equal(userByEmail(email), null, 'no account');
	});

	test('an address that has an account: 422 with the message, nothing created', async () => {
		const client = new Client();
		await client.form('/signup');
		const count = qValue('SELECT COUNT(*) FROM users');
		const res = await client.post('/signup', { name: 'Copy Cat', email: 'Customer@Demo.Bazaar.Test', password: newPassword() });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'This address already has an account');
		assert.equal(qValue('SELECT COUNT(*) FROM users'), count, 'no new user');
		assert.equal(userByEmail(DEMO.customer.email).name, 'Dana Customer', 'the existing account is untouched');
	});

	test('without the CSRF token: 403 and no account', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = uniqueEmail();
		const res = await client.post('/signup', { name: 'No Token', email, password: newPassword() }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(userByEmail(email), null);
	});

	test('with another site\'s token or Origin: 403 and no account', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = uniqueEmail();
		let res = await client.post('/signup', { name: 'Wrong Token', email, password: newPassword() }, { csrf: 'a'.repeat(64) });
		assert.equal(res.status, 403, 'a token that is not the cookie\'s');
		res = await client.post('/signup', { name: 'Evil Origin', email, password: newPassword() }, { origin: 'http://evil.example' });
		assert.equal(res.status, 403, 'a foreign Origin');
		const otherScheme = ORIGIN.replace(/^http:/, 'https:');
		res = await client.post('/signup', { name: 'Other Scheme', email, password: newPassword() }, { origin: otherScheme });
		assert.equal(res.status, 403, `this host and port under the other scheme (${otherScheme})`);
		res = await client.post('/signup', { name: 'Cross Site', email, password: newPassword() },
			{ headers: { 'Sec-Fetch-Site': 'cross-site' } });
		assert.equal(res.status, 403, 'Sec-Fetch-Site: cross-site');
		assert.equal(userByEmail(email), null);
	});

	test('a POST with the site\'s own Origin header, as every browser sends it, is accepted', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = uniqueEmail();
		const res = await client.post('/signup', { name: 'Origin Olga', email, password: newPassword() },
			{ origin: ORIGIN, headers: { 'Sec-Fetch-Site': 'same-origin' } });
		assert.equal(res.status, 303, `POST /signup with Origin: ${ORIGIN} (Host: ${new URL(ORIGIN).host})`);
		assert.ok(userByEmail(email), 'the account exists');
	});

	test('a new customer: account, session cookie, verification mail with link and code, audit entry', async () => {
		const client = new Client();
		await client.form('/signup');
		const email = uniqueEmail();
		const password = newPassword();
		const mark = outboxMark();
		const res = await client.post('/signup', { name: '  Sam Signup ', email: email.toUpperCase(), password });
		assert.equal(assertRedirect(res, 303, 'POST /signup'), '/verify');
		assertSessionCookie(res, 'POST /signup');
		const user = userByEmail(email);
		assert.ok(user, 'the address is stored in lower case');
		assert.equal(user.name, 'Sam Signup', 'the name is trimmed');
		assert.equal(user.role, 'customer');
		assert.equal(user.status, 'active');
		assert.equal(user.email_verified_at, null, 'not verified yet');
		assert.match(user.password_hash, /^\$argon2id\$/, 'the password is stored as an argon2id hash');
		assert.ok(!user.password_hash.includes(password));
		assert.equal(auditEntries('user.signup', 'user', user.id).length, 1, 'user.signup audited');
		assert.deepEqual(sessionIds(user.id).length, 1, 'one session');

		const page = await client.get('/verify');
		assert.equal(page.status, 200);
		assertShows(page.text, 'Welcome! Your account is created.', 'flash after sign-up');
		assertShows(page.text, 'We sent a mail to', 'the page says where the mail went');
		assertShows(page.text, email, 'the page names the address');
		assertNotShows(page.text, 'Please confirm your email address.', 'and not the layout\'s banner as well');

		const mail = await waitForMail(email, { after: mark, subject: 'Confirm your email address' });
		const link = mailLink(mail, '/verify');
		assert.match(new URL(link).searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/, 'a token in the link');
		assert.match(mailCode(mail.body) ?? '', /^[0-9]{6}$/, 'a 6-digit code in the mail');
		assert.ok(!mail.body.includes(password), 'the mail does not repeat the password');
		const token = q("SELECT purpose, code_hash IS NOT NULL AS has_code, used_at, TIMESTAMPDIFF(HOUR, created_at, expires_at) AS hours FROM user_tokens WHERE user_id = @p1", [user.id]);
		assert.deepEqual(token, [{ purpose: 'verify', has_code: '1', used_at: null, hours: '24' }], 'one verify token, 24 h');
	});
});

describe('email verification', () => {
	test('by code: a wrong code counts, the right one verifies; the link is then used up', async () => {
		const mark = outboxMark();
		const { client, email, user } = await signupCustomer();
		const mail = await waitForMail(email, { after: mark, subject: 'Confirm your email address' });
		const code = mailCode(mail.body);
		const link = mailLink(mail, '/verify');

		let res = await client.form('/verify');
		assert.ok(formFor(res.text, '/verify'), 'the code form');
		const wrong = code === '000000' ? '111111' : '000000';
		res = await client.post('/verify', { code: wrong });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'code', 'That code is wrong. You have 4 tries left.');
		assert.equal(qValue("SELECT code_attempts FROM user_tokens WHERE user_id = @p1 AND purpose = 'verify'", [user.id]), '1');
		assert.equal(userByEmail(email).email_verified_at, null, 'still not verified');

		res = await client.post('/verify', { code: 'abc' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'code', 'Enter the 6-digit code from the mail.');

		res = await client.post('/verify', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
		assert.equal(assertRedirect(res, 303, 'POST /verify with the code'), '/account');
		assert.notEqual(userByEmail(email).email_verified_at, null, 'verified');
		assert.equal(auditEntries('user.verify', 'user', user.id).length, 1, 'user.verify audited');
		assert.notEqual(qValue("SELECT used_at FROM user_tokens WHERE user_id = @p1 AND purpose = 'verify'", [user.id]), null,
			'the token is used');

		res = await new Client().get(pathOf(link));
		assert.equal(res.status, 410, 'the link of a used token no longer works');
		assertShows(res.text, 'Link no longer valid');
	});

	test('by link without a session: GET shows a button (changes nothing), POST verifies once', async () => {
		const mark = outboxMark();
		const { email } = await signupCustomer();
		const mail = await waitForMail(email, { after: mark, subject: 'Confirm your email address' });
		const link = pathOf(mailLink(mail, '/verify'));
		const token = new URL(link, 'http://x').searchParams.get('token');

		const visitor = new Client();
		let res = await visitor.get(link);
		assert.equal(res.status, 200);
		const form = formFor(res.text, '/verify');
		assert.ok(form, 'a form posting to /verify');
		assert.equal(form.fields.token, token, 'the form carries the token');
		assertShows(res.text, email, 'the page names the address');
		assert.equal(userByEmail(email).email_verified_at, null, 'GET changes nothing');

		res = await visitor.post('/verify', { token }, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(userByEmail(email).email_verified_at, null, 'nothing changed');

		res = await visitor.post('/verify', { token });
		assert.equal(assertRedirect(res, 303, 'POST /verify with the token'), '/login');
		assert.notEqual(userByEmail(email).email_verified_at, null, 'verified');

		res = await visitor.post('/verify', { token });
		assert.equal(res.status, 410, 'a link works once');
	});

	test('an unknown link: 410 page; a new mail at most once a minute', async () => {
		const res = await new Client().get('/verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
		assert.equal(res.status, 410);
		assertShows(res.text, 'Link no longer valid');

		const { client, email } = await signupCustomer();
		const mark = outboxMark();
		await client.form('/verify');
		const again = await client.post('/verify/resend', {});
		assert.equal(assertRedirect(again, 303, 'POST /verify/resend'), '/verify');
		const page = await client.get('/verify');
		assertShows(page.text, 'less than a minute ago', 'the flash says to wait');
		assert.deepEqual(outboxTo(email, mark), [], 'no second mail within a minute');
	});
});

describe('login and logout', () => {
	test('GET /login: the form; a logged-in visitor is sent on', async () => {
		const client = new Client();
		const res = await client.form('/login?next=/account/addresses');
		const form = formFor(res.text, '/login');
		assert.ok(form, 'a form posting to /login');
		assert.equal(form.fields.next, '/account/addresses', 'next is carried in the form');
		assert.match(form.html, /<input[^>]*name="password"[^>]*autocomplete="current-password"|<input[^>]*autocomplete="current-password"[^>]*name="password"/,
			'autocomplete="current-password"');
		await login(client, DEMO.customer.email, DEMO.customer.password);
		const again = await client.get('/login');
		assert.equal(assertRedirect(again, 303, 'GET /login when logged in'), '/account');
	});

	test('a demo customer logs in: new session with HttpOnly, SameSite=Lax cookie, sent to next', async () => {
		const client = new Client();
		await client.form('/login');
		const planted = 'P'.repeat(43);
		client.setCookie('bz_session', planted);	// a token planted before login
		const res = await client.post('/login', { email: DEMO.customer.email, password: DEMO.customer.password, next: '/account/sessions' });
		assert.equal(assertRedirect(res, 303, 'POST /login'), '/account/sessions');
		const c = assertSessionCookie(res, 'POST /login');
		assert.notEqual(c.value, planted, 'the planted token is replaced');
		const page = await client.get('/account');
		assert.equal(page.status, 200);
		assertShows(page.text, DEMO.customer.email, '/account');
	});

	test('a new session id at login: the cookie changes and the old token stops working', async () => {
		const { client, email, password, user } = await signupCustomer();
		const first = client.session;
		const firstIds = sessionIds(user.id);
		assert.equal(firstIds.length, 1);
		await client.form('/account');	// the session's form token
		const old = client.clone();
		const res = await client.post('/login', { email, password });
		assertRedirect(res, 303, 'logging in again');
		assert.notEqual(client.session, first, 'a new cookie value');
		const ids = sessionIds(user.id);
		assert.equal(ids.length, 1, 'the old session row is gone');
		assert.notEqual(ids[0], firstIds[0], 'a new session id');
		const replay = await old.get('/account');
		assert.equal(assertRedirect(replay, 303, 'the old token'), '/login?next=%2Faccount');
		const ok = await client.get('/account');
		assert.equal(ok.status, 200);
	});

	test('wrong password and unknown address get the same answer; failures are counted', async () => {
		const { email } = await signupCustomer();
		const client = spareClient();
		await client.form('/login');
		const wrong = newPassword();
		let res = await client.post('/login', { email, password: wrong });
		assert.equal(res.status, 422);
		const a = assertFieldError(res.text, 'email', 'Email or password is wrong.');
		assert.equal(fieldValue(res.text, 'email'), email, 'the address is kept');
		assert.ok(!res.text.includes(wrong), 'the password is not sent back');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session'), undefined, 'no session');
		const unknown = uniqueEmail('nobody');
		res = await client.post('/login', { email: unknown, password: wrong });
		assert.equal(res.status, 422);
		const b = assertFieldError(res.text, 'email');
		assert.equal(b, a, 'the same message for an unknown address');
		assert.equal(qValue('SELECT COUNT(*) FROM login_failures WHERE email = @p1 AND ip = @p2', [email, client.localAddress]), '1');
		assert.equal(qValue('SELECT COUNT(*) FROM login_failures WHERE email = @p1', [unknown]), '1');
	});

	test('empty fields: 422 with both messages', async () => {
		const client = new Client();
		await client.form('/login');
		const res = await client.post('/login', { email: '', password: '' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'Enter your email address.');
		assertFieldError(res.text, 'password', 'Enter your password.');
	});

	test('next must be a local path', async () => {
		const { email, password } = await signupCustomer();
		for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
			const client = new Client();
			await client.form('/login');
			const res = await client.post('/login', { email, password, next });
			assert.equal(assertRedirect(res, 303, `next=${next}`), '/', `next=${next} is not followed`);
		}
	});

	test('an admin logging in at /login is sent to the second factor, and has no admin pages yet', async () => {
		const client = new Client();
		await client.form('/login');
		const res = await client.post('/login', { email: DEMO.admin.email, password: DEMO.admin.password });
		assert.match(assertRedirect(res, 303, 'admin at /login'), /^\/admin\/2fa/);
		const home = await client.get('/admin/');
		assert.match(assertRedirect(home, 303, 'GET /admin/ before the second factor'), /^\/admin\/2fa/);
	});

	test('logout ends the server session: the old cookie is refused afterwards', async () => {
		const { client, user } = await signupCustomer();
		const old = client.clone();
		await client.form('/account');
		let res = await client.post('/logout', {}, { csrf: null });
		assert.equal(res.status, 403, 'logout without the token');
		assert.equal(sessionIds(user.id).length, 1, 'still logged in');
		res = await client.post('/logout', {});
		assert.equal(assertRedirect(res, 303, 'POST /logout'), '/');
		const cleared = res.setCookies.find((c) => c.name === 'bz_session');
		assert.ok(cleared && (cleared.value === '' || cleared.attrs['max-age'] === '0'), 'the cookie is cleared');
		assert.deepEqual(sessionIds(user.id), [], 'the session row is deleted');
		const home = await client.get('/');
		assertShows(home.text, 'You are logged out.', 'the flash after logout');
		res = await old.get('/account');
		assert.equal(assertRedirect(res, 303, 'the old cookie after logout'), '/login?next=%2Faccount');
	});
});

describe('lockout after repeated failures', () => {
	test('10 failures lock the address (even with the right password), with the message and a mail to the owner', async () => {
		const { email, password } = await signupCustomer({ name: 'Locked Lou' });
		const mark = outboxMark();
		// Two addresses, five failures each: neither IP reaches its own limit,
		// the account's address does; nginx allows a burst of 5 per client.
		const clients = [spareClient(), spareClient()];
		for (const c of clients) await c.form('/login');
		let last;
		for (let i = 0; i < 10; i++) {
			const c = clients[i % 2];
			last = await c.post('/login', { email, password: newPassword() });
			assert.equal(last.status, 422, `failure ${i + 1}: ${last.status}`);
		}
		assert.equal(qValue('SELECT COUNT(*) FROM login_failures WHERE email = @p1', [email]), '10');
		const client = new Client();
		await client.form('/login');
		const res = await client.post('/login', { email, password });
		assert.equal(res.status, 429, 'the right password is refused while locked');
		assert.match(mainText(res.text), /\b\d+ minutes?\b/i, 'the page says when to try again');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session'), undefined, 'no session');
		const mail = await waitForMail(email, { after: mark, subject: 'Logging in to your account is paused' });
		assert.match(mail.body, /\/reset/, 'the mail offers a password reset');
		assert.equal(outboxTo(email, mark).length, 1, 'one mail, not one per failure');
	});
});

describe('password reset', () => {
	test('the same page for an unknown and a known address; a mail only for the known one', async () => {
		const { email } = await signupCustomer();
		const unknown = uniqueEmail('nobody');
		const mark = outboxMark();
		const a = new Client();
		await a.form('/reset');
		const known = await a.post('/reset', { email });
		const b = new Client();
		await b.form('/reset');
		const other = await b.post('/reset', { email: unknown });
		assert.equal(known.status, 200);
		assert.equal(other.status, 200);
		assert.equal(mainText(known.text).split(email).join('<email>'), mainText(other.text).split(unknown).join('<email>'),
			'the pages read the same');
		await waitForMail(email, { after: mark, subject: 'Reset your password' });
		assert.deepEqual(outboxTo(unknown, mark), [], 'nothing is sent to an unknown address');
	});

	test('a bad address: 422 next to the field', async () => {
		const client = new Client();
		await client.form('/reset');
		const res = await client.post('/reset', { email: 'nope' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
	});

	test('the link sets a new password once, ends every session and mails the owner', async () => {
		const { client: loggedIn, email, password, user } = await signupCustomer();
		const mark = outboxMark();
		const visitor = new Client();
		await visitor.form('/reset');
		await visitor.post('/reset', { email });
		const mail = await waitForMail(email, { after: mark, subject: 'Reset your password' });
		const link = pathOf(mailLink(mail, '/reset/new'));
		const token = new URL(link, 'http://x').searchParams.get('token');
		assert.equal(qValue("SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM user_tokens WHERE user_id = @p1 AND purpose = 'reset'", [user.id]),
			'60', 'the link works for an hour');

		let res = await visitor.form(link);
		const form = formFor(res.text, '/reset/new');
		assert.ok(form, 'the new-password form');
		assert.equal(form.fields.token, token);

		const hash = userByEmail(email).password_hash;
		res = await visitor.post('/reset/new', { token, password: 'short' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'password', 'Use at least 12 characters.');
		assert.equal(userByEmail(email).password_hash, hash, 'bad input changes nothing');

		res = await visitor.post('/reset/new', { token, password: newPassword() }, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(userByEmail(email).password_hash, hash, 'nothing changed');

		const fresh = newPassword();
		const mark2 = outboxMark();
		res = await visitor.post('/reset/new', { token, password: fresh });
		assert.equal(assertRedirect(res, 303, 'POST /reset/new'), '/login');
		assert.notEqual(userByEmail(email).password_hash, hash, 'the password changed');
		assert.deepEqual(sessionIds(user.id), [], 'every session of the account ended');
		const thrown = await loggedIn.get('/account');
		assert.equal(assertRedirect(thrown, 303, 'the session from before the reset'), '/login?next=%2Faccount');
		assert.equal(auditEntries('user.password_reset', 'user', user.id).length, 1, 'user.password_reset audited');
		await waitForMail(email, { after: mark2, subject: 'Your password was changed' });

		res = await new Client().get(link);
		assert.equal(res.status, 410, 'the link works once');
		res = await visitor.post('/reset/new', { token, password: newPassword() });
		assert.equal(res.status, 410, 'and cannot be posted again');

		await login(new Client(), email, fresh);
		const old = spareClient();
		await old.form('/login');
		res = await old.post('/login', { email, password });
		assert.equal(res.status, 422, 'the old password no longer works');
	});
});

describe('the account pages', () => {
	test('anonymous visitors are sent to the login page with the way back', async () => {
		const client = new Client();
		for (const path of ['/account', '/account/password', '/account/email', '/account/addresses', '/account/sessions',
			'/account/data.json', '/account/delete', '/account/addresses/1']) {
			const res = await client.get(path);
			assert.equal(assertRedirect(res, 303, `GET ${path}`), `/login?next=${encodeURIComponent(path)}`);
		}
		const res = await client.post('/account/profile', { name: 'x' }, { csrf: null });
		assert.equal(res.status, 403, 'POST without a session');
	});

	test('profile: bad input 422 and unchanged; the name and a sealed phone are saved', async () => {
		const { client, email, user } = await signupCustomer({ name: 'Pat Profile' });
		let res = await client.form('/account');
		assertLayout(res.text, '/account');
		assertShows(res.text, email, '/account');
		assertShows(res.text, 'Pat Profile', '/account');

		res = await client.post('/account/profile', { name: '', phone: 'call me' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'name', 'Enter your name.');
		assertFieldError(res.text, 'phone', 'Use only digits, spaces and + ( ) - . in the phone number.');
		assert.equal(fieldValue(res.text, 'phone'), 'call me', 'the value typed is kept');
		let row = userByEmail(email);
		assert.equal(row.name, 'Pat Profile');
		assert.equal(row.has_phone, '0');

		res = await client.post('/account/profile', { name: 'Pat Changed', phone: '+44 20 7946 0958' }, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		res = await client.post('/account/profile', { name: 'Pat Changed', phone: '+44 20 7946 0958' }, { origin: 'https://evil.example' });
		assert.equal(res.status, 403, 'from another Origin');
		assert.equal(userByEmail(email).name, 'Pat Profile', 'nothing changed');

		res = await client.post('/account/profile', { name: 'Pat Changed', phone: '+44 20 7946 0958' });
		assert.equal(assertRedirect(res, 303, 'POST /account/profile'), '/account');
		row = userByEmail(email);
		assert.equal(row.name, 'Pat Changed');
		assert.equal(row.has_phone, '1');
		assert.ok(!row.phone_hex.includes(Buffer.from('7946 0958').toString('hex').toUpperCase()), 'the phone is stored sealed');
		res = await client.get('/account');
		assertShows(res.text, 'Your profile has been saved.');
		assertShows(res.text, '+44 20 7946 0958', 'the phone is shown to its owner');
		assert.equal(Number(user.id), Number(row.id));
	});

	test('password: the current one is checked; a change ends the other sessions and mails the owner', async () => {
		const { client, email, password, user } = await signupCustomer();
		const second = new Client();
		await login(second, email, password);
		assert.equal(sessionIds(user.id).length, 2);
		const hash = userByEmail(email).password_hash;

		const elsewhere = sameSessionElsewhere(client);
		let res = await elsewhere.form('/account/password');
		assert.ok(formFor(res.text, '/account/password'), 'the form');
		res = await elsewhere.post('/account/password', { current_password: newPassword(), password: newPassword() });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'current_password', 'Your current password is wrong.');
		assert.equal(userByEmail(email).password_hash, hash, 'unchanged');

		await client.form('/account/password');
		res = await client.post('/account/password', { current_password: password, password: 'tiny' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'password', 'Use at least 12 characters.');
		assert.equal(userByEmail(email).password_hash, hash, 'unchanged');

		const mark = outboxMark();
		const fresh = newPassword();
		res = await client.post('/account/password', { current_password: password, password: fresh });
		assert.equal(assertRedirect(res, 303, 'POST /account/password'), '/account');
		assert.notEqual(userByEmail(email).password_hash, hash, 'changed');
		assert.equal(sessionIds(user.id).length, 1, 'only this session is left');
		assert.equal((await client.get('/account')).status, 200, 'this session goes on');
		assert.equal(assertRedirect(await second.get('/account'), 303, 'the other session'), '/login?next=%2Faccount');
		assert.equal(auditEntries('user.password_change', 'user', user.id).length, 1, 'audited');
		await waitForMail(email, { after: mark, subject: 'Your password was changed' });
		await login(new Client(), email, fresh);
	});

	test('email address: a link to the new address, a notice to the old one, the change when confirmed', async () => {
		const { client, email, password, user } = await signupCustomer();
		await client.form('/account/email');
		let res = await client.post('/account/email', { email: 'broken@', current_password: password });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
		res = await client.post('/account/email', { email: DEMO.customer.email, current_password: password });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'This address already has an account');
		assert.equal(userByEmail(email).id, user.id, 'unchanged');

		const next = uniqueEmail('new');
		const mark = outboxMark();
		res = await client.post('/account/email', { email: next, current_password: password });
		assert.equal(assertRedirect(res, 303, 'POST /account/email'), '/account');
		assert.equal(userByEmail(email)?.id, user.id, 'the address does not change before the link is opened');
		const confirm = await waitForMail(next, { after: mark, subject: 'Confirm your new email address' });
		await waitForMail(email, { after: mark, subject: 'A new email address was requested for your account' });
		const link = pathOf(mailLink(confirm, '/account/email/confirm'));
		const token = new URL(link, 'http://x').searchParams.get('token');

		res = await client.form(link);
		const form = formFor(res.text, '/account/email/confirm');
		assert.ok(form, 'the confirmation button');
		assertShows(res.text, next);
		res = await client.post('/account/email/confirm', { token }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(userByEmail(next), null, 'nothing changed');
		res = await client.post('/account/email/confirm', { token });
		assert.equal(assertRedirect(res, 303, 'POST /account/email/confirm'), '/account');
		assert.equal(userByEmail(next)?.id, user.id, 'the new address is the account\'s');
		assert.equal(userByEmail(email), null);
		assert.equal(auditEntries('user.email_change', 'user', user.id).length, 1, 'audited');
		res = await client.post('/account/email/confirm', { token });
		assert.equal(res.status, 410, 'the link works once');
	});

	test('address book: add (sealed), change, someone else\'s is a 404, delete with confirmation', async () => {
		const { client, user } = await signupCustomer({ name: 'Ada Address' });
		const { client: other, user: otherUser } = await signupCustomer({ name: 'Otto Other' });
		let res = await client.form('/account/addresses');
		assert.ok(formFor(res.text, '/account/addresses'), 'the add form');

		const count = () => Number(qValue('SELECT COUNT(*) FROM addresses WHERE user_id = @p1', [user.id]));
		res = await client.post('/account/addresses', { label: '', name: 'Ada Address', line1: '', city: 'Berlin', postcode: '10115', country: 'Germany' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'label', 'Give the address a short name');
		assertFieldError(res.text, 'line1', 'Enter the street and house number.');
		assertFieldError(res.text, 'country', 'Enter the two-letter country code');
		assert.equal(fieldValue(res.text, 'city'), 'Berlin', 'values are kept');
		assert.equal(count(), 0, 'nothing saved');

		const street = '221B Baker Street';
		res = await client.post('/account/addresses', { label: 'Home', name: 'Ada Address', line1: street, line2: '', city: 'London', postcode: 'NW1 6XE', country: 'gb', phone: '+44 20 7224 3688' });
		assert.equal(assertRedirect(res, 303, 'POST /account/addresses'), '/account/addresses');
		const row = sqlRow('SELECT id, label, is_default, HEX(body_enc) AS body FROM addresses WHERE user_id = @p1', [user.id]);
		assert.equal(row.label, 'Home');
		assert.equal(row.is_default, '1', 'the first address is the default');
		assert.ok(row.body && !row.body.includes(Buffer.from('Baker').toString('hex').toUpperCase()), 'the address is sealed');
		res = await client.get('/account/addresses');
		assertShows(res.text, street);
		assertShows(res.text, 'GB', 'the country code in capitals');

		const id = Number(row.id);
		res = await client.form(`/account/addresses/${id}`);
		assert.equal(fieldValue(res.text, 'line1'), street);
		res = await client.post(`/account/addresses/${id}`, { label: 'Home', name: 'Ada Address', line1: '', city: 'London', postcode: 'NW1 6XE', country: 'GB' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'line1', 'Enter the street and house number.');
		res = await client.post(`/account/addresses/${id}`, { label: 'Work', name: 'Ada Address', line1: '10 Downing Street', city: 'London', postcode: 'SW1A 2AA', country: 'GB' });
		assert.equal(assertRedirect(res, 303, 'POST /account/addresses/{id}'), '/account/addresses');
		assert.equal(qValue('SELECT label FROM addresses WHERE id = @p1', [id]), 'Work');

		// Someone else's address: 404 everywhere, nothing changed.
		const before = sqlRow('SELECT label, HEX(body_enc) AS body, is_default FROM addresses WHERE id = @p1', [id]);
		await other.form('/account/addresses');
		assert.equal((await other.get(`/account/addresses/${id}`)).status, 404, 'GET another user\'s address');
		assert.equal((await other.post(`/account/addresses/${id}`, { label: 'Hacked', name: 'Otto', line1: 'x', city: 'x', postcode: 'x', country: 'DE' })).status, 404,
			'POST another user\'s address');
		assert.equal((await other.post(`/account/addresses/${id}/delete`, { confirm: '1' })).status, 404, 'delete another user\'s address');
		assert.deepEqual(sqlRow('SELECT label, HEX(body_enc) AS body, is_default FROM addresses WHERE id = @p1', [id]), before, 'unchanged');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM addresses WHERE user_id = @p1', [otherUser.id])), 0);

		res = await client.post(`/account/addresses/${id}/delete`, {}, { csrf: null });
		assert.equal(res.status, 403, 'delete without the CSRF token');
		res = await client.post(`/account/addresses/${id}/delete`, {});
		assert.equal(res.status, 422, 'delete without ticking the box');
		assertShows(res.text, 'Tick the box to confirm that this address should be deleted.');
		assert.equal(count(), 1, 'still there');
		res = await client.post(`/account/addresses/${id}/delete`, { confirm: '1' });
		assert.equal(assertRedirect(res, 303, 'delete with the box ticked'), '/account/addresses');
		assert.equal(count(), 0, 'deleted');
	});

	test('sessions: the list, ending one by id, someone else\'s is a 404, "log out everywhere else"', async () => {
		const { client, email, password, user } = await signupCustomer();
		const phone = new Client({ userAgent: 'PhoneBrowser/1.0' });
		await login(phone, email, password);
		const laptop = new Client({ userAgent: 'LaptopBrowser/2.0' });
		await login(laptop, email, password);
		const ids = sessionIds(user.id);
		assert.equal(ids.length, 3);
		let res = await client.form('/account/sessions');
		assertShows(res.text, 'PhoneBrowser/1.0', 'each session with its browser');
		assertShows(res.text, 'LaptopBrowser/2.0');

		const { client: stranger, user: strangerUser } = await signupCustomer();
		await stranger.form('/account/sessions');
		res = await stranger.post(`/account/sessions/${ids[1]}/end`, {});
		assert.equal(res.status, 404, 'another user\'s session');
		assert.equal(sessionIds(user.id).length, 3, 'not ended');
		assert.equal(sessionIds(strangerUser.id).length, 1, 'the stranger is still logged in');

		res = await client.post(`/account/sessions/${ids[1]}/end`, {}, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(sessionIds(user.id).length, 3);
		res = await client.post(`/account/sessions/${ids[1]}/end`, {});
		assert.equal(assertRedirect(res, 303, 'ending the phone\'s session'), '/account/sessions');
		assert.deepEqual(sessionIds(user.id), [ids[0], ids[2]]);
		assert.equal(assertRedirect(await phone.get('/account'), 303, 'the phone'), '/login?next=%2Faccount');
		assert.equal((await laptop.get('/account')).status, 200, 'the laptop is still in');

		res = await client.post('/account/sessions/end-others', {}, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(sessionIds(user.id).length, 2, 'nothing changed');
		res = await client.post('/account/sessions/end-others', {});
		assert.equal(assertRedirect(res, 303, 'log out everywhere else'), '/account/sessions');
		assert.deepEqual(sessionIds(user.id), [ids[0]], 'only this session is left');
		assert.equal(assertRedirect(await laptop.get('/account'), 303, 'the laptop'), '/login?next=%2Faccount');
		res = await client.get('/account/sessions');
		assert.equal(res.status, 200);
		assertShows(res.text, '1 other session has been logged out.');
	});

	test('data download: JSON of the account with its addresses and no secrets, audited', async () => {
		const { client, email, user } = await signupCustomer({ name: 'Dora Download' });
		await client.form('/account/addresses');
		await client.post('/account/addresses', { label: 'Flat', name: 'Dora Download', line1: '5 Data Lane', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' });
		const res = await client.get('/account/data.json');
		assert.equal(res.status, 200);
		assert.match(res.headers.get('content-type'), /^application\/json/);
		assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
		assert.match(res.headers.get('cache-control') ?? '', /no-store/, 'a personal download is not cached');
		const data = JSON.parse(res.text);
		assert.equal(data.profile.email, email);
		assert.equal(data.profile.name, 'Dora Download');
		assert.equal(data.addresses.length, 1);
		assert.equal(data.addresses[0].line1, '5 Data Lane');
		assert.ok(Array.isArray(data.sessions) && data.sessions.length === 1);
		assert.ok(!/argon2|password_hash|token_hash|code_hash|csrf/i.test(res.text), 'no hashes or tokens in the download');
		assert.ok(!res.text.includes(client.session), 'not the session token');
		assert.equal(auditEntries('user.data_download', 'user', user.id).length, 1, 'audited');
	});

	test('deleting the account: confirmation and password required, then everything personal is gone', async () => {
		const { client, email, password, user } = await signupCustomer({ name: 'Del Eted' });
		await client.form('/account/addresses');
		await client.post('/account/addresses', { label: 'Home', name: 'Del Eted', line1: '1 Gone Road', city: 'Paris', postcode: '75001', country: 'FR' });
		const old = client.clone();
		let res = await client.form('/account/delete');
		assert.ok(formFor(res.text, '/account/delete'), 'the form');

		res = await client.post('/account/delete', { current_password: password });
		assert.equal(res.status, 422, 'without ticking the box');
		assertFieldError(res.text, 'confirm', 'Tick the box to confirm that you understand.');
		const elsewhere = sameSessionElsewhere(client);
		res = await elsewhere.post('/account/delete', { current_password: newPassword(), confirm: '1' });
		assert.equal(res.status, 422, 'with a wrong password');
		assertFieldError(res.text, 'current_password', 'Your current password is wrong.');
		res = await client.post('/account/delete', { current_password: password, confirm: '1' }, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(userByEmail(email)?.status, 'active', 'nothing changed');

		const mark = outboxMark();
		res = await client.post('/account/delete', { current_password: password, confirm: '1' });
		assert.equal(assertRedirect(res, 303, 'POST /account/delete'), '/');
		const row = sqlRow('SELECT email, name, status, password_hash, phone_enc FROM users WHERE id = @p1', [user.id]);
		assert.deepEqual(row, { email: `deleted-${user.id}@invalid`, name: 'Deleted user', status: 'deleted', password_hash: null, phone_enc: null });
		assert.equal(qValue('SELECT COUNT(*) FROM addresses WHERE user_id = @p1', [user.id]), '0');
		assert.deepEqual(sessionIds(user.id), []);
		assert.equal(auditEntries('user.delete', 'user', user.id).length, 1, 'audited');
		await waitForMail(email, { after: mark, subject: 'Your account has been deleted' });
		assert.equal(assertRedirect(await old.get('/account'), 303, 'the old cookie'), '/login?next=%2Faccount');
		const again = spareClient();
		await again.form('/login');
		res = await again.post('/login', { email, password });
		assert.equal(res.status, 422, 'a deleted account cannot log in');
	});

	test('a vendor cannot delete the account here', async () => {
		const client = await loginAs('vendor');
		const page = await client.get('/account/delete');
		assert.equal(page.status, 200);
		assert.equal(formFor(page.text, '/account/delete'), undefined, 'no deletion form for a vendor');
	});
});

describe('development pages', () => {
	test('/dev/mail exists on development and test stacks only', async () => {
		const client = new Client();
		const list = await client.get('/dev/mail');
		const one = await client.get('/dev/mail/1');
		// Developer pages: on development and test stacks (cfg_developer_pages),
		// never in production.
		if (['development', 'test'].includes(process.env.BAZAAR_ENV)) {
			assert.equal(list.status, 200, `BAZAAR_ENV=${process.env.BAZAAR_ENV}: /dev/mail`);
			assert.match(list.headers.get('cache-control') ?? '', /no-store/, 'not cached');
			const newest = qValue('SELECT MAX(id) FROM mail_outbox WHERE status = \'sent\'');
			if (newest) {
				assert.ok(list.text.includes(`/dev/mail/${newest}`), 'lists the newest message');
				const message = await client.get(`/dev/mail/${newest}`);
				assert.equal(message.status, 200);
			}
			assert.equal((await client.get('/dev/mail/999999999')).status, 404, 'an unknown message');
		} else {
			assert.equal(list.status, 404, `BAZAAR_ENV=${process.env.BAZAAR_ENV}: /dev/mail`);
			assert.equal(one.status, 404, `BAZAAR_ENV=${process.env.BAZAAR_ENV}: /dev/mail/1`);
			assertNotShows(list.text, 'demo.bazaar.test', '/dev/mail');
		}
	});
});

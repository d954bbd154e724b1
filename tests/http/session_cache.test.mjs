// The session cache through nginx. The workers keep a session they have read
// for BAZAAR_SESSION_CACHE seconds (the test stack sets 60, so that a change
// nobody was told of would show here instead of hiding in a few seconds).
// After a visitor's session has been read often enough for every worker to
// keep it, logging out, blocking, ending one or the other sessions, a
// password change and a new name each show on the very next request, and on
// every request after it, whichever worker answers.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	Client, adminLogin, assertRedirect, login, newPassword, ownAdmin, sessionIds, signupCustomer,
} from '../lib/accounts.mjs';
import { assertNotShows, assertShows } from '../lib/stack.mjs';

// More than two reads per worker (the test stack runs two), whatever the
// order in which the workers take the connections.
const READS = 8;

/** Cookie header options naming one session token, whatever the jar holds. */
const as = (token) => ({ headers: { Cookie: `bz_session=${token}` } });

/** Reads GET path READS times with token's session, each a 200. */
async function warm(token, path = '/account') {
	const c = new Client();
	for (let i = 0; i < READS; i++) {
		const res = await c.get(path, as(token));
		assert.equal(res.status, 200, `warming GET ${path} with a session (${i + 1}): ${res.status}`);
	}
}

/** GET /account with token, READS times: each must be sent to log in. */
async function assertOutEveryTime(token, what) {
	const c = new Client();
	for (let i = 0; i < READS; i++) {
		const res = await c.get('/account', as(token));
		assert.equal(assertRedirect(res, 303, `${what}, request ${i + 1} after`), '/login?next=%2Faccount');
	}
}

let admin;
before(async () => {
	admin = new Client();
	assert.equal(await adminLogin(admin, await ownAdmin()), '/admin/');
});
after(async () => {
	if (admin?.session) {
		await admin.form('/admin/');
		await admin.post('/admin/logout', {});
	}
});

describe('a kept session never outlives a change', () => {
	test('logout: a copy of the cookie is refused on the very next request', async () => {
		const { client } = await signupCustomer({ name: 'Kept Logout' });
		const token = client.session;
		await warm(token);
		await client.form('/account');
		const res = await client.post('/logout', {});
		assert.equal(assertRedirect(res, 303, 'POST /logout'), '/');
		await assertOutEveryTime(token, 'logout');
	});

	test('block: the very next request is thrown out and told why', async () => {
		const { client, user } = await signupCustomer({ name: 'Kept Blocked' });
		const token = client.session;
		await warm(token);
		const reason = 'Kept sessions must not survive this.';
		await admin.form(`/admin/users/${user.id}`);
		let res = await admin.post(`/admin/users/${user.id}/block`, { reason, confirm: 'yes' });
		assert.equal(assertRedirect(res, 303, 'block'), `/admin/users/${user.id}`);
		const visitor = new Client();
		res = await visitor.get('/account', as(token));
		assert.equal(assertRedirect(res, 303, 'the blocked user\'s next request'), '/login?next=%2Faccount');
		res = await visitor.form('/login?next=%2Faccount');
		assertShows(res.text, `Your account has been blocked: ${reason}`, 'the login page says why');
		assert.deepEqual(sessionIds(user.id), [], 'every session ended');
		await assertOutEveryTime(token, 'block');
	});

	test('"end this session" and "log out everywhere else"', async () => {
		const { client, email, password, user } = await signupCustomer({ name: 'Kept Ended' });
		const phone = new Client();
		await login(phone, email, password);
		const laptop = new Client();
		await login(laptop, email, password);
		const [, phoneId] = sessionIds(user.id);
		await warm(phone.session);
		await warm(laptop.session);

		await client.form('/account/sessions');
		let res = await client.post(`/account/sessions/${phoneId}/end`, {});
		assert.equal(assertRedirect(res, 303, 'ending the phone\'s session'), '/account/sessions');
		await assertOutEveryTime(phone.session, 'the ended session');
		await warm(laptop.session);

		await client.form('/account/sessions');
		res = await client.post('/account/sessions/end-others', {});
		assert.equal(assertRedirect(res, 303, 'log out everywhere else'), '/account/sessions');
		await assertOutEveryTime(laptop.session, 'everywhere else');
		await warm(client.session);
	});

	test('a password change ends the other sessions at once', async () => {
		const { client, email, password } = await signupCustomer({ name: 'Kept Password' });
		const other = new Client();
		await login(other, email, password);
		await warm(other.session);
		await client.form('/account/password');
		const res = await client.post('/account/password', { current_password: password, password: newPassword() });
		assert.equal(assertRedirect(res, 303, 'POST /account/password'), '/account');
		await assertOutEveryTime(other.session, 'password change');
		await warm(client.session);
	});

	test('a new name shows on the next page, in every worker', async () => {
		const { client } = await signupCustomer({ name: 'Kept Oldname' });
		await warm(client.session, '/');
		await client.form('/account');
		const res = await client.post('/account/profile', { name: 'Kept Newname', phone: '' });
		assert.equal(assertRedirect(res, 303, 'POST /account/profile'), '/account');
		const c = new Client();
		for (let i = 0; i < READS; i++) {
			const page = await c.get('/', as(client.session));
			assert.equal(page.status, 200);
			assertShows(page.text, 'Kept Newname', `the header, request ${i + 1} after`);
			assertNotShows(page.text, 'Kept Oldname', `the header, request ${i + 1} after`);
		}
	});
});

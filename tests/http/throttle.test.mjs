// The rate limit of the account forms (nginx zone bz_auth: 10 POSTs a
// minute per client address, burst 5, on /login /signup /reset /reset/new
// /verify /vendor/signup /admin/login /admin/2fa /admin/enrol). 127.0.0.1 is
// exempt (local tools and the other tests): the limited client here speaks
// from 127.0.0.2, which no other test uses.
//
// The POSTs carry no CSRF token, so the program refuses them with 403 before
// any login is tried: no failure is counted for any address.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, qValue } from '../lib/accounts.mjs';
import { assertSecurityHeaders } from '../lib/stack.mjs';

const LIMITED = '127.0.0.2';
const FORMS = ['/login', '/signup', '/reset', '/reset/new', '/verify', '/vendor/signup', '/admin/login', '/admin/2fa', '/admin/enrol'];

const body = { email: 'throttle@example.test', password: 'not a real password' };

describe('the account forms are rate-limited per client address', () => {
	test(`POSTs to /login from ${LIMITED} end in 429 after the burst`, async () => {
		const client = new Client({ localAddress: LIMITED });
		const form = await client.get('/login');
		assert.equal(form.status, 200, 'GET is not limited');
		const statuses = [];
		let limited;
		for (let i = 0; i < 12; i++) {
			const res = await client.post('/login', body, { csrf: null });
			statuses.push(res.status);
			if (res.status === 429) limited = res;
		}
		const passed = statuses.filter((s) => s !== 429);
		assert.ok(passed.every((s) => s === 403), `the POSTs let through are refused by the program (no token): ${statuses}`);
		assert.ok(passed.length <= 7, `at most 1 + a burst of 5 (+1 for a refill) get through: ${statuses}`);
		assert.deepEqual(statuses.slice(-5), [429, 429, 429, 429, 429], `then 429: ${statuses}`);
		assertSecurityHeaders(limited, '429 from nginx');
		assert.equal(limited.headers.get('retry-after'), '6', '429 from nginx says when to try again');
		assert.equal(limited.headers.get('cache-control'), 'no-store');
		assert.match(limited.text, /Too many requests/, 'and says why');
		assert.equal(qValue('SELECT COUNT(*) FROM login_failures WHERE ip = @p1', [LIMITED]), '0', 'no login was tried');
	});

	test('while limited, every account form answers 429 to that address, and only those', async () => {
		const client = new Client({ localAddress: LIMITED });
		await client.get('/login');
		for (let i = 0; i < 8; i++) await client.post('/login', body, { csrf: null });	// (still) over the limit
		for (const path of FORMS) {
			const res = await client.post(path, body, { csrf: null });
			assert.equal(res.status, 429, `POST ${path} from ${LIMITED}`);
			assert.equal(res.headers.get('retry-after'), '6', `POST ${path}: Retry-After`);
		}
		for (const path of ['/logout', '/account/profile', '/vendor/profile']) {
			const res = await client.post(path, body, { csrf: null });
			assert.notEqual(res.status, 429, `POST ${path} is not in the zone`);
			assert.equal(res.status, 403, `POST ${path} without a token`);
		}
		for (const path of FORMS.filter((p) => !p.startsWith('/admin/2fa'))) {
			const res = await client.get(path);
			assert.notEqual(res.status, 429, `GET ${path} is not limited`);
		}
	});

	test('127.0.0.1 is exempt', async () => {
		const client = new Client();
		await client.get('/login');
		for (let i = 0; i < 12; i++) {
			const res = await client.post('/login', body, { csrf: null });
			assert.equal(res.status, 403, `POST ${i + 1} from 127.0.0.1`);
		}
	});
});

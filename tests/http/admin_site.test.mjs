// The admin site (/admin/) through nginx: who may see it, sign-in with a
// password and a TOTP code (each code once), enrolment of a new admin with
// `bazaar-admin create`, vendor verification (checklist, approve, reject),
// blocking and unblocking accounts, the audit log, CSRF and Origin checks.
// Every decision is checked in the database, the audit log and the mail.
//
// The file signs in as an admin of its own (tests/lib/accounts.mjs
// ownAdmin): the helpers read users.totp_last_step so that no code is ever
// used twice. Wrong codes are tried only for an admin this file creates.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	Client, adminLogin, assertFieldError, assertRedirect, auditEntries, createAdmin, enrolAdmin,
	fieldValue, formFor, forms, freshTotp, login, loginAs, mailLink, newPassword, outboxMark, ownAdmin, pathOf, q,
	qValue, secretOnPage, sessionIds, signupCustomer, signupVendor, spareClient, sqlError, textOf, totpCode, totpStep,
	uniqueEmail, userByEmail, waitForMail,
} from '../lib/accounts.mjs';
import { assertLayout, assertNotShows, assertShows, h1, sql, sqlRow } from '../lib/stack.mjs';

// The admin site's header: no shop search box (its pages assert there is none).
const ADMIN_HEADER = { search: false };
const ITEMS = ['registration', 'tax_id', 'address', 'contact', 'bank_holder', 'prohibited'];

let admin;		// an admin of this file's own, second factor passed
let adminUser;		// { id, email, ... } of that admin
before(async () => {
	adminUser = await ownAdmin();
	admin = new Client();
	const landed = await adminLogin(admin, adminUser);
	assert.equal(landed, '/admin/');
});
after(async () => {
	// Leave the admin's session as a visitor would: logged out.
	if (admin?.session) {
		await admin.form('/admin/');
		await admin.post('/admin/logout', {});
	}
});

/** Every POST form of a page carries the given CSRF token. */
function assertFormsCarryToken(html, token, what) {
	const posts = forms(html).filter((f) => f.method === 'post');
	assert.ok(posts.length > 0, `${what}: no POST form`);
	for (const f of posts) {
		assert.equal(f.fields.csrf, token, `${what}: the form to ${f.action} carries ${f.fields.csrf === undefined ? 'no' : 'a wrong'} csrf token`);
	}
}

const vendorState = (id) => sqlRow('SELECT status, blocked_from FROM vendors WHERE id = @p1', [id]);
const reviews = (id) => sql('SELECT id, decision, reason, decided_by FROM vendor_reviews WHERE vendor_id = @p1 ORDER BY id', [id]);
const checks = (id) => sql(`SELECT c.item, c.passed, c.note FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id
	WHERE r.vendor_id = @p1 AND r.decision IS NULL ORDER BY c.item`, [id]);

describe('who may see the admin site', () => {
	test('/admin redirects to /admin/', async () => {
		const res = await new Client().get('/admin');
		assert.equal(res.status, 301);
		assert.match(res.location, /\/admin\/$/);
	});

	test('anonymous visitors are sent to the admin sign-in with the way back; POSTs are refused', async () => {
		const client = new Client();
		for (const path of ['/admin/', '/admin/vendors', '/admin/users', '/admin/audit', '/admin/vendors/1', '/admin/users/1']) {
			const res = await client.get(path);
			assert.equal(assertRedirect(res, 303, `GET ${path}`), `/admin/login?next=${encodeURIComponent(path)}`);
		}
		assert.equal((await client.get('/admin/2fa')).status, 303, '/admin/2fa needs the password step first');
		await client.form('/admin/login');
		for (const path of ['/admin/vendors/1/approve', '/admin/users/1/block', '/admin/logout']) {
			assert.equal((await client.post(path, { reason: 'x', confirm: 'yes' })).status, 403, `POST ${path}`);
		}
	});

	test('customers and vendors get 404 on every admin page and form', async () => {
		const vendorId = sqlRow("SELECT id FROM vendors WHERE status = 'pending' ORDER BY id LIMIT 1").id;
		for (const who of ['customer', 'vendor']) {
			const client = await loginAs(who);
			await client.form('/account');
			for (const path of ['/admin/', '/admin/vendors', `/admin/vendors/${vendorId}`, '/admin/users', '/admin/users/1', '/admin/audit', '/admin/2fa']) {
				assert.equal((await client.get(path)).status, 404, `${who} GET ${path}`);
			}
			const before = reviews(vendorId);
			for (const [path, body] of [[`/admin/vendors/${vendorId}/check`, { item: 'registration', result: 'pass' }],
				[`/admin/vendors/${vendorId}/approve`, {}], [`/admin/vendors/${vendorId}/reject`, { reason: 'Not good enough, sorry.', confirm: 'yes' }],
				['/admin/users/1/block', { reason: 'x', confirm: 'yes' }], ['/admin/2fa', { code: '123456' }]]) {
				assert.equal((await client.post(path, body)).status, 404, `${who} POST ${path}`);
			}
			assert.deepEqual(reviews(vendorId), before, 'nothing changed');
			assert.deepEqual(checks(vendorId), [], 'no check recorded');
		}
		assert.equal(userByEmail('admin@demo.bazaar.test').status, 'active');
	});

	test('an admin who has only passed the password step is sent to the second factor', async () => {
		const client = new Client();
		await client.form('/admin/login');
		const res = await client.post('/admin/login', { email: adminUser.email, password: adminUser.password, next: '/admin/users' });
		assert.equal(assertRedirect(res, 303, 'POST /admin/login'), '/admin/2fa?next=%2Fadmin%2Fusers');
		const page = await client.get('/admin/vendors');
		assert.equal(assertRedirect(page, 303, 'GET /admin/vendors without the second factor'), '/admin/2fa?next=%2Fadmin%2Fvendors');
		await client.form('/admin/2fa');
		const post = await client.post('/admin/users/1/block', { reason: 'x', confirm: 'yes' });
		assert.equal(post.status, 403, 'a POST without the second factor');
		assert.equal(userByEmail(adminUser.email).status, 'active');
	});
});

describe('admin sign-in', () => {
	test('the sign-in form; bad input is 422 next to the field', async () => {
		const client = new Client();
		let res = await client.form('/admin/login');
		assertLayout(res.text, '/admin/login', ADMIN_HEADER);
		const form = formFor(res.text, '/admin/login');
		assert.ok(form, 'a form posting to /admin/login');
		assert.match(form.html, /autocomplete="current-password"/);
		res = await client.post('/admin/login', { email: 'nobody', password: 'x' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'Enter an email address like name@example.com.');
		res = await client.post('/admin/login', { email: adminUser.email, password: '' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'password', 'Enter your password.');
		assert.equal(fieldValue(res.text, 'email'), adminUser.email);
		res = await client.post('/admin/login', { email: adminUser.email, password: adminUser.password }, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session' && c.value), undefined, 'no session');
	});

	test('a customer\'s own password gets the same answer as an unknown address', async () => {
		const { email, password } = await signupCustomer();
		const client = spareClient();
		await client.form('/admin/login');
		let res = await client.post('/admin/login', { email, password });
		assert.equal(res.status, 422);
		const a = assertFieldError(res.text, 'email', 'Email or password is wrong.');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session' && c.value), undefined, 'no session');
		res = await client.post('/admin/login', { email: uniqueEmail('nobody'), password });
		assert.equal(res.status, 422);
		assert.equal(assertFieldError(res.text, 'email'), a, 'the same message');
	});

	test('10 failures lock an admin address, with a mail to the admin; the right answer then waits', async () => {
		const created = createAdmin({ name: 'Lock Lee' });	// not enrolled: no password can be right
		const mark = outboxMark();
		const clients = [spareClient(), spareClient()];
		for (const c of clients) await c.form('/admin/login');
		for (let i = 0; i < 10; i++) {
			const res = await clients[i % 2].post('/admin/login', { email: created.email, password: newPassword() });
			assert.equal(res.status, 422, `failure ${i + 1}`);
		}
		const client = spareClient();
		await client.form('/admin/login');
		const res = await client.post('/admin/login', { email: created.email, password: newPassword() });
		assert.equal(res.status, 429);
		assertFieldError(res.text, 'email', /^Too many failed attempts\. Try again in \d+ minutes?\.$/);
		await waitForMail(created.email, { after: mark, subject: 'Sign-in attempts on your admin account' });
		assert.equal(qValue('SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1 AND id > @p2', [created.email, mark]), '1', 'one mail');
	});

	test('the dashboard of a signed-in admin', async () => {
		const res = await admin.get('/admin/');
		assert.equal(res.status, 200);
		assertLayout(res.text, '/admin/', ADMIN_HEADER);
		assert.equal((res.text.match(/action="\/(admin\/)?logout"/g) ?? []).length, 1, 'one log-out: the admin navigation\'s');
		assertFormsCarryToken(res.text, admin.csrf, '/admin/');
		assert.match(res.headers.get('cache-control') ?? '', /no-store/, 'admin pages are not stored');
	});
});

describe('a new admin: enrolment, second factor, logout', () => {
	let created;
	let enrolled;
	test('bazaar-admin create makes an account without a password and a one-time link', () => {
		created = createAdmin({ name: 'Nell New' });
		const user = userByEmail(created.email);
		assert.ok(user, 'the account exists');
		assert.equal(user.role, 'admin');
		assert.equal(user.password_hash, null, 'no password before enrolment');
		assert.equal(qValue("SELECT COUNT(*) FROM user_tokens WHERE user_id = @p1 AND purpose = 'enrol' AND used_at IS NULL", [user.id]), '1');
	});

	test('the enrolment page shows a new secret and its QR code; bad input is refused', async () => {
		const client = new Client();
		const res = await client.form(pathOf(created.link));
		assertShows(res.text, created.email);
		const secret = secretOnPage(res.text);
		assert.match(res.text, /<svg\b[^>]*role="img"/, 'the QR code');
		assert.equal(qValue('SELECT totp_secret_enc IS NOT NULL FROM users WHERE email = @p1', [created.email]), '1', 'the secret is stored sealed');
		const token = new URL(created.link).searchParams.get('token');
		const password = newPassword();
		let post = await client.post('/admin/enrol', { token, password, password2: `${password}x`, code: totpCode(secret) });
		assert.equal(post.status, 422);
		assertFieldError(post.text, 'password2', 'The two passwords are not the same.');
		post = await client.post('/admin/enrol', { token, password: 'short', password2: 'short', code: '12' });
		assert.equal(post.status, 422);
		assertFieldError(post.text, 'password', 'Use at least 12 characters.');
		assertFieldError(post.text, 'code', 'Enter the 6-digit code from your authenticator app.');
		assert.equal(userByEmail(created.email).password_hash, null, 'nothing set');
	});

	test('completing it sets the password, passes the second factor and uses up the link', async () => {
		const client = new Client();
		enrolled = await enrolAdmin(client, created);
		const user = userByEmail(created.email);
		assert.match(user.password_hash, /^\$argon2id\$/);
		assert.ok(Number(user.totp_last_step) > 0, 'the code\'s step is kept');
		assert.equal((await client.get('/admin/vendors')).status, 200, 'signed in with the second factor');
		assert.equal(auditEntries('admin.enrol', 'user', user.id).length, 1, 'admin.enrol audited');
		const again = await new Client().get(pathOf(created.link));
		assert.equal(again.status, 404, 'the link works once');
		enrolled.client = client;
	});

	test('a code works once; a wrong code is refused; a fresh one signs in and is audited', async () => {
		const usedStep = Number(userByEmail(enrolled.email).totp_last_step);
		const client = spareClient();
		await client.form('/admin/login');
		let res = await client.post('/admin/login', { email: enrolled.email, password: enrolled.password });
		assert.equal(assertRedirect(res, 303, 'password step'), '/admin/2fa');
		await client.form('/admin/2fa');
		res = await client.post('/admin/2fa', { code: totpCode(enrolled.secret, usedStep) });
		assert.equal(res.status, 422, 'the code already used');
		assertFieldError(res.text, 'code', 'That code is wrong or was already used.');
		const wrong = ['000000', '111111'].find((c) => ![-1, 0, 1].some((d) => totpCode(enrolled.secret, totpStep() + d) === c));
		res = await client.post('/admin/2fa', { code: wrong });
		assert.equal(res.status, 422, 'a wrong code');
		assert.equal((await client.get('/admin/')).status, 303, 'still not past the second factor');
		const logins = auditEntries('admin.login', 'user', enrolled.id).length;
		const { code } = await freshTotp(enrolled.secret, enrolled.id);
		res = await client.post('/admin/2fa', { code });
		assert.equal(assertRedirect(res, 303, 'a fresh code'), '/admin/');
		assert.equal(auditEntries('admin.login', 'user', enrolled.id).length, logins + 1, 'admin.login audited');
		assert.equal((await client.get('/admin/users')).status, 200);
	});

	test('logout ends the admin session', async () => {
		const client = enrolled.client;
		await client.form('/admin/');
		const old = client.clone();
		const before = sessionIds(enrolled.id).length;
		let res = await client.post('/admin/logout', {}, { csrf: null });
		assert.equal(res.status, 403);
		res = await client.post('/admin/logout', {});
		assert.equal(assertRedirect(res, 303, 'POST /admin/logout'), '/admin/login');
		assert.equal(sessionIds(enrolled.id).length, before - 1, 'the session row is gone');
		res = await old.get('/admin/');
		assert.equal(assertRedirect(res, 303, 'the old cookie'), '/admin/login?next=%2Fadmin%2F');
	});
});

describe('vendor verification', () => {
	let vendor;	// a new vendor, approved in this block
	let rejected;	// another, rejected
	before(async () => {
		vendor = await signupVendor();
		rejected = await signupVendor();
	});

	test('the queue lists pending vendors, oldest first; the filters work', async () => {
		let res = await admin.get('/admin/vendors');
		assert.equal(res.status, 200);
		assertLayout(res.text, '/admin/vendors', ADMIN_HEADER);
		const pending = sql("SELECT id, trading_name FROM vendors WHERE status = 'pending' ORDER BY COALESCE(submitted_at, created_at), id LIMIT 50");
		if (pending.some((p) => Number(p.id) === Number(vendor.vendor.id))) {
			assertShows(res.text, vendor.vendor.trading_name);
			assertShows(res.text, vendor.email, 'the owner\'s address');
		}
		assert.ok(res.text.includes(`href="/admin/vendors/${pending[0].id}"`), 'the oldest pending vendor links its page');
		const text = textOf(res.text);
		let at = -1;
		for (const p of pending) {
			const i = text.indexOf(p.trading_name, at + 1);
			assert.ok(i > at, `${p.trading_name} listed in queue order`);
			at = i;
		}
		res = await admin.get('/admin/vendors?status=verified');
		assert.equal(res.status, 200);
		// Decided vendors, the latest first: the demo shop is on the first
		// page unless other tests have verified 50 shops since.
		const verified = sql(`SELECT trading_name FROM vendors WHERE status = 'verified'
			ORDER BY COALESCE(submitted_at, created_at) DESC, id DESC LIMIT 50`).map((v) => v.trading_name);
		assertShows(res.text, verified[0]);
		if (verified.includes('Northwind Home')) assertShows(res.text, 'Northwind Home');
		assertNotShows(res.text, vendor.vendor.trading_name, 'a pending vendor is not under verified');
		assert.equal((await admin.get('/admin/vendors?status=bogus')).status, 400);
		assert.equal((await admin.get('/admin/vendors?page=999')).status, 404);
	});

	test('the vendor page: the profile with its sealed details opened, the owner, the checklist', async () => {
		const res = await admin.form(`/admin/vendors/${vendor.vendor.id}`);
		assert.equal(h1(res.text), vendor.vendor.trading_name);
		assertShows(res.text, vendor.fields.legal_name);
		assertShows(res.text, vendor.fields.registration_number);
		assertShows(res.text, vendor.fields.phone, 'the phone, opened for the admin');
		assertShows(res.text, 'DE89370400440532013000', 'the bank account, opened for the admin');
		assertShows(res.text, '1 Test Street', 'the address');
		assertShows(res.text, vendor.email, 'the owner');
		for (const item of ITEMS) {
			assert.ok(formFor(res.text, `/admin/vendors/${vendor.vendor.id}/check`), 'a check form');
			assert.match(res.text, new RegExp(`id="check-${item}"`), `checklist item ${item}`);
		}
		assertShows(res.text, '0 of 6 checks passed');
		assert.equal(formFor(res.text, `/admin/vendors/${vendor.vendor.id}/approve`), undefined, 'no approve button before the checks');
		assertFormsCarryToken(res.text, admin.csrf, `/admin/vendors/${vendor.vendor.id}`);
		assert.equal((await admin.get('/admin/vendors/999999999')).status, 404);
	});

	test('a check: bad input is 422 and stores nothing', async () => {
		const id = vendor.vendor.id;
		let res = await admin.post(`/admin/vendors/${id}/check`, { item: 'nonsense', result: 'pass' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'Choose one of the checks listed.');
		res = await admin.post(`/admin/vendors/${id}/check`, { item: 'registration' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'Choose passed or failed.');
		res = await admin.post(`/admin/vendors/${id}/check`, { item: 'tax_id', result: 'fail', note: '' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'note', 'Say what is wrong: the vendor may have to fix it.');
		assert.deepEqual(checks(id), []);
	});

	test('checks and approve without the CSRF token or from another site: 403, nothing changed', async () => {
		const id = vendor.vendor.id;
		await admin.form(`/admin/vendors/${id}`);
		assert.equal((await admin.post(`/admin/vendors/${id}/check`, { item: 'registration', result: 'pass' }, { csrf: null })).status, 403);
		assert.equal((await admin.post(`/admin/vendors/${id}/check`, { item: 'registration', result: 'pass' }, { origin: 'https://evil.example' })).status, 403);
		assert.equal((await admin.post(`/admin/vendors/${id}/approve`, {}, { csrf: null })).status, 403);
		assert.equal((await admin.post(`/admin/vendors/${id}/reject`, { reason: 'Forged rejection attempt.', confirm: 'yes' }, { csrf: null })).status, 403);
		assert.deepEqual(checks(id), []);
		assert.equal(vendorState(id).status, 'pending');
	});

	test('approving before every check passed is refused with what is missing', async () => {
		const id = vendor.vendor.id;
		let res = await admin.post(`/admin/vendors/${id}/check`, { item: 'registration', result: 'fail', note: 'The extract shows another number.' });
		assertRedirect(res, 303, 'a failed check');
		res = await admin.post(`/admin/vendors/${id}/approve`, {});
		assert.equal(res.status, 422);
		assertShows(res.text, 'Not every check has passed yet.');
		assertShows(res.text, 'Registration number checked against the registry extract', 'names the missing check');
		assert.equal(vendorState(id).status, 'pending');
		assert.equal(reviews(id)[0].decision, null);
	});

	test('every check passed with a note, then approved: verified, public, mailed, audited', async () => {
		const id = vendor.vendor.id;
		for (const item of ITEMS) {
			const res = await admin.post(`/admin/vendors/${id}/check`, { item, result: 'pass', note: `Checked ${item} by hand.` });
			assert.match(assertRedirect(res, 303, `check ${item}`), new RegExp(`^/admin/vendors/${id}(#check-${item})?$`));
		}
		assert.deepEqual(checks(id).map((c) => [c.item, c.passed, c.note]),
			[...ITEMS].sort().map((i) => [i, '1', `Checked ${i} by hand.`]), 'every item passed, with its note');
		assert.equal(auditEntries('vendor.check', 'vendor', id).length, ITEMS.length + 1, 'every check audited');
		let page = await admin.form(`/admin/vendors/${id}`);
		assertShows(page.text, '6 of 6 checks passed');
		assert.ok(formFor(page.text, `/admin/vendors/${id}/approve`), 'the approve button');
		const mark = outboxMark();
		const res = await admin.post(`/admin/vendors/${id}/approve`, {});
		assert.equal(assertRedirect(res, 303, 'approve'), `/admin/vendors/${id}`);
		assert.equal(vendorState(id).status, 'verified');
		const r = reviews(id);
		assert.equal(r.length, 1);
		assert.equal(r[0].decision, 'approved');
		assert.equal(Number(r[0].decided_by), adminUser.id, 'decided by this admin');
		assert.equal(auditEntries('vendor.approve', 'vendor', id).length, 1, 'vendor.approve audited');
		const mail = await waitForMail(vendor.email, { after: mark, subject: 'Your shop is approved' });
		assert.equal(pathOf(mailLink(mail, '/v/')), `/v/${vendor.vendor.slug}`, 'the mail links the shop');
		const shop = await new Client().get(`/v/${vendor.vendor.slug}`);
		assert.equal(shop.status, 200, 'the shop is public');
		page = await admin.get(`/admin/vendors/${id}`);
		assertShows(page.text, 'No submission is waiting for a decision.');
		assertShows(page.text, 'Checked prohibited by hand.', 'the checks stay in the history');
		const again = await admin.post(`/admin/vendors/${id}/approve`, {});
		assert.equal(again.status, 409, 'nothing left to approve');
	});

	test('rejecting needs a reason and the box; then the vendor is rejected and mailed the reason', async () => {
		const id = rejected.vendor.id;
		await admin.form(`/admin/vendors/${id}`);
		let res = await admin.post(`/admin/vendors/${id}/reject`, { reason: 'short' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'reason', 'at least 10 characters');
		assertFieldError(res.text, 'confirm', 'Tick the box to confirm the rejection.');
		assert.equal(fieldValue(res.text, 'reason'), 'short', 'the reason typed is kept');
		assert.equal(vendorState(id).status, 'pending', 'nothing changed');
		assert.equal(reviews(id)[0].decision, null);

		const reason = 'The registration number is not in the registry. Please send the number from your certificate.';
		const mark = outboxMark();
		res = await admin.post(`/admin/vendors/${id}/reject`, { reason, confirm: 'yes' });
		assert.equal(assertRedirect(res, 303, 'reject'), `/admin/vendors/${id}`);
		assert.equal(vendorState(id).status, 'rejected');
		const r = reviews(id);
		assert.equal(r[0].decision, 'rejected');
		assert.equal(r[0].reason, reason);
		assert.equal(auditEntries('vendor.reject', 'vendor', id).length, 1, 'vendor.reject audited');
		const mail = await waitForMail(rejected.email, { after: mark, subject: 'Your vendor profile needs changes' });
		assert.ok(mail.body.replace(/\s+/g, ' ').includes(reason), 'the mail carries the reason');
		assert.equal(pathOf(mailLink(mail, '/vendor/profile')), '/vendor/profile', 'and the way to fix it');
		res = await admin.post(`/admin/vendors/${id}/reject`, { reason, confirm: 'yes' });
		assert.equal(res.status, 409, 'nothing left to reject');
	});
});

describe('blocking and unblocking accounts', () => {
	test('the users list finds an account by address; its page; 404 for none', async () => {
		const { email, user } = await signupCustomer({ name: 'Finn Findable' });
		let res = await admin.get(`/admin/users?q=${encodeURIComponent(email)}`);
		assert.equal(res.status, 200);
		assertShows(res.text, email);
		assertShows(res.text, 'Finn Findable');
		res = await admin.get(`/admin/users/${user.id}`);
		assert.equal(res.status, 200);
		assertShows(res.text, email);
		assertFormsCarryToken(res.text, admin.csrf, `/admin/users/${user.id}`);
		assert.equal((await admin.get('/admin/users/999999999')).status, 404);
		assert.equal((await admin.get('/admin/users?role=overlord')).status, 400);
	});

	test('block: a reason and the box are required, never one\'s own account; 403 without the token', async () => {
		const { user } = await signupCustomer();
		const path = `/admin/users/${user.id}/block`;
		await admin.form(`/admin/users/${user.id}`);
		let res = await admin.post(path, { reason: '' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'reason', 'Write the reason. The account holder will read it.');
		assertFieldError(res.text, 'confirm', 'Tick the box to confirm the block.');
		res = await admin.post(path, { reason: 'Forged.', confirm: 'yes' }, { csrf: null });
		assert.equal(res.status, 403);
		res = await admin.post(path, { reason: 'Forged.', confirm: 'yes' }, { origin: 'http://evil.example' });
		assert.equal(res.status, 403);
		assert.equal(sqlRow('SELECT status FROM users WHERE id = @p1', [user.id]).status, 'active', 'nothing changed');
		res = await admin.post(`/admin/users/${adminUser.id}/block`, { reason: 'Myself.', confirm: 'yes' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'You cannot block your own account.');
		assert.equal(userByEmail(adminUser.email).status, 'active');
	});

	test('blocking a customer ends their sessions at their next request, which says why; unblocking lets them back', async () => {
		const { client, email, password, user } = await signupCustomer({ name: 'Bea Blocked' });
		assert.equal((await client.get('/account')).status, 200);
		const reason = 'Too many chargebacks on recent orders.';
		const mark = outboxMark();
		let res = await admin.post(`/admin/users/${user.id}/block`, { reason, confirm: 'yes' });
		assert.equal(assertRedirect(res, 303, 'block'), `/admin/users/${user.id}`);
		const row = sqlRow('SELECT status, status_reason FROM users WHERE id = @p1', [user.id]);
		assert.deepEqual(row, { status: 'blocked', status_reason: reason });
		// The session ends at the user's next request, so that it can say why.
		assert.equal(sessionIds(user.id).length, 1, 'the session is left for the next request');
		assert.equal(auditEntries('user.block', 'user', user.id).length, 1, 'user.block audited');
		const mail = await waitForMail(email, { after: mark, subject: 'Your account is blocked' });
		assert.ok(mail.body.replace(/\s+/g, ' ').includes(reason), 'the mail gives the reason');

		res = await client.get('/account');
		assert.equal(assertRedirect(res, 303, 'the blocked user\'s next request'), '/login?next=%2Faccount');
		assert.deepEqual(sessionIds(user.id), [], 'every session ended');
		res = await client.form('/login?next=%2Faccount');
		assertShows(res.text, `Your account has been blocked: ${reason} To appeal, write to`, 'the login page after it');
		res = await client.post('/login', { email, password });
		assert.equal(res.status, 403, 'the right password of a blocked account');
		assertShows(res.text, reason, 'the login page gives the reason');
		assert.equal(res.setCookies.find((c) => c.name === 'bz_session' && c.value), undefined, 'no session');

		res = await admin.post(`/admin/users/${user.id}/block`, { reason, confirm: 'yes' });
		assert.equal(res.status, 409, 'blocking twice');

		await admin.form(`/admin/users/${user.id}`);
		res = await admin.post(`/admin/users/${user.id}/unblock`, { reason: '' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'Write why the account is unblocked (kept in the audit log).');
		const mark2 = outboxMark();
		res = await admin.post(`/admin/users/${user.id}/unblock`, { reason: 'The bank confirmed the payments.' });
		assert.equal(assertRedirect(res, 303, 'unblock'), `/admin/users/${user.id}`);
		assert.deepEqual(sqlRow('SELECT status, status_reason FROM users WHERE id = @p1', [user.id]), { status: 'active', status_reason: null });
		assert.equal(auditEntries('user.unblock', 'user', user.id).length, 1, 'user.unblock audited');
		await waitForMail(email, { after: mark2, subject: 'Your account is active again' });
		await login(new Client(), email, password);
		res = await admin.post(`/admin/users/${user.id}/unblock`, { reason: 'Again.' });
		assert.equal(res.status, 409, 'unblocking an active account');
	});

	test('blocking a verified vendor takes the shop off the site; unblocking brings it back', async () => {
		const v = await signupVendor();
		q(`UPDATE vendor_reviews SET decision = 'approved', decided_at = NOW() WHERE vendor_id = @p1;
			UPDATE vendors SET status = 'verified' WHERE id = @p1`, [v.vendor.id]);
		assert.equal((await new Client().get(`/v/${v.vendor.slug}`)).status, 200, 'public before');
		await admin.form(`/admin/users/${v.user.id}`);
		let res = await admin.post(`/admin/users/${v.user.id}/block`, { reason: 'Selling counterfeit goods.', confirm: 'yes' });
		assertRedirect(res, 303, 'block a vendor');
		assert.deepEqual(vendorState(v.vendor.id), { status: 'blocked', blocked_from: 'verified' });
		assert.equal((await new Client().get(`/v/${v.vendor.slug}`)).status, 404, 'the shop is gone');
		assert.equal(assertRedirect(await v.client.get('/vendor/'), 303, 'the vendor\'s session'), '/login?next=%2Fvendor%2F');
		res = await admin.post(`/admin/users/${v.user.id}/unblock`, { reason: 'Appeal upheld.' });
		assertRedirect(res, 303, 'unblock a vendor');
		assert.deepEqual(vendorState(v.vendor.id), { status: 'verified', blocked_from: null });
		assert.equal((await new Client().get(`/v/${v.vendor.slug}`)).status, 200, 'the shop is back');
	});
});

describe('the audit log', () => {
	test('lists entries, filtered by action and object', async () => {
		const entry = sqlRow("SELECT object_type, object_id, action FROM audit_log WHERE action = 'vendor.approve' ORDER BY id DESC LIMIT 1");
		const res = await admin.get(`/admin/audit?action=vendor.approve&object_type=vendor&object_id=${entry.object_id}`);
		assert.equal(res.status, 200);
		assertLayout(res.text, '/admin/audit', ADMIN_HEADER);
		assertShows(res.text, 'vendor.approve');
		assertNotShows(res.text, 'user.block', 'the filter keeps other actions out');
		const rows = /<tbody>([\s\S]*?)<\/tbody>/.exec(res.text);
		assert.ok(rows, 'a table of entries');
		const expected = Number(qValue("SELECT COUNT(*) FROM audit_log WHERE action = 'vendor.approve' AND object_type = 'vendor' AND object_id = @p1", [entry.object_id]));
		assert.equal((rows[1].match(/<tr>/g) ?? []).length, expected, 'one row per matching entry');
		assert.equal((await admin.get('/admin/audit?object_id=abc')).status, 400);
	});

	test('the audit log cannot be changed by the application', () => {
		const count = qValue('SELECT COUNT(*) FROM audit_log');
		assert.match(sqlError("UPDATE audit_log SET detail = 'x' ORDER BY id LIMIT 1") ?? 'no error', /append-only/);
		assert.match(sqlError('DELETE FROM audit_log ORDER BY id LIMIT 1') ?? 'no error', /append-only/);
		assert.match(sqlError('DROP TRIGGER audit_log_no_update') ?? 'no error', /denied|privilege/i, 'the application cannot drop the guard');
		assert.equal(q("SHOW TRIGGERS LIKE 'audit_log'").length, 2, 'both triggers are still there');
		assert.equal(qValue('SELECT COUNT(*) FROM audit_log'), count);
	});
});

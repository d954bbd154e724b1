// The vendor portal (/vendor/) through nginx: sign-up with the business
// profile, the dashboard, the profile form, resubmission after a rejection,
// the listings page, and who may use it. Every change is checked in the
// database, and so is "nothing changed" after bad input or a refused request.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	Client, DEMO, assertFieldError, assertRedirect, auditEntries, fieldValue, forms, formFor, loginAs,
	loginAdmin, mailCode, mailLink, outboxMark, q, qValue, signupCustomer, signupVendor,
	userByEmail, vendorSignupFields, waitForMail,
} from '../lib/accounts.mjs';
import { assertLayout, assertShows, assertNotShows, h1, sql, sqlRow } from '../lib/stack.mjs';

/** Every POST form of a page carries the given CSRF token. */
function assertFormsCarryToken(html, token, what) {
	const posts = forms(html).filter((f) => f.method === 'post');
	assert.ok(posts.length > 0, `${what}: no POST form`);
	for (const f of posts) {
		assert.equal(f.fields.csrf, token, `${what}: the form to ${f.action} carries ${f.fields.csrf === undefined ? 'no' : 'a wrong'} csrf token`);
	}
}

/** The vendor's sealed columns as hex, to show no plain text is stored. */
function sealedColumns(vendorId) {
	return sqlRow(`SELECT HEX(address_enc) AS address, HEX(phone_enc) AS phone,
		HEX(bank_holder_enc) AS holder, HEX(bank_account_enc) AS account FROM vendors WHERE id = @p1`, [vendorId]);
}

const hex = (s) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

describe('who may use the portal', () => {
	test('/vendor redirects to /vendor/', async () => {
		const res = await new Client().get('/vendor');
		assert.equal(res.status, 301);
		assert.match(res.location, /\/vendor\/$/);
	});

	test('anonymous visitors go to the login page with the way back', async () => {
		const client = new Client();
		for (const path of ['/vendor/', '/vendor/profile', '/vendor/listings']) {
			const res = await client.get(path);
			assert.equal(assertRedirect(res, 303, `GET ${path}`), `/login?next=${encodeURIComponent(path)}`);
		}
		const res = await client.post('/vendor/resubmit', {}, { csrf: null });
		assert.equal(res.status, 403);
	});

	test('a customer gets 404 on every portal page and form', async () => {
		const { client } = await signupCustomer();
		await client.form('/account');
		for (const path of ['/vendor/', '/vendor/profile', '/vendor/listings']) {
			assert.equal((await client.get(path)).status, 404, `customer GET ${path}`);
		}
		assert.equal((await client.post('/vendor/profile', vendorSignupFields())).status, 404, 'customer POST /vendor/profile');
		assert.equal((await client.post('/vendor/resubmit', {})).status, 404, 'customer POST /vendor/resubmit');
	});

	test('an admin gets 404 too', async () => {
		const admin = await loginAdmin();
		assert.equal((await admin.get('/vendor/')).status, 404);
		assert.equal((await admin.get('/vendor/profile')).status, 404);
	});
});

describe('vendor sign-up', () => {
	test('GET /vendor/signup: the form with the business profile and a CSRF token', async () => {
		const client = new Client();
		const res = await client.form('/vendor/signup');
		assertLayout(res.text, '/vendor/signup');
		const form = formFor(res.text, '/vendor/signup');
		assert.ok(form, 'a form posting to /vendor/signup');
		for (const name of Object.keys(vendorSignupFields())) {
			assert.match(form.html, new RegExp(`name="${name}"`), `field ${name}`);
			assert.match(form.html, new RegExp(`<label[^>]*for="${name}"`), `label for ${name}`);
		}
		assert.match(form.html, /name="password"[^>]*autocomplete="new-password"|autocomplete="new-password"[^>]*name="password"/);
	});

	test('bad input: 422, messages next to the fields, values kept, nothing stored', async () => {
		const client = new Client();
		await client.form('/vendor/signup');
		const fields = vendorSignupFields();
		const bad = {
			...fields,
			name: '',
			password: 'short',
			legal_name: '',
			registration_number: 'HRB <12>',
			phone: 'call us',
			website: 'shop.example',
			bank_account: 'DE00 0000 0000 0000 0000 00',
		};
		const users = qValue('SELECT COUNT(*) FROM users');
		const vendors = qValue('SELECT COUNT(*) FROM vendors');
		const res = await client.post('/vendor/signup', bad);
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'name', 'Enter your name.');
		assertFieldError(res.text, 'password', 'Use at least 12 characters.');
		assertFieldError(res.text, 'legal_name', 'Enter the legal name of your business');
		assertFieldError(res.text, 'registration_number', 'Use letters, digits, spaces, dashes, dots or slashes only.');
		assertFieldError(res.text, 'phone', 'Enter a phone number with its country code');
		assertFieldError(res.text, 'website', 'Enter the full address of your website, starting with https://');
		assertFieldError(res.text, 'bank_account', 'This IBAN is not valid');
		assert.equal(fieldValue(res.text, 'email'), fields.email, 'the address is kept');
		assert.equal(fieldValue(res.text, 'trading_name'), fields.trading_name, 'the trading name is kept');
		assert.equal(fieldValue(res.text, 'address'), fields.address, 'the address text is kept');
		assert.equal(fieldValue(res.text, 'password'), '', 'the password is not sent back');
		assert.ok(!res.text.includes('value="short"'), 'the password is not sent back');
		assert.equal(qValue('SELECT COUNT(*) FROM users'), users, 'no user');
		assert.equal(qValue('SELECT COUNT(*) FROM vendors'), vendors, 'no vendor');
	});

	test('an address that has an account is refused', async () => {
		const client = new Client();
		await client.form('/vendor/signup');
		const res = await client.post('/vendor/signup', vendorSignupFields({ email: DEMO.customer.email }));
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'email', 'This address already has an account');
		assert.equal(userByEmail(DEMO.customer.email).role, 'customer');
	});

	test('without the CSRF token or from another site: 403, nothing stored', async () => {
		const client = new Client();
		await client.form('/vendor/signup');
		const fields = vendorSignupFields();
		assert.equal((await client.post('/vendor/signup', fields, { csrf: null })).status, 403);
		assert.equal((await client.post('/vendor/signup', fields, { origin: 'http://evil.example' })).status, 403);
		assert.equal(userByEmail(fields.email), null);
	});

	test('a logged-in customer is told a shop needs its own account', async () => {
		const { client } = await signupCustomer();
		const page = await client.get('/vendor/signup');
		assert.equal(page.status, 200);
		assert.equal(formFor(page.text, '/vendor/signup'), undefined, 'no sign-up form for a customer');
		const fields = vendorSignupFields();
		await client.form('/account');
		const res = await client.post('/vendor/signup', fields);
		assert.equal(res.status, 409);
		assert.equal(userByEmail(fields.email), null);
	});

	test('a new vendor: account, pending shop with an open review, sealed details, mail, audit, dashboard', async () => {
		const mark = outboxMark();
		const { client, fields, user, vendor } = await signupVendor({ trading: 'Quill & Ink Stationers' });
		assert.equal(user.role, 'vendor');
		assert.equal(user.email_verified_at, null);
		assert.equal(vendor.status, 'pending');
		assert.match(vendor.slug, /^quill-ink-stationers(-\d+)?$/, 'the shop address comes from the trading name');
		const row = sqlRow('SELECT legal_name, registration_number, tax_id, website, description, submitted_at FROM vendors WHERE id = @p1', [vendor.id]);
		assert.equal(row.legal_name, fields.legal_name);
		assert.equal(row.registration_number, fields.registration_number);
		assert.equal(row.website, fields.website);
		assert.notEqual(row.submitted_at, null);
		const reviews = sql('SELECT decision FROM vendor_reviews WHERE vendor_id = @p1', [vendor.id]);
		assert.deepEqual(reviews, [{ decision: null }], 'one open review');
		const sealed = sealedColumns(vendor.id);
		for (const [k, v] of Object.entries(sealed)) assert.ok(v && v.length > 40, `${k} is stored sealed`);
		assert.ok(!sealed.account.includes(hex('DE89370400440532013000')), 'the IBAN is not stored in plain text');
		assert.ok(!sealed.address.includes(hex('Test Street')), 'the address is not stored in plain text');
		assert.ok(!sealed.phone.includes(hex('5550 1234')), 'the phone is not stored in plain text');
		assert.equal(auditEntries('vendor.signup', 'vendor', vendor.id).length, 1, 'vendor.signup audited');

		const mail = await waitForMail(fields.email, { after: mark, subject: 'Confirm your email address' });
		assert.match(mailLink(mail, '/verify'), /\/verify\?token=[A-Za-z0-9_-]{43}$/, 'the verification link');
		assert.match(mailCode(mail.body) ?? '', /^[0-9]{6}$/, 'the code');

		const dash = await client.get('/vendor/');
		assert.equal(dash.status, 200);
		assertLayout(dash.text, '/vendor/');
		assert.equal(h1(dash.text), vendor.trading_name);
		assertShows(dash.text, 'Being checked.', 'the dashboard says the shop is being checked');
		assertShows(dash.text, 'Please verify your email address', 'and that the address is not verified');
		assertShows(dash.text, 'We are checking your business details', 'the welcome flash');
		assertFormsCarryToken(dash.text, client.csrf, '/vendor/');

		const shop = await new Client().get(`/v/${vendor.slug}`);
		assert.equal(shop.status, 404, 'a pending shop is not public');
	});

	test('the verification link confirms a vendor\'s address too', async () => {
		const mark = outboxMark();
		const { client, fields, user } = await signupVendor();
		const mail = await waitForMail(fields.email, { after: mark, subject: 'Confirm your email address' });
		const link = new URL(mailLink(mail, '/verify'));
		await client.form(link.pathname + link.search);
		const res = await client.post('/verify', { token: link.searchParams.get('token') });
		assertRedirect(res, 303, 'POST /verify');
		assert.notEqual(userByEmail(fields.email).email_verified_at, null);
		assert.equal(Number(user.id), Number(userByEmail(fields.email).id));
		const dash = await client.get('/vendor/');
		assertShows(dash.text, 'Your email address is confirmed.');
	});

	test('two shops with the same trading name get different addresses', async () => {
		const name = `Twin Shop ${Date.now().toString(36)}`;
		const a = await signupVendor({ trading: name });
		const b = await signupVendor({ trading: name });
		assert.notEqual(a.vendor.slug, b.vendor.slug);
		assert.equal(b.vendor.slug, `${a.vendor.slug}-2`);
	});
});

describe('the business profile', () => {
	test('the form shows the vendor\'s own details, opened from their sealed columns', async () => {
		const { client, fields } = await signupVendor();
		const res = await client.form('/vendor/profile');
		assertLayout(res.text, '/vendor/profile');
		assert.equal(fieldValue(res.text, 'legal_name'), fields.legal_name);
		assert.equal(fieldValue(res.text, 'phone'), fields.phone);
		assert.equal(fieldValue(res.text, 'bank_account'), 'DE89370400440532013000');
		assert.equal(fieldValue(res.text, 'address'), fields.address);
		assertFormsCarryToken(res.text, client.csrf, '/vendor/profile');
		// Another vendor's details never show.
		const other = await signupVendor();
		assertNotShows(res.text, other.fields.legal_name);
		const mine = await other.client.get('/vendor/profile');
		assertNotShows(mine.text, fields.legal_name, 'the other vendor sees only their own profile');
	});

	test('bad input: 422 next to the fields, nothing changed', async () => {
		const { client, fields, vendor } = await signupVendor();
		await client.form('/vendor/profile');
		const before = sqlRow('SELECT legal_name, description, HEX(phone_enc) AS phone FROM vendors WHERE id = @p1', [vendor.id]);
		const res = await client.post('/vendor/profile', { ...fields, description: '', phone: '12' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'description', 'Tell shoppers in a few words what your shop sells.');
		assertFieldError(res.text, 'phone', 'Enter a phone number with its country code');
		assert.deepEqual(sqlRow('SELECT legal_name, description, HEX(phone_enc) AS phone FROM vendors WHERE id = @p1', [vendor.id]), before);
	});

	test('without the CSRF token: 403, nothing changed', async () => {
		const { client, fields, vendor } = await signupVendor();
		await client.form('/vendor/profile');
		const res = await client.post('/vendor/profile', { ...fields, description: 'Changed without a token.' }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(qValue('SELECT description FROM vendors WHERE id = @p1', [vendor.id]), fields.description);
	});

	test('a pending vendor saves changes; they are audited and the new phone is sealed', async () => {
		const { client, fields, vendor } = await signupVendor();
		await client.form('/vendor/profile');
		const res = await client.post('/vendor/profile', { ...fields, description: 'Now with more ink.', phone: '+49 30 9999 0000' });
		assert.equal(assertRedirect(res, 303, 'POST /vendor/profile'), '/vendor/');
		const row = sqlRow('SELECT description, status, HEX(phone_enc) AS phone FROM vendors WHERE id = @p1', [vendor.id]);
		assert.equal(row.description, 'Now with more ink.');
		assert.equal(row.status, 'pending');
		assert.ok(!row.phone.includes(hex('9999 0000')), 'sealed');
		const audit = auditEntries('vendor.profile_update', 'vendor', vendor.id);
		assert.equal(audit.length, 1);
		assert.match(audit[0].detail, /description/);
		assert.match(audit[0].detail, /phone/);
		assert.ok(!audit[0].detail.includes('9999'), 'the audit names fields, not personal data');
		const page = await client.get('/vendor/profile');
		assert.equal(fieldValue(page.text, 'phone'), '+49 30 9999 0000');
	});

	test('a verified vendor who changes a checked detail goes back to pending with a new review', async () => {
		const { client, fields, vendor } = await signupVendor();
		// Set up: this shop was approved (as the admin pages do).
		sql(`UPDATE vendor_reviews SET decision = 'approved', decided_at = NOW() WHERE vendor_id = @p1;
			UPDATE vendors SET status = 'verified' WHERE id = @p1`, [vendor.id]);
		let res = await client.form('/vendor/profile');
		assertShows(res.text, 'Your shop is live', 'the form says the shop is live');
		res = await client.post('/vendor/profile', { ...fields, description: 'Only the description changed.' });
		assertRedirect(res, 303, 'a change that needs no check');
		assert.equal(qValue('SELECT status FROM vendors WHERE id = @p1', [vendor.id]), 'verified', 'still verified');
		res = await client.post('/vendor/profile', { ...fields, description: 'Only the description changed.', legal_name: `${fields.legal_name} GmbH` });
		assertRedirect(res, 303, 'a new legal name');
		assert.equal(qValue('SELECT status FROM vendors WHERE id = @p1', [vendor.id]), 'pending', 'back to pending');
		assert.deepEqual(sql('SELECT decision FROM vendor_reviews WHERE vendor_id = @p1 ORDER BY id', [vendor.id]),
			[{ decision: 'approved' }, { decision: null }], 'a new open review after the approved one');
		const dash = await client.get('/vendor/');
		assertShows(dash.text, 'your shop is hidden until we have checked them again', 'the flash explains');
	});
});

describe('resubmission after a rejection', () => {
	test('only a rejected profile can be resubmitted; it goes back to the queue with its history', async () => {
		const { client, fields, vendor } = await signupVendor();
		await client.form('/vendor/');
		let res = await client.post('/vendor/resubmit', {});
		assert.equal(res.status, 409, 'a pending profile cannot be resubmitted');
		assert.equal(sql('SELECT id FROM vendor_reviews WHERE vendor_id = @p1', [vendor.id]).length, 1);

		// Set up: the review was rejected with a reason (as the admin pages do).
		const reason = 'The tax id does not match the registry. Please correct it and send the profile again.';
		q(`UPDATE vendor_reviews SET decision = 'rejected', reason = @p2, decided_at = NOW() WHERE vendor_id = @p1;
			UPDATE vendors SET status = 'rejected' WHERE id = @p1`, [vendor.id, reason]);
		res = await client.get('/vendor/');
		assertShows(res.text, 'Not approved.');
		assertShows(res.text, reason, 'the dashboard shows the reason');
		assert.ok(formFor(res.text, '/vendor/resubmit'), 'and the resubmit button');
		assertFormsCarryToken(res.text, client.csrf, '/vendor/ (rejected)');

		res = await client.post('/vendor/profile', { ...fields, tax_id: 'DE123456789' });
		assertRedirect(res, 303, 'fixing the profile');
		assert.equal(qValue('SELECT status FROM vendors WHERE id = @p1', [vendor.id]), 'rejected', 'saving alone does not resubmit');

		res = await client.post('/vendor/resubmit', {}, { csrf: null });
		assert.equal(res.status, 403, 'without the CSRF token');
		assert.equal(qValue('SELECT status FROM vendors WHERE id = @p1', [vendor.id]), 'rejected');

		res = await client.post('/vendor/resubmit', {});
		assert.equal(assertRedirect(res, 303, 'POST /vendor/resubmit'), '/vendor/');
		assert.equal(qValue('SELECT status FROM vendors WHERE id = @p1', [vendor.id]), 'pending');
		assert.deepEqual(sql('SELECT decision FROM vendor_reviews WHERE vendor_id = @p1 ORDER BY id', [vendor.id]),
			[{ decision: 'rejected' }, { decision: null }], 'the rejected review stays as history');
		assert.equal(auditEntries('vendor.resubmit', 'vendor', vendor.id).length, 1, 'audited');
		res = await client.get('/vendor/');
		assertShows(res.text, 'Being checked.');
	});
});

describe('listings', () => {
	test('a vendor sees only their own products, with the right count', async () => {
		const client = await loginAs('vendor');
		const me = sqlRow("SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = 'northwind-home@demo.bazaar.test'");
		const total = Number(qValue('SELECT COUNT(*) FROM products WHERE vendor_id = @p1', [me.id]));
		assert.ok(total > 0, 'the demo vendor has products');
		const res = await client.get('/vendor/listings');
		assert.equal(res.status, 200);
		assertLayout(res.text, '/vendor/listings');
		const newest = sqlRow('SELECT name FROM products WHERE vendor_id = @p1 ORDER BY created_at DESC, id DESC LIMIT 1', [me.id]);
		assertShows(res.text, newest.name, 'the newest product is on the first page');
		const rows = (res.text.match(/<tr class="state-/g) ?? []).length;
		assert.equal(rows, Math.min(24, total), 'one page of the vendor\'s products');
		const foreign = sqlRow('SELECT name FROM products WHERE vendor_id <> @p1 AND name NOT IN (SELECT name FROM products WHERE vendor_id = @p1) ORDER BY id LIMIT 1', [me.id]);
		assertNotShows(res.text, foreign.name, 'another vendor\'s product');
		const past = await client.get('/vendor/listings?page=9999');
		assert.equal(past.status, 404, 'a page past the end');
		const bad = await client.get('/vendor/listings?page=abc');
		assert.equal(bad.status, 400);
	});

	test('a new vendor is told what is missing before listing', async () => {
		const { client } = await signupVendor();
		const res = await client.get('/vendor/listings');
		assert.equal(res.status, 200);
		assertShows(res.text, 'You have no listings yet.');
		assertShows(res.text, 'we have verified your shop');
		assertShows(res.text, 'you have verified your email address');
	});
});

// Account journeys in a real browser (Debian's Chromium through
// playwright-core), every form filled and sent the way a person does it:
//   1. a customer signs up, opens the mail, confirms the address, logs out
//      and logs in again;
//   2. a vendor signs up; an admin signs in with a TOTP code, passes every
//      item of the checklist in one submission with a note and approves; the
//      vendor is mailed;
//   3. a rejection: the vendor fixes the profile and resubmits, and is back
//      in the queue with the earlier review and the changed field visible;
//   4. an admin blocks a logged-in customer: the next request throws them
//      out and the login page says why.
// The main pages are checked with axe-core (no serious or critical
// violation) and saved as screenshots; the browser must log no errors.
// The mail is read at /dev/mail when the stack has the developer pages,
// else from the message file the mailer wrote.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, PHONE, assertNoProblems, checkAccessibility, flash, launchBrowser, newContext, screenshot, submit, text,
} from '../lib/browser.mjs';
import {
	DEMO_PASSWORDS, dataKeySecrets, demoAdmin, demoAdminSecret, findSecretsInLogs, freshTotp, mailLink,
	newPassword, outboxMark, pathOf, qRow, rememberSecret, rememberedSecrets, signupCustomer, uniqueEmail,
	userByEmail, waitForMail,
} from '../lib/accounts.mjs';
import { sleep, sql, sqlRow } from '../lib/stack.mjs';

const ITEMS = ['registration', 'tax_id', 'address', 'contact', 'bank_holder', 'prohibited'];

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});


/**
 * Forgets the browser's console note about a page answered on purpose with
 * a 4xx status (a form shown again with what is wrong, a refused login):
 * Chromium reports every such document as "Failed to load resource".
 */
function expectStatus(context, status) {
	const note = `Failed to load resource: the server responded with a status of ${status}`;
	context.problems = context.problems.filter((p) => !(p.startsWith('console error on ') && p.includes(note)));
}

// Accessibility findings of the running test: a journey goes on after one,
// so that a single finding does not hide the rest; the test then fails.
let a11y = [];

/** Fails the test when a page of it had serious or critical axe findings. */
function assertAccessible() {
	const found = a11y;
	a11y = [];
	assert.deepEqual(found, [], `accessibility:\n${found.join('\n')}`);
}

/** Screenshot, axe and "no browser problems" for the page shown. */
async function checkPage(page, context, shot) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	const viewport = page.viewportSize().width;
	assert.ok(width <= viewport + 1, `${page.url()} is ${width}px wide in a ${viewport}px viewport`);
	await screenshot(page, shot);
	try {
		await checkAccessibility(page, shot);
	} catch (e) {
		if (!(e instanceof assert.AssertionError)) throw e;
		a11y.push(e.message);
	}
	assertNoProblems(context);
}

/** Notes the session cookie of a browser context as a secret (log check). */
async function rememberCookies(context) {
	for (const c of await context.cookies()) {
		if (/bz_session|bz_csrf/.test(c.name) && c.value) rememberSecret(c.name.includes('session') ? 'session-token' : 'csrf-token', c.value);
	}
}


/**
 * Opens the newest mail to `to` (queued after `after`) and follows its link
 * to pathPrefix: through /dev/mail when the stack has it, else by opening
 * the link of the message file. Returns the mail.
 */
async function followMailLink(page, context, to, after, subject, pathPrefix, shot) {
	const mail = await waitForMail(to, { after, subject });
	const link = mailLink(mail, pathPrefix);
	const list = await page.goto('/dev/mail');
	if (list.status() === 200) {
		const entry = page.locator('.devmail-list li', { hasText: to }).filter({ hasText: subject }).first();
		await submit(page, entry.getByRole('link', { name: subject }));
		assert.match(page.url(), /\/dev\/mail\/\d+$/);
		await screenshot(page, `${shot}-devmail`);
		const a = page.locator(`pre.devmail-body a[href*="${pathPrefix}"]`).first();
		assert.equal(await a.getAttribute('href'), link, '/dev/mail shows the link of the message file');
		await submit(page, a);
	} else {
		assert.equal(list.status(), 404, '/dev/mail is either there or a 404');
		await page.goto(pathOf(link));
	}
	assert.equal(new URL(page.url()).pathname, new URL(link).pathname);
	assertNoProblems(context);
	return mail;
}

/** Fills the vendor sign-up form (account and business profile). */
async function fillVendorSignup(page, v) {
	for (const [id, value] of Object.entries(v)) await page.locator(`#${id}`).fill(value);
}

function newVendorDetails(tag = Date.now().toString(36)) {
	return {
		name: 'Vera Vendor',
		email: uniqueEmail('vendor'),
		password: newPassword(),
		legal_name: `Journey Goods ${tag} Ltd`,
		trading_name: `Journey Goods ${tag}`,
		registration_number: `HRB ${100000 + Math.floor(Math.random() * 899999)}`,
		tax_id: 'DE811000123',
		address: '5 Market Street\n10115 Berlin\nDE',
		phone: '+49 30 5550 7777',
		website: 'https://journey.example.test',
		description: 'Small-batch goods for the journey tests.',
		bank_holder: `Journey Goods ${tag} Ltd`,
		bank_account: 'DE89 3704 0044 0532 0130 00',
	};
}

// The admin's browser, signed in once for journeys 2 to 4.
let adminContext;
let adminPage;
async function adminSignedIn() {
	if (adminPage) return adminPage;
	await adminContext?.close();
	adminContext = await newContext(browser, DESKTOP);
	const page = await adminContext.newPage();
	const admin = demoAdmin();
	await page.goto('/admin/login');
	await checkPage(page, adminContext, 'admin-1-login');
	await page.locator('#email').fill(admin.email);
	await page.locator('#password').fill(admin.password);
	await submit(page, page.getByRole('button', { name: 'Continue' }));
	assert.match(new URL(page.url()).pathname, /^\/admin\/2fa$/);
	await checkPage(page, adminContext, 'admin-2-second-factor');
	const { code } = await freshTotp(admin.secret, admin.id);
	await page.locator('#code').fill(code);
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(new URL(page.url()).pathname, '/admin/');
	assert.equal(await flash(page), 'You are signed in.');
	await checkPage(page, adminContext, 'admin-3-home');
	assert.equal(await page.locator('form[action="/search"]').count(), 0, 'no shop search box on the admin site');
	assert.equal(await page.getByRole('button', { name: /log out/i }).count(), 1, 'one log-out on the admin site');
	await rememberCookies(adminContext);
	adminPage = page;
	return page;
}
after(async () => {
	await adminContext?.close();
});

describe('journey 1: a customer signs up, confirms the address, logs out and in', () => {
	test('sign up -> mail -> confirm -> log out -> log in', async () => {
		const context = await newContext(browser, DESKTOP);
		try {
			const page = await context.newPage();
			const email = uniqueEmail('journey');
			const password = newPassword();
			await page.goto('/');
			await submit(page, page.locator('.account-nav').getByRole('link', { name: 'Sign up' }));
			assert.equal(new URL(page.url()).pathname, '/signup');
			await checkPage(page, context, 'customer-1-signup');

			// A mistake first: the server's answer shows it next to the field.
			await page.getByLabel('Your name').fill('Jo Journey');
			await page.getByLabel('Email address').fill(email);
			await page.getByLabel('Password', { exact: true }).fill('too short');
			await page.locator('form[action="/signup"]').evaluate((f) => { f.noValidate = true; });
			await submit(page, page.getByRole('button', { name: 'Create account' }));
			expectStatus(context, 422);
			assert.equal(new URL(page.url()).pathname, '/signup');
			assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
			assert.match(await text(page.locator('#password-error')), /Use at least 12 characters/);
			assert.equal(await page.getByLabel('Email address').inputValue(), email, 'the address is kept');
			assert.equal(await page.locator('#password').inputValue(), '', 'the password is not');
			await checkPage(page, context, 'customer-2-signup-error');
			assert.equal(userByEmail(email), null, 'no account yet');

			const mark = outboxMark();
			await page.getByLabel('Password', { exact: true }).fill(password);
			await submit(page, page.getByRole('button', { name: 'Create account' }));
			assert.equal(new URL(page.url()).pathname, '/verify');
			assert.equal(await flash(page), 'Welcome! Your account is created.');
			assert.ok((await text(page.locator('main'))).includes(`We sent a mail to ${email}`));
			assert.equal(await page.locator('.verify-banner').count(), 0, 'the page says it once: no banner as well');
			await checkPage(page, context, 'customer-3-verify-code');
			await rememberCookies(context);

			await followMailLink(page, context, email, mark, 'Confirm your email address', '/verify', 'customer-4');
			assert.ok(await page.getByRole('button', { name: 'Confirm my email address' }).isVisible());
			await checkPage(page, context, 'customer-5-confirm');
			await submit(page, page.getByRole('button', { name: 'Confirm my email address' }));
			assert.equal(new URL(page.url()).pathname, '/account');
			assert.equal(await flash(page), 'Thank you: your email address is confirmed.');
			assert.notEqual(userByEmail(email).email_verified_at, null, 'verified in the database');
			await checkPage(page, context, 'customer-6-account');

			await submit(page, page.locator('.account-nav').getByRole('button', { name: 'Log out' }));
			assert.equal(new URL(page.url()).pathname, '/');
			assert.equal(await flash(page), 'You are logged out.');
			assert.equal(sql('SELECT id FROM sessions WHERE user_id = @p1', [userByEmail(email).id]).length, 0);

			await submit(page, page.locator('.account-nav').getByRole('link', { name: 'Log in' }));
			assert.equal(new URL(page.url()).pathname, '/login');
			await checkPage(page, context, 'customer-7-login');
			await page.getByLabel('Email address').fill(email);
			await page.getByLabel('Password', { exact: true }).fill(password);
			await submit(page, page.getByRole('button', { name: 'Log in' }));
			assert.equal(new URL(page.url()).pathname, '/');
			assert.equal(await text(page.locator('.account-nav a[href="/account"]')), 'Jo Journey', 'the header names the customer');
			await rememberCookies(context);
			assertNoProblems(context);
			assertAccessible();
		} finally {
			await context.close();
		}
	});
});

describe('journey 2: vendor sign-up, checklist and approval', () => {
	test('a vendor signs up; the admin passes every item at once with a note and approves; the vendor is mailed', async () => {
		const context = await newContext(browser, DESKTOP);
		try {
			const page = await context.newPage();
			const v = newVendorDetails();
			await page.goto('/');
			await submit(page, page.locator('.account-nav').getByRole('link', { name: /^Sell on / }));
			assert.equal(new URL(page.url()).pathname, '/vendor/signup');
			await checkPage(page, context, 'vendor-1-signup');
			await fillVendorSignup(page, v);
			await submit(page, page.getByRole('button', { name: 'Create my vendor account' }));
			assert.equal(new URL(page.url()).pathname, '/vendor/');
			assert.match(await flash(page), /We are checking your business details/);
			assert.match(await text(page.locator('main')), /Being checked\./);
			await checkPage(page, context, 'vendor-2-dashboard');
			assert.equal(await page.getByRole('button', { name: /log out/i }).count(), 1, 'one log-out in the vendor portal');
			await rememberCookies(context);
			const vendor = qRow('SELECT v.id, v.slug, v.status FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = @p1', [v.email]);
			assert.equal(vendor.status, 'pending');

			const admin = await adminSignedIn();
			await admin.goto('/admin/vendors');
			await checkPage(admin, adminContext, 'admin-4-queue');
			await submit(admin, admin.getByRole('link', { name: v.trading_name }));
			assert.equal(new URL(admin.url()).pathname, `/admin/vendors/${vendor.id}`);
			await checkPage(admin, adminContext, 'admin-5-vendor');
			assert.ok((await text(admin.locator('main'))).includes('DE89370400440532013000'), 'the bank account, opened');
			// One form ticks every check; one submission saves them all.
			for (const item of ITEMS)
				await admin.locator(`#pass-${item}`).check();
			await admin.getByLabel(/Note, saved with each ticked check/).fill('Looked at every check in the journey.');
			await submit(admin, admin.getByRole('button', { name: 'Save the ticked checks as passed' }));
			assert.match(await flash(admin), /^Saved: 6 checks passed\.$/);
			for (const item of ITEMS)
				assert.match(await text(admin.locator(`#check-${item}`)), /Passed/);
			assert.match(await text(admin.locator('#review')), /6 of 6 checks passed/);
			const mark = outboxMark();
			await submit(admin, admin.getByRole('button', { name: 'Approve vendor' }));
			assert.match(await flash(admin), /^Vendor approved\./);
			await checkPage(admin, adminContext, 'admin-6-approved');
			assert.equal(sqlRow('SELECT status FROM vendors WHERE id = @p1', [vendor.id]).status, 'verified');
			assert.deepEqual(sql('SELECT item, passed, note FROM vendor_checks c JOIN vendor_reviews r ON r.id = c.review_id WHERE r.vendor_id = @p1 ORDER BY item', [vendor.id]),
				[...ITEMS].sort().map((i) => ({ item: i, passed: '1', note: 'Looked at every check in the journey.' })));

			const mail = await followMailLink(page, context, v.email, mark, 'Your shop is approved', '/v/', 'vendor-3');
			assert.ok(mail.body.includes(v.trading_name), 'the mail names the shop');
			assert.equal(new URL(page.url()).pathname, `/v/${vendor.slug}`, 'the mail links the public shop');
			assert.equal(await text(page.locator('h1')), v.trading_name);
			await page.goto('/vendor/');
			assert.match(await text(page.locator('main')), /Verified\./);
			assertNoProblems(context);
			assertAccessible();
		} finally {
			await context.close();
		}
	});
});

describe('journey 3: rejection, fix, resubmission', () => {
	test('the admin rejects; the vendor fixes the profile and resubmits; the queue shows it with its history', async () => {
		const context = await newContext(browser, DESKTOP);
		try {
			const page = await context.newPage();
			const v = newVendorDetails();
			await page.goto('/vendor/signup');
			await fillVendorSignup(page, v);
			await submit(page, page.getByRole('button', { name: 'Create my vendor account' }));
			assert.equal(new URL(page.url()).pathname, '/vendor/');
			const vendor = qRow('SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = @p1', [v.email]);

			const admin = await adminSignedIn();
			await admin.goto(`/admin/vendors/${vendor.id}`);
			const reason = 'The registration number is not in the registry extract. Check it against your certificate.';
			await admin.locator('#reason').fill(reason);
			// Without the box: the form comes back, nothing changed.
			await admin.locator('form[action$="/reject"]').evaluate((f) => { f.noValidate = true; });
			await submit(admin, admin.getByRole('button', { name: 'Reject vendor' }));
			expectStatus(adminContext, 422);
			assert.match(await text(admin.locator('#confirm-error')), /Tick the box to confirm the rejection/);
			assert.equal(await admin.locator('#reason').inputValue(), reason, 'the reason is kept');
			await checkPage(admin, adminContext, 'admin-7-reject-error');
			assert.equal(sqlRow('SELECT status FROM vendors WHERE id = @p1', [vendor.id]).status, 'pending');
			const mark = outboxMark();
			await admin.getByLabel(/Yes, reject this submission/).check();
			await submit(admin, admin.getByRole('button', { name: 'Reject vendor' }));
			assert.match(await flash(admin), /^Vendor rejected\./);
			assert.equal(sqlRow('SELECT status FROM vendors WHERE id = @p1', [vendor.id]).status, 'rejected');
			const mail = await waitForMail(v.email, { after: mark, subject: 'Your vendor profile needs changes' });
			assert.ok(mail.body.replace(/\s+/g, ' ').includes(reason), 'the mail gives the reason');

			await page.goto('/vendor/');
			const main = await text(page.locator('main'));
			assert.match(main, /Not approved\./);
			assert.ok(main.includes(reason), 'the dashboard shows the reason');
			await checkPage(page, context, 'vendor-4-rejected');
			await submit(page, page.locator('main').getByRole('link', { name: 'edit your business profile' }));
			assert.equal(new URL(page.url()).pathname, '/vendor/profile');
			await checkPage(page, context, 'vendor-5-profile');
			await page.locator('#registration_number').fill('HRB 104237');
			await submit(page, page.getByRole('button', { name: 'Save my profile' }));
			assert.equal(new URL(page.url()).pathname, '/vendor/');
			assert.match(await flash(page), /send it for checking again/);
			assert.equal(sqlRow('SELECT registration_number FROM vendors WHERE id = @p1', [vendor.id]).registration_number, 'HRB 104237');
			await submit(page, page.getByRole('button', { name: 'Send my profile for checking again' }));
			assert.match(await flash(page), /sent for checking again/);
			assert.match(await text(page.locator('main')), /Being checked\./);
			assert.deepEqual(sql('SELECT decision FROM vendor_reviews WHERE vendor_id = @p1 ORDER BY id', [vendor.id]),
				[{ decision: 'rejected' }, { decision: null }]);

			await admin.goto('/admin/vendors');
			const row = admin.locator('tr', { has: admin.getByRole('link', { name: v.trading_name }) });
			assert.equal(await row.count(), 1, 'back in the queue');
			await submit(admin, row.getByRole('link', { name: v.trading_name }));
			const history = admin.locator('.review-history');
			assert.equal(await history.count(), 1, 'the earlier review is shown');
			const h = await text(history.first());
			assert.match(h, /^Rejected /);
			assert.ok(h.includes(reason), `the history gives the reason: ${h}`);
			assert.match(await text(admin.locator('#review')), /0 of 6 checks passed/, 'a new review, unchecked');
			const changes = await text(admin.locator('#review table'));
			assert.match(changes, /Registration number\s+HRB 104237/, `the changed field, with its value now: ${changes}`);
			await checkPage(admin, adminContext, 'admin-8-resubmitted');
			assertNoProblems(context);
			assertAccessible();
		} finally {
			await context.close();
		}
	});
});

describe('journey 4: an admin blocks a logged-in customer', () => {
	test('the next request throws them out and the login page says why', async () => {
		const { email, password, user } = await signupCustomer({ name: 'Blake Blocked' });
		const context = await newContext(browser, DESKTOP);
		try {
			const page = await context.newPage();
			await page.goto('/login?next=/account');
			await page.getByLabel('Email address').fill(email);
			await page.getByLabel('Password', { exact: true }).fill(password);
			await submit(page, page.getByRole('button', { name: 'Log in' }));
			assert.equal(new URL(page.url()).pathname, '/account');
			await rememberCookies(context);

			const admin = await adminSignedIn();
			await admin.goto('/admin/users');
			await admin.getByLabel('Email or name contains').fill(email);
			await submit(admin, admin.getByRole('button', { name: 'Find' }));
			await submit(admin, admin.getByRole('link', { name: email }));
			assert.equal(new URL(admin.url()).pathname, `/admin/users/${user.id}`);
			await checkPage(admin, adminContext, 'admin-9-user');
			const reason = 'Repeated abuse of the returns policy.';
			await admin.locator('#reason').fill(reason);
			await admin.locator('#confirm').check();
			await submit(admin, admin.getByRole('button', { name: 'Block account' }));
			assert.match(await flash(admin), /^Account blocked\./);
			assert.equal(userByEmail(email).status, 'blocked');
			// The session is ended by the customer's next request, which can then say why.
			assert.ok(sql('SELECT id FROM sessions WHERE user_id = @p1', [user.id]).length > 0, 'the session waits for the next request');

			await page.reload();
			assert.equal(new URL(page.url()).pathname, '/login', 'thrown out to the login page');
			const told = await flash(page);
			assert.ok(told.startsWith('Your account has been blocked'), `the login page says the account is blocked: ${told}`);
			assert.ok(told.includes(reason), 'and why, before any login attempt');
			assert.equal(sql('SELECT id FROM sessions WHERE user_id = @p1', [user.id]).length, 0, 'every session ended');
			await page.getByLabel('Email address').fill(email);
			await page.getByLabel('Password', { exact: true }).fill(password);
			await submit(page, page.getByRole('button', { name: 'Log in' }));
			expectStatus(context, 403);
			const main = await text(page.locator('main'));
			assert.match(main, /blocked/i, 'the login page says the account is blocked');
			assert.ok(main.includes(reason), 'and why');
			await checkPage(page, context, 'customer-8-blocked');
			assert.equal((await context.cookies()).filter((c) => c.name === 'bz_session').length, 0, 'no session');
			assertNoProblems(context);
			assertAccessible();
		} finally {
			await context.close();
		}
	});
});

describe('account pages on a phone', () => {
	test('sign-up, login, vendor sign-up and account pages fit a phone and pass axe', async () => {
		const { email, password } = await signupCustomer({ name: 'Pip Phone' });
		const context = await newContext(browser, PHONE);
		try {
			const page = await context.newPage();
			for (const [path, shot] of [['/signup', 'phone-signup'], ['/login', 'phone-login'], ['/vendor/signup', 'phone-vendor-signup'], ['/reset', 'phone-reset'], ['/admin/login', 'phone-admin-login']]) {
				const res = await page.goto(path);
				assert.equal(res.status(), 200, path);
				await checkPage(page, context, shot);
			}
			await page.goto('/login');
			await page.getByLabel('Email address').fill(email);
			await page.getByLabel('Password', { exact: true }).fill(password);
			await submit(page, page.getByRole('button', { name: 'Log in' }));
			for (const [path, shot] of [['/account', 'phone-account'], ['/account/addresses', 'phone-addresses'], ['/account/sessions', 'phone-sessions'], ['/vendor/signup', 'phone-vendor-signup-signed-in']]) {
				const res = await page.goto(path);
				assert.equal(res.status(), 200, path);
				await checkPage(page, context, shot);
			}
			await rememberCookies(context);
			assertAccessible();
		} finally {
			await context.close();
		}
	});
});

describe('after the journeys', () => {
	test('the logs hold none of the secrets the journeys used', async () => {
		await sleep(1500);	// nginx writes its access log at most a second late
		const secrets = [
			...DEMO_PASSWORDS.map((value) => ({ kind: 'demo-password', value })),
			{ kind: 'totp-secret', value: demoAdminSecret() },
			...dataKeySecrets(),
			...rememberedSecrets(),
		];
		const found = findSecretsInLogs(secrets);
		const report = found.map((f) => `  ${f.file}: ${f.kind}\n    ${f.excerpt}`).join('\n');
		assert.equal(found.length, 0, `${found.length} secrets found in the logs:\n${report}`);
	});
});

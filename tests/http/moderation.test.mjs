// Listing moderation through nginx: a newly verified shop's first listing
// waits for review, a prohibited word holds a listing (a new one, and an
// edit of a live one), the admin's queue shows what changed, approving puts
// the listing on the storefront at the next request, rejecting sends the
// vendor the reason (mail and the listing's page) and the vendor can edit
// and publish again. Decisions are audited; non-admins, a missing CSRF token
// and an empty reason change nothing.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	Client, adminLogin, assertFieldError, assertRedirect, auditEntries, fieldValue, formFor,
	outboxMark, ownAdmin, q, qValue, signupVendor, textOf, waitForMail,
} from '../lib/accounts.mjs';
import { assertShows, sqlRow } from '../lib/stack.mjs';

const ITEMS = ['registration', 'tax_id', 'address', 'contact', 'bank_holder', 'prohibited'];
// Unique per run, so that no other listing (the demo catalogue, another
// test's) is held by it.
const WORD = `zzforbidden${Math.random().toString(36).slice(2, 8)}`;

let admin;		// an admin of this file's own, second factor passed
let vendor;		// a new shop, verified through the admin site
let category;		// a leaf category's id
before(async () => {
	admin = new Client();
	assert.equal(await adminLogin(admin, await ownAdmin()), '/admin/');
	vendor = await signupVendor();
	// Publishing needs a confirmed address; the sign-up mail's link is the
	// accounts tests' business.
	q('UPDATE users SET email_verified_at = NOW() WHERE id = @p1', [vendor.user.id]);
	const id = vendor.vendor.id;
	await admin.form(`/admin/vendors/${id}`);
	const checks = Object.fromEntries(ITEMS.map((i) => [`pass_${i}`, 'yes']));
	assertRedirect(await admin.post(`/admin/vendors/${id}/checks`, checks), 303, 'checks');
	assertRedirect(await admin.post(`/admin/vendors/${id}/approve`, {}), 303, 'approve');
	category = Number(qValue(`SELECT c.id FROM categories c WHERE NOT EXISTS
		(SELECT 1 FROM categories s WHERE s.parent_id = c.id) ORDER BY c.id LIMIT 1`));
});
after(async () => {
	q('DELETE FROM prohibited_words WHERE folded = @p1', [WORD]);
	for (const [c, page] of [[admin, '/admin/'], [vendor?.client, '/vendor/']]) {
		if (c?.session) {
			await c.form(page);
			await c.post(page.startsWith('/admin') ? '/admin/logout' : '/logout', {});
		}
	}
});

const product = (id) => sqlRow('SELECT id, status, slug, name FROM products WHERE id = @p1', [id]);
const pending = (id) => sqlRow(`SELECT id, revision, cause FROM listing_reviews
	WHERE product_id = @p1 AND status = 'pending'`, [id]);
const productPath = (p) => `/p/${p.id}-${p.slug}`;

/** The vendor saves a new listing and publishes it; returns its product row. */
async function publishNew(name, description = 'Made by hand from oak. Each one a little different.') {
	await vendor.client.form('/vendor/listings/new');
	const res = await vendor.client.post('/vendor/listings/new', {
		name, description, category, price: '24.50', stock: '3', publish: '1',
	});
	assertRedirect(res, 303, `publishing ${name}`);
	const id = Number(qValue('SELECT MAX(id) FROM products WHERE vendor_id = @p1 AND name = @p2',
		[vendor.vendor.id, name]));
	assert.ok(id > 0, `${name} saved`);
	return product(id);
}

/** The admin opens the review page and sends a decision from its form. */
async function decide(p, action, fields = {}) {
	const page = await admin.form(`/admin/listings/${p.id}`);
	const form = formFor(page.text, `/admin/listings/${p.id}/${action}`);
	assert.ok(form, `the ${action} form`);
	return admin.post(`/admin/listings/${p.id}/${action}`, { review: form.fields.review, revision: form.fields.revision, ...fields });
}

describe('listing moderation', () => {
	let first;		// the shop's first listing

	test('a newly verified shop\'s first listing waits for review, off the storefront', async () => {
		assert.deepEqual(sqlRow('SELECT listing_review, listing_review_first FROM vendors WHERE id = @p1', [vendor.vendor.id]),
			{ listing_review: 'first', listing_review_first: '3' });
		first = await publishNew('Oak Serving Board');
		assert.equal(first.status, 'review');
		const review = pending(first.id);
		assert.ok(review, 'a pending review');
		assert.match(review.cause, /reviewed before they are published/);
		const page = await vendor.client.get(`/vendor/listings/${first.id}/edit`);
		assert.equal(page.status, 200);
		assertShows(page.text, 'Waiting for review');
		assert.equal((await new Client().get(productPath(first))).status, 404, 'not on the storefront');
	});

	test('only admins see the queue; without the CSRF token nothing is decided', async () => {
		const anon = await new Client().get('/admin/listings/review');
		assert.equal(anon.status, 303);
		assert.match(anon.location, /\/admin\/login/);
		assert.equal((await vendor.client.get('/admin/listings/review')).status, 404, 'a vendor gets 404');
		assert.equal((await vendor.client.get(`/admin/listings/${first.id}`)).status, 404);
		const page = await admin.form(`/admin/listings/${first.id}`);
		const form = formFor(page.text, `/admin/listings/${first.id}/approve`);
		const res = await admin.post(`/admin/listings/${first.id}/approve`,
			{ review: form.fields.review, revision: form.fields.revision }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(product(first.id).status, 'review', 'nothing changed');
		assert.equal(auditEntries('listing.approve', 'product', first.id).length, 0);
	});

	test('the queue shows it; approving puts it on the storefront at the next request, mailed and audited', async () => {
		const queue = await admin.get('/admin/listings/review');
		assert.equal(queue.status, 200);
		assert.ok(queue.text.includes(`href="/admin/listings/${first.id}"`), 'the queue links the listing');
		assertShows(queue.text, 'Oak Serving Board');
		assertShows(queue.text, vendor.vendor.trading_name);
		const page = await admin.form(`/admin/listings/${first.id}`);
		const form = formFor(page.text, `/admin/listings/${first.id}/approve`);
		const fields = { review: form.fields.review, revision: form.fields.revision };
		const mark = outboxMark();
		const res = await admin.post(`/admin/listings/${first.id}/approve`, fields);
		assert.equal(assertRedirect(res, 303, 'approve'), '/admin/listings/review');
		assert.equal(product(first.id).status, 'active');
		const live = await new Client().get(productPath(first));
		assert.equal(live.status, 200, 'on the storefront at once');
		assertShows(live.text, 'Oak Serving Board');
		assert.equal(auditEntries('listing.approve', 'product', first.id).length, 1, 'listing.approve audited');
		const mail = await waitForMail(vendor.email, { after: mark, subject: 'Your listing is approved' });
		assert.match(mail.body, /Oak Serving Board/);
		// the same form sent again (a double click): decided already, nothing more
		const again = await admin.post(`/admin/listings/${first.id}/approve`, fields);
		assert.equal(again.status, 409);
		assertShows(again.text, 'This listing was approved a moment ago');
		assert.equal(auditEntries('listing.approve', 'product', first.id).length, 1);
	});

	test('a prohibited word holds a new listing and an edit of a live one', async () => {
		await admin.form('/admin/prohibited-words');
		assertRedirect(await admin.post('/admin/prohibited-words', { word: WORD.toUpperCase() }), 303, 'adding the word');
		assert.equal(qValue('SELECT COUNT(*) FROM prohibited_words WHERE folded = @p1', [WORD]), '1');
		// the shop stops being reviewed by its setting
		await admin.form(`/admin/vendors/${vendor.vendor.id}`);
		assertRedirect(await admin.post(`/admin/vendors/${vendor.vendor.id}/listing-review`, { mode: 'off', first: '3' }), 303);
		const plain = await publishNew('Oak Coaster Set');
		assert.equal(plain.status, 'active', 'without the word: live at once');
		const flagged = await publishNew('Oak Spoon', `A spoon, ${WORD}, carved by hand.`);
		assert.equal(flagged.status, 'review');
		assert.match(pending(flagged.id).cause, new RegExp(WORD.toUpperCase()));
		// the live one edited to contain the word: off the storefront, in review
		let page = await vendor.client.form(`/vendor/listings/${plain.id}/edit`);
		const res = await vendor.client.post(`/vendor/listings/${plain.id}/edit`, {
			name: `Oak Coaster Set ${WORD}`, description: fieldValue(page.text, 'description') || 'Oak coasters.',
			category, price: '12.00', stock: '3',
		});
		assertRedirect(res, 303, 'the edit');
		assert.equal(product(plain.id).status, 'review');
		assert.equal((await new Client().get(productPath(product(plain.id)))).status, 404, 'off the storefront');
		page = await admin.get('/admin/listings/review');
		assertShows(page.text, 'Oak Coaster Set');
		assert.match(textOf(page.text), /Price: €24\.50 → €12\.00/, 'the price change in the queue');
	});

	test('rejecting needs a reason; the vendor is mailed it, sees it, edits and publishes again', async () => {
		const spoon = product(Number(qValue('SELECT MAX(id) FROM products WHERE vendor_id = @p1 AND name = @p2',
			[vendor.vendor.id, 'Oak Spoon'])));
		let res = await decide(spoon, 'reject', { reason: '' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'reason', 'at least 10 characters');
		assert.equal(product(spoon.id).status, 'review', 'nothing changed');
		const mark = outboxMark();
		const reason = 'Weapons are not sold here: describe the spoon without that word.';
		res = await decide(spoon, 'reject', { reason });
		assertRedirect(res, 303, 'reject');
		assert.equal(product(spoon.id).status, 'draft');
		assert.equal(auditEntries('listing.reject', 'product', spoon.id).length, 1, 'listing.reject audited');
		const mail = await waitForMail(vendor.email, { after: mark, subject: 'Your listing needs changes' });
		assert.match(mail.body, /Weapons are not sold here/);
		const page = await vendor.client.form(`/vendor/listings/${spoon.id}/edit`);
		assertShows(page.text, reason, 'the vendor sees why');
		// fixed and published again: live (the shop is no longer reviewed)
		res = await vendor.client.post(`/vendor/listings/${spoon.id}/edit`, {
			name: 'Oak Spoon', description: 'A spoon carved by hand.', category, price: '24.50', stock: '3', publish: '1',
		});
		assertRedirect(res, 303, 'published again');
		assert.equal(product(spoon.id).status, 'active');
	});
});

// Blocking a vendor takes every one of its products off the storefront at
// once, including product pages that nginx was answering straight from
// memcached, and unblocking brings them back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, adminLogin, assertRedirect, ownAdmin, qRow } from '../lib/accounts.mjs';
import { get, searchSettled } from '../lib/stack.mjs';

let admin;
let vendor;	// { id, user_id, slug }
let product;	// { path, name }

before(async () => {
	// The verified demo vendor with the most active products, and its most
	// popular product (on the category page's first page).
	vendor = qRow(`SELECT v.id, v.user_id, v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id
		WHERE v.status = 'verified' AND p.status = 'active' AND v.user_id IS NOT NULL
		GROUP BY v.id ORDER BY COUNT(*) DESC, v.id LIMIT 1`);
	const p = qRow(`SELECT p.id, p.slug, p.name, c.slug AS category FROM products p JOIN categories c ON c.id = p.top_category_id
		WHERE p.vendor_id = @p1 AND p.status = 'active' ORDER BY p.popularity DESC, p.id LIMIT 1`, [vendor.id]);
	product = { path: `/p/${p.id}-${p.slug}`, name: p.name, category: `/c/${p.category}` };
	admin = new Client();
	assert.equal(await adminLogin(admin, await ownAdmin()), '/admin/');
});

after(async () => {
	// Whatever happened, the demo vendor is left unblocked.
	const state = qRow('SELECT status FROM users WHERE id = @p1', [vendor.user_id]);
	if (state.status === 'blocked') {
		await admin.form(`/admin/users/${vendor.user_id}`);
		await admin.post(`/admin/users/${vendor.user_id}/unblock`, { reason: 'Test over.' });
	}
	await admin.form('/admin/');
	await admin.post('/admin/logout', {});
});

test('a blocked vendor\'s cached product page, shop and listings disappear at once and come back', async () => {
	// Seen twice by anonymous visitors: the second answer comes from memcached through nginx.
	assert.equal((await get(product.path)).status, 200);
	const cached = await get(product.path);
	assert.equal(cached.status, 200);
	assert.equal(cached.headers.get('x-cache'), 'HIT', 'nginx answers the page from memcached');
	assert.ok((await get(product.category)).text.includes(`href="${product.path}"`), 'listed in its category');

	await admin.form(`/admin/users/${vendor.user_id}`);
	assertRedirect(await admin.post(`/admin/users/${vendor.user_id}/block`,
		{ reason: 'Listings under investigation.', confirm: 'yes' }), 303, 'block');
	assert.equal(qRow('SELECT status FROM vendors WHERE id = @p1', [vendor.id]).status, 'blocked');

	const gone = await get(product.path);
	assert.equal(gone.status, 404, 'the product page is gone at the next request');
	assert.notEqual(gone.headers.get('x-cache'), 'HIT');
	assert.equal((await get(`/v/${vendor.slug}`)).status, 404, 'the shop is gone');
	assert.ok(!(await get(product.category)).text.includes(`href="${product.path}"`), 'not listed any more');

	await admin.form(`/admin/users/${vendor.user_id}`);
	assertRedirect(await admin.post(`/admin/users/${vendor.user_id}/unblock`, { reason: 'Cleared.' }), 303, 'unblock');
	assert.equal((await get(product.path)).status, 200, 'the product is back');
	// Listings come from the search index, whose writer puts the shop's
	// products back within seconds of the unblocking's events (a blocked
	// shop's cards are left out of every listing at once, whatever the index).
	await searchSettled();
	assert.ok((await get(product.category)).text.includes(`href="${product.path}"`), 'listed again');
});

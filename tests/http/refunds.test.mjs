// Cancellations, refunds and returns through the pages: the customer's
// cancel and return, the vendor's decisions and receipt, the customer's
// escalation and the admin's decision, the admin's refunds (a provider that
// refuses changes nothing and waits for a retry; by hand), stock and
// amounts back exactly once, and many admins refunding one order at once
// never paying back more than was paid.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	Client, DEMO, assertRedirect, fieldError, flashOf, loginAdmin, loginAs, qRow, qValue, signupCustomer, textOf,
} from '../lib/accounts.mjs';
import {
	makeOrder, returnRows, stockOf, userIdOf, vendorIdOf, vendorOrder, vendorProducts,
} from '../lib/orders.mjs';

const customerId = () => userIdOf(DEMO.customer.email);
const vendorId = () => vendorIdOf(DEMO.vendor.email);
const otherVendorId = () => Number(qValue(`SELECT id FROM vendors WHERE status = 'verified' AND id <> @p1
	ORDER BY id LIMIT 1`, [vendorId()]));

/** The return id of the vendor order's latest return. */
const latestReturn = (voId) => Number(qValue('SELECT MAX(id) FROM returns WHERE vendor_order_id = @p1', [voId]));

test('a return from request to refund: stock and amount back once', async () => {
	const [p1, p2] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p1, qty: 2 }, { product: p2, qty: 1 }] });
	const customer = await loginAs('customer');
	let res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.equal(res.status, 200);
	assert.match(res.text, new RegExp(`Return items of ${o.voNumber}`));
	res = await customer.form(`/orders/${o.orderId}/returns/new?vendor_order=${o.voId}`);
	// nothing chosen: the form again, nothing written
	res = await customer.post(`/orders/${o.orderId}/returns`, [['vendor_order', o.voId], ['item', o.items[0].id],
		['qty', 0], ['item', o.items[1].id], ['qty', 0], ['reason', 'Too big']]);
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'qty') ?? textOf(res.text), /at least one item/);
	// more than bought
	res = await customer.post(`/orders/${o.orderId}/returns`, [['vendor_order', o.voId], ['item', o.items[0].id],
		['qty', 3], ['item', o.items[1].id], ['qty', 0], ['reason', 'Too big']]);
	assert.equal(res.status, 422);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM returns WHERE vendor_order_id = @p1', [o.voId])), 0);
	res = await customer.post(`/orders/${o.orderId}/returns`, [['vendor_order', o.voId], ['item', o.items[0].id],
		['qty', 1], ['item', o.items[1].id], ['qty', 0], ['reason', 'Too big']]);
	assertRedirect(res, 303, 'the return');
	const id = latestReturn(o.voId);
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /Requested: waiting for the vendor/);

	const vendor = await loginAs('vendor');
	res = await vendor.form('/vendor/returns');
	assert.match(res.text, new RegExp(o.voNumber));
	res = await vendor.form(`/vendor/returns/${id}`);
	res = await vendor.post(`/vendor/returns/${id}/accept`, { instructions: '' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'instructions') ?? '', /how and where/);
	res = await vendor.post(`/vendor/returns/${id}/accept`, { instructions: 'Post it to 1 Mill Lane, Leeds' });
	assertRedirect(res, 303, 'accept');
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /Post it to 1 Mill Lane, Leeds/);

	const stock = stockOf(p1.id);
	const rows = returnRows(p1.id);
	res = await vendor.form(`/vendor/returns/${id}`);
	res = await vendor.post(`/vendor/returns/${id}/receive`, { restock: 1 });
	assertRedirect(res, 303, 'receive');
	assert.equal(stockOf(p1.id), stock + 1);
	assert.equal(returnRows(p1.id), rows + 1);
	assert.equal(vendorOrder(o.voId).refunded, p1.price);
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'refunded');
	assert.equal(qValue('SELECT status FROM refunds WHERE return_id = @p1', [id]), 'manual');
	// a second receipt changes nothing
	res = await vendor.post(`/vendor/returns/${id}/receive`, { restock: 1 });
	assertRedirect(res, 303, 'receive again');
	assert.equal(stockOf(p1.id), stock + 1);
	assert.equal(vendorOrder(o.voId).refunded, p1.price);
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /Refunded/);
});

test('a refused return escalated to an admin, accepted and paid back', async () => {
	const [p1] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p1, qty: 1 }] });
	const customer = await loginAs('customer');
	await customer.form(`/orders/${o.orderId}/returns/new?vendor_order=${o.voId}`);
	assertRedirect(await customer.post(`/orders/${o.orderId}/returns`, [['vendor_order', o.voId],
		['item', o.items[0].id], ['qty', 1], ['reason', 'Arrived cracked']]));
	const id = latestReturn(o.voId);
	const vendor = await loginAs('vendor');
	await vendor.form(`/vendor/returns/${id}`);
	assertRedirect(await vendor.post(`/vendor/returns/${id}/refuse`, { refusal: 'It was used' }));
	let res = await customer.form(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /The shop refused: It was used/);
	assertRedirect(await customer.post(`/returns/${id}/escalate`, { note: 'Photos show the crack' }));
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'escalated');
	// the vendor can no longer decide
	res = await vendor.post(`/vendor/returns/${id}/accept`, { instructions: 'Send it' });
	assertRedirect(res);
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'escalated');

	const admin = await loginAdmin();
	res = await admin.form('/admin/returns');
	assert.match(res.text, new RegExp(o.voNumber));
	await admin.form(`/admin/returns/${id}`);
	assertRedirect(await admin.post(`/admin/returns/${id}/accept`, { instructions: 'Send it to the shop, prepaid label attached' }));
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /prepaid label attached/);
	const stock = stockOf(p1.id);
	await admin.form(`/admin/returns/${id}`);
	assertRedirect(await admin.post(`/admin/returns/${id}/receive`, { restock: 'yes' }));
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'refunded');
	assert.equal(stockOf(p1.id), stock + 1);
	assert.equal(vendorOrder(o.voId).refunded, p1.price);
	assert.ok(Number(qValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'return.accept' AND object_id = @p1`, [id])) >= 1);
});

test('cancelling before shipping: stock back and paid back once; after shipping refused', async () => {
	const [p1, p2] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'processing',
		lines: [{ product: p1, qty: 2 }, { product: p2, qty: 3 }] });
	const s1 = stockOf(p1.id);
	const s2 = stockOf(p2.id);
	const customer = await loginAs('customer');
	let res = await customer.form(`/orders/${o.orderId}/returns`);
	assert.match(res.text, new RegExp(`Cancel ${o.voNumber}`));
	res = await customer.post(`/orders/${o.orderId}/cancel`, { vendor_order: o.voId });
	assertRedirect(res);
	assert.equal(stockOf(p1.id), s1 + 2);
	assert.equal(stockOf(p2.id), s2 + 3);
	assert.deepEqual(vendorOrder(o.voId), { status: 'cancelled', refunded: o.total, total: o.total });
	res = await customer.post(`/orders/${o.orderId}/cancel`, { vendor_order: o.voId });
	assertRedirect(res);
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(flashOf(res.text) ?? '', /cannot be cancelled/);
	assert.equal(stockOf(p1.id), s1 + 2);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM refunds WHERE vendor_order_id = @p1', [o.voId])), 1);

	const shipped = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'shipped', lines: [{ product: p1, qty: 1 }] });
	const s = stockOf(p1.id);
	res = await customer.post(`/orders/${shipped.orderId}/cancel`, { vendor_order: shipped.voId });
	assertRedirect(res);
	assert.equal(vendorOrder(shipped.voId).status, 'shipped');
	assert.equal(stockOf(p1.id), s);
});

test('a vendor cancels with a reason the customer reads; another shop cannot', async () => {
	const [p1] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'processing', lines: [{ product: p1, qty: 1 }] });
	const vendor = await loginAs('vendor');
	await vendor.form(`/vendor/orders/${o.voId}/cancel`);
	let res = await vendor.post(`/vendor/orders/${o.voId}/cancel`, { reason: '' });
	assert.equal(res.status, 422);
	assert.equal(vendorOrder(o.voId).status, 'processing');
	res = await vendor.post(`/vendor/orders/${o.voId}/cancel`, { reason: 'The last one was damaged in the warehouse' });
	assertRedirect(res);
	assert.equal(vendorOrder(o.voId).status, 'cancelled');
	const customer = await loginAs('customer');
	res = await customer.get(`/orders/${o.orderId}/returns`);
	assert.match(textOf(res.text), /damaged in the warehouse/);
	res = await vendor.post(`/vendor/orders/${o.voId}/cancel`, { reason: 'Again' });
	assert.equal(res.status, 422);
	assert.match(res.text, /cannot be cancelled/);

	// another shop's order and return are not found
	const other = makeOrder({ userId: customerId(), vendorId: otherVendorId(), status: 'processing',
		lines: [{ product: vendorProducts(otherVendorId(), 1)[0], qty: 1 }] });
	res = await vendor.get(`/vendor/orders/${other.voId}/cancel`);
	assert.equal(res.status, 404);
	res = await vendor.post(`/vendor/orders/${other.voId}/cancel`, { reason: 'Not mine' });
	assert.equal(res.status, 404);
	assert.equal(vendorOrder(other.voId).status, 'processing');
});

test("another customer's order is not found", async () => {
	const [p1] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'processing', lines: [{ product: p1, qty: 1 }] });
	const { client } = await signupCustomer();
	assert.equal((await client.get(`/orders/${o.orderId}/returns`)).status, 404);
	await client.form('/account');
	assert.equal((await client.post(`/orders/${o.orderId}/cancel`, { vendor_order: o.voId })).status, 404);
	assert.equal(vendorOrder(o.voId).status, 'processing');
	assert.equal((await new Client().get(`/orders/${o.orderId}/returns`)).status, 303);
});

test('admin refunds: a provider refusal changes nothing and waits for a retry; by hand it is made', async () => {
	const [p1] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'delivered', method: 'card',
		lines: [{ product: p1, qty: 2 }] });
	const admin = await loginAdmin();
	let res = await admin.form(`/admin/refunds/new?number=${o.voNumber}`);
	const key = /name="key" value="([A-Za-z0-9_-]{43})"/.exec(res.text)?.[1];
	assert.ok(key, 'the form carries a key');
	res = await admin.post('/admin/refunds', { number: o.voNumber, key, amount: ((o.total + 1) / 100).toFixed(2), reason: 'Too much' });
	assert.equal(res.status, 422);
	assert.match(res.text, /more than is left/);
	const stock = stockOf(p1.id);
	res = await admin.post('/admin/refunds', [['number', o.voNumber], ['key', key], ['amount', (p1.price / 100).toFixed(2)],
		['reason', 'One broken'], ['item', o.items[0].id], ['restock', 1]]);
	assertRedirect(res);
	// the test stack's card payments have no provider that refunds: refused, nothing changed
	const row = qRow('SELECT id, status, failure FROM refunds WHERE idempotency_key = @p1', [key]);
	assert.equal(row.status, 'failed');
	assert.equal(vendorOrder(o.voId).refunded, 0);
	assert.equal(stockOf(p1.id), stock);
	res = await admin.get('/admin/refunds');
	assert.match(res.text, new RegExp(`/admin/refunds/${row.id}/retry`));
	// the same form sent again makes no second refund
	res = await admin.post('/admin/refunds', [['number', o.voNumber], ['key', key], ['amount', (p1.price / 100).toFixed(2)],
		['reason', 'One broken'], ['item', o.items[0].id], ['restock', 1]]);
	assertRedirect(res);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM refunds WHERE vendor_order_id = @p1', [o.voId])), 1);
	assertRedirect(await admin.post(`/admin/refunds/${row.id}/retry`, {}));
	assert.equal(qValue('SELECT attempts FROM refunds WHERE id = @p1', [row.id]), '2');
	assert.equal(vendorOrder(o.voId).refunded, 0);
	// by hand
	res = await admin.form(`/admin/refunds/new?number=${o.voNumber}`);
	const key2 = /name="key" value="([A-Za-z0-9_-]{43})"/.exec(res.text)[1];
	res = await admin.post('/admin/refunds', [['number', o.voNumber], ['key', key2], ['amount', (p1.price / 100).toFixed(2)],
		['reason', 'One broken'], ['manual', 'yes'], ['item', o.items[0].id], ['restock', 1]]);
	assertRedirect(res);
	assert.equal(vendorOrder(o.voId).refunded, p1.price);
	assert.equal(stockOf(p1.id), stock + 1);
	assert.equal(qValue('SELECT status FROM refunds WHERE idempotency_key = @p1', [key2]), 'manual');
});

test('many admin refunds of one order at once never pay back more than was paid', async () => {
	const [p1] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'delivered', lines: [{ product: p1, qty: 4 }] });
	const admin = await loginAdmin();
	const res = await admin.form(`/admin/refunds/new?number=${o.voNumber}`);
	assert.equal(res.status, 200);
	const part = Math.floor(o.total / 3);
	const keys = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}${Date.now().toString(16)}`.padEnd(43, 'a').slice(0, 43));
	const answers = await Promise.all(keys.map((key) => admin.post('/admin/refunds', { number: o.voNumber, key,
		amount: (part / 100).toFixed(2), reason: 'Race', manual: 'yes' })));
	for (const a of answers) assert.ok(a.status === 303 || a.status === 422, `status ${a.status}`);
	assert.equal(answers.filter((a) => a.status === 303).length, 3);
	assert.equal(vendorOrder(o.voId).refunded, part * 3);
	assert.equal(Number(qValue(`SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE vendor_order_id = @p1`, [o.voId])), part * 3);
	assert.ok(vendorOrder(o.voId).refunded <= o.total);
});

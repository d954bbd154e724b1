// Refunds the payment provider did not answer, through the pages: the
// sandbox provider answers 503 (having made the refund and lost the answer,
// or having made nothing). The refund is not failed and offers no retry with
// a new key: the admin's, the customer's and the shop's pages say it is being
// confirmed with the payment provider, and the refund job (its clock moved
// past the wait) asks again with the same key: made once at the provider.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { DEMO, flashOf, loginAdmin, loginAs, q, qRow, qValue, textOf } from '../lib/accounts.mjs';
import {
	insertRow, makeOrder, stockOf, userIdOf, vendorIdOf, vendorOrder, vendorProducts,
} from '../lib/orders.mjs';
import { env } from '../lib/stack.mjs';

const run = promisify(execFile);

const customerId = () => userIdOf(DEMO.customer.email);
const vendorId = () => vendorIdOf(DEMO.vendor.email);
const CONFIRMING = /being confirmed with the payment provider/i;

/** A card order whose payment the sandbox knows (succeeded), with the
 * sandbox's test switch in its description. */
function cardOrder(product, description, status = 'delivered') {
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status, method: 'card',
		lines: [{ product, qty: 2 }] });
	const pay = qRow('SELECT id, provider_ref FROM payments WHERE order_id = @p1', [o.orderId]);
	insertRow('sandbox_payments', {
		ref: pay.provider_ref, method: 'card', amount_minor: o.total, currency: 'EUR', description,
		return_url: '/', cancel_url: '/', status: 'succeeded',
	});
	return { ...o, ref: pay.provider_ref };
}

const sandboxRefunds = (ref) => Number(qValue(`SELECT COUNT(*) FROM sandbox_refunds sr
	JOIN sandbox_payments sp ON sp.id = sr.payment_id WHERE sp.ref = @p1`, [ref]));

// Twenty minutes on: past BAZAAR_REFUND_STUCK_AFTER (15 minutes).
const job = () => run(join(env('BAZAAR_ROOT'), 'build/bin/bazaar-refundsettle'), ['--once'],
	{ env: { ...process.env, BAZAAR_CLOCK_OFFSET: '1200' }, encoding: 'utf8' });

test('an admin refund whose answer was lost: being confirmed on every page, then made once by the job', async () => {
	const [p1] = vendorProducts(vendorId());
	const o = cardOrder(p1, 'unanswered refund test [refund answer lost]');
	const admin = await loginAdmin();
	let res = await admin.form(`/admin/refunds/new?number=${o.voNumber}`);
	const key = /name="key" value="([A-Za-z0-9_-]{43})"/.exec(res.text)?.[1];
	assert.ok(key, 'the form carries a key');
	const stock = stockOf(p1.id);
	const form = [['number', o.voNumber], ['key', key], ['amount', (p1.price / 100).toFixed(2)], ['reason', 'One broken'],
		['item', o.items[0].id], ['restock', 1]];
	res = await admin.post('/admin/refunds', form);
	assert.equal(res.status, 303);
	res = await admin.get('/admin/refunds');
	assert.match(flashOf(res.text) ?? '', CONFIRMING);
	const row = qRow('SELECT id, status, attempts FROM refunds WHERE idempotency_key = @p1', [key]);
	assert.equal(row.status, 'pending', 'not failed: the provider may have made it');
	assert.equal(sandboxRefunds(o.ref), 1, 'the provider made it');
	assert.equal(vendorOrder(o.voId).refunded, p1.price, 'held against the order');
	assert.equal(stockOf(p1.id), stock, 'nothing else done yet');
	const line = textOf(res.text.split('<tr').find((tr) => tr.includes(o.voNumber)) ?? '');
	assert.match(line, CONFIRMING);
	assert.doesNotMatch(res.text, new RegExp(`/admin/refunds/${row.id}/retry`), 'no retry with a new key');
	// the form sent again: the same refund, the provider not asked again
	res = await admin.post('/admin/refunds', form);
	assert.equal(res.status, 303);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM refunds WHERE vendor_order_id = @p1', [o.voId])), 1);
	assert.equal(sandboxRefunds(o.ref), 1);
	// a retry of a refund that is not failed changes nothing
	res = await admin.post(`/admin/refunds/${row.id}/retry`, {});
	assert.equal(res.status, 303);
	assert.equal(qValue('SELECT attempts FROM refunds WHERE id = @p1', [row.id]), '1');

	// the customer's and the shop's order pages say so too
	const customer = await loginAs('customer');
	res = await customer.get(`/orders/${o.orderId}`);
	assert.equal(res.status, 200);
	assert.match(textOf(res.text), CONFIRMING);
	const vendor = await loginAs('vendor');
	res = await vendor.get(`/vendor/orders/${o.voId}`);
	assert.equal(res.status, 200);
	assert.match(textOf(res.text), CONFIRMING);
	res = await admin.get(`/admin/orders/${o.orderId}`);
	assert.match(textOf(res.text), CONFIRMING);

	// The job asks again with the same key: the refund the provider made
	// is recorded, not made a second time.
	await job();
	const done = qRow('SELECT status, provider_ref, attempts FROM refunds WHERE id = @p1', [row.id]);
	assert.equal(done.status, 'succeeded');
	assert.equal(done.attempts, '1');
	assert.equal(sandboxRefunds(o.ref), 1, 'made once at the provider');
	assert.equal(done.provider_ref, qValue('SELECT ref FROM sandbox_refunds WHERE idempotency_key = @p1', [`${key}.1`]));
	assert.equal(Number(qValue('SELECT refunded_minor FROM sandbox_payments WHERE ref = @p1', [o.ref])), p1.price);
	assert.equal(vendorOrder(o.voId).refunded, p1.price);
	assert.equal(stockOf(p1.id), stock + 1);
	res = await customer.get(`/orders/${o.orderId}`);
	assert.doesNotMatch(textOf(res.text), CONFIRMING);
});

test('a cancellation and a received return the provider does not answer: being confirmed, no failure', async () => {
	const [p1, p2] = vendorProducts(vendorId());
	// The customer cancels a paid part that has not shipped.
	const c = cardOrder(p1, 'unanswered refund test [refund unavailable]', 'processing');
	const customer = await loginAs('customer');
	let res = await customer.form(`/orders/${c.orderId}/returns`);
	res = await customer.post(`/orders/${c.orderId}/cancel`, { vendor_order: c.voId });
	assert.equal(res.status, 303);
	res = await customer.get(`/orders/${c.orderId}/returns`);
	assert.match(flashOf(res.text) ?? '', CONFIRMING);
	assert.match(textOf(res.text), CONFIRMING);
	assert.equal(vendorOrder(c.voId).status, 'cancelled');
	assert.equal(qValue('SELECT status FROM refunds WHERE vendor_order_id = @p1', [c.voId]), 'pending');
	assert.equal(sandboxRefunds(c.ref), 0);

	// The shop receives a return.
	const r = cardOrder(p2, 'unanswered refund test [refund unavailable]');
	await customer.form(`/orders/${r.orderId}/returns/new?vendor_order=${r.voId}`);
	res = await customer.post(`/orders/${r.orderId}/returns`, [['vendor_order', r.voId], ['item', r.items[0].id],
		['qty', 1], ['reason', 'Too big']]);
	assert.equal(res.status, 303);
	const id = Number(qValue('SELECT MAX(id) FROM returns WHERE vendor_order_id = @p1', [r.voId]));
	const vendor = await loginAs('vendor');
	await vendor.form(`/vendor/returns/${id}`);
	assert.equal((await vendor.post(`/vendor/returns/${id}/accept`, { instructions: 'Post it back' })).status, 303);
	await vendor.form(`/vendor/returns/${id}`);
	res = await vendor.post(`/vendor/returns/${id}/receive`, { restock: 1 });
	assert.equal(res.status, 303);
	res = await vendor.get(`/vendor/returns/${id}`);
	assert.match(flashOf(res.text) ?? '', CONFIRMING);
	assert.match(textOf(res.text), CONFIRMING);
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'received');
	assert.equal(qValue('SELECT status FROM refunds WHERE return_id = @p1', [id]), 'pending');
	res = await customer.get(`/orders/${r.orderId}/returns`);
	assert.match(textOf(res.text), CONFIRMING);
	const admin = await loginAdmin();
	res = await admin.get(`/admin/returns/${id}`);
	assert.match(textOf(res.text), CONFIRMING);
	assert.doesNotMatch(res.text, new RegExp(`/admin/returns/${id}/pay`), 'no second refund offered');

	// The provider is back: the job makes each once and the return is paid.
	for (const ref of [c.ref, r.ref]) {
		q("UPDATE sandbox_payments SET description = 'unanswered refund test' WHERE ref = @p1", [ref]);
	}
	await job();
	assert.equal(qValue('SELECT status FROM refunds WHERE vendor_order_id = @p1', [c.voId]), 'succeeded');
	assert.equal(qValue('SELECT status FROM refunds WHERE return_id = @p1', [id]), 'succeeded');
	assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'refunded');
	assert.equal(sandboxRefunds(c.ref), 1);
	assert.equal(sandboxRefunds(r.ref), 1);
	assert.equal(qValue('SELECT created_role FROM refunds WHERE vendor_order_id = @p1', [c.voId]), 'customer');
	assert.equal(qValue('SELECT created_role FROM refunds WHERE return_id = @p1', [id]), 'vendor');
});

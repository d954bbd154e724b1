// Stuck refunds settled by the job bazaar-refundsettle against the sandbox
// provider: a refund left 'pending' (the process died between writing it
// and recording the provider's answer; here the provider had already made
// one of them) is settled by two copies of the job run at once: each made
// exactly once at the provider (its key), recorded once, its unit back in
// stock once, the customer mailed once; then it is shown no more as stuck.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { DEMO, loginAdmin, q, qRow, qValue } from '../lib/accounts.mjs';
import {
	insertRow, makeOrder, sandboxApi, stockOf, userIdOf, vendorIdOf, vendorOrder, vendorProducts,
} from '../lib/orders.mjs';
import { env } from '../lib/stack.mjs';

const run = promisify(execFile);

const customerId = () => userIdOf(DEMO.customer.email);
const vendorId = () => vendorIdOf(DEMO.vendor.email);

/** A card order whose payment the sandbox knows (succeeded). */
function cardOrder(product) {
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status: 'delivered', method: 'card',
		lines: [{ product, qty: 2 }] });
	const pay = qRow('SELECT id, provider_ref FROM payments WHERE order_id = @p1', [o.orderId]);
	insertRow('sandbox_payments', {
		ref: pay.provider_ref, method: 'card', amount_minor: o.total, currency: 'EUR', description: 'stuck refund test',
		return_url: '/', cancel_url: '/', status: 'succeeded',
	});
	return { ...o, paymentId: Number(pay.id), ref: pay.provider_ref };
}

/** What step 1 of a refund leaves when nothing after it happened: the
 * amounts raised, the refund 'pending' (first attempt) with its item. Its
 * id and key. It is stuck for a job run with the clock moved on (the
 * stack's own copy of the job, on the real clock, leaves it alone). */
function stuckRefund(o, amount, restock) {
	const key = `stuck-${randomBytes(8).toString('hex')}`;
	q(`UPDATE vendor_orders SET refunded_minor = refunded_minor + @p2 WHERE id = @p1;
		UPDATE orders SET refunded_minor = refunded_minor + @p2 WHERE id = @p3`, [o.voId, amount, o.orderId]);
	const id = insertRow('refunds', {
		order_id: o.orderId, vendor_order_id: o.voId, payment_id: o.paymentId, amount_minor: amount, status: 'pending',
		reason: 'Broken', idempotency_key: key, attempts: 1,
	});
	insertRow('refund_items', { refund_id: id, order_item_id: o.items[0].id, quantity: 1, restock });
	q('UPDATE order_items SET refunded_qty = refunded_qty + 1 WHERE id = @p1', [o.items[0].id]);
	return { id, key };
}

// Twenty minutes on: past BAZAAR_REFUND_STUCK_AFTER (15 minutes).
const job = () => run(join(env('BAZAAR_ROOT'), 'build/bin/bazaar-refundsettle'), ['--once'],
	{ env: { ...process.env, BAZAAR_CLOCK_OFFSET: '1200' }, encoding: 'utf8' });

test('two copies of the refund job settle each stuck refund once, with the provider asked by the same key', async () => {
	const [p1, p2] = vendorProducts(vendorId());
	const a = cardOrder(p1);
	const b = cardOrder(p2);
	const ra = stuckRefund(a, p1.price, 1);
	const rb = stuckRefund(b, p2.price, 1);
	// The provider made the first before the process died; the second it never saw.
	const made = await sandboxApi('POST', '/v1/refunds', { payment: a.ref, amount: p1.price, idempotency_key: `${ra.key}.1` });
	assert.equal(made.status, 201);
	const stock = [stockOf(p1.id), stockOf(p2.id)];
	// The mails about these two orders only: with its clock moved on, the
	// job settles any refund it finds pending, other tests' included.
	const ourMails = () => Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_refunded'
		AND (subject LIKE @p1 OR subject LIKE @p2)`, [`%${a.voNumber}%`, `%${b.voNumber}%`]));
	const mails = ourMails();

	await Promise.all([job(), job()]);

	for (const [r, o, p] of [[ra, a, p1], [rb, b, p2]]) {
		const row = qRow('SELECT status, provider_ref FROM refunds WHERE id = @p1', [r.id]);
		assert.equal(row.status, 'succeeded', `refund ${r.id}`);
		const at = qRow('SELECT ref, amount_minor FROM sandbox_refunds WHERE idempotency_key = @p1', [`${r.key}.1`]);
		assert.equal(row.provider_ref, at.ref, 'the provider\'s refund of that key');
		assert.equal(Number(at.amount_minor), p.price);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM sandbox_refunds WHERE idempotency_key LIKE @p1', [`${r.key}%`])), 1,
			'made once at the provider');
		assert.equal(Number(qValue('SELECT refunded_minor FROM sandbox_payments WHERE ref = @p1', [o.ref])), p.price);
		assert.equal(vendorOrder(o.voId).refunded, p.price);
		assert.equal(Number(qValue('SELECT restocked_qty FROM order_items WHERE id = @p1', [o.items[0].id])), 1);
	}
	assert.equal(qRow('SELECT provider_ref FROM refunds WHERE id = @p1', [ra.id]).provider_ref, made.json.ref,
		'the refund the provider made before the crash');
	assert.deepEqual([stockOf(p1.id), stockOf(p2.id)], [stock[0] + 1, stock[1] + 1], 'one unit each back, once');
	assert.equal(ourMails(), mails + 2, 'the customer mailed once for each');

	// Settled: a third run and the admin's button change nothing.
	await job();
	assert.deepEqual([stockOf(p1.id), stockOf(p2.id)], [stock[0] + 1, stock[1] + 1]);
	const admin = await loginAdmin();
	let res = await admin.form('/admin/refunds');
	assert.doesNotMatch(res.text, new RegExp(`/admin/refunds/${ra.id}/settle`));
	res = await admin.post(`/admin/refunds/${ra.id}/settle`, {});
	assert.equal(res.status, 303);
	res = await admin.get('/admin/refunds');
	assert.match(res.text, /not stuck/);
	assert.equal(qRow('SELECT status FROM refunds WHERE id = @p1', [ra.id]).status, 'succeeded');
});

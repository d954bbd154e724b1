// Vendor payouts through nginx: the vendor's money held until the return
// window after delivery has passed, five payout requests sent at once
// making one payout of what is available, the admin's queue and its CSV
// export, marking sent (the ledger's payout entry and the vendor's mail,
// once), the schedule set
// by an admin and run by bazaar-payouts, and the commission report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
	assertFieldError, assertRedirect, auditEntries, loginAdmin, q, qValue, signupVendor, textOf, toolPath, waitForMail,
} from '../lib/accounts.mjs';
import { cartHash, insertRow, sqlValue } from '../lib/orders.mjs';
import { assertNotShows, assertShows, sqlInt } from '../lib/stack.mjs';

const tag = `${process.pid}-${Date.now() % 100000}`;
let seq = 0;

async function verifiedVendor() {
	const v = await signupVendor();
	q("UPDATE vendors SET status = 'verified' WHERE id = @p1", [v.vendor.id]);
	return v;
}

/**
 * A paid vendor order of vendorId worth saleMinor with commissionMinor, its
 * earnings in the ledger as the payment step books them, delivered
 * deliveredDaysAgo days ago (null: not delivered). Returns its id.
 */
function paidOrder(vendorId, saleMinor, commissionMinor, deliveredDaysAgo) {
	const n = `H-${tag}-${++seq}`;
	const order = insertRow('orders', {
		number: n, email: 'payouts@example.test', status: 'paid', payment_method: 'card', items_minor: saleMinor,
		total_minor: saleMinor, ship_country: 'DE', idempotency_key: n, cart_hash: cartHash(n),
		placed_at: sqlValue('UTC_TIMESTAMP()'), expires_at: sqlValue('UTC_TIMESTAMP() + INTERVAL 1 HOUR'),
		paid_at: sqlValue('UTC_TIMESTAMP()'),
	});
	const delivered = deliveredDaysAgo === null ? null : `UTC_TIMESTAMP() - INTERVAL ${sqlInt(deliveredDaysAgo)} DAY`;
	const vo = insertRow('vendor_orders', {
		order_id: order, vendor_id: vendorId, number: `${n}-1`, status: delivered ? 'delivered' : 'processing',
		items_minor: saleMinor, total_minor: saleMinor, commission_minor: commissionMinor,
		plan_id: sqlValue(`(SELECT plan_id FROM vendors WHERE id = ${sqlInt(vendorId)})`),
		delivered_at: delivered && sqlValue(delivered),
	});
	q(`INSERT INTO vendor_ledger (vendor_id, kind, amount_minor, reference, vendor_order_id, note, created_at) VALUES
		(@p1, 'sale', @p2, @p3, @p4, 'Sale', UTC_TIMESTAMP()),
		(@p1, 'commission', @p5, @p3, @p4, 'Commission', UTC_TIMESTAMP())`,
	[vendorId, saleMinor, `vo:${vo}`, vo, -commissionMinor]);
	return vo;
}

describe('vendor payouts', () => {
	test('held money, five requests at once make one payout, the queue, its export, sent once', async () => {
		const v = await verifiedVendor();
		paidOrder(v.vendor.id, 12000, 1200, 20);	// available: 108.00
		paidOrder(v.vendor.id, 5000, 500, 2);	// within its return window: held
		paidOrder(v.vendor.id, 3000, 300, null);	// not delivered: held

		let page = await v.client.get('/vendor/payouts');
		assert.equal(page.status, 200);
		assertShows(page.text, 'Request a payout of €108.00');
		assertShows(page.text, '€72.00', 'what is held');

		const results = await Promise.all(Array.from({ length: 5 }, () => v.client.post('/vendor/payouts', {})));
		for (const res of results)
			assertRedirect(res, 303, 'a payout request');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM payouts WHERE vendor_id = @p1', [v.vendor.id])), 1);
		assert.equal(Number(qValue('SELECT SUM(amount_minor) FROM payouts WHERE vendor_id = @p1', [v.vendor.id])), 10800);
		page = await v.client.get('/vendor/payouts');
		assertShows(page.text, 'Nothing is available to pay out now.');
		assertShows(page.text, 'Requested');

		const admin = await loginAdmin();
		page = await admin.get('/admin/payouts');
		assert.equal(page.status, 200);
		assertShows(page.text, v.vendor.trading_name);
		const id = qValue('SELECT id FROM payouts WHERE vendor_id = @p1', [v.vendor.id]);
		const csv = await admin.get('/admin/payouts.csv');
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get('content-type'), /^text\/csv/);
		assert.match(csv.text, new RegExp(`\\r\\n${id},[^\\r]*,108\\.00,Bazaar payout ${id}\\r\\n`));
		assert.ok(Number(qValue("SELECT COUNT(*) FROM audit_log WHERE action = 'payouts.export'")) >= 1, 'the export is audited');

		let res = await admin.post(`/admin/payouts/${id}/sent`, { reference: `TR-${tag}` }, { csrf: null });
		assert.equal(res.status, 403, 'no CSRF token');
		const sends = await Promise.all([1, 2].map(() => admin.post(`/admin/payouts/${id}/sent`, { reference: `TR-${tag}` })));
		for (const r of sends)
			assertRedirect(r, 303, 'mark sent');
		assert.equal(Number(qValue("SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = @p1 AND kind = 'payout'",
			[v.vendor.id])), 1, 'one payout entry');
		assert.equal(Number(qValue("SELECT SUM(amount_minor) FROM vendor_ledger WHERE vendor_id = @p1 AND kind = 'payout'",
			[v.vendor.id])), -10800);
		assert.equal(auditEntries('payout.sent', 'payout', id).length, 1);
		const mail = await waitForMail(v.email, { subject: 'A payout is on its way', timeoutMs: 30_000 });
		assert.match(mail.body, /108\.00/);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1 AND subject = 'A payout is on its way'",
			[v.email.toLowerCase()])), 1, 'one mail for two clicks');
		page = await v.client.get('/vendor/payouts');
		assertShows(page.text, `transfer TR-${tag}`);
		page = await v.client.get('/vendor/ledger?kind=payout');
		assertShows(page.text, '-€108.00');

		// Another vendor cannot reach the admin's pages.
		assert.equal((await v.client.get('/admin/payouts')).status, 404);
	});

	test('the schedule set by an admin, run by bazaar-payouts once a week; the commission report', async () => {
		const v = await verifiedVendor();
		paidOrder(v.vendor.id, 40000, 2000, 30);	// available: 380.00
		const admin = await loginAdmin();
		assert.equal((await admin.get('/admin/payouts')).status, 200);
		let res = await admin.post('/admin/payouts/schedule', { frequency: 'weekly', minimum: 'ten' });
		assert.equal(res.status, 422);
		assertFieldError(res.text, 'minimum', 'Minimum amount');
		try {
			res = await admin.post('/admin/payouts/schedule', { frequency: 'weekly', minimum: '300' });
			assertRedirect(res, 303, 'schedule saved');
			const run = () => execFileSync(toolPath('payouts'), ['--once'], {
				env: { ...process.env, BAZAAR_ENV: 'test' }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000,
			});
			run();
			run();
			const rows = q("SELECT amount_minor, source, period FROM payouts WHERE vendor_id = @p1", [v.vendor.id]);
			assert.equal(rows.length, 1, 'once a week however often it runs');
			assert.equal(Number(rows[0].amount_minor), 38000);
			assert.equal(rows[0].source, 'schedule');
			assert.match(rows[0].period, /^week:\d{4}-W\d\d$/);
		} finally {
			await admin.post('/admin/payouts/schedule', { frequency: 'off', minimum: '0' });
		}
		const page = await admin.get(`/admin/commission?vendor=${v.vendor.id}`);
		assert.equal(page.status, 200);
		assertShows(textOf(page.text), 'Charged €20.00, given back €0.00, net €20.00');
		assertNotShows(page.text, 'No commission in this selection.');
	});
});

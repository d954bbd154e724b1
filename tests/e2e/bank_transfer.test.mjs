// A bank-transfer order reconciled by an admin, in a real browser (Debian's
// Chromium through playwright-core):
//   1. the customer opens the order's payment page and reads the
//      marketplace's bank details and the order's reference;
//   2. an admin (password and second factor) types a first transfer of part
//      of the amount, with the reference written the payer's way: the order
//      is partly paid and the customer's page says what is missing;
//   3. the admin uploads the bank's statement (a CSV file) with the rest and
//      a little more: the order is paid once, the over-payment is shown to
//      be paid back, the same statement uploaded again changes nothing;
//   4. the customer's page shows the order paid.
// The pages are checked with axe-core and saved as screenshots; the browser
// must log no errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, adminSignIn, checkPage, flash, launchBrowser, newContext, submit, text,
} from '../lib/browser.mjs';
import { qValue, signupCustomer } from '../lib/accounts.mjs';
import { orderStatus, placeOrder, productsOfVendors } from '../lib/orders.mjs';
import { money } from '../lib/stack.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

describe('a bank-transfer order reconciled by an admin', () => {
	test('bank details -> a partial transfer typed -> the statement uploaded -> paid once', async () => {
		const s = await signupCustomer();
		const products = productsOfVendors(2, 5);
		const order = placeOrder({ userId: Number(s.user.id), email: s.email, method: 'bank_transfer',
			lines: products.map((product) => ({ product, qty: 1 })), expiresInSeconds: 7 * 86400 });
		const first = Math.floor(order.total / 3);

		const customer = await newContext(browser, DESKTOP);
		const admin = await newContext(browser, DESKTOP);
		try {
			// 1. The customer's payment page: the account and the reference.
			const cpage = await customer.newPage();
			await cpage.goto('/login');
			await cpage.locator('#email').fill(s.email);
			await cpage.locator('#password').fill(s.password);
			await submit(cpage, cpage.getByRole('button', { name: 'Log in' }));
			await cpage.goto(`/orders/${order.id}/payment`);
			const details = cpage.locator('.bank-details');
			assert.match(await text(details), /IBAN/);
			assert.equal(await text(cpage.locator('.bank-reference')), order.number);
			assert.match(await text(details), new RegExp(money(order.total).replace(/[$.]/g, '\\$&')));
			await checkPage(cpage, customer, 'bank-journey-1-details');

			// 2. The admin types a first transfer, reference written loosely.
			const apage = await admin.newPage();
			await adminSignIn(apage);
			await apage.getByRole('link', { name: 'Bank transfers' }).first().click();
			await apage.waitForURL('**/admin/payments/bank');
			await checkPage(apage, admin, 'bank-journey-2-admin');
			assert.match(await text(apage.locator('section', { hasText: 'Orders waiting for a transfer' })), new RegExp(order.number));
			// A date in the wrong form first: the message next to the field.
			await apage.locator('#received_on').fill('1/12/2026');
			await apage.locator('#amount').fill((first / 100).toFixed(2));
			await apage.locator('#reference').fill(`payment ${order.number.toLowerCase().replace('-', ' ')}`);
			await submit(apage, apage.getByRole('button', { name: 'Record the transfer' }));
			assert.match(await text(apage.locator('#received_on-error')), /Enter a date like/);
			// That 422 was asked for: Chromium logs it as a failed load.
			admin.problems = admin.problems.filter((p) => !/status of 422/.test(p));
			assert.equal(orderStatus(order.id), 'awaiting_payment');
			await apage.locator('#received_on').fill('2026-12-01');
			await apage.locator('#payer').fill('Tess Tester');
			await submit(apage, apage.getByRole('button', { name: 'Record the transfer' }));
			assert.equal(await flash(apage), `Order ${order.number} received ${money(first)}; ${money(order.total - first)} is still missing.`);
			assert.equal(orderStatus(order.id), 'awaiting_payment');
			await cpage.reload();
			assert.match(await text(cpage.locator('.bank-details')), new RegExp(`remaining ${money(order.total - first).replace(/[$.]/g, '\\$&')}`));

			// 3. The statement: the rest and 1.00 more, and a line going out.
			const rest = order.total - first + 100;
			const csv = `Date,Amount,Reference,Payer,Balance\r\n2026-12-03,${(rest / 100).toFixed(2)},"${order.number} thank you",Tess Tester,1000.00\r\n2026-12-03,-20.00,Bank fee,,980.00\r\n`;
			const upload = async () => {
				await apage.locator('#statement').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
				await submit(apage, apage.getByRole('button', { name: 'Read the statement' }));
			};
			await upload();
			const report = await text(apage.locator('section', { hasText: 'Statement read' }));
			assert.match(report, /1 transfers read: 1 paid an order/);
			assert.match(report, /1 outgoing lines skipped/);
			assert.match(report, new RegExp(`Order ${order.number} is paid\\. It was over-paid by ${money(100).replace(/[$.]/g, '\\$&')}`));
			await checkPage(apage, admin, 'bank-journey-3-statement');
			assert.equal(orderStatus(order.id), 'paid');
			await upload();
			assert.match(await text(apage.locator('section', { hasText: 'Statement read' })), /1 recorded before/);
			assert.equal(Number(qValue("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = @p1", [order.id])), 1);
			assert.equal(Number(qValue('SELECT COUNT(*) FROM bank_transfers WHERE order_id = @p1', [order.id])), 2);
			assert.equal(Number(qValue("SELECT COUNT(*) FROM audit_log WHERE action = 'bank_transfer.record' AND object_id IN (SELECT id FROM bank_transfers WHERE order_id = @p1)", [order.id])), 2);

			// 4. The customer sees the order paid.
			await cpage.reload();
			assert.match(await text(cpage.locator('main')), /Paid on/);
			await checkPage(cpage, customer, 'bank-journey-4-paid');
		} finally {
			await customer.close();
			await admin.close();
		}
	});
});

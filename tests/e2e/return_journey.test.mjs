// A return from request to refund in a real browser (Debian's Chromium
// through playwright-core), every form filled and sent the way a person does
// it: the demo customer asks to return one unit of a delivered order with a
// reason; the demo vendor reads it, accepts it with instructions; the
// customer reads the instructions; the vendor marks the parcel received with
// the unit back in stock; the customer sees it refunded, the stock and the
// amount came back once, and an admin finds the refund on the refunds page.
// The pages are checked with axe-core and saved as screenshots; the browser
// must log no errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, adminSignIn, checkPage, flash, launchBrowser, loggedIn, newContext, submit,
} from '../lib/browser.mjs';
import { DEMO } from '../lib/accounts.mjs';
import {
	makeOrder, returnRows, stockOf, userIdOf, vendorIdOf, vendorOrder, vendorProducts,
} from '../lib/orders.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

test('a return from request to refund', async () => {
	const customerId = userIdOf(DEMO.customer.email);
	const vendorId = vendorIdOf(DEMO.vendor.email);
	const [p1, p2] = vendorProducts(vendorId);
	const o = makeOrder({ userId: customerId, vendorId, lines: [{ product: p1, qty: 2 }, { product: p2, qty: 1 }] });
	const stock = stockOf(p1.id);
	const rows = returnRows(p1.id);

	// 1. The customer asks to return one unit of the first item.
	const customer = await loggedIn(browser, DEMO.customer.email, DEMO.customer.password);
	const vendor = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password);
	try {
		let page = customer.page;
		await page.goto(`/orders/${o.orderId}/returns`);
		await checkPage(page, customer.context, 'return-journey-1-order');
		await submit(page, page.getByRole('link', { name: `Return items of ${o.voNumber}` }));
		await checkPage(page, customer.context, 'return-journey-2-form');
		await page.getByLabel(`${p1.name} (up to 2)`).selectOption('1');
		await page.getByLabel('Why you return them').fill('The colour is not as in the picture.');
		await submit(page, page.getByRole('button', { name: 'Ask to return' }));
		assert.match(await flash(page), /Your return is asked/);
		assert.match(await page.locator('.return-state').first().innerText(), /Requested/);

		// 2. The vendor accepts it with instructions.
		page = vendor.page;
		await page.goto('/vendor/returns');
		await checkPage(page, vendor.context, 'return-journey-3-vendor-list');
		await submit(page, page.getByRole('link', { name: o.voNumber }));
		await checkPage(page, vendor.context, 'return-journey-4-vendor-return');
		assert.match(await page.locator('main').innerText(), /The colour is not as in the picture\./);
		await page.getByLabel('How and where to send it back').fill('Send it to Northwind Home, 1 Mill Lane, Leeds LS1 4AB.');
		await submit(page, page.getByRole('button', { name: 'Accept the return' }));
		assert.match(await flash(page), /Accepted/);

		// 3. The customer reads how to send it.
		page = customer.page;
		await page.goto(`/orders/${o.orderId}/returns`);
		assert.match(await page.locator('main').innerText(), /1 Mill Lane, Leeds LS1 4AB/);
		assert.match(await page.locator('.return-state').first().innerText(), /Accepted: send it back/);

		// 4. The parcel arrives: received, back in stock, paid back.
		page = vendor.page;
		await page.reload();
		assert.ok(await page.getByLabel('Put the units back in stock').isChecked());
		await submit(page, page.getByRole('button', { name: 'Mark received and pay back' }));
		assert.match(await flash(page), /Received/);
		await checkPage(page, vendor.context, 'return-journey-5-vendor-received');

		page = customer.page;
		await page.goto(`/orders/${o.orderId}/returns`);
		assert.match(await page.locator('.return-state').first().innerText(), /Refunded/);
		await checkPage(page, customer.context, 'return-journey-6-refunded');
		assert.equal(stockOf(p1.id), stock + 1);
		assert.equal(returnRows(p1.id), rows + 1);
		assert.equal(vendorOrder(o.voId).refunded, p1.price);
	} finally {
		await customer.context.close();
		await vendor.context.close();
	}

	// 5. An admin sees the refund, made by hand (a bank transfer), on the refunds page.
	const adminContext = await newContext(browser, DESKTOP);
	try {
		const page = await adminContext.newPage();
		await adminSignIn(page);
		await page.goto('/admin/refunds');
		await checkPage(page, adminContext, 'return-journey-7-admin-refunds');
		const row = page.locator('tr', { hasText: o.voNumber });
		assert.match(await row.innerText(), /manual/);
	} finally {
		await adminContext.close();
	}
});

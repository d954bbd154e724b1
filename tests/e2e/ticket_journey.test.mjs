// A support ticket from opening to resolution in a real browser (Debian's
// Chromium through playwright-core), every form filled and sent the way a
// person does it: the demo customer asks about one of their orders; a
// support user (the support role: the ticket pages only) signs in with
// password and code, writes an internal note, takes the ticket and answers;
// the customer reads the answer (never the note) and answers back, which
// opens the ticket again; support resolves it and the customer sees it
// resolved. The pages are checked with axe-core and saved as screenshots;
// the browser must log no errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, adminSignIn, checkPage, flash, launchBrowser, loggedIn, newContext, submit, text,
} from '../lib/browser.mjs';
import { Client, DEMO, createAdmin, enrolAdmin, qValue } from '../lib/accounts.mjs';
import { makeOrder, userIdOf, vendorIdOf, vendorProducts } from '../lib/orders.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

test('a ticket from opening to resolution', async () => {
	const customerId = userIdOf(DEMO.customer.email);
	const vendorId = vendorIdOf(DEMO.vendor.email);
	const [p1] = vendorProducts(vendorId, 1);
	const o = makeOrder({ userId: customerId, vendorId, lines: [{ product: p1, qty: 1 }], status: 'shipped' });
	const support = await enrolAdmin(new Client(), createAdmin({ name: 'Sue Support', support: true }));
	const note = 'Internal: the courier scan stops at the depot.';

	const customer = await loggedIn(browser, DEMO.customer.email, DEMO.customer.password);
	const staff = await newContext(browser, DESKTOP);
	try {
		// 1. The customer asks about the order.
		let page = customer.page;
		await page.goto('/account/tickets');
		await checkPage(page, customer.context, 'ticket-journey-1-list');
		await submit(page, page.getByRole('link', { name: 'Ask a question' }));
		await page.getByLabel('Subject').fill('My parcel has not arrived');
		await page.getByLabel('What it is about').selectOption('order');
		await page.getByLabel('Order number (optional)').fill(o.number);
		await page.getByLabel('Your message').fill('It was shipped a week ago and the tracking has not moved.');
		await checkPage(page, customer.context, 'ticket-journey-2-form');
		await submit(page, page.getByRole('button', { name: 'Send' }));
		assert.match(await flash(page), /We have your question/);
		assert.match(await text(page.locator('.ticket-state')), /Waiting for support/);
		const id = Number(/\/account\/tickets\/([0-9]+)$/.exec(page.url())[1]);

		// 2. Support signs in (password and code), notes, takes the ticket and answers.
		const sp = await staff.newPage();
		await adminSignIn(sp, support);
		assert.match(sp.url(), /\/admin\/tickets$/);
		await checkPage(sp, staff, 'ticket-journey-3-support-list');
		await submit(sp, sp.getByRole('link', { name: 'My parcel has not arrived' }));
		await sp.getByLabel('Note for the support team (the customer never sees it)').fill(note);
		await submit(sp, sp.getByRole('button', { name: 'Add the note' }));
		assert.match(await flash(sp), /Note added/);
		await sp.getByLabel('Assigned to', { exact: true }).selectOption({ label: 'Sue Support (you)' });
		await submit(sp, sp.getByRole('button', { name: 'Assign' }));
		assert.match(await text(sp.locator('.ticket-assignee')), /Sue Support/);
		await sp.getByLabel('Answer to the customer (sent by mail)').fill('We have asked the courier; it should arrive by Friday.');
		await sp.getByLabel('Then the ticket is').selectOption('waiting');
		await submit(sp, sp.getByRole('button', { name: 'Send the answer' }));
		assert.match(await flash(sp), /Answer sent/);
		await checkPage(sp, staff, 'ticket-journey-4-support-ticket');
		assert.match(await text(sp.locator('main')), /courier scan stops at the depot/);

		// 3. The customer reads the answer (not the note) and answers back: open again.
		await page.goto(`/account/tickets/${id}`);
		assert.match(await text(page.locator('main')), /it should arrive by Friday/);
		assert.doesNotMatch(await text(page.locator('main')), /courier scan/);
		assert.match(await text(page.locator('.ticket-state')), /Waiting for your answer/);
		await checkPage(page, customer.context, 'ticket-journey-5-answered');
		await page.getByLabel('Your answer').fill('It came today, thank you.');
		await submit(page, page.getByRole('button', { name: 'Send' }));
		assert.match(await flash(page), /Sent/);
		assert.match(await text(page.locator('.ticket-state')), /Waiting for support/);

		// 4. Support resolves it; the customer sees it resolved.
		await sp.reload();
		assert.match(await text(sp.locator('main')), /It came today, thank you\./);
		await sp.getByLabel('Status', { exact: true }).selectOption('resolved');
		await submit(sp, sp.getByRole('button', { name: 'Change the status' }));
		assert.match(await text(sp.locator('.ticket-state')), /Resolved/);
		await page.reload();
		assert.match(await text(page.locator('.ticket-state')), /Resolved/);
		assert.doesNotMatch(await text(page.locator('main')), /courier scan/);
		await checkPage(page, customer.context, 'ticket-journey-6-resolved');
		assert.equal(qValue('SELECT status FROM tickets WHERE id = @p1', [id]), 'resolved');
	} finally {
		await customer.context.close();
		await staff.close();
	}
});

// A shopper and a shop talk about an order in two browsers at once
// (Debian's Chromium through playwright-core): the demo customer opens the
// conversation of an order's part from the order's page, the demo vendor
// opens it from the portal's inbox; each message written in one browser
// appears in the other without a reload (EventSource through nginx's nchan),
// escaped; a reload shows the same messages (the page without JavaScript);
// on another page the header's unread count rises live with the shop's next
// message.
// The pages are checked with axe-core and saved as screenshots; the browsers
// must log no errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkPage, launchBrowser, loggedIn, submit, text } from '../lib/browser.mjs';
import { DEMO } from '../lib/accounts.mjs';
import { openConversations, paidOrder } from '../lib/orders.mjs';

let browser;
before(async () => {
	browser = await launchBrowser();
});
after(async () => {
	await browser?.close();
});

/** Waits until the page's live subscription is open (static/js/chat.js). */
async function live(page) {
	await page.locator('#chat-messages[data-live-state="open"]').waitFor({ state: 'attached' });
}

/** Marks the document: a reload or a navigation loses the mark. */
async function mark(page) {
	await page.evaluate(() => { window.chatJourneyMark = 1; });
}

async function stillMarked(page) {
	return page.evaluate(() => window.chatJourneyMark === 1);
}

/** The unread count beside a header link, 0 without one. */
async function headerCount(link) {
	const count = link.locator('.unread-count');
	return (await count.count()) ? Number((await count.innerText()).replace(/\D/g, '')) : 0;
}

test('a shopper and a shop chat live in two browsers', async () => {
	const order = paidOrder(DEMO.customer.email, [DEMO.vendor.email]);
	const part = order.parts[0];
	const conversation = openConversations(order.id)[part.id];
	assert.ok(conversation, 'placing the order opened a conversation');

	const customer = await loggedIn(browser, DEMO.customer.email, DEMO.customer.password);
	const vendor = await loggedIn(browser, DEMO.vendor.email, DEMO.vendor.password);
	try {
		// 1. The shopper opens the conversation from the order's page.
		const shopper = customer.page;
		await shopper.goto(`/orders/${order.id}`);
		await submit(shopper, shopper.getByRole('link', { name: `Ask the shop about this order (${part.shop}, ${part.number})` }));
		await live(shopper);
		await checkPage(shopper, customer.context, 'chat-journey-1-shopper');
		await mark(shopper);

		// 2. The shop opens it from its inbox: waiting for no answer yet.
		const shop = vendor.page;
		await shop.goto(`/vendor/messages?order=${encodeURIComponent(part.number)}`);
		await checkPage(shop, vendor.context, 'chat-journey-2-inbox');
		await submit(shop, shop.locator(`a[href="/vendor/messages/${conversation}"]`));
		await live(shop);
		await mark(shop);

		// 3. The shopper writes; the shop sees it without reloading.
		const question = 'Hello! Can you send it gift-wrapped? <b>thanks</b>';
		await shopper.getByLabel('Your message').fill(question);
		await submit(shopper, shopper.getByRole('button', { name: 'Send' }));
		await live(shopper);
		await mark(shopper);
		const arrived = shop.locator('#chat-messages .chat-from-customer .chat-text', { hasText: 'gift-wrapped' });
		await arrived.waitFor();
		assert.equal(await text(arrived), question, 'shown as text, tags and all');
		assert.ok(await stillMarked(shop), 'the shop\'s page was not reloaded');
		assert.equal(await shop.locator('#chat-messages b').count(), 0, 'no markup from a message');

		// 4. The shop answers; the shopper sees it without reloading.
		await shop.getByLabel('Your message').fill('Of course, it leaves tomorrow in blue paper.');
		await submit(shop, shop.getByRole('button', { name: 'Send' }));
		const answer = shopper.locator('#chat-messages .chat-from-vendor .chat-text', { hasText: 'blue paper' });
		await answer.waitFor();
		assert.ok(await stillMarked(shopper), 'the shopper\'s page was not reloaded');
		await checkPage(shopper, customer.context, 'chat-journey-3-live');
		await checkPage(shop, vendor.context, 'chat-journey-4-shop');

		// 5. A reload (what a browser without JavaScript sees) shows both messages.
		await shopper.reload();
		const all = await text(shopper.locator('#chat-messages'));
		assert.match(all, /gift-wrapped/);
		assert.match(all, /blue paper/);

		// 6. Elsewhere on the site, the header's unread count goes up by the
		// shop's next message without a reload; a reload shows it too.
		await shopper.goto(`/orders/${order.id}`);
		const messagesLink = shopper.locator('.account-nav .messages-link');
		await shopper.locator('.account-nav .messages-link[data-live-state="open"]').waitFor({ state: 'attached' });
		await mark(shopper);
		const before = await headerCount(messagesLink);
		await shop.getByLabel('Your message').fill('One more thing: it is on its way.');
		await submit(shop, shop.getByRole('button', { name: 'Send' }));
		await messagesLink.locator('.unread-count', { hasText: String(before + 1) }).waitFor();
		assert.ok(await stillMarked(shopper), 'the shopper\'s page was not reloaded');
		assert.equal(await text(messagesLink), `Messages ${before + 1} unread`, 'the count as the server writes it');
		await shopper.reload();
		assert.equal(await headerCount(messagesLink), before + 1);
	} finally {
		await customer.context.close();
		await vendor.context.close();
	}
});

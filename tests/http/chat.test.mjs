// Conversations between a customer and the shops of an order (cgi/lib/chat.h):
// who may read and write (the customer and that part's shop; a stranger, the
// other shop of the same order and a guessed id get 404), messages with text
// and a picture, shown escaped; unread counts in both headers; the shop's
// inbox filters; one mail an hour per conversation; and the live channel:
// only the two sides may subscribe, nobody outside can publish; the header's
// live unread counts: each visitor with a session hears only their own.

import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
	Client, auditEntries, fieldError, loginAdmin, outboxTo, q, qRow, qValue, signupCustomer, signupVendor,
} from '../lib/accounts.mjs';
import { openConversations } from '../lib/orders.mjs';
import { BASE_URL } from '../lib/stack.mjs';
import { pngPicture, postMultipart } from '../lib/uploads.mjs';

const BASE = new URL(BASE_URL);
const XSS = '<script>alert("chat")</script><img src=x onerror=alert(1)>';

/** A paid order of the customer with one part from each shop, and the
 * conversations placing it makes. */
function orderWith(userId, vendors) {
	const tag = randomBytes(8).toString('hex');
	const planId = Number(qValue('SELECT id FROM plans ORDER BY id LIMIT 1'));
	const orderId = Number(qRow(`INSERT INTO orders (number, user_id, email, status, payment_method, items_minor,
		total_minor, ship_country, idempotency_key, cart_hash, placed_at, expires_at, paid_at)
		SELECT CONCAT('C', LEFT(@p1, 16)), id, email, 'paid', 'card', 0, 0, 'GB', @p1, UNHEX(SHA2(@p1, 256)), NOW(3),
		NOW() + INTERVAL 1 DAY, NOW() FROM users WHERE id = @p2;
		SELECT LAST_INSERT_ID() AS id`, [tag, userId]).id);
	q("UPDATE orders SET number = CONCAT('BZ-', LPAD(id, 6, '0')) WHERE id = @p1", [orderId]);
	const number = qValue('SELECT number FROM orders WHERE id = @p1', [orderId]);
	const voIds = vendors.map((v, i) => Number(qRow(`INSERT INTO vendor_orders (order_id, vendor_id, number, status,
		items_minor, total_minor, plan_id) VALUES (@p1, @p2, @p3, 'processing', 0, 0, @p4); SELECT LAST_INSERT_ID() AS id`,
	[orderId, v.vendor.id, `${number}-${i + 1}`, planId]).id));
	const conversations = openConversations(orderId);
	const parts = voIds.map((voId, i) => ({ voId, voNumber: `${number}-${i + 1}`, conversation: conversations[voId] }));
	return { orderId, number, parts };
}

/** Sends a message as a browser does (multipart form, token of the page). */
async function send(client, path, text, files = []) {
	await client.form(path);
	return postMultipart(client, path, { text }, files);
}

/** The number in the header's "Messages" (customer) or "Shop inbox" link, 0 without one. */
function headerCount(html, cls) {
	const m = new RegExp(`class="${cls}"[^>]*>[^<]*<span class="unread-count">([0-9,]+)`).exec(html);
	return m ? Number(m[1].replace(/,/g, '')) : 0;
}

/**
 * Subscribes to a conversation's live channel as the client (EventSource's
 * request), or to path (the header's counts: /live/unread). Returns { status, type, next() -> the next message's data (JSON
 * parsed), close() }.
 */
function subscribe(client, id, { method = 'GET', body, path = `/live/chat/${id}` } = {}) {
	return new Promise((resolve, reject) => {
		const headers = { Host: BASE.host, Accept: 'text/event-stream' };
		if (client && client.cookies.size) headers.Cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
		const req = http.request({ host: BASE.hostname, port: Number(BASE.port || 80), method, path,
			headers, agent: false }, (res) => {
			let buffer = '';
			const events = [];
			const waiting = [];
			res.setEncoding('utf8');
			res.on('data', (chunk) => {
				buffer += chunk;
				let end;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
					if (data.length === 0) continue;
					const ev = JSON.parse(data.join('\n'));
					if (waiting.length) waiting.shift()(ev);
					else events.push(ev);
				}
			});
			res.on('error', () => {});
			resolve({
				status: res.statusCode,
				type: res.headers['content-type'] ?? '',
				next: () => (events.length ? Promise.resolve(events.shift()) : new Promise((r) => waiting.push(r))),
				close: () => req.destroy(),
			});
		});
		req.setTimeout(30_000, () => req.destroy());
		req.on('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
		if (body !== undefined) req.write(body);
		req.end();
	});
}

describe('chat between a customer and the shops of an order', () => {
	let customer, stranger, shop, other, order, mine, theirs;

	before(async () => {
		customer = await signupCustomer({ name: 'Chatty Customer' });
		stranger = await signupCustomer({ name: 'Stranger Danger' });
		shop = await signupVendor({ trading: `Chat Shop ${randomBytes(3).toString('hex')}` });
		other = await signupVendor({ trading: `Other Shop ${randomBytes(3).toString('hex')}` });
		order = orderWith(customer.user.id, [shop, other]);
		[mine, theirs] = order.parts;
	});

	test('the customer sees a conversation per part of the order, linked from the order', async () => {
		const list = await customer.client.get('/messages');
		assert.equal(list.status, 200);
		assert.match(list.text, new RegExp(`href="/messages/${mine.conversation}"`));
		assert.match(list.text, new RegExp(`href="/messages/${theirs.conversation}"`));
		const page = await customer.client.get(`/orders/${order.orderId}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`href="/messages/${mine.conversation}"`));
		const view = await customer.client.get(`/messages/${mine.conversation}`);
		assert.equal(view.status, 200);
		assert.match(view.text, /No messages yet/);
		assert.match(view.text, new RegExp(`data-live="/live/chat/${mine.conversation}"`));
	});

	test('a stranger, the other shop of the same order and a guessed id get 404', async () => {
		const guessed = Number(qValue('SELECT COALESCE(MAX(id), 0) + 1000 FROM conversations'));
		for (const [who, client, path] of [
			['a stranger', stranger.client, `/messages/${mine.conversation}`],
			['the customer, a guessed id', customer.client, `/messages/${guessed}`],
			['the other shop', other.client, `/vendor/messages/${mine.conversation}`],
			['the shop, a guessed id', shop.client, `/vendor/messages/${guessed}`],
			['the shop, as a customer', shop.client, `/messages/${mine.conversation}`],
		]) {
			const res = await client.get(path);
			assert.equal(res.status, 404, `${who}: GET ${path}`);
			await client.form('/account');
			const sent = await postMultipart(client, path, { text: 'hello?' }, []);
			assert.equal(sent.status, 404, `${who}: POST ${path}`);
		}
		assert.equal(Number(qValue('SELECT COUNT(*) FROM messages WHERE conversation_id IN (@p1, @p2)',
			[mine.conversation, theirs.conversation])), 0, 'nothing was written');
	});

	test('a message is shown escaped, counted unread in the shop\'s header, and mailed once an hour', async () => {
		const mark = Number(qValue('SELECT COALESCE(MAX(id), 0) FROM mail_outbox'));
		const res = await send(customer.client, `/messages/${mine.conversation}`, `Where is it?\n${XSS}`);
		assert.equal(res.status, 303, res.text.slice(0, 300));
		const view = await customer.client.get(`/messages/${mine.conversation}`);
		assert.doesNotMatch(view.text, /<script>alert\("chat"\)/);
		assert.doesNotMatch(view.text, /<img src=x/);
		assert.match(view.text, /&lt;script&gt;alert\(&quot;chat&quot;\)&lt;\/script&gt;/);

		const portal = await shop.client.get('/vendor/');
		assert.equal(headerCount(portal.text, 'inbox-link'), 1, 'the shop\'s header counts one unread message');
		const otherPortal = await other.client.get('/vendor/');
		assert.equal(headerCount(otherPortal.text, 'inbox-link'), 0, 'the other shop has none');

		await send(customer.client, `/messages/${mine.conversation}`, 'Any news?');
		const mails = outboxTo(shop.email, mark).filter((m) => m.template === 'chat_message');
		assert.equal(mails.length, 1, 'two messages within the hour: one mail');
		// An hour later the next message is mailed again.
		q('UPDATE conversations SET vendor_mailed_at = NOW() - INTERVAL 61 MINUTE WHERE id = @p1', [mine.conversation]);
		await send(customer.client, `/messages/${mine.conversation}`, 'Hello again');
		assert.equal(outboxTo(shop.email, mark).filter((m) => m.template === 'chat_message').length, 2);
		assert.equal(outboxTo(other.email, mark).length, 0, 'the other shop is not told');
	});

	test('the shop\'s inbox: unanswered and by order; answering clears both', async () => {
		let inbox = await shop.client.get('/vendor/messages?filter=unanswered');
		assert.equal(inbox.status, 200);
		assert.match(inbox.text, new RegExp(`href="/vendor/messages/${mine.conversation}"`));
		inbox = await shop.client.get(`/vendor/messages?order=${encodeURIComponent(mine.voNumber)}`);
		assert.match(inbox.text, new RegExp(`href="/vendor/messages/${mine.conversation}"`));
		inbox = await shop.client.get('/vendor/messages?order=BZ-999999999');
		assert.doesNotMatch(inbox.text, new RegExp(`href="/vendor/messages/${mine.conversation}"`));
		assert.match(inbox.text, /No conversation matches/);
		const bad = await shop.client.get('/vendor/messages?order=%3Cscript%3E');
		assert.equal(bad.status, 400, 'an order number of other characters');
		assert.doesNotMatch(bad.text, /<script>/);

		const view = await shop.client.get(`/vendor/messages/${mine.conversation}`);
		assert.equal(view.status, 200);
		assert.match(view.text, /Where is it\?/);
		const portal = await shop.client.get('/vendor/');
		assert.equal(headerCount(portal.text, 'inbox-link'), 0, 'read once opened');

		const png = pngPicture(64, 48, 7);
		const res = await send(shop.client, `/vendor/messages/${mine.conversation}`, `Sent today ${XSS}`,
			[{ field: 'picture', filename: 'parcel.png', type: 'image/png', data: png }]);
		assert.equal(res.status, 303, res.text.slice(0, 300));
		inbox = await shop.client.get('/vendor/messages?filter=unanswered');
		assert.doesNotMatch(inbox.text, new RegExp(`href="/vendor/messages/${mine.conversation}"`), 'answered');

		const home = await customer.client.get('/account');
		assert.equal(headerCount(home.text, 'messages-link'), 1, 'the customer\'s header counts the answer');
		const page = await customer.client.get(`/messages/${mine.conversation}`);
		assert.match(page.text, /Sent today &lt;script&gt;/);
		assert.match(page.text, /<img src="[^"]*\/m\/[0-9a-f]{2}\/[0-9a-f]{32}-600\.jpg"/, 'the picture, from media');
		assert.match(page.text, /action="\/messages\/[0-9]+\/[0-9]+\/report"/, 'the shop\'s message can be reported');
		const again = await customer.client.get('/account');
		assert.equal(headerCount(again.text, 'messages-link'), 0);
	});

	test('bad input is refused next to its field and changes nothing', async () => {
		const path = `/messages/${theirs.conversation}`;
		let res = await send(customer.client, path, '   ');
		assert.equal(res.status, 422);
		assert.match(fieldError(res.text, 'text') ?? '', /Write a message or choose a picture/);
		res = await send(customer.client, path, 'look', [{ field: 'picture', filename: 'x.png', type: 'image/png',
			data: Buffer.from('<html>not a picture</html>') }]);
		assert.equal(res.status, 422);
		assert.ok(fieldError(res.text, 'picture'), 'the picture field says why');
		assert.match(res.text, />look<\/textarea>/, 'the text is kept');
		res = await send(customer.client, path, 'x'.repeat(2001));
		assert.equal(res.status, 422);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM messages WHERE conversation_id = @p1', [theirs.conversation])), 0);
	});

	test('a message of the other side can be reported once; an admin reads the conversation only from a report or a dispute', async () => {
		const id = mine.conversation;
		const shopMessage = Number(qValue("SELECT MAX(id) FROM messages WHERE conversation_id = @p1 AND sender = 'vendor'", [id]));
		const ownMessage = Number(qValue("SELECT MAX(id) FROM messages WHERE conversation_id = @p1 AND sender = 'customer'", [id]));
		const path = (m) => `/messages/${id}/${m}/report`;
		await customer.client.form(`/messages/${id}`);
		let res = await customer.client.post(path(shopMessage), { reason: `Rude ${XSS}` });
		assert.equal(res.status, 303, res.text.slice(0, 300));
		res = await customer.client.post(path(shopMessage), { reason: 'Again' });
		assert.equal(res.status, 303);
		const reports = q("SELECT id, reporter_id, reason FROM content_reports WHERE kind = 'message' AND object_id = @p1",
			[shopMessage]);
		assert.equal(reports.length, 1, 'one report per person');
		assert.equal(Number(reports[0].reporter_id), Number(customer.user.id));
		// Not one's own message, not another conversation's, not for a stranger.
		res = await customer.client.post(path(ownMessage), { reason: 'Mine' });
		assert.equal(res.status, 404);
		res = await customer.client.post(`/messages/${theirs.conversation}/${shopMessage}/report`, { reason: 'Elsewhere' });
		assert.equal(res.status, 404);
		await stranger.client.form('/account');
		res = await stranger.client.post(path(shopMessage), { reason: 'Stranger' });
		assert.equal(res.status, 404);
		res = await customer.client.post(path(shopMessage), { reason: '' });
		assert.equal(res.status, 400, 'a report says why');
		// The shop reports the customer's message from its side.
		await shop.client.form(`/vendor/messages/${id}`);
		res = await shop.client.post(`/vendor/messages/${id}/${ownMessage}/report`, { reason: 'Spam' });
		assert.equal(res.status, 303);
		await other.client.form('/vendor/messages');
		res = await other.client.post(`/vendor/messages/${id}/${ownMessage}/report`, { reason: 'Spam' });
		assert.equal(res.status, 404, 'the other shop');

		const admin = await loginAdmin();
		const reportId = Number(reports[0].id);
		res = await admin.get(`/admin/conversations/${id}`);
		assert.equal(res.status, 404, 'no reason to read it');
		res = await admin.get(`/admin/conversations/${theirs.conversation}?report=${reportId}`);
		assert.equal(res.status, 404, 'the report is about another conversation');
		assert.equal(auditEntries('conversation.read', 'conversation', id).length, 0);
		res = await admin.get(`/admin/conversations/${id}?report=${reportId}`);
		assert.equal(res.status, 200);
		assert.match(res.text, /Where is it\?/);
		assert.doesNotMatch(res.text, /<script>alert/);
		const read = auditEntries('conversation.read', 'conversation', id);
		assert.equal(read.length, 1, 'the reading is audited');
		assert.equal(read[0].detail, `report ${reportId}`);
		// A dispute: an escalated return of the vendor order.
		const returnId = Number(qRow(`INSERT INTO returns (order_id, vendor_order_id, user_id, status, reason, refusal,
			escalation, amount_minor, requested_at, escalated_at) VALUES (@p1, @p2, @p3, 'escalated', 'Broken', 'No',
			'Please decide', 0, NOW(), NOW()); SELECT LAST_INSERT_ID() AS id`, [order.orderId, mine.voId, customer.user.id]).id);
		const ret = await admin.get(`/admin/returns/${returnId}`);
		assert.match(ret.text, new RegExp(`href="/admin/conversations/${id}\\?return=${returnId}"`));
		res = await admin.get(`/admin/conversations/${theirs.conversation}?return=${returnId}`);
		assert.equal(res.status, 404, 'the dispute is about another part');
		res = await admin.get(`/admin/conversations/${id}?return=${returnId}`);
		assert.equal(res.status, 200);
		assert.equal(auditEntries('conversation.read', 'conversation', id).length, 2);
		q("UPDATE returns SET status = 'closed' WHERE id = @p1", [returnId]);
	});

	test('live: only the two sides subscribe, nobody publishes from outside, a message arrives', async () => {
		const id = mine.conversation;
		for (const [who, client] of [['nobody logged in', new Client()], ['a stranger', stranger.client],
			['the other shop', other.client]]) {
			const s = await subscribe(client, id);
			assert.equal(s.status, 403, `${who} may not subscribe`);
			s.close();
		}
		const sub = await subscribe(customer.client, id);
		assert.equal(sub.status, 200);
		assert.match(sub.type, /text\/event-stream/);
		const shopSub = await subscribe(shop.client, id);
		assert.equal(shopSub.status, 200);

		// Publishing from outside: the subscriber address takes no POST, and
		// the publisher's address is not on the public server at all.
		const forged = JSON.stringify({ id: 999999999, sender: 'vendor', who: 'Mallory', text: 'forged' });
		for (const [who, client] of [['nobody', new Client()], ['the customer', customer.client], ['the shop', shop.client]]) {
			const p = await subscribe(client, id, { method: 'POST', body: forged });
			assert.ok(p.status >= 400, `${who}: POST /live/chat/${id} answered ${p.status}`);
			p.close();
		}
		for (const path of [`/pub/chat/${id}`, `/_bazaar/live-auth`]) {
			const res = await new Client().request('POST', path, { body: forged, headers: { 'Content-Type': 'application/json' } });
			assert.ok(res.status >= 400, `POST ${path} answered ${res.status}`);
		}

		// The earlier messages of the channel come first (the buffer), then the
		// new one; the forged one never.
		const res = await send(shop.client, `/vendor/messages/${id}`, `Live ${XSS}`);
		assert.equal(res.status, 303);
		const newest = Number(qValue('SELECT MAX(id) FROM messages WHERE conversation_id = @p1', [id]));
		for (const s of [sub, shopSub]) {
			let m;
			do {
				m = await s.next();
				assert.notEqual(m.text, 'forged');
				assert.notEqual(m.id, 999999999);
			} while (m.id !== newest);
			assert.equal(m.sender, 'vendor');
			assert.equal(m.text, `Live ${XSS}`, 'the text as written: the page puts it in as text');
			assert.equal(m.who, shop.fields.trading_name);
			s.close();
		}
	});

	test('live header counts: a visitor with a session hears their own, nobody publishes from outside', async () => {
		const id = mine.conversation;
		const UNREAD = { path: '/live/unread' };
		const anonymous = await subscribe(new Client(), 0, UNREAD);
		assert.equal(anonymous.status, 403, 'nobody logged in');
		anonymous.close();
		for (const [who, client] of [['nobody', new Client()], ['the customer', customer.client]]) {
			const p = await subscribe(client, 0, { ...UNREAD, method: 'POST', body: '{"messages":99}' });
			assert.ok(p.status >= 400, `${who}: POST /live/unread answered ${p.status}`);
			p.close();
		}
		const forged = await new Client().request('POST', `/pub/unread/${customer.user.id}`,
			{ body: '{"messages":99}', headers: { 'Content-Type': 'application/json' } });
		assert.ok(forged.status >= 400, `POST /pub/unread answered ${forged.status}`);

		const mineSub = await subscribe(customer.client, 0, UNREAD);
		assert.equal(mineSub.status, 200);
		assert.match(mineSub.type, /text\/event-stream/);
		const shopSub = await subscribe(shop.client, 0, UNREAD);
		assert.equal(shopSub.status, 200);
		const dbCount = () => Number(qValue('SELECT COALESCE(SUM(customer_unread), 0) FROM conversations WHERE user_id = @p1',
			[customer.user.id]));

		/** The counts heard until counts[key] is want (a subscriber first gets the latest of the last minute). */
		const until = async (sub, key, want) => {
			let c;
			do c = await sub.next(); while (c[key] !== want);
			return c;
		};

		// The shop writes: the customer's header hears the new count, the one a page shows.
		assert.equal((await send(shop.client, `/vendor/messages/${id}`, 'Counted live')).status, 303);
		let counts = await until(mineSub, 'messages', dbCount());
		assert.ok(counts.messages > 0);
		assert.deepEqual(counts, { messages: dbCount(), inbox: 0 });
		assert.equal(headerCount((await customer.client.get('/account')).text, 'messages-link'), counts.messages);
		// The customer reads it: their other pages hear the lower count.
		assert.equal((await customer.client.get(`/messages/${id}`)).status, 200);
		const left = dbCount();
		assert.ok(left < counts.messages);
		counts = await until(mineSub, 'messages', left);
		assert.deepEqual(counts, { messages: left, inbox: 0 });
		// The customer answers: the shop's header hears its inbox's count.
		assert.equal((await send(customer.client, `/messages/${id}`, 'Thanks')).status, 303);
		const inbox = Number(qValue('SELECT COALESCE(SUM(vendor_unread), 0) FROM conversations WHERE vendor_id = @p1',
			[shop.vendor.id]));
		assert.ok(inbox > 0);
		counts = await until(shopSub, 'inbox', inbox);
		assert.equal(counts.messages, 0, 'the shop\'s account has no conversation as a customer');
		mineSub.close();
		shopSub.close();
	});
});

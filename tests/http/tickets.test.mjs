// Support tickets through the pages: a customer's and a vendor's questions
// (a message per field in error, an order number that is not theirs
// refused, someone else's ticket 404, hostile text escaped, no form without
// its CSRF token); the support role (only the ticket pages of the admin
// site, the second factor as an admin); internal notes never on the
// asker's pages nor in a mail to them; the answer mailed; the asker's
// answer opening the ticket again; a refused return taken to the
// marketplace landing as a ticket that the admin's decision resolves.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	Client, DEMO, adminLogin, assertRedirect, createAdmin, enrolAdmin, fieldError, loginAdmin, loginAs, outboxMark,
	q, qValue, signupCustomer, signupVendor, textOf,
} from '../lib/accounts.mjs';
import { makeOrder, vendorIdOf, vendorProducts } from '../lib/orders.mjs';

const XSS = '<script>alert("t")</script>';
const demoVendorId = () => vendorIdOf(DEMO.vendor.email);
const ticketStatus = (id) => qValue('SELECT status FROM tickets WHERE id = @p1', [id]);
/** The bodies of the mails queued after mark, as one text. */
const mailBodiesSince = (mark) => q('SELECT body FROM mail_outbox WHERE id > @p1', [mark]).map((r) => r.body).join('\n');
const ticketOf = (location) => Number(/\/tickets\/([0-9]+)$/.exec(location)[1]);

/** A support user made by `bazaar-admin create-support`, enrolled, then logged in with password and code. */
async function supportUser() {
	const created = createAdmin({ name: 'Sue Support', support: true });
	const who = await enrolAdmin(new Client(), created);
	const client = new Client();
	assert.equal(await adminLogin(client, who), '/admin/');
	return { client, ...who };
}

test('a customer asks: a message per field, only their own orders, hostile text escaped, CSRF', async () => {
	const me = await signupCustomer();
	const other = await signupCustomer();
	const [p1] = vendorProducts(demoVendorId(), 1);
	const mine = makeOrder({ userId: Number(me.user.id), vendorId: demoVendorId(), lines: [{ product: p1, qty: 1 }] });
	const theirs = makeOrder({ userId: Number(other.user.id), vendorId: demoVendorId(), lines: [{ product: p1, qty: 1 }] });
	const c = me.client;

	let res = await c.form(`/account/tickets/new?order=${mine.number}`);
	assert.match(res.text, new RegExp(`value="${mine.number}"`));
	res = await c.post('/account/tickets', { subject: '', category: '', order: '', body: '' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'subject') ?? '', /Write a subject/);
	assert.match(fieldError(res.text, 'category') ?? '', /Choose what your question is about/);
	assert.match(fieldError(res.text, 'body') ?? '', /Write your message/);
	res = await c.post('/account/tickets', { subject: 'x'.repeat(151), category: 'order', order: '', body: 'Hi' });
	assert.equal(res.status, 422);
	assert.ok(fieldError(res.text, 'subject'), 'a subject over 150 characters is refused on its field');
	res = await c.post('/account/tickets', { subject: 'Hi', category: 'refund', order: '', body: 'Hi' });
	assert.equal(res.status, 422);
	assert.ok(fieldError(res.text, 'category'), 'an unknown category is refused on its field');
	// someone else's order, or its part: refused on the order field, nothing written
	for (const number of [theirs.number, theirs.voNumber, 'BZ-999999']) {
		res = await c.post('/account/tickets', { subject: 'Where', category: 'order', order: number, body: 'Hi' });
		assert.equal(res.status, 422, number);
		assert.match(fieldError(res.text, 'order') ?? '', /None of your orders has this number/);
	}
	assert.equal(Number(qValue('SELECT COUNT(*) FROM tickets WHERE user_id = @p1', [me.user.id])), 0);
	// without the form's token, or from another site: 403, nothing written
	res = await c.post('/account/tickets', { subject: 'Hi', category: 'other', order: '', body: 'Hi' }, { csrf: null });
	assert.equal(res.status, 403);
	res = await c.post('/account/tickets', { subject: 'Hi', category: 'other', order: '', body: 'Hi' },
		{ csrf: 'f'.repeat(64) });
	assert.equal(res.status, 403);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM tickets WHERE user_id = @p1', [me.user.id])), 0);

	const mark = outboxMark();
	res = await c.post('/account/tickets', { subject: XSS, category: 'order', order: mine.voNumber, body: `Body ${XSS}` });
	const id = ticketOf(assertRedirect(res, 303, 'a new ticket'));
	assert.equal(Number(qValue('SELECT order_id FROM tickets WHERE id = @p1', [id])), mine.orderId);
	res = await c.get(`/account/tickets/${id}`);
	assert.equal(res.status, 200);
	assert.ok(!res.text.includes(XSS), 'the subject and message are escaped');
	assert.ok(res.text.includes('&lt;script&gt;alert('), 'shown as text');
	assert.match(textOf(res.text), /Waiting for support/);
	const received = q('SELECT to_addr FROM mail_outbox WHERE id > @p1 AND template = @p2', [mark, 'ticket_received']);
	assert.deepEqual(received.map((r) => r.to_addr), [me.email.toLowerCase()]);
	assert.equal(q('SELECT id FROM mail_outbox WHERE id > @p1 AND template = @p2', [mark, 'ticket_staff']).length, 1);
	res = await c.get('/account/tickets');
	assert.ok(res.text.includes(`href="/account/tickets/${id}"`));

	// another customer: 404 to read it or write on it, nothing written
	res = await other.client.get(`/account/tickets/${id}`);
	assert.equal(res.status, 404);
	await other.client.form('/account/tickets/new');
	res = await other.client.post(`/account/tickets/${id}/reply`, { body: 'Me too' });
	assert.equal(res.status, 404);
	res = await c.form(`/account/tickets/${id}`);
	res = await c.post(`/account/tickets/${id}/reply`, { body: 'More' }, { csrf: null });
	assert.equal(res.status, 403);
	res = await c.post(`/account/tickets/${id}/reply`, { body: '' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'body') ?? '', /Write your message/);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = @p1', [id])), 1);
	// a visitor without a session goes to the login
	res = await new Client().get(`/account/tickets/${id}`);
	assert.equal(res.status, 303);
	assert.match(res.location, /\/login\?next=/);
});

test('support: only the ticket pages; notes never reach the customer; answers are mailed; the answer reopens', async () => {
	const me = await signupCustomer();
	const support = await supportUser();
	const s = support.client;
	let res = await me.client.form('/account/tickets/new');
	res = await me.client.post('/account/tickets', { subject: 'Cannot change my address', category: 'account',
		order: '', body: 'The form says no' });
	const id = ticketOf(assertRedirect(res, 303, 'a new ticket'));

	// the support role: the tickets, nothing else of the admin site
	res = await s.get('/admin/');
	assert.equal(assertRedirect(res, 303, 'the dashboard'), '/admin/tickets');
	res = await s.get('/admin/tickets');
	assert.equal(res.status, 200);
	assert.ok(res.text.includes(`href="/admin/tickets/${id}"`));
	assert.ok(!res.text.includes('href="/admin/vendors"'), 'no admin navigation');
	for (const path of ['/admin/vendors', '/admin/users', '/admin/returns', '/admin/audit', '/admin/orders'])
		assert.equal((await s.get(path)).status, 404, path);
	// a customer on the support pages: 404
	assert.equal((await me.client.get('/admin/tickets')).status, 404);

	const mark = outboxMark();
	const note = `NOTE-${process.pid}-${Date.now()} the postcode table is wrong`;
	res = await s.form(`/admin/tickets/${id}`);
	res = await s.post(`/admin/tickets/${id}/note`, { note: '' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'note') ?? '', /Write the note/);
	res = await s.post(`/admin/tickets/${id}/note`, { note }, { csrf: null });
	assert.equal(res.status, 403);
	res = await s.post(`/admin/tickets/${id}/note`, { note });
	assertRedirect(res, 303, 'the note');
	res = await s.post(`/admin/tickets/${id}/assign`, { assignee: String(me.user.id) });
	assert.equal(res.status, 400, 'only support staff can be assigned');
	res = await s.post(`/admin/tickets/${id}/assign`, { assignee: String(support.id) });
	assertRedirect(res, 303, 'assign');
	res = await s.post(`/admin/tickets/${id}/answer`, { answer: '', status: 'waiting' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'answer') ?? '', /Write the answer/);
	assert.ok(res.text.includes(note), 'support sees its note on the form again');
	res = await s.post(`/admin/tickets/${id}/answer`, { answer: 'Try again now: fixed.', status: 'waiting' });
	assertRedirect(res, 303, 'the answer');
	assert.equal(ticketStatus(id), 'waiting');
	res = await s.get(`/admin/tickets/${id}`);
	assert.ok(res.text.includes(note));
	assert.match(textOf(res.text), /Assigned to Sue Support/);

	// the customer: the answer on the page and by mail, the note nowhere
	res = await me.client.get(`/account/tickets/${id}`);
	assert.match(textOf(res.text), /Try again now: fixed\./);
	assert.match(textOf(res.text), /Waiting for your answer/);
	assert.ok(!res.text.includes(note), 'no note on the customer\'s page');
	assert.ok(!res.text.includes('NOTE-'), 'no note on the customer\'s page');
	const answered = q('SELECT to_addr, body FROM mail_outbox WHERE id > @p1 AND template = @p2', [mark, 'ticket_answered']);
	assert.equal(answered.length, 1);
	assert.equal(answered[0].to_addr, me.email.toLowerCase());
	assert.match(answered[0].body, /Try again now: fixed\./);
	assert.ok(!mailBodiesSince(mark).includes(note), 'no mail carries the note');
	assert.equal(Number(qValue(`SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND kind = 'ticket'`, [me.user.id])), 1);

	// resolved, then the customer answers: open again, the assignee is mailed
	res = await s.form(`/admin/tickets/${id}`);
	res = await s.post(`/admin/tickets/${id}/status`, { status: 'bogus' });
	assert.equal(res.status, 400);
	res = await s.post(`/admin/tickets/${id}/status`, { status: 'resolved' });
	assertRedirect(res, 303, 'resolve');
	assert.equal(ticketStatus(id), 'resolved');
	const mark2 = outboxMark();
	res = await me.client.form(`/account/tickets/${id}`);
	res = await me.client.post(`/account/tickets/${id}/reply`, { body: 'Still broken' });
	assertRedirect(res, 303, 'the answer');
	assert.equal(ticketStatus(id), 'open');
	const staff = q('SELECT to_addr FROM mail_outbox WHERE id > @p1 AND template = @p2', [mark2, 'ticket_staff']);
	assert.deepEqual(staff.map((r) => r.to_addr), [support.email.toLowerCase()]);
	assert.ok(!mailBodiesSince(mark).includes(note), 'no mail carries the note');
	assert.equal(Number(qValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.answer' AND object_id = @p1`, [id])), 1);
});

test('a vendor asks about its own orders only; another shop cannot see it', async () => {
	const shop = await loginAs('vendor');
	const stranger = await signupVendor();
	const [p1] = vendorProducts(demoVendorId(), 1);
	const customer = await signupCustomer();
	const o = makeOrder({ userId: Number(customer.user.id), vendorId: demoVendorId(), lines: [{ product: p1, qty: 1 }] });
	let res = await stranger.client.form('/vendor/tickets/new');
	res = await stranger.client.post('/vendor/tickets', { subject: 'Payout', category: 'payment', order: o.voNumber, body: 'Hi' });
	assert.equal(res.status, 422);
	assert.match(fieldError(res.text, 'order') ?? '', /None of your orders/);
	res = await shop.form('/vendor/tickets/new');
	res = await shop.post('/vendor/tickets', { subject: XSS, category: 'payment', order: o.voNumber, body: 'When is it paid' });
	const id = ticketOf(assertRedirect(res, 303, 'a shop\'s ticket'));
	assert.equal(Number(qValue('SELECT vendor_id FROM tickets WHERE id = @p1', [id])), demoVendorId());
	res = await shop.get(`/vendor/tickets/${id}`);
	assert.equal(res.status, 200);
	assert.ok(!res.text.includes(XSS));
	assert.equal((await stranger.client.get(`/vendor/tickets/${id}`)).status, 404);
	res = await stranger.client.post(`/vendor/tickets/${id}/reply`, { body: 'Not mine' });
	assert.equal(res.status, 404);
	// the customer of the order does not see the shop's ticket either
	assert.equal((await customer.client.get(`/account/tickets/${id}`)).status, 404);
	q('DELETE FROM tickets WHERE id = @p1', [id]);
});

test('a refused return taken to the marketplace lands as a ticket; the admin\'s decision resolves it', async () => {
	const me = await signupCustomer();
	const [p1] = vendorProducts(demoVendorId(), 1);
	const o = makeOrder({ userId: Number(me.user.id), vendorId: demoVendorId(), lines: [{ product: p1, qty: 1 }] });
	let res = await me.client.form(`/orders/${o.orderId}/returns/new?vendor_order=${o.voId}`);
	res = await me.client.post(`/orders/${o.orderId}/returns`, [['vendor_order', o.voId], ['item', o.items[0].id],
		['qty', 1], ['reason', 'Arrived scratched']]);
	assertRedirect(res, 303, 'the return');
	const returnId = Number(qValue('SELECT MAX(id) FROM returns WHERE vendor_order_id = @p1', [o.voId]));
	const vendor = await loginAs('vendor');
	await vendor.form(`/vendor/returns/${returnId}`);
	res = await vendor.post(`/vendor/returns/${returnId}/refuse`, { refusal: 'Scratched by the customer' });
	assertRedirect(res, 303, 'refuse');
	assert.equal(Number(qValue('SELECT COUNT(*) FROM tickets WHERE return_id = @p1', [returnId])), 0);
	await me.client.form(`/orders/${o.orderId}/returns`);
	res = await me.client.post(`/returns/${returnId}/escalate`, { note: 'It came like this, photos in the mail' });
	assertRedirect(res, 303, 'escalate');
	const id = Number(qValue('SELECT id FROM tickets WHERE return_id = @p1', [returnId]));
	assert.ok(id > 0, 'the escalation opened a ticket');
	res = await me.client.get(`/account/tickets/${id}`);
	assert.equal(res.status, 200);
	assert.match(textOf(res.text), /It came like this/);

	const admin = await loginAdmin();
	res = await admin.form(`/admin/tickets/${id}`);
	assert.ok(res.text.includes(`href="/admin/returns/${returnId}"`), 'the ticket links to the return');
	assert.match(textOf(res.text), /Escalated: waiting for the marketplace/);
	res = await admin.form(`/admin/returns/${returnId}`);
	res = await admin.post(`/admin/returns/${returnId}/close`, { note: 'The courier\'s photos show it intact' });
	assertRedirect(res, 303, 'close');
	assert.equal(ticketStatus(id), 'resolved');
	res = await me.client.get(`/account/tickets/${id}`);
	assert.match(textOf(res.text), /The courier's photos show it intact/);
	assert.match(textOf(res.text), /Resolved/);
});

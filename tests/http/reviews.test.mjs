// Reviews through the pages: only the buyer of a delivered order item may
// review it, once (not bought, not delivered, someone else's item, a second
// review are refused with the same sentence and no form); the product's and
// the shop's averages after a review, an edit and a moderator's hide; every
// text field shown escaped; one account's helpful votes sent at once count
// once; "Helpful" and "Report" on the shared product page (no token, by
// Origin; nothing of the visitor's in the page); the shop answers once; reports and banned words reach the admin's
// queue, whose decisions are audited and whose hide mails the author.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import {
	Client, DEMO, ORIGIN, assertRedirect, auditEntries, flashOf, loginAdmin, loginAs, q, qRow, qValue,
	signupCustomer, textOf,
} from '../lib/accounts.mjs';
import { makeOrder, userIdOf, vendorIdOf } from '../lib/orders.mjs';
import { forgetPage } from '../lib/stack.mjs';

const ONLY_BUYERS = 'Reviewing is allowed after buying this product.';
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const customerId = () => userIdOf(DEMO.customer.email);
const vendorId = () => vendorIdOf(DEMO.vendor.email);

/** Active products of the demo vendor nobody reviewed, from the end of its list (other tests take the first). */
function freshProducts(n) {
	const rows = q(`SELECT p.id, p.name, p.slug, p.price_minor FROM products p WHERE p.vendor_id = @p1
		AND p.status = 'active' AND p.stock >= 20 AND p.price_minor BETWEEN 100 AND 100000
		AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = p.id) ORDER BY p.id DESC LIMIT ${Number(n)}`,
	[vendorId()]);
	assert.equal(rows.length, n, 'the demo vendor has products without reviews');
	return rows.map((r) => ({ id: Number(r.id), name: r.name, slug: r.slug, price: Number(r.price_minor) }));
}

const touched = new Set();
after(async () => {
	// The demo products go back to having no reviews.
	for (const id of touched) {
		q('DELETE FROM content_reports WHERE kind = \'review\' AND object_id IN (SELECT id FROM reviews WHERE product_id = @p1)', [id]);
		q('DELETE FROM reviews WHERE product_id = @p1', [id]);
		q('UPDATE products SET rating_avg = NULL, rating_count = 0 WHERE id = @p1', [id]);
		const slug = qValue('SELECT slug FROM products WHERE id = @p1', [id]);
		await forgetPage(`/p/${id}-${slug}`);
	}
	q(`UPDATE vendors v SET rating_count = (SELECT COUNT(*) FROM reviews r WHERE r.vendor_id = v.id AND r.status = 'published'),
		rating_avg = (SELECT ROUND(AVG(rating), 2) FROM reviews r WHERE r.vendor_id = v.id AND r.status = 'published')
		WHERE v.id = @p1`, [vendorId()]);
});

const rating = (table, id) => {
	const r = qRow(`SELECT rating_avg, rating_count FROM ${table === 'vendors' ? 'vendors' : 'products'} WHERE id = @p1`, [id]);
	return `${r.rating_avg ?? '-'}/${r.rating_count}`;
};

/** Posts a review of item (urlencoded: the photo field is optional). */
async function postReview(client, product, item, { stars = 5, title = 'Good', body = 'Works well.' } = {}) {
	return client.post(`/p/${product.id}/review`, { item, rating: stars, title, body });
}

test('only the buyer of a delivered item reviews it, once', async () => {
	const [p] = freshProducts(1);
	touched.add(p.id);
	const delivered = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p, qty: 1 }] });
	const shipped = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p, qty: 1 }], status: 'shipped' });

	// a visitor without an account, and a customer who never bought it
	let res = await new Client().get(`/p/${p.id}/review`);
	assert.equal(res.status, 403);
	assert.match(textOf(res.text), new RegExp(ONLY_BUYERS.replace('.', '\\.')));
	assert.doesNotMatch(res.text, /name="rating"/, 'no form');
	const stranger = (await signupCustomer()).client;
	res = await stranger.get(`/p/${p.id}/reviews`);
	assert.equal(res.status, 200);
	res = await stranger.get(`/p/${p.id}/review`);
	assert.equal(res.status, 403);
	assert.match(textOf(res.text), /Reviewing is allowed after buying this product\./);
	assert.doesNotMatch(res.text, /name="rating"/);
	// someone else's item sent by hand (with the stranger's own session token)
	await stranger.form('/account');
	res = await postReview(stranger, p, delivered.items[0].id);
	assert.equal(res.status, 403);
	assert.match(textOf(res.text), /Reviewing is allowed after buying this product\./);

	const customer = await loginAs('customer');
	// not delivered yet
	res = await customer.get(`/p/${p.id}/review?item=${shipped.items[0].id}`);
	assert.equal(res.status, 403);
	assert.match(textOf(res.text), /not been delivered yet/);
	res = await postReview(customer, p, shipped.items[0].id);
	assert.equal(res.status, 403);
	// the item of another product
	res = await customer.get(`/p/${p.id}/review`);
	assert.equal(res.status, 200);
	assert.match(res.text, new RegExp(`name="item" value="${delivered.items[0].id}"`));
	res = await postReview(customer, { id: p.id + 0 }, 999999999);
	assert.equal(res.status, 403);
	// bad input: the form again, nothing written
	res = await customer.post(`/p/${p.id}/review`, { item: delivered.items[0].id, rating: 5, title: '', body: 'x' });
	assert.equal(res.status, 422);
	assert.match(textOf(res.text), /Give your review a title/);
	res = await postReview(customer, p, delivered.items[0].id, { stars: 4, title: 'Solid' });
	const to = assertRedirect(res, 303, 'the review');
	assert.match(to, new RegExp(`^/p/${p.id}/reviews(#review-\\d+)?$`));
	// a second review of the same item
	res = await customer.get(`/p/${p.id}/review?item=${delivered.items[0].id}`);
	assert.equal(res.status, 403);
	assert.match(textOf(res.text), /You have reviewed it already/);
	res = await postReview(customer, p, delivered.items[0].id, { stars: 1, title: 'Again' });
	assert.equal(res.status, 403);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM reviews WHERE order_item_id = @p1', [delivered.items[0].id])), 1);
	// the order page links to the review
	res = await customer.get(`/orders/${delivered.orderId}`);
	assert.match(res.text, /Your review/);
	res = await customer.get(`/orders/${shipped.orderId}`);
	assert.doesNotMatch(res.text, /Write a review/);
});

test('averages after a review, an edit and a hide; the shop answers once; XSS shown escaped', async () => {
	const [p] = freshProducts(1);
	touched.add(p.id);
	const orders = [5, 3].map(() => makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p, qty: 1 }] }));
	const customer = await loginAs('customer');
	await customer.form(`/p/${p.id}/review`);
	let res = await postReview(customer, p, orders[0].items[0].id, { stars: 5, title: XSS, body: `Nice ${XSS}` });
	assertRedirect(res, 303, 'first review');
	assert.equal(rating('products', p.id), '5.00/1');
	res = await postReview(customer, p, orders[1].items[0].id, { stars: 3, title: 'Fine' });
	assertRedirect(res, 303, 'second review');
	assert.equal(rating('products', p.id), '4.00/2');
	const [first, second] = q('SELECT id FROM reviews WHERE product_id = @p1 ORDER BY id', [p.id]).map((r) => Number(r.id));

	// the product page shows the new figures at once (its cached copy was dropped)
	let page = await new Client().get(`/p/${p.id}-${p.slug}`);
	assert.equal(page.status, 200);
	assert.match(textOf(page.text), /4 out of 5 · 2 reviews/);
	assert.match(textOf(page.text), /Verified purchase/);
	assert.doesNotMatch(page.text, /<script>alert/);
	assert.match(page.text, /&lt;script&gt;alert/);
	assert.doesNotMatch(page.text, new RegExp(DEMO.customer.email.replace(/[.@]/g, '\\$&')), 'no email');

	// an edit: counted at its new rating, marked
	res = await customer.form(`/reviews/${second}/edit`);
	res = await customer.post(`/reviews/${second}/edit`, { rating: 1, title: 'Worse', body: 'It broke.' });
	assertRedirect(res, 303, 'edit');
	assert.equal(rating('products', p.id), '3.00/2');
	page = await new Client().get(`/p/${p.id}/reviews?sort=lowest`);
	assert.match(textOf(page.text), /Edited \d{4}-\d\d-\d\d/);
	assert.match(textOf(page.text), /Worse[\s\S]*Nice/, 'lowest rating first');
	// someone else's review cannot be edited
	const stranger = (await signupCustomer()).client;
	res = await stranger.get(`/reviews/${second}/edit`);
	assert.equal(res.status, 404);

	// the shop answers once; another shop cannot
	const vendor = await loginAs('vendor');
	res = await vendor.form('/vendor/reviews');
	assert.doesNotMatch(res.text, /<script>alert/);
	res = await vendor.post(`/vendor/reviews/${first}/reply`, { reply: `Thanks! ${XSS}` });
	assertRedirect(res, 303, 'reply');
	res = await vendor.post(`/vendor/reviews/${first}/reply`, { reply: 'Second answer' });
	assertRedirect(res, 303, 'second reply');
	assert.equal(qValue('SELECT reply FROM reviews WHERE id = @p1', [first]), `Thanks! ${XSS}`);
	page = await new Client().get(`/p/${p.id}/reviews`);
	assert.match(textOf(page.text), /The shop answered/);
	assert.doesNotMatch(page.text, /<script>alert/);
	assert.doesNotMatch(page.text, /<img src=x/);

	// reported, then hidden by an admin: out of the average, the author mailed, audited
	res = await stranger.form(`/p/${p.id}/reviews`);
	res = await stranger.post(`/reviews/${first}/report`, { reason: `Rude ${XSS}` });
	assertRedirect(res, 303, 'report');
	const admin = await loginAdmin();
	res = await admin.form('/admin/reports');
	assert.match(res.text, new RegExp(`/admin/reports/review/${first}/hide`));
	assert.doesNotMatch(res.text, /<script>alert/);
	res = await admin.post(`/admin/reports/review/${first}/hide`, { reason: 'Not about the product.' });
	assertRedirect(res, 303, 'hide');
	assert.equal(rating('products', p.id), '1.00/1');
	assert.equal(auditEntries('report.hide', 'review', first).length, 1);
	const mail = qRow(`SELECT subject, body FROM mail_outbox WHERE to_addr = @p1 AND template = 'review_hidden'
		ORDER BY id DESC LIMIT 1`, [DEMO.customer.email]);
	assert.match(mail.subject, /hidden/);
	assert.match(String(mail.body), /Not about the product\./, 'the author is told why');
	page = await new Client().get(`/p/${p.id}-${p.slug}`);
	assert.match(textOf(page.text), /1 out of 5 · 1 review/);
	assert.doesNotMatch(page.text, /Nice/);
	// a second decision changes nothing
	res = await admin.post(`/admin/reports/review/${first}/keep`, {});
	assertRedirect(res, 303, 'keep after hide');
	assert.match(flashOf((await admin.get('/admin/reports')).text) ?? '', /decided already/);
	assert.equal(rating('products', p.id), '1.00/1');
});

/** A fresh product the demo customer bought and reviewed: its review's id and the customer. */
async function reviewedProduct(options) {
	const [p] = freshProducts(1);
	touched.add(p.id);
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p, qty: 1 }] });
	const customer = await loginAs('customer');
	await customer.form(`/p/${p.id}/review`);
	assertRedirect(await postReview(customer, p, o.items[0].id, options), 303, 'review');
	return { p, customer, id: Number(qValue('SELECT id FROM reviews WHERE order_item_id = @p1', [o.items[0].id])) };
}

test('one account\'s helpful votes sent at once count once', async () => {
	const { p, customer, id } = await reviewedProduct();
	const voter = (await signupCustomer()).client;
	await voter.form(`/p/${p.id}/reviews`);
	const all = await Promise.all(Array.from({ length: 6 }, () => voter.post(`/reviews/${id}/helpful`, {})));
	for (const res of all) assert.equal(res.status, 303);
	assert.equal(Number(qValue('SELECT helpful_count FROM reviews WHERE id = @p1', [id])), 1);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM review_votes WHERE review_id = @p1', [id])), 1);
	// the author's own vote is not counted; without a token nothing happens
	// the author's page of reviews has no form of theirs: the session's token from the account page
	await customer.form('/account');
	assertRedirect(await customer.post(`/reviews/${id}/helpful`, {}), 303, 'own vote');
	const res = await voter.post(`/reviews/${id}/helpful`, {}, { csrf: null });
	assert.equal(res.status, 403);
	assert.equal(Number(qValue('SELECT helpful_count FROM reviews WHERE id = @p1', [id])), 1);
});

test('"Helpful" and "Report" on the shared product page: by Origin, nothing of the visitor\'s in the page', async () => {
	const { p, customer, id } = await reviewedProduct({ title: 'Shared page one' });
	const reviewsOf = (html) => {
		const m = html.match(/<section class="section reviews"[\s\S]*?<\/section>/);
		assert.ok(m, 'the product page has its reviews section');
		return m[0];
	};

	const anonymous = reviewsOf((await new Client().get(`/p/${p.id}-${p.slug}`)).text);
	assert.match(anonymous, new RegExp(`<form class="inline-form" method="post" action="/reviews/${id}/helpful">`));
	assert.match(anonymous, new RegExp(`<form method="post" action="/reviews/${id}/report" novalidate>`));
	assert.doesNotMatch(anonymous, /name="csrf"/, 'no token in the shared page');
	const voter = (await signupCustomer()).client;
	assert.equal(reviewsOf((await voter.get(`/p/${p.id}-${p.slug}`)).text), anonymous, 'the same for everyone');
	assert.equal(reviewsOf((await customer.get(`/p/${p.id}-${p.slug}`)).text), anonymous, 'its author\'s too');

	// a visitor without a session is sent to log in, and back to the reviews
	let res = await new Client().post(`/reviews/${id}/helpful`, {}, { csrf: null, origin: ORIGIN });
	assert.equal(assertRedirect(res, 303, 'anonymous vote'), `/login?next=/p/${p.id}/reviews`);
	res = await new Client().post(`/reviews/${id}/report`, { reason: 'Rude' }, { csrf: null, origin: ORIGIN });
	assert.equal(assertRedirect(res, 303, 'anonymous report'), `/login?next=/p/${p.id}/reviews`);
	// another site, or neither Origin nor token: refused
	res = await voter.post(`/reviews/${id}/helpful`, {}, { csrf: null, origin: 'https://evil.example' });
	assert.equal(res.status, 403, 'cross-site vote');
	res = await voter.post(`/reviews/${id}/report`, { reason: 'Rude' }, { csrf: null, headers: { 'Sec-Fetch-Site': 'cross-site' } });
	assert.equal(res.status, 403, 'cross-site report');
	assert.equal(Number(qValue('SELECT helpful_count FROM reviews WHERE id = @p1', [id])), 0);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM content_reports WHERE kind = \'review\' AND object_id = @p1', [id])), 0);
	// from the page itself: counted once, reported once
	res = await voter.post(`/reviews/${id}/helpful`, {}, { csrf: null, origin: ORIGIN });
	assert.equal(assertRedirect(res, 303, 'vote'), `/p/${p.id}/reviews`);
	assert.match(flashOf((await voter.get(`/p/${p.id}/reviews`)).text) ?? '', /your vote is counted/);
	res = await voter.post(`/reviews/${id}/helpful`, {}, { csrf: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
	assertRedirect(res, 303, 'second vote');
	assert.equal(Number(qValue('SELECT helpful_count FROM reviews WHERE id = @p1', [id])), 1);
	res = await voter.post(`/reviews/${id}/report`, { reason: 'Not about the product' }, { csrf: null, origin: ORIGIN });
	assertRedirect(res, 303, 'report');
	assert.equal(qValue('SELECT reason FROM content_reports WHERE kind = \'review\' AND object_id = @p1', [id]), 'Not about the product');
	// its author can neither vote for it nor report it
	res = await customer.post(`/reviews/${id}/report`, { reason: 'Mine' }, { csrf: null, origin: ORIGIN });
	assertRedirect(res, 303, 'own report');
	assert.match(flashOf((await customer.get(`/p/${p.id}/reviews`)).text) ?? '', /your own review/);
	assert.equal(Number(qValue('SELECT COUNT(*) FROM content_reports WHERE kind = \'review\' AND object_id = @p1', [id])), 1);
});

test('a banned word holds a review until an admin keeps it', async () => {
	const [p] = freshProducts(1);
	touched.add(p.id);
	const word = `zqxheld${process.pid}`;
	q('INSERT INTO prohibited_words (word, folded) VALUES (@p1, @p1)', [word]);
	try {
		const o = makeOrder({ userId: customerId(), vendorId: vendorId(), lines: [{ product: p, qty: 1 }] });
		const customer = await loginAs('customer');
		await customer.form(`/p/${p.id}/review`);
		const res = await postReview(customer, p, o.items[0].id, { title: 'Held one', body: `It is ${word}.` });
		assertRedirect(res, 303, 'held review');
		const id = Number(qValue('SELECT id FROM reviews WHERE order_item_id = @p1', [o.items[0].id]));
		assert.equal(qValue('SELECT status FROM reviews WHERE id = @p1', [id]), 'held');
		assert.equal(rating('products', p.id), '-/0');
		let page = await new Client().get(`/p/${p.id}/reviews`);
		assert.doesNotMatch(page.text, /Held one/, 'nobody else sees it');
		page = await customer.get(`/p/${p.id}/reviews`);
		assert.match(textOf(page.text), /waits for a moderator/, 'its author does');
		const admin = await loginAdmin();
		page = await admin.form('/admin/reports');
		assert.match(textOf(page.text), /Held for a banned word/);
		assertRedirect(await admin.post(`/admin/reports/review/${id}/keep`, {}), 303, 'keep');
		assert.equal(rating('products', p.id), '5.00/1');
		assert.equal(auditEntries('report.keep', 'review', id).length, 1);
		// an unknown kind is not a queue
		assert.equal((await admin.post(`/admin/reports/product/${id}/keep`, {})).status, 404);
	} finally {
		q('DELETE FROM prohibited_words WHERE folded = @p1', [word]);
	}
});

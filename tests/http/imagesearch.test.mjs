// Search by picture through nginx: a product's own stored picture, sent as
// a shopper would send a photo, finds that product (or one with the very
// same picture) first; the upload is not kept (no file left in the upload
// directory, no media row); files that are not pictures, or too large ones,
// get the form again with the reason; a picture a vendor adds to a listing
// is described by the features job (bazaar-imgfeat, from the listing's
// product.changed event) within seconds, and is then found by its own copy.
// The measured quality (200 transformed copies): tests/unit/check_imgfeat.c.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, loginAs } from '../lib/accounts.mjs';
import { env, listingCards, sleep, sql, sqlRow, url } from '../lib/stack.mjs';
import { pngPicture, pngWith, postMultipart } from '../lib/uploads.mjs';

const uploadDir = join(env('BAZAAR_VAR'), 'tmp');
const filesIn = (dir) => { try { return readdirSync(dir).length; } catch { return 0; } };

async function search(client, data, { filename = 'photo.jpg', type = 'image/jpeg' } = {}) {
	await client.get('/search/image');
	return postMultipart(client, '/search/image', {}, [{ field: 'picture', filename, type, data }]);
}

/** The media id of a product's first picture. */
const pictureOf = (productId) => Number(sqlRow(
	'SELECT media_id FROM product_images WHERE product_id = @p1 AND position = 1', [productId])?.media_id ?? 0);

describe('search by picture', () => {
	test('a product\'s picture finds it, and nothing of the upload is kept', async () => {
		const row = sqlRow(`SELECT p.id, m.id AS media, m.hash FROM products p
			JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'
			JOIN product_images i ON i.product_id = p.id AND i.position = 1
			JOIN media m ON m.id = i.media_id JOIN image_features f ON f.media_id = m.id
			WHERE p.status = 'active' ORDER BY p.id LIMIT 1`);
		assert.ok(row, 'a described product picture on the test stack');
		const picture = await fetch(url(`/media/m/${row.hash.slice(0, 2)}/${row.hash}-1200.jpg`));
		assert.equal(picture.status, 200);
		const data = Buffer.from(await picture.arrayBuffer());
		const media = Number(sqlRow('SELECT COUNT(*) AS n FROM media').n);
		const files = filesIn(uploadDir);

		const client = new Client();
		const res = await search(client, data);
		assert.equal(res.status, 200, res.text.slice(0, 400));
		assert.match(res.text, /Products that look like your picture/);
		const cards = listingCards(res.text);
		assert.ok(cards.length >= 3, `cards: ${cards.length}`);
		assert.equal(pictureOf(cards[0].id), Number(row.media), 'the first result has the picture sent');

		assert.equal(Number(sqlRow('SELECT COUNT(*) AS n FROM media').n), media, 'no media row for the upload');
		assert.equal(filesIn(uploadDir), files, 'no file left in the upload directory');
	});

	test('a file that is not a picture, or too large a one, gets the form with the reason', async () => {
		const client = new Client();
		let res = await search(client, Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'x.jpg' });
		assert.equal(res.status, 422);
		assert.match(res.text, /is not a JPEG, PNG, WebP or GIF picture/);
		assert.doesNotMatch(res.text, /<script>alert/);
		res = await search(client, pngWith(20000, 20000, Buffer.alloc(16)), { filename: 'big.png', type: 'image/png' });
		assert.equal(res.status, 422);
		assert.match(res.text, /too large/);
		res = await search(client, pngPicture(5, 5), { filename: 'tiny.png', type: 'image/png' });
		assert.equal(res.status, 422);
		assert.match(res.text, /too small to search with/);
	});
});

describe('a vendor\'s new picture', () => {
	let vendor;
	let productId;

	before(async () => {
		vendor = await loginAs('vendor');
		const v = sqlRow(`SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id
			WHERE u.email = 'northwind-home@demo.bazaar.test'`);
		const cat = sqlRow('SELECT id, parent_id FROM categories WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1');
		sql(`INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, price_minor, stock, status)
			VALUES (@p1, @p2, @p3, 'Picture search test rug', CONCAT('picture-search-test-rug-', @p4), 'A rug.', 2599, 5, 'active')`,
		[v.id, cat.id, cat.parent_id, Date.now() % 1e9]);
		productId = Number(sqlRow(`SELECT MAX(id) AS id FROM products WHERE vendor_id = @p1
			AND name = 'Picture search test rug'`, [v.id]).id);
	});

	after(() => {
		if (productId) {
			sql('DELETE FROM product_images WHERE product_id = @p1', [productId]);
			// with its event, as the catalogue's own writes: the search index drops it
			sql(`START TRANSACTION; DELETE FROM products WHERE id = @p1;
				INSERT INTO events (type, subject_id) VALUES ('product.changed', @p1); COMMIT`, [productId]);
		}
	});

	test('is described by the features job within seconds and found by a copy of it', async () => {
		const picture = pngPicture(900, 700, 77);
		const page = `/vendor/listings/${productId}/images`;
		await vendor.form(page);
		const res = await postMultipart(vendor, page, { alt: 'A striped rug' },
			[{ field: 'picture', filename: 'rug.png', type: 'image/png', data: picture }]);
		assert.equal(res.status, 303, res.text.slice(0, 400));
		const media = pictureOf(productId);
		assert.ok(media > 0);
		let described = false;
		for (let i = 0; i < 60 && !described; i++) {
			described = sqlRow('SELECT COUNT(*) AS n FROM image_features WHERE media_id = @p1', [media]).n > 0;
			if (!described) await sleep(250);
		}
		assert.ok(described, 'the new picture was described within 15 s');
		const found = await search(new Client(), picture, { filename: 'rug.png', type: 'image/png' });
		assert.equal(found.status, 200);
		const cards = listingCards(found.text);
		assert.ok(cards.length > 0);
		assert.equal(cards[0].id, productId);
	});
});

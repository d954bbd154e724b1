// What search engines and shared links read: robots.txt; the sitemap index
// and files served from memcached (bazaar-sitemap writes them; a miss is
// drawn by the storefront and stored again), listing exactly the pages that
// answer 200 with their lastmod; the product page's schema.org JSON-LD
// checked against the schema.org vocabulary (the npm package schema-dts,
// generated from it), against the properties search engines require, and
// against the values the page shows, with a hostile name that must not
// close its <script>; Open Graph and Twitter card tags with absolute
// addresses on the home, category, shop and product pages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { toolPath } from '../lib/accounts.mjs';
import {
	BASE_URL, forgetPage, get, htmlUnescape, memcached, money, sql, sqlRow,
} from '../lib/stack.mjs';

// ---- the schema.org vocabulary ------------------------------------------------

/*
 * schema-dts declares each type as `interface <T>Leaf extends <Parent>Base`
 * and each base as `interface <T>Base extends <Parent>Base { "prop"?: ...; }`
 * up to ThingBase: the properties a type may have are those of its chain.
 */
const vocabulary = (() => {
	const require = createRequire(import.meta.url);
	const text = readFileSync(require.resolve('schema-dts/dist/schema.d.ts'), 'utf8');
	const bases = new Map();
	const re = /^(?:export )?interface (\w+) extends (\w+)(?:<[^>]*>)?(?:, *\w+)* \{\n([\s\S]*?)^\}/gm;
	for (const m of text.matchAll(re)) {
		const props = new Map();
		for (const p of m[3].matchAll(/^ {4}"([@\w]+)"\??: (.*);$/gm)) props.set(p[1], p[2]);
		bases.set(m[1], { parent: m[2], props });
	}
	return {
		/** property name -> declared value type, for a type's whole chain; null for an unknown type. */
		properties(type) {
			const leaf = bases.get(`${type}Leaf`);
			if (!leaf) return null;
			const all = new Map();
			for (let b = bases.get(leaf.parent); b; b = bases.get(b.parent)) {
				for (const [k, v] of b.props) if (!all.has(k)) all.set(k, v);
			}
			return all;
		},
	};
})();

/** Every property of node (and of nested typed nodes) is one the vocabulary gives its type. */
function assertInVocabulary(node, where) {
	assert.equal(typeof node['@type'], 'string', `${where} has a @type`);
	const props = vocabulary.properties(node['@type']);
	assert.ok(props, `${where}: ${node['@type']} is a schema.org type`);
	for (const [key, value] of Object.entries(node)) {
		if (key === '@type' || key === '@context') continue;
		assert.ok(props.has(key), `${where}: ${key} is a property of ${node['@type']}`);
		for (const [i, v] of (Array.isArray(value) ? value : [value]).entries()) {
			if (v && typeof v === 'object') {
				assert.match(props.get(key), new RegExp(`\\b${v['@type']}\\b`),
					`${where}.${key}: ${v['@type']} is a value ${node['@type']}.${key} takes`);
				assertInVocabulary(v, `${where}.${key}[${i}]`);
			}
		}
	}
}

// ---- the page ------------------------------------------------------------------

function jsonLd(html) {
	const m = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
	assert.equal(m.length, 1, 'one JSON-LD block');
	const doc = JSON.parse(m[0][1]);
	return Array.isArray(doc) ? doc : [doc];
}

function meta(html, attr, name) {
	const m = new RegExp(`<meta ${attr}="${name.replace(/[.:+]/g, '\\$&')}" content="([^"]*)">`).exec(html);
	return m ? htmlUnescape(m[1]) : null;
}

function text(html) {
	return htmlUnescape(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** The breadcrumbs as the page shows them: [label, absolute address or null]. */
function crumbs(html) {
	const nav = /<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
	assert.ok(nav, 'the page has breadcrumbs');
	return [...nav[1].matchAll(/<li>(?:<a href="([^"]*)">|<span[^>]*>)([\s\S]*?)<\/(?:a|span)><\/li>/g)]
		.map((m) => [text(m[2]), m[1] ? BASE_URL + htmlUnescape(m[1]) : null]);
}

// A product whose page shows a rating, and whose name holds what would end
// the script element and the attribute it is written into.
const HOSTILE = 'Lamp </script><script>alert(1)</script> & "Co" <!--';
let product;
let original;

const hex = (s) => Buffer.from(s, 'utf8').toString('hex');	// hex digits only: safe in the SQL text

before(async () => {
	// One nobody else's test picks: from the end, in stock, with a picture, not rated.
	product = sqlRow(`SELECT p.id, p.slug, p.name, p.rating_count FROM products p JOIN vendors v ON v.id = p.vendor_id
		WHERE p.status = 'active' AND v.status = 'verified' AND p.stock > 0 AND p.rating_count = 0
		AND EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id)
		ORDER BY p.id DESC LIMIT 1 OFFSET 7`);
	original = product;
	sql(`UPDATE products SET name = CONVERT(UNHEX('${hex(HOSTILE)}') USING utf8mb4), rating_avg = 4.50, rating_count = 12
		WHERE id = @p1`, [product.id]);
	await forgetPage(`/p/${product.id}-${product.slug}`);
});

after(async () => {
	if (!original) return;
	sql(`UPDATE products SET name = CONVERT(UNHEX('${hex(original.name)}') USING utf8mb4), rating_avg = NULL,
		rating_count = 0 WHERE id = @p1`, [product.id]);
	await forgetPage(`/p/${product.id}-${product.slug}`);
});

test('the product page\'s JSON-LD uses the schema.org vocabulary, has what search engines require and says what the page shows', async () => {
	const path = `/p/${product.id}-${product.slug}`;
	const res = await get(path);
	assert.equal(res.status, 200);
	const html = res.text;
	// The hostile name never closes the script early nor opens a comment.
	const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)[1];
	assert.ok(!/<\/script|<!--|<script/i.test(block), 'the JSON-LD holds no markup');
	assert.ok(!html.includes('<script>alert(1)'), 'the name is escaped everywhere');

	const [p, crumbList] = jsonLd(html);
	assertInVocabulary(p, 'Product');
	assertInVocabulary(crumbList, 'BreadcrumbList');
	assert.equal(p['@context'], 'https://schema.org');
	assert.equal(p['@type'], 'Product');
	assert.equal(crumbList['@type'], 'BreadcrumbList');

	// Required: a name and one of offers, review or aggregateRating; an Offer
	// with price and priceCurrency (availability recommended); an
	// AggregateRating with ratingValue and ratingCount or reviewCount; each
	// ListItem with position and name, and item but for the last.
	assert.equal(p.name, HOSTILE);
	assert.equal(p.offers['@type'], 'Offer');
	assert.match(p.offers.price, /^[0-9]+\.[0-9]{2}$/);
	assert.match(p.offers.priceCurrency, /^[A-Z]{3}$/);
	assert.match(p.offers.availability, /^https:\/\/schema\.org\/(InStock|OutOfStock)$/);
	assert.equal(p.aggregateRating['@type'], 'AggregateRating');
	assert.ok(p.aggregateRating.ratingValue && (p.aggregateRating.reviewCount || p.aggregateRating.ratingCount));
	assert.ok(p.image && p.description, 'image and description (recommended)');
	crumbList.itemListElement.forEach((li, i) => {
		assert.equal(li['@type'], 'ListItem');
		assert.equal(li.position, i + 1);
		assert.ok(li.name);
		assert.match(li.item, /^https?:\/\//);
	});

	// What the page shows.
	const canonical = /<link rel="canonical" href="([^"]*)">/.exec(html)[1];
	assert.equal(p.url, BASE_URL + canonical);
	assert.equal(p.offers.url, p.url);
	assert.equal(text(/<h1 id="product-name">([\s\S]*?)<\/h1>/.exec(html)[1]), p.name);
	const price = text(/<p class="price">([\s\S]*?)(?: <s |<\/p>)/.exec(html)[1]).replace('Price: ', '');
	assert.equal(price, money(Math.round(Number(p.offers.price) * 100)));
	const stock = text(/<p class="stock [^"]*">([\s\S]*?)<\/p>/.exec(html)[1]);
	assert.equal(p.offers.availability.endsWith('InStock'), !/out of stock|sold out/i.test(stock), `stock "${stock}"`);
	const seller = /<p class="sold-by">Sold by <a href="([^"]*)">([\s\S]*?)<\/a>/.exec(html);
	assert.equal(p.offers.seller.name, text(seller[2]));
	assert.equal(p.offers.seller.url, BASE_URL + seller[1]);
	const rating = /<p class="rating"><strong>([0-9.]+) out of 5<\/strong> · ([0-9]+) reviews?<\/p>/.exec(html);
	assert.ok(rating, 'the page shows the rating');
	assert.equal(p.aggregateRating.ratingValue, rating[1]);
	assert.equal(p.aggregateRating.reviewCount, Number(rating[2]));
	assert.equal(p.aggregateRating.bestRating, '5');
	assert.equal(p.category, text(/<dt>Category<\/dt><dd><a [^>]*>([\s\S]*?)<\/a>/.exec(html)[1]));
	assert.ok(text(/<section class="section description"[\s\S]*?<\/section>/.exec(html)[0])
		.includes(p.description.replace(/…$/, '')), 'the description is the start of the one shown');
	const shown = crumbs(html);
	assert.deepEqual(crumbList.itemListElement.map((li) => li.name), shown.map((c) => c[0]));
	assert.deepEqual(crumbList.itemListElement.map((li) => li.item), shown.map((c) => c[1] ?? p.url));
	// The picture is the one shown first, in its largest JPEG.
	const main = /<figure class="main-image">[\s\S]*?<img src="([^"]*)"/.exec(html)[1];
	assert.equal(p.image.replace(/-1200\.jpg$/, ''), (BASE_URL + main).replace(/-[0-9]+\.jpg$/, ''));
	assert.equal(meta(html, 'property', 'og:image'), p.image);
});

test('a product without reviews has no AggregateRating, and no rating is invented', async () => {
	const other = sqlRow(`SELECT p.id, p.slug FROM products p JOIN vendors v ON v.id = p.vendor_id
		WHERE p.status = 'active' AND v.status = 'verified' AND p.rating_count = 0 ORDER BY p.id DESC LIMIT 1`);
	const res = await get(`/p/${other.id}-${other.slug}`);
	assert.equal(res.status, 200);
	const [p] = jsonLd(res.text);
	assert.equal(p.aggregateRating, undefined);
	assert.ok(!res.text.includes('out of 5</strong>'));
});

test('home, category, shop and product pages carry Open Graph and Twitter card tags with absolute addresses', async () => {
	const cat = sqlRow('SELECT slug, name FROM categories WHERE parent_id IS NULL ORDER BY position, id LIMIT 1');
	const shop = sqlRow(`SELECT v.slug, v.trading_name FROM vendors v WHERE v.status = 'verified'
		AND EXISTS (SELECT 1 FROM products p WHERE p.vendor_id = v.id AND p.status = 'active') ORDER BY v.id LIMIT 1`);
	const pages = [
		['/', 'website', null],
		[`/c/${cat.slug}`, 'website', cat.name],
		[`/v/${shop.slug}`, 'website', shop.trading_name],
		[`/p/${product.id}-${product.slug}`, 'product', HOSTILE],
	];
	for (const [path, type, title] of pages) {
		const res = await get(path);
		assert.equal(res.status, 200, path);
		const html = res.text;
		assert.equal(meta(html, 'property', 'og:type'), type, path);
		assert.equal(meta(html, 'property', 'og:url'), BASE_URL + path, path);
		if (title) assert.equal(meta(html, 'property', 'og:title'), title, path);
		// The card's title, description and picture are Open Graph's: X
		// reads og:title, og:description and og:image when twitter:title,
		// twitter:description and twitter:image are absent (its "Cards
		// markup" reference), so they are not written twice.
		for (const tag of ['twitter:title', 'twitter:description', 'twitter:image']) {
			assert.equal(meta(html, 'name', tag), null, `${path}: ${tag} would repeat its og: tag`);
		}
		assert.ok(meta(html, 'property', 'og:title'), path);
		assert.ok(meta(html, 'property', 'og:site_name'), path);
		assert.equal(meta(html, 'property', 'og:description'), meta(html, 'name', 'description'), path);
		const image = meta(html, 'property', 'og:image');
		assert.equal(meta(html, 'name', 'twitter:card'), image ? 'summary_large_image' : 'summary', path);
		if (image) {
			assert.match(image, /^https?:\/\/.*\.jpg$/, path);
			assert.equal(meta(html, 'name', 'twitter:image:alt'), meta(html, 'property', 'og:image:alt'), path);
			assert.equal((await fetch(image)).status, 200, `${path}: ${image}`);
		}
	}
	const res = await get(`/p/${product.id}-${product.slug}`);
	assert.match(meta(res.text, 'property', 'product:price:amount'), /^[0-9]+\.[0-9]{2}$/);
	assert.ok(!res.text.includes('content="Lamp </script>'), 'the hostile name is escaped in the tags');
});

// ---- robots.txt and the sitemaps ---------------------------------------------

test('robots.txt keeps crawlers out of personal and form pages and names the sitemap index', async () => {
	const res = await get('/robots.txt');
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^text\/plain/);
	const lines = res.text.split('\n');
	for (const path of ['/account', '/cart', '/checkout', '/orders', '/search', '/admin', '/vendor', '/messages', '/recent/']) {
		assert.ok(lines.includes(`Disallow: ${path}`), `Disallow: ${path}`);
	}
	for (const line of lines.filter((l) => l.startsWith('Disallow: '))) {
		const rule = line.slice('Disallow: '.length);
		for (const open of ['/p/1-x', '/c/x', '/v/x', '/sitemap.xml', '/']) {
			assert.ok(rule.includes('*') || !open.startsWith(rule), `${open} stays open (${line})`);
		}
	}
	assert.ok(lines.includes(`Sitemap: ${BASE_URL}/sitemap.xml`));
});

const locs = (xml, element) => [...xml.matchAll(new RegExp(`<${element}><loc>([^<]*)</loc>(?:<lastmod>([^<]*)</lastmod>)?</${element}>`, 'g'))]
	.map((m) => ({ loc: htmlUnescape(m[1]), lastmod: m[2] }));

function runSitemapJob() {
	execFileSync(toolPath('sitemap'), ['--once'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

test('the sitemaps come from memcached and list every page that answers 200, with its lastmod', async () => {
	runSitemapJob();
	const index = await get('/sitemap.xml');
	assert.equal(index.status, 200);
	assert.equal(index.headers.get('x-cache'), 'HIT');
	assert.match(index.headers.get('content-type'), /^application\/xml/);
	assert.match(index.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
	const files = locs(index.text, 'sitemap');
	const found = { products: new Map(), categories: new Map(), shops: new Map() };
	for (const f of files) {
		assert.ok(f.loc.startsWith(`${BASE_URL}/sitemaps/`), f.loc);
		assert.match(f.lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const kind = /\/sitemaps\/([a-z]+)-[0-9]+\.xml$/.exec(f.loc)[1];
		const res = await get(f.loc);
		assert.equal(res.status, 200, f.loc);
		assert.equal(res.headers.get('x-cache'), 'HIT', f.loc);
		const urls = locs(res.text, 'url');
		assert.ok(urls.length > 0 && urls.length <= 50000, `${f.loc}: ${urls.length} addresses`);
		// The file's lastmod in the index is its newest page's.
		assert.equal(f.lastmod, urls.map((u) => u.lastmod).sort().at(-1), f.loc);
		for (const u of urls) {
			assert.ok(!found[kind].has(u.loc), `${u.loc} is listed once`);
			found[kind].set(u.loc, u.lastmod);
		}
	}
	const expect = (rows) => new Set(rows.map((r) => BASE_URL + r.path));
	const products = expect(sql(`SELECT CONCAT('/p/', p.id, '-', p.slug) AS path FROM products p
		JOIN vendors v ON v.id = p.vendor_id WHERE p.status = 'active' AND v.status = 'verified'`));
	assert.deepEqual(new Set(found.products.keys()), products);
	assert.deepEqual(new Set(found.categories.keys()), expect(sql('SELECT CONCAT(\'/c/\', slug) AS path FROM categories')));
	assert.deepEqual(new Set(found.shops.keys()),
		expect(sql('SELECT CONCAT(\'/v/\', slug) AS path FROM vendors WHERE status = \'verified\'')));
	// A product's lastmod is its last change; no draft or archived product is listed.
	const row = sqlRow(`SELECT DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%sZ') AS at FROM products WHERE id = @p1`, [product.id]);
	assert.equal(found.products.get(`${BASE_URL}/p/${product.id}-${product.slug}`), row.at);
	for (const r of sql('SELECT id, slug FROM products WHERE status <> \'active\' LIMIT 50')) {
		assert.ok(!found.products.has(`${BASE_URL}/p/${r.id}-${r.slug}`), `product ${r.id} (not active) is not listed`);
	}
	// Each page listed answers 200 (a sample).
	for (const loc of [...products].slice(0, 3).concat([...found.categories.keys()].slice(0, 2), [...found.shops.keys()].slice(0, 2))) {
		assert.equal((await get(loc)).status, 200, loc);
	}
});

test('a sitemap missing from the cache is drawn by the storefront and stored again; past the last file is a 404', async () => {
	runSitemapJob();
	const cached = await get('/sitemaps/shops-1.xml');
	assert.equal(cached.headers.get('x-cache'), 'HIT');
	for (const path of ['/sitemaps/shops-1.xml', '/sitemap.xml']) {
		assert.match(await memcached(`delete bz:sm:${path}`), /^DELETED\r\n$/);
		const drawn = await get(path);
		assert.equal(drawn.status, 200, path);
		assert.equal(drawn.headers.get('x-cache'), 'MISS', path);
		assert.match(drawn.headers.get('content-type'), /^application\/xml/);
		if (path === '/sitemaps/shops-1.xml') assert.equal(drawn.text, cached.text);
		const again = await get(path);
		assert.equal(again.headers.get('x-cache'), 'HIT', path);
		assert.equal(again.text, drawn.text, path);
	}
	assert.equal((await get('/sitemaps/products-999.xml')).status, 404);
	assert.equal((await get('/sitemaps/other-1.xml')).status, 404);
});

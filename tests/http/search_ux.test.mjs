// What a shopper sees of search, through nginx: facets as links with their
// counts that combine in the address and show as removable chips (no
// JavaScript needed), "did you mean", the suggestions route the search box's
// script reads, and the seller's name on every card.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { get, htmlUnescape, listingCards, sql } from '../lib/stack.mjs';

/** The facet links of a search page: [{ facet, label, count, href, chosen }]. */
function facetLinks(html) {
	const out = [];
	const nav = /<nav class="facets"[\s\S]*?<\/nav>/.exec(html);
	if (!nav) return out;
	const sections = nav[0].split('<section class="facet"').slice(1);
	for (const s of sections) {
		const facet = /aria-labelledby="facet-([a-z]+)"/.exec(s)[1];
		const re = /<a (class="facet-chosen" )?href="([^"]+)" rel="nofollow"[^>]*>(?:<span class="visually-hidden">[^<]*<\/span>)?([^<]*)<span class="facet-count">([\d,]+)<span/g;
		let m;
		while ((m = re.exec(s)) !== null) {
			out.push({ facet, chosen: Boolean(m[1]), href: htmlUnescape(m[2]), label: htmlUnescape(m[3]).trim(), count: Number(m[4].replace(/,/g, '')) });
		}
	}
	return out;
}

/** The chips: [{ label, href }] and the "Clear all filters" address. */
function chips(html) {
	const list = [];
	const re = /<a class="chip" href="([^"]+)" rel="nofollow">([^<]*)<span/g;
	let m;
	while ((m = re.exec(html)) !== null) list.push({ href: htmlUnescape(m[1]), label: htmlUnescape(m[2]) });
	const clear = /<a class="chips-clear" href="([^"]+)"/.exec(html);
	return { list, clear: clear ? htmlUnescape(clear[1]) : null };
}

/** "N results" or "Showing a–b of N results" as a number. */
function resultCount(html) {
	const m = /class="result-count" role="status">(?:Showing [\d,]+–[\d,]+ of )?([\d,]+) results?</.exec(html);
	assert.ok(m, 'no result count');
	return Number(m[1].replace(/,/g, ''));
}

test('facets are links with counts; two of them combine in the address, each a removable chip', async () => {
	const first = await get('/search?q=tent');
	assert.equal(first.status, 200);
	const total = resultCount(first.text);
	const links = facetLinks(first.text);
	for (const f of ['category', 'vendor', 'band', 'stock']) assert.ok(links.some((l) => l.facet === f), `no ${f} facet`);
	assert.ok(links.every((l) => l.count > 0 && l.count <= total && !l.chosen));
	assert.equal(chips(first.text).list.length, 0, 'no chip before a filter is chosen');

	// a shop: the page lists as many products as the link said, all of that shop
	const shop = links.find((l) => l.facet === 'vendor');
	assert.match(shop.href, /^\/search\?q=tent&vendor=\d+$/);
	const second = await get(shop.href);
	assert.equal(second.status, 200);
	assert.equal(resultCount(second.text), shop.count);
	for (const c of listingCards(second.text)) {
		assert.equal(sql('SELECT v.trading_name AS n FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.id = @p1', [c.id])[0].n, shop.label);
	}
	assert.ok(second.text.includes(`<p class="vendor">Sold by ${shop.label.replace(/&/g, '&amp;')}</p>`));
	let c = chips(second.text);
	assert.deepEqual(c.list.map((x) => x.label), [`Shop: ${shop.label}`]);
	assert.equal(c.list[0].href, '/search?q=tent');
	assert.equal(c.clear, '/search?q=tent');
	assert.ok(facetLinks(second.text).some((l) => l.facet === 'vendor' && l.chosen && l.href === '/search?q=tent'),
		'the chosen shop links to its removal');

	// and a price band on top: both in the address, both chips, counts exact
	const band = facetLinks(second.text).find((l) => l.facet === 'band');
	assert.ok(band, 'a price band to add');
	assert.match(band.href, /^\/search\?q=tent&vendor=\d+&band=\d$/);
	const third = await get(band.href);
	assert.equal(resultCount(third.text), band.count);
	c = chips(third.text);
	assert.equal(c.list.length, 2);
	assert.ok(c.list[1].label.startsWith('Price: '));
	// removing the shop keeps the band, and the other way round
	const shopChip = c.list.find((x) => x.label.startsWith('Shop: '));
	assert.match(shopChip.href, /^\/search\?q=tent&band=\d$/);
	const fourth = await get(shopChip.href);
	assert.equal(fourth.status, 200);
	assert.deepEqual(chips(fourth.text).list.map((x) => x.label), [c.list[1].label]);
	// the filter form keeps the facets chosen when the sort changes
	assert.match(third.text, /<input type="hidden" name="vendor" value="\d+">/);
	assert.match(third.text, /<input type="hidden" name="band" value="\d">/);
});

test('facet parameters are checked like any other', async () => {
	for (const bad of ['band=9', 'band=-1', 'rating=5', 'rating=0', 'vendor=abc', 'category=0', 'sale=2']) {
		const res = await get(`/search?q=tent&${bad}`);
		assert.equal(res.status, 400, bad);
		assert.doesNotMatch(res.text, /<nav class="facets"/);
	}
	// a shop that sells no tent: no result, the chip still names it
	const vendor = sql("SELECT v.id, v.trading_name FROM vendors v WHERE v.status = 'verified' AND NOT EXISTS"
		+ " (SELECT 1 FROM products p WHERE p.vendor_id = v.id AND p.name LIKE '%tent%') ORDER BY v.id LIMIT 1")[0];
	const res = await get(`/search?q=tent&vendor=${vendor.id}`);
	assert.equal(res.status, 200);
	assert.equal(resultCount(res.text), 0);
	assert.deepEqual(chips(res.text).list.map((x) => x.label), [`Shop: ${vendor.trading_name}`]);
});

test('a misspelt search shows the corrected one, or offers it', async () => {
	// nothing matches the words as typed: the corrected text's results, said so
	let res = await get('/search?q=neckalce');
	assert.equal(res.status, 200);
	assert.match(res.text, /Showing the results for <strong>necklace<\/strong> instead of “neckalce”\./);
	assert.ok(listingCards(res.text).length > 0);
	assert.ok(listingCards(res.text).every((c) => /necklace/i.test(c.name)));
	// a known plural: no correction offered
	res = await get('/search?q=tents');
	assert.doesNotMatch(res.text, /class="did-you-mean"/);
	// a word the catalogue lacks that still finds something as close to it
	// (the plural of "band"): its own results, and a link to the correction
	res = await get('/search?q=bands');
	assert.match(res.text, /Did you mean <a href="\/search\?q=hands"><strong>hands<\/strong><\/a>\?/);
	assert.ok(listingCards(res.text).some((c) => /band/i.test(c.name)));
	// a word the catalogue lacks that finds only, through its stem, words
	// further from it than the correction ("earings" has the stem of "ear"):
	// the corrected text's results, said so
	res = await get('/search?q=earings');
	assert.match(res.text, /Showing the results for <strong>earrings<\/strong> instead of “earings”\./);
	assert.ok(listingCards(res.text).length > 0);
	assert.ok(listingCards(res.text).every((c) => /earring/i.test(c.name)));
});

test('/search/suggest answers JSON: the corrected text, then product names', async () => {
	let res = await get('/search/suggest?q=sleping%20ba');
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^application\/json/);
	let doc = JSON.parse(res.text);
	assert.equal(doc.q, 'sleping ba');
	assert.equal(doc.suggestions[0].kind, 'search');
	assert.match(doc.suggestions[0].text, /^sleeping ba/);
	const products = doc.suggestions.filter((s) => s.kind === 'product');
	assert.ok(products.length >= 3, 'product names');
	for (const s of doc.suggestions) assert.match(s.url, /^\/(search\?q=|p\/\d+$)/);
	assert.ok(products.every((s) => /sleeping bag/i.test(s.text)));
	// the product link leads to the product
	const to = await get(products[0].url);
	assert.equal(to.status, 301);

	// too short, nothing, hostile: an empty list, escaped
	for (const q of ['', 'a', '%20%20']) {
		res = await get(`/search/suggest?q=${q}`);
		assert.equal(res.status, 200);
		assert.deepEqual(JSON.parse(res.text).suggestions, []);
	}
	res = await get('/search/suggest?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
	assert.equal(res.status, 200);
	assert.doesNotMatch(res.text, /<script>/);
	assert.equal(JSON.parse(res.text).q, '<script>alert(1)</script>');
	res = await get(`/search/suggest?q=${'x'.repeat(101)}`);
	assert.equal(res.status, 400);
});

test('the search box carries the suggestions script; the page works without it', async () => {
	const res = await get('/search?q=tent');
	assert.match(res.text, /<form class="site-search" action="\/search" method="get"/);
	assert.match(res.text, /<script src="\/static\/js\/suggest\.[0-9a-f]+\.js" defer><\/script>/);
	const js = /<script src="(\/static\/js\/suggest\.[0-9a-f]+\.js)"/.exec(res.text)[1];
	const script = await get(js);
	assert.equal(script.status, 200);
	assert.match(script.text, /role', 'combobox'/);
	assert.match(script.text, /aria-activedescendant/);
});

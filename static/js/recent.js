/*
 * Recently viewed (cgi/lib/personal.h): remembers the product of this page
 * in the bz_rv cookie, newest first, each product once, at most ten, so
 * that a product page served from nginx's cache records the view without
 * asking a program. The cookie holds product ids only; the storefront and
 * nginx read it to draw the strip. Nothing is recorded on a browser whose
 * shopper turned personalisation off (the bz_np cookie). A browser that
 * runs no script fetches the page's <noscript> image instead
 * (/recent/add/<id>), and the storefront does the same.
 */
(function () {
	'use strict';
	var MAX = 10, DAYS = 30;
	var page = document.querySelector('[data-recent-id]');
	var id = page && page.getAttribute('data-recent-id');
	var valid = /^[1-9][0-9]{0,17}$/;

	if (!id || !valid.test(id) || /(?:^|;\s*)bz_np=1(?:;|$)/.test(document.cookie))
		return;
	var had = document.cookie.match(/(?:^|;\s*)bz_rv=([^;]*)/);
	var ids = [id];

	(had && had[1] ? had[1].split('.') : []).forEach(function (x) {
		if (valid.test(x) && ids.indexOf(x) < 0 && ids.length < MAX)
			ids.push(x);
	});
	document.cookie = 'bz_rv=' + ids.join('.') + '; Path=/; Max-Age=' + DAYS * 86400 +
		'; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
}());

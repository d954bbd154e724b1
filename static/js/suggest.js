/*
 * Suggestions while typing in the header's search box: a combobox with a
 * list of suggestions (WAI-ARIA Authoring Practices, "combobox with listbox
 * popup", list autocomplete). The list comes from GET /search/suggest?q=
 * (the corrected text as a search when a word is misspelt, then product
 * names). Down and Up move through it, Enter opens the one chosen, Escape
 * closes it; a click or a tap does the same. Without this script the box is
 * a plain search form; with it, Enter with no suggestion chosen still
 * searches for what was typed. Every value is put in as text, never as HTML,
 * and only addresses of this site are followed.
 */
(function () {
	'use strict';
	var input = document.getElementById('site-search-q');

	if (!input || !window.fetch || !input.form)
		return;

	var DELAY = 150;	/* ms after the last key before asking */
	var MIN = 2;		/* characters typed before asking */
	var listId = 'site-search-suggestions';
	var list = document.createElement('ul');
	var status = document.createElement('span');
	var items = [];
	var active = -1;
	var timer = null;
	var asked = 0;		/* number of the latest request: older answers are dropped */

	list.id = listId;
	list.className = 'suggest-list';
	list.setAttribute('role', 'listbox');
	list.setAttribute('aria-label', 'Search suggestions');
	list.hidden = true;
	status.className = 'visually-hidden';
	status.setAttribute('role', 'status');
	input.form.appendChild(list);
	input.form.appendChild(status);
	input.setAttribute('role', 'combobox');
	input.setAttribute('aria-autocomplete', 'list');
	input.setAttribute('aria-expanded', 'false');
	input.setAttribute('aria-controls', listId);

	function close() {
		list.hidden = true;
		input.setAttribute('aria-expanded', 'false');
		input.removeAttribute('aria-activedescendant');
		active = -1;
	}

	function choose(i) {
		var k;

		active = i;
		for (k = 0; k < items.length; k++)
			items[k].el.setAttribute('aria-selected', k === i ? 'true' : 'false');
		if (i >= 0) {
			input.setAttribute('aria-activedescendant', items[i].el.id);
			if (items[i].el.scrollIntoView)
				items[i].el.scrollIntoView({ block: 'nearest' });
		} else {
			input.removeAttribute('aria-activedescendant');
		}
	}

	/* A path of this site only ("/..." but not "//host"). */
	function local(url) {
		return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\';
	}

	function go(i) {
		if (i < 0 || i >= items.length)
			return false;
		close();
		window.location.assign(items[i].url);
		return true;
	}

	function show(suggestions) {
		var i, s, li, kind;

		while (list.firstChild)
			list.removeChild(list.firstChild);
		items = [];
		for (i = 0; i < suggestions.length && items.length < 10; i++) {
			s = suggestions[i];
			if (!s || typeof s.text !== 'string' || !local(s.url))
				continue;
			li = document.createElement('li');
			li.id = listId + '-' + items.length;
			li.setAttribute('role', 'option');
			li.setAttribute('aria-selected', 'false');
			li.appendChild(document.createTextNode(s.text));
			kind = document.createElement('span');
			kind.className = 'suggest-kind';
			kind.textContent = s.kind === 'search' ? 'Search' : 'Product';
			li.appendChild(document.createTextNode(' '));
			li.appendChild(kind);
			items.push({ el: li, url: s.url });
			list.appendChild(li);
		}
		active = -1;
		input.removeAttribute('aria-activedescendant');
		if (items.length === 0) {
			close();
			status.textContent = '';
			return;
		}
		list.hidden = false;
		input.setAttribute('aria-expanded', 'true');
		status.textContent = items.length + (items.length === 1 ? ' suggestion' : ' suggestions') +
			': use the up and down arrows to choose one.';
	}

	function ask() {
		var q = input.value.replace(/\s+/g, ' ').trim();
		var mine = ++asked;

		if (q.length < MIN) {
			show([]);
			return;
		}
		fetch('/search/suggest?q=' + encodeURIComponent(q), {
			headers: { Accept: 'application/json' },
			credentials: 'omit'
		}).then(function (res) {
			return res.ok ? res.json() : { suggestions: [] };
		}).then(function (doc) {
			if (mine === asked && document.activeElement === input)
				show(doc && Array.isArray(doc.suggestions) ? doc.suggestions : []);
		}).catch(function () {
			if (mine === asked)
				show([]);
		});
	}

	input.addEventListener('input', function () {
		if (timer)
			clearTimeout(timer);
		timer = setTimeout(ask, DELAY);
	});

	input.addEventListener('keydown', function (e) {
		var open = !list.hidden && items.length > 0;

		if (e.key === 'ArrowDown' || e.key === 'Down') {
			if (!open) {
				ask();
			} else {
				choose(active + 1 < items.length ? active + 1 : 0);
			}
			e.preventDefault();
		} else if (e.key === 'ArrowUp' || e.key === 'Up') {
			if (open)
				choose(active > 0 ? active - 1 : items.length - 1);
			e.preventDefault();
		} else if (e.key === 'Enter') {
			if (open && active >= 0 && go(active))
				e.preventDefault();
		} else if (e.key === 'Escape' || e.key === 'Esc') {
			if (open) {
				close();
				e.preventDefault();
			}
		} else if (e.key === 'Tab') {
			close();
		}
	});

	/* mousedown keeps the focus in the box; the click then opens the choice. */
	list.addEventListener('mousedown', function (e) {
		e.preventDefault();
	});
	list.addEventListener('click', function (e) {
		var li = e.target.closest ? e.target.closest('li[role="option"]') : null;
		var i;

		for (i = 0; li && i < items.length; i++)
			if (items[i].el === li)
				go(i);
	});

	input.addEventListener('blur', function () {
		close();
	});
})();

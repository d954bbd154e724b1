/*
 * Live messages of a conversation (templates/layout/_chat_messages.tpl).
 * Subscribes with EventSource to the list's data-live address (nginx's
 * nchan, which asks the storefront first whether this visitor is a side of
 * the conversation) and adds each message that arrives, unless the page
 * already shows it. Every value is put in as text, never as HTML. Without
 * this script the page shows new messages when it is loaded again.
 *
 * And the header's unread counts (templates/layout/_account_links.tpl,
 * which loads this file for a visitor with a session): subscribed to
 * /live/unread, the visitor's own channel, each update sets the count
 * beside "Messages" and "Shop inbox". Without it they are new on every page.
 */
(function () {
	'use strict';
	var links = [
		{ link: document.querySelector('.account-nav .messages-link'), key: 'messages' },
		{ link: document.querySelector('.account-nav .inbox-link'), key: 'inbox' },
	];

	if (!window.EventSource || (!links[0].link && !links[1].link))
		return;

	/* The count beside link: n as text, none for 0 (as the server draws it). */
	function show(link, n) {
		var count = link.querySelector('.unread-count');

		if (n <= 0) {
			if (count)
				count.parentNode.removeChild(count);
			return;
		}
		if (!count) {
			count = document.createElement('span');
			count.className = 'unread-count';
			link.appendChild(document.createTextNode(' '));
			link.appendChild(count);
		}
		var hidden = document.createElement('span');

		hidden.className = 'visually-hidden';
		hidden.textContent = ' unread';
		count.textContent = n.toLocaleString('en');
		count.appendChild(hidden);
	}

	var source = new EventSource('/live/unread');

	source.onmessage = function (e) {
		var counts;

		try {
			counts = JSON.parse(e.data);
		} catch (err) {
			return;
		}
		links.forEach(function (l) {
			if (l.link && counts && typeof counts[l.key] === 'number')
				show(l.link, counts[l.key]);
		});
	};
	source.onopen = function () {
		links.forEach(function (l) {
			if (l.link)
				l.link.setAttribute('data-live-state', 'open');
		});
	};
}());

(function () {
	'use strict';
	var list = document.getElementById('chat-messages');

	if (!list || !window.EventSource || !list.getAttribute('data-live'))
		return;
	var side = list.getAttribute('data-side');

	function element(tag, cls, text) {
		var e = document.createElement(tag);

		if (cls)
			e.className = cls;
		if (text)
			e.textContent = text;
		return e;
	}

	function add(m) {
		if (!m || typeof m.id !== 'number' || document.getElementById('m-' + m.id))
			return;
		var sender = m.sender === 'vendor' ? 'vendor' : 'customer';
		var li = element('li', 'chat-message chat-from-' + sender + (sender === side ? ' chat-mine' : ''));
		var meta = element('p', 'chat-meta');

		li.id = 'm-' + m.id;
		li.setAttribute('data-id', String(m.id));
		meta.appendChild(element('span', 'chat-who', String(m.who || '')));
		meta.appendChild(document.createTextNode(' '));
		meta.appendChild(element('time', '', String(m.at || '')));
		li.appendChild(meta);
		if (typeof m.text === 'string' && m.text !== '')
			li.appendChild(element('p', 'chat-text', m.text));
		if (typeof m.image === 'string' && /^(https?:\/\/|\/)/.test(m.image)) {
			var p = element('p', 'chat-image'), img = element('img');

			img.src = m.image;
			img.alt = 'Picture sent by ' + String(m.who || '');
			p.appendChild(img);
			li.appendChild(p);
		}
		list.appendChild(li);
		var empty = document.getElementById('chat-empty');

		if (empty)
			empty.parentNode.removeChild(empty);
	}

	var source = new EventSource(list.getAttribute('data-live'));

	source.onmessage = function (e) {
		try {
			add(JSON.parse(e.data));
		} catch (err) {
			/* not a message of ours: ignored */
		}
	};
	list.setAttribute('data-live-state', 'subscribed');
	source.onopen = function () {
		list.setAttribute('data-live-state', 'open');
	};
}());

/*
 * Live messages of a conversation (templates/layout/_chat_messages.tpl).
 * Subscribes with EventSource to the list's data-live address (nginx's
 * nchan, which asks the storefront first whether this visitor is a side of
 * the conversation) and adds each message that arrives, unless the page
 * already shows it. Every value is put in as text, never as HTML. Without
 * this script the page shows new messages when it is loaded again.
 */
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

/*
 * chat: the conversation between a customer and a shop about one vendor
 * order (schema/0022_chat.sql).
 *
 * Who may read and write. A conversation is made when the order is placed
 * (chat_open, from order_place's transaction), one per vendor order of a
 * customer with an account; a guest's order has none. Its two sides are
 * the customer (conversations.user_id) and the shop (conversations.
 * vendor_id, whose account is vendors.user_id). chat_load refuses anybody
 * else the same way it refuses an id that does not exist, so the pages
 * answer 404 and never confirm that a conversation exists: a stranger, the
 * other shop of the same order and a guessed id all look alike. An admin
 * reads a conversation only through chat_load_any, from a report or a
 * dispute, and the admin page writes that reading to the audit log.
 *
 * A message is text (up to CHAT_TEXT_MAX characters, line breaks kept)
 * and at most one picture, stored through media.c (the same checks as a
 * listing's pictures). chat_send writes it in one transaction with the
 * conversation's counters (the other side's unread count, who wrote last)
 * and, at most once an hour per conversation and side (CHAT_MAIL_EVERY),
 * the other side's notification (notify.h, kind "message") with its mail. After the commit it forgets the
 * other side's header fragment (the unread count in the header, hdr.h)
 * and publishes the message to the conversation's live channel.
 *
 * Live updates go through nginx's nchan module: chat_publish POSTs the
 * message as JSON to the publisher location of nginx's private server on
 * the unix socket BAZAAR_NCHAN_SOCKET (never reachable from outside);
 * browsers subscribe with EventSource to /live/chat/<id>, which nginx
 * allows only after asking the storefront (chat_party) that the visitor
 * is a side of that conversation. The header's unread counts go the same
 * way to a channel of each user (/live/unread, whose channel nginx names
 * after the user the storefront says the session is). No program waits for a browser. Without
 * JavaScript, or when nchan is not there, the page shows new messages when
 * it is loaded again: publishing is best effort and never fails a message.
 */
#ifndef BAZAAR_CHAT_H
#define BAZAAR_CHAT_H

#include "arena.h"
#include "tmpl.h"

#define CHAT_TEXT_MAX	2000		/* characters of a message */
#define CHAT_MAIL_EVERY	3600		/* seconds between two mails of a conversation to one side */

enum chat_side { CHAT_CUSTOMER, CHAT_VENDOR };

/* A conversation as the pages show it (arena strings). */
struct chat_conversation {
	long long id, order_id, vendor_order_id, user_id, vendor_id;
	long long vendor_user_id;	/* the shop's account, 0 when it has none */
	const char *order_number;	/* "BZ-000123" */
	const char *vo_number;		/* "BZ-000123-2" */
	const char *shop;		/* the shop's trading name */
	const char *customer;		/* the customer's name */
	long long message_count;
};

/* In the order's transaction: the conversation of one vendor order of a
 * customer (user_id > 0). Returns 0, -1 on a database error. */
int chat_open(long long order_id, long long vendor_order_id, long long user_id, long long vendor_id);

/* Loads conversation id for user_id reading it as side: 0 (out filled),
 * 404 when there is no such conversation or user_id is not that side of it
 * (CHAT_VENDOR: the account of its shop), 500 on a database error. */
int chat_load(struct arena *a, long long id, enum chat_side side, long long user_id,
	      struct chat_conversation *out);
/* The same without the check, for an admin brought by a report or a dispute. */
int chat_load_any(struct arena *a, long long id, struct chat_conversation *out);
/* The conversation of vendor order vo: its id, 0 when it has none, -1 on error. */
long long chat_of_vendor_order(long long vo);

/* 1 when user_id is either side of conversation id, 0 when not, -1 on error. */
int chat_party(long long id, long long user_id);

/*
 * Fills d (a page including layout/_chat_messages.tpl at MESSAGES) with the
 * conversation's messages, oldest first, as the side `viewer` sees them
 * (its own marked as such; any other viewer value: an admin, no side's
 * own). live_url: the conversation's live channel
 * (NULL: no live updates). report_prefix: the path a "report" form of a
 * message of the other side posts to ("<prefix>/<message id>/report"),
 * with csrf its token; NULL for no report forms. Also sets CONVERSATION_ID,
 * SIDE ("customer" or "vendor"), SHOP, CUSTOMER, ORDER_NUMBER and
 * VO_NUMBER. Returns the number of messages, -1 on a database error.
 */
long long chat_fill(tmpl_dict *d, struct arena *a, const struct chat_conversation *c, int viewer,
		    const char *live_url, const char *report_prefix, const char *csrf);

/* The reader of side has seen everything: its unread count goes to 0 (and
 * its header fragment is forgotten when it was not). Returns 0 or -1. */
int chat_mark_read(const struct chat_conversation *c, enum chat_side side);

/*
 * Sends a message from side (sender_user_id: the account writing) with
 * text (tidied, may be "" when a picture is sent) and the picture in the
 * file at picture_path (NULL: none); their_path is where the other side
 * reads the conversation (the mail's link). Returns the message's id; 0 when it is
 * refused, with *field and *why set (a sentence for the visitor: nothing
 * to send, the picture is not acceptable); -1 on a server error (logged).
 */
long long chat_send(const struct chat_conversation *c, enum chat_side side, long long sender_user_id,
		    const char *text, const char *picture_path, const char *their_path, const char **field,
		    const char **why);

/* Publishes message id to its conversation's live channel (best effort:
 * 0 when nchan took it, -1 otherwise, logged). chat_send calls it. */
int chat_publish(long long message_id);
/* Publishes user_id's unread counts, {"messages": <as a customer>,
 * "inbox": <of their shop>}, to their own live channel, which only they
 * subscribe to (/live/unread: the header's counts, static/js/chat.js).
 * Best effort as chat_publish. chat_send calls it for the other side,
 * chat_mark_read for the reader. */
int chat_publish_unread(long long user_id);

/* The unread messages of the header: of the customer user_id, and of the
 * shop whose account is user_id (0 when it has none). -1 on error. */
long long chat_unread_customer(long long user_id);
long long chat_unread_vendor(long long user_id);
/* 1 when user_id has a conversation as a customer or as the account of a
 * shop (the header then loads the live counts' script), 0, -1 on error. */
int chat_has_conversations(long long user_id);

/* The message id of conversation conversation_id, or 0 when it is not one of
 * its messages; -1 on error. For the report forms. */
long long chat_message_in(long long conversation_id, long long message_id);

/*
 * A report (report.h, kind REPORT_MESSAGE) of message_id by user_id, the
 * side `side` of conversation c: only a shown message of the other side
 * in c may be reported. Returns 1 recorded, 0 reported by this person
 * already, 404 when it is not such a message, -1 on error.
 */
int chat_report(const struct chat_conversation *c, enum chat_side side, long long user_id, long long message_id,
		const char *reason);
/* A moderator's decision on a reported message (report.c's handler of
 * REPORT_MESSAGE, in the decision's transaction): hide (the message shows
 * as hidden to both sides, its author mailed the reason) or keep. Returns
 * 0 (also when the message was hidden already or is gone), -1. */
int chat_moderate(long long message_id, int hide, const char *reason);
/* Whether an admin may read conversation id: brought by a report of one of
 * its messages (report_id, content_reports.id) or by the dispute of a
 * return of its vendor order that was escalated (return_id). 1 yes, 0 no,
 * -1 on error. The admin's page audits each reading. */
int chat_admin_may_read(long long id, long long report_id, long long return_id);

#endif

/*
 * ticket: support tickets (schema/0023_tickets.sql).
 *
 * A customer (the shop's account pages) or a vendor (the vendor portal)
 * opens a ticket with a subject, a category, an optional order reference
 * and a message. The order reference must be the asker's own: a customer
 * names one of their orders (its number, or the number of one of its
 * parts), a vendor one of its shop's parts of an order; anything else is
 * TICKET_BAD_ORDER and nothing is written.
 *
 * The marketplace's support staff (users of role admin or support) answer
 * (the asker reads the answer and gets it by mail), write internal notes
 * (never on the asker's pages nor in a mail to them: the asker's queries
 * name the kinds they may read), assign the ticket to one of them and
 * change its status: open (support's turn), waiting (for the asker),
 * resolved. A message of the asker makes the ticket open again, whatever
 * its status. New tickets and the asker's messages are mailed to the
 * ticket's assignee, or to the support address (mail_support_address())
 * while nobody has it.
 *
 * A return the customer escalates (returns.h) opens a ticket linked to it
 * (ticket_from_return; one a return), with the customer's note as its first
 * message; the admin's decision on the return is its answer and resolves it.
 *
 * Each change is one transaction with its mails (mail_queue). Owner checks:
 * every call of an asker names the asker, so another's ticket is
 * TICKET_NOT_FOUND, as a ticket that does not exist.
 */
#ifndef BAZAAR_TICKET_H
#define BAZAAR_TICKET_H
#include "arena.h"
#include "route.h"
#include "tmpl.h"
#include "view.h"

#define TICKET_OK		0
#define TICKET_NOT_FOUND	1	/* no such ticket for this asker (or staff member) */
#define TICKET_BAD_ORDER	2	/* the order reference is not one of the asker's orders */

#define TICKET_SUBJECT_MAX	150	/* characters */
#define TICKET_BODY_MAX		5000	/* characters of a message, answer or note */
#define TICKET_ORDER_MAX	32	/* characters of an order reference */

/* The asker: a customer (user_id) or a vendor (vendor_id, user_id its
 * owner account, which opens the vendor's tickets). */
struct ticket_party {
	int vendor;		/* 0: a customer */
	long long user_id;
	long long vendor_id;
};

/* The choices (NULL-terminated, for struct param) and their names. */
extern const char *const ticket_categories[];	/* order, payment, account, other */
extern const char *const ticket_statuses[];	/* open, waiting, resolved */
/* "Order problem", ...; "Other" for anything unknown. */
const char *ticket_category_label(const char *category);
/* For the asker (staff 0): "Waiting for support", "Waiting for your answer",
 * "Resolved"; for support staff: "Open", "Waiting for the customer", "Resolved". */
const char *ticket_status_label(const char *status, int staff);

/*
 * Opens a ticket; order (may be NULL or "") is an order number of the
 * asker's (see above). Mails the asker that it was received, and support.
 * TICKET_OK with *ticket_id, TICKET_BAD_ORDER, or -1.
 */
int ticket_open(const struct ticket_party *p, const char *subject, const char *category, const char *order,
		const char *body, long long *ticket_id);
/* The asker writes on their ticket: it is open again; support is mailed.
 * TICKET_OK, TICKET_NOT_FOUND or -1. */
int ticket_reply(const struct ticket_party *p, long long ticket_id, const char *body);

/* Where the askers read their tickets (the programs' paths of the ticket
 * list; a ticket is <path>/<id>): the links of their notifications. */
struct ticket_links {
	const char *customer;
	const char *vendor;
};

/*
 * Support (staff_id, an admin or support user) answers: the ticket takes
 * status (open, waiting or resolved; NULL: waiting) and the asker is told:
 * a "ticket" notification (notify.h, "ticket answered") linking to the
 * ticket, with the answer by mail as they chose; a guest gets the mail.
 * TICKET_OK, TICKET_NOT_FOUND or -1.
 */
int ticket_answer(long long ticket_id, long long staff_id, const char *body, const char *status,
		  const struct ticket_links *links);
/* An internal note: nobody but support reads it; no mail to the asker. */
int ticket_note(long long ticket_id, long long staff_id, const char *body);
/* Gives the ticket to assignee_id (an active admin or support user; 0:
 * nobody), who is mailed. TICKET_NOT_FOUND also for an assignee who is no
 * staff member. */
int ticket_assign(long long ticket_id, long long staff_id, long long assignee_id);
/* Changes the status; resolving tells the asker as an answer does. */
int ticket_set_status(long long ticket_id, long long staff_id, const char *status, const struct ticket_links *links);

/* The escalated return_id becomes a ticket (once: a second call finds the
 * first). TICKET_OK with *ticket_id, TICKET_NOT_FOUND (no such return), -1. */
int ticket_from_return(long long return_id, const char *note, long long *ticket_id);
/* The admin's decision on a return (text as the customer reads it) answers
 * its ticket, if it has one, and resolves it; no mail (the return's own
 * mail tells the customer). Returns 0 or -1. */
int ticket_return_decided(long long return_id, long long staff_id, const char *text);

/* Whether user_id may work on tickets (an active admin or support user). */
int ticket_is_staff(long long user_id);

/* ---- for the pages ------------------------------------------------------- */

/*
 * The asker's tickets, newest change first (include TICKETS,
 * layout/_ticket_list.tpl): sections TICKET {ID, SUBJECT, CATEGORY, STATE,
 * UPDATED, URL (base + "/" + id)}, and HAS_TICKETS or NO_TICKETS. Returns 0
 * or -1.
 */
int ticket_fill_list(tmpl_dict *d, const struct ticket_party *p, const char *base);
/*
 * One ticket for the asker (p) or for support staff (p NULL): SUBJECT,
 * CATEGORY, STATE, STATUS (the value), CREATED, section ORDER {NUMBER}, and
 * the thread (include THREAD, layout/_ticket_thread.tpl) as sections
 * MESSAGE {WHO, AT, BODY, and FROM_ASKER, FROM_SUPPORT, INTERNAL_NOTE or
 * EVENT}; the asker's never holds a note or an event. Support's also has
 * section ASKER {NAME, EMAIL, SIDE}, section RETURN {ID, STATE}, ASSIGNEE
 * and ASSIGNEE_ID.
 * Returns TICKET_OK, TICKET_NOT_FOUND (not the asker's) or -1.
 */
int ticket_fill_view(struct arena *a, tmpl_dict *d, const struct ticket_party *p, long long ticket_id);

/* ---- the asker's pages (the shop's account pages, the vendor portal) ---- */

/* The fields of a new ticket and of an answer, as the route tables declare
 * them (each with the sentence for it left empty). */
#define TICKET_PARAM_BODY \
	ROUTE_FIELD("body", TICKET_BODY_MAX, "Message", PARAM_MULTILINE, NULL, "Write your message.")
#define TICKET_PARAMS_OPEN \
	ROUTE_FIELD("subject", TICKET_SUBJECT_MAX, "Subject", 0u, NULL, \
		    "Write a subject: what your question is about, in a few words."), \
	{ "category", PARAM_ENUM, 0, 0, ticket_categories, PARAM_REQUIRED, "What it is about", NULL, \
	  "Choose what your question is about." }, \
	ROUTE_FIELD("order", TICKET_ORDER_MAX, "Order number", 0u, NULL, NULL), \
	TICKET_PARAM_BODY

/* Where one program shows the asker's tickets. */
struct ticket_pages {
	const char *base;	/* the list's path; base/new, base/{id}, base/{id}/reply */
	const char *home_label, *home_url;	/* the first breadcrumb */
	const char *list_template, *form_template, *view_template;
	const char *order_hint;	/* what counts as an order number there */
};

/* The list, the new ticket's form and one ticket (for the router's form
 * pages too: NULL with rs->status 404 for a ticket not the asker's). */
tmpl_dict *ticket_page_list(struct req *rq, struct resp *rs, struct view *v, const struct ticket_party *p,
			    const struct ticket_pages *pages);
tmpl_dict *ticket_page_form(struct req *rq, struct resp *rs, struct view *v, const struct ticket_pages *pages);
tmpl_dict *ticket_page_view(struct req *rq, struct resp *rs, struct view *v, const struct ticket_party *p,
			    const struct ticket_pages *pages);
/* The POSTs of base and base/{id}/reply: the change, then a redirect to
 * the ticket, or the form again with what is wrong. Returns the status. */
int ticket_page_open(struct req *rq, struct resp *rs, const struct ticket_party *p, const struct ticket_pages *pages);
int ticket_page_reply(struct req *rq, struct resp *rs, const struct ticket_party *p,
		      const struct ticket_pages *pages);

#endif

/*
 * wishlist: a shopper's named lists of saved products (schema/0024_wishlists.sql),
 * one of which may be shared read-only by an unguessable address, and the
 * events consumer that tells them when a saved product gets cheaper or comes
 * back in stock (at most one mail a day a person; every change is a line of
 * their notification centre, notify.h).
 *
 * Every function takes the account: a list of someone else is WISHLIST_NOT_FOUND,
 * never touched.
 */
#ifndef BAZAAR_WISHLIST_H
#define BAZAAR_WISHLIST_H

struct event;

#define WISHLIST_NAME_MAX 100		/* characters of a list's name */
#define WISHLIST_LISTS_MAX 20		/* lists an account may have */
#define WISHLIST_ITEMS_MAX 200		/* products in one list */
#define WISHLIST_TOKEN_LEN 32		/* hex characters of a shared list's address */
#define WISHLIST_DEFAULT_NAME "Saved"	/* the list "Save" on a product page fills */
#define WISHLIST_CONSUMER "wishlist.alerts"

enum {
	WISHLIST_NOT_FOUND = -2,	/* no such list of this account, or product not on sale */
	WISHLIST_FULL = -3,		/* WISHLIST_LISTS_MAX or WISHLIST_ITEMS_MAX reached */
	WISHLIST_ALREADY = 1,		/* wishlist_save: it was in the list already */
};

/* The account's first list, made (WISHLIST_DEFAULT_NAME) when it has none.
 * The list id, or -1. */
long long wishlist_default(long long user_id);
/* A new list called name (tidied, 1..WISHLIST_NAME_MAX characters: the
 * caller checks). The id, WISHLIST_FULL, or -1. */
long long wishlist_create(long long user_id, const char *name);
/* Deletes the list and what it holds: 0, WISHLIST_NOT_FOUND, -1. */
int wishlist_delete(long long user_id, long long list_id);
/* Saves a product on sale into the list (list_id 0: the default list),
 * recording its price and stock as seen now. 0, WISHLIST_ALREADY,
 * WISHLIST_NOT_FOUND (not the account's list, or not on sale),
 * WISHLIST_FULL, -1. */
int wishlist_save(long long user_id, long long list_id, long long product_id);
/* Takes a product out of the list: 0, WISHLIST_NOT_FOUND, -1. */
int wishlist_remove(long long user_id, long long list_id, long long product_id);
/* Moves a product to another list of the account (kept there if it was in
 * both): 0, WISHLIST_NOT_FOUND, WISHLIST_FULL, -1. */
int wishlist_move(long long user_id, long long from_id, long long to_id, long long product_id);
/* Shares the list (on: a new random address into token, which must hold
 * WISHLIST_TOKEN_LEN + 1) or makes it private again (off: the old address
 * is dead). 0, WISHLIST_NOT_FOUND, -1. */
int wishlist_share(long long user_id, long long list_id, int on, char *token);
/* True when s has the shape of a shared list's address. */
int wishlist_token_valid(const char *s);

/*
 * The events consumer's handler for product.changed (events.h; in the
 * batch's transaction): for each account with the product in a list, a
 * price below the one it last saw is a "price_drop" notification, stock
 * after none a "back_in_stock" one; the mail goes with the first of the
 * person's day (wishlist_mail_days, the day of clock_now() in UTC), later
 * ones of that day are lines only. Then the items record the new price and
 * stock. A product no longer on sale changes nothing. 0, or -1.
 */
int wishlist_product_changed(const struct event *ev, void *arg);

#endif

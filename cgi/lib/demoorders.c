/*
 * demoorders: the demo shoppers' orders (see demoorders.h).
 */
#include "demoorders.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "shipping.h"

#define DEMOORDERS_NOUNS	5
#define DEMOORDERS_PER_NOUN	2
#define DEMOORDERS_EVERYDAY	8	/* the shop's most popular, bought by anybody */

static const struct {
	const char *category, *noun;
} demoorders_patterns[][DEMOORDERS_NOUNS] = {
	{ { "Camping", "Tent" }, { "Camping", "Sleeping Bag" }, { "Camping", "Sleeping Mat" },
	  { "Camping", "Headlamp" }, { "Camping", "Camping Stove" } },
	/* Each beer next to lemons or ice: a basket takes neighbouring nouns. */
	{ { "Beer", "Lager" }, { "Fruit & Ice", "Lemons" }, { "Beer", "Pale Ale" }, { "Fruit & Ice", "Ice" },
	  { "Beer", "Wheat Beer" } },
	{ { "Cycling", "Bike Helmet" }, { "Cycling", "Bike Light Set" }, { "Cycling", "Bike Lock" },
	  { "Cycling", "Cycling Gloves" } },
	{ { "Coffee", "Coffee Beans" }, { "Coffee", "Espresso Blend" }, { "Tableware", "Espresso Cup" },
	  { "Tableware", "Mug" } },
	{ { "Fitness", "Yoga Mat" }, { "Fitness", "Resistance Band Set" }, { "Fitness", "Foam Roller" },
	  { "Fitness", "Dumbbell Pair" } },
	{ { "Phone Accessories", "Phone Case" }, { "Phone Accessories", "Screen Protector" },
	  { "Chargers & Cables", "USB-C Charger" }, { "Chargers & Cables", "Charging Cable" } },
	{ { "Dog Beds", "Dog Bed" }, { "Dog Beds", "Dog Blanket" }, { "Leads & Collars", "Dog Lead" },
	  { "Leads & Collars", "Dog Collar" }, { "Bowls & Feeders", "Dog Bowl" } },
	{ { "Cookware", "Frying Pan" }, { "Kitchen Utensils", "Spatula" }, { "Kitchen Utensils", "Wooden Spoon" },
	  { "Olive Oil & Vinegar", "Extra Virgin Olive Oil" } },
	{ { "Tea", "Loose Leaf Tea" }, { "Tea", "Herbal Infusion" }, { "Tea", "Chai Blend" },
	  { "Chocolate", "Chocolate Bar" } },
	{ { "Garden Tools", "Trowel" }, { "Garden Tools", "Pruning Shears" }, { "Plant Pots", "Plant Pot" },
	  { "Seeds & Bulbs", "Seed Collection" }, { "Garden Tools", "Watering Can" } },
	{ { "Running", "Running Shoes" }, { "Running", "Running Tights" }, { "Running", "Sports Socks" },
	  { "Running", "Hydration Vest" } },
	{ { "Bedding", "Duvet Cover" }, { "Bedding", "Pillowcase Pair" }, { "Bedding", "Fitted Sheet" } },
	{ { "Art Supplies", "Watercolour Set" }, { "Art Supplies", "Paint Brush Set" },
	  { "Art Supplies", "Drawing Pad" }, { "Art Supplies", "Sketching Pencils" } },
	{ { "Cat Toys", "Cat Wand" }, { "Cat Toys", "Catnip Mouse" }, { "Cat Toys", "Scratching Post" },
	  { "Bowls & Feeders", "Cat Bowl" } },
};
#define DEMOORDERS_NPATTERNS (sizeof demoorders_patterns / sizeof demoorders_patterns[0])

/* A product may be ordered by the demo shoppers. */
#define DEMOORDERS_ORDERABLE \
	" JOIN vendors v ON v.id = p.vendor_id JOIN vendor_shipping s ON s.vendor_id = v.id" \
	" WHERE p.status = 'active' AND v.status = 'verified' AND p.stock >= ?" \
	" AND FIND_IN_SET('bank_transfer', s.methods) > 0" \
	" AND EXISTS (SELECT 1 FROM vendor_ship_countries sc WHERE sc.vendor_id = v.id AND sc.country = ?)"

static const char demoorders_noun_sql[] =
	"SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id" DEMOORDERS_ORDERABLE
	" AND c.name = ? AND p.name LIKE CONCAT('%', ?, '%') ORDER BY p.popularity DESC, p.id LIMIT ?";

static const char demoorders_everyday_sql[] =
	"SELECT p.id FROM products p" DEMOORDERS_ORDERABLE " ORDER BY p.popularity DESC, p.id LIMIT ?";

struct demoorders_group {
	long long ids[DEMOORDERS_NOUNS][DEMOORDERS_PER_NOUN];
	size_t per[DEMOORDERS_NOUNS];	/* products found per noun */
	size_t nouns;
};

static unsigned
demoorders_rand(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(*s >> 33);
}

static int
demoorders_has(const struct demoorders_basket *b, long long id)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->items[i] == id)
			return 1;
	return 0;
}

static void
demoorders_add(struct demoorders_basket *b, long long id)
{
	if (b->n < DEMOORDERS_LINES_MAX && !demoorders_has(b, id))
		b->items[b->n++] = id;
}

int
demoorders_plan(struct demoorders_plan *plan)
{
	struct demoorders_group groups[DEMOORDERS_NPATTERNS];
	long long everyday[DEMOORDERS_EVERYDAY];
	size_t neveryday = 0, ng = 0, cap = 0;
	const char *country = shipping_default_country();
	unsigned long long seed = 2026;
	struct db_result *r;

	memset(plan, 0, sizeof *plan);
	for (size_t g = 0; g < DEMOORDERS_NPATTERNS; g++) {
		struct demoorders_group *grp = &groups[ng];

		memset(grp, 0, sizeof *grp);
		for (size_t k = 0; k < DEMOORDERS_NOUNS && demoorders_patterns[g][k].noun; k++) {
			r = db_query(demoorders_noun_sql, "isssi", (long long)DEMOORDERS_STOCK_MIN, country,
				     demoorders_patterns[g][k].category, demoorders_patterns[g][k].noun,
				     (long long)DEMOORDERS_PER_NOUN);
			if (r == NULL)
				return -1;
			while (db_next(r))
				grp->ids[grp->nouns][grp->per[grp->nouns]++] = db_int(r, 0);
			db_free(r);
			if (grp->per[grp->nouns] > 0)
				grp->nouns++;
		}
		if (grp->nouns >= 2)
			ng++;
	}
	if ((r = db_query(demoorders_everyday_sql, "isi", (long long)DEMOORDERS_STOCK_MIN, country,
			  (long long)DEMOORDERS_EVERYDAY)) == NULL)
		return -1;
	while (db_next(r))
		everyday[neveryday++] = db_int(r, 0);
	db_free(r);
	plan->patterns = ng;
	if (ng == 0)
		return 0;
	for (int c = 0; c < DEMOORDERS_CUSTOMERS; c++) {
		const struct demoorders_group *own = &groups[(size_t)c % ng];
		int orders = 2 + (int)(demoorders_rand(&seed) % 3);

		for (int o = 0; o < orders; o++) {
			struct demoorders_basket b = { c, 0, { 0 } };
			size_t want = 2 + demoorders_rand(&seed) % 2, first = demoorders_rand(&seed) % own->nouns;

			if (want > own->nouns)
				want = own->nouns;
			/* Different nouns of the shopper's pattern; the variant they prefer. */
			for (size_t k = 0; k < want; k++) {
				size_t noun = (first + k) % own->nouns;

				demoorders_add(&b, own->ids[noun][((size_t)c / ng + noun) % own->per[noun]]);
			}
			if (demoorders_rand(&seed) % 4 == 0 && neveryday > 0)
				demoorders_add(&b, everyday[demoorders_rand(&seed) % neveryday]);
			else if (demoorders_rand(&seed) % 8 == 0) {
				const struct demoorders_group *other = &groups[demoorders_rand(&seed) % ng];

				demoorders_add(&b, other->ids[0][0]);
			}
			if (plan->n == cap) {
				size_t ncap = cap ? cap * 2 : 256;
				struct demoorders_basket *nb = realloc(plan->baskets, ncap * sizeof *nb);

				if (nb == NULL)
					return -1;
				plan->baskets = nb;
				cap = ncap;
			}
			plan->baskets[plan->n++] = b;
		}
	}
	return 0;
}

void
demoorders_free(struct demoorders_plan *plan)
{
	free(plan->baskets);
	memset(plan, 0, sizeof *plan);
}

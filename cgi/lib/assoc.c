/*
 * assoc: association rules by FP-growth (see assoc.h).
 *
 * Items are renumbered by rank (0: the most frequent) once they are known
 * to be frequent; every tree holds ranks, its own items numbered locally in
 * rising rank, so a conditional tree's arrays are as small as its items.
 */
#include "assoc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
assoc_baskets_init(struct assoc_baskets *b)
{
	memset(b, 0, sizeof *b);
}

static int
assoc_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if ((q = realloc(*p, n * size)) == NULL)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

int
assoc_baskets_add(struct assoc_baskets *b, long long owner, const long long *items, size_t n)
{
	size_t ends_cap = b->ends_cap;

	if (assoc_grow((void **)&b->items, &b->items_cap, b->nitems + n, sizeof *b->items) != 0 ||
	    assoc_grow((void **)&b->ends, &b->ends_cap, b->n + 1, sizeof *b->ends) != 0)
		return -1;
	if (b->ends_cap != ends_cap || b->owners == NULL) {
		long long *o = realloc(b->owners, b->ends_cap * sizeof *o);

		if (o == NULL)
			return -1;
		b->owners = o;
	}
	if (n > 0)
		memcpy(b->items + b->nitems, items, n * sizeof *items);
	b->nitems += n;
	b->owners[b->n] = owner;
	b->ends[b->n++] = b->nitems;
	return 0;
}

void
assoc_baskets_free(struct assoc_baskets *b)
{
	free(b->items);
	free(b->ends);
	free(b->owners);
	assoc_baskets_init(b);
}

/* ---- the tree ------------------------------------------------------------ */

struct assoc_node {
	int item;		/* local index in its tree; -1 for the root */
	int parent;
	int link;		/* next node of the same item, -1 at the end */
	long long count;
};

struct assoc_tree {
	struct assoc_node *nodes;
	size_t n, cap;
	int *slots;		/* (parent, item) -> node + 1, 0 when free */
	size_t mask;
	int *items;		/* local index -> rank */
	int *head;		/* local index -> first node */
	long long *total;	/* local index -> count in this tree */
	size_t nitems;
	size_t bytes;
};

struct assoc_ctx {
	const struct assoc_params *p;
	long long *ids;		/* rank -> item id */
	long long *counts;	/* rank -> baskets */
	size_t nfreq;
	int *map[ASSOC_LEN_MAX + 1];		/* per depth: rank -> local index or -1 */
	long long *ccount[ASSOC_LEN_MAX + 1];	/* per depth: rank -> conditional count */
	int *touched[ASSOC_LEN_MAX + 1];	/* per depth: ranks counted */
	int *path;				/* one path, leaf to root */
	struct assoc_itemset *sets;		/* items as ranks while mining */
	size_t nsets, sets_cap;
	size_t bytes, peak;
	int failed;
};

static void
assoc_account(struct assoc_ctx *c, long long delta)
{
	c->bytes = (size_t)((long long)c->bytes + delta);
	if (c->bytes > c->peak)
		c->peak = c->bytes;
}

static size_t
assoc_hash(int parent, int item)
{
	uint64_t h = (uint64_t)(uint32_t)parent * 0x9E3779B97F4A7C15ULL ^ (uint64_t)(uint32_t)item * 0xC2B2AE3D27D4EB4FULL;

	return (size_t)(h ^ (h >> 29));
}

static int
assoc_tree_init(struct assoc_ctx *c, struct assoc_tree *t, size_t nitems)
{
	memset(t, 0, sizeof *t);
	t->nitems = nitems;
	t->cap = 64;
	t->mask = 127;
	t->nodes = malloc(t->cap * sizeof *t->nodes);
	t->slots = calloc(t->mask + 1, sizeof *t->slots);
	t->items = malloc((nitems + 1) * sizeof *t->items);
	t->head = malloc((nitems + 1) * sizeof *t->head);
	t->total = calloc(nitems + 1, sizeof *t->total);
	if (!t->nodes || !t->slots || !t->items || !t->head || !t->total)
		return -1;
	for (size_t i = 0; i < nitems; i++)
		t->head[i] = -1;
	t->nodes[0] = (struct assoc_node){ -1, -1, -1, 0 };
	t->n = 1;
	t->bytes = t->cap * sizeof *t->nodes + (t->mask + 1) * sizeof *t->slots +
		   (nitems + 1) * (2 * sizeof(int) + sizeof(long long));
	assoc_account(c, (long long)t->bytes);
	return 0;
}

static void
assoc_tree_free(struct assoc_ctx *c, struct assoc_tree *t)
{
	assoc_account(c, -(long long)t->bytes);
	free(t->nodes);
	free(t->slots);
	free(t->items);
	free(t->head);
	free(t->total);
	memset(t, 0, sizeof *t);
}

static int
assoc_tree_rehash(struct assoc_ctx *c, struct assoc_tree *t)
{
	size_t nslots = (t->mask + 1) * 2, i, h;
	int *slots = calloc(nslots, sizeof *slots);

	if (slots == NULL)
		return -1;
	for (i = 1; i < t->n; i++) {
		for (h = assoc_hash(t->nodes[i].parent, t->nodes[i].item) & (nslots - 1); slots[h];
		     h = (h + 1) & (nslots - 1))
			;
		slots[h] = (int)i + 1;
	}
	free(t->slots);
	assoc_account(c, (long long)((nslots - (t->mask + 1)) * sizeof *slots));
	t->bytes += (nslots - (t->mask + 1)) * sizeof *slots;
	t->slots = slots;
	t->mask = nslots - 1;
	return 0;
}

/* The child of parent for item, made when missing; -1 out of memory. */
static int
assoc_tree_child(struct assoc_ctx *c, struct assoc_tree *t, int parent, int item)
{
	size_t h;
	int s;

	for (h = assoc_hash(parent, item) & t->mask; (s = t->slots[h]) != 0; h = (h + 1) & t->mask)
		if (t->nodes[s - 1].parent == parent && t->nodes[s - 1].item == item)
			return s - 1;
	if (t->n == t->cap) {
		struct assoc_node *nodes = realloc(t->nodes, t->cap * 2 * sizeof *nodes);

		if (nodes == NULL)
			return -1;
		assoc_account(c, (long long)(t->cap * sizeof *nodes));
		t->bytes += t->cap * sizeof *nodes;
		t->nodes = nodes;
		t->cap *= 2;
	}
	t->nodes[t->n] = (struct assoc_node){ item, parent, t->head[item], 0 };
	t->head[item] = (int)t->n;
	t->slots[h] = (int)t->n + 1;
	t->n++;
	if (t->n * 2 > t->mask + 1 && assoc_tree_rehash(c, t) != 0)
		return -1;
	return (int)t->n - 1;
}

/* Adds a path of local items (rising rank) with weight w. */
static int
assoc_tree_insert(struct assoc_ctx *c, struct assoc_tree *t, const int *items, size_t n, long long w)
{
	int node = 0;

	for (size_t i = 0; i < n; i++) {
		if ((node = assoc_tree_child(c, t, node, items[i])) < 0)
			return -1;
		t->nodes[node].count += w;
	}
	return 0;
}

/* ---- mining -------------------------------------------------------------- */

static int
assoc_int_cmp(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

static int
assoc_ll_cmp(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

static void
assoc_emit(struct assoc_ctx *c, const int *ranks, int n, long long count)
{
	struct assoc_itemset *s;
	size_t cap = c->sets_cap;

	if (assoc_grow((void **)&c->sets, &c->sets_cap, c->nsets + 1, sizeof *c->sets) != 0) {
		c->failed = 1;
		return;
	}
	assoc_account(c, (long long)((c->sets_cap - cap) * sizeof *c->sets));
	s = &c->sets[c->nsets++];
	memset(s, 0, sizeof *s);
	for (int i = 0; i < n; i++)
		s->items[i] = ranks[i];
	qsort(s->items, (size_t)n, sizeof s->items[0], assoc_ll_cmp);
	s->n = n;
	s->count = count;
}

/* Every frequent itemset of t joined to suffix[0..slen). */
static void
assoc_fpgrowth(struct assoc_ctx *c, const struct assoc_tree *t, int *suffix, int slen, int depth)
{
	long long minc = c->p->min_count;

	for (size_t li = t->nitems; li-- > 0 && !c->failed;) {
		int *map = c->map[depth + 1], *touched = c->touched[depth + 1];
		long long *cc = c->ccount[depth + 1];
		size_t nt = 0, nloc = 0, i;
		struct assoc_tree ct;

		if (t->total[li] < minc)
			continue;
		suffix[slen] = t->items[li];
		assoc_emit(c, suffix, slen + 1, t->total[li]);
		if (slen + 1 >= c->p->max_len)
			continue;
		/* The conditional pattern base: the paths above each node of the item. */
		for (int node = t->head[li]; node >= 0; node = t->nodes[node].link)
			for (int up = t->nodes[node].parent; up > 0; up = t->nodes[up].parent) {
				int r = t->items[t->nodes[up].item];

				if (cc[r] == 0)
					touched[nt++] = r;
				cc[r] += t->nodes[node].count;
			}
		qsort(touched, nt, sizeof *touched, assoc_int_cmp);
		for (i = 0; i < nt; i++)
			if (cc[touched[i]] >= minc)
				nloc++;
		if (nloc > 0) {
			if (assoc_tree_init(c, &ct, nloc) != 0) {
				c->failed = 1;
			} else {
				size_t l = 0;

				for (i = 0; i < nt; i++)
					if (cc[touched[i]] >= minc) {
						ct.items[l] = touched[i];
						ct.total[l] = cc[touched[i]];
						map[touched[i]] = (int)l++;
					}
				for (int node = t->head[li]; node >= 0 && !c->failed; node = t->nodes[node].link) {
					size_t np = 0;

					for (int up = t->nodes[node].parent; up > 0; up = t->nodes[up].parent) {
						int loc = map[t->items[t->nodes[up].item]];

						if (loc >= 0)
							c->path[np++] = loc;
					}
					/* Leaf to root is falling rank: insert root first. */
					for (size_t a = 0, z = np; a + 1 < z; a++, z--) {
						int tmp = c->path[a];

						c->path[a] = c->path[z - 1];
						c->path[z - 1] = tmp;
					}
					if (np > 0 && assoc_tree_insert(c, &ct, c->path, np, t->nodes[node].count) != 0)
						c->failed = 1;
				}
				if (!c->failed)
					assoc_fpgrowth(c, &ct, suffix, slen + 1, depth + 1);
			}
			assoc_tree_free(c, &ct);
		}
		for (i = 0; i < nt; i++) {
			cc[touched[i]] = 0;
			map[touched[i]] = -1;
		}
	}
}

/* ---- itemset lookup and rules -------------------------------------------- */

struct assoc_index {
	size_t *slots;		/* set index + 1, 0 free */
	size_t mask;
};

static size_t
assoc_set_hash(const long long *items, int n)
{
	uint64_t h = 1469598103934665603ULL;

	for (int i = 0; i < n; i++)
		h = (h ^ (uint64_t)items[i]) * 0x100000001B3ULL;
	return (size_t)(h ^ (h >> 31));
}

static int
assoc_index_build(struct assoc_index *x, const struct assoc_itemset *sets, size_t n)
{
	size_t size = 64, h;

	while (size < n * 2)
		size *= 2;
	if ((x->slots = calloc(size, sizeof *x->slots)) == NULL)
		return -1;
	x->mask = size - 1;
	for (size_t i = 0; i < n; i++) {
		for (h = assoc_set_hash(sets[i].items, sets[i].n) & x->mask; x->slots[h]; h = (h + 1) & x->mask)
			;
		x->slots[h] = i + 1;
	}
	return 0;
}

static long long
assoc_index_count(const struct assoc_index *x, const struct assoc_itemset *sets, const long long *items, int n)
{
	for (size_t h = assoc_set_hash(items, n) & x->mask; x->slots[h]; h = (h + 1) & x->mask) {
		const struct assoc_itemset *s = &sets[x->slots[h] - 1];

		if (s->n == n && memcmp(s->items, items, (size_t)n * sizeof *items) == 0)
			return s->count;
	}
	return 0;
}

static int
assoc_rule_cmp(const void *x, const void *y)
{
	const struct assoc_rule *a = x, *b = y;

	if (a->confidence != b->confidence)
		return a->confidence < b->confidence ? 1 : -1;
	if (a->lift != b->lift)
		return a->lift < b->lift ? 1 : -1;
	if (a->nante != b->nante)
		return a->nante - b->nante;
	for (int i = 0; i < a->nante; i++)
		if (a->ante[i] != b->ante[i])
			return a->ante[i] < b->ante[i] ? -1 : 1;
	return (a->cons > b->cons) - (a->cons < b->cons);
}

static int
assoc_rules(struct assoc_ctx *c, struct assoc_result *res, long long nb)
{
	struct assoc_index x;
	size_t cap = 0;

	if (assoc_index_build(&x, c->sets, c->nsets) != 0)
		return -1;
	for (size_t i = 0; i < c->nsets; i++) {
		const struct assoc_itemset *s = &c->sets[i];

		for (int j = 0; j < s->n && s->n >= 2; j++) {
			long long ante[ASSOC_LEN_MAX], cx;
			int na = 0;
			double conf, lift;
			struct assoc_rule *r;

			for (int k = 0; k < s->n; k++)
				if (k != j)
					ante[na++] = s->items[k];
			cx = na == 1 ? c->counts[ante[0]] : assoc_index_count(&x, c->sets, ante, na);
			if (cx <= 0)
				continue;
			conf = (double)s->count / (double)cx;
			lift = conf * (double)nb / (double)c->counts[s->items[j]];
			if (conf < c->p->min_confidence || lift < c->p->min_lift)
				continue;
			if (assoc_grow((void **)&res->rules, &cap, res->nrules + 1, sizeof *res->rules) != 0) {
				free(x.slots);
				return -1;
			}
			r = &res->rules[res->nrules++];
			memset(r, 0, sizeof *r);
			for (int k = 0; k < na; k++)
				r->ante[k] = c->ids[ante[k]];
			qsort(r->ante, (size_t)na, sizeof r->ante[0], assoc_ll_cmp);
			r->nante = na;
			r->cons = c->ids[s->items[j]];
			r->count = s->count;
			r->support = (double)s->count / (double)nb;
			r->confidence = conf;
			r->lift = lift;
		}
	}
	free(x.slots);
	if (res->nrules > 1)
		qsort(res->rules, res->nrules, sizeof *res->rules, assoc_rule_cmp);
	return 0;
}

/* ---- the whole run ------------------------------------------------------- */

/* Rank order: in more baskets first, then the smaller id. arg: the
 * counts, then the ids (all of them, by index). */
static int
assoc_rank_cmp(const void *x, const void *y, void *arg)
{
	const long long *const *by = arg;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	if (by[0][a] != by[0][b])
		return by[0][a] < by[0][b] ? 1 : -1;
	return (by[1][a] > by[1][b]) - (by[1][a] < by[1][b]);
}

static size_t
assoc_find(const long long *all, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (all[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
assoc_mine(const struct assoc_baskets *b, const struct assoc_params *p, struct assoc_result *res)
{
	struct assoc_ctx c = { .p = p };
	struct assoc_tree t = { 0 };
	long long *all = NULL, *allcount = NULL;
	size_t nall = 0, i, j, longest = 0, *order = NULL;
	int *rank_of = NULL, *basket = NULL, suffix[ASSOC_LEN_MAX], rc = -1;
	struct timespec t0, t1;

	memset(res, 0, sizeof *res);
	if (p->min_count < 1 || p->max_len < 2 || p->max_len > ASSOC_LEN_MAX)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res->stats.baskets = (long long)b->n;
	/* The distinct items, and in how many baskets each is. */
	if (b->nitems > 0 && (all = malloc(b->nitems * sizeof *all)) == NULL)
		goto out;
	if (b->nitems > 0)
		memcpy(all, b->items, b->nitems * sizeof *all);
	qsort(all, b->nitems, sizeof *all, assoc_ll_cmp);
	for (i = 0; i < b->nitems; i++)
		if (nall == 0 || all[nall - 1] != all[i])
			all[nall++] = all[i];
	for (i = 0; i < b->n; i++) {
		size_t len = b->ends[i] - (i ? b->ends[i - 1] : 0);

		if (len > longest)
			longest = len;
	}
	allcount = calloc(nall + 1, sizeof *allcount);
	basket = malloc((longest + 1) * sizeof *basket);
	rank_of = malloc((nall + 1) * sizeof *rank_of);
	order = malloc((nall + 1) * sizeof *order);
	if (!allcount || !basket || !rank_of || !order)
		goto out;
	assoc_account(&c, (long long)(b->nitems * sizeof *all + (nall + 1) * (sizeof *allcount + sizeof *rank_of +
			  sizeof *order) + (longest + 1) * sizeof *basket));
	for (i = 0; i < b->n; i++) {
		size_t start = i ? b->ends[i - 1] : 0, n = 0;

		for (j = start; j < b->ends[i]; j++)
			basket[n++] = (int)assoc_find(all, nall, b->items[j]);
		qsort(basket, n, sizeof *basket, assoc_int_cmp);
		for (j = 0; j < n; j++)
			if (j == 0 || basket[j] != basket[j - 1]) {
				allcount[basket[j]]++;
				res->stats.lines++;
			}
	}
	res->stats.items = (long long)nall;
	/* Frequent items by rank. */
	for (i = 0; i < nall; i++)
		order[i] = i;
	{
		const long long *by[2] = { allcount, all };

		qsort_r(order, nall, sizeof *order, assoc_rank_cmp, (void *)by);
	}
	for (i = 0; i < nall; i++)
		rank_of[i] = -1;
	while (c.nfreq < nall && allcount[order[c.nfreq]] >= p->min_count)
		c.nfreq++;
	res->stats.frequent = (long long)c.nfreq;
	c.ids = malloc((c.nfreq + 1) * sizeof *c.ids);
	c.counts = malloc((c.nfreq + 1) * sizeof *c.counts);
	c.path = malloc((longest + 1) * sizeof *c.path);
	if (!c.ids || !c.counts || !c.path)
		goto out;
	for (i = 0; i < c.nfreq; i++) {
		rank_of[order[i]] = (int)i;
		c.ids[i] = all[order[i]];
		c.counts[i] = allcount[order[i]];
	}
	for (int d = 0; d <= ASSOC_LEN_MAX; d++) {
		c.map[d] = malloc((c.nfreq + 1) * sizeof(int));
		c.ccount[d] = calloc(c.nfreq + 1, sizeof(long long));
		c.touched[d] = malloc((c.nfreq + 1) * sizeof(int));
		if (!c.map[d] || !c.ccount[d] || !c.touched[d])
			goto out;
		for (i = 0; i < c.nfreq; i++)
			c.map[d][i] = -1;
	}
	assoc_account(&c, (long long)((ASSOC_LEN_MAX + 1) * (c.nfreq + 1) * (2 * sizeof(int) + sizeof(long long))));
	/* The tree of every basket, local items = ranks. */
	if (assoc_tree_init(&c, &t, c.nfreq) != 0)
		goto out;
	for (i = 0; i < c.nfreq; i++) {
		t.items[i] = (int)i;
		t.total[i] = c.counts[i];
	}
	for (i = 0; i < b->n; i++) {
		size_t start = i ? b->ends[i - 1] : 0, n = 0;

		for (j = start; j < b->ends[i]; j++) {
			int r = rank_of[assoc_find(all, nall, b->items[j])];

			if (r >= 0)
				basket[n++] = r;
		}
		qsort(basket, n, sizeof *basket, assoc_int_cmp);
		for (j = 0; j < n; j++)
			if (j > 0 && basket[j] == basket[j - 1]) {
				memmove(basket + j, basket + j + 1, (n - j - 1) * sizeof *basket);
				n--;
				j--;
			}
		if (n > 0 && assoc_tree_insert(&c, &t, basket, n, 1) != 0)
			goto out;
	}
	res->stats.nodes = (long long)t.n;
	assoc_fpgrowth(&c, &t, suffix, 0, 0);
	if (c.failed || assoc_rules(&c, res, (long long)b->n) != 0)
		goto out;
	/* The itemsets as ids. */
	for (i = 0; i < c.nsets; i++) {
		for (int k = 0; k < c.sets[i].n; k++)
			c.sets[i].items[k] = c.ids[c.sets[i].items[k]];
		qsort(c.sets[i].items, (size_t)c.sets[i].n, sizeof c.sets[i].items[0], assoc_ll_cmp);
	}
	res->sets = c.sets;
	res->nsets = c.nsets;
	c.sets = NULL;
	rc = 0;
out:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	res->stats.mine_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	res->stats.peak_bytes = c.peak;
	if (t.nodes)
		assoc_tree_free(&c, &t);
	for (int d = 0; d <= ASSOC_LEN_MAX; d++) {
		free(c.map[d]);
		free(c.ccount[d]);
		free(c.touched[d]);
	}
	free(c.sets);
	free(c.ids);
	free(c.counts);
	free(c.path);
	free(all);
	free(allcount);
	free(basket);
	free(rank_of);
	free(order);
	if (rc != 0) {
		struct assoc_stats st = res->stats;

		assoc_result_free(res);
		res->stats = st;
	}
	return rc;
}

void
assoc_result_free(struct assoc_result *res)
{
	free(res->sets);
	free(res->rules);
	memset(res, 0, sizeof *res);
}

/* ---- recommending and the offline measure -------------------------------- */

struct assoc_scored {
	long long id;
	double score;
};

static int
assoc_scored_cmp(const void *x, const void *y)
{
	const struct assoc_scored *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return (a->id > b->id) - (a->id < b->id);
}

int
assoc_has(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

size_t
assoc_recommend(const struct assoc_result *res, const long long *seeds, size_t n, long long *out, size_t k)
{
	struct assoc_scored *cand = NULL;
	size_t nc = 0, cap = 0, i, j;

	for (i = 0; i < res->nrules; i++) {
		const struct assoc_rule *r = &res->rules[i];

		if (r->nante != 1 || !assoc_has(seeds, n, r->ante[0]) || assoc_has(seeds, n, r->cons))
			continue;
		for (j = 0; j < nc && cand[j].id != r->cons; j++)
			;
		if (j == nc) {
			if (assoc_grow((void **)&cand, &cap, nc + 1, sizeof *cand) != 0)
				break;
			cand[nc++] = (struct assoc_scored){ r->cons, 0 };
		}
		cand[j].score += r->confidence;
	}
	if (nc > 1)
		qsort(cand, nc, sizeof *cand, assoc_scored_cmp);
	for (i = 0; i < nc && i < k; i++)
		out[i] = cand[i].id;
	free(cand);
	return i;
}

struct assoc_owned {
	long long owner;
	size_t basket;
};

static int
assoc_owned_cmp(const void *x, const void *y)
{
	const struct assoc_owned *a = x, *b = y;

	if (a->owner != b->owner)
		return (a->owner > b->owner) - (a->owner < b->owner);
	return (a->basket > b->basket) - (a->basket < b->basket);
}

int
assoc_evaluate(const struct assoc_baskets *b, const struct assoc_params *p, size_t k, struct assoc_eval *ev)
{
	struct assoc_owned *own = malloc((b->n + 1) * sizeof *own);
	unsigned char *hidden = calloc(b->n + 1, 1);
	struct assoc_baskets train;
	struct assoc_result res = { 0 };
	struct assoc_scored *pop = NULL;
	long long *seeds = NULL, *list = NULL;
	size_t i, j, npop = 0, popcap = 0, nseeds = 0, seedcap = 0;
	int rc = -1;

	memset(ev, 0, sizeof *ev);
	assoc_baskets_init(&train);
	if (own == NULL || hidden == NULL || (list = malloc((k + 1) * sizeof *list)) == NULL)
		goto out;
	for (i = 0; i < b->n; i++)
		own[i] = (struct assoc_owned){ b->owners[i], i };
	qsort(own, b->n, sizeof *own, assoc_owned_cmp);
	/* The last basket of each owner with two or more. */
	for (i = 0; i < b->n; i++)
		if (own[i].owner != 0 && i > 0 && own[i - 1].owner == own[i].owner &&
		    (i + 1 == b->n || own[i + 1].owner != own[i].owner)) {
			hidden[own[i].basket] = 1;
			ev->customers++;
		}
	for (i = 0; i < b->n; i++) {
		size_t start = i ? b->ends[i - 1] : 0;

		if (!hidden[i] && assoc_baskets_add(&train, b->owners[i], b->items + start, b->ends[i] - start) != 0)
			goto out;
	}
	if (assoc_mine(&train, p, &res) != 0)
		goto out;
	ev->nrules = res.nrules;
	/* The most bought: baskets per item of the training baskets. */
	for (i = 0; i < res.nsets; i++)
		if (res.sets[i].n == 1) {
			if (assoc_grow((void **)&pop, &popcap, npop + 1, sizeof *pop) != 0)
				goto out;
			pop[npop++] = (struct assoc_scored){ res.sets[i].items[0], (double)res.sets[i].count };
		}
	if (npop > 1)
		qsort(pop, npop, sizeof *pop, assoc_scored_cmp);
	for (i = 0; i < b->n; i++) {
		long long owner = own[i].owner;
		size_t first = i, last, hb, n, m, q;
		int hit;

		if (owner == 0 || !hidden[own[i].basket])
			continue;
		/* own[first..i) are the owner's earlier baskets, latest last. */
		while (first > 0 && own[first - 1].owner == owner)
			first--;
		nseeds = 0;
		for (last = i; last-- > first;) {
			size_t bi = own[last].basket, start = bi ? b->ends[bi - 1] : 0;

			for (j = start; j < b->ends[bi]; j++)
				if (!assoc_has(seeds, nseeds, b->items[j])) {
					if (assoc_grow((void **)&seeds, &seedcap, nseeds + 1, sizeof *seeds) != 0)
						goto out;
					seeds[nseeds++] = b->items[j];
				}
		}
		hb = own[i].basket;
		/* The rules, topped up with the most bought. */
		n = assoc_recommend(&res, seeds, nseeds, list, k);
		for (q = 0; q < npop && n < k; q++)
			if (!assoc_has(seeds, nseeds, pop[q].id) && !assoc_has(list, n, pop[q].id))
				list[n++] = pop[q].id;
		hit = 0;
		for (j = hb ? b->ends[hb - 1] : 0; j < b->ends[hb] && !hit; j++)
			hit = assoc_has(list, n, b->items[j]);
		ev->rules_hits += hit;
		/* The k most bought that the owner did not buy before. */
		for (q = 0, m = 0; q < npop && m < k; q++)
			if (!assoc_has(seeds, nseeds, pop[q].id))
				list[m++] = pop[q].id;
		hit = 0;
		for (j = hb ? b->ends[hb - 1] : 0; j < b->ends[hb] && !hit; j++)
			hit = assoc_has(list, m, b->items[j]);
		ev->popular_hits += hit;
	}
	if (ev->customers > 0) {
		ev->rules_rate = (double)ev->rules_hits / (double)ev->customers;
		ev->popular_rate = (double)ev->popular_hits / (double)ev->customers;
	}
	rc = 0;
out:
	assoc_result_free(&res);
	assoc_baskets_free(&train);
	free(own);
	free(hidden);
	free(pop);
	free(seeds);
	free(list);
	return rc;
}

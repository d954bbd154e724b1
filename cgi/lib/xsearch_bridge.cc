/*
 * xsearch_bridge: the only C++ file of the search engine (see
 * xsearch_bridge.h for the index's layout). Every entry point catches
 * Xapian's exceptions and returns -1 with the reason; nothing throws into C.
 *
 * One read-only database per process (a worker serves one request at a
 * time), opened through the `current` link; one writable database per
 * process, the writer's.
 */
/* arena.h has no extern "C" of its own: declared as C before search.h includes it */
extern "C" {
#include "arena.h"
}
#include "xsearch_bridge.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <unordered_map>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

Xapian::Database *reader;
std::string reader_target;	/* what `current` pointed to when opened */
std::string reader_lang;

Xapian::WritableDatabase *writer;
std::string writer_lang;

const char *const stopwords_english[] = {
	"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
	"of", "on", "or", "the", "to", "with",
};

void
set_err(char *err, size_t n, const char *what, const std::string &msg)
{
	if (err && n)
		snprintf(err, n, "%s: %s", what, msg.c_str());
}

char *
arena_copy(struct arena *a, const std::string &s)
{
	return arena_strndup(a, s.data(), s.size());
}

std::string
num(long long v)
{
	return std::to_string(v);
}

/* Lower-cases ASCII letters and squeezes white space (synonym keys). */
std::string
normal_words(const std::string &s)
{
	std::string out;
	bool space = false;

	for (unsigned char c : s) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = !out.empty();
			continue;
		}
		if (space)
			out += ' ';
		space = false;
		out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : char(c);
	}
	return out;
}

Xapian::Stem
stemmer_for(const std::string &lang)
{
	try {
		return Xapian::Stem(lang.empty() ? "english" : lang);
	} catch (const Xapian::Error &) {
		return Xapian::Stem("english");
	}
}

/* A query parser set up as the index was built. stopper must outlive it. */
void
setup_parser(Xapian::QueryParser &qp, const Xapian::Database &db, const std::string &lang,
	     Xapian::SimpleStopper &stopper)
{
	qp.set_database(db);
	qp.set_stemmer(stemmer_for(lang));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	qp.set_default_op(Xapian::Query::OP_AND);
	if (lang.empty() || lang == "english" || lang == "en") {
		for (const char *w : stopwords_english)
			stopper.add(w);
		qp.set_stopper(&stopper);
	}
	qp.set_max_expansion(40, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
			     Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_WILDCARD);
}

/* Words, "phrases", -excluded, word* prefixes, spelling, synonyms. Xapian
 * applies neither spelling nor synonyms to a partial last word, so the last
 * word is taken as a prefix (partial) only as a second try, when the words
 * as typed match nothing, and for suggestions. */
const unsigned parse_flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
	Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_SPELLING_CORRECTION |
	Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
const unsigned parse_partial = parse_flags | Xapian::QueryParser::FLAG_PARTIAL;

/* Parses text; a string the parser refuses (stray operators) is parsed again
 * with no syntax at all rather than failing the search. */
Xapian::Query
parse(Xapian::QueryParser &qp, const std::string &text, unsigned flags = parse_flags)
{
	try {
		return qp.parse_query(text, flags);
	} catch (const Xapian::QueryParserError &) {
		return qp.parse_query(text, flags & (Xapian::QueryParser::FLAG_SPELLING_CORRECTION |
						     Xapian::QueryParser::FLAG_PARTIAL));
	}
}

int
open_reader(const char *dir, char *err, size_t errlen)
{
	std::string link = std::string(dir) + "/current";
	char buf[PATH_MAX];
	ssize_t n = readlink(link.c_str(), buf, sizeof buf - 1);

	if (n < 0) {
		if (errno == ENOENT) {
			xsearch_close();
			return 1;
		}
		set_err(err, errlen, "readlink", strerror(errno));
		return -1;
	}
	buf[n] = '\0';
	if (reader && reader_target == buf) {
		try {
			reader->reopen();
			return 0;
		} catch (const Xapian::Error &) {
			/* a replica whose copy was replaced under it: open afresh */
		}
	}
	try {
		std::string path = buf[0] == '/' ? std::string(buf) : std::string(dir) + "/" + buf;
		Xapian::Database *db = new Xapian::Database(path);

		delete reader;
		reader = db;
		reader_target = buf;
		reader_lang = reader->get_metadata("language");
		return 0;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		xsearch_close();
		return 1;
	} catch (const Xapian::Error &e) {
		xsearch_close();
		set_err(err, errlen, "open", e.get_description());
		return -1;
	}
}

/* Whether the price bounds of q hold every price in the index (the
 * index's own lower and upper bound of the slot), so that checking them
 * match by match would leave out nothing. */
bool
price_covers_all(const struct search_query *q)
{
	std::string lb = reader->get_value_lower_bound(XSEARCH_SLOT_PRICE);
	std::string ub = reader->get_value_upper_bound(XSEARCH_SLOT_PRICE);

	if (lb.empty() || ub.empty() || reader->get_value_freq(XSEARCH_SLOT_PRICE) != reader->get_doccount())
		return false;
	if (q->min_price > 0 && Xapian::sortable_serialise(double(q->min_price)) > lb)
		return false;
	return q->max_price < 0 || Xapian::sortable_serialise(double(q->max_price)) >= ub;
}

Xapian::Query
filters(const struct search_query *q)
{
	std::vector<Xapian::Query> f;

	if (q->category_id > 0)
		f.push_back(Xapian::Query("XC" + num(q->category_id)));
	if (q->vendor_id > 0)
		f.push_back(Xapian::Query("XV" + num(q->vendor_id)));
	if (q->price_band >= 0 && q->price_band < SEARCH_NBANDS)
		f.push_back(Xapian::Query("XB" + num(q->price_band)));
	if ((q->min_price >= 0 || q->max_price >= 0) && !price_covers_all(q)) {
		double lo = q->min_price >= 0 ? double(q->min_price) : 0.0;

		if (q->max_price >= 0)
			f.push_back(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, XSEARCH_SLOT_PRICE,
						  Xapian::sortable_serialise(lo),
						  Xapian::sortable_serialise(double(q->max_price))));
		else
			f.push_back(Xapian::Query(Xapian::Query::OP_VALUE_GE, XSEARCH_SLOT_PRICE,
						  Xapian::sortable_serialise(lo)));
	}
	if (q->min_rating > 0)
		f.push_back(Xapian::Query(Xapian::Query::OP_VALUE_GE, XSEARCH_SLOT_RATING,
					  num(q->min_rating > 5 ? 5 : q->min_rating)));
	if (q->on_sale)
		f.push_back(Xapian::Query("XSALE"));
	if (q->in_stock)
		f.push_back(Xapian::Query("XSTOCK"));
	if (q->among) {
		std::vector<Xapian::Query> ids;

		for (size_t i = 0; i < q->namong; i++)
			ids.push_back(Xapian::Query("Q" + num(q->among[i])));
		f.push_back(ids.empty() ? Xapian::Query::MatchNothing
					: Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
	}
	if (f.empty())
		return Xapian::Query();
	return Xapian::Query(Xapian::Query::OP_AND, f.begin(), f.end());
}

/* ---- the packed value (XSEARCH_SLOT_PACKED) ---- */

enum packed_key { PACKED_PRICE, PACKED_POPULAR, PACKED_CREATED, PACKED_RATING_AVG, PACKED_NKEYS };

void
put_varint(std::string &out, unsigned long long v)
{
	while (v >= 0x80) {
		out += char((v & 0x7f) | 0x80);
		v >>= 7;
	}
	out += char(v);
}

bool
get_varint(const unsigned char *&p, const unsigned char *end, unsigned long long &v)
{
	unsigned shift = 0;

	v = 0;
	while (p < end && shift < 64) {
		unsigned char c = *p++;

		v |= (unsigned long long)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

std::string
packed_value(const struct xsearch_doc *d, int band, int rating_floor, bool sale, bool stock)
{
	const double keys[PACKED_NKEYS] = { (double)d->price, (double)d->popularity, (double)d->created, d->rating };
	std::string out;
	int n = d->ncategories < XSEARCH_DEPTH_MAX ? d->ncategories : XSEARCH_DEPTH_MAX;

	for (double k : keys) {
		std::string v = Xapian::sortable_serialise(k);

		out += char(v.size());
		out += v;
	}
	put_varint(out, (unsigned long long)d->vendor_id);
	put_varint(out, (unsigned long long)band);
	put_varint(out, (unsigned long long)rating_floor);
	put_varint(out, sale ? 1 : 0);
	put_varint(out, stock ? 1 : 0);
	put_varint(out, (unsigned long long)(n > 0 ? n : 0));
	for (int i = 0; i < n; i++)
		put_varint(out, (unsigned long long)d->categories[i]);
	return out;
}

/* One match's packed value, read back. */
struct packed {
	const char *key[PACKED_NKEYS];
	size_t keylen[PACKED_NKEYS];
	long long vendor, band, rating, sale, stock;
	long long categories[XSEARCH_DEPTH_MAX];
	int ncategories;
};

bool
packed_parse(const std::string &v, struct packed *out)
{
	const unsigned char *p = (const unsigned char *)v.data(), *end = p + v.size();
	unsigned long long x[6];

	for (int k = 0; k < PACKED_NKEYS; k++) {
		if (p >= end || (size_t)(end - p) < (size_t)*p + 1)
			return false;
		out->keylen[k] = *p++;
		out->key[k] = (const char *)p;
		p += out->keylen[k];
	}
	for (unsigned long long &n : x)
		if (!get_varint(p, end, n))
			return false;
	out->vendor = (long long)x[0];
	out->band = (long long)x[1];
	out->rating = (long long)x[2];
	out->sale = (long long)x[3];
	out->stock = (long long)x[4];
	out->ncategories = x[5] < XSEARCH_DEPTH_MAX ? (int)x[5] : XSEARCH_DEPTH_MAX;
	for (int i = 0; i < out->ncategories; i++) {
		unsigned long long c;

		if (!get_varint(p, end, c))
			return false;
		out->categories[i] = (long long)c;
	}
	return true;
}

/* Whether every document of the open index has the packed value. */
bool
reader_packed(void)
{
	Xapian::doccount n = reader->get_doccount();

	return n > 0 && reader->get_value_freq(XSEARCH_SLOT_PACKED) == n;
}

/* The sort key of a sort by value, cut from the packed value: the same
 * bytes as the single slot's, so the order is the same. */
class PackedKey : public Xapian::KeyMaker {
    public:
	int which = PACKED_PRICE;

	std::string operator()(const Xapian::Document &doc) const override
	{
		struct packed p;
		std::string v = doc.get_value(XSEARCH_SLOT_PACKED);

		if (!packed_parse(v, &p))
			return std::string();
		return std::string(p.key[which], p.keylen[which]);
	}
};

/* Every facet counted from the packed value, one read per match. */
class PackedSpy : public Xapian::MatchSpy {
    public:
	int cat_depth = -1;	/* the categories counted: the ancestors at this depth; -1 none */
	bool vendor = false, band = false, rating = false, sale = false, stock = false;
	std::unordered_map<long long, long long> cats, vendors;
	long long bands[SEARCH_NBANDS] = { 0 }, ratings[6] = { 0 }, sales = 0, stocks = 0;

	void operator()(const Xapian::Document &doc, double) override
	{
		struct packed p;
		std::string v = doc.get_value(XSEARCH_SLOT_PACKED);

		if (!packed_parse(v, &p))
			return;
		if (cat_depth >= 0 && cat_depth < p.ncategories)
			cats[p.categories[cat_depth]]++;
		if (vendor)
			vendors[p.vendor]++;
		if (band && p.band >= 0 && p.band < SEARCH_NBANDS)
			bands[p.band]++;
		if (rating && p.rating >= 0 && p.rating <= 5)
			ratings[p.rating]++;
		if (sale && p.sale)
			sales++;
		if (stock && p.stock)
			stocks++;
	}
};

/* The largest counts first, at most max, as ValueCountMatchSpy's
 * top_values() gives them (equal counts: the decimal values in string
 * order). */
void
packed_counts(struct arena *a, const std::unordered_map<long long, long long> &m, size_t max,
	      struct search_facet_counts *out)
{
	std::vector<std::pair<long long, std::string>> v;

	for (const auto &e : m)
		if (e.second > 0)
			v.push_back(std::make_pair(e.second, num(e.first)));
	std::sort(v.begin(), v.end(), [](const std::pair<long long, std::string> &x,
					 const std::pair<long long, std::string> &y) {
		return x.first != y.first ? x.first > y.first : x.second < y.second;
	});
	if (v.size() > max)
		v.resize(max);
	out->v = (struct search_count *)arena_alloc(a, (v.size() + 1) * sizeof *out->v);
	out->n = 0;
	for (const auto &e : v) {
		long long value = atoll(e.second.c_str());

		if (value > 0) {
			out->v[out->n].value = value;
			out->v[out->n++].count = e.first;
		}
	}
}

/* The count of each small value in order, or "n and up" from 4 down to lo. */
void
packed_range(struct arena *a, const long long *counts, int lo, int hi, bool cumulative_down,
	     struct search_facet_counts *out)
{
	out->v = (struct search_count *)arena_alloc(a, (size_t)(hi - lo + 2) * sizeof *out->v);
	out->n = 0;
	if (cumulative_down) {
		long long sum = counts[5];

		for (int value = 4; value >= lo; value--) {
			sum += counts[value];
			if (value <= hi && sum > 0) {
				out->v[out->n].value = value;
				out->v[out->n++].count = sum;
			}
		}
		return;
	}
	for (int value = lo; value <= hi; value++)
		if (counts[value] > 0) {
			out->v[out->n].value = value;
			out->v[out->n++].count = counts[value];
		}
}

void
packed_flag(struct arena *a, long long yes, struct search_facet_counts *out)
{
	out->v = (struct search_count *)arena_alloc(a, sizeof *out->v);
	out->n = 0;
	if (yes > 0) {
		out->v[0].value = 1;
		out->v[0].count = yes;
		out->n = 1;
	}
}

/* The sort of a listing; with packed (the facets read the packed value)
 * the keys are cut from it (the same bytes: the same order), so a match
 * costs one value read for its key and its facets together. */
void
set_sort(Xapian::Enquire &enq, enum search_sort sort, PackedKey *packed)
{
	Xapian::valueno slot = XSEARCH_SLOT_PRICE;
	int key = PACKED_PRICE;
	bool reverse = true;

	switch (sort) {
	case SEARCH_SORT_POPULAR:
		slot = XSEARCH_SLOT_POPULAR, key = PACKED_POPULAR;
		break;
	case SEARCH_SORT_PRICE_ASC:
		reverse = false;
		break;
	case SEARCH_SORT_PRICE_DESC:
		break;
	case SEARCH_SORT_NEWEST:
		slot = XSEARCH_SLOT_CREATED, key = PACKED_CREATED;
		break;
	case SEARCH_SORT_RATING:
		slot = XSEARCH_SLOT_RATING_AVG, key = PACKED_RATING_AVG;
		break;
	case SEARCH_SORT_RELEVANCE:
		enq.set_docid_order(Xapian::Enquire::DESCENDING);
		return;
	}
	if (packed) {
		packed->which = key;
		enq.set_sort_by_key(packed, reverse);
	} else {
		enq.set_sort_by_value(slot, reverse);
	}
	enq.set_docid_order(reverse ? Xapian::Enquire::DESCENDING : Xapian::Enquire::ASCENDING);
	enq.set_weighting_scheme(Xapian::BoolWeight());
}

/* The values and counts a spy saw, largest first, at most max. */
void
spy_counts(struct arena *a, const Xapian::ValueCountMatchSpy &spy, size_t max,
	   struct search_facet_counts *out)
{
	std::vector<std::pair<long long, long long>> v;

	for (Xapian::TermIterator t = spy.top_values_begin(max); t != spy.top_values_end(max); ++t) {
		long long value = atoll((*t).c_str());

		if (value > 0 && t.get_termfreq() > 0)
			v.push_back(std::make_pair(value, (long long)t.get_termfreq()));
	}
	out->n = v.size();
	out->v = (struct search_count *)arena_alloc(a, (v.size() + 1) * sizeof *out->v);
	for (size_t i = 0; i < v.size(); i++) {
		out->v[i].value = v[i].first;
		out->v[i].count = v[i].second;
	}
}

/* The count of each value of a spy over a small value range, in order. */
void
spy_range(struct arena *a, const Xapian::ValueCountMatchSpy &spy, int lo, int hi, bool cumulative_down,
	  struct search_facet_counts *out)
{
	long long counts[16] = { 0 };

	for (Xapian::TermIterator t = spy.values_begin(); t != spy.values_end(); ++t) {
		int value = atoi((*t).c_str());

		if (value >= 0 && value < 16)
			counts[value] += t.get_termfreq();
	}
	packed_range(a, counts, lo, hi, cumulative_down, out);
}

/* The count of the value "1" of a spy on a "0"/"1" slot. */
void
spy_flag(struct arena *a, const Xapian::ValueCountMatchSpy &spy, struct search_facet_counts *out)
{
	long long yes = 0;

	for (Xapian::TermIterator t = spy.values_begin(); t != spy.values_end(); ++t)
		if (*t == "1")
			yes = t.get_termfreq();
	packed_flag(a, yes, out);
}

/* Whether the last word of text is long enough to be taken as a prefix
 * (three characters: "ab" would stand for too many words). */
bool
last_word_long(const char *text)
{
	size_t n = strnlen(text, SEARCH_TEXT_MAX), chars = 0;

	while (n > 0 && !isalnum((unsigned char)text[n - 1]) && !((unsigned char)text[n - 1] & 0x80))
		n--;
	while (n > 0 && (isalnum((unsigned char)text[n - 1]) || ((unsigned char)text[n - 1] & 0x80))) {
		if (((unsigned char)text[n - 1] & 0xC0) != 0x80)
			chars++;
		n--;
	}
	return chars >= 3;
}

/* The whole query: text (parsed with flags), boost, filters. */
Xapian::Query
build_query(const struct search_query *q, Xapian::QueryParser &qp, unsigned flags)
{
	Xapian::Query query = Xapian::Query::MatchAll;

	if (q->text && *q->text) {
		query = parse(qp, std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)), flags);
		if (query.empty())	/* only stopwords or signs: every product */
			query = Xapian::Query::MatchAll;
	}
	if (q->sort == SEARCH_SORT_RELEVANCE)
		query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
				      Xapian::Query(new Xapian::ValueWeightPostingSource(XSEARCH_SLOT_BOOST)));
	Xapian::Query f = filters(q);
	if (!f.empty())
		query = Xapian::Query(Xapian::Query::OP_FILTER, query, f);
	return query;
}

/* ---- spelling: which corrections to offer, and when to prefer them ------- */

/* A word of a query as the parser sees it (a run of word characters, lower-
 * cased) and the bytes it takes in the text. */
struct query_word {
	std::string text;
	size_t begin, end;
};

std::vector<query_word>
query_words(const std::string &s)
{
	std::vector<query_word> out;
	query_word w = { "", 0, 0 };
	bool in = false;

	for (Xapian::Utf8Iterator i(s); i != Xapian::Utf8Iterator(); ++i) {
		unsigned ch = *i;
		size_t at = (size_t)(i.raw() - s.data());

		if (Xapian::Unicode::is_wordchar(ch)) {
			if (!in) {
				w.text.clear();
				w.begin = at;
				in = true;
			}
			Xapian::Unicode::append_utf8(w.text, Xapian::Unicode::tolower(ch));
		} else if (in) {
			w.end = at;
			out.push_back(w);
			in = false;
		}
	}
	if (in) {
		w.end = s.size();
		out.push_back(w);
	}
	return out;
}

/* Edits (insert, delete, replace, swap two neighbours) from a to b, counted
 * in characters. */
size_t
edit_distance(const std::string &a, const std::string &b)
{
	std::vector<unsigned> x, y;

	for (Xapian::Utf8Iterator i(a); i != Xapian::Utf8Iterator(); ++i)
		x.push_back(*i);
	for (Xapian::Utf8Iterator i(b); i != Xapian::Utf8Iterator(); ++i)
		y.push_back(*i);
	std::vector<std::vector<size_t>> d(x.size() + 1, std::vector<size_t>(y.size() + 1));
	for (size_t i = 0; i <= x.size(); i++)
		d[i][0] = i;
	for (size_t j = 0; j <= y.size(); j++)
		d[0][j] = j;
	for (size_t i = 1; i <= x.size(); i++)
		for (size_t j = 1; j <= y.size(); j++) {
			size_t best = std::min(d[i - 1][j] + 1, d[i][j - 1] + 1);

			best = std::min(best, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
				best = std::min(best, d[i - 2][j - 2] + 1);
			d[i][j] = best;
		}
	return d[x.size()][y.size()];
}

/*
 * Xapian's correction of text, keeping every word the catalogue has as it
 * was typed: the parser offers a nearby more frequent spelling even for a
 * word the catalogue knows ("an" for "pan"), and a shopper who typed a word
 * the shop uses meant it. "" when no word is left to correct.
 */
std::string
keep_known_words(const std::string &text, const std::string &corrected)
{
	std::vector<query_word> typed = query_words(text), fixed = query_words(corrected);
	std::string out;
	size_t from = 0;
	bool changed = false;

	if (corrected.empty() || typed.size() != fixed.size())
		return corrected;
	for (size_t k = 0; k < typed.size(); k++) {
		if (typed[k].text == fixed[k].text || reader->term_exists(typed[k].text))
			continue;
		out.append(text, from, typed[k].begin - from);
		out += fixed[k].text;
		from = typed[k].end;
		changed = true;
	}
	if (!changed)
		return "";
	out.append(text, from, std::string::npos);
	return out;
}

/* The fewest edits from word to a catalogue word with the same stem (the
 * words a search for it matches), or SIZE_MAX when there is none. */
size_t
stem_distance(const std::string &word, const Xapian::Stem &stem)
{
	const size_t scan_max = 500;	/* catalogue words that begin like the stem */
	std::string st = stem(word), prefix;
	size_t best = SIZE_MAX, seen = 0;
	unsigned n = 0;

	if (!reader->term_exists("Z" + st))
		return SIZE_MAX;
	/* A stem begins like its words but for a last letter or two ("happi"
	 * for "happy"): the words that share its first three letters hold
	 * them all. */
	for (Xapian::Utf8Iterator i(st); i != Xapian::Utf8Iterator() && n < 3; ++i, ++n)
		Xapian::Unicode::append_utf8(prefix, *i);
	for (Xapian::TermIterator t = reader->allterms_begin(prefix);
	     t != reader->allterms_end(prefix) && seen < scan_max; ++t, ++seen)
		if (stem(*t) == st)
			best = std::min(best, edit_distance(word, *t));
	return best;
}

/*
 * Whether the corrected text should be searched instead of text, which
 * found products: a corrected word is closer to what was typed than every
 * catalogue word it matched through its stem ("earings" matched "ear",
 * four letters away, through the stem "ear"; "earrings" is one). A plural
 * or other form of a catalogue word ("kettlebells") is as close to that
 * word as to any correction, and keeps its own results.
 */
bool
correction_closer(const std::string &text, const std::string &corrected)
{
	std::vector<query_word> typed = query_words(text), fixed = query_words(corrected);
	Xapian::Stem stem = stemmer_for(reader_lang);

	if (typed.size() != fixed.size())
		return false;
	for (size_t k = 0; k < typed.size(); k++) {
		size_t near;

		if (typed[k].text == fixed[k].text)
			continue;
		near = stem_distance(typed[k].text, stem);
		if (near != SIZE_MAX && edit_distance(typed[k].text, fixed[k].text) < near)
			return true;
	}
	return false;
}

int
run_query(struct arena *a, const struct search_query *q, int category_depth, struct search_result *res)
{
	Xapian::Enquire enq(*reader);
	Xapian::QueryParser qp;
	Xapian::SimpleStopper stopper;
	std::string corrected;
	bool text = q->text && *q->text;

	setup_parser(qp, *reader, reader_lang, stopper);
	enq.set_query(build_query(q, qp, parse_flags));
	if (text)
		corrected = keep_known_words(std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)),
					     qp.get_corrected_query_string());
	bool packed = reader_packed();
	PackedKey key;
	/* With facets the packed value is read for them anyway: the sort key
	 * comes with it. Without, the sort's own slot is the smaller read. */
	set_sort(enq, q->sort, packed && q->facets ? &key : NULL);

	Xapian::ValueCountMatchSpy spy_cat(XSEARCH_SLOT_CATEGORY + (Xapian::valueno)(category_depth + 1));
	Xapian::ValueCountMatchSpy spy_vendor(XSEARCH_SLOT_VENDOR), spy_band(XSEARCH_SLOT_BAND);
	Xapian::ValueCountMatchSpy spy_rating(XSEARCH_SLOT_RATING), spy_sale(XSEARCH_SLOT_SALE);
	Xapian::ValueCountMatchSpy spy_stock(XSEARCH_SLOT_STOCK);
	PackedSpy spy;
	bool want_cat = (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_CATEGORY)) &&
			category_depth + 1 < XSEARCH_DEPTH_MAX;

	if (packed) {
		spy.cat_depth = want_cat ? category_depth + 1 : -1;
		spy.vendor = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_VENDOR);
		spy.band = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_PRICE);
		spy.rating = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_RATING);
		spy.sale = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_SALE);
		spy.stock = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_STOCK);
		if (q->facets)
			enq.add_matchspy(&spy);
	} else if (want_cat)
		enq.add_matchspy(&spy_cat);
	if (!packed) {
		if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_VENDOR))
			enq.add_matchspy(&spy_vendor);
		if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_PRICE))
			enq.add_matchspy(&spy_band);
		if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_RATING))
			enq.add_matchspy(&spy_rating);
		if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_SALE))
			enq.add_matchspy(&spy_sale);
		if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_STOCK))
			enq.add_matchspy(&spy_stock);
	}

	long long limit = q->limit < 0 ? 0 : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit;
	long long offset = q->offset < 0 ? 0 : q->offset;
	/* With facets every match is looked at, so that their counts and the
	 * total are exact. Without, a relevance ranking stops after the first
	 * XSEARCH_EXACT_UP_TO matches: the total is exact up to there and
	 * Xapian's estimate beyond (sorting by a value looks at every match
	 * anyway). */
	Xapian::doccount check = reader->get_doccount();
	if (q->facets == 0 && q->sort == SEARCH_SORT_RELEVANCE)
		check = (Xapian::doccount)(offset + limit > XSEARCH_EXACT_UP_TO ? offset + limit : XSEARCH_EXACT_UP_TO);
	Xapian::MSet mset = enq.get_mset((Xapian::doccount)offset, (Xapian::doccount)limit, check);
	if (text && mset.get_matches_estimated() == 0 && last_word_long(q->text)) {
		/* nothing: the last word as the beginning of a word ("slee") */
		enq.set_query(build_query(q, qp, parse_partial));
		mset = enq.get_mset((Xapian::doccount)offset, (Xapian::doccount)limit, check);
		if (mset.get_matches_estimated() > 0)
			corrected.clear();
	}

	res->total = mset.get_matches_estimated();
	res->n = mset.size();
	res->ids = (long long *)arena_alloc(a, (res->n + 1) * sizeof *res->ids);
	size_t i = 0;
	for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m)
		res->ids[i++] = (long long)*m;
	res->corrected = corrected.empty() ? NULL : arena_copy(a, corrected);
	res->correction_closer = res->total > 0 && !corrected.empty() &&
		correction_closer(std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)), corrected);
	if (packed) {
		if (want_cat)
			packed_counts(a, spy.cats, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_CATEGORY]);
		if (spy.vendor)
			packed_counts(a, spy.vendors, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_VENDOR]);
		if (spy.band)
			packed_range(a, spy.bands, 0, SEARCH_NBANDS - 1, false, &res->facets[SEARCH_FACET_PRICE]);
		if (spy.rating)
			packed_range(a, spy.ratings, 1, 4, true, &res->facets[SEARCH_FACET_RATING]);
		if (spy.sale)
			packed_flag(a, spy.sales, &res->facets[SEARCH_FACET_SALE]);
		if (spy.stock)
			packed_flag(a, spy.stocks, &res->facets[SEARCH_FACET_STOCK]);
		return 0;
	}
	if (want_cat)
		spy_counts(a, spy_cat, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_CATEGORY]);
	if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_VENDOR))
		spy_counts(a, spy_vendor, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_VENDOR]);
	if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_PRICE))
		spy_range(a, spy_band, 0, SEARCH_NBANDS - 1, false, &res->facets[SEARCH_FACET_PRICE]);
	if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_RATING))
		spy_range(a, spy_rating, 1, 4, true, &res->facets[SEARCH_FACET_RATING]);
	if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_SALE))
		spy_flag(a, spy_sale, &res->facets[SEARCH_FACET_SALE]);
	if (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_STOCK))
		spy_flag(a, spy_stock, &res->facets[SEARCH_FACET_STOCK]);
	return 0;
}

/* Up to max names of the best matches of text. */
long
suggest_names(struct arena *a, const std::string &text, struct search_suggestion *out, size_t max,
	      std::string *corrected)
{
	Xapian::QueryParser qp;
	Xapian::SimpleStopper stopper;

	setup_parser(qp, *reader, reader_lang, stopper);
	Xapian::Query query = parse(qp, text, parse_partial);
	if (corrected)
		*corrected = qp.get_corrected_query_string();
	if (query.empty())
		return 0;
	Xapian::Enquire enq(*reader);
	enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
				    Xapian::Query(new Xapian::ValueWeightPostingSource(XSEARCH_SLOT_BOOST))));
	enq.set_docid_order(Xapian::Enquire::DESCENDING);
	Xapian::MSet mset = enq.get_mset(0, (Xapian::doccount)max);
	long n = 0;
	for (Xapian::MSetIterator m = mset.begin(); m != mset.end() && (size_t)n < max; ++m) {
		out[n].product_id = (long long)*m;
		out[n].name = arena_copy(a, m.get_document().get_data());
		n++;
	}
	return n;
}

/* Retries once after the writer changed the database under a long read. */
template <typename F>
auto
with_reopen(F f) -> decltype(f())
{
	try {
		return f();
	} catch (const Xapian::DatabaseModifiedError &) {
		reader->reopen();
		return f();
	}
}

double
boost_of(const struct xsearch_doc *d)
{
	double rating = 0, sales, stock;

	/* a rating counts fully from five reviews on */
	if (d->rating > 0)
		rating = (d->rating / 5.0) * (d->rating_count >= 5 ? 1.0 : d->rating_count / 5.0);
	sales = std::log1p((double)(d->sales > 0 ? d->sales : 0)) / std::log1p(1000.0);
	if (sales > 1)
		sales = 1;
	stock = d->stock > 0 ? 1.0 : 0.0;
	return 0.6 * rating + 0.5 * sales + 0.4 * stock;	/* at most XSEARCH_BOOST_MAX */
}

int
band_of(long long price)
{
	for (int i = SEARCH_NBANDS - 1; i >= 0; i--)
		if (price >= search_price_bands[i].low)
			return i;
	return 0;
}

}  // namespace

extern "C" {

int
xsearch_open(const char *dir, char *err, size_t errlen)
{
	return open_reader(dir, err, errlen);
}

void
xsearch_close(void)
{
	delete reader;
	reader = NULL;
	reader_target.clear();
	reader_lang.clear();
}

int
xsearch_query(struct arena *a, const struct search_query *q, int category_depth, struct search_result *res,
	      char *err, size_t errlen)
{
	if (!reader) {
		set_err(err, errlen, "query", "the index is not open");
		return -1;
	}
	try {
		return with_reopen([&] { return run_query(a, q, category_depth, res); });
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "query", e.get_description());
		return -1;
	}
}

long
xsearch_suggest(struct arena *a, const char *text, struct search_suggestion *out, size_t max, char *err,
		size_t errlen)
{
	if (!reader) {
		set_err(err, errlen, "suggest", "the index is not open");
		return -1;
	}
	try {
		return with_reopen([&]() -> long {
			std::string t(text, strnlen(text, SEARCH_TEXT_MAX)), corrected;
			long n = suggest_names(a, t, out, max, &corrected);

			/* as a search does: the corrected text when the text finds
			 * nothing, or only words further from it */
			corrected = keep_known_words(t, corrected);
			if (!corrected.empty() && (n == 0 || correction_closer(t, corrected))) {
				long m = suggest_names(a, corrected, out, max, NULL);

				if (m > 0 || n == 0)
					n = m;
			}
			return n;
		});
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "suggest", e.get_description());
		return -1;
	}
}

const char *
xsearch_correct(struct arena *a, const char *text)
{
	if (!reader || !text)
		return NULL;
	try {
		Xapian::QueryParser qp;
		Xapian::SimpleStopper stopper;

		setup_parser(qp, *reader, reader_lang, stopper);
		std::string t(text, strnlen(text, SEARCH_TEXT_MAX));
		parse(qp, t);
		std::string c = keep_known_words(t, qp.get_corrected_query_string());
		return c.empty() ? NULL : arena_copy(a, c);
	} catch (const Xapian::Error &) {
		return NULL;
	}
}

long
xsearch_synonyms(struct arena *a, const char *term, const char **out, size_t max)
{
	if (!reader || !term)
		return -1;
	try {
		long n = 0;
		std::string key = normal_words(term);

		for (Xapian::TermIterator t = reader->synonyms_begin(key);
		     t != reader->synonyms_end(key) && (size_t)n < max; ++t)
			if ((*t)[0] != 'Z')	/* the stemmed twins are not shown */
				out[n++] = arena_copy(a, *t);
		return n;
	} catch (const Xapian::Error &) {
		return -1;
	}
}

int
xsearch_writer_open(const char *path, const char *lang, char *err, size_t errlen)
{
	try {
		Xapian::WritableDatabase *db = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);

		xsearch_writer_close();
		writer = db;
		writer_lang = writer->get_metadata("language");
		if (writer_lang.empty()) {
			writer_lang = lang && *lang ? lang : "english";
			try {	/* an unknown language is english */
				Xapian::Stem s(writer_lang);
			} catch (const Xapian::Error &) {
				writer_lang = "english";
			}
			writer->set_metadata("language", writer_lang);
		}
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "open for writing", e.get_description());
		return -1;
	}
}

int
xsearch_writer_is_open(void)
{
	return writer != NULL;
}

int
xsearch_writer_put(const struct xsearch_doc *d, char *err, size_t errlen)
{
	if (!writer) {
		set_err(err, errlen, "put", "not open");
		return -1;
	}
	try {
		Xapian::Document doc;
		Xapian::TermGenerator tg;
		int band = band_of(d->price);
		bool sale = d->compare_at > d->price, stock = d->stock > 0;
		int rating_floor = d->rating > 0 ? (int)std::floor(d->rating + 1e-9) : 0;

		tg.set_database(*writer);
		tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
		tg.set_stemmer(stemmer_for(writer_lang));
		tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		tg.set_document(doc);
		tg.index_text(d->name ? d->name : "", 3);
		tg.increase_termpos();
		tg.index_text(d->category_names ? d->category_names : "", 1);
		tg.increase_termpos();
		tg.index_text(d->vendor_name ? d->vendor_name : "", 1);
		tg.increase_termpos();
		tg.index_text(d->description ? d->description : "", 1);

		for (int i = 0; i < d->ncategories && i < XSEARCH_DEPTH_MAX; i++) {
			doc.add_boolean_term("XC" + num(d->categories[i]));
			doc.add_value(XSEARCH_SLOT_CATEGORY + (Xapian::valueno)i, num(d->categories[i]));
		}
		doc.add_boolean_term("Q" + num(d->id));
		doc.add_boolean_term("XV" + num(d->vendor_id));
		doc.add_boolean_term("XB" + num(band));
		if (sale)
			doc.add_boolean_term("XSALE");
		if (stock)
			doc.add_boolean_term("XSTOCK");
		doc.add_value(XSEARCH_SLOT_PRICE, Xapian::sortable_serialise((double)d->price));
		doc.add_value(XSEARCH_SLOT_POPULAR, Xapian::sortable_serialise((double)d->popularity));
		doc.add_value(XSEARCH_SLOT_CREATED, Xapian::sortable_serialise((double)d->created));
		doc.add_value(XSEARCH_SLOT_BOOST, Xapian::sortable_serialise(boost_of(d)));
		doc.add_value(XSEARCH_SLOT_VENDOR, num(d->vendor_id));
		doc.add_value(XSEARCH_SLOT_BAND, num(band));
		doc.add_value(XSEARCH_SLOT_RATING, num(rating_floor));
		doc.add_value(XSEARCH_SLOT_SALE, sale ? "1" : "0");
		doc.add_value(XSEARCH_SLOT_STOCK, stock ? "1" : "0");
		doc.add_value(XSEARCH_SLOT_RATING_AVG, Xapian::sortable_serialise(d->rating));
		doc.add_value(XSEARCH_SLOT_PACKED, packed_value(d, band, rating_floor, sale, stock));
		doc.set_data(d->name ? d->name : "");
		writer->replace_document((Xapian::docid)d->id, doc);
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "put", e.get_description());
		return -1;
	}
}

int
xsearch_writer_delete(long long id, char *err, size_t errlen)
{
	if (!writer) {
		set_err(err, errlen, "delete", "not open");
		return -1;
	}
	try {
		writer->delete_document((Xapian::docid)id);
		return 0;
	} catch (const Xapian::DocNotFoundError &) {
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "delete", e.get_description());
		return -1;
	}
}

int
xsearch_writer_synonyms(const char *term, const char *const *syns, size_t n, char *err, size_t errlen)
{
	if (!writer) {
		set_err(err, errlen, "synonyms", "not open");
		return -1;
	}
	try {
		Xapian::Stem stem = stemmer_for(writer_lang);
		std::string key = normal_words(term);
		bool one_word = key.find(' ') == std::string::npos;
		std::vector<std::string> keys{ key };

		if (key.empty())
			return 0;
		if (one_word)
			keys.push_back("Z" + stem(key));
		for (const std::string &k : keys) {
			writer->clear_synonyms(k);
			for (size_t i = 0; i < n; i++) {
				std::string s = normal_words(syns[i]);

				if (s.empty() || s == key)
					continue;
				/* a synonym is one term: the word as typed, and its stem */
				if (s.find(' ') != std::string::npos)
					continue;
				writer->add_synonym(k, s);
				writer->add_synonym(k, "Z" + stem(s));
			}
		}
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "synonyms", e.get_description());
		return -1;
	}
}

int
xsearch_writer_copy_synonyms(const char *path, char *err, size_t errlen)
{
	if (!writer) {
		set_err(err, errlen, "copy synonyms", "not open");
		return -1;
	}
	try {
		Xapian::Database from(path);

		for (Xapian::TermIterator k = from.synonym_keys_begin(); k != from.synonym_keys_end(); ++k) {
			writer->clear_synonyms(*k);
			for (Xapian::TermIterator s = from.synonyms_begin(*k); s != from.synonyms_end(*k); ++s)
				writer->add_synonym(*k, *s);
		}
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "copy synonyms", e.get_description());
		return -1;
	}
}

int
xsearch_writer_commit(char *err, size_t errlen)
{
	if (!writer) {
		set_err(err, errlen, "commit", "not open");
		return -1;
	}
	try {
		writer->commit();
		return 0;
	} catch (const Xapian::Error &e) {
		set_err(err, errlen, "commit", e.get_description());
		return -1;
	}
}

long long
xsearch_writer_doccount(void)
{
	try {
		return writer ? (long long)writer->get_doccount() : -1;
	} catch (const Xapian::Error &) {
		return -1;
	}
}

void
xsearch_writer_close(void)
{
	if (!writer)
		return;
	try {
		writer->close();
	} catch (const Xapian::Error &) {
	}
	delete writer;
	writer = NULL;
}

}  // extern "C"

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
#include <functional>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <unordered_map>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

Xapian::Database *reader;
std::string reader_target;	/* what `current` pointed to when opened */
std::string reader_lang;
std::string reader_path;	/* the database directory open */
void cols_reader_check(void);

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
			cols_reader_check();
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
		reader_path = path;
		cols_reader_check();
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

/* ---- the columns (XSEARCH_COLUMNS, a file in the database's directory) ---- */

/* The file: a header page, then one record per document id (the product
 * id), from 0 to capacity - 1. Numbers in the machine's own order: the file
 * is made and read on one machine (a replica's copy has none and searches
 * through the matcher). */
const char cols_magic[8] = { 'B', 'Z', 'C', 'O', 'L', 'S', '3', '\0' };	/* 3: 128 bytes, a hot line */
const size_t cols_header_size = 4096;

struct cols_header {
	char magic[8];
	uint32_t record_size;
	uint32_t unusable;	/* 1: an id did not fit (readers use the matcher) */
	uint64_t revision;	/* the database revision the records are complete for */
	uint64_t capacity;	/* records in the file */
	uint64_t vendor_max, category_max;	/* the largest ids seen */
};

enum { COL_LIVE = 1, COL_SALE = 2, COL_STOCK = 4 };

/* One product. seq is odd while the writer changes the record: a reader
 * copies it and tries again when seq was odd or changed meanwhile. The
 * keys are the sort keys as doubles, compared as Xapian compared their
 * sortable_serialise()d bytes (the same order). Records are two cache
 * lines, aligned: the first holds everything but the sort keys other than
 * the price (col_hot), so that a filter, the facets, a ranking by
 * relevance or by price read one line per match. */
struct alignas(64) col_rec {
	uint32_t seq;
	uint8_t flags, band, rating, ncat;
	uint32_t vendor;
	uint32_t cats[XSEARCH_DEPTH_MAX];
	uint32_t doclen;	/* the document's length, as Xapian keeps it (BM25) */
	double boost;		/* XSEARCH_SLOT_BOOST's value */
	double key[PACKED_NKEYS];	/* PACKED_PRICE first */
};
static_assert(sizeof(struct col_rec) == 128, "a record is two cache lines");
const size_t col_hot = offsetof(struct col_rec, key) + sizeof(double);
static_assert(col_hot == 64 && PACKED_PRICE == 0, "the price is in the first line");

/* A mapping of the file. */
struct cols_map {
	int fd = -1;
	unsigned char *map = NULL;
	size_t size = 0;
	dev_t dev = 0;
	ino_t ino = 0;

	struct cols_header *header() const { return (struct cols_header *)map; }
	struct col_rec *recs() const { return (struct col_rec *)(map + cols_header_size); }
	uint64_t capacity() const
	{
		uint64_t c = header()->capacity, fit = (size - cols_header_size) / sizeof(struct col_rec);
		return c < fit ? c : fit;
	}
	void close_map()
	{
		if (map)
			munmap(map, size);
		if (fd >= 0)
			::close(fd);
		fd = -1, map = NULL, size = 0, dev = 0, ino = 0;
	}
	/* Maps fd's whole file (read-only or read-write). */
	bool map_file(bool write)
	{
		struct stat st;

		if (fstat(fd, &st) < 0 || (size_t)st.st_size < cols_header_size)
			return false;
		if (map)
			munmap(map, size);
		/* a reader's pages are mapped all at once: a listing of a
		 * large category touches most of them, a fault each the
		 * first time */
		map = (unsigned char *)mmap(NULL, (size_t)st.st_size, write ? PROT_READ | PROT_WRITE : PROT_READ,
					    write ? MAP_SHARED : MAP_SHARED | MAP_POPULATE, fd, 0);
		if (map == MAP_FAILED) {
			map = NULL;
			size = 0;
			return false;
		}
		size = (size_t)st.st_size;
		dev = st.st_dev, ino = st.st_ino;
		return memcmp(header()->magic, cols_magic, sizeof cols_magic) == 0 &&
		       header()->record_size == sizeof(struct col_rec);
	}
};

cols_map reader_cols, writer_cols;
std::string writer_path;
bool columns_enabled = true;	/* xsearch_use_columns() */

std::string
cols_file(const std::string &dbpath)
{
	return dbpath + "/" + XSEARCH_COLUMNS;
}

/* Opens (or maps again, after it grew or was replaced) the reader's file. */
void
cols_reader_check(void)
{
	struct stat st;
	std::string f = cols_file(reader_path);

	if (stat(f.c_str(), &st) < 0) {
		reader_cols.close_map();
		return;
	}
	if (reader_cols.map && st.st_dev == reader_cols.dev && st.st_ino == reader_cols.ino) {
		if ((size_t)st.st_size > reader_cols.size && !reader_cols.map_file(false))
			reader_cols.close_map();
		return;
	}
	reader_cols.close_map();
	if ((reader_cols.fd = open(f.c_str(), O_RDONLY | O_CLOEXEC)) < 0)
		return;
	if (!reader_cols.map_file(false))
		reader_cols.close_map();
}

/* Whether a query may read the columns: they are there and complete for
 * the revision the reader has open. */
const uint64_t cols_id_max = 1u << 24;	/* facet counts are flat arrays up to this id */

bool
cols_usable(void)
{
	return columns_enabled && reader_cols.map && !reader_cols.header()->unusable &&
	       reader_cols.header()->revision == (uint64_t)reader->get_revision() &&
	       reader_cols.header()->vendor_max < cols_id_max && reader_cols.header()->category_max < cols_id_max;
}

/* A copy of record id that the writer was not changing meanwhile: its
 * first line (col_hot bytes) or, whole, all of it. */
inline void
col_read(const struct col_rec *r, struct col_rec *out, bool whole = true)
{
	size_t n = whole ? sizeof *out : col_hot;

	/* a record left odd by a writer that died in the middle of it (the
	 * writer makes the file again at its next open) is taken as it is
	 * after many tries rather than waited for */
	for (int tries = 0; tries < 100000; tries++) {
		uint32_t s1 = __atomic_load_n(&r->seq, __ATOMIC_ACQUIRE);

		memcpy(out, r, n);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (!(s1 & 1) && __atomic_load_n(&r->seq, __ATOMIC_RELAXED) == s1)
			return;
	}
}

/* XSEARCH_SLOT_BOOST's weights read from the records: the weights of
 * ValueWeightPostingSource on that slot (the same doubles and maximum),
 * without a skip along the value stream at each match. */
class ColumnBoost : public Xapian::PostingSource {
	const struct col_rec *recs = NULL;
	uint64_t cap = 0;
	Xapian::docid did = 0;
	Xapian::doccount n = 0;
	double boost = 0;

	void settle(void)
	{
		for (; did < cap; did++) {
			struct col_rec r;

			col_read(&recs[did], &r, false);
			if (r.flags & COL_LIVE) {
				boost = r.boost;
				return;
			}
		}
	}

    public:
	Xapian::doccount get_termfreq_min() const override { return 0; }
	Xapian::doccount get_termfreq_est() const override { return n; }
	Xapian::doccount get_termfreq_max() const override { return n; }
	double get_weight() const override { return boost; }
	Xapian::docid get_docid() const override { return did; }
	bool at_end() const override { return did >= cap; }
	void next(double) override
	{
		did++;
		settle();
	}
	void skip_to(Xapian::docid to, double) override
	{
		if (to > did) {
			did = to;
			settle();
		}
	}
	ColumnBoost *clone() const override { return new ColumnBoost; }
	void init(const Xapian::Database &db) override
	{
		recs = reader_cols.recs();
		cap = reader_cols.capacity();
		did = 0;
		n = db.get_doccount();
		set_maxweight(Xapian::sortable_unserialise(db.get_value_upper_bound(XSEARCH_SLOT_BOOST)));
	}
};

/* Writes record id (the writer; the file grows when id is past its end). */
bool
col_write(uint64_t id, const struct col_rec *rec)
{
	cols_map &m = writer_cols;

	if (!m.map)
		return false;
	if (id >= m.header()->capacity) {
		uint64_t cap = m.header()->capacity * 2;

		if (cap < id + 1)
			cap = id + 1;
		if (cap < 65536)
			cap = 65536;
		/* blocks allocated now: a full disk is an error here, not a
		 * SIGBUS at a store into the mapping */
		if (posix_fallocate(m.fd, 0, (off_t)(cols_header_size + cap * sizeof(struct col_rec))) != 0 ||
		    !m.map_file(true))
			return false;
		m.header()->capacity = cap;
	}
	struct col_rec *r = &m.recs()[id];
	uint32_t s = r->seq | 1;

	__atomic_store_n(&r->seq, s, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	memcpy((char *)r + sizeof r->seq, (const char *)rec + sizeof rec->seq, sizeof *r - sizeof r->seq);
	__atomic_store_n(&r->seq, s + 1, __ATOMIC_RELEASE);
	if (rec->vendor > m.header()->vendor_max)
		m.header()->vendor_max = rec->vendor;
	for (int i = 0; i < rec->ncat; i++)
		if (rec->cats[i] > m.header()->category_max)
			m.header()->category_max = rec->cats[i];
	return true;
}

/* A record from a product's parts; false when an id does not fit. */
bool
col_make(long long vendor, int band, int rating, bool sale, bool stock, const long long *cats, int ncat,
	 const double *keys, double boost, Xapian::termcount doclen, struct col_rec *out)
{
	memset(out, 0, sizeof *out);
	out->doclen = (uint32_t)doclen;
	out->flags = COL_LIVE | (sale ? COL_SALE : 0) | (stock ? COL_STOCK : 0);
	out->band = (uint8_t)(band >= 0 && band < SEARCH_NBANDS ? band : 0);
	out->rating = (uint8_t)(rating >= 0 && rating <= 5 ? rating : 0);
	if (vendor < 0 || vendor > (long long)UINT32_MAX)
		return false;
	out->vendor = (uint32_t)vendor;
	out->ncat = (uint8_t)(ncat < XSEARCH_DEPTH_MAX ? (ncat > 0 ? ncat : 0) : XSEARCH_DEPTH_MAX);
	for (int i = 0; i < out->ncat; i++) {
		if (cats[i] < 0 || cats[i] > (long long)UINT32_MAX)
			return false;
		out->cats[i] = (uint32_t)cats[i];
	}
	for (int k = 0; k < PACKED_NKEYS; k++)
		out->key[k] = keys[k];
	out->boost = boost;
	return true;
}

/* The writer's record of id, or its absence; a value that does not fit
 * makes the file unusable until it is made again. */
void
cols_put(uint64_t id, const struct col_rec *rec)
{
	if (writer_cols.map && !col_write(id, rec) && writer_cols.map)
		writer_cols.header()->unusable = 1;
	/* no mapping left: the header keeps its revision, which the next
	 * commit leaves behind, so readers no longer use the file */
}

/* Writes the records of every document of the writer's database from its
 * packed values into a new file, and puts it in place with a rename.
 * False when the database has no packed values (then no file). */
bool
cols_make(const std::string &dbpath)
{
	std::string f = cols_file(dbpath), tmp = f + ".tmp";
	Xapian::docid last = writer->get_lastdocid();
	cols_map m;
	bool ok = false;

	if (writer->get_doccount() > 0 && writer->get_value_freq(XSEARCH_SLOT_PACKED) != writer->get_doccount())
		return false;
	unlink(tmp.c_str());
	if ((m.fd = open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return false;
	uint64_t cap = (uint64_t)last + 1 < 65536 ? 65536 : (uint64_t)last + 1;
	if (posix_fallocate(m.fd, 0, (off_t)(cols_header_size + cap * sizeof(struct col_rec))) == 0) {
		m.map_file(true);	/* no magic yet: false, but mapped */
	}
	if (m.map) {
		struct cols_header *h = m.header();

		memcpy(h->magic, cols_magic, sizeof cols_magic);
		h->record_size = sizeof(struct col_rec);
		h->capacity = cap;
		Xapian::ValueIterator b = writer->valuestream_begin(XSEARCH_SLOT_BOOST);
		Xapian::PostingIterator len = writer->postlist_begin("");	/* every document, with its length */

		for (Xapian::ValueIterator v = writer->valuestream_begin(XSEARCH_SLOT_PACKED);
		     v != writer->valuestream_end(XSEARCH_SLOT_PACKED); ++v) {
			struct packed p;
			struct col_rec rec;
			double keys[PACKED_NKEYS];
			Xapian::docid id = v.get_docid();
			std::string value = *v;

			if (!packed_parse(value, &p))
				break;
			for (int k = 0; k < PACKED_NKEYS; k++)
				keys[k] = Xapian::sortable_unserialise(std::string(p.key[k], p.keylen[k]));
			double boost = 0;
			if (b != writer->valuestream_end(XSEARCH_SLOT_BOOST) && b.get_docid() < id)
				b.skip_to(id);
			if (b != writer->valuestream_end(XSEARCH_SLOT_BOOST) && b.get_docid() == id)
				boost = Xapian::sortable_unserialise(*b);
			len.skip_to(id);
			if (id >= cap || len == writer->postlist_end("") || *len != id ||
			    !col_make(p.vendor, (int)p.band, (int)p.rating, p.sale, p.stock, p.categories, p.ncategories,
				      keys, boost, len.get_doclength(), &rec)) {
				h->unusable = 1;
				break;
			}
			rec.seq = 0;
			m.recs()[id] = rec;
			if (rec.vendor > h->vendor_max)
				h->vendor_max = rec.vendor;
			for (int i = 0; i < rec.ncat; i++)
				if (rec.cats[i] > h->category_max)
					h->category_max = rec.cats[i];
		}
		h->revision = writer->get_revision();
		ok = msync(m.map, m.size, MS_SYNC) == 0;
	}
	m.close_map();
	if (ok && rename(tmp.c_str(), f.c_str()) < 0)
		ok = false;
	if (!ok)
		unlink(tmp.c_str());
	return ok;
}

/* The writer's file: opened, or made from the database when it is missing
 * or not of the database's revision (a writer stopped between its changes
 * and its commit). Without it the writer goes on and readers use the
 * matcher (the revision no longer agrees). */
void
cols_writer_open(const std::string &dbpath)
{
	std::string f = cols_file(dbpath);

	writer_cols.close_map();
	writer_path = dbpath;
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((writer_cols.fd = open(f.c_str(), O_RDWR | O_CLOEXEC)) >= 0 && writer_cols.map_file(true) &&
		    writer_cols.header()->revision == (uint64_t)writer->get_revision() &&
		    !writer_cols.header()->unusable) {
			bool torn = false;	/* a record the last writer did not finish */

			for (uint64_t i = 0; i < writer_cols.capacity() && !torn; i++)
				torn = writer_cols.recs()[i].seq & 1;
			if (!torn)
				return;
		}
		writer_cols.close_map();
		if (attempt == 0 && !cols_make(dbpath))
			break;
	}
	unlink(f.c_str());
}

/* After the database's commit: the records are complete for its revision. */
void
cols_writer_committed(void)
{
	if (!writer_cols.map)
		return;
	msync(writer_cols.map + cols_header_size, writer_cols.size - cols_header_size, MS_SYNC);
	writer_cols.header()->revision = writer->get_revision();
	msync(writer_cols.map, cols_header_size, MS_SYNC);
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

/* The price, rating, sale and stock facets that facets asks for, from flat
 * counts (the columns' and the packed value's). */
void
flat_facets_out(struct arena *a, unsigned facets, const long long *bands, const long long *ratings, long long sales,
		long long stocks, struct search_result *res)
{
	if (facets & SEARCH_FACET_BIT(SEARCH_FACET_PRICE))
		packed_range(a, bands, 0, SEARCH_NBANDS - 1, false, &res->facets[SEARCH_FACET_PRICE]);
	if (facets & SEARCH_FACET_BIT(SEARCH_FACET_RATING))
		packed_range(a, ratings, 1, 4, true, &res->facets[SEARCH_FACET_RATING]);
	if (facets & SEARCH_FACET_BIT(SEARCH_FACET_SALE))
		packed_flag(a, sales, &res->facets[SEARCH_FACET_SALE]);
	if (facets & SEARCH_FACET_BIT(SEARCH_FACET_STOCK))
		packed_flag(a, stocks, &res->facets[SEARCH_FACET_STOCK]);
}

bool correction_closer(const std::string &text, const std::string &corrected);

/* The result's spelling correction (none when corrected is empty). */
void
correction_out(struct arena *a, const struct search_query *q, const std::string &corrected, struct search_result *res)
{
	res->corrected = corrected.empty() ? NULL : arena_copy(a, corrected);
	res->correction_closer = res->total > 0 && !corrected.empty() &&
		correction_closer(std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)), corrected);
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
				      cols_usable() ? Xapian::Query((new ColumnBoost)->release())
						    : Xapian::Query((new Xapian::ValueWeightPostingSource(XSEARCH_SLOT_BOOST))->release()));
	Xapian::Query f = filters(q);
	if (q->among && q->namong == 0)	/* MatchNothing: an empty filter would be dropped */
		return Xapian::Query::MatchNothing;
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

/* ---- queries answered from the columns ---- */

/* Every match's id, from a run of the matcher without ranking (BoolWeight,
 * no sort) or with it (then the page comes from the same run). */
class DocidSpy : public Xapian::MatchSpy {
    public:
	std::vector<Xapian::docid> *ids;

	explicit DocidSpy(std::vector<Xapian::docid> *out) : ids(out) {}
	void operator()(const Xapian::Document &doc, double) override { ids->push_back(doc.get_docid()); }
};

/* The ids that query matches, in ascending order, read from the postings
 * without the matcher, when it is made of terms joined by AND, OR,
 * SYNONYM, AND_NOT or FILTER (what the parser makes of words, their stems
 * and their synonyms). False for anything else (a phrase, a wildcard):
 * the matcher finds those. */
bool postings_ids(const Xapian::Query &query, std::vector<Xapian::docid> &out);

/* The subqueries' ids (postings_ids), the first's combined with each
 * next's by op (an intersection, a difference) into out. */
template <typename Op>
bool
postings_fold(const Xapian::Query &query, std::vector<Xapian::docid> &out, Op op)
{
	std::vector<Xapian::docid> sub, next;

	for (size_t i = 0; i < query.get_num_subqueries(); i++) {
		if (!postings_ids(query.get_subquery(i), i == 0 ? out : sub))
			return false;
		if (i > 0) {
			next.clear();
			op(out, sub, next);
			out.swap(next);
		}
	}
	return true;
}

bool
postings_ids(const Xapian::Query &query, std::vector<Xapian::docid> &out)
{
	size_t n = query.get_num_subqueries();

	out.clear();
	switch (query.get_type()) {
	case Xapian::Query::LEAF_TERM: {
		std::string term = *query.get_terms_begin();

		out.reserve(reader->get_termfreq(term));
		for (Xapian::PostingIterator p = reader->postlist_begin(term); p != reader->postlist_end(term); ++p)
			out.push_back(*p);
		return true;
	}
	case Xapian::Query::LEAF_MATCH_NOTHING:
		return true;
	case Xapian::Query::OP_SCALE_WEIGHT:
		return n == 1 && postings_ids(query.get_subquery(0), out);
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER: {
		std::vector<std::string> terms;

		for (size_t i = 0; i < n; i++) {
			Xapian::Query s = query.get_subquery(i);

			if (s.get_type() != Xapian::Query::LEAF_TERM)
				break;
			terms.push_back(*s.get_terms_begin());
		}
		if (n > 0 && terms.size() == n) {
			/* the rarest term's postings, the others skipped to */
			std::sort(terms.begin(), terms.end(), [](const std::string &x, const std::string &y) {
				return reader->get_termfreq(x) < reader->get_termfreq(y);
			});
			std::vector<Xapian::PostingIterator> it;
			for (size_t i = 1; i < n; i++)
				it.push_back(reader->postlist_begin(terms[i]));
			for (Xapian::PostingIterator p = reader->postlist_begin(terms[0]); p != reader->postlist_end(terms[0]);
			     ++p) {
				Xapian::docid id = *p;
				bool all = true;

				for (size_t i = 0; i < it.size() && all; i++) {
					it[i].skip_to(id);
					if (it[i] == reader->postlist_end(terms[i + 1]))
						return true;
					all = *it[i] == id;
				}
				if (all)
					out.push_back(id);
			}
			return true;
		}
		return postings_fold(query, out, [](const std::vector<Xapian::docid> &a, const std::vector<Xapian::docid> &b,
						    std::vector<Xapian::docid> &to) {
			std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(to));
		});
	}
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM: {
		std::vector<Xapian::docid> sub;

		for (size_t i = 0; i < n; i++) {
			if (!postings_ids(query.get_subquery(i), sub))
				return false;
			out.insert(out.end(), sub.begin(), sub.end());
		}
		std::sort(out.begin(), out.end());
		out.erase(std::unique(out.begin(), out.end()), out.end());
		return true;
	}
	case Xapian::Query::OP_AND_NOT:
		return postings_fold(query, out, [](const std::vector<Xapian::docid> &a, const std::vector<Xapian::docid> &b,
						    std::vector<Xapian::docid> &to) {
			std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(to));
		});
	default:
		return false;
	}
}

/* A query's filters, checked on a record. */
struct col_filter {
	long long category, vendor, min_price, max_price;
	int band, min_rating;
	bool sale, stock;
	std::vector<Xapian::docid> among;	/* sorted; used when has_among */
	bool has_among, price, any;		/* price: the bounds leave some out */

	explicit col_filter(const struct search_query *q)
	{
		category = q->category_id > 0 ? q->category_id : 0;
		vendor = q->vendor_id > 0 ? q->vendor_id : 0;
		band = q->price_band >= 0 && q->price_band < SEARCH_NBANDS ? q->price_band : -1;
		min_price = q->min_price >= 0 ? q->min_price : 0;
		max_price = q->max_price;
		min_rating = q->min_rating > 0 ? (q->min_rating > 5 ? 5 : q->min_rating) : 0;
		sale = q->on_sale;
		stock = q->in_stock;
		has_among = q->among != NULL;
		for (size_t i = 0; has_among && i < q->namong; i++)
			if (q->among[i] > 0 && q->among[i] <= (long long)UINT32_MAX)
				among.push_back((Xapian::docid)q->among[i]);
		std::sort(among.begin(), among.end());
		among.erase(std::unique(among.begin(), among.end()), among.end());
		price = (q->min_price > 0 || q->max_price >= 0) && !price_covers_all(q);
		any = category || vendor || band >= 0 || price || min_rating || sale || stock || has_among;
	}

	bool pass(Xapian::docid id, const struct col_rec &r) const
	{
		if (!(r.flags & COL_LIVE))
			return false;
		if (category) {
			bool in = false;

			for (int i = 0; i < r.ncat && !in; i++)
				in = r.cats[i] == (uint64_t)category;
			if (!in)
				return false;
		}
		if (vendor && r.vendor != (uint64_t)vendor)
			return false;
		if (band >= 0 && r.band != band)
			return false;
		if (price && (r.key[PACKED_PRICE] < (double)min_price ||
			      (max_price >= 0 && r.key[PACKED_PRICE] > (double)max_price)))
			return false;
		if (min_rating && r.rating < min_rating)
			return false;
		if ((sale && !(r.flags & COL_SALE)) || (stock && !(r.flags & COL_STOCK)))
			return false;
		return !has_among || std::binary_search(among.begin(), among.end(), id);
	}
};

/* The documents whose records pass a query's filters, as a posting source
 * (no weight): the relevance run's filter, one record read for a match
 * instead of a skip along each filter term's postings. */
class ColumnFilter : public Xapian::PostingSource {
	const col_filter *f;
	const struct col_rec *recs = NULL;
	uint64_t cap = 0;
	Xapian::docid did = 0;
	Xapian::doccount n = 0;
	bool here = false;	/* did passes */

	bool passes(Xapian::docid id) const
	{
		struct col_rec r;

		col_read(&recs[id], &r, false);
		return f->pass(id, r);
	}
	void settle(void)
	{
		while (did < cap && !passes(did))
			did++;
		here = true;
	}

    public:
	explicit ColumnFilter(const col_filter *filter) : f(filter) {}
	Xapian::doccount get_termfreq_min() const override { return 0; }
	Xapian::doccount get_termfreq_est() const override { return n; }
	Xapian::doccount get_termfreq_max() const override { return n; }
	Xapian::docid get_docid() const override { return did; }
	bool at_end() const override { return did >= cap; }
	void next(double) override
	{
		did++;
		settle();
	}
	void skip_to(Xapian::docid to, double) override
	{
		if (to > did)
			did = to;
		else if (here)
			return;
		else
			did++;
		settle();
	}
	bool check(Xapian::docid to, double) override
	{
		did = to;
		here = to < cap && passes(to);
		return here || to >= cap;
	}
	ColumnFilter *clone() const override { return new ColumnFilter(f); }
	void init(const Xapian::Database &db) override
	{
		recs = reader_cols.recs();
		cap = reader_cols.capacity();
		did = 0;
		here = false;
		n = db.get_doccount();
	}
};

/* A sorted list of ids with a weight each (or none), as a posting source:
 * the matches that passed the filters with their boost, read from the
 * records before the matcher runs, so that the matcher reads neither the
 * records nor a value stream. */
class IdsSource : public Xapian::PostingSource {
	const std::vector<Xapian::docid> *ids;
	const std::vector<double> *weights;	/* NULL: no weight */
	double max;
	size_t at = 0;
	bool started = false;

    public:
	IdsSource(const std::vector<Xapian::docid> *list, const std::vector<double> *w, double maxweight)
		: ids(list), weights(w), max(maxweight) {}
	Xapian::doccount get_termfreq_min() const override { return (Xapian::doccount)ids->size(); }
	Xapian::doccount get_termfreq_est() const override { return (Xapian::doccount)ids->size(); }
	Xapian::doccount get_termfreq_max() const override { return (Xapian::doccount)ids->size(); }
	double get_weight() const override { return weights ? (*weights)[at] : 0; }
	Xapian::docid get_docid() const override { return (*ids)[at]; }
	bool at_end() const override { return at >= ids->size(); }
	void next(double) override
	{
		if (started)
			at++;
		started = true;
	}
	void skip_to(Xapian::docid to, double) override
	{
		started = true;
		if (at < ids->size() && (*ids)[at] < to)
			at = (size_t)(std::lower_bound(ids->begin() + (long)at, ids->end(), to) - ids->begin());
	}
	IdsSource *clone() const override { return new IdsSource(ids, weights, max); }
	void init(const Xapian::Database &) override
	{
		at = 0;
		started = false;
		if (weights)
			set_maxweight(max);
	}
};

/* The query of a ranking by relevance, as build_query() makes it, with the
 * filters checked on the records. */
Xapian::Query
relevance_query(const struct search_query *q, Xapian::QueryParser &qp, unsigned flags, const col_filter &f)
{
	Xapian::Query query = Xapian::Query::MatchAll;

	if (q->text && *q->text) {
		query = parse(qp, std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)), flags);
		if (query.empty())	/* only stopwords or signs: every product */
			query = Xapian::Query::MatchAll;
	}
	if (q->among && q->namong == 0)
		return Xapian::Query::MatchNothing;
	query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query((new ColumnBoost)->release()));
	if (!f.any)
		return query;
	return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new ColumnFilter(&f))->release()));
}

/*
 * BM25 as Xapian's BM25Weight computes it with its default parameters (k1
 * 1, k2 0, k3 1, b 0.5, min_normlen 0.5), for words that are one term or
 * distinct terms joined by AND (each with wqf 1, so k3 changes nothing): a
 * term's part of a document's weight is termweight * (wdf * (k1 + 1) /
 * (k1 * (normlen * b + (1 - b)) + wdf)), normlen = max(doclen / average
 * length, min_normlen), termweight = log(idf) with idf = (N - tf + 0.5) /
 * (tf + 0.5) raised to idf / 2 + 1 below 2. run_columns() computes it for
 * every match from the postings' wdf and the records' lengths, only to
 * choose which matches can reach the page: the matcher ranks those, so the
 * page is still Xapian's own (check_xsearch_columns compares the two).
 */
struct bm25_words {
	std::vector<std::string> terms;
	std::vector<double> termweight;
	double len_factor = 0;

	bool of(const Xapian::Query &q)
	{
		terms.clear();
		termweight.clear();
		if (q.get_type() == Xapian::Query::LEAF_TERM) {
			terms.push_back(*q.get_terms_begin());
		} else if (q.get_type() == Xapian::Query::OP_AND) {
			for (size_t i = 0; i < q.get_num_subqueries(); i++) {
				Xapian::Query t = q.get_subquery(i);

				if (t.get_type() != Xapian::Query::LEAF_TERM)
					return false;
				terms.push_back(*t.get_terms_begin());
			}
			std::vector<std::string> sorted(terms);
			std::sort(sorted.begin(), sorted.end());
			if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
				return false;	/* a term twice: wqf 2 */
		} else
			return false;
		if (terms.empty())
			return false;
		double n = reader->get_doccount(), avlen = reader->get_avlength();

		for (const std::string &t : terms) {
			double tf = reader->get_termfreq(t), idf = (n - tf + 0.5) / (tf + 0.5);

			if (idf < 2)
				idf = idf * 0.5 + 1;
			termweight.push_back(std::log(idf));
		}
		len_factor = avlen != 0 ? 1 / avlen : 0;
		return true;
	}
	/* The weight of a document of length len whose wdf of term t is wdf[t]. */
	double weight(const uint32_t *wdf, uint32_t len) const
	{
		const double k1 = 1, b = 0.5, min_normlen = 0.5;
		double normlen = std::max(len * len_factor, min_normlen), w = 0;

		for (size_t t = 0; t < terms.size(); t++) {
			double wdf_double = wdf[t];
			double denom = k1 * (normlen * b + (1 - b)) + wdf_double;

			w += termweight[t] * (wdf_double * (k1 + 1) / denom);
		}
		return w;
	}
};

/* The ids that every term of words matches, ascending, with each term's wdf
 * there (wdf[j * terms + t]): the rarest term's postings, the others
 * skipped to. */
void
postings_wdf(const bm25_words &words, std::vector<Xapian::docid> &ids, std::vector<uint32_t> &wdf)
{
	size_t n = words.terms.size(), rare = 0;
	std::vector<Xapian::PostingIterator> it;

	ids.clear();
	wdf.clear();
	for (size_t t = 1; t < n; t++)
		if (reader->get_termfreq(words.terms[t]) < reader->get_termfreq(words.terms[rare]))
			rare = t;
	for (size_t t = 0; t < n; t++)
		it.push_back(reader->postlist_begin(words.terms[t]));
	ids.reserve(reader->get_termfreq(words.terms[rare]));
	wdf.reserve(ids.capacity() * n);
	for (Xapian::PostingIterator &p = it[rare]; p != reader->postlist_end(words.terms[rare]); ++p) {
		Xapian::docid id = *p;
		bool all = true;

		for (size_t t = 0; t < n && all; t++) {
			if (t == rare)
				continue;
			it[t].skip_to(id);
			if (it[t] == reader->postlist_end(words.terms[t]))
				return;
			all = *it[t] == id;
		}
		if (!all)
			continue;
		ids.push_back(id);
		for (size_t t = 0; t < n; t++)
			wdf.push_back(it[t].get_wdf());
	}
}

/* How many matches ahead run_columns() asks for a record: enough misses
 * in flight to cover a memory access. */
const size_t cols_ahead = 16;

/* One entry of a page sorted by value. */
struct col_hit {
	double key;
	Xapian::docid id;
};

/* The counts of ids 0..max, flat. */
struct col_counts {
	std::vector<long long> n;

	void add(uint32_t v)
	{
		if (v >= n.size()) {
			if (v >= cols_id_max)	/* written since the header was read */
				return;
			n.resize((size_t)v + 1024, 0);
		}
		n[v]++;
	}
};

/* The largest counts first, at most max, in packed_counts()'s order. */
void
col_counts_out(struct arena *a, const col_counts &c, size_t max, struct search_facet_counts *out)
{
	std::vector<std::pair<long long, std::string>> v;

	for (size_t i = 1; i < c.n.size(); i++)
		if (c.n[i] > 0)
			v.push_back(std::make_pair(c.n[i], num((long long)i)));
	std::sort(v.begin(), v.end(), [](const std::pair<long long, std::string> &x,
					 const std::pair<long long, std::string> &y) {
		return x.first != y.first ? x.first > y.first : x.second < y.second;
	});
	if (v.size() > max)
		v.resize(max);
	out->v = (struct search_count *)arena_alloc(a, (v.size() + 1) * sizeof *out->v);
	out->n = 0;
	for (const auto &e : v) {
		out->v[out->n].value = atoll(e.second.c_str());
		out->v[out->n++].count = e.first;
	}
}

/*
 * q answered from the columns: the matcher gives the ids that the words
 * match (none without words: the category's postings, or every record),
 * and the records give the filters, the exact total, every facet and, for a
 * sort by value, the page (a bounded heap of offset + limit). A ranking by
 * relevance takes its page from the matcher's own run with the filters and
 * the boost, whose matches the records count.
 */
int
run_columns(struct arena *a, const struct search_query *q, int category_depth, struct search_result *res)
{
	Xapian::QueryParser qp;
	Xapian::SimpleStopper stopper;
	std::string corrected;
	bool text = q->text && *q->text, relevance = q->sort == SEARCH_SORT_RELEVANCE;
	col_filter f(q);
	const struct col_rec *recs = reader_cols.recs();
	uint64_t cap = reader_cols.capacity();
	long long limit = q->limit < 0 ? 0 : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit;
	long long offset = q->offset < 0 ? 0 : q->offset;
	size_t k = (size_t)(offset + limit);
	int key = PACKED_PRICE;
	bool reverse = true;
	int cat_depth = (q->facets & SEARCH_FACET_BIT(SEARCH_FACET_CATEGORY)) && category_depth + 1 < XSEARCH_DEPTH_MAX
				? category_depth + 1 : -1;
	bool want_vendor = q->facets & SEARCH_FACET_BIT(SEARCH_FACET_VENDOR);
	col_counts cats, vendors;
	long long bands[SEARCH_NBANDS] = { 0 }, ratings[6] = { 0 }, sales = 0, stocks = 0, total = 0;
	std::vector<col_hit> heap;
	std::vector<Xapian::docid> ids, page, passing;
	std::vector<double> boosts, scores;
	std::vector<uint32_t> wdfs;
	bm25_words bm25;
	bool rank_after = false, scored = false;

	switch (q->sort) {
	case SEARCH_SORT_POPULAR: key = PACKED_POPULAR; break;
	case SEARCH_SORT_PRICE_ASC: reverse = false; break;
	case SEARCH_SORT_NEWEST: key = PACKED_CREATED; break;
	case SEARCH_SORT_RATING: key = PACKED_RATING_AVG; break;
	default: break;
	}
	/* a before b in the page */
	auto before = [reverse](const col_hit &x, const col_hit &y) {
		if (x.key != y.key)
			return reverse ? x.key > y.key : x.key < y.key;
		return reverse ? x.id > y.id : x.id < y.id;
	};
	if (cat_depth >= 0)
		cats.n.assign((size_t)reader_cols.header()->category_max + 1, 0);
	if (want_vendor)
		vendors.n.assign((size_t)reader_cols.header()->vendor_max + 1, 0);
	heap.reserve(k + 1);
	setup_parser(qp, *reader, reader_lang, stopper);

	bool partial = false;

	for (unsigned flags : { parse_flags, parse_partial }) {
		Xapian::Query words;

		partial = flags == parse_partial;

		if (text) {
			words = parse(qp, std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)), flags);
			if (flags == parse_flags)
				corrected = keep_known_words(std::string(q->text, strnlen(q->text, SEARCH_TEXT_MAX)),
							     qp.get_corrected_query_string());
		}
		ids.clear();
		page.clear();
		passing.clear();
		boosts.clear();
		scores.clear();
		rank_after = scored = false;
		if (relevance && !words.empty() && bm25.of(words)) {
			/* ranked below, once the records have given the matches
			 * that pass, their boosts and lengths */
			postings_wdf(bm25, ids, wdfs);
			rank_after = scored = true;
		} else if (relevance && !words.empty() && postings_ids(words, ids)) {
			/* the same, every match that passes ranked by the matcher */
			rank_after = true;
		} else if (relevance) {
			/* the page as the matcher ranks it, every match seen */
			Xapian::Enquire enq(*reader);
			DocidSpy spy(&ids);

			ids.clear();
			enq.set_query(relevance_query(q, qp, flags, f));
			enq.set_docid_order(Xapian::Enquire::DESCENDING);
			enq.add_matchspy(&spy);
			Xapian::MSet mset = enq.get_mset((Xapian::doccount)offset, (Xapian::doccount)limit,
							 reader->get_doccount());
			for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m)
				page.push_back(*m);
			std::sort(ids.begin(), ids.end());
		} else if (!words.empty()) {
			if (!postings_ids(words, ids)) {
				Xapian::Enquire enq(*reader);
				DocidSpy spy(&ids);

				ids.clear();
				enq.set_query(words);
				enq.set_weighting_scheme(Xapian::BoolWeight());
				enq.add_matchspy(&spy);
				enq.get_mset(0, 0, reader->get_doccount());
				std::sort(ids.begin(), ids.end());
			}
		} else if (f.has_among) {
			ids = f.among;
		} else if (f.category) {
			std::string term = "XC" + num(f.category);

			ids.reserve(reader->get_termfreq(term));
			for (Xapian::PostingIterator p = reader->postlist_begin(term); p != reader->postlist_end(term); ++p)
				ids.push_back(*p);
		}
		bool all = !relevance && words.empty() && !f.has_among && !f.category;
		size_t n = all ? (size_t)cap : ids.size();
		bool whole = !relevance && k > 0 && key != PACKED_PRICE;	/* a key of the second line */

		/* newest first when the sort is descending: the keys that rise
		 * with the id (newest) then rarely displace one of the heap */
		for (size_t j = 0; j < n; j++) {
			size_t i = reverse ? n - 1 - j : j;
			Xapian::docid id = all ? (Xapian::docid)i : ids[i];
			struct col_rec r;

			/* the records of a category or a word are scattered over
			 * the file, a miss each: ask for the one cols_ahead on
			 * while this one is read, so that the misses overlap */
			if (!all && j + cols_ahead < n) {
				Xapian::docid next = ids[reverse ? n - 1 - j - cols_ahead : j + cols_ahead];

				if (next < cap) {
					__builtin_prefetch(&recs[next]);
					if (whole)
						__builtin_prefetch((const char *)&recs[next] + col_hot);
				}
			}
			if (id >= cap)
				continue;
			col_read(&recs[id], &r, whole);
			if (!f.pass(id, r))
				continue;
			total++;
			if (rank_after) {
				passing.push_back(id);
				boosts.push_back(r.boost);
				if (scored)
					scores.push_back(bm25.weight(&wdfs[i * bm25.terms.size()], r.doclen) + r.boost);
			}
			if (cat_depth >= 0 && cat_depth < r.ncat)
				cats.add(r.cats[cat_depth]);
			if (want_vendor)
				vendors.add(r.vendor);
			bands[r.band]++;
			ratings[r.rating]++;
			sales += (r.flags & COL_SALE) != 0;
			stocks += (r.flags & COL_STOCK) != 0;
			if (relevance || k == 0)
				continue;
			col_hit h = { r.key[key], id };
			if (heap.size() < k) {
				heap.push_back(h);
				std::push_heap(heap.begin(), heap.end(), before);
			} else if (before(h, heap.front())) {
				std::pop_heap(heap.begin(), heap.end(), before);
				heap.back() = h;
				std::push_heap(heap.begin(), heap.end(), before);
			}
		}
		if (rank_after && total > 0 && limit > 0) {
			/* the page as the matcher ranks the matches that pass
			 * (the best offset + limit: it skips what cannot reach
			 * them), each with the boost of its record */
			Xapian::Enquire enq(*reader);

			if (reverse) {
				std::reverse(passing.begin(), passing.end());
				std::reverse(boosts.begin(), boosts.end());
				std::reverse(scores.begin(), scores.end());
			}
			if (scored && passing.size() > k) {
				/* only the matches that can reach the page: none
				 * whose weight is below the k-th best by more than
				 * rounding (the matcher adds the same parts,
				 * perhaps in another order) */
				std::vector<double> top(scores);
				std::nth_element(top.begin(), top.begin() + (long)(k - 1), top.end(), std::greater<double>());
				double kth = top[k - 1], least = kth - 1e-9 * (1 + std::fabs(kth));
				size_t w = 0;

				for (size_t j = 0; j < passing.size(); j++)
					if (scores[j] >= least) {
						passing[w] = passing[j];
						boosts[w++] = boosts[j];
					}
				passing.resize(w);
				boosts.resize(w);
			}
			enq.set_query(Xapian::Query(
				Xapian::Query::OP_AND, words,
				Xapian::Query((new IdsSource(&passing, &boosts, Xapian::sortable_unserialise(
					reader->get_value_upper_bound(XSEARCH_SLOT_BOOST))))->release())));
			enq.set_docid_order(Xapian::Enquire::DESCENDING);
			Xapian::MSet mset = enq.get_mset((Xapian::doccount)offset, (Xapian::doccount)limit);
			for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m)
				page.push_back(*m);
		}
		/* nothing: the last word as the beginning of a word ("slee") */
		if (total > 0 || !text || !last_word_long(q->text) || flags == parse_partial)
			break;
	}
	if (total > 0 && partial)
		corrected.clear();
	if (!relevance) {
		std::sort_heap(heap.begin(), heap.end(), before);
		for (size_t i = (size_t)offset; i < heap.size(); i++)
			page.push_back(heap[i].id);
	}
	res->total = total;
	res->n = page.size();
	res->ids = (long long *)arena_alloc(a, (res->n + 1) * sizeof *res->ids);
	for (size_t i = 0; i < page.size(); i++)
		res->ids[i] = (long long)page[i];
	correction_out(a, q, corrected, res);
	if (cat_depth >= 0)
		col_counts_out(a, cats, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_CATEGORY]);
	if (want_vendor)
		col_counts_out(a, vendors, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_VENDOR]);
	flat_facets_out(a, q->facets, bands, ratings, sales, stocks, res);
	return 0;
}

int
run_query(struct arena *a, const struct search_query *q, int category_depth, struct search_result *res)
{
	if (cols_usable() && (q->facets || q->sort != SEARCH_SORT_RELEVANCE))
		return run_columns(a, q, category_depth, res);

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
	correction_out(a, q, corrected, res);
	if (packed) {
		if (want_cat)
			packed_counts(a, spy.cats, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_CATEGORY]);
		if (spy.vendor)
			packed_counts(a, spy.vendors, SEARCH_FACET_VALUES_MAX, &res->facets[SEARCH_FACET_VENDOR]);
		flat_facets_out(a, q->facets, spy.bands, spy.ratings, spy.sales, spy.stocks, res);
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

void
xsearch_use_columns(int on)
{
	columns_enabled = on != 0;
}

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
	reader_cols.close_map();
	reader_path.clear();
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
		cols_writer_open(path);
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
		std::string boost = Xapian::sortable_serialise(boost_of(d));
		doc.add_value(XSEARCH_SLOT_BOOST, boost);
		doc.add_value(XSEARCH_SLOT_VENDOR, num(d->vendor_id));
		doc.add_value(XSEARCH_SLOT_BAND, num(band));
		doc.add_value(XSEARCH_SLOT_RATING, num(rating_floor));
		doc.add_value(XSEARCH_SLOT_SALE, sale ? "1" : "0");
		doc.add_value(XSEARCH_SLOT_STOCK, stock ? "1" : "0");
		doc.add_value(XSEARCH_SLOT_RATING_AVG, Xapian::sortable_serialise(d->rating));
		doc.add_value(XSEARCH_SLOT_PACKED, packed_value(d, band, rating_floor, sale, stock));
		doc.set_data(d->name ? d->name : "");
		writer->replace_document((Xapian::docid)d->id, doc);

		const double keys[PACKED_NKEYS] = { (double)d->price, (double)d->popularity, (double)d->created, d->rating };
		struct col_rec rec;
		Xapian::termcount doclen = 0;	/* Xapian's: the sum of the terms' wdf */
		for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
			doclen += t.get_wdf();
		if (col_make(d->vendor_id, band, rating_floor, sale, stock, d->categories, d->ncategories, keys,
			     Xapian::sortable_unserialise(boost), doclen, &rec))
			cols_put((uint64_t)d->id, &rec);
		else if (writer_cols.map)
			writer_cols.header()->unusable = 1;
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
		if (writer_cols.map && id > 0 && (uint64_t)id < writer_cols.header()->capacity) {
			struct col_rec gone;

			memset(&gone, 0, sizeof gone);
			cols_put((uint64_t)id, &gone);
		}
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
		cols_writer_committed();
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
	writer_cols.close_map();
	writer_path.clear();
}

}  // extern "C"

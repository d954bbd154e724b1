/*
 * tmpl: the bridge from C to Google ctemplate (Debian's libctemplate).
 *
 * Every *.tpl under the root is parsed once at start into a private
 * TemplateCache (frozen in production), so a request never reads a file.
 * A template must begin with its AUTOESCAPE pragma: a file without it is
 * refused at load time, because the pragma does not carry over from a layout
 * into a partial and unescaped output is how cross-site scripting starts.
 * Dictionaries are ctemplate TemplateDictionary objects seen from C as the
 * opaque tmpl_dict; section and include dictionaries belong to their parent.
 * No C++ exception crosses into C: every entry point catches them.
 */
#include "tmpl.h"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <set>
#include <string>
#include <vector>

extern "C" {
#include "log.h"
}

using ctemplate::StaticTemplateString;
using ctemplate::StaticTemplateStringInitializer;
using ctemplate::TemplateCache;
using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

/* Blank lines go (layouts stay readable), other whitespace stays, so <pre>,
 * <textarea> and text mail keep their line breaks. */
static const ctemplate::Strip tmpl_strip = ctemplate::STRIP_BLANK_LINES;
static const char tmpl_pragma[] = "{{%AUTOESCAPE ";

static TemplateCache *tmpl_cache;
static std::set<std::string> *tmpl_names;
static std::string tmpl_root;
static int tmpl_frozen;

static TemplateDictionary *tmpl_cxx(tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static tmpl_dict *tmpl_c(TemplateDictionary *d)
{
	return reinterpret_cast<tmpl_dict *>(d);
}

static bool tmpl_has_suffix(const std::string &s, const char *suffix)
{
	size_t n = strlen(suffix);
	return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

/* Collects the names (relative to root) of every *.tpl below dir, sorted. */
static bool tmpl_scan(const std::string &root, const std::string &rel,
		      std::vector<std::string> *out)
{
	std::string dir = rel.empty() ? root : root + "/" + rel;
	DIR *dh = opendir(dir.c_str());
	if (!dh) {
		log_error("tmpl.load", "dir=%s msg=%s", log_quote(dir.c_str()),
			  log_quote(strerror(errno)));
		return false;
	}
	bool ok = true;
	struct dirent *de;
	while ((de = readdir(dh)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		std::string name = rel.empty() ? de->d_name : rel + "/" + de->d_name;
		struct stat st;
		if (stat((root + "/" + name).c_str(), &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			ok = tmpl_scan(root, name, out) && ok;
		else if (S_ISREG(st.st_mode) && tmpl_has_suffix(name, ".tpl"))
			out->push_back(name);
	}
	closedir(dh);
	return ok;
}

/* True when the file begins with the AUTOESCAPE pragma. */
static bool tmpl_has_pragma(const std::string &path)
{
	char head[sizeof tmpl_pragma] = {0};
	FILE *f = fopen(path.c_str(), "r");
	if (!f)
		return false;
	size_t n = fread(head, 1, sizeof tmpl_pragma - 1, f);
	fclose(f);
	return n == sizeof tmpl_pragma - 1 && memcmp(head, tmpl_pragma, n) == 0;
}

/* Builds a new cache holding every template under root; NULL on any error. */
static TemplateCache *tmpl_load_all(const std::string &root, int freeze,
				    std::set<std::string> *names)
{
	std::vector<std::string> files;
	bool ok = tmpl_scan(root, "", &files);
	TemplateCache *cache = new TemplateCache();
	if (!cache->SetTemplateRootDirectory(root)) {
		log_error("tmpl.load", "dir=%s msg=%s", log_quote(root.c_str()),
			  log_quote("bad template root"));
		ok = false;
	}
	for (size_t i = 0; ok && i < files.size(); i++) {
		const std::string &name = files[i];
		if (!tmpl_has_pragma(root + "/" + name)) {
			log_error("tmpl.load", "file=%s msg=%s", log_quote(name.c_str()),
				  log_quote("does not begin with {{%AUTOESCAPE ...}}"));
			ok = false;
		} else if (!cache->LoadTemplate(name, tmpl_strip)) {
			log_error("tmpl.load", "file=%s msg=%s", log_quote(name.c_str()),
				  log_quote("template does not parse"));
			ok = false;
		} else {
			names->insert(name);
		}
	}
	if (!ok) {
		delete cache;
		return NULL;
	}
	if (freeze)
		cache->Freeze();
	log_info("tmpl.load", "dir=%s templates=%zu frozen=%d",
		 log_quote(root.c_str()), files.size(), freeze ? 1 : 0);
	return cache;
}

/* Loads root into a fresh cache and, only if that worked, replaces the old one. */
static int tmpl_swap_in(const std::string &root, int freeze)
{
	std::set<std::string> *names = new std::set<std::string>();
	TemplateCache *cache = tmpl_load_all(root, freeze, names);
	if (!cache) {
		delete names;
		return -1;
	}
	delete tmpl_cache;
	delete tmpl_names;
	tmpl_cache = cache;
	tmpl_names = names;
	tmpl_root = root;
	tmpl_frozen = freeze;
	return 0;
}

extern "C" int tmpl_init(const char *root, int freeze)
{
	try {
		if (!root || !*root) {
			log_error("tmpl.load", "msg=%s", log_quote("no template root"));
			return -1;
		}
		return tmpl_swap_in(root, freeze);
	} catch (...) {
		log_error("tmpl.load", "msg=%s", log_quote("exception while loading"));
		return -1;
	}
}

extern "C" int tmpl_reload(void)
{
	try {
		if (tmpl_root.empty())
			return -1;
		/* A broken edit keeps the old templates serving. */
		return tmpl_swap_in(std::string(tmpl_root), tmpl_frozen);
	} catch (...) {
		log_error("tmpl.load", "msg=%s", log_quote("exception while reloading"));
		return -1;
	}
}

extern "C" int tmpl_exists(const char *name)
{
	try {
		return name && tmpl_names && tmpl_names->count(name) ? 1 : 0;
	} catch (...) {
		return 0;
	}
}

/*
 * Dictionary keys (variable, section and include names) with their
 * ctemplate id worked out once per process. A key given as a plain string
 * is hashed on every call and then looked up, under a lock, in ctemplate's
 * global id-to-name table (twice, as Debian's build keeps its assertions):
 * about a fifth of a product page's instructions. A key with its id already
 * set skips all of that, as the STS_INIT keys of C++ programs do. Keys are
 * nearly always string literals, so a slot is found by the key's address
 * and confirmed by its text (a key built in a buffer may change under the
 * same address); a key that finds no slot goes the plain way. The copies
 * live as long as the process, as ctemplate's own table does.
 */
#define TMPL_KEY_SLOTS	1024
#define TMPL_KEY_PROBES	8

struct tmpl_key_slot {
	const char *seen;		/* the caller's pointer */
	StaticTemplateString key;	/* our copy, with its id */
};

static struct tmpl_key_slot tmpl_keys[TMPL_KEY_SLOTS];

static TemplateString tmpl_key(const char *key)
{
	size_t home = (size_t)(((uintptr_t)key >> 3) % TMPL_KEY_SLOTS);

	for (size_t i = 0; i < TMPL_KEY_PROBES; i++) {
		struct tmpl_key_slot *k = &tmpl_keys[(home + i) % TMPL_KEY_SLOTS];
		const char *text = k->key.do_not_use_directly_.ptr_;

		if (k->seen == key && strcmp(text, key) == 0)
			return TemplateString(k->key);
		if (k->seen == NULL) {
			char *copy = strdup(key);
			if (copy == NULL)
				break;
			k->key.do_not_use_directly_.ptr_ = copy;
			k->key.do_not_use_directly_.length_ = strlen(copy);
			k->key.do_not_use_directly_.id_ = 0;
			StaticTemplateStringInitializer with_id(&k->key);
			k->seen = key;
			return TemplateString(k->key);
		}
	}
	return TemplateString(key);
}

extern "C" tmpl_dict *tmpl_dict_new(const char *name)
{
	try {
		return tmpl_c(new TemplateDictionary(name ? name : "dict"));
	} catch (...) {
		log_error("tmpl.dict", "msg=%s", log_quote("out of memory"));
		return NULL;
	}
}

extern "C" void tmpl_dict_free(tmpl_dict *d)
{
	try {
		delete tmpl_cxx(d);
	} catch (...) {
	}
}

extern "C" void tmpl_set(tmpl_dict *d, const char *key, const char *value)
{
	if (!d || !key)
		return;
	try {
		tmpl_cxx(d)->SetValue(tmpl_key(key), value ? value : "");
	} catch (...) {
	}
}

extern "C" void tmpl_set_int(tmpl_dict *d, const char *key, long long value)
{
	/* By hand: snprintf is most of the cost of a number on a page. */
	char num[24], *p = num + sizeof num;
	unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (value < 0)
		*--p = '-';
	tmpl_set(d, key, p);
}

extern "C" void tmpl_show(tmpl_dict *d, const char *section)
{
	if (!d || !section)
		return;
	try {
		tmpl_cxx(d)->ShowSection(tmpl_key(section));
	} catch (...) {
	}
}

extern "C" tmpl_dict *tmpl_section(tmpl_dict *d, const char *section)
{
	if (!d || !section)
		return NULL;
	try {
		return tmpl_c(tmpl_cxx(d)->AddSectionDictionary(tmpl_key(section)));
	} catch (...) {
		return NULL;
	}
}

extern "C" tmpl_dict *tmpl_include(tmpl_dict *d, const char *marker,
				   const char *filename)
{
	if (!d || !marker || !filename)
		return NULL;
	try {
		TemplateDictionary *child = tmpl_cxx(d)->AddIncludeDictionary(tmpl_key(marker));
		child->SetFilename(filename);
		return tmpl_c(child);
	} catch (...) {
		return NULL;
	}
}

extern "C" void tmpl_set_global(const char *key, const char *value)
{
	if (!key)
		return;
	try {
		TemplateDictionary::SetGlobalValue(key, value ? value : "");
	} catch (...) {
	}
}

extern "C" int tmpl_render(const char *name, tmpl_dict *d, struct buf *out)
{
	try {
		if (!tmpl_cache || !tmpl_exists(name)) {
			log_error("tmpl.render", "name=%s msg=%s", log_quote(name ? name : ""),
				  log_quote("no such template"));
			return -1;
		}
		TemplateDictionary empty("empty");
		std::string text;
		if (!tmpl_cache->ExpandWithData(name, tmpl_strip, d ? tmpl_cxx(d) : &empty,
						NULL, &text)) {
			/* Usually an include naming a file that is not loaded. */
			log_error("tmpl.render", "name=%s msg=%s", log_quote(name),
				  log_quote("expansion failed"));
			return -1;
		}
		buf_add(out, text.data(), text.size());
		return 0;
	} catch (...) {
		log_error("tmpl.render", "name=%s msg=%s", log_quote(name ? name : ""),
			  log_quote("exception while rendering"));
		return -1;
	}
}

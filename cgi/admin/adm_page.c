/*
 * adm_page: what the admin pages share: the page frame with the admin
 * navigation, list URLs and pagination, and reading sealed fields.
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "crypt.h"
#include "csrf.h"
#include "sess.h"

/* Pages shown around the current one in the pagination. */
#define ADM_PAGE_SPREAD 2

int
adm_is_admin(const struct req *rq)
{
	return rq->sess != NULL && strcmp(rq->sess->role, "admin") == 0;
}

tmpl_dict *
adm_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template, const char *title,
	 enum adm_section section)
{
	tmpl_dict *d = view_begin(v, rq, rs, page_template, title);
	const char *csrf = csrf_token(rq, rs);

	tmpl_set(d, "CSRF", csrf);
	if (adm_is_admin(rq) && rq->sess->mfa) {
		tmpl_dict *nav = tmpl_include(d, "ADMIN_NAV", "admin/_nav.tpl");
		static const char *const keys[] = { NULL, "HOME", "VENDORS", "USERS", "AUDIT" };

		tmpl_set(nav, "CSRF", csrf);
		tmpl_set(nav, "NAME", rq->sess->name);
		tmpl_set(nav, "EMAIL", rq->sess->email);
		if (section != ADM_SECTION_NONE)
			tmpl_show(nav, arena_printf(&rq->arena, "CURRENT_%s", keys[section]));
		if (section != ADM_SECTION_HOME)
			view_crumb(v, "Admin", "/admin/");
	}
	return d;
}

int
adm_page_end(struct view *v, struct resp *rs, int status)
{
	if (view_end(v, rs) != 200)
		return 500;
	if (status >= 400)
		rs->keep_body = 1;
	return status;
}

void
adm_field_error(struct arena *a, tmpl_dict *section, const char *name, const char *message)
{
	if (message == NULL)
		return;
	tmpl_set(tmpl_section(section, arena_printf(a, "%s_ERROR", name)), "MESSAGE", message);
	tmpl_show(section, arena_printf(a, "%s_INVALID", name));
}

long long
adm_offset(long long page)
{
	return page > 1 ? (page - 1) * ADM_PER_PAGE : 0;
}

int
adm_past_end(long long page, long long total)
{
	return page > 1 && adm_offset(page) >= total;
}

char *
adm_url(struct arena *a, const char *path, const char *const *filters, long long page)
{
	struct buf b;
	const char *sep = "?";
	char *out;

	buf_init(&b);
	buf_adds(&b, path);
	for (; filters && filters[0]; filters += 2) {
		if (filters[1] == NULL || filters[1][0] == '\0')
			continue;
		buf_printf(&b, "%s%s=", sep, filters[0]);
		buf_add_urlencoded(&b, filters[1]);
		sep = "&";
	}
	if (page > 1)
		buf_printf(&b, "%spage=%lld", sep, page);
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

void
adm_pagination(tmpl_dict *d, struct arena *a, const char *path, const char *const *filters,
	       long long page, long long total)
{
	long long pages = (total + ADM_PER_PAGE - 1) / ADM_PER_PAGE, p, last_shown = 0;
	tmpl_dict *nav, *item, *s;

	if (pages <= 1)
		return;
	if (pages > ADM_PAGE_MAX)
		pages = ADM_PAGE_MAX;
	nav = tmpl_include(d, "PAGINATION", "admin/_pagination.tpl");
	if (page > 1)
		tmpl_set(tmpl_section(nav, "PREV"), "URL", adm_url(a, path, filters, page - 1));
	for (p = 1; p <= pages; p++) {
		int near = p >= page - ADM_PAGE_SPREAD && p <= page + ADM_PAGE_SPREAD;

		if (p != 1 && p != pages && !near)
			continue;
		if (last_shown && p > last_shown + 1)
			tmpl_show(tmpl_section(nav, "PAGE"), "PAGE_GAP");
		item = tmpl_section(nav, "PAGE");
		tmpl_set_int(item, "NUM", p);
		if (p == page) {
			tmpl_show(item, "PAGE_CURRENT");
		} else {
			s = tmpl_section(item, "PAGE_LINK");
			tmpl_set(s, "URL", adm_url(a, path, filters, p));
		}
		last_shown = p;
	}
	if (page < pages)
		tmpl_set(tmpl_section(nav, "NEXT"), "URL", adm_url(a, path, filters, page + 1));
}

char *
adm_group_digits(struct arena *a, long long n)
{
	char digits[32], out[48];
	size_t len, i, o = 0;
	int neg = n < 0;

	len = (size_t)snprintf(digits, sizeof digits, "%llu",
			       neg ? 0ULL - (unsigned long long)n : (unsigned long long)n);
	if (neg)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(a, out);
}

char *
adm_result_text(struct arena *a, long long page, long long total, const char *noun_one,
		const char *noun_many)
{
	long long first, last;

	if (total <= ADM_PER_PAGE)
		return arena_printf(a, "%s %s", adm_group_digits(a, total), total == 1 ? noun_one : noun_many);
	first = adm_offset(page) + 1;
	last = first + ADM_PER_PAGE - 1;
	if (last > total)
		last = total;
	return arena_printf(a, "Showing %s–%s of %s %s", adm_group_digits(a, first),
			    adm_group_digits(a, last), adm_group_digits(a, total), noun_many);
}

const char *
adm_open(struct arena *a, const char *table, const char *column, long long row_id,
	 const struct db_result *r, unsigned col)
{
	size_t len = 0;
	char *plain, *copy;

	if (db_null(r, col))
		return NULL;
	plain = crypt_open(table, column, row_id, (const unsigned char *)db_str(r, col), db_len(r, col), &len);
	if (plain == NULL)
		return "(cannot be opened)";
	copy = arena_strndup(a, plain, len);
	crypt_free(plain, len);
	return copy;
}

char *
adm_trim(struct arena *a, const char *s)
{
	const char *end;

	if (s == NULL)
		return arena_strdup(a, "");
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	return arena_strndup(a, s, (size_t)(end - s));
}

size_t
adm_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Tests for tmpl (the ctemplate bridge): sections, includes and globals,
 * escaping of hostile values, missing templates, the AUTOESCAPE rule and
 * reloading. Fixtures live in tests/unit/fixtures/templates (run from the
 * repository root).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "buf.h"
#include "tmpl.h"

#define FIXTURES "tests/unit/fixtures/templates"

static struct buf out;
static tmpl_dict *dict;

static void setup(void)
{
	ck_assert_msg(tmpl_init(FIXTURES, 1) == 0,
		      "cannot load %s (run the tests from the repository root)", FIXTURES);
	buf_init(&out);
	dict = NULL;
}

static void teardown(void)
{
	tmpl_dict_free(dict);
	buf_free(&out);
}

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void remove_dir(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
	rmdir(dir);
}

/* One repetition of ITEM in page.tpl. */
static void add_item(const char *name, const char *url, long long qty)
{
	tmpl_dict *item = tmpl_section(dict, "ITEM");
	tmpl_set(item, "NAME", name);
	tmpl_set(item, "URL", url);
	tmpl_set_int(item, "QTY", qty);
}

START_TEST(test_render_sections_includes_globals)
{
	tmpl_set_global("SITE_NAME", "Bazaar");
	dict = tmpl_dict_new("page");
	tmpl_set(dict, "TITLE", "Shoes");
	add_item("Red shoe", "/p/1-red-shoe", 2);
	add_item("Blue shoe", "/p/2-blue-shoe", -9000000000LL);
	tmpl_dict *footer = tmpl_include(dict, "FOOTER", "partials/footer.tpl");
	ck_assert_ptr_nonnull(footer);
	tmpl_set_int(footer, "YEAR", 2026);

	ck_assert_int_eq(tmpl_render("page.tpl", dict, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "<h1>Shoes</h1>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<p class=\"site\">Bazaar</p>"));
	const char *red = strstr(out.data, "<li><a href=\"/p/1-red-shoe\">Red shoe</a> x2</li>");
	const char *blue = strstr(out.data, "<li><a href=\"/p/2-blue-shoe\">Blue shoe</a> x-9000000000</li>");
	ck_assert_ptr_nonnull(red);
	ck_assert_ptr_nonnull(blue);
	ck_assert(red < blue);
	/* The include sees globals but not its parent's values. */
	ck_assert_ptr_nonnull(strstr(out.data, "<footer>Bazaar 2026 </footer>"));
	ck_assert_ptr_null(strstr(out.data, "class=\"note\""));
	ck_assert_int_eq(out.len, strlen(out.data));
}
END_TEST

/* Keys are remembered by address and text: a key built in a buffer that
 * changes under the same address is still the key it now says. Numbers
 * are written by hand, to their extremes. */
START_TEST(test_keys_from_a_reused_buffer_and_numbers)
{
	char key[16];

	dict = tmpl_dict_new("page");
	snprintf(key, sizeof key, "TITLE");
	tmpl_set(dict, key, "Hats");
	snprintf(key, sizeof key, "NOTE_TEXT");
	tmpl_set(dict, key, "Felt");
	snprintf(key, sizeof key, "NOTE");
	tmpl_show(dict, key);
	add_item("Zero", "/z", 0);
	add_item("Least", "/l", LLONG_MIN);
	ck_assert_int_eq(tmpl_render("page.tpl", dict, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "<h1>Hats</h1>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<p class=\"note\">Felt</p>"));
	ck_assert_ptr_nonnull(strstr(out.data, "Zero</a> x0</li>"));
	ck_assert_ptr_nonnull(strstr(out.data, "Least</a> x-9223372036854775808</li>"));
}
END_TEST

START_TEST(test_show_section)
{
	dict = tmpl_dict_new("page");
	tmpl_set(dict, "NOTE_TEXT", "Sale ends <today>");
	tmpl_show(dict, "NOTE");
	ck_assert_int_eq(tmpl_render("page.tpl", dict, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "<p class=\"note\">Sale ends &lt;today&gt;</p>"));
	/* An include marker without a dictionary expands to nothing. */
	ck_assert_ptr_null(strstr(out.data, "<footer>"));
}
END_TEST

START_TEST(test_xss_escaped)
{
	dict = tmpl_dict_new("xss");
	tmpl_set(dict, "TEXT", "<script>alert(1)</script>");
	tmpl_set(dict, "ATTR", "\" onmouseover=\"alert(1)");
	tmpl_set(dict, "HREF", "javascript:alert(1)");
	tmpl_set(dict, "QUERY", "a b&c=\"d\"");
	ck_assert_int_eq(tmpl_render("xss.tpl", dict, &out), 0);

	ck_assert_ptr_null(strstr(out.data, "<script>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
	ck_assert_ptr_null(strstr(out.data, "\" onmouseover"));
	ck_assert_ptr_nonnull(strstr(out.data, "value=\"&quot; onmouseover=&quot;alert(1)\""));
	ck_assert_ptr_null(strstr(out.data, "javascript:"));
	ck_assert_ptr_nonnull(strstr(out.data, "<a href=\"#\">link</a>"));
	ck_assert_ptr_nonnull(strstr(out.data, "/search?q=a+b%26c%3D%22d%22\""));
}
END_TEST

START_TEST(test_null_values_and_empty_dict)
{
	dict = tmpl_dict_new("page");
	tmpl_set(dict, "TITLE", NULL);
	ck_assert_int_eq(tmpl_render("page.tpl", dict, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "<h1></h1>"));
	buf_reset(&out);
	ck_assert_int_eq(tmpl_render("page.tpl", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "<h1></h1>"));
}
END_TEST

START_TEST(test_missing_template)
{
	ck_assert_int_eq(tmpl_exists("page.tpl"), 1);
	ck_assert_int_eq(tmpl_exists("partials/footer.tpl"), 1);
	ck_assert_int_eq(tmpl_exists("no/such.tpl"), 0);
	ck_assert_int_eq(tmpl_exists(NULL), 0);
	dict = tmpl_dict_new("missing");
	ck_assert_int_eq(tmpl_render("no/such.tpl", dict, &out), -1);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_missing_include)
{
	dict = tmpl_dict_new("page");
	tmpl_include(dict, "FOOTER", "partials/no-such.tpl");
	ck_assert_int_eq(tmpl_render("page.tpl", dict, &out), -1);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_template_without_pragma_refused)
{
	char dir[] = "/tmp/check_tmpl.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file(dir, "bare.tpl", "<p>{{TEXT}}</p>\n");
	ck_assert_int_eq(tmpl_init(dir, 0), -1);
	/* The templates loaded before stay in service. */
	ck_assert_int_eq(tmpl_exists("page.tpl"), 1);
	ck_assert_int_eq(tmpl_render("page.tpl", NULL, &out), 0);
	remove_dir(dir, "bare.tpl");
}
END_TEST

START_TEST(test_reload)
{
	char dir[] = "/tmp/check_tmpl.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file(dir, "one.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<b>first {{V}}</b>\n");
	ck_assert_int_eq(tmpl_init(dir, 0), 0);
	ck_assert_int_eq(tmpl_exists("page.tpl"), 0);
	dict = tmpl_dict_new("one");
	tmpl_set(dict, "V", "x");
	ck_assert_int_eq(tmpl_render("one.tpl", dict, &out), 0);
	ck_assert_str_eq(out.data, "<b>first x</b>\n");

	write_file(dir, "one.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<i>second {{V}}</i>\n");
	ck_assert_int_eq(tmpl_reload(), 0);
	buf_reset(&out);
	ck_assert_int_eq(tmpl_render("one.tpl", dict, &out), 0);
	ck_assert_str_eq(out.data, "<i>second x</i>\n");

	/* A broken edit is refused and the last good version keeps serving. */
	write_file(dir, "one.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n{{#OPEN}}never closed\n");
	ck_assert_int_eq(tmpl_reload(), -1);
	buf_reset(&out);
	ck_assert_int_eq(tmpl_render("one.tpl", dict, &out), 0);
	ck_assert_str_eq(out.data, "<i>second x</i>\n");
	remove_dir(dir, "one.tpl");
}
END_TEST

START_TEST(test_bad_root)
{
	ck_assert_int_eq(tmpl_init("/nonexistent/templates", 1), -1);
	ck_assert_int_eq(tmpl_init(NULL, 1), -1);
	ck_assert_int_eq(tmpl_exists("page.tpl"), 1);
}
END_TEST

static Suite *check_tmpl_suite(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_render_sections_includes_globals);
	tcase_add_test(tc, test_show_section);
	tcase_add_test(tc, test_keys_from_a_reused_buffer_and_numbers);
	tcase_add_test(tc, test_xss_escaped);
	tcase_add_test(tc, test_null_values_and_empty_dict);
	tcase_add_test(tc, test_missing_template);
	tcase_add_test(tc, test_missing_include);
	tcase_add_test(tc, test_template_without_pragma_refused);
	tcase_add_test(tc, test_reload);
	tcase_add_test(tc, test_bad_root);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_tmpl_suite)

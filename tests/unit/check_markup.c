/*
 * Tests for cgi/lib/markup.c: paragraphs, line breaks, bulleted and
 * numbered lists, and that everything typed comes out as escaped text
 * through the real partial (templates/layout/_markup.tpl, linked from
 * tests/unit/fixtures/markup).
 */
#include "check_util.h"
#include "buf.h"
#include "markup.h"

#include <string.h>

static struct arena a;

static void
setup(void)
{
	arena_init(&a);
	ck_assert_int_eq(tmpl_init("tests/unit/fixtures/markup", 0), 0);
}

static void
teardown(void)
{
	arena_free(&a);
}

/* The HTML text draws, without the partial's line breaks. */
static char *
render(const char *text)
{
	tmpl_dict *d = tmpl_dict_new("page.tpl");
	struct buf out;
	char *html, *r, *w;

	buf_init(&out);
	markup_fill(d, "DESCRIPTION", &a, text);
	ck_assert_int_eq(tmpl_render("page.tpl", d, &out), 0);
	tmpl_dict_free(d);
	html = arena_strdup(&a, out.data ? out.data : "");
	buf_free(&out);
	for (r = w = html; *r; r++)
		if (*r != '\n')
			*w++ = *r;
	*w = '\0';
	return html;
}

START_TEST(test_empty)
{
	ck_assert_ptr_null(markup_parse(&a, NULL));
	ck_assert_ptr_null(markup_parse(&a, ""));
	ck_assert_ptr_null(markup_parse(&a, " \n\t\r\n  \n"));
	ck_assert_str_eq(render(""), "<div></div>");
}
END_TEST

START_TEST(test_paragraphs)
{
	struct markup_block *b = markup_parse(&a, "  First line\r\nsecond line  \r\n\r\n\n  Next one.\n");

	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->kind, MARKUP_PARAGRAPH);
	ck_assert_uint_eq(b->n, 2);
	ck_assert_str_eq(b->lines[0], "First line");
	ck_assert_str_eq(b->lines[1], "second line");
	ck_assert_ptr_nonnull(b->next);
	ck_assert_str_eq(b->next->lines[0], "Next one.");
	ck_assert_ptr_null(b->next->next);
	ck_assert_str_eq(render("One\ntwo\n\nThree"), "<div><p>One<br>two</p><p>Three</p></div>");
}
END_TEST

START_TEST(test_lists)
{
	const char *text = "Features:\n- Oak\n* Linen\n   and wool\n- Brass\n1. Wash\n2. Dry\n10. Iron\nDone.\n\n- Solo";

	ck_assert_str_eq(render(text),
			 "<div><p>Features:</p><ul><li>Oak</li><li>Linen and wool</li><li>Brass</li></ul>"
			 "<ol><li>Wash</li><li>Dry</li><li>Iron</li></ol><p>Done.</p><ul><li>Solo</li></ul></div>");
	/* Not markers: no space after, a number too long, a dash inside. */
	ck_assert_str_eq(render("-5 degrees\n12345. x\n2.5 kg\nA - B"),
			 "<div><p>-5 degrees<br>12345. x<br>2.5 kg<br>A - B</p></div>");
	/* A marker with nothing after it is an empty item, not a crash. */
	ck_assert_str_eq(render("- \n-"), "<div><p>-<br>-</p></div>");
}
END_TEST

START_TEST(test_escaped)
{
	const char *html = render("<script>alert(1)</script> & \"q\" 'a'\n\n- <b>bold</b>\n1. <img src=x onerror=alert(1)>");

	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"));
	ck_assert_ptr_nonnull(strstr(html, "<li>&lt;b&gt;bold&lt;/b&gt;</li>"));
	ck_assert_ptr_nonnull(strstr(html, "<ol><li>&lt;img src=x onerror=alert(1)&gt;</li></ol>"));
	/* Template syntax typed by a vendor is text too. */
	ck_assert_ptr_nonnull(strstr(render("{{NAME}} {{>X}}"), "<p>{{NAME}} {{&gt;X}}</p>"));
}
END_TEST

START_TEST(test_long)
{
	struct buf b;
	struct markup_block *m;
	size_t n = 0;
	int i;

	buf_init(&b);
	for (i = 0; i < 500; i++)
		buf_printf(&b, "- item %d\n", i);
	m = markup_parse(&a, b.data);
	ck_assert_int_eq(m->kind, MARKUP_BULLETS);
	ck_assert_uint_eq(m->n, 500);
	ck_assert_str_eq(m->lines[499], "item 499");
	for (; m; m = m->next)
		n++;
	ck_assert_uint_eq(n, 1);
	buf_free(&b);
}
END_TEST

static Suite *
markup_suite(void)
{
	Suite *s = suite_create("markup");
	TCase *tc = tcase_create("markup");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_paragraphs);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_escaped);
	tcase_add_test(tc, test_long);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(markup_suite)

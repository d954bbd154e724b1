/* Tests for cgi/lib/asset.c */
#include "check_util.h"
#include "asset.h"
#include "tmpl.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_manifest)
{
	char path[] = "/tmp/bazaar-manifest-XXXXXX";
	FILE *f = fdopen(mkstemp(path), "w");
	char *media;

	fputs("css/site.css css/site.0123456789.css\nimg/logo.svg img/logo.abcdef0123.svg\nbadline\n", f);
	fclose(f);
	setenv("BAZAAR_STATIC_MANIFEST", path, 1);
	setenv("BAZAAR_ASSET_BASE_URL", "", 1);
	ck_assert_int_eq(asset_init(), 0);
	ck_assert_str_eq(asset_url("css/site.css"), "/static/css/site.0123456789.css");
	ck_assert_str_eq(asset_url("img/logo.svg"), "/static/img/logo.abcdef0123.svg");
	ck_assert_ptr_null(asset_url("css/none.css"));
	media = asset_media_url("p/1/1.svg");
	ck_assert_str_eq(media, "/media/p/1/1.svg");
	free(media);

	setenv("BAZAAR_ASSET_BASE_URL", "https://cdn.example", 1);
	ck_assert_int_eq(asset_init(), 0);
	ck_assert_str_eq(asset_url("css/site.css"), "https://cdn.example/static/css/site.0123456789.css");
	media = asset_media_url("p/1/1.svg");
	ck_assert_str_eq(media, "https://cdn.example/media/p/1/1.svg");
	free(media);
	unlink(path);
}
END_TEST

START_TEST(test_missing_manifest)
{
	setenv("BAZAAR_STATIC_MANIFEST", "/nonexistent/manifest.txt", 1);
	ck_assert_int_eq(asset_init(), -1);
	ck_assert_ptr_null(asset_url("css/site.css"));
}
END_TEST

static Suite *
check_asset_suite(void)
{
	Suite *s = suite_create("asset");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_manifest);
	tcase_add_test(tc, test_missing_manifest);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_asset_suite)

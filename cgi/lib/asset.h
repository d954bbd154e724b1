/*
 * asset: URLs of fingerprinted static files and of uploaded media.
 * The build writes build/static/manifest.txt ("css/site.css css/site.3f9a1c2b.css"
 * per line); pages link the fingerprinted name under BAZAAR_ASSET_BASE_URL, so
 * a CDN can cache them forever.
 */
#ifndef BAZAAR_ASSET_H
#define BAZAAR_ASSET_H

/* Loads the manifest (BAZAAR_STATIC_MANIFEST) and publishes template globals:
 * ASSET_BASE, MEDIA_BASE and, per file, ASSET_<NAME> (e.g. ASSET_CSS_SITE_CSS). */
int asset_init(void);
/* Full URL of a static file by its source name, e.g. "css/site.css". */
const char *asset_url(const char *name);
/* Full URL of a media path stored in the database, e.g. "p/12/1.svg". */
char *asset_media_url(const char *path);	/* malloc'd */

#endif

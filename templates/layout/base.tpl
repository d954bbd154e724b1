{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{SITE_NAME}}</title>
{{#HAS_DESCRIPTION}}<meta name="description" content="{{DESCRIPTION}}">{{/HAS_DESCRIPTION}}
{{#HAS_CANONICAL}}<link rel="canonical" href="{{CANONICAL}}">{{/HAS_CANONICAL}}
{{#SHARE}}<meta property="og:site_name" content="{{OG_SITE}}">
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:title" content="{{OG_TITLE}}">
<meta property="og:url" content="{{OG_URL}}">
{{#OG_HAS_DESCRIPTION}}<meta property="og:description" content="{{OG_DESCRIPTION}}">
{{/OG_HAS_DESCRIPTION}}{{#OG_IMAGE}}<meta property="og:image" content="{{OG_IMAGE_URL}}">
<meta property="og:image:alt" content="{{OG_IMAGE_ALT}}">
<meta name="twitter:image:alt" content="{{OG_IMAGE_ALT}}">
{{/OG_IMAGE}}{{#OG_PRICE}}<meta property="product:price:amount" content="{{OG_AMOUNT}}">
<meta property="product:price:currency" content="{{OG_CURRENCY}}">
{{/OG_PRICE}}<meta name="twitter:card" content="{{TWITTER_CARD}}">
{{/SHARE}}<link rel="stylesheet" href="{{ASSET_CSS_SITE_CSS}}">
<link rel="icon" href="{{ASSET_IMG_FAVICON_SVG}}" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap header-bar">
<a class="brand" href="/"><img src="{{ASSET_IMG_LOGO_SVG}}" alt="" width="32" height="32"><span>{{SITE_NAME}}</span></a>
{{#SEARCH}}<form class="site-search" action="/search" method="get" role="search" aria-label="Site search">
<label class="visually-hidden" for="site-search-q">Search products</label>
<input id="site-search-q" type="search" name="q" value="{{Q}}" maxlength="100" placeholder="Search products" autocomplete="off">
<button type="submit">Search</button>
</form><script src="{{ASSET_JS_SUGGEST_JS}}" defer></script>{{/SEARCH}}
{{#ACCOUNT_NAV}}<nav class="account-nav" aria-label="Your account">
{{>ACCOUNT_LINKS}}
</nav>{{/ACCOUNT_NAV}}
{{! A shared page (hdr.h): nginx's SSI puts the visitor's own links here,
    from memcached or the storefront; a visitor with neither a header key
    nor a session gets the guest links written below. }}
{{#SHARED_NAV}}<nav class="account-nav" aria-label="Your account">
<!--# if expr="$bz_hdr" --><!--# include virtual="/_bazaar/header" --><!--# else -->{{>GUEST_LINKS}}<!--# endif -->
</nav>{{/SHARED_NAV}}
</div>
{{#UNVERIFIED}}<div class="verify-banner" role="status"><p class="wrap"><strong>Please confirm your email address.</strong> Unverified accounts can log in but cannot buy or list until verified: use the link or the code we sent you. <a href="/verify">Enter the code or get a new mail</a></p></div>{{/UNVERIFIED}}
{{#HAS_NAV}}<nav class="cat-nav" aria-label="Categories">
<div class="wrap"><ul>
{{>NAV_LINKS}}{{NAV_HTML:none}}</ul></div>{{! NAV_HTML is layout/_nav_links.tpl drawn with its own escaping by sf_nav.c, from the category tree }}
</nav>{{/HAS_NAV}}
</header>
<main id="main" tabindex="-1">
<div class="wrap">
{{#HAS_CRUMBS}}<nav class="crumbs" aria-label="Breadcrumb">
<ol>{{#CRUMBS}}<li>{{#CRUMB_LINK}}<a href="{{URL}}">{{LABEL}}</a>{{/CRUMB_LINK}}{{#CRUMB_CURRENT}}<span aria-current="page">{{LABEL}}</span>{{/CRUMB_CURRENT}}</li>{{/CRUMBS}}</ol>
</nav>{{/HAS_CRUMBS}}
{{#FLASH}}<div class="flash" role="status">{{MESSAGE}}</div>{{/FLASH}}
{{>CONTENT}}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/search">Search</a></li>
</ul>
<p>{{SITE_NAME}} — many independent shops in one place.</p>
</div>
</footer>
</body>
</html>

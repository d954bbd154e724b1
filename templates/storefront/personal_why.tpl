{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Why am I seeing this?</h1>
</div>
<section class="section" aria-labelledby="why-paid">
<h2 id="why-paid">A paid placement</h2>
<p><a href="{{PRODUCT_URL}}">{{PRODUCT}}</a> is labelled “Sponsored” because {{VENDOR}}, the shop that sells it, pays {{SITE_NAME}} to show it.
{{#ON_HOME}}The promotion runs on the home page.{{/ON_HOME}}{{#ON_CATEGORY}}The promotion runs on the pages of {{CATEGORY}}.{{/ON_CATEGORY}}{{#ON_SEARCH}}The promotion runs among the results of searches for the words the shop chose.{{/ON_SEARCH}}{{#ON_ALL}}The promotion runs on the home page, on the pages of its category and among matching search results.{{/ON_ALL}}</p>
</section>
<section class="section" aria-labelledby="why-you">
<h2 id="why-you">Why here</h2>
{{#CONTEXTUAL}}<p>It was chosen for the page you were on, the same for every visitor of that page: nothing about you was used.</p>{{/CONTEXTUAL}}
{{#PERSONAL}}{{#VIEWED}}<p>It was chosen for you: you recently viewed products in {{CATEGORY}}, and this product is in that part of the shop.</p>{{/VIEWED}}{{#BOUGHT}}<p>It was chosen for you: you bought products in {{CATEGORY}} before, and this product is in that part of the shop.</p>{{/BOUGHT}}{{/PERSONAL}}
<p>Sponsored products are chosen from the page you are on. On the home page, category pages and search results they may also be chosen from the categories of the products you viewed on this browser and, when you are logged in, of those you viewed or bought before, unless you turn personalisation off. Shops never learn who saw their promotion.</p>
{{#LOGGED_IN_ON}}<p>Personalisation is on for your account. <a href="/account#personalisation">Turn it off on your account page</a>.</p>{{/LOGGED_IN_ON}}
{{#LOGGED_IN_OFF}}<p>Personalisation is off for your account: you see only the Sponsored products chosen for the page.</p>{{/LOGGED_IN_OFF}}
{{#ANONYMOUS}}<p>You are not logged in: what you see is chosen for the page, and from the products viewed on this browser (its “Recently viewed” list, which you can clear).</p>{{/ANONYMOUS}}
</section>
</div>

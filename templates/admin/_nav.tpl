{{%AUTOESCAPE context="HTML"}}
<nav class="portal-nav admin-nav" aria-label="Admin">
<ul>
{{! IS_ADMIN: every page; a support user sees the ticket pages only. }}
{{#IS_ADMIN}}<li><a href="/admin/"{{#CURRENT_HOME}} aria-current="page"{{/CURRENT_HOME}}>Dashboard</a></li>
<li><a href="/admin/orders"{{#CURRENT_ORDERS}} aria-current="page"{{/CURRENT_ORDERS}}>Orders</a></li>
<li><a href="/admin/vendors"{{#CURRENT_VENDORS}} aria-current="page"{{/CURRENT_VENDORS}}>Vendors</a></li>
<li><a href="/admin/users"{{#CURRENT_USERS}} aria-current="page"{{/CURRENT_USERS}}>Accounts</a></li>
<li><a href="/admin/listings/review"{{#CURRENT_LISTINGS}} aria-current="page"{{/CURRENT_LISTINGS}}>Listings to review</a></li>
<li><a href="/admin/prohibited-words"{{#CURRENT_WORDS}} aria-current="page"{{/CURRENT_WORDS}}>Prohibited words</a></li>
<li><a href="/admin/synonyms"{{#CURRENT_SYNONYMS}} aria-current="page"{{/CURRENT_SYNONYMS}}>Search synonyms</a></li>
<li><a href="/admin/plans"{{#CURRENT_PLANS}} aria-current="page"{{/CURRENT_PLANS}}>Plans</a></li>
<li><a href="/admin/payouts"{{#CURRENT_PAYOUTS}} aria-current="page"{{/CURRENT_PAYOUTS}}>Payouts</a></li>
<li><a href="/admin/commission"{{#CURRENT_COMMISSION}} aria-current="page"{{/CURRENT_COMMISSION}}>Commission</a></li>
<li><a href="/admin/coupons"{{#CURRENT_COUPONS}} aria-current="page"{{/CURRENT_COUPONS}}>Coupons</a></li>
<li><a href="/admin/tax"{{#CURRENT_TAX}} aria-current="page"{{/CURRENT_TAX}}>Tax rates</a></li>
<li><a href="/admin/refunds"{{#CURRENT_REFUNDS}} aria-current="page"{{/CURRENT_REFUNDS}}>Refunds</a></li>
<li><a href="/admin/returns">Returns</a></li>
<li><a href="/admin/payments/bank"{{#CURRENT_PAYMENTS}} aria-current="page"{{/CURRENT_PAYMENTS}}>Bank transfers</a></li>
<li><a href="/admin/reports"{{#CURRENT_REPORTS}} aria-current="page"{{/CURRENT_REPORTS}}>Reported content</a></li>
<li><a href="/admin/audit"{{#CURRENT_AUDIT}} aria-current="page"{{/CURRENT_AUDIT}}>Audit log</a></li>{{/IS_ADMIN}}
<li><a href="/admin/tickets"{{#CURRENT_TICKETS}} aria-current="page"{{/CURRENT_TICKETS}}>Support tickets</a></li>
<li><form class="inline-form" action="/admin/logout" method="post"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link-button">Log out of admin</button></form></li>
</ul>
</nav>

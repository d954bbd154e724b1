{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>{{NAME}}</h1>
<p>Your vendor portal: where your shop stands, and what to do next.</p>
</div>

<section class="section" aria-labelledby="shop-status">
<h2 id="shop-status">Your shop</h2>
{{#STATUS_PENDING}}<div class="notice notice-warn">
<p><strong>Being checked.</strong> We are checking your details. This usually takes two working days. Until then you can edit your profile but cannot publish listings.</p>
<p><a href="/vendor/profile">Review your business profile</a></p>
</div>{{/STATUS_PENDING}}
{{#STATUS_VERIFIED}}<div class="notice notice-good">
<p><strong>Verified.</strong> Your shop is live at <a href="/v/{{SLUG}}">/v/{{SLUG}}</a></p>
</div>{{/STATUS_VERIFIED}}
{{#STATUS_REJECTED}}<div class="notice notice-bad">
<p><strong>Not approved.</strong> We could not verify your shop with the details you gave us.</p>
{{#HAS_REASON}}<p>What we found:</p>
<blockquote class="reason"><p>{{REASON}}</p></blockquote>{{/HAS_REASON}}
<p>Fix your profile and send it again: <a href="/vendor/profile">edit your business profile</a>, save it, then send it for checking with the button below.</p>
<form action="/vendor/resubmit" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">Send my profile for checking again</button>
</form>
</div>{{/STATUS_REJECTED}}
{{#STATUS_BLOCKED}}<div class="notice notice-bad">
<p><strong>Blocked.</strong> Your shop is closed: shoppers cannot see it or buy from it.</p>
{{#HAS_REASON}}<p>Why we blocked it:</p>
<blockquote class="reason"><p>{{REASON}}</p></blockquote>{{/HAS_REASON}}
<p>How to appeal: write to <a href="mailto:{{SUPPORT_EMAIL}}">{{SUPPORT_EMAIL}}</a> from the email address of this account. Say which decision you disagree with and why, and attach anything that shows it. We answer every appeal within five working days.</p>
</div>{{/STATUS_BLOCKED}}
</section>

{{#ORDERS_BOX}}<section class="section" aria-labelledby="new-orders">
<div class="section-head">
<h2 id="new-orders">New orders</h2>
<a href="/vendor/orders">All orders</a>
</div>
{{#NO_ORDERS_WAITING}}<p class="muted">No paid order is waiting to be sent.</p>{{/NO_ORDERS_WAITING}}
{{#WAITING}}<p><strong>{{ORDERS_WAITING_TEXT}}</strong></p>{{/WAITING}}
<ul class="new-orders">
{{#NEW_ORDER}}<li><a href="/vendor/orders/{{ID}}">{{NUMBER}}</a>: {{UNITS}} units to {{SHIP_NAME}}, {{SHIP_COUNTRY}}, {{TOTAL}}, paid order placed {{PLACED_AT}} UTC</li>
{{/NEW_ORDER}}</ul>
</section>{{/ORDERS_BOX}}

{{#STEPS}}<section class="section" aria-labelledby="next-steps">
<h2 id="next-steps">Next steps</h2>
<p>{{DONE}} of 4 done. A few things make a new shop easier to find and to trust:</p>
<ol class="steps">
<li id="step-brand">{{#BRANDED}}<span class="done">Done:</span> your logo and banner are on your shop page.{{/BRANDED}}{{#BRAND_TODO}}<strong>Add your logo and banner</strong> so shoppers recognise your shop: <a href="/vendor/shop">add them to your shop page</a>.{{/BRAND_TODO}}</li>
<li id="step-shipping">{{#SHIPPING_SET}}<span class="done">Done:</span> your shipping, payment and return terms are saved.{{/SHIPPING_SET}}{{#SHIPPING_TODO}}<strong>Set your shipping settings</strong>: what delivery costs, where you deliver, the payment methods you accept and your returns: <a href="/vendor/shipping">set them up</a>.{{/SHIPPING_TODO}}</li>
<li id="step-listing">{{#LISTED}}<span class="done">Done:</span> your first listing is made.{{/LISTED}}{{#LIST_TODO}}<strong>Create your first listing</strong>: <a href="/vendor/listings/new">add a product</a>.{{/LIST_TODO}}</li>
<li id="step-promotion">{{#PROMOTED}}<span class="done">Done:</span> you have promoted a listing.{{/PROMOTED}}{{#PROMOTE_TODO}}<strong>Promote a listing</strong> in the Sponsored places of the shop: <a href="/vendor/promotions/new">buy a promotion</a>.{{/PROMOTE_TODO}}{{#PROMOTE_LATER}}<strong>Promote a listing</strong> in the Sponsored places of the shop, once you have one.{{/PROMOTE_LATER}}</li>
</ol>
</section>{{/STEPS}}

<section class="section" aria-labelledby="plan-money">
<div class="section-head">
<h2 id="plan-money">Your plan and balance</h2>
<a href="/vendor/plan">Plan details</a>
</div>
<dl class="facts plan-terms">
<dt>Plan</dt><dd id="plan-name">{{PLAN}}</dd>
<dt>Commission</dt><dd id="plan-commission">{{COMMISSION}}</dd>
<dt>Listings</dt><dd id="plan-listings">{{USED}}{{#LIMIT}} of {{LIMIT}}{{/LIMIT}}{{#NO_LIMIT}} (no limit){{/NO_LIMIT}}</dd>
<dt>Promotion</dt><dd id="plan-promotion">{{PROMOTION_RATE}} a day</dd>
<dt>Monthly fee</dt><dd id="plan-fee">{{#FEE}}{{MONTHLY_FEE}}{{/FEE}}{{#NO_FEE}}None{{/NO_FEE}}</dd>
<dt>Balance</dt><dd id="balance">{{#BALANCE}}{{AMOUNT}}{{/BALANCE}}{{#BALANCE_OWED}}You owe {{AMOUNT}}{{/BALANCE_OWED}}</dd>
<dt>Available to pay out</dt><dd id="available">{{AVAILABLE}}</dd>
</dl>
<p><a href="/vendor/ledger">See your ledger</a> · <a href="/vendor/payouts">Payouts</a></p>
</section>

<section class="section" aria-labelledby="email-status">
<h2 id="email-status">Your email address</h2>
{{#EMAIL_VERIFIED}}<p>Your email address is confirmed.</p>{{/EMAIL_VERIFIED}}
{{#EMAIL_UNVERIFIED}}<div class="notice notice-warn">
<p>Please verify your email address before you can list: we sent a link and a code to {{EMAIL}}.</p>
<p><a href="/verify">Enter the code or open the link</a></p>
<form action="/verify/resend" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-plain">Send me a new link</button>
</form>
</div>{{/EMAIL_UNVERIFIED}}
</section>

<section class="section" aria-labelledby="listing-counts">
<div class="section-head">
<h2 id="listing-counts">Your listings</h2>
<a href="/vendor/listings">See all listings</a>
</div>
{{#HAS_LISTINGS}}<p>{{TOTAL}} in all.</p>{{/HAS_LISTINGS}}
<dl class="facts listing-counts">
{{#COUNT}}<dt>{{LABEL}}</dt><dd id="count-{{STATE}}">{{NUM}}</dd>
{{/COUNT}}</dl>
{{#NO_LISTINGS}}<p class="muted">You have no listings yet.</p>{{/NO_LISTINGS}}
<h3 id="low-stock">Running low</h3>
{{#HAS_LOW}}<ul class="low-stock" aria-labelledby="low-stock">
{{#LOW}}<li><a href="/vendor/listings/{{ID}}/edit">{{NAME}}</a>: {{#SOLD_OUT}}<strong>sold out</strong>{{/SOLD_OUT}}{{#LEFT}}{{STOCK}} left{{/LEFT}} (alert at {{THRESHOLD}})</li>
{{/LOW}}</ul>{{/HAS_LOW}}
{{#NO_LOW}}<p class="muted">No live listing is at or below its low-stock alert.</p>{{/NO_LOW}}
</section>

<section class="section" aria-labelledby="promotions">
<div class="section-head">
<h2 id="promotions">Your promotions</h2>
<a href="/vendor/promotions">All promotions</a>
</div>
<h3 id="promotions-running">Running now</h3>
{{#NO_RUNNING}}<p class="muted">None running.</p>{{/NO_RUNNING}}
{{#RUNNING}}<ul class="promotions" aria-labelledby="promotions-running">
{{#PROMOTION}}<li id="running-{{ID}}">{{NAME}}: {{STARTS}} to {{LAST}}</li>
{{/PROMOTION}}</ul>{{/RUNNING}}
<h3 id="promotions-scheduled">Scheduled</h3>
{{#NO_SCHEDULED}}<p class="muted">None scheduled.</p>{{/NO_SCHEDULED}}
{{#SCHEDULED}}<ul class="promotions" aria-labelledby="promotions-scheduled">
{{#PROMOTION}}<li id="scheduled-{{ID}}">{{NAME}}: {{STARTS}} to {{LAST}}</li>
{{/PROMOTION}}</ul>{{/SCHEDULED}}
</section>
</div>

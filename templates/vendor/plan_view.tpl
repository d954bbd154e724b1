{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your plan: {{NAME}}</h1>
<p>The terms you sell under. To change plan, write to us: a new plan applies to orders placed after the change, never to earlier ones.</p>
</div>
<section class="panel" aria-labelledby="terms-title">
<h2 id="terms-title">Terms</h2>
<dl class="facts">
<dt>Commission</dt><dd>{{COMMISSION}}</dd>
<dt>Listings</dt><dd>{{#LIMIT}}Up to {{LIMIT}} live or hidden listings; you have {{USED}}.{{/LIMIT}}{{#NO_LIMIT}}No limit; you have {{USED}} live or hidden.{{/NO_LIMIT}}</dd>
<dt>Promotion</dt><dd>{{PROMOTION_RATE}} a day</dd>
<dt>Monthly fee</dt><dd>{{#FEE}}{{MONTHLY_FEE}}, charged to your balance at the start of each month.{{/FEE}}{{#NO_FEE}}None{{/NO_FEE}}</dd>
</dl>
{{#LIMIT_REACHED}}<p class="notice notice-warn">You have reached your plan's listing limit: archive a listing before you publish another, or ask us for a larger plan.</p>{{/LIMIT_REACHED}}
<p><a href="/vendor/ledger">Your balance and ledger</a></p>
</section>
</div>

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
</section>
</div>

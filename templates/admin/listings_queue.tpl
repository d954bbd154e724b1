{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-listings">
<div class="page-head">
<h1>Listings to review</h1>
<p>Listings held before they are shown in the shop, the longest waiting first. Open one to see it whole and approve or reject it.</p>
</div>
<p class="result-count">{{RESULT_TEXT}}</p>
{{#NO_LISTINGS}}<div class="empty"><p>No listing is waiting for review.</p></div>{{/NO_LISTINGS}}
{{#HAS_LISTINGS}}<ol class="review-queue">
{{#LISTING}}<li class="panel">
<h2><a href="{{URL}}">{{NAME}}</a></h2>
<p>{{VENDOR}} · submitted {{SUBMITTED}} · <a href="{{VENDOR_URL}}">the shop</a></p>
<p>{{CAUSE}}</p>
{{#NEW_LISTING}}<p><span class="status-badge">New listing</span> never approved before.</p>{{/NEW_LISTING}}
{{#NOTHING_CHANGED}}<p class="muted">Nothing changed since the version last approved.</p>{{/NOTHING_CHANGED}}
{{#FIELD}}{{#DIFFERS}}<p class="change"><strong>{{LABEL}}:</strong> {{#OLD}}{{#CHANGED}}changed{{/CHANGED}}{{VALUE}}{{/OLD}} → {{#NEW}}{{#CHANGED}}see the listing{{/CHANGED}}{{VALUE}}{{/NEW}}</p>{{/DIFFERS}}
{{/FIELD}}</li>
{{/LISTING}}</ol>{{/HAS_LISTINGS}}
{{>PAGINATION}}
</div>

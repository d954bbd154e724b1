{{%AUTOESCAPE context="HTML"}}
{{! The new-listing and edit-listing page. ACTION is the form's address;
    EDIT {ID, STATUS_LABEL, sections LIVE {URL}, IN_REVIEW {CAUSE},
    REJECTED {AT, REASON}, CAN_PUBLISH, CAN_ARCHIVE, CAN_RESTORE} shows the
    listing's state (and the marketplace's review) and its actions; PUBLISH_REFUSED
    {WHY} says why the shop cannot publish. }}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>{{HEADING}}</h1>
{{#EDIT}}<p>State: <strong>{{STATUS_LABEL}}</strong>{{#LIVE}} &middot; <a href="{{URL}}">View in the shop</a>{{/LIVE}} &middot; <a href="/vendor/listings/{{ID}}/images">Pictures</a> &middot; <a href="/vendor/listings/{{ID}}/stock">Stock history</a></p>{{/EDIT}}
{{#EDIT}}{{#IN_REVIEW}}<div class="notice" id="in-review"><p>Awaiting review: the marketplace looks at this listing before shoppers see it. {{CAUSE}} You can still edit it; the reviewer then sees your latest version.</p></div>{{/IN_REVIEW}}
{{#REJECTED}}<div class="notice notice-warn" id="rejected"><p>Not approved ({{AT}}). What to change:</p>
<p>{{REASON}}</p>
<p>Edit the listing and publish it again; it is reviewed again.</p></div>{{/REJECTED}}{{/EDIT}}
<p><a href="/vendor/listings">Back to your listings</a></p>
</div>
{{#PUBLISH_REFUSED}}<div class="notice notice-warn" id="publish-refused">
<p>{{WHY}}</p>
</div>{{/PUBLISH_REFUSED}}
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
<p>Nothing was saved yet.</p>
</div>{{/HAS_ERRORS}}
<form class="form form-wide" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>FIELDS}}
<div class="actions">
<button type="submit" class="button">{{SAVE_LABEL}}</button>
{{#OFFER_PUBLISH}}<button type="submit" class="button" name="publish" value="1">{{PUBLISH_LABEL}}</button>{{/OFFER_PUBLISH}}
<a href="/vendor/listings">Cancel</a>
</div>
</form>
{{#EDIT}}<section class="listing-actions" aria-labelledby="listing-actions-title">
<h2 id="listing-actions-title">More for this listing</h2>
<div class="actions">
<form action="/vendor/listings/{{ID}}/duplicate" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-plain">Duplicate as a new draft</button>
</form>
{{#CAN_ARCHIVE}}<form action="/vendor/listings/{{ID}}/archive" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-plain" aria-describedby="archive-note">Archive</button>
<p class="hint" id="archive-note">Takes it out of the shop; you can restore it later.</p>
</form>{{/CAN_ARCHIVE}}
{{#CAN_RESTORE}}<form action="/vendor/listings/{{ID}}/restore" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button button-plain">Restore as a draft</button>
</form>{{/CAN_RESTORE}}
</div>
</section>{{/EDIT}}
</div>

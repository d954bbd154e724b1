{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Your addresses</h1>
<p>Addresses are stored encrypted and shown only to you, and to the vendors who deliver your orders.</p>
</div>
<section class="section" aria-labelledby="saved-title">
<h2 id="saved-title">Saved addresses</h2>
{{#NO_ADDRESSES}}<p class="empty">You have no saved addresses yet.</p>{{/NO_ADDRESSES}}
<ul class="address-list">
{{#ADDRESS}}<li>
<h3>{{LABEL}}{{#IS_DEFAULT}} <span class="status-badge">default</span>{{/IS_DEFAULT}}</h3>
<address>{{NAME}}<br>{{LINE1}}<br>{{#HAS_LINE2}}{{LINE2}}<br>{{/HAS_LINE2}}{{POSTCODE}} {{CITY}}<br>{{COUNTRY}}{{#HAS_PHONE}}<br>Phone: {{PHONE}}{{/HAS_PHONE}}</address>
<p><a href="/account/addresses/{{ID}}">Change or delete<span class="visually-hidden"> the address {{LABEL}}</span></a></p>
</li>
{{/ADDRESS}}</ul>
</section>
{{#CAN_ADD}}<section class="section" aria-labelledby="add-title">
<h2 id="add-title">Add an address</h2>
<form class="form" method="post" action="/account/addresses" novalidate>
{{>ADDRESS_FIELDS}}
<div class="actions">
<button class="button" type="submit">Save the address</button>
</div>
</form>
</section>{{/CAN_ADD}}
{{#FULL}}<p class="notice">You have {{ADDRESSES_MAX}} addresses, the most an account can keep. Delete one to add another.</p>{{/FULL}}
</div>

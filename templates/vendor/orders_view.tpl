{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Order {{NUMBER}}</h1>
<p>{{#CONVERSATION}}<a href="/vendor/messages/{{CONVERSATION_ID}}">Messages with the customer</a>{{#UNREAD}} <strong class="unread-count">{{COUNT}} unread</strong>{{/UNREAD}} · {{/CONVERSATION}}<a href="/vendor/orders/{{ID}}/slip">Packing slip</a> · <a href="/vendor/orders/{{ID}}/cancel">Cancel this order</a>{{#HAS_INVOICE}} · <a href="/vendor/orders/{{ID}}/invoice">Invoice</a> · <a href="/vendor/orders/{{ID}}/invoice.pdf">Invoice (PDF)</a>{{/HAS_INVOICE}}</p>
</div>
{{#NOT_PAID}}<p class="notice">The customer has not paid yet: do not send anything until this order shows as paid.</p>{{/NOT_PAID}}
{{#CAN_SHIP}}<section class="section" aria-labelledby="ship-head">
<h2 id="ship-head">Mark shipped</h2>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<h3>Please check the form</h3>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form action="/vendor/orders/{{ID}}/ship" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="form-row">
<label for="carrier">Carrier</label>
{{#CARRIER_ERROR}}<p class="field-error" id="carrier-error">{{MESSAGE}}</p>{{/CARRIER_ERROR}}
<input id="carrier" name="carrier" type="text" maxlength="60" list="carriers" value="{{CARRIER}}" required>
<datalist id="carriers">{{#CARRIER_OPTION}}<option value="{{NAME}}">{{/CARRIER_OPTION}}</datalist>
</div>
<div class="form-row">
<label for="tracking">Tracking number</label>
{{#TRACKING_ERROR}}<p class="field-error" id="tracking-error">{{MESSAGE}}</p>{{/TRACKING_ERROR}}
<input id="tracking" name="tracking" type="text" maxlength="100" value="{{TRACKING}}" autocomplete="off" required>
</div>
<button type="submit" class="button">Mark shipped</button>
</form>
</section>{{/CAN_SHIP}}
{{#CAN_DELIVER}}<form action="/vendor/orders/{{ID}}/deliver" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">Mark delivered</button>
</form>{{/CAN_DELIVER}}
{{>ORDER}}
</div>

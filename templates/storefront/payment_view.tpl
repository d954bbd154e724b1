{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Payment for order {{NUMBER}}</h1>
<p>Total: <strong>{{TOTAL}}</strong></p>
</div>
{{#PAID}}<div class="notice" role="status"><p>Paid on {{PAID_ON}}. Thank you!</p></div>{{/PAID}}
{{#BANK}}{{>BANK_DETAILS}}{{/BANK}}
{{#WAITING}}{{#FAILURE}}<div class="notice" role="alert"><p>Your last attempt did not go through: {{MESSAGE}}</p></div>{{/FAILURE}}
<p>This order is waiting for payment by {{METHOD}}. Unpaid, it is cancelled after {{EXPIRES}}.</p>
<form class="form" method="post" action="/orders/{{ORDER_ID}}/payment">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#GUEST_TOKEN}}<input type="hidden" name="token" value="{{TOKEN}}">
{{/GUEST_TOKEN}}<div class="actions"><button class="button" type="submit">Pay now</button></div>
</form>{{/WAITING}}
{{#CLOSED}}<div class="notice" role="status"><p>This order is closed: {{WHY}} Nothing was charged.</p></div>{{/CLOSED}}
</div>

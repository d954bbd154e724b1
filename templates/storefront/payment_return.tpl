{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
{{#SUCCEEDED}}<h1>Thank you for your order</h1>
<p>Your payment was received. We have sent you a confirmation by email.</p>{{/SUCCEEDED}}
{{#OPEN}}<h1>Waiting for the payment</h1>
<p>Your payment has not been confirmed yet. This can take a moment: we send you an email as soon as it is.</p>{{/OPEN}}
{{#CANCELLED}}<h1>Payment cancelled</h1>
<p>The payment was cancelled and nothing was charged. Your order is cancelled and its items are back on sale.</p>{{/CANCELLED}}
</div>
{{#ORDER}}<p><a href="{{URL}}">See your order{{#NUMBER}} {{NUMBER}}{{/NUMBER}}</a></p>{{/ORDER}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page account">
<div class="page-head">
<h1>Your order</h1>
{{#GUEST_VIEW}}<p>You opened this order with the link of its confirmation mail. Keep the mail: the link is your way back here.</p>{{/GUEST_VIEW}}
</div>
{{>ORDER}}
{{#PAYMENT}}<p><a class="button" href="{{URL}}">Pay for this order</a></p>{{/PAYMENT}}
{{#RETURNS}}<p><a href="{{URL}}">Cancel a part of this order, or return items</a></p>{{/RETURNS}}
</div>

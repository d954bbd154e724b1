{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow sandbox-page">
<div class="page-head">
<p class="status-badge">Sandbox payment provider: no real money moves</p>
<h1>Pay {{AMOUNT}}</h1>
<p>{{DESCRIPTION}}</p>
</div>
{{#SUCCEEDED}}<div class="notice" role="status"><p>This payment is complete.</p></div>
<p><a class="button" href="{{RETURN_URL}}">Back to the shop</a></p>{{/SUCCEEDED}}
{{#CANCELLED}}<div class="notice" role="status"><p>This payment was cancelled.</p></div>
<p><a class="button" href="{{CANCEL_URL}}">Back to the shop</a></p>{{/CANCELLED}}
{{#CARD}}{{#ERROR}}<div class="error-summary" role="alert"><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form class="form" method="post" action="/sandbox/pay/{{REF}}/card" novalidate autocomplete="off">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="number">Card number</label>
<input id="number" name="number" type="text" inputmode="numeric" autocomplete="off" maxlength="23" required>
</div>
<div class="field">
<label for="expiry">Expiry date (MM/YY)</label>
<input id="expiry" name="expiry" type="text" inputmode="numeric" autocomplete="off" maxlength="7" required>
</div>
<div class="field">
<label for="cvc">Security code</label>
<input id="cvc" name="cvc" type="text" inputmode="numeric" autocomplete="off" maxlength="4" required>
</div>
<div class="field">
<label for="name">Name on the card</label>
<input id="name" name="name" type="text" autocomplete="off" maxlength="100">
</div>
<div class="actions"><button class="button" type="submit">Pay {{AMOUNT}}</button></div>
</form>
<h2>Test cards</h2>
<p>Any expiry date in the future and any 3-digit code.</p>
<ul class="test-cards">{{#TEST_CARD}}<li><code>{{NUMBER}}</code>: {{LABEL}}</li>{{/TEST_CARD}}</ul>{{/CARD}}
{{#PAYPAL}}<p>Log in to approve this payment from your PayPal account (sandbox: no login needed).</p>
<form class="inline-form" method="post" action="/sandbox/pay/{{REF}}/approve">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button" type="submit">Approve and pay {{AMOUNT}}</button>
</form>{{/PAYPAL}}
{{#OPEN}}<form class="inline-form" method="post" action="/sandbox/pay/{{REF}}/cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-plain" type="submit">Cancel and return to the shop</button>
</form>{{/OPEN}}
</div>

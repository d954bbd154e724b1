{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow sandbox-page">
<div class="page-head">
<p class="status-badge">Sandbox payment provider: no real money moves</p>
<h1>Confirm your payment of {{AMOUNT}}</h1>
<p>Your card's bank asks you to confirm this payment ({{DESCRIPTION}}).</p>
</div>
<form class="inline-form" method="post" action="/sandbox/pay/{{REF}}/confirm">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="outcome" value="complete">
<button class="button" type="submit">Complete the confirmation</button>
</form>
<form class="inline-form" method="post" action="/sandbox/pay/{{REF}}/confirm">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="outcome" value="fail">
<button class="button button-plain" type="submit">Fail the confirmation</button>
</form>
</div>

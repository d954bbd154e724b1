{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Your ledger</h1>
<p>Every movement of money between you and the shop, newest first: plan fees, promotions and their refunds, credits and debits. Your balance is their sum. Times are UTC.</p>
</div>
{{>LEDGER}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Confirm the promotion</h1>
</div>
<dl class="summary">
<dt>Listing</dt><dd>{{NAME}}</dd>
<dt>Days</dt><dd>{{DAYS}} {{DAYS_WORD}}, from {{FIRST_DAY}} to {{LAST_DAY}} (UTC)</dd>
<dt>Price</dt><dd><strong>{{FEE}}</strong> ({{DAYS}} × {{RATE}})</dd>
<dt>Your balance</dt><dd>{{BALANCE}}</dd>
</dl>
{{#SHORT}}<p class="notice notice-bad" role="alert">{{MESSAGE}} Add to your balance first, or choose fewer days.</p>{{/SHORT}}
<form class="form" action="/vendor/promotions/new" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="product" value="{{PRODUCT}}">
<input type="hidden" name="start" value="{{START}}">
<input type="hidden" name="days" value="{{DAYS}}">
<input type="hidden" name="key" value="{{KEY}}">
<input type="hidden" name="confirm" value="1">
<div class="actions">
{{#COVERED}}<button type="submit" class="button">Pay {{FEE}} and promote</button>{{/COVERED}}
<a href="/vendor/promotions/new">Change the promotion</a>
</div>
</form>
</div>

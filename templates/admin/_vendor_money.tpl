{{%AUTOESCAPE context="HTML"}}
<section class="panel" id="plan" tabindex="-1" aria-labelledby="plan-title">
<h2 id="plan-title">Plan and balance</h2>
{{#CURRENT}}<dl class="facts">
<dt>Plan</dt><dd>{{NAME}}</dd>
<dt>Commission</dt><dd>{{COMMISSION}}</dd>
<dt>Listing limit</dt><dd>{{LISTING_LIMIT}}</dd>
<dt>Promotion</dt><dd>{{PROMOTION_RATE}}</dd>
<dt>Monthly fee</dt><dd>{{MONTHLY_FEE}}</dd>
</dl>{{/CURRENT}}
{{#BALANCE}}<p>Balance: <strong>{{AMOUNT}}</strong> · <a href="{{LEDGER_URL}}">Ledger, credits and debits</a></p>{{/BALANCE}}
<form class="form" action="{{PLAN_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="plan-choice">Move to plan</label>
<p class="hint" id="plan-choice-hint">From now on. Orders already placed keep the commission of the plan they were placed under.</p>
<select id="plan-choice" name="plan" aria-describedby="plan-choice-hint">
{{#OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/OPTION}}</select>
</div>
<div class="actions"><button type="submit" class="button">Change plan</button></div>
</form>
</section>

{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-ledger">
{{#CONFIRM}}<div class="page-head">
<h1>Debit {{DEBIT}} from {{TRADING_NAME}}?</h1>
</div>
<section class="panel" aria-labelledby="confirm-title">
<h2 id="confirm-title">Confirm the debit</h2>
<dl class="facts">
<dt>Balance now</dt><dd>{{BALANCE}}</dd>
<dt>Debit</dt><dd>{{DEBIT}}</dd>
<dt>Balance after</dt><dd>{{AFTER}}</dd>
<dt>Reason</dt><dd>{{REASON}}</dd>
</dl>
{{#GOES_NEGATIVE}}<p class="notice notice-warn">The balance goes below zero: the vendor will owe the difference.</p>{{/GOES_NEGATIVE}}
<p>An entry cannot be changed or deleted once booked; a mistake is put right by a credit.</p>
<form class="form" action="{{ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="entry_kind" value="debit">
<input type="hidden" name="amount" value="{{AMOUNT}}">
<input type="hidden" name="reason" value="{{REASON}}">
<input type="hidden" name="key" value="{{KEY}}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="button button-danger">Book the debit</button> <a href="{{ACTION}}">Cancel</a></div>
</form>
</section>{{/CONFIRM}}
{{#HEAD}}<div class="page-head">
<h1>Ledger of <a href="{{VENDOR_URL}}">{{TRADING_NAME}}</a></h1>
<p>Every movement of money with this vendor, newest first. Times are UTC. Entries cannot be changed or deleted.</p>
</div>{{/HEAD}}
{{>LEDGER}}
{{#FORM}}<section class="panel" aria-labelledby="entry-title">
<h2 id="entry-title">Credit or debit</h2>
<p>The vendor sees the reason next to the entry. A debit is confirmed on the next page.</p>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was booked: please correct what is marked below</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="key" value="{{KEY}}">
<fieldset class="field" id="entry_kind">
<legend>Credit or debit</legend>
{{#ENTRY_KIND_ERROR}}<p class="field-error" id="entry_kind-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ENTRY_KIND_ERROR}}
<label class="check"><input type="radio" name="entry_kind" value="credit" checked> Credit (the vendor receives it)</label>
<label class="check"><input type="radio" name="entry_kind" value="debit"> Debit (taken from the vendor's balance)</label>
</fieldset>
<div class="field">
<label for="amount">Amount</label>
<p class="hint" id="amount-hint">Such as 25.00.</p>
{{#AMOUNT_ERROR}}<p class="field-error" id="amount-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/AMOUNT_ERROR}}
<input type="text" id="amount" name="amount" value="{{AMOUNT}}" inputmode="decimal" required autocomplete="off" aria-describedby="amount-hint{{#AMOUNT_ERROR}} amount-error{{/AMOUNT_ERROR}}"{{#AMOUNT_ERROR}} aria-invalid="true"{{/AMOUNT_ERROR}}>
</div>
<div class="field">
<label for="reason">Reason</label>
<p class="hint" id="reason-hint">Shown to the vendor. Up to 500 characters.</p>
{{#REASON_ERROR}}<p class="field-error" id="reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
<textarea id="reason" name="reason" rows="3" maxlength="500" required aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON}}</textarea>
</div>
{{#KEY_ERROR}}<p class="field-error" id="key"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/KEY_ERROR}}
<div class="actions"><button type="submit" class="button">Book</button></div>
</form>
</section>{{/FORM}}
</div>

{{%AUTOESCAPE context="HTML"}}
{{! The marketplace's bank account and the order's reference, for an order
    paid by bank transfer (sf_payment_bank_details). }}
<section class="bank-details" aria-labelledby="bank-details-title">
<h2 id="bank-details-title">Pay by bank transfer</h2>
<p>Send <strong>{{AMOUNT}}</strong> to this account by {{PAY_BY}}, and write the reference exactly as shown, so that we can match your payment to your order.</p>
<dl class="summary-list">
<dt>Account holder</dt><dd>{{ACCOUNT_NAME}}</dd>
<dt>Bank</dt><dd>{{BANK_NAME}}</dd>
<dt>IBAN</dt><dd>{{IBAN}}</dd>
<dt>BIC</dt><dd>{{BIC}}</dd>
<dt>Amount</dt><dd>{{AMOUNT}}</dd>
<dt>Reference</dt><dd><strong class="bank-reference">{{REFERENCE}}</strong></dd>
</dl>
{{#PARTLY_PAID}}<div class="notice" role="status"><p>We have received {{RECEIVED}} so far. Please send the remaining {{MISSING}} with the same reference.</p></div>{{/PARTLY_PAID}}
<p>Your order is confirmed as soon as the money arrives; unpaid, it is cancelled after {{PAY_BY}}.</p>
</section>

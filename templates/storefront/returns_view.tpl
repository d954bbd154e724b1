{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Cancel or return: order {{NUMBER}}</h1>
<p>Each shop of the order sends its part. A part that has not shipped can be cancelled; a delivered part can be returned within the return window.</p>
</div>
{{#VENDOR_ORDER}}<section class="section" aria-labelledby="vo-{{ID}}">
<h2 id="vo-{{ID}}">{{SHOP}}: {{NUMBER}}</h2>
<dl class="facts">
<dt>Status</dt><dd class="vo-status">{{STATUS}}</dd>
<dt>Total</dt><dd>{{TOTAL}}</dd>
{{#REFUNDED}}<dt>Paid back</dt><dd class="vo-refunded">{{AMOUNT}}</dd>{{/REFUNDED}}
{{#CONFIRMING}}<dt>Of which being confirmed with the payment provider</dt><dd class="vo-confirming">{{AMOUNT}}</dd>{{/CONFIRMING}}
{{#CANCEL_REASON}}<dt>Why it was cancelled</dt><dd>{{TEXT}}</dd>{{/CANCEL_REASON}}
</dl>
{{#CAN_CANCEL}}<form class="inline-form" method="post" action="/orders/{{ORDER_ID}}/cancel">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="vendor_order" value="{{ID}}">
{{#GUEST_TOKEN}}<input type="hidden" name="token" value="{{TOKEN}}">
{{/GUEST_TOKEN}}<button class="button button-danger" type="submit">Cancel {{NUMBER}}</button>
</form>{{/CAN_CANCEL}}
{{#CAN_RETURN}}<p><a class="button" href="{{URL}}">Return items of {{NUMBER}}</a></p>{{/CAN_RETURN}}
{{#RETURN}}<article class="return" aria-labelledby="return-{{ID}}">
<h3 id="return-{{ID}}">Return asked on {{REQUESTED}}</h3>
<p class="return-state">{{STATE}}</p>
<p>Your reason: {{REASON}}</p>
<p>To be paid back: {{AMOUNT}}</p>
{{#INSTRUCTIONS}}<div class="notice"><p>How to send it back: {{TEXT}}</p></div>{{/INSTRUCTIONS}}
{{#REFUSAL}}<p>The shop refused: {{TEXT}}</p>{{/REFUSAL}}
{{#ADMIN_NOTE}}<p>The marketplace decided: {{TEXT}}</p>{{/ADMIN_NOTE}}
{{#REFUND_WAITING}}<p>The refund could not be made at once; we are on it.</p>{{/REFUND_WAITING}}
{{#REFUND_CONFIRMING}}<p>The refund is being confirmed with the payment provider.</p>{{/REFUND_CONFIRMING}}
{{#CAN_ESCALATE}}<form class="form" method="post" action="/returns/{{ID}}/escalate" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#GUEST_TOKEN}}<input type="hidden" name="token" value="{{TOKEN}}">
{{/GUEST_TOKEN}}<div class="field">
<label for="note-{{ID}}">Why the marketplace should decide</label>
<textarea id="note-{{ID}}" name="note" rows="3" maxlength="500"></textarea>
</div>
<div class="actions"><button class="button" type="submit">Ask the marketplace to decide</button></div>
</form>{{/CAN_ESCALATE}}
</article>{{/RETURN}}
</section>{{/VENDOR_ORDER}}
</div>

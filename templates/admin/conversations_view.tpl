{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>{{CUSTOMER}} and {{SHOP}}: order {{VO_NUMBER}}</h1>
<p>The conversation between the customer and the shop about this part of <a href="/admin/orders/{{ORDER_ID}}">order {{ORDER_NUMBER}}</a>, read-only.
{{#FROM_REPORT}}You are reading it because one of its messages was reported.{{/FROM_REPORT}}{{#FROM_RETURN}}You are reading it because the customer asked the marketplace to decide <a href="/admin/returns/{{RETURN_ID}}">a return</a>.{{/FROM_RETURN}}
This reading is recorded in the audit log.</p>
</div>
<section class="chat" aria-label="Messages">
{{>MESSAGES}}
</section>
</div>

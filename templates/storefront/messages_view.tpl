{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>{{SHOP}}: order {{VO_NUMBER}}</h1>
<p>Your conversation with {{SHOP}} about this part of <a href="/orders/{{ORDER_ID}}">order {{ORDER_NUMBER}}</a>. Only you and the shop read it.</p>
</div>
<section class="chat" aria-label="Messages">
{{>MESSAGES}}
</section>
{{>FORM}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>{{CUSTOMER}}: order {{VO_NUMBER}}</h1>
<p>Your conversation with {{CUSTOMER}} about <a href="/vendor/orders/{{VENDOR_ORDER_ID}}">order {{VO_NUMBER}}</a>. Only you and the customer read it.</p>
</div>
<section class="chat" aria-label="Messages">
{{>MESSAGES}}
</section>
{{>FORM}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page invoice-page">
{{>INVOICE}}
</div>

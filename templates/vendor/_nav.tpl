{{%AUTOESCAPE context="HTML"}}
<nav class="portal-nav" aria-label="Vendor portal">
<ul>
{{#ITEM}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/ITEM}}</ul>
</nav>

{{%AUTOESCAPE context="HTML"}}
{{>LINKS}}

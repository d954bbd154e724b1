{{%AUTOESCAPE context="HTML"}}
{{#NAV_CATEGORY}}<li><a href="{{URL}}" aria-current="{{CURRENT}}">{{NAME}}</a></li>
{{/NAV_CATEGORY}}

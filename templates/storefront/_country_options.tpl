{{%AUTOESCAPE context="HTML"}}
{{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/OPTION}}

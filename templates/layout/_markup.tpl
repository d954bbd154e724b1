{{%AUTOESCAPE context="HTML"}}
{{! A description in the small markup of cgi/lib/markup.h: the tags are this file's, every TEXT is escaped. }}
{{#BLOCK}}{{#PARAGRAPH}}<p>{{#LINE}}{{#BREAK}}<br>
{{/BREAK}}{{TEXT}}{{/LINE}}</p>
{{/PARAGRAPH}}{{#BULLETS}}<ul>
{{#ITEM}}<li>{{TEXT}}</li>
{{/ITEM}}</ul>
{{/BULLETS}}{{#NUMBERED}}<ol>
{{#ITEM}}<li>{{TEXT}}</li>
{{/ITEM}}</ol>
{{/NUMBERED}}{{/BLOCK}}

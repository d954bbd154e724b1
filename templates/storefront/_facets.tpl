{{%AUTOESCAPE context="HTML"}}
{{#HAS_FACETS}}<nav class="facets" aria-labelledby="facets-title">
<h2 id="facets-title">Narrow the results</h2>
{{#FACET}}<section class="facet" aria-labelledby="facet-{{KEY}}">
<h3 id="facet-{{KEY}}">{{TITLE}}</h3>
<ul>
{{#VALUE}}<li>{{#NOT_CHOSEN}}<a href="{{URL}}" rel="nofollow">{{LABEL}} <span class="facet-count">{{COUNT}}<span class="visually-hidden"> {{NOUN}}</span></span></a>{{/NOT_CHOSEN}}{{#CHOSEN}}<a class="facet-chosen" href="{{URL}}" rel="nofollow" aria-current="true"><span class="visually-hidden">Chosen, select to remove: </span>{{LABEL}} <span class="facet-count">{{COUNT}}<span class="visually-hidden"> {{NOUN}}</span></span></a>{{/CHOSEN}}</li>
{{/VALUE}}</ul>
</section>
{{/FACET}}</nav>{{/HAS_FACETS}}

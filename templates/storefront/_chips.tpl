{{%AUTOESCAPE context="HTML"}}
{{#HAS_CHIPS}}<div class="chips">
<h2 class="visually-hidden" id="chips-title">Filters in use</h2>
<ul aria-labelledby="chips-title">
{{#CHIP}}<li><a class="chip" href="{{URL}}" rel="nofollow">{{LABEL}}<span class="visually-hidden">: remove this filter</span> <span class="chip-x" aria-hidden="true">×</span></a></li>
{{/CHIP}}<li><a class="chips-clear" href="{{CLEAR_URL}}" rel="nofollow">Clear all filters</a></li>
</ul>
</div>{{/HAS_CHIPS}}

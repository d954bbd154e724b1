{{%AUTOESCAPE context="HTML"}}
<nav class="pagination" aria-label="Pages">
<ul>
{{#PREV}}<li><a href="{{URL}}" rel="prev">‹ Previous<span class="visually-hidden"> page</span></a></li>{{/PREV}}
{{#PAGE}}<li>{{#PAGE_LINK}}<a href="{{URL}}"><span class="visually-hidden">Page </span>{{NUM}}</a>{{/PAGE_LINK}}{{#PAGE_CURRENT}}<span aria-current="page"><span class="visually-hidden">Page </span>{{NUM}}</span>{{/PAGE_CURRENT}}{{#PAGE_GAP}}<span class="gap" aria-hidden="true">…</span>{{/PAGE_GAP}}</li>
{{/PAGE}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">Next<span class="visually-hidden"> page</span> ›</a></li>{{/NEXT}}
</ul>
</nav>

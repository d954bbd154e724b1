{{%AUTOESCAPE context="HTML"}}
{{! The page of an archived product (410): NAME, CATEGORY, CATEGORY_URL, and
    section SIMILAR {include CARD} with HAS_SIMILAR. }}
<div class="page">
<div class="page-head">
<h1>{{NAME}} is no longer sold</h1>
<p>The shop that sold it has taken it off {{SITE_NAME}}. Have a look at <a href="{{CATEGORY_URL}}">everything in {{CATEGORY}}</a>, or at these:</p>
</div>
{{#HAS_SIMILAR}}<section class="section" aria-labelledby="similar-title">
<h2 id="similar-title">Similar products</h2>
<ul class="grid">
{{#SIMILAR}}<li>{{>CARD}}</li>
{{/SIMILAR}}</ul>
</section>{{/HAS_SIMILAR}}
</div>

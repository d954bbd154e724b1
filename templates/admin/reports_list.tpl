{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>ADMIN_NAV}}
<div class="page-head">
<h1>Reported content</h1>
<p>Reviews and chat messages people reported, and reviews held for a banned word, oldest first. Hide one with a reason (its author is told) or keep it. Every decision goes to the audit log.</p>
<p>{{RESULT_TEXT}}</p>
</div>
{{#NO_REPORTS}}<div class="empty"><p>Nothing is waiting.</p></div>{{/NO_REPORTS}}
{{#HAS_REPORTS}}{{#REPORT}}<article class="report" id="report-{{KIND}}-{{ID}}">
{{#IS_REVIEW}}<h2>Review: {{TITLE}}</h2>
<p class="review-meta">{{RATING}} out of 5 · by {{AUTHOR}} · of <a href="/p/{{PRODUCT_ID}}/reviews">{{PRODUCT}}</a>{{#HELD}} · held, not shown{{/HELD}}</p>
<div class="review-body">{{>BODY}}</div>{{/IS_REVIEW}}
{{#IS_MESSAGE}}<h2>Chat message {{ID}}</h2>
<p><a href="/admin/conversations/{{CONVERSATION_ID}}?report={{REPORT_ID}}">Read the conversation</a> (the reading is written to the audit log)</p>{{/IS_MESSAGE}}
{{#IS_OTHER}}<h2>{{KIND}} {{ID}}</h2>{{/IS_OTHER}}
<p>First reported {{FIRST}}; {{COUNT}} report(s):</p>
<ul>{{#REASON}}<li>{{TEXT}}</li>{{/REASON}}</ul>
<form class="form" method="post" action="/admin/reports/{{KIND}}/{{ID}}/hide" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="reason-{{KIND}}-{{ID}}">Reason for hiding (the author reads it)</label>
<textarea id="reason-{{KIND}}-{{ID}}" name="reason" rows="2" maxlength="500" required></textarea>
</div>
<button class="button" type="submit">Hide</button>
</form>
<form class="inline-form" method="post" action="/admin/reports/{{KIND}}/{{ID}}/keep">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button" type="submit">Keep</button>
</form>
</article>
{{/REPORT}}{{/HAS_REPORTS}}
{{>PAGINATION}}
</div>

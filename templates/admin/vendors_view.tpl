{{%AUTOESCAPE context="HTML"}}
{{>ADMIN_NAV}}
<div class="page admin-vendor">
<div class="page-head">
<h1>{{TRADING_NAME}}</h1>
<p><span class="status-badge status-{{STATUS_CLASS}}">{{STATUS}}</span>{{#BLOCKED_FROM}} — blocked with its owner (before: {{STATUS}}){{/BLOCKED_FROM}}{{#PUBLIC}} · <a href="{{URL}}">Public shop</a>{{/PUBLIC}}</p>
</div>
{{#HAS_ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Nothing was changed</h2>
<ul>
{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>
{{/ERROR_SUMMARY}}</ul>
</div>{{/HAS_ERRORS}}

<section class="panel" aria-labelledby="profile-title">
<h2 id="profile-title">Business profile</h2>
{{#PROFILE}}<dl class="facts">
{{#FACT}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FACT}}<dt>Business address</dt><dd>{{#ADDRESS}}{{#LINE}}{{TEXT}}<br>{{/LINE}}{{/ADDRESS}}{{#ADDRESS_NONE}}—{{/ADDRESS_NONE}}</dd>
</dl>{{/PROFILE}}
<h3>Description</h3>
{{#DESCRIPTION}}<p>{{#LINE}}{{TEXT}}<br>{{/LINE}}</p>{{/DESCRIPTION}}{{#DESCRIPTION_NONE}}<p class="muted">None given.</p>{{/DESCRIPTION_NONE}}
</section>

<section class="panel" aria-labelledby="owner-title">
<h2 id="owner-title">Owner account</h2>
{{#OWNER}}<p><a href="{{URL}}">{{NAME}}</a> — {{EMAIL}} (account: {{STATUS}})</p>{{/OWNER}}
{{#NO_OWNER}}<p class="muted">This vendor has no account linked to it.</p>{{/NO_OWNER}}
</section>

{{>VENDOR_MONEY}}

{{#LISTING_REVIEW}}<section class="panel" id="listing-review" tabindex="-1" aria-labelledby="listing-review-title">
<h2 id="listing-review-title">Review before publishing</h2>
<p>{{#NOW_OFF}}The shop's listings are shown as soon as they are published, unless a prohibited word holds one.{{/NOW_OFF}}{{#NOW_FIRST}}The shop's first {{FIRST}} listings wait for review before they are shown.{{/NOW_FIRST}}{{#NOW_ALL}}Every listing of the shop, and every edit of a live one, waits for review before it is shown.{{/NOW_ALL}} Listings approved so far: {{APPROVED}}. Waiting now: {{WAITING}} (<a href="/admin/listings/review">the queue</a>).</p>
<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset id="mode"{{#MODE_ERROR}} aria-describedby="mode-error"{{/MODE_ERROR}}>
<legend>Review the shop's listings</legend>
{{#MODE_ERROR}}<p class="field-error" id="mode-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/MODE_ERROR}}
<label class="check"><input type="radio" id="mode-off" name="mode" value="off"{{#MODE_OFF}} checked{{/MODE_OFF}}> Never (only listings with a prohibited word)</label>
<label class="check"><input type="radio" id="mode-first" name="mode" value="first"{{#MODE_FIRST}} checked{{/MODE_FIRST}}> The first listings, as many as given below</label>
<label class="check"><input type="radio" id="mode-all" name="mode" value="all"{{#MODE_ALL}} checked{{/MODE_ALL}}> Every listing and every edit of a live one</label>
<div class="field">
<label for="first">Number of first listings</label>
<p class="hint" id="first-hint">1 to {{FIRST_MAX}}. Counts the shop's listings approved so far, so a shop that has {{APPROVED}} approved needs a higher number to have more reviewed.</p>
{{#FIRST_ERROR}}<p class="field-error" id="first-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/FIRST_ERROR}}
<input type="number" id="first" name="first" value="{{FIRST}}" min="1" max="{{FIRST_MAX}}" inputmode="numeric" aria-describedby="first-hint{{#FIRST_ERROR}} first-error{{/FIRST_ERROR}}"{{#FIRST_ERROR}} aria-invalid="true"{{/FIRST_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Save the review setting</button></div>
</fieldset>
</form>
</section>{{/LISTING_REVIEW}}

<section class="panel" id="review" tabindex="-1" aria-labelledby="review-title">
<h2 id="review-title">Verification</h2>
{{#NO_OPEN}}<p>No submission is waiting for a decision.</p>{{/NO_OPEN}}
{{#OPEN}}<p>Submitted {{SUBMITTED}}. {{PASSED}} of {{TOTAL}} checks passed.</p>
{{#CHANGES}}<h3 id="changes">Changed since {{SINCE}}</h3>
<div class="table-scroll">
<table class="data-table">
<thead><tr><th scope="col">Field</th><th scope="col">Now</th><th scope="col">Changed</th></tr></thead>
<tbody>
{{#CHANGE}}<tr><th scope="row">{{LABEL}}</th><td>{{#NOW}}{{VALUE}}{{/NOW}}{{#CHANGED}}changed{{/CHANGED}}</td><td>{{AT}}</td></tr>
{{/CHANGE}}</tbody>
</table>
</div>{{/CHANGES}}
{{#NO_CHANGES}}<p id="changes">The profile has not changed since {{SINCE}}.</p>{{/NO_CHANGES}}
{{#FOCUSED}}<p class="notice notice-warn">Correct the check below and save it; the forms of the other checks come back after that.</p>{{/FOCUSED}}
{{#SEVERAL}}<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<fieldset id="several"{{#TICKED_INVALID}} aria-describedby="several-error"{{/TICKED_INVALID}}>
<legend>Pass several checks at once</legend>
<p class="hint">Tick every check you have verified and save them together. To fail a check, use its own form below: a failure needs a note.</p>
{{#TICKED_ERROR}}<p class="field-error" id="several-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TICKED_ERROR}}
{{#BOX}}<label class="check"><input type="checkbox" id="pass-{{KEY}}" name="pass_{{KEY}}" value="yes"{{#TICKED}} checked{{/TICKED}}> {{QUESTION}}</label>
{{/BOX}}<div class="field">
<label for="several-note">Note, saved with each ticked check (optional)</label>
{{#SEVERAL_NOTE_ERROR}}<p class="field-error" id="several-note-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/SEVERAL_NOTE_ERROR}}
<textarea id="several-note" name="note" rows="2" maxlength="1000"{{#SEVERAL_NOTE_INVALID}} aria-invalid="true" aria-describedby="several-note-error"{{/SEVERAL_NOTE_INVALID}}>{{NOTE_VALUE}}</textarea>
</div>
<div class="actions"><button type="submit" class="button">Save the ticked checks as passed</button></div>
</fieldset>
</form>{{/SEVERAL}}
<ol class="checklist">
{{#ITEM}}<li id="check-{{KEY}}">
<h3>{{QUESTION}}</h3>
<p>{{#PASSED}}<span class="status-badge status-verified">Passed</span>{{/PASSED}}{{#FAILED}}<span class="status-badge status-rejected">Failed</span>{{/FAILED}}{{#NOT_CHECKED}}<span class="status-badge">Not checked yet</span>{{/NOT_CHECKED}}{{#CHECKED}} by {{BY}}, {{AT}}{{/CHECKED}}</p>
{{#CHECKED}}{{#HAS_NOTE}}<p>Note: {{NOTE}}</p>{{/HAS_NOTE}}{{/CHECKED}}
{{#BEFORE}}<p class="muted">In the last review: {{#PASSED}}passed{{/PASSED}}{{#FAILED}}failed{{/FAILED}}{{#HAS_NOTE}} ({{NOTE}}){{/HAS_NOTE}}</p>{{/BEFORE}}
{{#CHECK_FORM}}<form class="form" action="{{ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="item" value="{{KEY}}">
<input type="hidden" name="seen" value="{{SEEN}}">
<fieldset id="{{KEY}}-result"{{#RESULT_INVALID}} aria-describedby="{{KEY}}-result-error"{{/RESULT_INVALID}}>
<legend>{{LABEL}}: result</legend>
{{#RESULT_ERROR}}<p class="field-error" id="{{KEY}}-result-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/RESULT_ERROR}}
<label class="check"><input type="radio" id="{{KEY}}-result-pass" name="result" value="pass"{{#PASS_CHECKED}} checked{{/PASS_CHECKED}}{{#RESULT_INVALID}} aria-invalid="true" aria-describedby="{{KEY}}-result-error"{{/RESULT_INVALID}}> Passed</label>
<label class="check"><input type="radio" id="{{KEY}}-result-fail" name="result" value="fail"{{#FAIL_CHECKED}} checked{{/FAIL_CHECKED}}{{#RESULT_INVALID}} aria-invalid="true" aria-describedby="{{KEY}}-result-error"{{/RESULT_INVALID}}> Failed</label>
<div class="field">
<label for="{{KEY}}-note">Note</label>
<p class="hint" id="{{KEY}}-note-hint">Required when the check fails: what is wrong.</p>
{{#NOTE_ERROR}}<p class="field-error" id="{{KEY}}-note-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/NOTE_ERROR}}
<textarea id="{{KEY}}-note" name="note" rows="2" maxlength="1000" aria-describedby="{{KEY}}-note-hint{{#NOTE_INVALID}} {{KEY}}-note-error{{/NOTE_INVALID}}"{{#NOTE_INVALID}} aria-invalid="true"{{/NOTE_INVALID}}>{{NOTE_VALUE}}</textarea>
</div>
<div class="actions"><button type="submit" class="button">Save this check</button></div>
</fieldset>
</form>{{/CHECK_FORM}}
</li>
{{/ITEM}}</ol>

<h3>Decision</h3>
{{#ALL_PASSED}}<form class="form" action="{{APPROVE_ACTION}}" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>Every check has passed. Approving makes the shop public at once and tells the owner by email.</p>
<div class="actions"><button type="submit" class="button">Approve vendor</button></div>
</form>{{/ALL_PASSED}}
{{#NOT_ALL_PASSED}}<p class="notice">The vendor can be approved once every check above has passed.</p>{{/NOT_ALL_PASSED}}

<form class="form" action="{{REJECT_ACTION}}" method="post" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>Reject</legend>
<div class="field">
<label for="reason">Reason, sent to the vendor</label>
<p class="hint" id="reason-hint">10 to 2,000 characters. Say what is wrong and what to change; the mail also explains how to fix the profile and submit it again.</p>
{{#REASON_ERROR}}<p class="field-error" id="reason-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/REASON_ERROR}}
<textarea id="reason" name="reason" rows="5" maxlength="2000" required aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>{{REASON}}</textarea>
</div>
<div class="field">
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<label class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required{{#CONFIRM_ERROR}} aria-describedby="confirm-error" aria-invalid="true"{{/CONFIRM_ERROR}}> Yes, reject this submission and send the reason to the vendor</label>
</div>
<div class="actions"><button type="submit" class="button button-danger">Reject vendor</button></div>
</fieldset>
</form>{{/OPEN}}
</section>

{{#HAS_HISTORY}}<section class="panel" aria-labelledby="history-title">
<h2 id="history-title">Earlier reviews</h2>
{{#HISTORY}}<article class="review-history">
<h3>{{#APPROVED}}Approved{{/APPROVED}}{{#REJECTED}}Rejected{{/REJECTED}} {{DECIDED}} by {{BY}}</h3>
<p>Submitted {{SUBMITTED}}.</p>
{{#REJECTED}}{{#REASON}}<p>Reason: {{#LINE}}{{TEXT}}<br>{{/LINE}}</p>{{/REASON}}{{/REJECTED}}
<div class="table-scroll">
<table class="data-table">
<thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Note</th><th scope="col">By</th><th scope="col">When</th></tr></thead>
<tbody>
{{#CHECK}}<tr><th scope="row">{{LABEL}}</th><td>{{#PASSED}}Passed{{/PASSED}}{{#FAILED}}Failed{{/FAILED}}</td><td>{{NOTE}}</td><td>{{BY}}</td><td>{{AT}}</td></tr>
{{/CHECK}}</tbody>
</table>
</div>
</article>
{{/HISTORY}}</section>{{/HAS_HISTORY}}
</div>

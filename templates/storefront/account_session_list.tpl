{{%AUTOESCAPE context="HTML"}}
<div class="page">
<div class="page-head">
<h1>Where you are logged in</h1>
<p>Each browser or device logged in to your account. If you do not recognise one, log it out and <a href="/account/password">change your password</a>.</p>
</div>
<div class="table-scroll table-stack">
<table class="data-table">
<caption class="visually-hidden">Your sessions</caption>
<thead><tr><th scope="col">Browser</th><th scope="col">IP address</th><th scope="col">Logged in</th><th scope="col">Last active</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>
{{#SESSION}}<tr>
<td>{{USER_AGENT}}{{#CURRENT}} <span class="status-badge">this session</span>{{/CURRENT}}</td>
<td data-label="IP address">{{IP}}</td>
<td data-label="Logged in">{{CREATED}}</td>
<td data-label="Last active">{{LAST_SEEN}}</td>
<td><form class="inline-form" method="post" action="/account/sessions/{{ID}}/end">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button class="button button-plain button-small" type="submit">{{#CURRENT}}Log out{{/CURRENT}}{{#OTHER}}Log out<span class="visually-hidden"> the session from {{IP}} started {{CREATED}}</span>{{/OTHER}}</button>
</form></td>
</tr>
{{/SESSION}}</tbody>
</table>
</div>
{{#HAS_OTHERS}}<form class="form" method="post" action="/account/sessions/end-others">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="actions">
<button class="button" type="submit">Log out everywhere else</button>
</div>
</form>{{/HAS_OTHERS}}
</div>

{{%AUTOESCAPE context="HTML"}}
<div class="page page-narrow">
<div class="page-head">
<h1>Change the address “{{SHOWN_LABEL}}”</h1>
<p><a href="/account/addresses">Back to your addresses</a></p>
</div>
<form class="form" method="post" action="/account/addresses/{{ID}}" novalidate>
{{>ADDRESS_FIELDS}}
<div class="actions">
<button class="button" type="submit">Save changes</button>
<a href="/account/addresses">Cancel</a>
</div>
</form>
<section class="section danger-zone" aria-labelledby="delete-title">
<h2 id="delete-title">Delete this address</h2>
<form class="form" method="post" action="/account/addresses/{{ID}}/delete" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="check">
<input id="confirm" name="confirm" type="checkbox" value="1" required{{#CONFIRM_ERROR}} aria-invalid="true" aria-describedby="confirm-error"{{/CONFIRM_ERROR}}>
<label for="confirm">Yes, delete the address “{{SHOWN_LABEL}}”</label>
</div>
{{#CONFIRM_ERROR}}<p class="field-error" id="confirm-error" role="alert">{{MESSAGE}}</p>{{/CONFIRM_ERROR}}
<div class="actions">
<button class="button button-danger" type="submit">Delete address</button>
</div>
</form>
</section>
</div>

{{%AUTOESCAPE context="HTML"}}
{{! The confirmation of a bulk archive: COUNT, section ITEM {ID, NAME}, the list's view: section KEEP {NAME, VALUE}, BACK_URL. }}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Archive {{COUNT}}?</h1>
<p>Archived listings leave the shop at once: their pages tell shoppers they are no longer sold. You can restore them later as drafts.</p>
</div>
<form class="form" action="/vendor/listings/bulk" method="post">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="action" value="archive">
<input type="hidden" name="confirm" value="1">
{{#KEEP}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/KEEP}}<ul>
{{#ITEM}}<li><input type="hidden" name="id" value="{{ID}}">{{NAME}}</li>
{{/ITEM}}</ul>
<div class="actions">
<button type="submit" class="button button-danger">Yes, archive {{COUNT}}</button>
<a href="{{BACK_URL}}">No, keep them</a>
</div>
</form>
</div>

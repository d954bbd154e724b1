{{%AUTOESCAPE context="HTML"}}
{{! The form that writes a message in a conversation (cgi/lib/chat.h), for
    the customer's and the shop's page. }}
<form class="form chat-form" action="{{ACTION}}" method="post" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#HAS_ERRORS}}<div class="error-summary" role="alert"><ul>{{#ERROR_SUMMARY}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR_SUMMARY}}</ul></div>{{/HAS_ERRORS}}
<div class="field">
<label for="text">Your message</label>
{{#TEXT_ERROR}}<p class="field-error" id="text-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/TEXT_ERROR}}
<textarea id="text" name="text" rows="4" maxlength="2000"{{#TEXT_ERROR}} aria-invalid="true" aria-describedby="text-error"{{/TEXT_ERROR}}>{{TEXT}}</textarea>
</div>
<div class="field">
<label for="picture">Picture (optional)</label>
<p class="hint" id="picture-hint">A JPEG, PNG, WebP or GIF photo of up to 10 MB.</p>
{{#PICTURE_ERROR}}<p class="field-error" id="picture-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/PICTURE_ERROR}}
<input type="file" id="picture" name="picture" accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="picture-hint{{#PICTURE_ERROR}} picture-error{{/PICTURE_ERROR}}"{{#PICTURE_ERROR}} aria-invalid="true"{{/PICTURE_ERROR}}>
</div>
<div class="actions"><button type="submit" class="button">Send</button></div>
</form>

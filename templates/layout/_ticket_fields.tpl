{{%AUTOESCAPE context="HTML"}}
{{! A new ticket's fields, on the shop's account pages and the vendor
    portal: SUBJECT, ORDER, BODY (values as typed), CATEGORY_OPTION
    {VALUE, LABEL, SELECTED}, ORDER_HINT (what counts as an order number
    there), <FIELD>_ERROR {MESSAGE} (view_form_error). }}
<div class="field">
<label for="subject">Subject</label>
{{#SUBJECT_ERROR}}<p class="field-error" id="subject-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/SUBJECT_ERROR}}
<input type="text" id="subject" name="subject" value="{{SUBJECT}}" maxlength="150" required{{#SUBJECT_ERROR}} aria-invalid="true" aria-describedby="subject-error"{{/SUBJECT_ERROR}}>
</div>
<div class="field">
<label for="category">What it is about</label>
{{#CATEGORY_ERROR}}<p class="field-error" id="category-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/CATEGORY_ERROR}}
<select id="category" name="category"{{#CATEGORY_ERROR}} aria-invalid="true" aria-describedby="category-error"{{/CATEGORY_ERROR}}>
{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}
</select>
</div>
<div class="field">
<label for="order">Order number (optional)</label>
<p class="hint" id="order-hint">{{ORDER_HINT}}</p>
{{#ORDER_ERROR}}<p class="field-error" id="order-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/ORDER_ERROR}}
<input type="text" id="order" name="order" value="{{ORDER}}" maxlength="32" spellcheck="false" autocomplete="off" aria-describedby="order-hint{{#ORDER_ERROR}} order-error{{/ORDER_ERROR}}"{{#ORDER_ERROR}} aria-invalid="true"{{/ORDER_ERROR}}>
</div>
<div class="field">
<label for="body">Your message</label>
{{#BODY_ERROR}}<p class="field-error" id="body-error"><span class="visually-hidden">Error: </span>{{MESSAGE}}</p>{{/BODY_ERROR}}
<textarea id="body" name="body" rows="8" maxlength="5000" required{{#BODY_ERROR}} aria-invalid="true" aria-describedby="body-error"{{/BODY_ERROR}}>{{BODY}}</textarea>
</div>

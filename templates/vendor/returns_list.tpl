{{%AUTOESCAPE context="HTML"}}
<div class="page portal">
{{>PORTAL_NAV}}
<div class="page-head">
<h1>Returns</h1>
<p>Your customers' returns, those waiting for you first. Accept one with instructions for sending it back, or refuse it with a reason; when the parcel arrives, mark it received and the customer is paid back.</p>
</div>
{{#NO_RETURNS}}<div class="empty"><p>No customer has asked to return anything.</p></div>{{/NO_RETURNS}}
{{#HAS_RETURNS}}<div class="table-scroll">
<table class="data-table">
<caption class="visually-hidden">Returns</caption>
<thead>
<tr><th scope="col">Order</th><th scope="col">Asked on</th><th scope="col">Reason</th><th scope="col">To pay back</th><th scope="col">State</th></tr>
</thead>
<tbody>
{{#RETURN}}<tr>
<th scope="row"><a href="/vendor/returns/{{ID}}">{{NUMBER}}</a></th>
<td>{{REQUESTED}}</td>
<td>{{REASON}}</td>
<td class="num">{{AMOUNT}}</td>
<td>{{STATE}}</td>
</tr>
{{/RETURN}}</tbody>
</table>
</div>{{/HAS_RETURNS}}
</div>

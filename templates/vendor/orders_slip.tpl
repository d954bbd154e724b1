{{%AUTOESCAPE context="HTML"}}
<div class="page packing-slip">
<h1>Packing slip {{#VENDOR}}{{VO_NUMBER}}{{/VENDOR}}</h1>
<p>From {{SHOP}} · order placed {{PLACED_AT}} UTC</p>
{{#ADDRESS}}<section aria-labelledby="slip-to">
<h2 id="slip-to">Ship to</h2>
<address>{{SHIP_NAME}}<br>{{SHIP_LINE1}}<br>{{#SHIP_HAS_LINE2}}{{SHIP_LINE2}}<br>{{/SHIP_HAS_LINE2}}{{SHIP_POSTCODE}} {{SHIP_CITY}}<br>{{SHIP_COUNTRY}}{{#SHIP_HAS_PHONE}}<br>Phone: {{SHIP_PHONE}}{{/SHIP_HAS_PHONE}}</address>
</section>{{/ADDRESS}}
{{#VENDOR}}<table class="data-table">
<caption>In this parcel</caption>
<thead><tr><th scope="col">Item</th><th scope="col">SKU</th><th scope="col" class="num">Quantity</th><th scope="col">Packed</th></tr></thead>
<tbody>
{{#ITEM}}<tr><th scope="row">{{ITEM_NAME}}</th><td>{{#HAS_SKU}}{{ITEM_SKU}}{{/HAS_SKU}}</td><td class="num">{{ITEM_QTY}}</td><td>☐</td></tr>
{{/ITEM}}</tbody>
</table>{{/VENDOR}}
<p>Thank you for your order.</p>
</div>

{{%AUTOESCAPE context="HTML"}}
{{#GUEST}}<a href="/login">Log in</a> <a href="/signup">Sign up</a> <a href="/vendor/signup">Sell on {{SITE_NAME}}</a>{{/GUEST}}
{{#USER}}<a class="account-name" href="/account">{{NAME}}</a>
{{#CONFIRM_EMAIL}}<a href="/verify">Confirm your email</a>{{/CONFIRM_EMAIL}}
{{#IS_VENDOR}}<a href="/vendor/">Vendor portal</a> <a class="inbox-link" href="/vendor/messages">Shop inbox{{#UNREAD}} <span class="unread-count">{{COUNT}}<span class="visually-hidden"> unread</span></span>{{/UNREAD}}</a>{{/IS_VENDOR}}
{{#MESSAGES}}<a class="messages-link" href="/messages">Messages{{#UNREAD}} <span class="unread-count">{{COUNT}}<span class="visually-hidden"> unread</span></span>{{/UNREAD}}</a>{{/MESSAGES}}
{{#IS_ADMIN}}<a href="/admin/">Admin</a>{{/IS_ADMIN}}
{{#LOGOUT}}<form class="inline-form" action="/logout" method="post">{{#TOKEN}}<input type="hidden" name="csrf" value="{{CSRF}}">{{/TOKEN}}<button type="submit" class="link-button">Log out</button></form>{{/LOGOUT}}
{{! The unread counts above, live, and a conversation's messages, for someone with conversations: static/js/chat.js. }}{{#LIVE}}<script src="{{ASSET_JS_CHAT_JS}}" defer></script>{{/LIVE}}{{/USER}}
<a class="cart-link" href="/cart">Cart{{#CART_COUNT}} <span class="cart-count">{{COUNT}}<span class="visually-hidden"> {{#ONE}}item{{/ONE}}{{#MANY}}items{{/MANY}}</span></span>{{/CART_COUNT}}</a>

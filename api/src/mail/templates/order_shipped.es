--- subject ---
Tu pedido {{ order.reference }} fue enviado — {{ store.name }}
--- text ---
¡Hola, {{ customer.name }}!

Tu pedido {{ order.reference }} está en camino.
{% for package in shipping.packages %}
{{ package.carrier }} {{ package.service }} — código de seguimiento {{ package.code }}
{% if package.url %}Síguelo: {{ package.url }}
{% endif %}{% endfor %}
{% if shipping.promised_delivery %}Entrega prevista hasta el {{ shipping.promised_delivery }}.
{% endif %}
Entrega en:
{{ order.address_text }}

¿Dudas? Responde a este correo.
{{ store.name }}
--- html ---
<p>¡Hola, {{ customer.name }}!</p>
<p>Tu pedido <strong>{{ order.reference }}</strong> está en camino.</p>
<ul>
{% for package in shipping.packages %}<li>{{ package.carrier }} {{ package.service }} — {% if package.url %}<a href="{{ package.url }}">{{ package.code }}</a>{% else %}{{ package.code }}{% endif %}</li>
{% endfor %}</ul>
{% if shipping.promised_delivery %}<p>Entrega prevista hasta el <strong>{{ shipping.promised_delivery }}</strong>.</p>
{% endif %}<p>Entrega en:<br>{% for part in order.address_lines %}{{ part }}<br>{% endfor %}</p>
<p>¿Dudas? Responde a este correo.<br>{{ store.name }}</p>

--- subject ---
Su devolución del pedido {{ order.reference }} fue aprobada — {{ store.name }}
--- text ---
Hola {{ customer.name }},

Aprobamos la devolución de:
{% for line in returns.lines -%}
{{ line.quantity }} × {{ line.sku }}
{% endfor %}
Código de autorización: {{ returns.authorization_code }}

{{ returns.instructions }}

{{ store.name }}
--- html ---
<p>Hola {{ customer.name }},</p>
<p>Aprobamos la devolución de:</p>
<ul>{% for line in returns.lines %}<li>{{ line.quantity }} × {{ line.sku }}</li>{% endfor %}</ul>
<p>Código de autorización: <strong>{{ returns.authorization_code }}</strong></p>
<p>{{ returns.instructions }}</p>
<p>{{ store.name }}</p>

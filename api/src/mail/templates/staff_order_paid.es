--- subject ---
{% if customer.first_order %}[PRIMERA COMPRA] {% endif %}Pedido {{ order.reference }} {% if order.payment_terms %}aprobado a plazo{% else %}pagado{% endif %}: {{ order.total }} — preparar en {{ order.pick_from }}
--- text ---
El pedido {{ order.reference }} {% if order.payment_terms %}fue aprobado a plazo ({{ order.payment_terms }} días){% else %}fue pagado ({{ order.paid_at }}){% endif %} y puede prepararse.
{% if customer.first_order %}
*** Primera compra de este cliente. ***
{% endif %}
Cliente: {{ customer.name }}
Correo: {{ customer.email }}
Teléfono: {{ customer.phone }}
Documento: {{ customer.tax_id }}

Artículos (preparar en {{ order.pick_from }}):
{% for line in order.lines -%}
- {{ line.quantity }} × {{ line.sku }} {{ line.name }} — {{ line.location }} — {{ line.total }}
{% endfor %}
Total: {{ order.total }} (envío {{ order.shipping_fee }})
Pagos: {% for p in order.payments %}{{ p.method }} {{ p.amount }}{% if not loop.last %}, {% endif %}{% endfor %}

Entregar en:
{{ order.address_text }}

{{ order.url }}
--- html ---
<p>El pedido <strong>{{ order.reference }}</strong> {% if order.payment_terms %}fue aprobado a plazo ({{ order.payment_terms }} días){% else %}fue pagado ({{ order.paid_at }}){% endif %} y puede prepararse.</p>
{% if customer.first_order %}<p><strong>Primera compra de este cliente.</strong></p>{% endif %}
<p>Cliente: {{ customer.name }}<br>Correo: {{ customer.email }}<br>Teléfono: {{ customer.phone }}<br>Documento: {{ customer.tax_id }}</p>
<table><tr><th>Cant.</th><th>SKU</th><th>Artículo</th><th>Ubicación</th><th>Total</th></tr>
{% for line in order.lines %}<tr><td>{{ line.quantity }}</td><td>{{ line.sku }}</td><td>{{ line.name }}</td><td>{{ line.location }}</td><td>{{ line.total }}</td></tr>
{% endfor %}</table>
<p>Total: {{ order.total }} (envío {{ order.shipping_fee }})</p>
<p>Entregar en:<br>{% for part in order.address_lines %}{{ part }}<br>{% endfor %}</p>
<p><a href="{{ order.url }}">Abrir el pedido</a></p>

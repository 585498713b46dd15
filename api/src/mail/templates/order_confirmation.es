--- subject ---
Pedido {{ order.reference }} confirmado — {{ store.name }}
--- text ---
¡Hola, {{ customer.name }}!

{% if order.payment_terms %}Tu pedido {{ order.reference }} fue aprobado a plazo ({{ order.payment_terms }} días): te enviaremos la factura.{% else %}Recibimos el pago de tu pedido {{ order.reference }}.{% endif %} Gracias por comprar en {{ store.name }}.

{% for line in order.lines -%}
{{ line.quantity }} × {{ line.name }} ({{ line.sku }}) — {{ line.total }}
{% endfor %}
Subtotal: {{ order.subtotal }}
{% if order.has_discount %}Descuento: -{{ order.discount }}
{% endif %}Envío: {{ order.shipping_fee }}
Total: {{ order.total }}

Entrega en:
{{ order.address_text }}

¿Preguntas? Responde a este correo.
{{ store.name }}
--- html ---
<p>¡Hola, {{ customer.name }}!</p>
<p>{% if order.payment_terms %}Tu pedido <strong>{{ order.reference }}</strong> fue aprobado a plazo ({{ order.payment_terms }} días): te enviaremos la factura.{% else %}Recibimos el pago de tu pedido <strong>{{ order.reference }}</strong>.{% endif %} Gracias por comprar en {{ store.name }}.</p>
<table>
{% for line in order.lines %}<tr><td>{{ line.quantity }} ×</td><td>{{ line.name }} <small>{{ line.sku }}</small></td><td>{{ line.total }}</td></tr>
{% endfor %}<tr><td></td><td>Subtotal</td><td>{{ order.subtotal }}</td></tr>
{% if order.has_discount %}<tr><td></td><td>Descuento</td><td>-{{ order.discount }}</td></tr>
{% endif %}<tr><td></td><td>Envío</td><td>{{ order.shipping_fee }}</td></tr>
<tr><td></td><td><strong>Total</strong></td><td><strong>{{ order.total }}</strong></td></tr>
</table>
<p>Entrega en:<br>{% for part in order.address_lines %}{{ part }}<br>{% endfor %}</p>
<p>¿Preguntas? Responde a este correo.<br>{{ store.name }}</p>

--- subject ---
Sobre su devolución del pedido {{ order.reference }} — {{ store.name }}
--- text ---
Hola {{ customer.name }},

No pudimos aceptar la devolución de:
{% for line in returns.lines -%}
{{ line.quantity }} × {{ line.sku }}
{% endfor %}
Motivo: {{ returns.reason }}

¿Preguntas? Responda a este correo.
{{ store.name }}
--- html ---
<p>Hola {{ customer.name }},</p>
<p>No pudimos aceptar la devolución de:</p>
<ul>{% for line in returns.lines %}<li>{{ line.quantity }} × {{ line.sku }}</li>{% endfor %}</ul>
<p>Motivo: {{ returns.reason }}</p>
<p>¿Preguntas? Responda a este correo.<br>{{ store.name }}</p>

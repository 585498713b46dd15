--- subject ---
Pedido {{ order.reference }} en revisión: {{ order.findings | length }} punto(s) a verificar
--- text ---
El pedido {{ order.reference }} de {{ customer.name }} ({{ order.total }}) quedó en revisión:

{% for finding in order.findings -%}
- {{ finding }}
{% endfor %}
Libera o cancela el pedido: {{ order.url }}
--- html ---
<p>El pedido <strong>{{ order.reference }}</strong> de {{ customer.name }} ({{ order.total }}) quedó en revisión:</p>
<ul>{% for finding in order.findings %}<li>{{ finding }}</li>{% endfor %}</ul>
<p><a href="{{ order.url }}">Liberar o cancelar el pedido</a></p>

--- subject ---
Atrasado: pedido {{ order.reference }} {% if delay.late_to_ship %}no fue despachado{% else %}no fue entregado{% endif %}
--- text ---
El pedido {{ order.reference }} de {{ customer.name }} está atrasado.
{% if delay.late_to_ship %}Debía salir de {{ delay.location }} antes del {{ delay.ship_by }} y aún no fue despachado.{% else %}Fue despachado pero no se entregó en la fecha prometida.{% endif %}
{% for package in shipping.packages %}{{ package.carrier }} {{ package.service }} {{ package.code }}
{% endfor %}{% if delay.new_estimate %}Nueva fecha estimada para el cliente: {{ delay.new_estimate }}.
{% endif %}
{{ order.url }}
--- html ---
<p>El pedido <strong>{{ order.reference }}</strong> de {{ customer.name }} está atrasado.</p>
<p>{% if delay.late_to_ship %}Debía salir de {{ delay.location }} antes del {{ delay.ship_by }} y aún no fue despachado.{% else %}Fue despachado pero no se entregó en la fecha prometida.{% endif %}</p>
<ul>{% for package in shipping.packages %}<li>{{ package.carrier }} {{ package.service }} {{ package.code }}</li>{% endfor %}</ul>
{% if delay.new_estimate %}<p>Nueva fecha estimada para el cliente: {{ delay.new_estimate }}.</p>
{% endif %}<p><a href="{{ order.url }}">Abrir el pedido</a></p>

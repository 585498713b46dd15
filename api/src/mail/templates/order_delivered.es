--- subject ---
Pedido {{ order.reference }} entregado — {{ store.name }}
--- text ---
Hola {{ customer.name }},

Su pedido {{ order.reference }} fue entregado. ¡Esperamos que lo disfrute!

Si algo no está bien, o cambió de opinión, puede pedir una devolución aquí (hasta {{ returns.regret_days }} días después de la entrega por arrepentimiento, {{ returns.defect_days }} días por defecto):
{{ returns.url }}

{{ store.name }}
--- html ---
<p>Hola {{ customer.name }},</p>
<p>Su pedido <strong>{{ order.reference }}</strong> fue entregado. ¡Esperamos que lo disfrute!</p>
<p>Si algo no está bien, o cambió de opinión, puede <a href="{{ returns.url }}">pedir una devolución</a> (hasta {{ returns.regret_days }} días después de la entrega por arrepentimiento, {{ returns.defect_days }} días por defecto).</p>
<p>{{ store.name }}</p>

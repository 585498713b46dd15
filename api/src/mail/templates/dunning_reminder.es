--- subject ---
La cuota {{ instalment.seq }}/{{ instalment.of }} del pedido {{ order.reference }} vence el {{ instalment.due_on }} — {{ store.name }}
--- text ---
Hola {{ customer.name }}:

Te recordamos que la cuota {{ instalment.seq }} de {{ instalment.of }} del pedido {{ order.reference }}, de {{ instalment.outstanding }}, vence el {{ instalment.due_on }}.
Referencia de pago: {{ instalment.payment_reference }}

¿Ya pagaste? Ignora este correo.
{{ store.name }}
--- html ---
<p>Hola {{ customer.name }}:</p>
<p>Te recordamos que la cuota {{ instalment.seq }} de {{ instalment.of }} del pedido <strong>{{ order.reference }}</strong>, de <strong>{{ instalment.outstanding }}</strong>, vence el <strong>{{ instalment.due_on }}</strong>.</p>
<p>Referencia de pago: <strong>{{ instalment.payment_reference }}</strong></p>
<p>¿Ya pagaste? Ignora este correo.<br>{{ store.name }}</p>

--- subject ---
La cuota {{ instalment.seq }}/{{ instalment.of }} del pedido {{ order.reference }} está vencida — {{ store.name }}
--- text ---
Hola {{ customer.name }}:

La cuota {{ instalment.seq }} de {{ instalment.of }} del pedido {{ order.reference }}, de {{ instalment.outstanding }}, venció el {{ instalment.due_on }} y aún no la recibimos.
Referencia de pago: {{ instalment.payment_reference }}

¿Ya pagaste? Responde con el comprobante.
{{ store.name }}
--- html ---
<p>Hola {{ customer.name }}:</p>
<p>La cuota {{ instalment.seq }} de {{ instalment.of }} del pedido <strong>{{ order.reference }}</strong>, de <strong>{{ instalment.outstanding }}</strong>, venció el <strong>{{ instalment.due_on }}</strong> y aún no la recibimos.</p>
<p>Referencia de pago: <strong>{{ instalment.payment_reference }}</strong></p>
<p>¿Ya pagaste? Responde con el comprobante.<br>{{ store.name }}</p>

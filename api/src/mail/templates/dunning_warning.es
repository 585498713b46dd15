--- subject ---
Último aviso: cuota del pedido {{ order.reference }} vencida, bloqueo el {{ block_on }} — {{ store.name }}
--- text ---
Hola {{ customer.name }}:

La cuota {{ instalment.seq }} de {{ instalment.of }} del pedido {{ order.reference }}, de {{ instalment.outstanding }}, está vencida desde el {{ instalment.due_on }}.
Si sigue impaga el {{ block_on }}, tu cuenta será bloqueada: los pedidos nuevos quedarán en espera y no podrás comprar a plazo.
Referencia de pago: {{ instalment.payment_reference }}

{{ store.name }}
--- html ---
<p>Hola {{ customer.name }}:</p>
<p>La cuota {{ instalment.seq }} de {{ instalment.of }} del pedido <strong>{{ order.reference }}</strong>, de <strong>{{ instalment.outstanding }}</strong>, está vencida desde el <strong>{{ instalment.due_on }}</strong>.</p>
<p>Si sigue impaga el <strong>{{ block_on }}</strong>, tu cuenta será bloqueada: los pedidos nuevos quedarán en espera y no podrás comprar a plazo.</p>
<p>Referencia de pago: <strong>{{ instalment.payment_reference }}</strong></p>
<p>{{ store.name }}</p>

--- subject ---
El cliente {{ customer.name }} fue bloqueado
--- text ---
{{ customer.name }} fue bloqueado{% if automatic %} por la cobranza{% endif %}.
Motivo: {{ reason }}

Sus pedidos nuevos quedan en revisión y no puede comprar a plazo hasta que se desbloquee.
{{ url }}
--- html ---
<p><strong>{{ customer.name }}</strong> fue bloqueado{% if automatic %} por la cobranza{% endif %}.</p>
<p>Motivo: {{ reason }}</p>
<p>Sus pedidos nuevos quedan en revisión y no puede comprar a plazo hasta que se desbloquee.</p>
<p><a href="{{ url }}">Ver el crédito del cliente</a></p>

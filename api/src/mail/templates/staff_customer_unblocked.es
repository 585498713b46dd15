--- subject ---
El cliente {{ customer.name }} fue desbloqueado
--- text ---
{{ customer.name }} fue desbloqueado{% if automatic %}: ya no tiene nada vencido{% endif %}.
Sus pedidos retenidos solo por el bloqueo fueron liberados.
{{ url }}
--- html ---
<p><strong>{{ customer.name }}</strong> fue desbloqueado{% if automatic %}: ya no tiene nada vencido{% endif %}.</p>
<p>Sus pedidos retenidos solo por el bloqueo fueron liberados.</p>
<p><a href="{{ url }}">Ver el crédito del cliente</a></p>

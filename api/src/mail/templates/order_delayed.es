--- subject ---
Tu pedido {{ order.reference }} se retrasará — {{ store.name }}
--- text ---
¡Hola, {{ customer.name }}!

Te pedimos disculpas: tu pedido {{ order.reference }} no llegará en la fecha prometida.
{% if delay.new_estimate %}La nueva fecha estimada de entrega es el {{ delay.new_estimate }}.
{% endif %}
Te avisaremos cuando sea entregado. ¿Dudas? Responde a este correo.
{{ store.name }}
--- html ---
<p>¡Hola, {{ customer.name }}!</p>
<p>Te pedimos disculpas: tu pedido <strong>{{ order.reference }}</strong> no llegará en la fecha prometida.</p>
{% if delay.new_estimate %}<p>La nueva fecha estimada de entrega es el <strong>{{ delay.new_estimate }}</strong>.</p>
{% endif %}<p>Te avisaremos cuando sea entregado. ¿Dudas? Responde a este correo.<br>{{ store.name }}</p>

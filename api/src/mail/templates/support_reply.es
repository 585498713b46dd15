--- subject ---
{% if not ticket.has_re %}Re: {% endif %}{{ ticket.subject }}{% if not ticket.has_number %} [#{{ ticket.number }}]{% endif %}
--- text ---
{{ body }}

— {{ agent }}, {{ store.name }}
Para contestar, basta responder a este correo. [#{{ ticket.number }}]
--- html ---
<div style="white-space: pre-wrap">{{ body }}</div>
<p>— {{ agent }}, {{ store.name }}</p>
<p><small>Para contestar, basta responder a este correo. [#{{ ticket.number }}]</small></p>

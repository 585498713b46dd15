--- subject ---
{{ ticket.reply_subject }}
--- text ---
{{ body }}

— {{ agent }}, {{ store.name }}
Para contestar, basta responder a este correo. [#{{ ticket.number }}]
--- html ---
<div style="white-space: pre-wrap">{{ body }}</div>
<p>— {{ agent }}, {{ store.name }}</p>
<p><small>Para contestar, basta responder a este correo. [#{{ ticket.number }}]</small></p>

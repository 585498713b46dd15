--- subject ---
{{ notification.subject }}
--- text ---
{{ notification.text }}
{% if notification.url %}
{{ notification.url }}
{% endif %}
Recibes esto porque elegiste recibir por correo notificaciones como esta. Cámbialo en Notificaciones, en la trastienda de {{ store.name }}.
--- html ---
<p>{{ notification.text }}</p>
{% if notification.url %}<p><a href="{{ notification.url }}">Abrir en la trastienda</a></p>{% endif %}
<p><small>Recibes esto porque elegiste recibir por correo notificaciones como esta. Cámbialo en Notificaciones, en la trastienda de {{ store.name }}.</small></p>

--- subject ---
Webhook desactivado: {{ endpoint.url }}
--- text ---
Las entregas al endpoint de webhook {{ endpoint.url }} fallaron durante unos tres días, y se desactivó.
Último evento: {{ delivery.event_type }}{% if delivery.last_status %} (respuesta HTTP {{ delivery.last_status }}){% endif %}{% if delivery.last_error %} — {{ delivery.last_error }}{% endif %}

Los eventos siguen guardados: al reactivar el endpoint, las entregas continúan donde se detuvieron.
{{ url }}
--- html ---
<p>Las entregas al endpoint de webhook <strong>{{ endpoint.url }}</strong> fallaron durante unos tres días, y se desactivó.</p>
<p>Último evento: {{ delivery.event_type }}{% if delivery.last_status %} (respuesta HTTP {{ delivery.last_status }}){% endif %}{% if delivery.last_error %} — {{ delivery.last_error }}{% endif %}</p>
<p>Los eventos siguen guardados: al reactivar el endpoint, las entregas continúan donde se detuvieron.</p>
<p><a href="{{ url }}">Ver el registro de entregas</a></p>

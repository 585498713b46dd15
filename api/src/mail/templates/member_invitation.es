--- subject ---
Invitación al equipo de {{ store.name }}
--- text ---
¡Hola!

Te invitaron al equipo de {{ store.name }} en Retaguarda, como {{ invitation.role }}.

Acepta la invitación antes del {{ invitation.expires_at }}:
{{ invitation.url }}

Si no esperabas esta invitación, ignora este correo.
--- html ---
<p>¡Hola!</p>
<p>Te invitaron al equipo de <strong>{{ store.name }}</strong> en Retaguarda, como {{ invitation.role }}.</p>
<p><a href="{{ invitation.url }}">Aceptar la invitación</a> (antes del {{ invitation.expires_at }})</p>
<p>Si no esperabas esta invitación, ignora este correo.</p>

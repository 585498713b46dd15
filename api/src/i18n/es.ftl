# Los mensajes del servidor en español. Los ids son las claves de `keys.rs` con `-` en lugar
# de `.`.

legacy-text = { $text }

## La línea de tiempo de un pedido

order-placed = Pedido recibido: { $total }.
order-held = { $findings }
order-moved = De { $from } a { $to }.
order-moved_because = De { $from } a { $to }. { $reason }
order-payment = Pago de { $amount } ({ $method }).
order-refund = Reembolso de { $amount }.
order-status-pending_payment = pendiente de pago
order-status-on_hold = en revisión
order-status-paid = pagado
order-status-fulfilling = en preparación
order-status-shipped = enviado
order-status-delivered = entregado
order-status-completed = completado
order-status-refunded = reembolsado
order-status-cancelled = cancelado
order-no_other_state = ningún otro estado

## Hallazgos de la verificación

finding-tax_id-missing = El cliente no tiene CPF/CNPJ.
finding-tax_id-invalid = El CPF/CNPJ { $id } no es válido.
finding-address-incomplete = La dirección de envío está incompleta: { $parts }.
finding-address-postal_code = El código postal { $code } no tiene el formato de { $country }.
finding-email-missing = El cliente no tiene correo: no se puede enviar la confirmación.
finding-email-undeliverable = El correo { $email } no parece entregable.
finding-duplicate = Parece un duplicado del pedido #{ $number }: mismo cliente y artículos hace menos de 10 minutos.
finding-first_order_value = Primer pedido de un cliente nuevo, de { $total }, por encima del límite de { $limit }.

## Problemas

problem-title-bad_request = Solicitud incorrecta
problem-title-unauthorized = No autenticado
problem-title-forbidden = No permitido
problem-title-not_found = No encontrado
problem-title-method_not_allowed = Método no permitido
problem-title-conflict = Conflicto
problem-title-precondition_failed = Condición previa no cumplida
problem-title-payload_too_large = Cuerpo de la solicitud demasiado grande
problem-title-unsupported_media_type = Tipo de contenido no admitido
problem-title-validation = Datos no válidos
problem-title-too_many_requests = Demasiadas solicitudes
problem-title-internal = Error interno
problem-title-unavailable = Servicio no disponible
problem-internal = el servidor no pudo completar la solicitud
problem-busy = la base de datos está ocupada: inténtelo de nuevo en un momento
problem-not_found = { $thing } no encontrado
problem-no_such_route = la ruta no existe
problem-field_invalid = `{ $field }` { $message }
problem-fields_invalid = { $count } campos no son válidos
problem-stale = el { $thing } cambió desde que lo leyó (ahora en la versión { $current })
problem-orders-illegal_transition = el pedido está en el estado { $from }; puede pasar a { $allowed }
problem-orders-not_payable = un pedido en el estado { $status } no admite pagos
problem-orders-not_refundable = un pedido en el estado { $status } no admite reembolsos
problem-orders-overpayment = el pago de { $amount } supera los { $due } pendientes
problem-orders-over_refund = el reembolso de { $amount } supera los { $refundable } pagados y aún no reembolsados
problem-orders-payment_reference_taken = la referencia de pago `{ $reference }` pertenece a otro pedido
problem-orders-channel_archived = el canal de venta está archivado
thing-order = pedido
thing-payment = pago
thing-customer = cliente
thing-resource = recurso

## Errores de campo

field-required = es obligatorio
field-unknown = no es un campo de esta solicitud
field-length_between = debe tener entre { $min } y { $max } caracteres
field-length_min = debe tener al menos { $min } caracteres
field-length_max = debe tener como máximo { $max } caracteres
field-range_between = debe estar entre { $min } y { $max }
field-range_min = debe ser al menos { $min }
field-range_max = debe ser como máximo { $max }
field-email = debe ser un correo electrónico

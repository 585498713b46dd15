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
problem-not_found = no hay { $thing } con este id
problem-no_such_route = la ruta no existe
problem-method_not_allowed = esta ruta solo acepta { $allowed }
problem-field_invalid = `{ $field }` { $message }
problem-fields_invalid = { $count } campos no son válidos
problem-stale = el registro ({ $thing }) cambió desde que lo leyó (ahora en la versión { $current })
problem-orders-illegal_transition = el pedido está en el estado { $from }; puede pasar a { $allowed }
problem-orders-not_payable = un pedido en el estado { $status } no admite pagos
problem-orders-not_refundable = un pedido en el estado { $status } no admite reembolsos
problem-orders-overpayment = el pago de { $amount } supera los { $due } pendientes
problem-orders-over_refund = el reembolso de { $amount } supera los { $refundable } pagados y aún no reembolsados
problem-orders-payment_reference_taken = la referencia de pago `{ $reference }` pertenece a otro pedido
problem-orders-channel_archived = el canal de venta está archivado
problem-catalog-sku_taken = el SKU `{ $sku }` ya lo usa otra variante
problem-catalog-barcode_taken = el código de barras `{ $barcode }` ya lo usa otra variante
problem-catalog-repeated = `{ $value }` aparece dos veces en esta solicitud
problem-catalog-kit_rule = este kit no puede cambiar: { $reason }
problem-catalog-kit-is_component = { $sku } es componente de otro kit
problem-catalog-kit-has_stock = { $sku } tiene stock o reservas propios
problem-catalog-kit-nested = un kit no puede contener otro kit
problem-logistics-carrier_name_taken = ya existe un transportista llamado `{ $name }`
problem-logistics-service_code_taken = el transportista ya tiene un servicio con el código `{ $code }`
problem-logistics-not_served = el servicio no tiene plazo de entrega para este destino
problem-returns-not_delivered = un pedido { $status } aún no fue entregado
problem-returns-regret_window = el plazo de arrepentimiento para devolver terminó el { $closed }
problem-returns-defect_window = el plazo de devolución por defecto terminó el { $closed }
problem-returns-over_quantity = { $sku }: { $requested } a devolver, pero solo { $returnable } entregado(s) y aún no devuelto(s)
problem-returns-unknown_reason = `{ $code }` no es uno de los motivos de devolución de la tienda
problem-returns-unknown_line = la línea no es una línea del pedido de la devolución
problem-returns-state = una devolución en estado { $status } no puede ser { $action }
problem-returns-inspection = { $sku }: { $inspected } inspeccionado(s), pero { $quantity } en la devolución
problem-returns-no_replacement = un cambio necesita los artículos de reposición
problem-returns-bad_link = el enlace de devolución no es válido o expiró
problem-file-bad_values = el archivo tiene { $total } valor(es) no válido(s); no se importó nada
problem-file-bad_values_after = el archivo tiene { $total } valor(es) no válido(s), encontrados después de importar { $written } fila(s): corríjalos y envíe de nuevo el archivo completo
problem-file-too_many_rows = el archivo tiene más de { $limit } filas, el máximo de una importación: divídalo
problem-inventory-insufficient_stock = stock insuficiente: { $shortages }
problem-inventory-shortage = { $sku } tiene { $available } disponible(s), { $requested } pedido(s)
problem-inventory-location_archived = la ubicación `{ $code }` está archivada
problem-inventory-location_code_taken = ya existe una ubicación con el código `{ $code }`
problem-inventory-kit_not_stocked = { $sku } es un kit: mueva el stock de sus componentes
problem-inventory-nothing_to_reorder = nada de este proveedor necesita reposición en esta ubicación
problem-inventory-same_location = una transferencia necesita dos ubicaciones distintas
problem-inventory-reservation_not_active = la reserva está en el estado { $status }
problem-inventory-purchase_order_state = una orden de compra en el estado { $status } no puede pasar a { $action }
problem-inventory-over_receipt = { $sku }: { $received } recibido(s), pero solo { $open } aún abierto(s) en la orden
problem-tenancy-email_taken = ya existe una cuenta con este correo; inicie sesión y cree la tienda desde ella
problem-tenancy-invalid_timezone = `{ $value }` no es una zona horaria IANA como America/Sao_Paulo
problem-tenancy-invalid_role = los miembros no pueden tener el rol `api`
problem-tenancy-owner_only = solo un propietario puede dar, cambiar o quitar el rol de propietario
problem-tenancy-last_owner = la tienda debe conservar al menos un propietario
problem-tenancy-already_member = esta persona ya es miembro de la tienda
problem-tenancy-invitation_not_pending = la invitación está en el estado { $status }
problem-tenancy-name_required = una cuenta nueva necesita un nombre
problem-tenancy-password_required = una cuenta nueva necesita una contraseña
problem-tenancy-sign_in_to_accept = esta dirección ya tiene una cuenta: inicie sesión en ella y luego acepte la invitación
problem-tenancy-invitation_for_another_account = esta invitación se envió a otra dirección: inicie sesión con la cuenta de esa dirección
problem-tenancy-not_when_signed_in = con la sesión iniciada, la invitación se une a su cuenta: envíe solo el token
problem-tenancy-holiday_taken = la tienda ya tiene un feriado el { $date }
problem-tenancy-no_working_day = el calendario no tiene ningún día hábil en el año siguiente a { $after }
problem-auth-missing_credentials = envíe `Authorization: Bearer <token de acceso o clave de API>`
problem-auth-invalid_credentials = el token de acceso o la clave de API no es válido, venció o fue revocado
problem-auth-wrong_password = el correo o la contraseña es incorrecto
problem-auth-invalid_refresh_token = el token de renovación no es válido, venció o ya se usó; inicie sesión de nuevo
problem-auth-too_many_attempts = demasiados intentos fallidos; inténtelo de nuevo en { $seconds } segundos
problem-auth-forbidden = esta acción necesita el permiso `{ $permission }`
problem-auth-not_a_member = este usuario no es miembro de esa tienda
problem-auth-invalid_scope = `{ $scope }` no es un alcance que pueda conceder
problem-auth-busy = el servidor está ocupado verificando otras contraseñas; inténtelo de nuevo en un segundo
problem-auth-rate_limited = demasiadas solicitudes desde su dirección; inténtelo de nuevo en { $seconds } segundos
problem-mail-not_editable = los correos `{ $kind }` llevan un enlace de un solo uso: usan siempre el texto predeterminado
problem-request-send_json = envíe el cuerpo como JSON con `Content-Type: application/json`
problem-request-send_csv = envíe el archivo con `Content-Type: text/csv`
problem-request-body_too_large = el cuerpo puede tener como máximo { $limit } bytes
problem-request-file_too_large = un archivo puede tener como máximo { $limit } bytes
problem-request-unreadable_body = no se pudo leer el cuerpo de la solicitud
problem-request-malformed_json = el cuerpo no es un JSON válido: { $error }
problem-request-if_match = If-Match debe ser el ETag del recurso, por ejemplo "3"
problem-idempotency-in_progress = una solicitud con esta Idempotency-Key todavía se está procesando
problem-idempotency-other_request = esta Idempotency-Key se usó en otra solicitud (otra ruta, recurso o consulta): use una clave nueva para cada solicitud
problem-idempotency-other_body = esta Idempotency-Key se usó con otro cuerpo: use una clave nueva para cada solicitud
problem-idempotency-secret_not_replayed = la primera solicitud con esta Idempotency-Key creó lo que indica `resource_id`; su secreto se mostró una sola vez y no se repite: si se perdió, revóquelo y cree otro
problem-health-database_unavailable = la base de datos no responde
problem-auth-csrf = envíe `{ $header }: { $value }` en las solicitudes autenticadas por cookie
thing-order = pedido
thing-payment = pago
thing-customer = cliente
thing-resource = recurso
thing-product = producto
thing-sales_channel = canal de venta
thing-supplier = proveedor
thing-carrier = transportista
thing-carrier_service = servicio de envío
thing-variant = variante
thing-location = ubicación
thing-purchase_order = orden de compra
thing-purchase_order_line = línea de orden de compra
thing-reservation = reserva
thing-stock_level = nivel de stock
thing-email = correo
thing-member = miembro
thing-store = tienda
thing-invitation = invitación
thing-api_key = clave de API
thing-holiday = feriado
thing-return = devolución

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
field-clock_time = debe ser una hora del día como HH:MM

## Feriados nacionales

holiday-new_year = Año Nuevo
holiday-carnival_monday = Lunes de Carnaval
holiday-carnival_tuesday = Martes de Carnaval
holiday-good_friday = Viernes Santo
holiday-tiradentes = Tiradentes
holiday-labour = Día del Trabajo
holiday-corpus_christi = Corpus Christi
holiday-independence = Día de la Independencia
holiday-our_lady_aparecida = Nuestra Señora Aparecida
holiday-all_souls = Día de los Difuntos
holiday-republic = Proclamación de la República
holiday-black_consciousness = Día de la Conciencia Negra
holiday-christmas = Navidad

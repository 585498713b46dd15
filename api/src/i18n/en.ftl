# The server's messages in English. Ids are the keys of `keys.rs` with `-` for `.`.

legacy-text = { $text }

## An order's timeline

order-placed = Order placed: { $total }.
order-held = { $findings }
order-moved = From { $from } to { $to }.
order-moved_because = From { $from } to { $to }. { $reason }
order-payment = Payment of { $amount } ({ $method }).
order-refund = Refund of { $amount }.
order-status-pending_payment = pending payment
order-status-on_hold = on hold
order-status-paid = paid
order-status-fulfilling = fulfilling
order-status-shipped = shipped
order-status-delivered = delivered
order-status-completed = completed
order-status-refunded = refunded
order-status-cancelled = cancelled
order-no_other_state = no other state

## Verification findings

finding-tax_id-missing = The customer has no CPF/CNPJ.
finding-tax_id-invalid = The CPF/CNPJ { $id } is not valid.
finding-address-incomplete = The shipping address is incomplete: { $parts }.
finding-address-postal_code = The postal code { $code } is not of the form used in { $country }.
finding-email-missing = The customer has no email address: no confirmation can be sent.
finding-email-undeliverable = The email address { $email } does not look deliverable.
finding-duplicate = Looks like a duplicate of order #{ $number }: same customer and lines within 10 minutes.
finding-first_order_value = First order of a new customer, { $total }, above the limit of { $limit }.

## Problems

problem-title-bad_request = Bad request
problem-title-unauthorized = Not authenticated
problem-title-forbidden = Not allowed
problem-title-not_found = Not found
problem-title-method_not_allowed = Method not allowed
problem-title-conflict = Conflict
problem-title-precondition_failed = Precondition failed
problem-title-payload_too_large = Request body too large
problem-title-unsupported_media_type = Unsupported media type
problem-title-validation = Validation failed
problem-title-too_many_requests = Too many requests
problem-title-internal = Internal error
problem-title-unavailable = Service unavailable
problem-internal = the server could not complete the request
problem-busy = the database is busy: try again in a moment
problem-not_found = no such { $thing }
problem-no_such_route = no such route
problem-method_not_allowed = this route takes only { $allowed }
problem-field_invalid = `{ $field }` { $message }
problem-fields_invalid = { $count } fields are invalid
problem-stale = the { $thing } changed since you read it (now at version { $current })
problem-orders-illegal_transition = the order is { $from }; it can move to { $allowed }
problem-orders-not_payable = an order that is { $status } takes no payments
problem-orders-not_refundable = an order that is { $status } takes no refunds
problem-orders-overpayment = the payment of { $amount } is more than the { $due } still due
problem-orders-over_refund = the refund of { $amount } is more than the { $refundable } paid and not yet refunded
problem-orders-payment_reference_taken = the payment reference `{ $reference }` belongs to another order
problem-orders-channel_archived = the sales channel is archived
problem-catalog-sku_taken = the SKU `{ $sku }` is already used by another variant
problem-catalog-barcode_taken = the barcode `{ $barcode }` is already used by another variant
problem-catalog-repeated = `{ $value }` appears twice in this request
problem-catalog-kit_rule = this kit cannot change: { $reason }
problem-catalog-kit-is_component = { $sku } is a component of another kit
problem-catalog-kit-has_stock = { $sku } has stock or reservations of its own
problem-catalog-kit-nested = a kit cannot contain another kit
problem-logistics-carrier_name_taken = a carrier named `{ $name }` already exists
problem-logistics-service_code_taken = the carrier already has a service with the code `{ $code }`
problem-logistics-not_served = the service has no transit time for this destination
problem-file-bad_values = the file has { $total } bad value(s); nothing was imported
problem-file-bad_values_after = the file has { $total } bad value(s), found after { $written } row(s) were imported: correct them and send the whole file again
problem-file-too_many_rows = the file has more than { $limit } rows, the most one import takes: split it
problem-inventory-insufficient_stock = not enough stock: { $shortages }
problem-inventory-shortage = { $sku } has { $available } available, { $requested } asked
problem-inventory-location_archived = the location `{ $code }` is archived
problem-inventory-location_code_taken = a location with the code `{ $code }` already exists
problem-inventory-kit_not_stocked = { $sku } is a kit: move the stock of its components instead
problem-inventory-nothing_to_reorder = nothing from this supplier needs reordering at this location
problem-inventory-same_location = a transfer needs two different locations
problem-inventory-reservation_not_active = the reservation is { $status }
problem-inventory-purchase_order_state = a purchase order that is { $status } cannot become { $action }
problem-inventory-over_receipt = { $sku }: { $received } received but only { $open } still open on the order
problem-tenancy-email_taken = an account with this email already exists; log in and create the store from it
problem-tenancy-invalid_timezone = `{ $value }` is not an IANA time zone such as America/Sao_Paulo
problem-tenancy-invalid_role = members cannot have the `api` role
problem-tenancy-owner_only = only an owner can grant, change or remove the owner role
problem-tenancy-last_owner = the store must keep at least one owner
problem-tenancy-already_member = this person is already a member of the store
problem-tenancy-invitation_not_pending = the invitation is { $status }
problem-tenancy-name_required = a new account needs a name
problem-tenancy-password_required = a new account needs a password
problem-tenancy-sign_in_to_accept = this address already has an account: sign in to it, then accept the invitation
problem-tenancy-invitation_for_another_account = this invitation was sent to another address: sign in with that address's account
problem-tenancy-not_when_signed_in = signed in, the invitation joins your account: send only the token
problem-tenancy-holiday_taken = the store already has a holiday on { $date }
problem-tenancy-no_working_day = the calendar has no working day within a year after { $after }
problem-auth-missing_credentials = send `Authorization: Bearer <access token or API key>`
problem-auth-invalid_credentials = the access token or API key is invalid, expired or revoked
problem-auth-wrong_password = the email or password is wrong
problem-auth-invalid_refresh_token = the refresh token is invalid, expired or already used; log in again
problem-auth-too_many_attempts = too many failed logins; try again in { $seconds } seconds
problem-auth-forbidden = this action needs the `{ $permission }` permission
problem-auth-not_a_member = this user is not a member of that store
problem-auth-invalid_scope = `{ $scope }` is not a scope you can grant
problem-auth-busy = the server is busy checking other passwords; try again in a second
problem-auth-rate_limited = too many requests from your address; try again in { $seconds } seconds
problem-mail-not_editable = `{ $kind }` emails carry a one-time link: they always use the built-in wording
problem-request-send_json = send the body as JSON with `Content-Type: application/json`
problem-request-send_csv = send the file with `Content-Type: text/csv`
problem-request-body_too_large = the body may be at most { $limit } bytes
problem-request-file_too_large = a file may be at most { $limit } bytes
problem-request-unreadable_body = the request body could not be read
problem-request-malformed_json = the body is not valid JSON: { $error }
problem-request-if_match = If-Match must be the ETag of the resource, e.g. "3"
problem-idempotency-in_progress = a request with this Idempotency-Key is still being processed
problem-idempotency-other_request = this Idempotency-Key was used for another request (another route, resource or query): use a new key for each request
problem-idempotency-other_body = this Idempotency-Key was used with a different body: use a new key for each request
problem-idempotency-secret_not_replayed = the first request with this Idempotency-Key created what `resource_id` names; its secret was shown only once and is not replayed: if it was lost, revoke it and create another
problem-health-database_unavailable = the database does not answer
problem-auth-csrf = send `{ $header }: { $value }` with cookie-authenticated requests
thing-order = order
thing-payment = payment
thing-customer = customer
thing-resource = resource
thing-product = product
thing-sales_channel = sales channel
thing-supplier = supplier
thing-carrier = carrier
thing-carrier_service = carrier service
thing-variant = variant
thing-location = location
thing-purchase_order = purchase order
thing-purchase_order_line = purchase order line
thing-reservation = reservation
thing-stock_level = stock level
thing-email = email
thing-member = member
thing-store = store
thing-invitation = invitation
thing-api_key = API key
thing-holiday = holiday

## Field errors

field-required = is required
field-unknown = is not a field of this request
field-length_between = must have between { $min } and { $max } characters
field-length_min = must have at least { $min } characters
field-length_max = must have at most { $max } characters
field-range_between = must be between { $min } and { $max }
field-range_min = must be at least { $min }
field-range_max = must be at most { $max }
field-email = must be an email address
field-clock_time = must be a time of day as HH:MM

## National holidays

holiday-new_year = New Year's Day
holiday-carnival_monday = Carnival Monday
holiday-carnival_tuesday = Carnival Tuesday
holiday-good_friday = Good Friday
holiday-tiradentes = Tiradentes
holiday-labour = Labour Day
holiday-corpus_christi = Corpus Christi
holiday-independence = Independence Day
holiday-our_lady_aparecida = Our Lady of Aparecida
holiday-all_souls = All Souls' Day
holiday-republic = Proclamation of the Republic
holiday-black_consciousness = Black Consciousness Day
holiday-christmas = Christmas Day

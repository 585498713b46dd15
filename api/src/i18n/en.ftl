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
thing-order = order
thing-payment = payment
thing-customer = customer
thing-resource = resource

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

# As mensagens do servidor em português do Brasil. Os ids são as chaves de `keys.rs` com `-` no
# lugar de `.`.

legacy-text = { $text }

## A linha do tempo de um pedido

order-placed = Pedido recebido: { $total }.
order-held = { $findings }
order-moved = De { $from } para { $to }.
order-moved_because = De { $from } para { $to }. { $reason }
order-payment = Pagamento de { $amount } ({ $method }).
order-refund = Reembolso de { $amount }.
order-status-pending_payment = aguardando pagamento
order-status-on_hold = em análise
order-status-paid = pago
order-status-fulfilling = em separação
order-status-shipped = enviado
order-status-delivered = entregue
order-status-completed = concluído
order-status-refunded = reembolsado
order-status-cancelled = cancelado
order-no_other_state = nenhum outro estado

## Achados da verificação

finding-tax_id-missing = O cliente não tem CPF/CNPJ.
finding-tax_id-invalid = O CPF/CNPJ { $id } é inválido.
finding-address-incomplete = O endereço de entrega está incompleto: { $parts }.
finding-address-postal_code = O CEP { $code } não tem o formato usado em { $country }.
finding-email-missing = O cliente não tem e-mail: a confirmação não pode ser enviada.
finding-email-undeliverable = O e-mail { $email } não parece entregável.
finding-duplicate = Parece duplicado do pedido #{ $number }: mesmo cliente e itens há menos de 10 minutos.
finding-first_order_value = Primeiro pedido de um cliente novo, de { $total }, acima do limite de { $limit }.

## Problemas

problem-title-bad_request = Requisição inválida
problem-title-unauthorized = Não autenticado
problem-title-forbidden = Não permitido
problem-title-not_found = Não encontrado
problem-title-method_not_allowed = Método não permitido
problem-title-conflict = Conflito
problem-title-precondition_failed = Pré-condição não atendida
problem-title-payload_too_large = Corpo da requisição grande demais
problem-title-unsupported_media_type = Tipo de conteúdo não suportado
problem-title-validation = Dados inválidos
problem-title-too_many_requests = Requisições demais
problem-title-internal = Erro interno
problem-title-unavailable = Serviço indisponível
problem-internal = o servidor não conseguiu concluir a requisição
problem-busy = o banco de dados está ocupado: tente de novo em instantes
problem-not_found = { $thing } não encontrado
problem-no_such_route = rota inexistente
problem-field_invalid = `{ $field }` { $message }
problem-fields_invalid = { $count } campos são inválidos
problem-stale = o { $thing } mudou desde que você o leu (agora na versão { $current })
problem-orders-illegal_transition = o pedido está no estado { $from }; pode passar para { $allowed }
problem-orders-not_payable = um pedido no estado { $status } não recebe pagamentos
problem-orders-not_refundable = um pedido no estado { $status } não recebe reembolsos
problem-orders-overpayment = o pagamento de { $amount } é maior que os { $due } ainda devidos
problem-orders-over_refund = o reembolso de { $amount } é maior que os { $refundable } pagos e ainda não reembolsados
problem-orders-payment_reference_taken = a referência de pagamento `{ $reference }` pertence a outro pedido
problem-orders-channel_archived = o canal de venda está arquivado
thing-order = pedido
thing-payment = pagamento
thing-customer = cliente
thing-resource = recurso

## Erros de campo

field-required = é obrigatório
field-unknown = não é um campo desta requisição
field-length_between = deve ter entre { $min } e { $max } caracteres
field-length_min = deve ter pelo menos { $min } caracteres
field-length_max = deve ter no máximo { $max } caracteres
field-range_between = deve estar entre { $min } e { $max }
field-range_min = deve ser pelo menos { $min }
field-range_max = deve ser no máximo { $max }
field-email = deve ser um endereço de e-mail

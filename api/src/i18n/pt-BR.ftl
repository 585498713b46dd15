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
problem-not_found = não há { $thing } com este id
problem-no_such_route = rota inexistente
problem-method_not_allowed = esta rota aceita apenas { $allowed }
problem-field_invalid = `{ $field }` { $message }
problem-fields_invalid = { $count } campos são inválidos
problem-stale = o registro ({ $thing }) mudou desde que você o leu (agora na versão { $current })
problem-orders-illegal_transition = o pedido está no estado { $from }; pode passar para { $allowed }
problem-orders-not_payable = um pedido no estado { $status } não recebe pagamentos
problem-orders-not_refundable = um pedido no estado { $status } não recebe reembolsos
problem-orders-overpayment = o pagamento de { $amount } é maior que os { $due } ainda devidos
problem-orders-over_refund = o reembolso de { $amount } é maior que os { $refundable } pagos e ainda não reembolsados
problem-orders-payment_reference_taken = a referência de pagamento `{ $reference }` pertence a outro pedido
problem-orders-channel_archived = o canal de venda está arquivado
problem-catalog-sku_taken = o SKU `{ $sku }` já é usado por outra variante
problem-catalog-barcode_taken = o código de barras `{ $barcode }` já é usado por outra variante
problem-catalog-repeated = `{ $value }` aparece duas vezes nesta requisição
problem-catalog-kit_rule = este kit não pode mudar: { $reason }
problem-catalog-kit-is_component = { $sku } é componente de outro kit
problem-catalog-kit-has_stock = { $sku } tem estoque ou reservas próprios
problem-catalog-kit-nested = um kit não pode conter outro kit
problem-logistics-carrier_name_taken = já existe uma transportadora chamada `{ $name }`
problem-logistics-service_code_taken = a transportadora já tem um serviço com o código `{ $code }`
problem-logistics-not_served = o serviço não tem prazo de entrega para este destino
problem-returns-not_delivered = um pedido { $status } ainda não foi entregue
problem-returns-regret_window = o prazo de arrependimento para devolução terminou em { $closed }
problem-returns-defect_window = o prazo de devolução por defeito terminou em { $closed }
problem-returns-over_quantity = { $sku }: { $requested } a devolver, mas só { $returnable } entregue(s) e ainda não devolvido(s)
problem-returns-unknown_reason = `{ $code }` não é um dos motivos de devolução da loja
problem-returns-unknown_line = a linha não é uma linha do pedido da devolução
problem-returns-state = uma devolução no estado { $status } não pode ser { $action }
problem-returns-inspection = { $sku }: { $inspected } inspecionado(s), mas { $quantity } na devolução
problem-returns-no_replacement = uma troca precisa dos itens de reposição
problem-returns-bad_link = o link de devolução não é válido ou expirou
problem-file-bad_values = o arquivo tem { $total } valor(es) inválido(s); nada foi importado
problem-file-bad_values_after = o arquivo tem { $total } valor(es) inválido(s), encontrados depois de { $written } linha(s) importada(s): corrija-os e envie o arquivo inteiro de novo
problem-file-too_many_rows = o arquivo tem mais de { $limit } linhas, o máximo de uma importação: divida-o
problem-inventory-insufficient_stock = estoque insuficiente: { $shortages }
problem-inventory-shortage = { $sku } tem { $available } disponível(is), { $requested } pedido(s)
problem-inventory-location_archived = o local `{ $code }` está arquivado
problem-inventory-location_code_taken = já existe um local com o código `{ $code }`
problem-inventory-kit_not_stocked = { $sku } é um kit: movimente o estoque dos seus componentes
problem-inventory-nothing_to_reorder = nada deste fornecedor precisa de reposição neste local
problem-inventory-same_location = uma transferência precisa de dois locais diferentes
problem-inventory-reservation_not_active = a reserva está no estado { $status }
problem-inventory-purchase_order_state = um pedido de compra no estado { $status } não pode passar a { $action }
problem-inventory-over_receipt = { $sku }: { $received } recebido(s), mas só { $open } ainda em aberto no pedido
problem-tenancy-email_taken = já existe uma conta com este e-mail; entre nela e crie a loja a partir dela
problem-tenancy-invalid_timezone = `{ $value }` não é um fuso horário IANA como America/Sao_Paulo
problem-tenancy-invalid_role = membros não podem ter o papel `api`
problem-tenancy-owner_only = só um proprietário pode dar, mudar ou tirar o papel de proprietário
problem-tenancy-last_owner = a loja precisa manter pelo menos um proprietário
problem-tenancy-already_member = esta pessoa já é membro da loja
problem-tenancy-invitation_not_pending = o convite está no estado { $status }
problem-tenancy-name_required = uma conta nova precisa de um nome
problem-tenancy-password_required = uma conta nova precisa de uma senha
problem-tenancy-sign_in_to_accept = este endereço já tem uma conta: entre nela e depois aceite o convite
problem-tenancy-invitation_for_another_account = este convite foi enviado a outro endereço: entre com a conta desse endereço
problem-tenancy-not_when_signed_in = com a sessão aberta, o convite entra na sua conta: envie só o token
problem-tenancy-holiday_taken = a loja já tem um feriado em { $date }
problem-tenancy-no_working_day = o calendário não tem nenhum dia útil no ano seguinte a { $after }
problem-auth-missing_credentials = envie `Authorization: Bearer <token de acesso ou chave de API>`
problem-auth-invalid_credentials = o token de acesso ou a chave de API é inválido, expirou ou foi revogado
problem-auth-wrong_password = o e-mail ou a senha está errado
problem-auth-invalid_refresh_token = o token de renovação é inválido, expirou ou já foi usado; entre de novo
problem-auth-too_many_attempts = tentativas de entrada demais; tente de novo em { $seconds } segundos
problem-auth-forbidden = esta ação precisa da permissão `{ $permission }`
problem-auth-not_a_member = este usuário não é membro dessa loja
problem-auth-invalid_scope = `{ $scope }` não é um escopo que você possa conceder
problem-auth-busy = o servidor está ocupado conferindo outras senhas; tente de novo em um segundo
problem-auth-rate_limited = requisições demais do seu endereço; tente de novo em { $seconds } segundos
problem-mail-not_editable = e-mails `{ $kind }` levam um link de uso único: usam sempre o texto padrão
problem-request-send_json = envie o corpo como JSON com `Content-Type: application/json`
problem-request-send_csv = envie o arquivo com `Content-Type: text/csv`
problem-request-body_too_large = o corpo pode ter no máximo { $limit } bytes
problem-request-file_too_large = um arquivo pode ter no máximo { $limit } bytes
problem-request-unreadable_body = não foi possível ler o corpo da requisição
problem-request-malformed_json = o corpo não é um JSON válido: { $error }
problem-request-if_match = If-Match deve ser o ETag do recurso, por exemplo "3"
problem-idempotency-in_progress = uma requisição com esta Idempotency-Key ainda está em andamento
problem-idempotency-other_request = esta Idempotency-Key foi usada em outra requisição (outra rota, recurso ou consulta): use uma chave nova para cada requisição
problem-idempotency-other_body = esta Idempotency-Key foi usada com outro corpo: use uma chave nova para cada requisição
problem-idempotency-secret_not_replayed = a primeira requisição com esta Idempotency-Key criou o que `resource_id` indica; o segredo foi mostrado uma só vez e não é repetido: se ele se perdeu, revogue-o e crie outro
problem-health-database_unavailable = o banco de dados não responde
problem-auth-csrf = envie `{ $header }: { $value }` nas requisições autenticadas por cookie
thing-order = pedido
thing-payment = pagamento
thing-customer = cliente
thing-resource = recurso
thing-product = produto
thing-sales_channel = canal de venda
thing-supplier = fornecedor
thing-carrier = transportadora
thing-carrier_service = serviço de entrega
thing-variant = variante
thing-location = local
thing-purchase_order = pedido de compra
thing-purchase_order_line = linha de pedido de compra
thing-reservation = reserva
thing-stock_level = nível de estoque
thing-email = e-mail
thing-member = membro
thing-store = loja
thing-invitation = convite
thing-api_key = chave de API
thing-holiday = feriado
thing-return = devolução

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
field-clock_time = deve ser um horário no formato HH:MM

## Feriados nacionais

holiday-new_year = Confraternização Universal
holiday-carnival_monday = Segunda-feira de Carnaval
holiday-carnival_tuesday = Terça-feira de Carnaval
holiday-good_friday = Sexta-feira da Paixão
holiday-tiradentes = Tiradentes
holiday-labour = Dia do Trabalho
holiday-corpus_christi = Corpus Christi
holiday-independence = Independência do Brasil
holiday-our_lady_aparecida = Nossa Senhora Aparecida
holiday-all_souls = Finados
holiday-republic = Proclamação da República
holiday-black_consciousness = Dia Nacional de Zumbi e da Consciência Negra
holiday-christmas = Natal

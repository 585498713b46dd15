//! The sentences the server wrote before it stored keys, frozen as they were then, and how
//! each is read back into a key and its arguments (the JSON of `api::i18n::Message`).

use serde_json::{Map, Value, json};

/// The languages a sentence may be in, in the order they are tried.
#[derive(Clone, Copy)]
pub enum Language {
    Pt,
    Es,
    En,
}

const LANGUAGES: [Language; 3] = [Language::Pt, Language::Es, Language::En];

/// Each state's code and its words in pt-BR, es and en.
const STATUS_WORDS: [(&str, [&str; 3]); 9] = [
    (
        "pending_payment",
        [
            "aguardando pagamento",
            "pendiente de pago",
            "pending payment",
        ],
    ),
    ("on_hold", ["em análise", "en revisión", "on hold"]),
    ("paid", ["pago", "pagado", "paid"]),
    (
        "fulfilling",
        ["em separação", "en preparación", "fulfilling"],
    ),
    ("shipped", ["enviado", "enviado", "shipped"]),
    ("delivered", ["entregue", "entregado", "delivered"]),
    ("completed", ["concluído", "completado", "completed"]),
    ("refunded", ["reembolsado", "reembolsado", "refunded"]),
    ("cancelled", ["cancelado", "cancelado", "cancelled"]),
];

/// A finding's key, the names of its arguments (in the order the sentence has them) and the
/// sentence in each language, `{}` where an argument went.
const FINDINGS: [(&str, &[&str], [&str; 3]); 8] = [
    (
        "finding.tax_id.missing",
        &[],
        [
            "O cliente não tem CPF/CNPJ.",
            "El cliente no tiene CPF/CNPJ.",
            "The customer has no CPF/CNPJ.",
        ],
    ),
    (
        "finding.tax_id.invalid",
        &["id"],
        [
            "O CPF/CNPJ {} é inválido.",
            "El CPF/CNPJ {} no es válido.",
            "The CPF/CNPJ {} is not valid.",
        ],
    ),
    (
        "finding.address.incomplete",
        &["parts"],
        [
            "O endereço de entrega está incompleto: {}.",
            "La dirección de envío está incompleta: {}.",
            "The shipping address is incomplete: {}.",
        ],
    ),
    (
        "finding.address.postal_code",
        &["code", "country"],
        [
            "O CEP {} não tem o formato usado em {}.",
            "El código postal {} no tiene el formato de {}.",
            "The postal code {} is not of the form used in {}.",
        ],
    ),
    (
        "finding.email.missing",
        &[],
        [
            "O cliente não tem e-mail: a confirmação não pode ser enviada.",
            "El cliente no tiene correo: no se puede enviar la confirmación.",
            "The customer has no email address: no confirmation can be sent.",
        ],
    ),
    (
        "finding.email.undeliverable",
        &["email"],
        [
            "O e-mail {} não parece entregável.",
            "El correo {} no parece entregable.",
            "The email address {} does not look deliverable.",
        ],
    ),
    (
        "finding.duplicate",
        &["number"],
        [
            "Parece duplicado do pedido #{}: mesmo cliente e itens há menos de 10 minutos.",
            "Parece un duplicado del pedido #{}: mismo cliente y artículos hace menos de 10 minutos.",
            "Looks like a duplicate of order #{}: same customer and lines within 10 minutes.",
        ],
    ),
    (
        "finding.first_order_value",
        &["total", "limit"],
        [
            "Primeiro pedido de um cliente novo, de {}, acima do limite de {}.",
            "Primer pedido de un cliente nuevo, de {}, por encima del límite de {}.",
            "First order of a new customer, {}, above the limit of {}.",
        ],
    ),
];

/// The beginnings of the sentences of an order placed, a payment and a refund.
const PLACED: [&str; 3] = ["Pedido recebido: ", "Pedido recibido: ", "Order placed: "];
const PAYMENT: [&str; 3] = ["Pagamento de ", "Pago de ", "Payment of "];
const REFUND: [&str; 3] = ["Reembolso de ", "Reembolso de ", "Refund of "];

/// A sentence that cannot be read back: kept as it is, under `legacy.text`.
pub fn legacy(text: &str) -> Value {
    json!({ "key": "legacy.text", "text": text })
}

/// Whether a stored text is already a message (the JSON of one, with its key).
pub fn is_message(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| v.get("key").is_some_and(Value::is_string))
}

fn money(amount: &str, currency: &str) -> Value {
    json!({ "money": amount, "currency": currency })
}

fn status(code: &str) -> Value {
    json!({ "key": format!("order.status.{code}") })
}

fn words(code: &str, language: Language) -> Option<&'static str> {
    STATUS_WORDS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, words)| words[language as usize])
}

/// A move between two states, with the reason staff gave after the sentence, if any.
pub fn moved(text: &str, from: &str, to: &str) -> Option<Value> {
    LANGUAGES.into_iter().find_map(|language| {
        let (from_words, to_words) = (words(from, language)?, words(to, language)?);
        let sentence = match language {
            Language::Pt => format!("De {from_words} para {to_words}."),
            Language::Es => format!("De {from_words} a {to_words}."),
            Language::En => format!("From {from_words} to {to_words}."),
        };
        let rest = text.strip_prefix(&sentence)?;
        let mut message = json!({ "key": "order.moved", "from": status(from), "to": status(to) });
        if let Some(reason) = rest.strip_prefix(' ').filter(|r| !r.is_empty()) {
            message["key"] = json!("order.moved_because");
            message["reason"] = json!(reason);
        } else if !rest.is_empty() {
            return None;
        }
        Some(message)
    })
}

/// An order placed, its total taken from the order.
pub fn placed(text: &str, total: &str, currency: &str) -> Option<Value> {
    PLACED
        .iter()
        .any(|start| text.starts_with(start))
        .then(|| json!({ "key": "order.placed", "total": money(total, currency) }))
}

/// A payment, its amount and method taken from the payment the entry was written for.
pub fn payment(text: &str, amount: &str, currency: &str, method: &str) -> Option<Value> {
    let fits = PAYMENT.iter().any(|start| text.starts_with(start))
        && text.ends_with(&format!("({method})."));
    fits.then(
        || json!({ "key": "order.payment", "amount": money(amount, currency), "method": method }),
    )
}

/// A refund, its amount taken from the refund the entry was written for.
pub fn refund(text: &str, amount: &str, currency: &str) -> Option<Value> {
    REFUND
        .iter()
        .any(|start| text.starts_with(start))
        .then(|| json!({ "key": "order.refund", "amount": money(amount, currency) }))
}

/// A finding's sentence as a message: its key and the arguments read out of the sentence
/// (amounts of money read in the sentence's language, in the order's currency).
pub fn finding(text: &str, currency: &str) -> Option<Value> {
    FINDINGS.iter().find_map(|(key, names, sentences)| {
        LANGUAGES.into_iter().find_map(|language| {
            let captured = capture(sentences[language as usize], text)?;
            let mut message = Map::new();
            message.insert("key".into(), json!(key));
            for (name, value) in names.iter().zip(captured) {
                let arg = match *name {
                    "number" => json!(value.parse::<i64>().ok()?),
                    "total" | "limit" => money(&amount_in(&value, language)?, currency),
                    _ => json!(value),
                };
                message.insert((*name).into(), arg);
            }
            Some(Value::Object(message))
        })
    })
}

/// The parts of `text` that stand where `template` has `{}`, when the rest is the same.
pub fn capture(template: &str, text: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest) = pieces.split_first()?;
    let mut remaining = text.strip_prefix(first)?;
    let mut captured = Vec::new();
    for (index, piece) in rest.iter().enumerate() {
        let at = if index + 1 == rest.len() {
            remaining.strip_suffix(piece).map(str::len)?
        } else {
            remaining.find(piece)?
        };
        captured.push(remaining[..at].to_owned());
        remaining = &remaining[at + piece.len()..];
    }
    remaining.is_empty().then_some(captured)
}

/// `R$ 1.234,56` (pt-BR, es) or `R$ 1,234.56` (en) as `1234.56`.
fn amount_in(text: &str, language: Language) -> Option<String> {
    let digits = text.rsplit(' ').next()?;
    let plain = match language {
        Language::Pt | Language::Es => digits.replace('.', "").replace(',', "."),
        Language::En => digits.replace(',', ""),
    };
    let valid = !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.matches('.').count() <= 1;
    valid.then_some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_read_back_into_keys() {
        assert_eq!(
            moved(
                "De em análise para cancelado. Cliente desistiu",
                "on_hold",
                "cancelled"
            ),
            Some(json!({
                "key": "order.moved_because",
                "from": { "key": "order.status.on_hold" },
                "to": { "key": "order.status.cancelled" },
                "reason": "Cliente desistiu",
            }))
        );
        assert_eq!(
            moved("From paid to shipped.", "paid", "shipped").map(|m| m["key"].clone()),
            Some(json!("order.moved"))
        );
        assert_eq!(moved("Pago para enviado", "paid", "shipped"), None);
        assert_eq!(
            finding("O CEP 1234 não tem o formato usado em BR.", "BRL"),
            Some(json!({ "key": "finding.address.postal_code", "code": "1234", "country": "BR" }))
        );
        assert_eq!(
            finding(
                "Primer pedido de un cliente nuevo, de R$ 1.500,00, por encima del límite de R$ 1.000,00.",
                "BRL"
            ),
            Some(json!({
                "key": "finding.first_order_value",
                "total": { "money": "1500.00", "currency": "BRL" },
                "limit": { "money": "1000.00", "currency": "BRL" },
            }))
        );
        assert_eq!(
            finding(
                "Looks like a duplicate of order #1002: same customer and lines within 10 minutes.",
                "BRL"
            ),
            Some(json!({ "key": "finding.duplicate", "number": 1002 }))
        );
        assert_eq!(
            finding("The customer has no CPF/CNPJ.", "BRL"),
            Some(json!({ "key": "finding.tax_id.missing" }))
        );
        assert_eq!(finding("Something else entirely.", "BRL"), None);
        assert_eq!(
            payment("Pago de R$ 10,00 (pix).", "10.00", "BRL", "card"),
            None
        );
        assert!(is_message(
            &moved("De pago para enviado.", "paid", "shipped")
                .unwrap_or_default()
                .to_string()
        ));
        assert!(!is_message("De pago para enviado."));
    }
}

//! The sample a canned reply is checked against before it is kept; a ticket's answer fills in
//! the same fields with its own.

use serde_json::{Value, json};

pub fn canned_reply() -> Value {
    json!({
        "customer": { "name": "Ana Souza", "email": "ana@example.com.br" },
        "ticket": { "number": 12, "subject": "Pedido 1042 não chegou" },
        "order": { "number": 1042 },
        "agent": "Bruno",
        "store": { "name": "Loja Exemplo" },
    })
}

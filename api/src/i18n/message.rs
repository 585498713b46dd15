//! `Message`: what the server stores instead of a sentence, a key and its arguments, rendered
//! in the reader's language when read (`render`).
//!
//! Stored as JSON, the arguments beside the key:
//! `{"key": "order.payment", "amount": {"money": "150.00", "currency": "BRL"}, "method": "pix"}`.

use std::collections::BTreeMap;

use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::keys::Key;

/// A message key with its arguments. The key is kept as text, so a row written by a newer
/// server still reads (a key without a translation renders as the key itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub key: String,
    #[serde(flatten)]
    pub args: BTreeMap<String, Arg>,
}

/// An argument: text as it is, a number, an amount of money (written in the reader's way), a
/// message of its own (an order's state), messages joined by a separator (a problem's items),
/// or a list of sentences (the findings of a hold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
    Money {
        money: Decimal,
        currency: Currency,
    },
    Joined {
        items: Vec<Message>,
        separator: String,
    },
    Message(Message),
    List(Vec<Message>),
}

impl Message {
    pub fn new(key: Key) -> Message {
        Message {
            key: key.as_str().to_owned(),
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument.
    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Message {
        self.args.insert(name.to_owned(), value.into());
        self
    }

    /// A sentence kept as written (`legacy.text`): rendered the same in every language.
    pub fn legacy(text: impl Into<String>) -> Message {
        Message::new(Key::LegacyText).with("text", text.into())
    }

    /// Reads a stored message: JSON as `Message` writes it, or, in a row that holds plain
    /// text, that text as a legacy sentence.
    pub fn from_stored(stored: &str) -> Message {
        serde_json::from_str(stored).unwrap_or_else(|_| Message::legacy(stored))
    }

    /// `problem.not_found` for what an error names (`"order"`), when the catalogues name it.
    pub fn not_found(what: &str) -> Option<Message> {
        Some(Message::new(Key::ProblemNotFound).with("thing", Key::thing(what)?))
    }

    /// `problem.stale` for what an error names (`"the order"`) and its version now.
    pub fn stale(what: &str, current: i32) -> Option<Message> {
        Some(
            Message::new(Key::ProblemStale)
                .with("thing", Key::thing(what)?)
                .with("current", i64::from(current)),
        )
    }

    /// The JSON stored in a text column.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Arg {
    pub fn money(money: Decimal, currency: Currency) -> Arg {
        Arg::Money { money, currency }
    }
}

impl From<Key> for Message {
    fn from(key: Key) -> Message {
        Message::new(key)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(number: i64) -> Arg {
        Arg::Number(number)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(message)
    }
}

impl From<Key> for Arg {
    fn from(key: Key) -> Arg {
        Arg::Message(Message::new(key))
    }
}

impl From<Vec<Message>> for Arg {
    fn from(messages: Vec<Message>) -> Arg {
        Arg::List(messages)
    }
}

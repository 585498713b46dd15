//! Text in the reader's language. What the server stores is a `Message` (a key from `keys.rs`
//! with its arguments), never a sentence; `render` writes it in a language from the
//! catalogues beside this file (`pt-BR.ftl`, `es.ftl`, `en.ftl`, Fluent). `ReaderLocale` is
//! the reader's language (`Accept-Language`, then the store's); `error::localize_problems` writes
//! problem documents in it.

pub mod keys;
mod lookup;
pub mod message;
pub mod reader;
pub mod render;

#[cfg(test)]
mod tests;

pub use keys::Key;
pub use message::{Arg, Message};
pub use reader::ReaderLocale;
pub use render::render;

//! Authentication: sessions (login, refresh, logout) and API keys.

pub mod api_key;
pub mod session;

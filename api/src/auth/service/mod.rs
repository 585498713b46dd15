//! Authentication: sessions (login, refresh, logout) and API keys.

pub mod api_key;
pub mod membership;
pub mod session;

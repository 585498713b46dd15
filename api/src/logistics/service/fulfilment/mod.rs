//! Fulfilments: opened when an order is paid, picked, packed, shipped and delivered; read one
//! by one, in lists (the late lists among them) and as a location's pick list.

pub mod late;
pub mod open;
pub mod pick_list;
pub mod steps;
pub mod view;

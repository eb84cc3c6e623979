//! Stage 3, the document kinds: for each kind its model, its rules and its view model
//! (everything computed: labels, dates, numbering, statuses, totals), so templates only place
//! values.

pub mod jaarverslag;
pub mod kadernota;
pub mod raadsvoorstel;
pub mod rules;
pub mod view;

pub use jaarverslag::{JaarverslagView, jaarverslag};
pub use kadernota::{KadernotaView, kadernota};
pub use raadsvoorstel::{
    BijlageView, BundelGeheelView, BundelView, DeelGeheel, DeelView, ExterneBijlage, RaadsbesluitView,
    RaadsvoorstelView, raadsbesluit, raadsvoorstel,
};
pub use view::*;

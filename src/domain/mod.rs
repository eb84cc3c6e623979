//! Stage 1, the domain, at the ground: what a gemeente and its documents are, values and their
//! statuses, finance, Dutch formatting.

pub mod bedragen;
pub mod begroting;
pub mod financien;
pub mod financiering;
pub mod format;
pub mod iv3;
pub mod jaarrekening;
pub mod kengetallen;
pub mod levering;
pub mod model;
pub mod overzichten;
pub mod posten;
pub mod reserves;
pub mod taakvelden;
pub mod verbonden_partijen;
pub mod waarde;
pub mod wijziging;

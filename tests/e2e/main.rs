//! End-to-end tests: they build real PDFs from real YAML and read the PDFs back.
//!
//! One test binary (with modules) rather than many, because every binary links all of Typst.

mod archief;
mod batch;
mod begrensd;
mod begroting;
mod beleid;
mod betrouwbaar;
mod common;
mod compleet;
mod drukwerk;
mod errors;
mod hardening;
mod hostile;
mod jaarrekening;
mod kinds;
mod kolommen;
mod lagen;
mod openbaar;
mod paragrafen;
mod partijen;
mod positie;
mod properties;
mod raadsvoorstel;
mod steller;
mod storingen;
mod uitvoer;
mod verstuurd;
mod vertrouwen;
mod views;
mod web;
mod wijzigingen;
mod zicht;

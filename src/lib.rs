//! raadsstuk: council-ready PDFs for Dutch municipalities from structured YAML.
//!
//! The pipeline, one folder per stage, data flowing one way:
//!
//! ```text
//! source (files, YAML → located tree → model) → domain (values, finance, formatting)
//!     → kinds (one module per kind: model, rules, view model, outputs, scaffold)
//!     → output (Handlebars → Typst → pages → PDF, write)
//! batch (jobs that wait for each other, incremental state, manifest)
//! ```
//!
//! A [`session::Session`] holds what a run loads once (gemeente, templates, fonts, the Typst
//! library) and runs the stages for each document; `scaffold` implements `raadsstuk new`,
//! `watch` the live preview.

pub mod batch;
pub mod diagnostics;
pub mod domain;
pub mod kinds;
pub mod output;
pub mod scaffold;
pub mod session;
pub mod source;
pub mod watch;

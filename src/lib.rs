//! raadsstuk: council-ready PDFs for Dutch municipalities from structured YAML.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! project (files) → load (YAML → model) → build (validate) → view (view model)
//!     → render (Handlebars → Typst source) → typeset (Typst → pages → PDF) → output (atomic write)
//! ```
//!
//! A bundle takes its parts' pages from typeset and exports them once more (`assemble`).
//!
//! [`build::Session`] holds what a run loads once (gemeente, templates, fonts, Typst library).

pub mod assemble;
pub mod beleid;
pub mod build;
pub mod charts;
pub mod diagnostics;
pub mod draft;
pub mod financien;
pub mod format;
pub mod incremental;
pub mod load;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod output;
pub mod project;
pub mod render;
pub mod typeset;
pub mod view;
pub mod waarde;
pub mod watch;

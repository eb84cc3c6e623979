//! Stage 4, output: view model → Typst source (Handlebars, escaping, Markdown), Typst
//! typesetting and PDF export, bundles from laid-out pages, atomic writes.

pub mod alinea;
pub mod assemble;
pub mod helpers;
pub mod iv3;
pub mod markup;
pub mod partials;
pub mod render;
pub mod svg;
pub mod tables;
pub mod typeset;
pub mod web;
pub mod write;

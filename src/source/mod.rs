//! Stage 2, reading sources: the project's files (sandboxed) and YAML read into a located tree
//! and then the model, with every error of a file at once.

pub mod gemeente;
pub mod image;
pub mod project;
pub mod yaml;

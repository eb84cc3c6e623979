//! Stage 5, the batch: incremental state and the distribution manifest.

pub mod manifest;
pub mod state;

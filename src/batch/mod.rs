//! Stage 5, the batch: scheduling jobs that wait for each other, incremental state, and the
//! distribution manifest. Nothing here knows a document kind or Typst.

pub mod manifest;
pub mod queue;
pub mod sent;
pub mod state;

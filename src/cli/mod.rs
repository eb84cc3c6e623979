//! The command line of the binary: its arguments (args.rs) and its commands (commands.rs).

pub mod args;
pub mod commands;

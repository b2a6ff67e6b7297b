//! gamechannel-spec: the platform spec format and everything that reads it at run time.
//!
//! The pipeline runs one way: [`load`] (YAML → [`spec`], the format as written) → validate
//! (every name resolved, every rule checked) → [`model`] (the checked platform) → [`plan`]
//! (each signing recipe lowered to straight-line steps) → examples (each one reproduced by
//! [`eval`], the interpreter of plans). The code generator (`gamechannel-codegen`) emits Rust
//! and docs from the same model; the `gamechannel` command and its mock platform
//! use this crate directly, so a spec that is not compiled in still signs and verifies.

#![warn(missing_docs)]

pub mod body;
pub mod diagnostics;
pub mod eval;
mod examples;
pub mod lenient;
pub mod load;
pub mod locate;
pub mod model;
pub mod plan;
pub mod received;
pub mod schema;
pub mod spec;
mod syntax;
pub mod template;
mod validate;
pub mod values;

pub use diagnostics::{Diagnostic, Diagnostics, Label, Severity};

//! gamechannel-codegen: compiles platform specs (YAML) into Rust client code, Markdown docs and
//! the spec format's JSON Schema.
//!
//! The pipeline runs one way: [`load`] (YAML → [`spec`] → checked [`model`]) → emit
//! ([`emit_rust`], [`emit_docs`], [`schema`]). A build script drives it with [`Builder`];
//! the `gamechannel` command drives it with [`generated`] and [`eval`].

#![warn(missing_docs)]

mod build;
pub mod diagnostics;
pub mod emit_docs;
pub mod emit_rust;
pub mod eval;
pub mod generated;
pub mod lenient;
pub mod load;
pub mod locate;
pub mod model;
pub mod schema;
pub mod spec;
pub mod template;
mod validate;
pub mod values;

pub use build::{BuildError, Builder, MODULES_FILE, yaml_files};
pub use diagnostics::{Diagnostic, Diagnostics};

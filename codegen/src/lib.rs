//! gamechannel-codegen: compiles platform specs (YAML) into Rust client code and Markdown docs.
//!
//! It stands on `gamechannel-spec`, which loads and checks a spec into its model; this crate
//! only emits from that model ([`emit_rust`], [`emit_docs`], [`emit_ts`]). A build script drives it with
//! [`Builder`]; the `gamechannel` command drives it with [`generated`].

#![warn(missing_docs)]

mod build;
pub mod emit_docs;
pub mod emit_rust;
pub mod emit_ts;
pub mod generated;

pub use build::{AGREEMENT_FILE, BuildError, Builder, MODULES_FILE, yaml_files};
// The spec crate's stages, under the paths the emitters and existing callers use.
pub use gamechannel_spec::{
    Diagnostic, Diagnostics, body, diagnostics, eval, lenient, load, locate, model, plan, received,
    schema, spec, template, values,
};

//! gamechannel: typed clients, request signing and callback verification for Chinese game
//! distribution platforms (WeChat Midas, QQ game hall, wancms, llewan, ...).
//!
//! The platform modules are generated at build time from YAML specs by `gamechannel-codegen`;
//! this crate's hand-written part is the small runtime they stand on: [`Signed`],
//! [`InvalidRequest`], [`CallbackRejection`], [`PreparedRequest`] and [`Error`].

#![warn(missing_docs)]
// docs.rs builds with `--cfg docsrs`: every feature-gated item shows the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Generated code names the runtime as `::gamechannel::...` so that it compiles unchanged both
// here and in a studio's own crate that includes its private platform modules.
extern crate self as gamechannel;

#[cfg(feature = "axum")]
pub mod axum;
mod callback;
pub mod client;
pub mod dedup;
mod error;
mod invalid;
mod push;
mod received;
#[cfg(feature = "redis")]
pub mod redis;
mod request;
mod signed;

#[doc(hidden)]
pub mod __private;

pub use callback::{
    Callback, CallbackRejection, RawFrom, RawRequest, ReplayWindow, SignedCallback, now_unix_secs,
};
pub use dedup::{DedupStore, MemoryDedup, StoreError, handle_once};
pub use error::Error;
pub use gamechannel_core::{
    Algorithm, Output, Secret, WireValue, ct_eq, ct_eq_ignore_ascii_case, percent_encode,
    percent_encode_into,
};
pub use invalid::{InvalidRequest, Violation};
pub use push::BodyFormat;
pub use request::PreparedRequest;
pub use signed::Signed;

/// The seed specs this crate was built from, as `(specs/<file>, YAML text)` in name order: what
/// a tool that interprets specs at run time (the `gamechannel` command) starts from.
pub const SEED_SPECS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/seed_specs.rs"));

/// The signing primitives shared with the code generator, for callers who sign by hand.
pub use gamechannel_core as core_primitives;

/// Expands to the platform modules that a build script generated with `gamechannel_codegen::Builder` into `OUT_DIR`.
#[macro_export]
macro_rules! include_specs {
    () => {
        include!(concat!(env!("OUT_DIR"), "/gamechannel_specs.rs"));
    };
    ($name:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $name, ".rs"));
    };
}
include_specs!();

//! Signing primitives shared by the `gamechannel` runtime and its code generator.
//!
//! Both sides must agree byte for byte on how a string-to-sign is built and
//! digested: the generator emits code that calls these functions, and the
//! runtime uses the same functions to verify platform callbacks. Keeping them
//! in one small dependency-light crate means a fix to an encoding rule lands in
//! both places at once.

#![warn(missing_docs)]

pub mod algorithm;
pub mod compare;
pub mod encoding;
pub mod json;
pub mod pattern;
pub mod received;
mod rsa_sig;
pub mod rules;
pub mod sealed;
pub mod secret;
pub mod transform;
pub mod wire;
pub mod xml;

pub use algorithm::{Algorithm, Compare, KeyError, Output, Signer, md5_hex_into, sign};
pub use compare::{ct_eq, ct_eq_ignore_ascii_case};
pub use encoding::{
    DecodeError, form_decode, hex_lower_into, json_string_into, parse_query, percent_encode,
    percent_encode_into, push_query_pair,
};
pub use json::{JsonError, json_pairs};
pub use pattern::{CompiledPattern, PatternError};
pub use received::{
    FormPair, ReadError, Repeated, dedupe_pairs, form_pairs, read_form, read_known, read_pairs,
};
pub use secret::Secret;
pub use transform::{Transform, apply_all, write_by_value, write_through, write_value_through};
pub use wire::{WireValue, non_empty, wire_text, write_wire_percent};
pub use xml::{XmlError, write_xml, xml_pairs};

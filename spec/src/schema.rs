//! The JSON Schema of the spec format, for editors' YAML plugins.
//!
//! The schema is committed as `generated/spec.schema.json`, and every spec file points at it
//! with a `# yaml-language-server: $schema=../generated/spec.schema.json` comment. Those
//! plugins speak draft-07, so that is the dialect emitted, whatever schemars defaults to.

use schemars::generate::SchemaSettings;

use crate::spec::Spec;

/// Title of the root schema, shown by editors when they describe the file.
const TITLE: &str = "gamechannel platform spec";

/// The draft-07 JSON Schema of [`Spec`], pretty-printed, with a trailing newline.
///
/// The output is deterministic (schemars keeps definitions in a sorted map), so the committed
/// copy can be compared byte for byte by a freshness test.
pub fn spec_json_schema() -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Spec>();
    schema.insert("title".to_owned(), TITLE.into());
    // A `$id` would pin the schema to one URL; specs refer to it by relative path instead.
    schema.remove("$id");
    // Serializing a `serde_json::Value` tree cannot fail; an empty object is the harmless
    // fallback should that ever change, and the schema test would catch it.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

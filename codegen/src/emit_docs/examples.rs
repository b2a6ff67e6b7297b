//! Worked examples: the inputs, the string to sign and the signature, as the generator's
//! evaluator reproduced them.

use serde::Serialize;

use super::markdown::{block, cell, code, one_line};
use crate::model::Example;

/// One example, ready for the template.
#[derive(Serialize)]
pub(crate) struct ExampleView {
    heading: String,
    source: Option<String>,
    /// Environment and path signed for, as a sentence.
    context: String,
    inputs: Vec<InputRow>,
    expect: Vec<ExpectView>,
}

#[derive(Serialize)]
struct InputRow {
    name: String,
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct ExpectView {
    signature: String,
    string_to_sign: String,
    value: String,
}

impl ExampleView {
    /// Builds the view of one example.
    pub(crate) fn new(example: &Example) -> Self {
        let mut context = format!("Signed for environment {}", code(&example.environment));
        if !example.path.is_empty() {
            context.push_str(&format!(", path {}", code(&example.path)));
        }
        context.push('.');
        // Credentials are shown in full: example values are published test vectors, and a
        // reader reproducing a signature needs every input.
        let credentials = example.credentials.iter().map(|(name, value)| InputRow {
            name: cell(&code(name)),
            kind: "credential",
            value: cell(&code(value)),
        });
        // A vector's own raw body is its input, the fields only what a platform reads from it.
        let request = example.request.iter().map(|(name, value)| InputRow {
            name: cell(&code(name)),
            kind: "field",
            value: cell(&code(value)),
        });
        let body = example.body.iter().map(|raw| InputRow {
            name: cell(&code("{body}")),
            kind: "raw body, as signed",
            value: cell(&code(raw)),
        });
        let request: Vec<InputRow> = match example.body {
            Some(_) => body.collect(),
            None => request.collect(),
        };
        ExampleView {
            heading: code(&example.name),
            source: example.source.as_deref().map(one_line),
            context,
            inputs: credentials.chain(request).collect(),
            expect: example
                .expect
                .iter()
                .map(|e| ExpectView {
                    signature: code(&e.signature),
                    string_to_sign: block(&e.string_to_sign),
                    value: code(&e.value),
                })
                .collect(),
        }
    }
}

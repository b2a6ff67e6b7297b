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
        Self::build(example, context, credentials.chain(request).collect())
    }

    /// The view of a recipe's own example: its body among the inputs, and, for a negative
    /// example, why the published value is wrong.
    pub(crate) fn alone(x: &crate::model::RecipeExample) -> Self {
        let example = &x.example;
        let mut context = format!("Recipe {} on its own", code(&x.signature));
        if !example.path.is_empty() {
            context.push_str(&format!(", path {}", code(&example.path)));
        }
        context.push('.');
        if let Some(why) = &x.refutes {
            context.push_str(&format!(
                " **Negative example**: the recipe must not give this value. {}",
                one_line(why)
            ));
        }
        let mut inputs: Vec<InputRow> = example
            .credentials
            .iter()
            .map(|(name, value)| InputRow {
                name: cell(&code(name)),
                kind: "credential",
                value: cell(&code(value)),
            })
            .collect();
        inputs.extend(example.request.iter().map(|(name, value)| InputRow {
            name: cell(&code(name)),
            kind: "parameter",
            value: cell(&code(value)),
        }));
        if let Some(body) = &example.body {
            inputs.push(InputRow {
                name: cell(&code("{body}")),
                kind: "raw body, as signed",
                value: cell(&code(body)),
            });
        }
        Self::build(example, context, inputs)
    }

    fn build(example: &Example, context: String, inputs: Vec<InputRow>) -> Self {
        ExampleView {
            heading: code(&example.name),
            source: example.source.as_deref().map(one_line),
            context,
            inputs,
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

//! Signing recipes, checked: every name resolved to a source, parameter lists in their final
//! order, and each recipe's plan.

use super::{Algorithm, Location, Output, Signer, Transform, ValueEncoding};
use crate::plan::RecipePlan;

/// One signature of one endpoint, compiled.
#[derive(Debug, Clone)]
pub struct SignatureRecipe {
    /// Recipe name (`sig`, `mp_sig`, `sign`).
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Where it travels.
    pub travels_in: Location,
    /// Hash or HMAC.
    pub algorithm: Algorithm,
    /// Digest encoding.
    pub output: Output,
    /// HMAC key (`None` for plain hashes).
    pub key: Option<Template>,
    /// The string to sign.
    pub message: Template,
    /// Optional credentials it uses: the signature is not sent when one is absent.
    pub requires: Vec<String>,
    /// Compare ignoring ASCII case when verifying.
    pub case_insensitive: bool,
    /// The algorithm chosen by a received field's value, overriding `algorithm`.
    pub algorithm_by: Option<AlgorithmChoice>,
    /// The received signature arrives URL-encoded twice.
    pub encoded_twice: bool,
    /// Notes.
    pub doc: Option<String>,
    /// Key and message lowered to straight-line steps, what both backends run.
    pub plan: RecipePlan,
}

/// An algorithm chosen at run time by the value of one field (Huawei `signType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmChoice {
    /// Wire name of the field read.
    pub field: String,
    /// Field value and the algorithm it selects; any other value (or none) keeps the recipe's
    /// `algorithm`.
    pub values: Vec<(String, Algorithm)>,
}

impl SignatureRecipe {
    /// Algorithm, output and comparison, as one value (the default algorithm).
    pub fn signer(&self) -> Signer {
        self.signer_with(self.algorithm)
    }

    /// Every algorithm the recipe may use.
    pub fn algorithms(&self) -> Vec<Algorithm> {
        let mut out = vec![self.algorithm];
        for (_, a) in self.algorithm_by.iter().flat_map(|c| &c.values) {
            if !out.contains(a) {
                out.push(*a);
            }
        }
        out
    }

    /// The signer for these received or given fields (name, wire text): `algorithm_by`
    /// applied.
    pub fn signer_for(&self, fields: &[(String, String)]) -> Signer {
        let chosen = self.algorithm_by.as_ref().and_then(|choice| {
            let value = fields.iter().find(|(n, _)| n == &choice.field)?;
            choice
                .values
                .iter()
                .find(|(v, _)| v == &value.1)
                .map(|(_, a)| *a)
        });
        self.signer_with(chosen.unwrap_or(self.algorithm))
    }

    fn signer_with(&self, algorithm: Algorithm) -> Signer {
        let signer = Signer::new(algorithm, self.output);
        if self.case_insensitive {
            signer.ignoring_case()
        } else {
            signer
        }
    }
}

/// A template compiled to parts; `{method}` is already a literal.
#[derive(Debug, Clone, Default)]
pub struct Template {
    /// Parts in order.
    pub parts: Vec<Part>,
}

impl Template {
    /// The template written back as spec text, e.g. `{params}&org_loc={path}&method=POST`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            let (name, filters) = match part {
                Part::Literal(text) => {
                    out.push_str(&text.replace('{', "{{").replace('}', "}}"));
                    continue;
                }
                Part::Value { source, filters } => (source.name(), filters),
                Part::Params { filters, .. } => ("params", filters),
            };
            out.push('{');
            out.push_str(name);
            for f in filters {
                out.push('|');
                out.push_str(f.name());
            }
            out.push('}');
        }
        out
    }
}

/// A piece of a template.
#[derive(Debug, Clone)]
pub enum Part {
    /// Fixed text.
    Literal(String),
    /// A single value, with filters applied in order.
    Value {
        /// Where the value comes from.
        source: Source,
        /// Filters, applied left to right.
        filters: Vec<Transform>,
    },
    /// The parameter list, with filters applied in order to the whole joined list.
    Params {
        /// The list.
        list: ParamList,
        /// Filters.
        filters: Vec<Transform>,
    },
}

/// Where a value comes from at signing time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A request field, by wire name.
    Field(String),
    /// A credential, by name.
    Credential(String),
    /// An earlier signature of the same endpoint, by recipe name.
    Signature(String),
    /// The path actually called.
    Path,
    /// The raw request body.
    Body,
}

impl Source {
    /// The name a template uses for this source.
    pub fn name(&self) -> &str {
        match self {
            Source::Field(n) | Source::Credential(n) | Source::Signature(n) => n,
            Source::Path => "path",
            Source::Body => "body",
        }
    }
}

/// The parameter list `{params}` expands to, already in its final order.
#[derive(Debug, Clone)]
pub struct ParamList {
    /// Parameters in order.
    pub items: Vec<Param>,
    /// Between name and value.
    pub pair: String,
    /// Between parameters.
    pub join: String,
    /// Values raw or percent-encoded.
    pub encode: ValueEncoding,
    /// Optional parameters with an empty value are left out.
    pub skip_empty: bool,
    /// Ordered by value at run time (`items` are in declared order).
    pub by_value: bool,
    /// Each parameter written as its value alone, no name and no `pair`.
    pub values_only: bool,
}

/// One parameter of a list.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name as written in the string.
    pub name: String,
    /// Where its value comes from.
    pub value: ParamValue,
    /// May be absent (optional field, optional credential): then it is left out.
    pub optional: bool,
}

/// A parameter's value.
#[derive(Debug, Clone)]
pub enum ParamValue {
    /// A field, credential or earlier signature.
    Source(Source),
    /// A pseudo-parameter's template (no `{params}` inside).
    Template(Template),
}

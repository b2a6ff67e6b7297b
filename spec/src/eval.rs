//! The reference interpreter of compiled signing recipes.
//!
//! Generated Rust computes signatures straight-line; this module does the same thing by walking
//! the checked [`model`](crate::model), one part at a time. The validator uses it to check that
//! every spec example reproduces, and the `gamechannel sign` / `verify` commands (and the mock
//! platform server) use it for specs that are not compiled in.
//!
//! Nothing here sorts: parameter lists arrive already in their final order.

use gamechannel_core::{ct_eq, ct_eq_ignore_ascii_case, md5_hex_into, percent_encode_into, sign};

use crate::model::{
    Endpoint, Filter, ParamList, ParamValue, Part, SignatureRecipe, Source, Template, ValueEncoding,
};

/// Values available while signing one request of one endpoint.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// Request fields by wire name, as their wire text (numbers in decimal). Absent = not sent.
    pub fields: &'a [(String, String)],
    /// Credentials by name. Absent = not given.
    pub credentials: &'a [(String, String)],
    /// The path actually called ("" when the endpoint has none).
    pub path: &'a str,
    /// The raw request body, when a template uses {body}.
    pub body: &'a str,
}

/// One computed signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// Recipe name (`sig`, `mp_sig`, `sign`).
    pub signature: String,
    /// Name of the signature on the wire.
    pub wire: String,
    /// The exact string that was signed.
    pub string_to_sign: String,
    /// The signature value, encoded as the recipe's output says.
    pub value: String,
}

/// Why a signature could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// A required (non-optional) request field, by wire name, was not given.
    #[error("required field `{0}` has no value")]
    MissingField(String),
    /// A credential, by name, was not given.
    #[error("credential `{0}` was not given")]
    MissingCredential(String),
    /// An earlier signature, by recipe name, was not computed (skipped or ordered later).
    #[error("signature `{0}` has not been computed before it is used")]
    MissingSignature(String),
}

/// Outcome of checking a received callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every checked signature matches.
    Genuine,
    /// A signature that should be there was not received.
    Missing {
        /// Recipe name of the missing signature.
        signature: String,
    },
    /// A received signature differs from the one computed over the received values.
    Mismatch {
        /// Recipe name of the failing signature.
        signature: String,
        /// The value computed here.
        expected: String,
        /// The value received.
        received: String,
        /// The string that was signed to compute `expected` (for diagnostics).
        string_to_sign: String,
    },
    /// A parameter arrived more than once: which value was signed and which one a game would
    /// read is ambiguous, so the request is refused whatever the signatures say.
    Duplicate {
        /// The repeated parameter's name.
        name: String,
    },
}

/// The first name that appears twice among received pairs.
fn first_duplicate(pairs: &[(String, String)]) -> Option<&str> {
    pairs
        .iter()
        .enumerate()
        .find(|(i, (name, _))| pairs[..*i].iter().any(|(n, _)| n == name))
        .map(|(_, (name, _))| name.as_str())
}

/// First value of `name` in a list of (name, value) pairs.
fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// True when a recipe needs a credential that was not given, so it is skipped.
fn is_skipped(recipe: &SignatureRecipe, credentials: &[(String, String)]) -> bool {
    recipe
        .requires
        .iter()
        .any(|name| lookup(credentials, name).is_none())
}

/// The value of a source, or the error saying what is absent (a field counts as required here).
fn resolve<'a>(
    source: &Source,
    inputs: &Inputs<'a>,
    earlier: &'a [Computed],
) -> Result<&'a str, EvalError> {
    match source {
        Source::Field(name) => {
            lookup(inputs.fields, name).ok_or_else(|| EvalError::MissingField(name.clone()))
        }
        Source::Credential(name) => lookup(inputs.credentials, name)
            .ok_or_else(|| EvalError::MissingCredential(name.clone())),
        Source::Signature(name) => earlier
            .iter()
            .find(|c| &c.signature == name)
            .map(|c| c.value.as_str())
            .ok_or_else(|| EvalError::MissingSignature(name.clone())),
        Source::Path => Ok(inputs.path),
        Source::Body => Ok(inputs.body),
    }
}

/// Applies the filters left to right.
fn apply_filters(mut text: String, filters: &[Filter]) -> String {
    for filter in filters {
        let mut out = String::with_capacity(text.len() * 2);
        match filter {
            Filter::Percent => percent_encode_into(&mut out, &text),
            Filter::Md5 => md5_hex_into(&mut out, text.as_bytes()),
        }
        text = out;
    }
    text
}

/// Expands a parameter list (in its stored order) to `name<pair>value<join>...`.
fn render_params(
    list: &ParamList,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<String, EvalError> {
    let mut out = String::new();
    let mut first = true;
    for param in &list.items {
        let value = match &param.value {
            ParamValue::Source(source) => resolve(source, inputs, earlier).map(str::to_owned),
            ParamValue::Template(template) => render(template, inputs, earlier),
        };
        let value = match value {
            Ok(value) => value,
            // An optional parameter whose value (field, credential, signature) is absent is left out.
            Err(_) if param.optional => continue,
            Err(e) => return Err(e),
        };
        if list.skip_empty && param.optional && value.is_empty() {
            continue;
        }
        if !first {
            out.push_str(&list.join);
        }
        first = false;
        out.push_str(&param.name);
        out.push_str(&list.pair);
        match list.encode {
            ValueEncoding::Raw => out.push_str(&value),
            ValueEncoding::Percent => percent_encode_into(&mut out, &value),
        }
    }
    Ok(out)
}

/// Renders a template to text (used for string-to-sign and HMAC keys).
///
/// A `{field}` that was not sent renders as the empty string; an absent credential or earlier
/// signature is an error.
pub fn render(
    template: &Template,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<String, EvalError> {
    let mut out = String::new();
    for part in &template.parts {
        match part {
            Part::Literal(text) => out.push_str(text),
            Part::Value { source, filters } => {
                let value = match source {
                    Source::Field(name) => lookup(inputs.fields, name).unwrap_or(""),
                    other => resolve(other, inputs, earlier)?,
                };
                if filters.is_empty() {
                    out.push_str(value);
                } else {
                    out.push_str(&apply_filters(value.to_owned(), filters));
                }
            }
            Part::Params { list, filters } => {
                let joined = render_params(list, inputs, earlier)?;
                out.push_str(&apply_filters(joined, filters));
            }
        }
    }
    Ok(out)
}

/// Computes one recipe given the signatures computed so far (name -> value).
pub fn sign_recipe(
    recipe: &SignatureRecipe,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<Computed, EvalError> {
    let key = match &recipe.key {
        Some(template) => render(template, inputs, earlier)?,
        None => String::new(),
    };
    let string_to_sign = render(&recipe.message, inputs, earlier)?;
    let value = sign(
        recipe.algorithm,
        key.as_bytes(),
        string_to_sign.as_bytes(),
        recipe.output,
    );
    Ok(Computed {
        signature: recipe.name.clone(),
        wire: recipe.wire.clone(),
        string_to_sign,
        value,
    })
}

/// Computes every signature of the endpoint in order (later ones may use earlier ones). A
/// signature whose `requires` lists a credential that is absent is skipped (not in the result).
pub fn sign_endpoint(endpoint: &Endpoint, inputs: &Inputs) -> Result<Vec<Computed>, EvalError> {
    let mut computed: Vec<Computed> = Vec::with_capacity(endpoint.signatures.len());
    for recipe in &endpoint.signatures {
        if is_skipped(recipe, inputs.credentials) {
            continue;
        }
        let next = sign_recipe(recipe, inputs, &computed)?;
        computed.push(next);
    }
    Ok(computed)
}

/// Checks every non-skipped signature of a callback endpoint against the received values.
///
/// `received` are the decoded (name, value) pairs exactly as received (raw wire values, never
/// re-formatted); they are the fields signed over. Each signature's received value is looked up
/// by its `wire` name. Comparison is constant-time ([`ct_eq`], or [`ct_eq_ignore_ascii_case`]
/// when `recipe.case_insensitive`). The first failing signature decides; an `Err` means the
/// signatures could not be computed at all (e.g. a required field or a credential is absent).
pub fn verify_callback(
    endpoint: &Endpoint,
    received: &[(String, String)],
    credentials: &[(String, String)],
) -> Result<Verdict, EvalError> {
    verify_request(endpoint, received, credentials, "", "")
}

/// Like [`verify_callback`], for any endpoint: `path` and `body` are what the request carried
/// (a mock platform checks our own `call` requests this way).
pub fn verify_request(
    endpoint: &Endpoint,
    received: &[(String, String)],
    credentials: &[(String, String)],
    path: &str,
    body: &str,
) -> Result<Verdict, EvalError> {
    if let Some(name) = first_duplicate(received) {
        return Ok(Verdict::Duplicate {
            name: name.to_owned(),
        });
    }
    let inputs = Inputs {
        fields: received,
        credentials,
        path,
        body,
    };
    let mut computed: Vec<Computed> = Vec::with_capacity(endpoint.signatures.len());
    for recipe in &endpoint.signatures {
        if is_skipped(recipe, credentials) {
            continue;
        }
        let Some(got) = lookup(received, &recipe.wire) else {
            return Ok(Verdict::Missing {
                signature: recipe.name.clone(),
            });
        };
        let next = sign_recipe(recipe, &inputs, &computed)?;
        let equal = if recipe.case_insensitive {
            ct_eq_ignore_ascii_case(&next.value, got)
        } else {
            ct_eq(&next.value, got)
        };
        if !equal {
            return Ok(Verdict::Mismatch {
                signature: next.signature,
                expected: next.value,
                received: got.to_owned(),
                string_to_sign: next.string_to_sign,
            });
        }
        computed.push(next);
    }
    Ok(Verdict::Genuine)
}

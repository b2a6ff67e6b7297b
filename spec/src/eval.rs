//! The interpreter of signing plans.
//!
//! Generated Rust computes signatures straight-line; this module follows the same
//! [`plan`](crate::plan) one step at a time, so the two agree by construction. The validator uses it to check that
//! every spec example reproduces, and the `gamechannel sign` / `verify` commands (and the mock
//! platform server) use it for specs that are not compiled in.
//!
//! Nothing here decides anything about a recipe: the plan already did.

use std::borrow::Cow;
use std::collections::HashSet;

use gamechannel_core::{apply_all, write_by_value, write_through};

use crate::model::{Endpoint, SignatureRecipe, Source, Template};
use crate::plan::{KeyPlan, Plan, Step};

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
    /// An asymmetric recipe's key is not usable (no key material in the message).
    #[error("signature `{signature}`: {problem}")]
    Key {
        /// Recipe name.
        signature: String,
        /// What is wrong with the key.
        problem: gamechannel_core::KeyError,
    },
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

/// The received pairs by the rule every reader shares ([`gamechannel_core::dedupe_pairs`]):
/// a name the endpoint reads (a field or a signature) received twice is refused (`Err` with
/// the name); later copies of any other name are dropped.
fn deduped<'p>(
    endpoint: &Endpoint,
    received: &'p [(String, String)],
) -> Result<Cow<'p, [(String, String)]>, String> {
    let mut seen = HashSet::with_capacity(received.len());
    if received.iter().all(|(name, _)| seen.insert(name.as_str())) {
        return Ok(Cow::Borrowed(received));
    }
    let read = crate::received::read_names(endpoint);
    gamechannel_core::dedupe_pairs(received.to_vec(), &read)
        .map(Cow::Owned)
        .map_err(|gamechannel_core::Repeated(name)| name)
}

/// First value of `name` in a list of (name, value) pairs.
pub(crate) fn lookup<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
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

/// True when the recipe covers an encrypted body's ciphertext and there is none: a plain
/// request carries no such signature.
fn is_unsealed(endpoint: &Endpoint, recipe: &SignatureRecipe, fields: &[(String, String)]) -> bool {
    endpoint
        .decrypt()
        .is_some_and(|d| d.signature == recipe.name && lookup(fields, &d.field).is_none())
}

/// One run of a plan: the inputs, and the separator flags.
struct Run<'i, 'a> {
    inputs: &'i Inputs<'a>,
    earlier: &'i [Computed],
    flags: Vec<bool>,
}

impl<'i> Run<'i, '_> {
    /// The value of a source that must be present.
    fn resolve(&self, source: &Source) -> Result<&'i str, EvalError> {
        match source {
            Source::Field(name) => lookup(self.inputs.fields, name)
                .ok_or_else(|| EvalError::MissingField(name.clone())),
            Source::Credential(name) => lookup(self.inputs.credentials, name)
                .ok_or_else(|| EvalError::MissingCredential(name.clone())),
            Source::Signature(name) => self
                .earlier
                .iter()
                .find(|c| &c.signature == name)
                .map(|c| c.value.as_str())
                .ok_or_else(|| EvalError::MissingSignature(name.clone())),
            Source::Path => Ok(self.inputs.path),
            Source::Body => Ok(self.inputs.body),
        }
    }

    /// Follows `steps` into `out`; `bound` is the optional field an enclosing
    /// [`Step::IfPresent`] found, with its value.
    fn steps(
        &mut self,
        steps: &[Step],
        out: &mut String,
        bound: Option<(&str, &str)>,
    ) -> Result<(), EvalError> {
        for step in steps {
            match step {
                Step::Text(text) => out.push_str(text),
                Step::Value { source, encode } => {
                    let value = match (source, bound) {
                        (Source::Field(name), Some((field, value))) if name == field => value,
                        _ => self.resolve(source)?,
                    };
                    write_through(out, value, encode);
                }
                Step::IfPresent {
                    field,
                    skip_empty,
                    then,
                } => {
                    let Some(value) = lookup(self.inputs.fields, field) else {
                        continue;
                    };
                    if !(*skip_empty && value.is_empty()) {
                        self.steps(then, out, Some((field, value)))?;
                    }
                }
                Step::SeparatorIf { flag, text } => {
                    if self.flags[*flag] {
                        out.push_str(text);
                    }
                }
                Step::Mark { flag } => self.flags[*flag] = true,
                Step::Digest {
                    steps,
                    transforms,
                    encode,
                } => {
                    let mut buffer = String::new();
                    self.steps(steps, &mut buffer, bound)?;
                    write_through(out, &apply_all(&buffer, transforms), encode);
                }
                Step::SortedByValue { items, join } => {
                    let mut written: Vec<(&str, String)> = Vec::with_capacity(items.len());
                    for item in items {
                        let here = match &item.field {
                            None => bound,
                            Some(field) => match lookup(self.inputs.fields, field) {
                                None => continue,
                                Some(value) if item.skip_empty && value.is_empty() => continue,
                                Some(value) => Some((field.as_str(), value)),
                            },
                        };
                        let mut value = String::new();
                        self.steps(&item.steps, &mut value, here)?;
                        written.push((item.prefix.as_str(), value));
                    }
                    write_by_value(out, &mut written, join);
                }
            }
        }
        Ok(())
    }
}

/// Runs one plan to text.
fn run(plan: &Plan, inputs: &Inputs, earlier: &[Computed]) -> Result<String, EvalError> {
    let mut out = String::with_capacity(plan.capacity);
    let mut run = Run {
        inputs,
        earlier,
        flags: vec![false; plan.flags],
    };
    run.steps(&plan.steps, &mut out, None)?;
    Ok(out)
}

/// Renders a template to text, outside any recipe: a field that was not given writes nothing
/// where it stands alone, and is left out of a parameter list when its parameter is optional.
pub fn render(
    template: &Template,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<String, EvalError> {
    let plan = crate::plan::lower_recipe(None, template, &|_| true).message;
    run(&plan, inputs, earlier)
}

/// The key and the string to sign of one recipe.
fn key_and_message(
    recipe: &SignatureRecipe,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<(String, String), EvalError> {
    let key = match &recipe.plan.key {
        None => String::new(),
        Some(KeyPlan::Built(plan)) => run(plan, inputs, earlier)?,
        Some(plan @ (KeyPlan::Credential(_) | KeyPlan::Chosen { .. })) => {
            let name = plan.credential_for(inputs.fields).unwrap_or_default();
            lookup(inputs.credentials, name)
                .ok_or_else(|| EvalError::MissingCredential(name.to_owned()))?
                .to_owned()
        }
    };
    Ok((key, run(&recipe.plan.message, inputs, earlier)?))
}

/// Computes one recipe given the signatures computed so far (name -> value).
pub fn sign_recipe(
    recipe: &SignatureRecipe,
    inputs: &Inputs,
    earlier: &[Computed],
) -> Result<Computed, EvalError> {
    let (key, string_to_sign) = key_and_message(recipe, inputs, earlier)?;
    let value = recipe
        .signer_for(inputs.fields)
        .sign(key.as_bytes(), string_to_sign.as_bytes())
        .map_err(|problem| EvalError::Key {
            signature: recipe.name.clone(),
            problem,
        })?;
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
    // Members of a field carrying a JSON document as a string are readable by path (a key
    // chosen by one), as the receiver reads them once it has parsed the string; a string that
    // is no JSON document is signed without them.
    let fields;
    let readable;
    let inputs = if endpoint.json_fields().is_empty() {
        inputs
    } else {
        fields = crate::received::with_json_members(endpoint, inputs.fields.to_vec())
            .unwrap_or_else(|_| inputs.fields.to_vec());
        readable = Inputs {
            fields: &fields,
            ..*inputs
        };
        &readable
    };
    let mut computed: Vec<Computed> = Vec::with_capacity(endpoint.signatures.len());
    for recipe in &endpoint.signatures {
        if is_skipped(recipe, inputs.credentials) || is_unsealed(endpoint, recipe, inputs.fields) {
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
/// by its `wire` name and checked by the recipe's algorithm
/// ([`Algorithm::verify`](gamechannel_core::Algorithm::verify): constant time, ignoring ASCII
/// case when `recipe.case_insensitive`). The first failing signature decides; an `Err` means the
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
    let received = match deduped(endpoint, received) {
        Ok(pairs) => pairs,
        Err(name) => return Ok(Verdict::Duplicate { name }),
    };
    let received = received.as_ref();
    let decoded;
    let twice = endpoint.encoded_twice();
    let received = if !twice.is_empty() {
        decoded = decode_twice_encoded(&twice, received);
        decoded.as_slice()
    } else {
        received
    };
    let inputs = Inputs {
        fields: received,
        credentials,
        path,
        body,
    };
    check_recipes(endpoint.field_signatures(), &inputs)
}

/// Checks one recipe alone over received pairs (the signature over an encrypted body's
/// ciphertext, before it is decrypted).
pub fn verify_only(
    endpoint: &Endpoint,
    recipe: &SignatureRecipe,
    received: &[(String, String)],
    credentials: &[(String, String)],
) -> Result<Verdict, EvalError> {
    let received = match deduped(endpoint, received) {
        Ok(pairs) => pairs,
        Err(name) => return Ok(Verdict::Duplicate { name }),
    };
    let received = received.as_ref();
    debug_assert!(endpoint.signatures.iter().any(|r| r.name == recipe.name));
    let inputs = Inputs {
        fields: received,
        credentials,
        path: "",
        body: "",
    };
    check_recipes(std::iter::once(recipe), &inputs)
}

/// Checks recipes in order over `inputs.fields`; the first failing one decides.
fn check_recipes<'r>(
    recipes: impl Iterator<Item = &'r SignatureRecipe>,
    inputs: &Inputs,
) -> Result<Verdict, EvalError> {
    let received = inputs.fields;
    let credentials = inputs.credentials;
    let mut computed: Vec<Computed> = Vec::new();
    for recipe in recipes {
        if is_skipped(recipe, credentials) {
            continue;
        }
        let Some(got) = lookup(received, &recipe.wire) else {
            return Ok(Verdict::Missing {
                signature: recipe.name.clone(),
            });
        };
        let (key, string_to_sign) = key_and_message(recipe, inputs, &computed)?;
        let signer = recipe.signer_for(received);
        let key_error = |problem| EvalError::Key {
            signature: recipe.name.clone(),
            problem,
        };
        let genuine = signer
            .verify(key.as_bytes(), string_to_sign.as_bytes(), got)
            .map_err(key_error)?;
        if !genuine {
            // An asymmetric verifier holds a public key and cannot say what was expected.
            let expected = signer
                .sign(key.as_bytes(), string_to_sign.as_bytes())
                .unwrap_or_default();
            return Ok(Verdict::Mismatch {
                signature: recipe.name.clone(),
                expected,
                received: got.to_owned(),
                string_to_sign,
            });
        }
        // Later recipes read the received value, which is the computed one.
        computed.push(Computed {
            signature: recipe.name.clone(),
            wire: recipe.wire.clone(),
            string_to_sign,
            value: got.to_owned(),
        });
    }
    Ok(Verdict::Genuine)
}

/// The pairs with the fields the endpoint marks `encoded_twice` URL-decoded once more (a value
/// that does not decode is kept: its signature will not match).
fn decode_twice_encoded(twice: &[&str], received: &[(String, String)]) -> Vec<(String, String)> {
    received
        .iter()
        .map(|(name, value)| {
            let twice = twice.contains(&name.as_str());
            let value = match twice {
                true => gamechannel_core::form_decode(value)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| value.clone()),
                false => value.clone(),
            };
            (name.clone(), value)
        })
        .collect()
}

/// Reproduces an example's signatures: like [`sign_endpoint`], except that an asymmetric
/// recipe whose key only verifies (a platform's public key) is checked against the value the
/// example expects (`expected` by recipe name), which is then taken as computed.
pub fn reproduce(
    endpoint: &Endpoint,
    inputs: &Inputs,
    expected: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Computed>, EvalError> {
    let mut computed: Vec<Computed> = Vec::with_capacity(endpoint.signatures.len());
    for recipe in &endpoint.signatures {
        if is_skipped(recipe, inputs.credentials) || is_unsealed(endpoint, recipe, inputs.fields) {
            continue;
        }
        let next = match sign_recipe(recipe, inputs, &computed) {
            Err(EvalError::Key {
                problem: gamechannel_core::KeyError::NotAPrivateKey,
                ..
            }) if expected(&recipe.name).is_some() => {
                let (key, string_to_sign) = key_and_message(recipe, inputs, &computed)?;
                let claimed = expected(&recipe.name).unwrap_or_default();
                let genuine = recipe
                    .signer_for(inputs.fields)
                    .verify(key.as_bytes(), string_to_sign.as_bytes(), &claimed)
                    .map_err(|problem| EvalError::Key {
                        signature: recipe.name.clone(),
                        problem,
                    })?;
                Computed {
                    signature: recipe.name.clone(),
                    wire: recipe.wire.clone(),
                    string_to_sign,
                    value: if genuine {
                        claimed
                    } else {
                        "(does not verify with the key)".to_owned()
                    },
                }
            }
            other => other?,
        };
        computed.push(next);
    }
    Ok(computed)
}

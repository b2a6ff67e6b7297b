//! Signing plans: each recipe lowered once into the straight-line steps that build its key and
//! its string-to-sign.
//!
//! Every decision that can be taken before a request exists is taken here: parameter order,
//! literals merged and already encoded, which separators are certain and which depend on an
//! earlier optional value, which values are skipped when absent or empty, where a digest needs
//! a buffer of its own. Both backends only follow the steps: the interpreter ([`crate::eval`])
//! runs them, the Rust emitter prints one statement per step. So the two cannot disagree on
//! the meaning of a recipe; a property test checks that they do not.

mod lower;

pub use lower::lower_recipe;

use gamechannel_core::Transform;

use crate::model::Source;

/// How one signature's key and string-to-sign are built. The default signs the empty string
/// without a key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecipePlan {
    /// The key, when the algorithm takes one.
    pub key: Option<KeyPlan>,
    /// The string to sign.
    pub message: Plan,
    /// Every source the key and the message read, in first-use order, each once: found once
    /// here rather than by every backend walking the steps again.
    pub reads: Vec<Source>,
}

/// How a key is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlan {
    /// One credential as it is (`key: "{app_key}"`): its bytes are used in place, never copied.
    Credential(String),
    /// Built like a message (`key: "{app_key}&"`), into a buffer that is wiped after use.
    Built(Plan),
    /// One credential chosen by the wire text of a field (`key_by`): the credential of the
    /// first value equal to it, else `otherwise`; used in place like [`KeyPlan::Credential`].
    Chosen {
        /// Wire name or path of the deciding field.
        field: String,
        /// Field value and the credential it selects.
        values: Vec<(String, String)>,
        /// The credential of any other value, or of an absent field.
        otherwise: String,
    },
}

impl KeyPlan {
    /// The credential this key uses for the given fields (name, wire text), when it is one
    /// credential used as it is.
    pub fn credential_for(&self, fields: &[(String, String)]) -> Option<&str> {
        match self {
            KeyPlan::Credential(name) => Some(name),
            KeyPlan::Built(_) => None,
            KeyPlan::Chosen {
                field,
                values,
                otherwise,
            } => {
                let given = fields.iter().find(|(n, _)| n == field).map(|(_, v)| v);
                let chosen = values.iter().find(|(v, _)| Some(v) == given);
                Some(chosen.map_or(otherwise, |(_, c)| c))
            }
        }
    }
}

/// Steps writing into one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// How many separator flags the steps use (numbered from 0).
    pub flags: usize,
    /// A first guess of the text's length, in bytes, to size the buffer once.
    pub capacity: usize,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Text known at generation time, already merged and encoded.
    Text(String),
    /// A value that is always present while the recipe runs (a required field, a credential,
    /// an earlier signature, the path or the body), put through `encode` as it is written.
    /// Every transform in `encode` is piecewise ([`Transform::is_piecewise`]).
    Value {
        /// Where the value comes from.
        source: Source,
        /// Transforms applied to the value alone, left to right.
        encode: Vec<Transform>,
    },
    /// Steps taken only when the optional field `field` (a wire name) was given, and, with
    /// `skip_empty`, when its value is not empty. Inside, [`Step::Value`] of that field
    /// writes the value found.
    IfPresent {
        /// Wire name of the optional field.
        field: String,
        /// An empty value counts as absent.
        skip_empty: bool,
        /// The steps taken when it is present.
        then: Vec<Step>,
    },
    /// A separator written only when flag `flag` is set: something was written before it
    /// that only a run can tell.
    SeparatorIf {
        /// The flag read.
        flag: usize,
        /// The separator, already encoded.
        text: String,
    },
    /// Sets flag `flag`: a later [`Step::SeparatorIf`] reads it.
    Mark {
        /// The flag set.
        flag: usize,
    },
    /// Parameters whose order is known only at run time (a list sorted by value): each item
    /// present writes its value into a buffer of its own; the values are sorted and written,
    /// each after its prefix, `join` between two ([`gamechannel_core::write_by_value`]).
    SortedByValue {
        /// The parameters, in declared order.
        items: Vec<SortedItem>,
        /// Between two parameters, already encoded.
        join: String,
    },
    /// Steps written into a buffer of their own, which `transforms` turn into text (the first
    /// one is a digest, which cannot be applied piece by piece), then written through `encode`.
    Digest {
        /// Steps writing the buffer.
        steps: Vec<Step>,
        /// Transforms of the whole buffer, left to right.
        transforms: Vec<Transform>,
        /// Piecewise transforms of the result, as it is written.
        encode: Vec<Transform>,
    },
}

/// One parameter of a [`Step::SortedByValue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedItem {
    /// Written before the value (`name=`, already encoded; empty for values only).
    pub prefix: String,
    /// The optional field (wire name) it depends on: left out when absent.
    pub field: Option<String>,
    /// With `field`: an empty value counts as absent.
    pub skip_empty: bool,
    /// Steps writing the value (a [`Step::Value`] of `field` writes the value found).
    pub steps: Vec<Step>,
}

impl Plan {
    /// Every source the plan reads, in first-use order, each once.
    pub fn sources(&self) -> Vec<Source> {
        let mut out = Vec::new();
        collect_sources(&self.steps, &mut out);
        out
    }
}

impl RecipePlan {
    /// A plan of this key and message, with what they read.
    pub fn new(key: Option<KeyPlan>, message: Plan) -> RecipePlan {
        let mut reads = Vec::new();
        match &key {
            Some(KeyPlan::Credential(name)) => reads.push(Source::Credential(name.clone())),
            Some(KeyPlan::Built(plan)) => collect_sources(&plan.steps, &mut reads),
            Some(KeyPlan::Chosen {
                field,
                values,
                otherwise,
            }) => {
                reads.push(Source::Field(field.clone()));
                for name in values.iter().map(|(_, c)| c).chain([otherwise]) {
                    let source = Source::Credential(name.clone());
                    if !reads.contains(&source) {
                        reads.push(source);
                    }
                }
            }
            None => {}
        }
        collect_sources(&message.steps, &mut reads);
        RecipePlan {
            key,
            message,
            reads,
        }
    }

    /// Every source the key and the message read, in first-use order, each once.
    pub fn sources(&self) -> &[Source] {
        &self.reads
    }
}

fn collect_sources(steps: &[Step], out: &mut Vec<Source>) {
    let add = |source: Source, out: &mut Vec<Source>| {
        if !out.contains(&source) {
            out.push(source);
        }
    };
    for step in steps {
        match step {
            Step::Value { source, .. } => add(source.clone(), out),
            Step::IfPresent { field, then, .. } => {
                add(Source::Field(field.clone()), out);
                collect_sources(then, out);
            }
            Step::Digest { steps, .. } => collect_sources(steps, out),
            Step::SortedByValue { items, .. } => {
                for item in items {
                    if let Some(field) = &item.field {
                        add(Source::Field(field.clone()), out);
                    }
                    collect_sources(&item.steps, out);
                }
            }
            Step::Text(_) | Step::SeparatorIf { .. } | Step::Mark { .. } => {}
        }
    }
}

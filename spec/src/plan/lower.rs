//! Lowering: a resolved recipe (templates over sources) becomes a [`RecipePlan`].

use gamechannel_core::{Transform, apply_all};

use super::{KeyPlan, Plan, RecipePlan, SortedItem, Step};
use crate::model::{Param, ParamList, ParamValue, Part, Source, Template};

/// Bytes reserved per value when sizing a buffer: most values are ids, amounts and times.
const VALUE_GUESS: usize = 24;

/// Lowers one recipe's key and message templates. `optional_field` says whether a request
/// field (by wire name) may be absent; credentials and earlier signatures are always there
/// while the recipe runs (a recipe that needs an absent optional credential is skipped as a
/// whole, see [`SignatureRecipe::requires`](crate::model::SignatureRecipe::requires)).
pub fn lower_recipe(
    key: Option<&Template>,
    message: &Template,
    optional_field: &dyn Fn(&str) -> bool,
) -> RecipePlan {
    let mut lowering = Lowering { optional_field };
    let key = key.map(|template| match lone_credential(template) {
        Some(name) => KeyPlan::Credential(name.to_owned()),
        None => KeyPlan::Built(lowering.plan(template)),
    });
    let message = lowering.plan(message);
    RecipePlan::new(key, message)
}

/// The credential a template consists of, when it is nothing else (no text, no filter).
fn lone_credential(template: &Template) -> Option<&str> {
    match template.parts.as_slice() {
        [
            Part::Value {
                source: Source::Credential(name),
                filters,
            },
        ] if filters.is_empty() => Some(name),
        _ => None,
    }
}

struct Lowering<'a> {
    optional_field: &'a dyn Fn(&str) -> bool,
}

/// Steps under construction; adjacent texts merge into one.
#[derive(Default)]
struct Steps {
    steps: Vec<Step>,
    flags: usize,
}

impl Steps {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Step::Text(last)) = self.steps.last_mut() {
            last.push_str(text);
        } else {
            self.steps.push(Step::Text(text.to_owned()));
        }
    }

    fn push(&mut self, step: Step) {
        match step {
            Step::Text(text) => self.text(&text),
            step => self.steps.push(step),
        }
    }

    /// A nested list of steps sharing this one's flag numbering.
    fn child(&self) -> Steps {
        Steps {
            steps: Vec::new(),
            flags: self.flags,
        }
    }

    /// Takes back a child's steps' flag count; returns its steps.
    fn adopt(&mut self, child: Steps) -> Vec<Step> {
        self.flags = child.flags;
        child.steps
    }
}

/// Whether a separator is due before the next parameter, as far as generation time knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// Nothing written yet.
    Never,
    /// Something certainly written.
    Always,
    /// Written when the flag is set.
    IfFlag(usize),
}

impl Lowering<'_> {
    fn plan(&mut self, template: &Template) -> Plan {
        let mut out = Steps::default();
        self.template(&mut out, template, &[]);
        let capacity = capacity(&out.steps);
        Plan {
            steps: out.steps,
            flags: out.flags,
            capacity,
        }
    }

    /// Steps writing `template`, every piece put through the piecewise `encode`.
    fn template(&mut self, out: &mut Steps, template: &Template, encode: &[Transform]) {
        for part in &template.parts {
            match part {
                Part::Literal(text) => out.text(&apply_all(text, encode)),
                Part::Value { source, filters } => {
                    self.filtered(out, encode, filters, &mut |this, out, encode| {
                        this.value(out, source, encode)
                    })
                }
                Part::Params { list, filters } => {
                    self.filtered(out, encode, filters, &mut |this, out, encode| {
                        this.params(out, list, encode)
                    })
                }
            }
        }
    }

    /// Applies a part's filters: leading piecewise ones join the encoding of every piece; from
    /// the first digest on, the part is written into a buffer that the rest transform.
    fn filtered(
        &mut self,
        out: &mut Steps,
        encode: &[Transform],
        filters: &[Transform],
        inner: &mut dyn FnMut(&mut Self, &mut Steps, &[Transform]),
    ) {
        let leading = filters.iter().take_while(|t| t.is_piecewise()).count();
        let (piecewise, rest) = filters.split_at(leading);
        if rest.is_empty() {
            let combined: Vec<Transform> = piecewise.iter().chain(encode).copied().collect();
            inner(self, out, &combined);
            return;
        }
        let mut buffer = out.child();
        inner(self, &mut buffer, piecewise);
        let steps = out.adopt(buffer);
        out.push(Step::Digest {
            steps,
            transforms: rest.to_vec(),
            encode: encode.to_vec(),
        });
    }

    fn is_optional(&self, source: &Source) -> Option<String> {
        match source {
            Source::Field(wire) if (self.optional_field)(wire) => Some(wire.clone()),
            _ => None,
        }
    }

    /// A lone value: an absent optional field writes nothing.
    fn value(&mut self, out: &mut Steps, source: &Source, encode: &[Transform]) {
        let step = Step::Value {
            source: source.clone(),
            encode: encode.to_vec(),
        };
        match self.is_optional(source) {
            Some(field) => out.push(Step::IfPresent {
                field,
                skip_empty: false,
                then: vec![step],
            }),
            None => out.push(step),
        }
    }

    /// A parameter list: `name<pair>value` items joined, optional ones only when present.
    fn params(&mut self, out: &mut Steps, list: &ParamList, encode: &[Transform]) {
        let value_encode: Vec<Transform> = list
            .encode
            .transform()
            .iter()
            .chain(encode)
            .copied()
            .collect();
        let join = apply_all(&list.join, encode);
        if list.by_value {
            self.sorted_by_value(out, list, encode, &value_encode, join);
            return;
        }
        let mut separator = Separator::Never;
        let count = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            let conditional = self.conditional(item);
            let mut body = out.child();
            match separator {
                Separator::Never => {}
                Separator::Always => body.text(&join),
                Separator::IfFlag(flag) => body.push(Step::SeparatorIf {
                    flag,
                    text: join.clone(),
                }),
            }
            if !list.values_only {
                body.text(&apply_all(&format!("{}{}", item.name, list.pair), encode));
            }
            match &item.value {
                ParamValue::Source(source) => body.push(Step::Value {
                    source: source.clone(),
                    encode: value_encode.clone(),
                }),
                ParamValue::Template(template) => self.template(&mut body, template, &value_encode),
            }
            let Some(field) = conditional else {
                for step in out.adopt(body) {
                    out.push(step);
                }
                separator = Separator::Always;
                continue;
            };
            // A flag is kept only while a later parameter still has to read it.
            let last = i + 1 == count;
            if !last && separator != Separator::Always {
                let flag = match separator {
                    Separator::IfFlag(flag) => flag,
                    _ => {
                        body.flags += 1;
                        body.flags - 1
                    }
                };
                body.push(Step::Mark { flag });
                separator = Separator::IfFlag(flag);
            }
            let then = out.adopt(body);
            out.push(Step::IfPresent {
                field,
                skip_empty: list.skip_empty,
                then,
            });
        }
    }

    /// A list sorted by value: one item per parameter, ordered at run time.
    fn sorted_by_value(
        &mut self,
        out: &mut Steps,
        list: &ParamList,
        encode: &[Transform],
        value_encode: &[Transform],
        join: String,
    ) {
        let mut items = Vec::with_capacity(list.items.len());
        for item in &list.items {
            let prefix = if list.values_only {
                String::new()
            } else {
                apply_all(&format!("{}{}", item.name, list.pair), encode)
            };
            let mut body = out.child();
            match &item.value {
                ParamValue::Source(source) => body.push(Step::Value {
                    source: source.clone(),
                    encode: value_encode.to_vec(),
                }),
                ParamValue::Template(template) => self.template(&mut body, template, value_encode),
            }
            let steps = out.adopt(body);
            items.push(SortedItem {
                prefix,
                field: self.conditional(item),
                skip_empty: list.skip_empty,
                steps,
            });
        }
        out.push(Step::SortedByValue { items, join });
    }

    /// The optional field a parameter depends on, when it may be left out. An optional
    /// credential or signature is not one: the whole recipe is skipped without it.
    fn conditional(&self, item: &Param) -> Option<String> {
        match &item.value {
            ParamValue::Source(Source::Field(wire)) if item.optional => Some(wire.clone()),
            _ => None,
        }
    }
}

/// A first guess of the written length: texts as they are, a few bytes per value.
fn capacity(steps: &[Step]) -> usize {
    steps
        .iter()
        .map(|step| match step {
            Step::Text(text) | Step::SeparatorIf { text, .. } => text.len(),
            Step::Value { .. } => VALUE_GUESS,
            Step::IfPresent { then, .. } => capacity(then),
            Step::Digest { .. } => 32,
            Step::SortedByValue { items, join } => items
                .iter()
                .map(|item| item.prefix.len() + join.len() + capacity(&item.steps))
                .sum(),
            Step::Mark { .. } => 0,
        })
        .sum()
}

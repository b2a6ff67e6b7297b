//! Validation: turns a [`Spec`] into the checked [`Platform`], collecting every problem.
//!
//! Each submodule checks one part of a spec; all of them report through [`Ctx`], which knows
//! the file and the line of every YAML path.

mod endpoints;
mod fields;
mod page;
mod platform;
mod recipes;

use heck::ToSnakeCase;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::lenient::{Lenient, expected_names, unknown_field_name};
use crate::locate::{LineIndex, join_key};
use crate::model::{self, Platform};
use crate::spec::Spec;

/// Collects diagnostics for one file.
pub(crate) struct Ctx<'a> {
    file: &'a str,
    index: &'a LineIndex,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// A collector for `file`, whose text was indexed into `index`.
    pub(crate) fn new(file: &'a str, index: &'a LineIndex) -> Self {
        Ctx {
            file,
            index,
            diagnostics: Vec::new(),
        }
    }

    /// Records a problem at `path`.
    pub(crate) fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        let diagnostic = Diagnostic {
            file: self.file.to_owned(),
            path: path.to_owned(),
            line: self.index.line(path),
            message: message.into(),
            hint,
        };
        if !self.diagnostics.contains(&diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Reports the problems of a lenient item and gives back the item, if it was readable.
    pub(crate) fn item<'s, T>(&mut self, path: &str, lenient: &'s Lenient<T>) -> Option<&'s T> {
        for problem in &lenient.problems {
            self.serde_problem(path, &lenient.value, problem);
        }
        lenient.ok()
    }

    /// Turns one of serde's messages into a located diagnostic.
    fn serde_problem(&mut self, path: &str, value: &serde_yaml::Value, problem: &str) {
        if let Some(key) = unknown_field_name(problem) {
            let at = find_key(value, key)
                .map(|sub| format!("{path}{sub}"))
                .unwrap_or_else(|| join_key(path, key));
            let hint = did_you_mean(key, expected_names(problem)).or_else(|| {
                Some(format!(
                    "allowed here: {}",
                    expected_names(problem).join(", ")
                ))
            });
            self.error(&at, format!("unknown key '{key}'"), hint);
            return;
        }
        if let Some(variant) = backticked_after(problem, "unknown variant `") {
            let at = find_scalar(value, variant)
                .map(|sub| format!("{path}{sub}"))
                .unwrap_or_else(|| path.to_owned());
            let hint = did_you_mean(variant, expected_names(problem));
            let allowed = expected_names(problem).join(", ");
            self.error(
                &at,
                format!("unknown value '{variant}' (allowed: {allowed})"),
                hint,
            );
            return;
        }
        let at = quoted_value(problem)
            .and_then(|shown| find_scalar(value, shown))
            .map(|sub| format!("{path}{sub}"))
            .unwrap_or_else(|| path.to_owned());
        self.error(&at, problem.to_owned(), None);
    }

    /// Every problem found, or none.
    pub(crate) fn finish(self) -> Result<(), Diagnostics> {
        if self.diagnostics.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics(self.diagnostics))
        }
    }

    /// How many problems were found so far.
    pub(crate) fn count(&self) -> usize {
        self.diagnostics.len()
    }
}

/// Path suffix (`.a.b`) to the first key named `key` inside `value`.
fn find_key(value: &serde_yaml::Value, key: &str) -> Option<String> {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                let name = scalar_text(k);
                if name == key {
                    return Some(format!(".{name}"));
                }
                if let Some(sub) = find_key(v, key) {
                    return Some(format!(".{name}{sub}"));
                }
            }
            None
        }
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_key(v, key).map(|sub| format!("[{i}]{sub}"))),
        _ => None,
    }
}

/// Path suffix to the first scalar whose text is `shown`.
fn find_scalar(value: &serde_yaml::Value, shown: &str) -> Option<String> {
    match value {
        serde_yaml::Value::Mapping(map) => map.iter().find_map(|(k, v)| {
            if !v.is_mapping() && !v.is_sequence() && scalar_text(v) == shown {
                return Some(format!(".{}", scalar_text(k)));
            }
            find_scalar(v, shown).map(|sub| format!(".{}{sub}", scalar_text(k)))
        }),
        serde_yaml::Value::Sequence(items) => items.iter().enumerate().find_map(|(i, v)| {
            if !v.is_mapping() && !v.is_sequence() && scalar_text(v) == shown {
                return Some(format!("[{i}]"));
            }
            find_scalar(v, shown).map(|sub| format!("[{i}]{sub}"))
        }),
        _ => None,
    }
}

/// The text between `prefix` and the next backtick.
fn backticked_after<'p>(problem: &'p str, prefix: &str) -> Option<&'p str> {
    problem.split(prefix).nth(1)?.split('`').next()
}

/// The value serde quotes in "invalid type: string \"abc\", expected ...".
fn quoted_value(problem: &str) -> Option<&str> {
    let rest = problem.split_once('"')?.1;
    Some(rest.split_once('"')?.0)
}

/// A scalar's text as written.
pub(crate) fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => String::new(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// Rust keywords that heck-derived names may hit.
const KEYWORDS: [&str; 38] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// Checks that `name` is a snake_case identifier usable as a Rust name.
pub(crate) fn check_snake(ctx: &mut Ctx, path: &str, what: &str, name: &str) {
    let snake = name.to_snake_case();
    let valid = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid || snake != name {
        ctx.error(
            path,
            format!("{what} '{name}' is not a snake_case name"),
            Some(format!("try '{snake}'")),
        );
    } else if KEYWORDS.contains(&name) || name == "other" {
        ctx.error(
            path,
            format!("{what} '{name}' is reserved in generated Rust"),
            None,
        );
    }
}

/// Validates a whole spec read from `file`.
pub(crate) fn validate(
    spec: &Spec,
    file: &str,
    index: &LineIndex,
) -> Result<Platform, Diagnostics> {
    let mut ctx = Ctx::new(file, index);
    check_snake(&mut ctx, "platform", "platform name", &spec.platform);
    let environments = platform::environments(&mut ctx, spec);
    let credentials = platform::credentials(&mut ctx, spec);
    let envelope = spec
        .envelope
        .as_ref()
        .and_then(|e| ctx.item("envelope", e))
        .map(|e| model::Envelope {
            code: e.code.clone(),
            message: e.message.clone(),
            ok: e.ok,
            missing_is_ok: e.missing_is_ok,
        });
    let errors = platform::error_codes(&mut ctx, "errors", &spec.errors, &[]);
    let common = fields::fields(&mut ctx, "common_request", &spec.common_request);
    let (sdk, cloud) = page::platform_parts(&mut ctx, spec);
    let mut platform = Platform {
        name: spec.platform.clone(),
        title: spec.title.clone(),
        doc: spec.doc.clone(),
        docs_url: spec.docs_url.clone(),
        source: file.to_owned(),
        environments,
        credentials,
        envelope,
        errors,
        endpoints: Vec::new(),
        sdk,
        cloud,
    };
    let recipes = recipes::parse_all(&mut ctx, spec);
    for (name, endpoint) in &spec.endpoints {
        let path = join_key("endpoints", name);
        if let Some(endpoint) = ctx.item(&path, endpoint) {
            let built = endpoints::endpoint(&mut ctx, &platform, &recipes, &common, name, endpoint);
            platform.endpoints.push(built);
        }
    }
    platform::check_platform(&mut ctx, spec, &platform);
    page::check_page(&mut ctx, &platform);
    ctx.finish().map(|()| platform)
}

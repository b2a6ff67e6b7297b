//! Validation: turns a [`Spec`] into the checked [`Platform`], collecting every problem.
//!
//! Each submodule checks one part of a spec; all of them report through [`Ctx`], which knows
//! the file and the line of every YAML path.

mod callbacks;
mod endpoints;
mod fields;
mod kinds;
mod page;
mod platform;
mod push;
mod recipes;

mod words;

use std::collections::HashSet;

use heck::ToSnakeCase;
use indexmap::IndexMap;

use crate::diagnostics::{
    Code, Diagnostic, Diagnostics, Label, Severity, did_you_mean, list_names,
};
use crate::lenient::{Lenient, expected_names, offending_value, reads_as, unknown_field_name};
use crate::locate::{LineIndex, Span, join_key};
use crate::model::Platform;
use crate::spec::Spec;

/// Whether a check also looks for warnings (legal but probably wrong specs). Locating a
/// warning reads the whole document once more, which a caller that drops them (loading, a
/// build script) need not pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Warnings {
    /// Found and reported with the errors.
    Found,
    /// Not looked for.
    Skipped,
}

/// A problem repeated per endpoint: its kind, path, message, and the name to underline.
type PerEndpointKey = (Code, String, String, Option<String>);

/// Collects diagnostics for one file.
pub(crate) struct Ctx<'a> {
    file: &'a str,
    index: &'a LineIndex,
    diagnostics: Vec<Diagnostic>,
    seen: HashSet<(String, String)>,
    /// Items that had problems: a warning about them could be a consequence (a `read_only`
    /// that did not read as `true` is taken as absent), so none is given.
    broken: HashSet<String>,
    /// Problems that repeat once per endpoint using a recipe, merged when finished.
    per_endpoint: IndexMap<PerEndpointKey, (Vec<String>, Vec<String>)>,
    /// Whether warnings are looked for.
    warnings: Warnings,
}

impl<'a> Ctx<'a> {
    /// A collector for `file`, whose text was indexed into `index`.
    pub(crate) fn new(file: &'a str, index: &'a LineIndex) -> Self {
        Ctx {
            file,
            index,
            diagnostics: Vec::new(),
            seen: HashSet::new(),
            broken: HashSet::new(),
            per_endpoint: IndexMap::new(),
            warnings: Warnings::Found,
        }
    }

    /// A diagnostic of kind `code` at `span` (or unlocated), not yet recorded.
    pub(crate) fn at_span(
        &self,
        code: Code,
        span: Option<Span>,
        path: &str,
        message: String,
    ) -> Diagnostic {
        Diagnostic {
            file: self.file.to_owned(),
            path: path.to_owned(),
            line: span.map(|s| s.line),
            column: span.map(|s| s.column),
            end_line: span.map(|s| s.end_line),
            end_column: span.map(|s| s.end_column),
            source_line: span.and_then(|s| self.index.source_lines(s)),
            code,
            message,
            ..Diagnostic::default()
        }
    }

    /// A label at the span of `path`.
    pub(crate) fn label(&self, path: &str, message: impl Into<String>) -> Option<Label> {
        let span = self.index.span(path)?;
        Some(self.label_at(span, message))
    }

    /// A label at `span`.
    pub(crate) fn label_at(&self, span: Span, message: impl Into<String>) -> Label {
        Label {
            line: span.line,
            column: span.column,
            end_column: span.end_column,
            message: message.into(),
            source_line: self
                .index
                .source_line(span.line)
                .unwrap_or_default()
                .to_owned(),
        }
    }

    /// Records a finished diagnostic, once.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let key = (diagnostic.path.clone(), diagnostic.message.clone());
        if self.seen.insert(key) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Records a problem at `path` (its value when that is a scalar, else its key).
    pub(crate) fn error(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut d = self.at_span(code, self.index.span(path), path, message.into());
        d.hint = hint;
        self.push(d);
    }

    /// Records a problem about the key of `path` itself.
    pub(crate) fn error_on_key(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut d = self.at_span(code, self.index.key_span(path), path, message.into());
        d.hint = hint;
        self.push(d);
    }

    /// Records a problem at `path` that another place explains.
    pub(crate) fn error_with_label(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
        label: Option<Label>,
    ) {
        let mut d = self.at_span(code, self.index.span(path), path, message.into());
        d.hint = hint;
        d.labels.extend(label);
        self.push(d);
    }

    /// Records a legal but probably wrong spec at `path`; it is shown, and does not fail.
    pub(crate) fn warning(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        if self.warnings == Warnings::Skipped {
            return;
        }
        let mut at = Some(path);
        while let Some(p) = at {
            if self.broken.contains(p) {
                return;
            }
            at = (!p.is_empty()).then(|| &p[..p.rfind(['.', '[']).unwrap_or(0)]);
        }
        let mut d = self.at_span(code, self.index.key_span(path), path, message.into());
        d.hint = hint;
        d.severity = Severity::Warning;
        self.push(d);
    }

    /// Records a problem found while compiling a shared recipe for `endpoint`: the same problem
    /// in several endpoints becomes one message that names them all.
    pub(crate) fn error_for_endpoint(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
        endpoint: &str,
        name: Option<&str>,
    ) {
        let (names, hints) = self
            .per_endpoint
            .entry((
                code,
                path.to_owned(),
                message.into(),
                name.map(str::to_owned),
            ))
            .or_default();
        if !names.iter().any(|n| n == endpoint) {
            names.push(endpoint.to_owned());
        }
        if let Some(hint) = hint
            && !hints.contains(&hint)
        {
            hints.push(hint);
        }
    }

    /// Reports the problems of a lenient item and gives back the item, if it was readable.
    pub(crate) fn item<'s, T>(&mut self, path: &str, lenient: &'s Lenient<T>) -> Option<&'s T> {
        for (i, problem) in lenient.problems.iter().enumerate() {
            match lenient.places.get(i).cloned().flatten() {
                Some(place) => {
                    let (message, hint) = words::in_spec_words(problem);
                    self.error(Code::WrongType, &under(path, &place), message, hint);
                }
                None => self.serde_problem(path, &lenient.value, problem),
            }
        }
        if !lenient.problems.is_empty() {
            self.broken.insert(path.to_owned());
        }
        lenient.ok()
    }

    /// Turns one of serde's messages into a located diagnostic in the spec's own words.
    fn serde_problem(&mut self, path: &str, value: &serde_yaml::Value, problem: &str) {
        if let Some(key) = unknown_field_name(problem) {
            let at = find_key(value, key)
                .map(|sub| under(path, &sub))
                .unwrap_or_else(|| join_key(path, key));
            let allowed = expected_names(problem);
            let hint = did_you_mean(key, allowed.iter().copied()).or_else(|| {
                (!allowed.is_empty()).then(|| format!("allowed here: {}", list_names(&allowed, 30)))
            });
            self.error_on_key(Code::UnknownKey, &at, format!("unknown key `{key}`"), hint);
            return;
        }
        if let Some(variant) = backticked_after(problem, "unknown variant `") {
            let at = find_scalar(value, variant)
                .map(|sub| under(path, &sub))
                .unwrap_or_else(|| path.to_owned());
            let allowed = expected_names(problem);
            let hint = did_you_mean(variant, allowed.iter().copied())
                .or_else(|| Some(format!("write one of {}", list_names(&allowed, 30))));
            self.error(
                Code::UnknownValue,
                &at,
                format!("unknown value `{variant}`"),
                hint,
            );
            return;
        }
        if let Some(key) = backticked_after(problem, "missing field `") {
            self.error_on_key(Code::MissingKey, path, format!("missing key `{key}`"), None);
            return;
        }
        let (message, hint) = words::in_spec_words(problem);
        let shown = offending_value(problem);
        if let Some(sub) = shown.and_then(|shown| find_scalar(value, shown)) {
            self.error(Code::WrongType, &under(path, &sub), message, hint);
        } else if let Some(sub) = shown.and_then(|shown| find_key(value, shown)) {
            // A key of the wrong kind, e.g. an error code that is not a number.
            self.error_on_key(Code::WrongType, &under(path, &sub), message, hint);
        } else if whole_value_of_wrong_kind(value, problem) {
            // The item itself is a list or a mapping where it should not be: cover all of it.
            let mut d = self.at_span(Code::WrongType, self.index.value_span(path), path, message);
            d.hint = hint;
            self.push(d);
        } else {
            self.error(Code::WrongType, path, message, hint);
        }
    }

    /// Every problem found, warnings included.
    pub(crate) fn finish(mut self) -> Diagnostics {
        for ((code, path, message, name), (endpoints, hints)) in
            std::mem::take(&mut self.per_endpoint)
        {
            let hint = merge_hints(&hints);
            let plural = if endpoints.len() == 1 { "" } else { "s" };
            let merged = format!(
                "{message} (in endpoint{plural} {})",
                list_names(&endpoints, 3)
            );
            // Underline the name itself when the message names something on that line.
            let span = self.index.span(&path);
            let narrowed = span.and_then(|s| {
                let name = name.as_deref()?;
                self.index
                    .find_on_line(s.line, &format!("{{{name}"))
                    .map(|n| Span {
                        column: n.column + 1,
                        ..n
                    })
                    .or_else(|| self.index.find_on_line(s.line, name))
                    .filter(|n| n.column >= s.column && n.end_column <= s.end_column)
            });
            let mut d = self.at_span(code, narrowed.or(span), &path, merged);
            d.hint = hint;
            self.push(d);
        }
        Diagnostics(self.diagnostics)
    }

    /// How many errors were found so far.
    pub(crate) fn count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// One hint from several: `did you mean `a` or `b`?` when each suggests a name.
fn merge_hints(hints: &[String]) -> Option<String> {
    let names: Option<Vec<&str>> = hints
        .iter()
        .map(|h| h.strip_prefix("did you mean ")?.strip_suffix('?'))
        .collect();
    match names {
        _ if hints.len() <= 1 => hints.first().cloned(),
        Some(names) => Some(format!("did you mean {}?", names.join(" or "))),
        None => Some(hints.join("; ")),
    }
}

/// Whether serde's `problem` is about `value` as a whole: a list or a mapping where something
/// else belongs, and nothing of that kind nested inside it.
fn whole_value_of_wrong_kind(value: &serde_yaml::Value, problem: &str) -> bool {
    match value {
        serde_yaml::Value::Sequence(items) => {
            problem.starts_with("invalid type: sequence") && !items.iter().any(|v| v.is_sequence())
        }
        serde_yaml::Value::Mapping(map) => {
            problem.starts_with("invalid type: map") && !map.values().any(|v| v.is_mapping())
        }
        _ => false,
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
            if !v.is_mapping() && !v.is_sequence() && reads_as(&scalar_text(v), shown) {
                return Some(format!(".{}", scalar_text(k)));
            }
            find_scalar(v, shown).map(|sub| format!(".{}{sub}", scalar_text(k)))
        }),
        serde_yaml::Value::Sequence(items) => items.iter().enumerate().find_map(|(i, v)| {
            if !v.is_mapping() && !v.is_sequence() && reads_as(&scalar_text(v), shown) {
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

/// `path` followed by a suffix that starts with `.` or `[` (none before a top-level key).
fn under(path: &str, sub: &str) -> String {
    if path.is_empty() {
        sub.trim_start_matches('.').to_owned()
    } else {
        format!("{path}{sub}")
    }
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
            Code::BadName,
            path,
            format!("{what} '{name}' is not a snake_case name"),
            Some(format!("try '{snake}'")),
        );
    } else if KEYWORDS.contains(&name) || name == "other" {
        ctx.error(
            Code::BadName,
            path,
            format!("{what} '{name}' is reserved in generated Rust"),
            None,
        );
    }
}

/// Validates a whole spec read from `file`: the platform as far as it could be built, and
/// every problem (when any is an error, the platform must not be used).
pub(crate) fn validate(
    spec: &Spec,
    file: &str,
    index: &LineIndex,
    warnings: Warnings,
) -> (Platform, Diagnostics) {
    let mut ctx = Ctx::new(file, index);
    ctx.warnings = warnings;
    check_snake(&mut ctx, "platform", "platform name", &spec.platform);
    let environments = platform::environments(&mut ctx, spec);
    let credentials = platform::credentials(&mut ctx, spec);
    let envelope = spec
        .envelope
        .as_ref()
        .and_then(|e| ctx.item("envelope", e))
        .cloned();
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
        error_table: Vec::new(),
        endpoints: Vec::new(),
        sdk,
        cloud,
        recipe_examples: Vec::new(),
    };
    let recipes = recipes::parse_all(&mut ctx, spec);
    for (name, endpoint) in &spec.endpoints {
        let path = join_key("endpoints", name);
        if let Some(endpoint) = ctx.item(&path, endpoint) {
            let built = endpoints::endpoint(&mut ctx, &platform, &recipes, &common, name, endpoint);
            platform.endpoints.push(built);
        }
    }
    platform.merge_errors();
    platform.recipe_examples = recipes::compile_alone(&mut ctx, spec, &platform, &recipes);
    platform::check_platform(&mut ctx, spec, &platform);
    page::check_page(&mut ctx, &platform);
    (platform, ctx.finish())
}

//! Located problems: every problem in a spec names its file, YAML path, line and column, the
//! span it is about, and where one helps, a hint; [`Diagnostic::render`] shows it as rustc
//! shows a compile error.

mod code;
mod render;
mod suggest;

use std::fmt;

pub use code::Code;
pub use suggest::{closest, did_you_mean, edit_distance};

/// How bad a problem is: errors fail `check`, warnings are shown only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec cannot be used.
    #[default]
    Error,
    /// Legal, but probably not what was meant.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A secondary place that explains a problem, e.g. "first defined here".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// 1-based column just past the span, on the same line.
    pub end_column: usize,
    /// What this place has to do with the problem.
    pub message: String,
    /// The text of the line, to show it.
    pub source_line: String,
}

/// One problem found in a spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file, as given.
    pub file: String,
    /// YAML path, e.g. `endpoints.pay_notify.request.bill_no` (empty: the whole file).
    pub path: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, e.g. `did you mean `bill_no`?`.
    pub hint: Option<String>,
    /// 1-based column (in characters), where known.
    pub column: Option<usize>,
    /// 1-based line where the span ends (past `line` for a multi-line value), where known.
    pub end_line: Option<usize>,
    /// 1-based column just past the span, on `end_line`, where known.
    pub end_column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem, whose stable name (e.g. `unknown-key`) tools can rely on.
    pub code: Code,
    /// Other places that explain the problem.
    pub labels: Vec<Label>,
    /// The text of the lines `line..=end_line`, joined by `\n`, to show under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// Whether this problem fails a check.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-like form: message, source line, underline, labels and `help:`; with ANSI
    /// colors when `color`.
    pub fn render(&self, color: bool) -> String {
        render::render(self, color)
    }

    /// One JSON object for editors and CI.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end": self.end_line.or(self.line).zip(self.end_column).map(|(line, column)| {
                serde_json::json!({ "line": line, "column": column })
            }),
            "path": self.path,
            "severity": self.severity.as_str(),
            "code": self.code.as_str(),
            "message": self.message,
            "help": self.hint,
            "labels": self.labels.iter().map(|l| serde_json::json!({
                "line": l.line, "column": l.column, "end_column": l.end_column,
                "message": l.message,
            })).collect::<Vec<_>>(),
        })
    }
}

/// The one-line form: `file:line:column: path: message (hint)`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Every problem found in one or more specs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any problem is an error (warnings alone do not fail).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Every problem rendered as rustc renders errors, then a count.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(color));
            out.push_str("\n\n");
        }
        out.push_str(&self.summary());
        out
    }

    /// `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        let warnings = self.0.len() - errors;
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        match (errors, warnings) {
            (e, 0) => plural(e, "error"),
            (0, w) => plural(w, "warning"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }

    /// Sorts by file and position (unlocated problems of a file first) and merges repeats.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
        });
        self.0.dedup();
    }
}

/// Every problem, rendered as rustc renders errors (no colors), then a count; this is also
/// what a build script that fails on a spec prints.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

/// `a`, `a` and `b`, `a`, `b` and `c`, or `a`, `b`, `c` and N more, each in backticks.
pub fn list_names(names: &[impl AsRef<str>], cap: usize) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(cap)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let rest = names.len().saturating_sub(cap);
    match (shown.len(), rest) {
        (0, _) => String::new(),
        (1, 0) => shown[0].clone(),
        (n, 0) => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
        (_, rest) => format!("{} and {rest} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_line_column_path_hint() {
        let d = Diagnostic {
            file: "specs/w.yaml".into(),
            path: "endpoints.pay".into(),
            line: Some(3),
            column: Some(5),
            message: "unknown key `bil_no`".into(),
            hint: Some("did you mean `bill_no`?".into()),
            ..Diagnostic::default()
        };
        assert_eq!(
            d.to_string(),
            "specs/w.yaml:3:5: endpoints.pay: unknown key `bil_no` (did you mean `bill_no`?)"
        );
    }

    #[test]
    fn lists_names_with_a_cap() {
        assert_eq!(list_names(&["a"], 3), "`a`");
        assert_eq!(list_names(&["a", "b"], 3), "`a` and `b`");
        assert_eq!(list_names(&["a", "b", "c"], 3), "`a`, `b` and `c`");
        assert_eq!(
            list_names(&["a", "b", "c", "d", "e"], 2),
            "`a`, `b` and 3 more"
        );
    }
}

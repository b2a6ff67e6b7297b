//! The rustc look, by annotate-snippets (the renderer rustc itself uses).

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// Byte range of 1-based character columns `start..end` in `line`, never empty.
fn byte_span(line: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let offset = |column: usize| {
        line.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
    };
    let from = offset(start);
    let to = offset(end.max(start + 1)).max(from);
    from..to
}

/// Byte range in `text` (lines `first_line..` joined by `\n`) from 1-based `start` to `end`,
/// each a line and a character column; never empty.
fn byte_range(
    text: &str,
    first_line: usize,
    start: (usize, usize),
    end: (usize, usize),
) -> std::ops::Range<usize> {
    let offset = |(line, column): (usize, usize)| {
        let skip = line.saturating_sub(first_line);
        let line_start: usize = text.split('\n').take(skip).map(|l| l.len() + 1).sum();
        let line_start = line_start.min(text.len());
        let rest = &text[line_start..];
        let line_text = rest.split('\n').next().unwrap_or_default();
        line_start + byte_span(line_text, column, column + 1).start
    };
    let from = offset(start);
    let to = offset(end).max(from);
    if to > from {
        from..to
    } else {
        let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
        from..(from
            + text[from..line_end]
                .chars()
                .next()
                .map_or(0, char::len_utf8))
    }
}

pub(super) fn render(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group = Group::with_title(title);
    let path_label = (!d.path.is_empty()).then(|| format!("at `{}`", d.path));
    match (d.line, &d.source_line) {
        (Some(line), Some(text)) => {
            let column = d.column.unwrap_or(1);
            let end = d.end_column.unwrap_or(column + 1);
            let end_line = d.end_line.unwrap_or(line).max(line);
            let span = if end_line > line {
                byte_range(text, line, (line, column), (end_line, end))
            } else {
                byte_span(text, column, end)
            };
            let mut primary = AnnotationKind::Primary.span(span);
            if let Some(label) = &path_label {
                primary = primary.label(label.as_str());
            }
            let mut snippet = Snippet::source(text.as_str())
                .line_start(line)
                .path(d.file.as_str())
                .annotation(primary);
            let mut others = Vec::new();
            for label in &d.labels {
                let span = byte_span(&label.source_line, label.column, label.end_column);
                let annotation = AnnotationKind::Context
                    .span(span)
                    .label(label.message.as_str());
                if label.line == line {
                    snippet = snippet.annotation(annotation);
                } else {
                    others.push(
                        Snippet::source(label.source_line.as_str())
                            .line_start(label.line)
                            .path(d.file.as_str())
                            .annotation(annotation),
                    );
                }
            }
            group = group.element(snippet).elements(others);
        }
        (line, _) => {
            let mut origin = Origin::path(d.file.as_str());
            if let Some(line) = line {
                origin = origin.line(line);
                if let Some(column) = d.column {
                    origin = origin.char_column(column);
                }
            }
            group = group.element(origin);
            if let Some(label) = &path_label {
                group = group.element(Level::NOTE.message(label.as_str()));
            }
        }
    }
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Label;

    #[test]
    fn renders_source_underline_label_and_help() {
        let d = Diagnostic {
            file: "w.yaml".into(),
            path: "endpoints.pay.sign[0]".into(),
            line: Some(7),
            column: Some(12),
            end_column: Some(16),
            message: "unknown signature `sgi`".into(),
            hint: Some("did you mean `sig`?".into()),
            code: crate::diagnostics::Code::UnknownName,
            labels: vec![Label {
                line: 3,
                column: 3,
                end_column: 6,
                message: "`sig` is defined here".into(),
                source_line: "  sig:".into(),
            }],
            source_line: Some("    sign: [sgi]".into()),
            ..Diagnostic::default()
        };
        let shown = render(&d, false);
        assert!(
            shown.contains("error[unknown-name]: unknown signature `sgi`"),
            "{shown}"
        );
        assert!(shown.contains("--> w.yaml:7:12"), "{shown}");
        assert!(shown.contains("^^^ at `endpoints.pay.sign[0]`"), "{shown}");
        assert!(shown.contains("`sig` is defined here"), "{shown}");
        assert!(shown.contains("help: did you mean `sig`?"), "{shown}");
    }
}

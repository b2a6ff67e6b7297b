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

pub(super) fn render(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = level.primary_title(d.message.as_str());
    if !d.code.is_empty() {
        title = title.id(d.code);
    }
    let mut group = Group::with_title(title);
    let path_label = (!d.path.is_empty()).then(|| format!("at `{}`", d.path));
    match (d.line, &d.source_line) {
        (Some(line), Some(text)) => {
            let column = d.column.unwrap_or(1);
            let end = d.end_column.unwrap_or(column + 1);
            let mut primary = AnnotationKind::Primary.span(byte_span(text, column, end));
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
            code: "unknown-name",
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

//! Loading: text → [`Spec`] → checked [`Platform`], with every problem located.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lenient::Lenient;
use crate::locate::LineIndex;
use crate::model::Platform;
use crate::spec::Spec;
use crate::validate::validate;

/// Reads and checks the spec file at `path`; diagnostics name it as given.
pub fn load_file(path: &Path) -> Result<Platform, Diagnostics> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostics(vec![Diagnostic {
            file: file.clone(),
            path: String::new(),
            line: None,
            message: format!("cannot read the spec: {e}"),
            hint: None,
        }])
    })?;
    load_str(&text, &file)
}

/// Checks spec `text`; `file` is the name diagnostics use.
pub fn load_str(text: &str, file: &str) -> Result<Platform, Diagnostics> {
    let index = LineIndex::new(text);
    let located = |line: Option<usize>, path: &str, message: String| Diagnostic {
        file: file.to_owned(),
        path: path.to_owned(),
        line,
        message,
        hint: None,
    };
    if !index.duplicates.is_empty() {
        let found = index.duplicates.iter().map(|(path, line)| {
            let key = path.rsplit('.').next().unwrap_or(path);
            located(Some(*line), path, format!("duplicate key '{key}'"))
        });
        return Err(Diagnostics(found.collect()));
    }
    let spec: Lenient<Spec> = serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        let message = e.to_string();
        // serde_yaml appends " at line L column C"; the line is shown separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        Diagnostics(vec![located(
            line,
            "",
            format!("not valid YAML: {message}"),
        )])
    })?;
    let mut ctx = crate::validate::Ctx::new(file, &index);
    let Some(read) = ctx.item("", &spec) else {
        return Err(ctx.finish().err().unwrap_or_default());
    };
    let problems = ctx.finish().err();
    match (validate(read, file, &index), problems) {
        // Examples run only on an otherwise sound spec: their failures would be noise otherwise.
        (Ok(platform), None) => crate::examples::check(read, file, &index, platform),
        (Ok(_), Some(top)) => Err(top),
        (Err(rest), None) => Err(rest),
        (Err(rest), Some(mut top)) => {
            top.0.extend(rest.0);
            Err(top)
        }
    }
}

/// Checks several specs together: each on its own, then that platform names are unique.
pub fn load_files(paths: &[impl AsRef<Path>]) -> Result<Vec<Platform>, Diagnostics> {
    let mut platforms: Vec<Platform> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match load_file(path.as_ref()) {
            Ok(p) => {
                if let Some(other) = platforms.iter().find(|o| o.name == p.name) {
                    problems.push(Diagnostic {
                        file: p.source.clone(),
                        path: "platform".into(),
                        line: None,
                        message: format!(
                            "platform '{}' is also defined in {}",
                            p.name, other.source
                        ),
                        hint: None,
                    });
                }
                platforms.push(p);
            }
            Err(d) => problems.extend(d.0),
        }
    }
    if problems.is_empty() {
        Ok(platforms)
    } else {
        Err(Diagnostics(problems))
    }
}

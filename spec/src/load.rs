//! Loading: text → [`Spec`] → checked [`Platform`], with every problem located.

mod chunks;

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::lenient::Lenient;
use crate::locate::LineIndex;
use crate::model::Platform;
use crate::spec::Spec;
use crate::syntax;
use crate::validate::{Warnings, validate};

/// Reads and checks the spec file at `path`; diagnostics name it as given. Only errors are
/// reported: warnings are not looked for.
pub fn load_file(path: &Path) -> Result<Platform, Diagnostics> {
    into_result(check_file_for(path, Warnings::Skipped))
}

/// Checks spec `text`; `file` is the name diagnostics use. Only errors are reported.
pub fn load_str(text: &str, file: &str) -> Result<Platform, Diagnostics> {
    into_result(check_text(text.to_owned(), file, Warnings::Skipped))
}

/// The platform when no problem is an error; warnings alone are dropped.
fn into_result(
    (platform, problems): (Option<Platform>, Diagnostics),
) -> Result<Platform, Diagnostics> {
    match platform {
        Some(p) if !problems.has_errors() => Ok(p),
        _ => Err(problems),
    }
}

/// Reads and checks the spec file at `path`: the platform when it has no error, and every
/// problem found, warnings included, sorted by position.
pub fn check_file(path: &Path) -> (Option<Platform>, Diagnostics) {
    check_file_for(path, Warnings::Found)
}

fn check_file_for(path: &Path, warnings: Warnings) -> (Option<Platform>, Diagnostics) {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let d = Diagnostic {
                file,
                message: format!("cannot read the spec: {e}"),
                code: Code::Io,
                ..Diagnostic::default()
            };
            return (None, Diagnostics(vec![d]));
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => check_text(text, &file, warnings),
        Err(e) => (
            None,
            Diagnostics(vec![syntax::not_utf8(&file, e.as_bytes(), &e.utf8_error())]),
        ),
    }
}

/// Checks a spec given as bytes (which may not be UTF-8); as [`check_str`] otherwise.
pub fn check_bytes(bytes: &[u8], file: &str) -> (Option<Platform>, Diagnostics) {
    match std::str::from_utf8(bytes) {
        Ok(text) => check_str(text, file),
        Err(e) => (None, Diagnostics(vec![syntax::not_utf8(file, bytes, &e)])),
    }
}

/// Checks spec `text` (`file` is the name diagnostics use): the platform when it has no
/// error, and every problem found, warnings included, sorted by position.
pub fn check_str(text: &str, file: &str) -> (Option<Platform>, Diagnostics) {
    check_text(text.to_owned(), file, Warnings::Found)
}

/// As [`check_str`], keeping `text` for locating problems without copying it.
fn check_text(text: String, file: &str, warnings: Warnings) -> (Option<Platform>, Diagnostics) {
    let index = LineIndex::new(text);
    let (platform, mut problems) = check_unsorted(&index, file, warnings);
    problems.sort();
    (platform.filter(|_| !problems.has_errors()), problems)
}

fn check_unsorted(
    index: &LineIndex,
    file: &str,
    warnings: Warnings,
) -> (Option<Platform>, Diagnostics) {
    let text = index.text();
    if let Some(d) = syntax::too_deep(file, text) {
        return (None, Diagnostics(vec![d]));
    }
    // serde refuses a repeated key, so a spec that reads has none. In one that does not, each
    // repeat is reported and blanked out, so that the rest is still checked.
    let mut found = Vec::new();
    let spec = match read(text) {
        Ok(spec) => spec,
        Err(error) => {
            found = duplicate_keys(file, text, index);
            let cleaned = if found.is_empty() {
                None
            } else {
                syntax::without_duplicates(text, index)
            };
            match cleaned.map(|text| read(&text)) {
                Some(Ok(spec)) => spec,
                _ if !found.is_empty() => return (None, Diagnostics(found)),
                _ => {
                    return (
                        None,
                        Diagnostics(vec![syntax::yaml_error(file, text, &error)]),
                    );
                }
            }
        }
    };
    let mut ctx = crate::validate::Ctx::new(file, index);
    let read = ctx.item("", &spec);
    found.extend(ctx.finish().0);
    let Some(read) = read else {
        return (None, Diagnostics(found));
    };
    let (platform, problems) = validate(read, file, index, warnings);
    found.extend(problems.0);
    if found.iter().any(|d| d.severity == Severity::Error) {
        return (None, Diagnostics(found));
    }
    // Examples run only on an otherwise sound spec: their failures would be noise otherwise.
    let (platform, problems) = crate::examples::check(read, file, index, platform);
    found.extend(problems.0);
    (Some(platform), Diagnostics(found))
}

/// The spec as far as it reads. A spec whose top level reads as written is built straight from
/// the parser (each item still keeps its own problems); only one that does not is read into a
/// document tree first, to peel off its bad keys: building that tree for every spec cost a
/// third of `check`'s time and memory on a large one.
fn read(text: &str) -> Result<Lenient<Spec>, serde_yaml::Error> {
    if let Some(spec) = chunks::read(text) {
        return Ok(Lenient::read(spec));
    }
    match serde_yaml::from_str::<Spec>(text) {
        Ok(spec) => Ok(Lenient::read(spec)),
        Err(_) => serde_yaml::from_str::<serde_yaml::Value>(text).map(Lenient::from_value),
    }
}

/// Every key that repeats an earlier key of its mapping, with where the first one is.
fn duplicate_keys(file: &str, text: &str, index: &LineIndex) -> Vec<Diagnostic> {
    let ctx = crate::validate::Ctx::new(file, index);
    index
        .duplicates()
        .iter()
        .map(|duplicate| {
            let path = &duplicate.path;
            let key = path.rsplit('.').next().unwrap_or(path);
            let message = format!("duplicate key `{key}`");
            let mut d = syntax::located(Code::DuplicateKey, file, text, duplicate.key, message);
            d.path = path.clone();
            d.hint = Some("keep one of them; the first is checked, this one is ignored".into());
            d.labels
                .push(ctx.label_at(duplicate.first, "first defined here"));
            d
        })
        .collect()
}

/// Checks several specs together: each on its own, then that platform names are unique. Only
/// errors are reported.
pub fn load_files(paths: &[impl AsRef<Path>]) -> Result<Vec<Platform>, Diagnostics> {
    let (platforms, problems) = check_files_for(paths, Warnings::Skipped);
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(platforms)
    }
}

/// Checks several specs together: the platforms without errors, and every problem found
/// (warnings included), sorted by file and position.
pub fn check_files(paths: &[impl AsRef<Path>]) -> (Vec<Platform>, Diagnostics) {
    check_files_for(paths, Warnings::Found)
}

fn check_files_for(paths: &[impl AsRef<Path>], warnings: Warnings) -> (Vec<Platform>, Diagnostics) {
    let mut platforms: Vec<Platform> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let (platform, found) = check_file_for(path.as_ref(), warnings);
        problems.extend(found.0);
        let Some(p) = platform else { continue };
        if let Some(other) = platforms.iter().find(|o| o.name == p.name) {
            problems.push(Diagnostic {
                file: p.source.clone(),
                path: "platform".into(),
                message: format!("platform `{}` is also defined in {}", p.name, other.source),
                code: Code::Collision,
                ..Diagnostic::default()
            });
        }
        platforms.push(p);
    }
    let mut problems = Diagnostics(problems);
    problems.sort();
    (platforms, problems)
}

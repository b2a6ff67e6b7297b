//! The committed `generated/` tree: what it should contain, writing it, and checking it.

use std::path::{Path, PathBuf};

use crate::build::{BuildError, write, yaml_files};
use crate::load::load_files;

/// One file of `generated/`, by path relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the `generated/` directory, with `/` separators.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// Everything `generated/` should hold for the specs in `specs_dir`: docs, the index, the spec
/// JSON Schema, the formatted Rust of each platform and the TypeScript declarations of those
/// with a page side.
pub fn expected_files(specs_dir: &Path) -> Result<Vec<GeneratedFile>, BuildError> {
    let files = yaml_files(specs_dir)?;
    // Docs name the spec relative to the repository, whatever directory this runs from.
    let platforms = load_files(&files)?
        .into_iter()
        .map(|mut p| {
            let name = Path::new(&p.source)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            p.source = format!("specs/{}", name.unwrap_or_default());
            p
        })
        .collect::<Vec<_>>();
    let mut out = vec![
        GeneratedFile {
            path: "spec.schema.json".into(),
            contents: crate::schema::spec_json_schema(),
        },
        GeneratedFile {
            path: "docs/README.md".into(),
            contents: crate::emit_docs::index_markdown(&platforms)?,
        },
    ];
    for platform in &platforms {
        out.push(GeneratedFile {
            path: format!("docs/{}.md", platform.name),
            contents: crate::emit_docs::platform_markdown(platform)?,
        });
        out.push(GeneratedFile {
            path: format!("rust/{}.rs", platform.name),
            contents: crate::emit_rust::emit_platform(platform),
        });
        if let Some(contents) = crate::emit_ts::emit_platform(platform) {
            out.push(GeneratedFile {
                path: format!("ts/{}", crate::emit_ts::file_name(platform)),
                contents,
            });
        }
    }
    Ok(out)
}

/// Writes `expected_files` into `generated_dir` and removes files that no spec produces any more.
pub fn write_all(specs_dir: &Path, generated_dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let expected = expected_files(specs_dir)?;
    let mut written = Vec::new();
    for file in &expected {
        let path = generated_dir.join(&file.path);
        write(&path, &file.contents)?;
        written.push(path);
    }
    for stale in existing_files(generated_dir) {
        if !expected.iter().any(|f| f.path == stale) {
            let path = generated_dir.join(&stale);
            std::fs::remove_file(&path).map_err(|source| BuildError::Io { path, source })?;
        }
    }
    Ok(written)
}

/// Differences between `generated_dir` and what the specs produce: `(path, what)` pairs.
pub fn stale_files(
    specs_dir: &Path,
    generated_dir: &Path,
) -> Result<Vec<(String, &'static str)>, BuildError> {
    let expected = expected_files(specs_dir)?;
    let mut stale = Vec::new();
    for file in &expected {
        match std::fs::read_to_string(generated_dir.join(&file.path)) {
            Ok(text) if text == file.contents => {}
            Ok(_) => stale.push((file.path.clone(), "differs")),
            Err(_) => stale.push((file.path.clone(), "missing")),
        }
    }
    for path in existing_files(generated_dir) {
        if !expected.iter().any(|f| f.path == path) {
            stale.push((path, "no longer generated"));
        }
    }
    Ok(stale)
}

/// Files under `dir`, relative, with `/` separators.
fn existing_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

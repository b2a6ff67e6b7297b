//! The corpus of broken specs: each `tests/broken/NAME.yaml` must produce exactly the
//! diagnostics in `NAME.expected`. Set `BLESS=1` to rewrite the expectations after a deliberate
//! change of wording, then review the diff.

use std::path::Path;

use gamechannel_spec::load::check_bytes;

#[test]
fn every_broken_spec_gives_its_exact_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 35, "the corpus lost cases");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&case).unwrap();
        let (_, problems) = check_bytes(&bytes, &name);
        let got = if problems.0.is_empty() {
            "(no diagnostics)\n".to_owned()
        } else {
            format!("{}\n", problems.render(false))
        };
        let expected_path = case.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

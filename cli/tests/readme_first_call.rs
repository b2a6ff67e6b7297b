//! The README's first Rust example, compiled and run against the mock: the code between the
//! markers below must be the README's first `rust` block, character for character.

mod e2e_support;

use std::error::Error;

use e2e_support::{bounded, mock_with};

/// The README's example, as a function so that `?` works; formatted as the README shows it.
#[rustfmt::skip]
async fn readme_example() -> Result<(), Box<dyn Error>> {
    // README BEGIN
    use gamechannel::wechat_midas::{Client, Environment, PresentRequest};

    let mock = std::env::var("GAMECHANNEL_MOCK_URL").unwrap_or("http://127.0.0.1:8080".into());
    let client = Client::builder(Environment::Sandbox).base_url(mock) // no base_url: the real platform
        .credentials([("app_key", "mock-midas-app-key"), ("appid", "wxmock0000000001"), ("secret", "mock-wechat-app-secret")])
        .build()?; // access_token: fetched with get_stable_token when first needed, cached, refreshed
    let gift = PresentRequest { openid: "mock-openid-1".into(), appid: "wxmock0000000001".into(), offer_id: "mock-offer-id".into(),
        zone_id: "1".into(), pf: "android".into(), bill_no: "gift-0001".into(), present_counts: 60, ..Default::default() };
    let answer = client.present(&gift).await?; // retried on -1 with the same bill_no; never twice-credited
    // README END
    assert_eq!(answer.balance, Some(60), "{answer:?}");
    Ok(())
}

/// The lines between the markers of this file, unindented.
fn tested_code() -> String {
    let source = include_str!("readme_first_call.rs");
    let begin = source.find("// README BEGIN\n").expect("begin marker") + 16;
    let end = source.find("    // README END").expect("end marker");
    source[begin..end]
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The README's first `rust` block.
fn readme_code() -> String {
    let readme = include_str!("../../README.md");
    let begin = readme.find("```rust\n").expect("a rust block") + 8;
    let end = begin + readme[begin..].find("```").expect("its end");
    readme[begin..end].trim_end().to_owned()
}

#[test]
fn the_readme_shows_the_tested_code_and_it_is_short() {
    let readme = readme_code();
    assert_eq!(readme, tested_code(), "README and test differ");
    // "Calling a platform" repeats it; the copy must not drift either.
    let calling = include_str!("../../README.md")
        .split("## Calling a platform")
        .nth(1)
        .expect("the section");
    assert!(calling.contains(&format!("```rust\n{readme}\n```")));
    let lines = readme.lines().count();
    assert!(lines <= 10, "the first example has {lines} lines");
}

#[tokio::test]
async fn the_readme_example_presents_against_the_mock() {
    let mock = mock_with(|_| {}).await;
    // SAFETY: set before the example reads it, by the only test of this binary that reads the
    // environment; nothing else in this process writes it.
    unsafe { std::env::set_var("GAMECHANNEL_MOCK_URL", mock.base_url()) };
    bounded("the README example", readme_example())
        .await
        .unwrap_or_else(|e| panic!("README example failed: {e}"));
    let issued: u64 = mock.token_counts().values().map(|t| t.issued).sum();
    assert_eq!(issued, 1, "one token fetched on the way");
    mock.shutdown().await;
}

#[test]
fn a_missing_or_unknown_credential_says_which_and_what_the_builder_takes() {
    use gamechannel::wechat_midas::{Client, Environment};
    let missing = Client::builder(Environment::Sandbox)
        .credentials([("app_key", "k"), ("appid", "wx1")])
        .build()
        .expect_err("no AppSecret");
    let text = missing.to_string();
    assert!(text.contains("missing credential `secret`"), "{text}");
    assert!(
        text.contains("`access_token` (issued by get_stable_token"),
        "{text}"
    );
    let unknown = Client::builder(Environment::Sandbox)
        .credential("session_key", "s")
        .build()
        .expect_err("per player");
    assert!(
        unknown
            .to_string()
            .contains("unknown credential `session_key`"),
        "{unknown}"
    );
    // Given itself, the token needs no AppID nor AppSecret, and is never printed.
    let given = Client::builder(Environment::Sandbox)
        .credentials([("app_key", "k"), ("access_token", "tok-123")])
        .build()
        .expect("a fixed token");
    assert!(!format!("{given:?}").contains("tok-123"));
}

//! Loading the seed specs: every one checks clean.

use gamechannel_spec::load::load_files;

#[test]
fn seed_specs_load() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    match load_files(&files) {
        Ok(platforms) => {
            let names: Vec<&str> = platforms.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(
                names,
                [
                    "douyin_game",
                    "huawei",
                    "llewan",
                    "oppo",
                    "qqgame",
                    "vivo",
                    "wancms",
                    "wechat_midas",
                    "wechat_minigame_v2",
                    "wechat_xpay",
                ]
            );
        }
        Err(d) => panic!("{d}"),
    }
}

#[test]
fn private_platform_spec_loads() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/private-platform/specs/acme_arcade.yaml"
    );
    if let Err(d) = gamechannel_spec::load::load_file(std::path::Path::new(file)) {
        panic!("{d}");
    }
}

/// A call that may change state and is not retry-safe: legal, with one warning.
const UNSAFE_RETRY: &str = "platform: warned
title: Warned
environments:
  production:
    base_url: https://api.example.com
credentials:
  secret: { secret: true, doc: Signing secret. }
envelope: { code: code, ok: 0 }
signatures:
  sign:
    algorithm: md5
    params: { from: request, sort: name }
    template: \"{params}{secret}\"
    output: hex
endpoints:
  grant:
    kind: call
    doc: Grants coins.
    method: POST
    path: /grant
    encoding: form
    sign: [sign]
    request:
      player: { type: string, required: true, doc: Player id. }
";

#[test]
fn check_reports_warnings_and_load_does_not_look_for_them() {
    let (platform, found) = gamechannel_spec::load::check_str(UNSAFE_RETRY, "warned.yaml");
    assert!(platform.is_some());
    assert_eq!(found.0.len(), 1, "{found}");
    assert!(!found.has_errors());
    assert!(gamechannel_spec::load::load_str(UNSAFE_RETRY, "warned.yaml").is_ok());
    // With an error besides, loading reports the error alone.
    let broken = UNSAFE_RETRY.replace("type: string", "type: strin");
    let (_, found) = gamechannel_spec::load::check_str(&broken, "warned.yaml");
    assert!(found.has_errors());
    let errors = gamechannel_spec::load::load_str(&broken, "warned.yaml").unwrap_err();
    assert!(errors.0.iter().all(|d| d.is_error()), "{errors}");
    assert!(!errors.0.is_empty());
}

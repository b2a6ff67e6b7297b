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

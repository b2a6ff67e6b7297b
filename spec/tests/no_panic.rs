//! No input panics the loader: arbitrary text, and the seed specs with arbitrary edits, give
//! either a platform or located diagnostics.

mod support {
    pub mod edit;
}

use gamechannel_spec::load::load_str;
use proptest::prelude::*;
use support::edit::edited;

const SEEDS: [&str; 4] = [
    include_str!("../../specs/wechat_midas.yaml"),
    include_str!("../../specs/qqgame.yaml"),
    include_str!("../../specs/wancms.yaml"),
    include_str!("../../specs/llewan.yaml"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = load_str(&text, "fuzz.yaml");
    }

    #[test]
    fn edited_seed_specs_never_panic(
        seed in 0usize..4,
        at in any::<prop::sample::Index>(),
        cut in 0usize..40,
        insert in "[a-z_{}|:\\[\\]\\-0-9 \n]{0,12}",
    ) {
        let edited = edited(SEEDS[seed], at, cut, &insert);
        if let Err(diagnostics) = load_str(&edited, "edited.yaml") {
            prop_assert!(!diagnostics.0.is_empty());
            for d in &diagnostics.0 {
                prop_assert_eq!(d.file.as_str(), "edited.yaml");
            }
        }
    }
}

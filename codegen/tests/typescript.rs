//! The TypeScript declarations of the seed specs: which platforms get them and what they say.
//! (`tsc --strict` on them with sample scripts runs in CI, from `examples/page-types`.)

use std::path::Path;

use gamechannel_codegen::emit_ts::emit_platform;
use gamechannel_codegen::load::load_files;
use gamechannel_codegen::model::Platform;

fn seed(name: &str) -> Platform {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{name}.yaml"));
    load_files(&[file]).expect("seed loads").remove(0)
}

#[test]
fn only_platforms_with_a_page_side_get_declarations() {
    assert!(emit_platform(&seed("qqgame")).is_none());
    assert!(emit_platform(&seed("llewan")).is_none());
    assert!(emit_platform(&seed("wancms")).is_some());
    assert!(emit_platform(&seed("wechat_midas")).is_some());
}

#[test]
fn wancms_payloads_functions_and_result_codes() {
    let ts = emit_platform(&seed("wancms")).expect("declarations");
    for line in [
        "declare namespace wancms {",
        "  interface PayPayload {",
        "    total_fee: number;",
        "    channel?: string;",
        "    sign: string;",
        "  const enum PayResult {",
        "    Paid = 6,",
        "    WrongParamCount = 10,",
        "  type PayResultCode = 5 | 6 | 7 | 8 | 9 | 10;",
        "  type PayCallback = (code: PayResult, msg: string) => void;",
        "  type FavoriteCallback = (code: number, msg: string) => void;",
        "declare namespace wancmssdk {",
        "  function init(data: wancms.InitPayload): void;",
        "  function pay(data: wancms.PayPayload, callback: wancms.PayCallback): void;",
    ] {
        assert!(ts.lines().any(|l| l == line), "missing {line:?} in:\n{ts}");
    }
    // Callbacks only where the platform calls back; notify fields never reach the page.
    assert!(!ts.contains("InitCallback") && !ts.contains("PayNotify"));
}

#[test]
fn midas_cloud_call_names_and_answer() {
    let ts = emit_platform(&seed("wechat_midas")).expect("declarations");
    for line in [
        "  interface PresentCloudParams {",
        "    offerId: string;",
        "    presentCounts: number;",
        "    userIp?: string;",
        "    sig: CloudSignature;",
        "  interface PresentCloudAnswer {",
        "    errCode: ErrCode;",
        "    errMsg: string;",
        "    billNo?: string;",
        "    Ok = 0,",
        "    SystemBusy = -1,",
        "    OrderExists = 90012,",
        "        presentSandbox(params: PresentCloudParams): Promise<PresentCloudAnswer>;",
        "        cancelPay(params: CancelPayCloudParams): Promise<CancelPayCloudAnswer>;",
    ] {
        assert!(ts.lines().any(|l| l == line), "missing {line:?} in:\n{ts}");
    }
    // The token endpoint has no cloud form, and the HTTPS names stay out of it.
    assert!(!ts.contains("GetStableToken") && !ts.contains("offer_id:"));
}

#[test]
fn builder_writes_declarations_next_to_the_rust() {
    let root = std::env::temp_dir().join(format!("gamechannel-ts-{}", std::process::id()));
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let built = gamechannel_codegen::Builder::new()
        .spec(specs.join("wancms.yaml"))
        .spec(specs.join("qqgame.yaml"))
        .out_dir(root.join("rust"))
        .typescript(root.join("ts"))
        .compile()
        .expect("builds");
    assert_eq!(built.len(), 2);
    let written = std::fs::read_to_string(root.join("ts/wancms.d.ts")).expect("written");
    assert!(written.contains("declare namespace wancmssdk {"));
    assert!(
        !root.join("ts/qqgame.d.ts").exists(),
        "no page side, no file"
    );
    let _ = std::fs::remove_dir_all(&root);
}

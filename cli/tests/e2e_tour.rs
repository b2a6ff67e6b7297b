//! End to end: the built `gamechannel tour` binary drives every seed endpoint against its
//! in-process mock and says that all behaved.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(15);

#[test]
fn tour_runs_and_every_step_behaves() {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .arg("tour")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the gamechannel binary starts");
    // Read both pipes on their own threads so that a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout piped");
    let mut stderr = child.stderr.take().expect("stderr piped");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the tour") {
            break status;
        }
        if started.elapsed() > LIMIT {
            // Only the child we started, by its handle.
            let _ = child.kill();
            let _ = child.wait();
            panic!("the tour took longer than {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out.join().expect("stdout reader").expect("stdout is UTF-8");
    let stderr = err.join().expect("stderr reader").expect("stderr is UTF-8");
    assert!(
        status.success(),
        "exit {status}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(
        stdout.contains("all behaved"),
        "no 'all behaved' in:\n{stdout}"
    );
    assert!(
        !stdout.contains("FAIL") && !stderr.contains("FAIL"),
        "a step failed:\n{stdout}\n{stderr}"
    );
    // Every platform was visited.
    for section in [
        "WeChat Midas (sandbox)",
        "WeChat Midas (production)",
        "QQ game hall",
        "llewan",
        "Callbacks",
        "Douyin game wallet",
    ] {
        assert!(
            stdout.contains(section),
            "no '{section}' section in:\n{stdout}"
        );
    }
}

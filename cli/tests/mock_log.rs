//! `gamechannel mock` run as a user runs it: one log line per request, naming the platform's
//! answer, silenced by `--quiet`.

use std::process::Command;

/// Starts `gamechannel mock` on a free port; gives the child and its base URL.
fn spawn_mock(extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .args(["mock", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the mock starts");
    let stdout = child.stdout.take().expect("piped");
    let first = std::io::BufReader::new(stdout)
        .lines()
        .next()
        .expect("a first line")
        .expect("readable");
    let url = first
        .rsplit(' ')
        .next()
        .expect("the line ends with the URL")
        .to_owned();
    (child, url)
}

/// One raw HTTP/1.1 POST over loopback; gives the whole answer.
fn post(url: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let address = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("the mock listens");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// Stops the mock and gives what it wrote to stderr.
fn stop(mut child: std::process::Child) -> String {
    use std::io::Read;
    child.kill().unwrap();
    child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    stderr
}

#[test]
fn mock_logs_the_platform_answer_and_the_time_taken() {
    let (child, url) = spawn_mock(&[]);
    let answer = post(&url, "/cgi-bin/midas/getbalance?access_token=x", "{}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let log = stop(child);
    let line = log
        .lines()
        .find(|l| l.contains("-> wechat_midas.get_balance: "))
        .unwrap_or_else(|| panic!("no log line in {log:?}"));
    // `<code> <name> (HTTP 200, <n> ms)`: the platform's own answer, never a Rust value.
    let outcome = line.split(": ").nth(1).expect("an outcome");
    let (code, rest) = outcome.split_once(' ').expect("code and name");
    assert!(code.parse::<i64>().is_ok(), "{line}");
    assert!(
        rest.ends_with(" ms)") && rest.contains("(HTTP 200, "),
        "{line}"
    );
    assert!(!line.contains("None") && !line.contains("Some("), "{line}");

    let (quiet, url) = spawn_mock(&["--quiet"]);
    post(&url, "/cgi-bin/midas/getbalance?access_token=x", "{}");
    let log = stop(quiet);
    assert!(!log.contains("->"), "--quiet still logged: {log}");
}

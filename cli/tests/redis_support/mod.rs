//! Shared by the tests of game servers sharing Redis: the test Redis (or why a test is
//! skipped), a redis-server of a test's own to stop and restart, and game-server processes.
//!
//! A game-server process is this very test binary started again with `--ignored --exact
//! game_server_process` and a role in `GAMECHANNEL_TEST_WORKER` (see [`worker`]): an OS process
//! with its own clients and Redis connections, that can be killed. It reports on stdout in
//! lines starting with `@`, and logs the library's tracing events on stderr.

#![allow(dead_code)] // each test file uses its own part

pub mod worker;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

pub use gamechannel_cli::mock::DEFAULT_CREDENTIALS;

/// How long one step of a test may take before it counts as hung.
pub const STEP: Duration = Duration::from_secs(15);

/// Runs `future`, failing the test if it takes longer than [`STEP`].
pub async fn bounded<F: Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(STEP, future)
        .await
        .unwrap_or_else(|_| panic!("{what} took longer than {STEP:?}"))
}

/// A default credential of the mock.
pub fn cred(platform: &str, name: &str) -> &'static str {
    DEFAULT_CREDENTIALS
        .iter()
        .find(|(p, n, _)| *p == platform && *n == name)
        .map(|(_, _, v)| *v)
        .unwrap_or_else(|| panic!("no default credential {platform}.{name}"))
}

/// Says on stderr, past the harness's capture, why a test is skipped.
pub fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "\nSKIPPED {test}: {why}");
}

/// The test Redis's URL (`GAMECHANNEL_TEST_REDIS_URL`, which `.ci/run` sets), or `None` after
/// saying why the test is skipped.
pub fn redis_url(test: &str) -> Option<String> {
    match std::env::var("GAMECHANNEL_TEST_REDIS_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            skip(
                test,
                "needs a real Redis; set GAMECHANNEL_TEST_REDIS_URL=redis://127.0.0.1:PORT/ \
                 (.ci/run starts redis-server and sets it)",
            );
            None
        }
    }
}

/// A key prefix no other test (or run) uses.
pub fn prefix(test: &str) -> String {
    format!("gctest:{test}:{}:{}:", std::process::id(), nanos())
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Every key under `prefix`, by `SCAN`, as an operator would list them.
pub async fn keys(url: &str, prefix: &str) -> Vec<String> {
    let mut connection = redis::Client::open(url)
        .expect("test Redis URL")
        .get_multiplexed_async_connection()
        .await
        .expect("test Redis answers");
    let mut cursor = 0u64;
    let mut keys = Vec::new();
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(format!("{prefix}*"))
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut connection)
            .await
            .expect("SCAN");
        keys.extend(batch);
        if next == 0 {
            return keys;
        }
        cursor = next;
    }
}

/// The first stretch of `text` that looks like a mock access token (`mock_` and 48 letters or
/// digits), so that tokens nobody wrote down can still be looked for.
pub fn mock_token_in(text: &str) -> Option<&str> {
    text.match_indices("mock_").find_map(|(at, _)| {
        let token = text.get(at..at + 5 + 48)?;
        token[5..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
            .then_some(token)
    })
}

/// A game-server process started by a test; killed when dropped.
pub struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::UnboundedReceiver<String>,
    /// Every `@` line read so far.
    pub seen: Vec<String>,
    /// Everything it wrote, stdout and stderr.
    output: Arc<Mutex<String>>,
}

impl Worker {
    /// Starts this test binary as a game server with `role` and `settings` (environment).
    pub fn start(role: &str, settings: &[(&str, String)]) -> Self {
        let exe = std::env::current_exe().expect("the test binary's path");
        let mut command = Command::new(exe);
        command
            .args([
                "game_server_process",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
                // Terse: no "test NAME ... " in front of the first line it prints.
                "-q",
            ])
            .env(worker::ROLE, role)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (name, value) in settings {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the test binary starts again");
        let output = Arc::new(Mutex::new(String::new()));
        let (sender, lines) = mpsc::unbounded_channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::clone(&output);
        tokio::spawn(async move {
            let mut reader = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = reader.next_line().await {
                append(&log, &line);
                if line.starts_with('@') {
                    let _ = sender.send(line);
                }
            }
        });
        let log = Arc::clone(&output);
        tokio::spawn(async move {
            let mut reader = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = reader.next_line().await {
                append(&log, &line);
            }
        });
        Worker {
            stdin: child.stdin.take(),
            child,
            lines,
            seen: Vec::new(),
            output,
        }
    }

    /// Waits for the next line starting with `@<what>` and returns the rest of it.
    pub async fn expect(&mut self, what: &str) -> String {
        let tag = format!("@{what}");
        loop {
            let next = tokio::time::timeout(STEP, self.lines.recv()).await;
            let Ok(Some(line)) = next else {
                panic!(
                    "no {tag} line from the game server; it wrote:\n{}",
                    self.output()
                );
            };
            self.seen.push(line.clone());
            if let Some(rest) = line.strip_prefix(&tag) {
                return rest.trim().to_owned();
            }
        }
    }

    /// Writes a line to its stdin.
    pub async fn say(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin still open");
        stdin
            .write_all(format!("{line}\n").as_bytes())
            .await
            .expect("the game server reads its stdin");
        stdin.flush().await.expect("flush");
    }

    /// Closes its stdin (it ends) and waits for it; then every `@` line it wrote is in `seen`.
    pub async fn finish(&mut self) {
        self.stdin = None;
        let status = bounded("a game server's exit", self.child.wait())
            .await
            .expect("exit status");
        while let Some(line) = bounded("the last lines", self.lines.recv()).await {
            self.seen.push(line);
        }
        assert!(status.success(), "{status}; it wrote:\n{}", self.output());
    }

    /// Kills it at once (SIGKILL), as a crash would.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("kill");
    }

    /// Lines of `seen` starting with `@<what> `, without that tag.
    pub fn seen(&self, what: &str) -> Vec<String> {
        let tag = format!("@{what} ");
        self.seen
            .iter()
            .filter_map(|l| l.strip_prefix(&tag).map(str::to_owned))
            .collect()
    }

    /// Everything it wrote so far, stdout and stderr (its logs).
    pub fn output(&self) -> String {
        self.output
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn append(log: &Mutex<String>, line: &str) {
    let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
    log.push_str(line);
    log.push('\n');
}

/// A redis-server of a test's own (so it can be stopped), on a free loopback port, with
/// append-only persistence synced on every write, the way a production Redis keeps its data
/// across a restart; password-protected, to show the password never reaches an error.
pub struct RedisServer {
    binary: String,
    port: u16,
    dir: PathBuf,
    pub password: &'static str,
    child: Option<Child>,
}

impl RedisServer {
    /// Starts one, or `None` (after saying why the test is skipped) without `redis-server`.
    pub async fn start(test: &str) -> Option<Self> {
        let binary = std::env::var("GAMECHANNEL_TEST_REDIS_SERVER")
            .unwrap_or_else(|_| "redis-server".to_owned());
        let found = std::process::Command::new(&binary)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            skip(
                test,
                "needs redis-server on PATH (or GAMECHANNEL_TEST_REDIS_SERVER); .ci/run installs it",
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let dir =
            std::env::temp_dir().join(format!("gctest-redis-{}-{}", std::process::id(), nanos()));
        std::fs::create_dir_all(&dir).expect("a directory for its data");
        let mut server = RedisServer {
            binary,
            port,
            dir,
            password: "test-redis-password-7f3e",
            child: None,
        };
        server.resume().await;
        Some(server)
    }

    /// Its URL, password included.
    pub fn url(&self) -> String {
        format!("redis://:{}@127.0.0.1:{}/", self.password, self.port)
    }

    /// Kills it (SIGKILL): what it had written is on disk, nothing else survives.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.expect("kill redis-server");
        }
    }

    /// Starts it again on the same port and data, and waits until it answers.
    pub async fn resume(&mut self) {
        let child = Command::new(&self.binary)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args([
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ])
            .args(["--requirepass", self.password])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let client = redis::Client::open(self.url()).expect("URL");
        for _ in 0..100 {
            if let Ok(mut connection) = client.get_multiplexed_async_connection().await
                && redis::cmd("PING")
                    .query_async::<String>(&mut connection)
                    .await
                    .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "redis-server on port {} did not answer within 5 s",
            self.port
        );
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.start_kill();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

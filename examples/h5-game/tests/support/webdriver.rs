//! Just enough of the W3C WebDriver protocol to drive headless Chromium through
//! `chromedriver`: a session, navigation, frames, elements, clicks, text and scripts.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key under which WebDriver returns an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The flags this machine's Chromium needs to run headless, quietly, on loopback only.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1024,768",
];

/// The browser and its driver, found on `PATH` (or `CHROMIUM` / `CHROMEDRIVER`).
pub struct Browser {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

impl Browser {
    /// `None` when either is missing.
    pub fn find() -> Option<Browser> {
        let chromium = from_env_or_path("CHROMIUM", &["chromium", "chromium-browser"])?;
        let chromedriver = from_env_or_path("CHROMEDRIVER", &["chromedriver"])?;
        Some(Browser {
            chromium,
            chromedriver,
        })
    }
}

fn from_env_or_path(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        return Some(PathBuf::from(path));
    }
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A running chromedriver with one browser session; ends both when dropped.
pub struct Session {
    driver: Child,
    http: reqwest::Client,
    url: String,
    profile: PathBuf,
}

impl Session {
    /// Starts chromedriver on a free loopback port and opens a session in a fresh profile.
    pub async fn start(browser: &Browser) -> Result<Session, String> {
        let port = free_port()?;
        let driver = Command::new(&browser.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", browser.chromedriver.display()))?;
        let profile =
            std::env::temp_dir().join(format!("gamechannel-browser-{}-{port}", std::process::id()));
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let mut session = Session {
            driver,
            http,
            url: format!("http://127.0.0.1:{port}"),
            profile,
        };
        session.wait_ready().await?;
        let mut args: Vec<String> = FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", session.profile.display()));
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": path_text(&browser.chromium), "args": args },
            }}
        });
        let created = session.call("POST", "/session", capabilities).await?;
        let id = created["sessionId"]
            .as_str()
            .ok_or("no session id in chromedriver's answer")?;
        session.url = format!("{}/session/{id}", session.url);
        session
            .call(
                "POST",
                "/timeouts",
                json!({ "script": 20_000, "pageLoad": 20_000 }),
            )
            .await?;
        Ok(session)
    }

    async fn wait_ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let status = self.http.get(format!("{}/status", self.url)).send().await;
            if let Ok(answer) = status
                && let Ok(value) = answer.json::<Value>().await
                && value["value"]["ready"] == true
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("chromedriver did not become ready".to_owned());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// One command; the `value` of its answer, or the WebDriver error as text.
    async fn call(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let url = format!("{}{path}", self.url);
        let request = match method {
            "GET" => self.http.get(&url),
            "DELETE" => self.http.delete(&url),
            _ => self.http.post(&url).json(&body),
        };
        let answer = request
            .send()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let value: Value = answer
            .json()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        if let Some(error) = value["value"]["error"].as_str() {
            let message = value["value"]["message"].as_str().unwrap_or_default();
            return Err(format!("{method} {path}: {error}: {message}"));
        }
        Ok(value["value"].clone())
    }

    /// Opens a URL in the top-level browsing context.
    pub async fn goto(&self, url: &str) -> Result<(), String> {
        self.call("POST", "/url", json!({ "url": url }))
            .await
            .map(drop)
    }

    /// The first element matching a CSS selector, now.
    pub async fn find(&self, css: &str) -> Result<String, String> {
        let found = self
            .call(
                "POST",
                "/element",
                json!({ "using": "css selector", "value": css }),
            )
            .await?;
        found[ELEMENT]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no element reference for {css}"))
    }

    /// Waits (at most `within`) until an element matches.
    pub async fn wait_for(&self, css: &str, within: Duration) -> Result<String, String> {
        let deadline = Instant::now() + within;
        loop {
            match self.find(css).await {
                Ok(element) => return Ok(element),
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("waiting for {css}: {e}"));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits (at most `within`) until an element's text contains `wanted`; its last text.
    pub async fn wait_text(
        &self,
        css: &str,
        wanted: &str,
        within: Duration,
    ) -> Result<String, String> {
        let deadline = Instant::now() + within;
        loop {
            let text = match self.find(css).await {
                Ok(element) => self.text(&element).await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(wanted) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} never said {wanted:?}; last: {text:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// An element's rendered text.
    pub async fn text(&self, element: &str) -> Result<String, String> {
        let text = self
            .call("GET", &format!("/element/{element}/text"), Value::Null)
            .await?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    /// Clicks an element.
    pub async fn click(&self, element: &str) -> Result<(), String> {
        self.call("POST", &format!("/element/{element}/click"), json!({}))
            .await
            .map(drop)
    }

    /// Enters an iframe element's document.
    pub async fn enter_frame(&self, element: &str) -> Result<(), String> {
        self.call("POST", "/frame", json!({ "id": { ELEMENT: element } }))
            .await
            .map(drop)
    }

    /// Runs an async script in the current frame; it ends by calling its last argument.
    pub async fn run_async(&self, script: &str) -> Result<Value, String> {
        self.call(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
        .await
    }

    /// The current document, as HTML (for diagnostics when a step fails).
    pub async fn page_source(&self) -> String {
        self.call("GET", "/source", Value::Null)
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Closes the browser and the driver.
    pub async fn quit(mut self) {
        let _ = self.call("DELETE", "", Value::Null).await;
        self.stop();
    }

    fn stop(&mut self) {
        // Only the driver this session started, by its handle.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    Ok(port)
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

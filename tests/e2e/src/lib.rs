//! End-to-end harness: starts `netbird-mock` serving the built console, starts chromedriver,
//! and drives headless Chromium over the W3C WebDriver protocol. No browser download, no
//! async runtime: WebDriver is plain JSON over HTTP on loopback.

pub mod http;

use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type Result<T> = std::result::Result<T, String>;

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The release build the journeys run against.
pub fn dist_dir() -> PathBuf {
    std::env::var("CONSOLE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("dist"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free loopback port")
}

/// A running `netbird-mock` with the console's `dist/` served at `/`.
pub struct Mock {
    child: Child,
    /// Held open: the mock ends when it closes (`--exit-with-stdin`), so a shared mock, never
    /// dropped, ends with its test binary.
    _stdin: Option<std::process::ChildStdin>,
    pub url: String,
    /// (role, who, token) as printed by the mock (or answered by its last reset).
    pub tokens: Vec<(String, String, String)>,
}

/// A test's turn with its file's mock (`Mock::shared`): the mock is its alone until this is
/// dropped.
pub struct Turn {
    mock: std::sync::MutexGuard<'static, Mock>,
}

impl std::ops::Deref for Turn {
    type Target = Mock;
    fn deref(&self) -> &Mock {
        &self.mock
    }
}

impl Mock {
    /// The one mock of this test file (each file is a test binary of its own), started on
    /// first use and shared by the file's tests in turn: this waits for the test before to
    /// finish, then resets the mock as if started with `options` (`POST /__mock/reset`).
    /// A test of two servers at once starts the second with `Mock::start`.
    pub fn shared(options: &[&str]) -> Turn {
        Mock::shared_serving(&dist_dir(), options)
    }

    /// `shared`, serving `dist` (the file's first call decides what its mock serves).
    pub fn shared_serving(dist: &std::path::Path, options: &[&str]) -> Turn {
        static SHARED: std::sync::OnceLock<std::sync::Mutex<Mock>> = std::sync::OnceLock::new();
        let mut mock = SHARED
            .get_or_init(|| std::sync::Mutex::new(Mock::start_serving(dist, &[])))
            .lock()
            // A test that failed in its turn leaves nothing that the reset does not undo.
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        mock.reset(options);
        Turn { mock }
    }

    /// A mock of its own, for the second server of a test of two, or one serving another build.
    pub fn start(extra: &[&str]) -> Mock {
        Mock::start_serving(&dist_dir(), extra)
    }

    /// Back to the start, as if started with `options`; its tokens are the new seed's.
    pub fn reset(&mut self, options: &[&str]) {
        let query: Vec<String> = options
            .iter()
            .map(|o| format!("option={}", encode_query(o)))
            .collect();
        let answer = self.control("POST", &format!("/__mock/reset?{}", query.join("&")));
        self.tokens = answer["tokens"]
            .as_array()
            .map(|tokens| {
                tokens
                    .iter()
                    .filter(|t| t["expired"] != true)
                    .map(|t| {
                        let text = |k: &str| t[k].as_str().unwrap_or_default().to_string();
                        (text("role"), text("who"), text("token"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            !self.tokens.is_empty(),
            "the reset answered no tokens: {answer}"
        );
    }

    /// Starts the mock serving the console from `dist` (e.g. a copy with a `config.json`).
    pub fn start_serving(dist: &std::path::Path, extra: &[&str]) -> Mock {
        let bin = std::env::var("NETBIRD_MOCK_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root().join("target/debug/netbird-mock"));
        assert!(
            bin.exists(),
            "{} is missing: build it with `cargo build -p netbird-mock`",
            bin.display()
        );
        assert!(
            dist.join("index.html").exists(),
            "{} has no index.html: run `trunk build --release`",
            dist.display()
        );
        let mut child = Command::new(&bin)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--exit-with-stdin",
                "--serve-dir",
            ])
            .arg(dist)
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start netbird-mock");
        let mut lines = BufReader::new(child.stdout.take().expect("mock stdout")).lines();
        let mut url = String::new();
        let mut tokens = Vec::new();
        // The banner is printed at once; read until the last token line.
        for line in lines.by_ref() {
            let line = line.expect("mock output");
            if let Some(u) = line.strip_prefix("netbird-mock listening on ") {
                url = u.trim().to_string();
            } else if let Some(rest) = line.strip_prefix("token ") {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                if let [role, who, token] = parts[..] {
                    tokens.push((role.to_string(), who.to_string(), token.to_string()));
                }
            } else if line.starts_with("expired-token") {
                break;
            }
        }
        // Keep draining so the mock never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        assert!(!url.is_empty(), "netbird-mock printed no URL");
        Mock {
            _stdin: child.stdin.take(),
            child,
            url,
            tokens,
        }
    }

    pub fn token(&self, role: &str) -> String {
        self.tokens
            .iter()
            .find(|(r, _, _)| r == role)
            .map(|(_, _, t)| t.clone())
            .unwrap_or_else(|| panic!("no {role} token printed"))
    }

    /// Revokes a PAT through the mock's control endpoint.
    pub fn revoke(&self, token: &str) {
        let (status, body) = http(
            &self.url,
            "POST",
            &format!("/__mock/revoke?token={token}"),
            None,
        )
        .expect("revoke");
        assert_eq!(status, 200, "revoke failed: {body}");
    }

    /// A call to the mock's control endpoints (`/__mock/...`): faults, shapes, counters.
    pub fn control(&self, method: &str, path: &str) -> Value {
        let (status, body) = http(&self.url, method, path, None).expect("mock control");
        assert!(status < 300, "{method} {path}: {status} {body}");
        serde_json::from_str(&body).unwrap_or(Value::String(body))
    }

    /// The list at `path` as the owner sees it (the answer must be a 200).
    pub fn list(&self, path: &str) -> Vec<Value> {
        let (status, v) = self.api("GET", path, &self.token("owner"), None);
        assert_eq!(status, 200, "GET {path}");
        v.as_array().cloned().unwrap_or_default()
    }

    /// The object named `name` in the list at `path` (as the owner sees it).
    pub fn named(&self, path: &str, name: &str) -> Value {
        self.list(path)
            .into_iter()
            .find(|x| x["name"] == name)
            .unwrap_or_else(|| panic!("the mock has no {name} at {path}"))
    }

    /// The name of the object `id` in the list at `path` (as the owner sees it).
    pub fn name_of(&self, path: &str, id: &str) -> String {
        self.list(path)
            .into_iter()
            .find(|x| x["id"] == id)
            .and_then(|x| x["name"].as_str().map(String::from))
            .unwrap_or_else(|| panic!("the mock has no {id} at {path}"))
    }

    /// Creates an object behind the console's back: `body` POSTed to `path` as the owner, which
    /// must succeed (the test fails with the answer otherwise). Returns what was created.
    pub fn created(&self, path: &str, body: &Value) -> Value {
        let (status, v) = self.api("POST", path, &self.token("owner"), Some(body));
        assert_eq!(status, 200, "POST {path}: {v}");
        v
    }

    /// An authenticated API call, for checking state behind the console's back.
    pub fn api(&self, method: &str, path: &str, token: &str, body: Option<&Value>) -> (u16, Value) {
        let (status, text) = http_with(
            &self.url,
            method,
            path,
            body.map(Value::to_string).as_deref(),
            &[("Authorization", &format!("Token {token}"))],
        )
        .expect("api call");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A query value with everything but unreserved characters percent-encoded.
pub fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn http(base: &str, method: &str, path: &str, body: Option<&str>) -> Result<(u16, String)> {
    http_with(base, method, path, body, &[])
}

/// A JSON request through the one test HTTP client (`http::request`).
fn http_with(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Result<(u16, String)> {
    let mut all = vec![("Content-Type", "application/json")];
    all.extend_from_slice(headers);
    let body = body.unwrap_or("");
    let response = http::request(base, method, path, &all, Some(body.as_bytes()))?;
    Ok((response.status, response.text()))
}

/// chromedriver plus one headless Chromium session.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    version: String,
    _profile: TempDir,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

#[derive(Clone, Debug)]
pub struct Element(String);

impl Browser {
    pub fn start() -> Browser {
        let port = free_port();
        let driver_bin =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e} (run . .ci/setup)"));
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(&base, "GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = std::env::temp_dir().join(format!("nbc-e2e-{port}"));
        let mut caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,860",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        if let Ok(extra) = std::env::var("BENCH_CHROMIUM_ARGS") {
            let args = caps["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["args"]
                .as_array_mut()
                .unwrap();
            for a in extra.split_whitespace() {
                args.push(json!(a));
            }
        }
        let (status, body) =
            http(&base, "POST", "/session", Some(&caps.to_string())).expect("new session");
        let v: Value = serde_json::from_str(&body).unwrap_or_default();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session ({status}): {body}"))
            .to_string();
        let version = v["value"]["capabilities"]["browserVersion"]
            .as_str()
            .unwrap_or("unknown")
            .to_string();
        let browser = Browser {
            driver,
            base,
            session,
            version,
            _profile: TempDir(profile),
        };
        browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": RECORD_UNCAUGHT }),
            )
            .expect("install the uncaught-error recorder");
        browser
    }

    /// Uncaught errors and unhandled rejections recorded on this origin since the test began.
    /// A wasm panic is one (`RuntimeError: unreachable`): every journey checks for them.
    pub fn uncaught_errors(&self) -> Vec<String> {
        self.script("try { return JSON.parse(sessionStorage.getItem('__e2e_uncaught') || '[]') } catch (e) { return [] }")
            .as_array()
            .map(|a| a.iter().filter_map(|e| e.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let path = format!("/session/{}{path}", self.session);
        let (status, text) = http(
            &self.base,
            method,
            &path,
            body.map(|b| b.to_string()).as_deref(),
        )?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        if status != 200 {
            return Err(format!(
                "{method} {path} → {status}: {}",
                v["value"]["message"]
            ));
        }
        Ok(v["value"].clone())
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })))
            .expect("navigate");
    }

    pub fn current_url(&self) -> String {
        self.cmd("GET", "/url", None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub fn find(&self, css: &str) -> Option<Element> {
        let v = self
            .cmd(
                "POST",
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .ok()?;
        v[ELEMENT_KEY].as_str().map(|id| Element(id.to_string()))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e[ELEMENT_KEY].as_str().map(|id| Element(id.to_string())))
        .collect()
    }

    /// Waits (polling, up to 15 s) until `css` matches an element.
    pub fn wait(&self, css: &str) -> Element {
        self.wait_until(&format!("element {css}"), || self.find(css))
    }

    /// Polls `probe` until it returns `Some`, failing the test after 15 s with a screenshot.
    pub fn wait_until<T>(&self, what: &str, probe: impl FnMut() -> Option<T>) -> T {
        self.wait_for(what, Duration::from_secs(15), probe)
    }

    /// `wait_until` for work that is long by nature (a bulk job of a hundred writes, each a
    /// fresh read and a PUT, on a machine shared with parallel journeys): up to `limit`. How
    /// fast it is, is a benchmark figure, not what the journey checks.
    pub fn wait_for<T>(
        &self,
        what: &str,
        limit: Duration,
        mut probe: impl FnMut() -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(v) = probe() {
                return v;
            }
            if Instant::now() > deadline {
                let shot = self.screenshot(&format!(
                    "timeout-{}",
                    what.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                ));
                panic!(
                    "timed out waiting for {what} at {} (screenshot: {}); uncaught errors: {:?}",
                    self.current_url(),
                    shot.display(),
                    self.uncaught_errors()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn text(&self, e: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/text", e.0), None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub fn attr(&self, e: &Element, name: &str) -> Option<String> {
        self.cmd("GET", &format!("/element/{}/attribute/{name}", e.0), None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
    }

    pub fn click(&self, e: &Element) {
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({})))
            .expect("click");
    }

    /// Clicks what `css` matches once it is there. A list may draw its rows again as the lists
    /// it names things from arrive (a row's group names): an element found just before that
    /// is gone by the click, so the click goes to what `css` matches then, as a user's would.
    pub fn click_on(&self, css: &str) {
        self.wait_until(&format!("a click on {css}"), || {
            let e = self.find(css)?;
            match self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({}))) {
                Ok(_) => Some(()),
                Err(error) if error.contains("stale element") => None,
                Err(error) => panic!("click on {css}: {error}"),
            }
        })
    }

    pub fn clear(&self, e: &Element) {
        self.cmd("POST", &format!("/element/{}/clear", e.0), Some(json!({})))
            .expect("clear");
    }

    pub fn type_into(&self, e: &Element, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(json!({ "text": text })),
        )
        .expect("type");
    }

    /// Presses `keys` together on whatever has focus, as a user does: each key down in order,
    /// then up in reverse (`["\u{E009}", "k"]` is Ctrl+K; WebDriver's codes: `\u{E00C}`
    /// Escape, `\u{E007}` Enter, `\u{E015}` arrow down).
    pub fn press(&self, keys: &[&str]) {
        let mut actions: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        )
        .expect("keys");
    }

    pub fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
        .expect("script")
    }

    /// Runs `js` with `args` (a JSON array, `arguments[0]`… in the script).
    pub fn script_with(&self, js: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": args})),
        )
        .expect("script")
    }

    /// Runs `js` as an async script: it gets a callback as its last argument
    /// (`arguments[arguments.length - 1]`) and its result is what it passes to that callback.
    pub fn script_async(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": js, "args": []})),
        )
        .expect("async script")
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver and returns its result.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": command, "params": params})),
        )
    }

    /// The browser's version as reported by chromedriver (e.g. `156.0.8078.79`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Saves a PNG under tests/e2e/screenshots/ and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let dir = root().join("tests/e2e/screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        if let Ok(Value::String(b64)) = self.cmd("GET", "/screenshot", None) {
            if let Ok(png) = base64::engine::general_purpose::STANDARD.decode(b64) {
                let _ = std::fs::write(&path, png);
            }
        }
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Every journey doubles as a no-panic check (unless it already failed).
        let uncaught = if std::thread::panicking() {
            Vec::new()
        } else {
            self.uncaught_errors()
        };
        let _ = http(
            &self.base,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        assert!(
            uncaught.is_empty(),
            "uncaught errors in the page (a wasm panic shows as RuntimeError: unreachable): {uncaught:?}"
        );
    }
}

/// Installed in every document: keeps uncaught errors, unhandled rejections, failed loads of
/// page resources and `console.error` calls in sessionStorage, so they survive navigations
/// within the origin.
const RECORD_UNCAUGHT: &str = "(() => { Error.stackTraceLimit = 40; \
    const keep = (what) => { try { \
        const k = '__e2e_uncaught'; const all = JSON.parse(sessionStorage.getItem(k) || '[]'); \
        all.push(String(what).slice(0, 4000)); sessionStorage.setItem(k, JSON.stringify(all)); \
    } catch (e) {} }; \
    addEventListener('error', e => keep(e instanceof ErrorEvent \
        ? 'error: ' + e.message + ' ' + (e.error && e.error.stack) \
        : 'failed to load: ' + ((e.target && (e.target.outerHTML || e.target.src)) || e.type)), true); \
    addEventListener('unhandledrejection', e => keep('rejection: ' + String(e.reason))); \
    const ce = console.error; console.error = (...a) => { keep('console: ' + a.join(' ')); ce(...a); }; \
})();";

/// Signs in through the form.
pub fn sign_in(b: &Browser, mock: &Mock, token: &str, path: &str) {
    b.goto(&format!("{}{path}", mock.url));
    let token_input = b.wait("input[name=token]");
    b.type_into(&token_input, token);
    b.click(&b.wait("button[type=submit]"));
}

/// Signs in as `role` from the sign-in page heading for `path`, and waits until the console
/// has left the sign-in page: the session is stored only once the server has answered, so a
/// test that loads another address at once (`goto`) would otherwise load it signed out, and be
/// sent back to sign in (as happened to journeys on a busy machine).
pub fn sign_in_to(b: &Browser, mock: &Mock, role: &str, path: &str) {
    sign_in(
        b,
        mock,
        &mock.token(role),
        &format!("/login?next={}", encode_query(path)),
    );
    b.wait_until(&format!("signed in as {role}, heading for {path}"), || {
        let url = b.current_url();
        let here = url.strip_prefix(&mock.url).unwrap_or(&url);
        (!here.starts_with("/login")).then_some(())
    });
}

/// Waits for the table row `row` to show with a name still loading ("Loading…", not `name`),
/// screenshots it as `shot`, then waits for `name` to fill in and checks that nothing in the
/// table is still loading. `what` says what is named, for the messages.
pub fn row_named_after_loading(b: &Browser, row: &str, name: &str, what: &str, shot: &str) {
    // A row read as the table is drawn anew (when another list it names arrives) reads as no
    // text: it is read again.
    let early = b.wait_until(&format!("listed while {what} is on its way"), || {
        b.find(row).map(|r| b.text(&r)).filter(|t| !t.is_empty())
    });
    assert!(
        early.contains("Loading…") && !early.contains(name),
        "{what}: shown as loading, not yet named: {early}"
    );
    b.screenshot(shot);
    b.wait_until(&format!("{what} named"), || {
        b.find(row).filter(|r| b.text(r).contains(name))
    });
    assert!(
        !b.text(&b.wait("tbody")).contains("Loading…"),
        "{what}: every one named"
    );
}

/// The ID and name of the first item at `path` other than the "All" group.
pub fn first_name(mock: &Mock, path: &str) -> (String, String) {
    let (_, v) = mock.api("GET", path, &mock.token("owner"), None);
    let x = v
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] != "All").cloned())
        .expect("an item");
    (
        x["id"].as_str().unwrap_or_default().to_string(),
        x["name"].as_str().unwrap_or_default().to_string(),
    )
}

/// Replaces the text of the form control named `name`.
pub fn set_text(b: &Browser, name: &str, text: &str) {
    let e = b.wait(&format!("[name={name}]"));
    b.clear(&e);
    b.type_into(&e, text);
}

/// Picks the option `id` in the picker `field`, found by searching for `label`.
pub fn pick(b: &Browser, field: &str, label: &str, id: &str) {
    let search = b.wait(&format!("fieldset[name={field}] input[type=search]"));
    b.clear(&search);
    b.type_into(&search, label);
    let css = format!("fieldset[name={field}] input[value='{id}']");
    // The options re-render as the search narrows them: an option clicked just as it is
    // replaced is clicked again, until the picker shows it chosen.
    b.wait_until(&format!("{id} chosen in {field}"), || {
        let checked = format!("return !!document.querySelector(\"{css}\")?.checked");
        if b.script(&checked) == Value::Bool(true) {
            return Some(());
        }
        if let Some(option) = b.find(&css) {
            b.click(&option);
        }
        None
    });
}

/// Takes focus away from the focused control (its blur validation runs).
pub fn blur(b: &Browser) {
    b.script("document.activeElement && document.activeElement.blur(); return null");
}

/// A copy of the release build in a temporary folder, as a deployer would extend it (e.g. with a
/// `config.json`); removed on drop.
pub struct DistCopy(pub PathBuf);

impl DistCopy {
    pub fn new(name: &str) -> DistCopy {
        let dir = std::env::temp_dir().join(format!("nbc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        for entry in std::fs::read_dir(dist_dir()).expect("dist").flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
            }
        }
        DistCopy(dir)
    }

    /// The path of the copy's one file named `<stem>-<hash>.<ext>`, served as it is from now on
    /// (its precompressed `.br` and `.gz` siblings removed), for a test to alter it.
    pub fn uncompressed(&self, stem: &str, ext: &str) -> PathBuf {
        let name = std::fs::read_dir(&self.0)
            .expect("dist copy")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(&format!("{stem}-")) && n.ends_with(&format!(".{ext}")))
            .unwrap_or_else(|| panic!("the release build has no {stem}-*.{ext}"));
        for sibling in [".br", ".gz"] {
            let _ = std::fs::remove_file(self.0.join(format!("{name}{sibling}")));
        }
        self.0.join(name)
    }

    /// Adds or replaces a file of the copy.
    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).expect("write into the dist copy");
    }
}

impl Drop for DistCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every page an admin opens, lists, forms and detail pages (IDs from the mock).
pub fn pages(mock: &Mock) -> Vec<String> {
    let owner = mock.token("owner");
    let first = |path: &str| {
        let (_, v) = mock.api("GET", path, &owner, None);
        v.as_array()
            .and_then(|a| a.first())
            .and_then(|x| x["id"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("the mock has no item at {path}"))
    };
    let mut pages: Vec<String> = [
        "/",
        "/peers",
        "/groups",
        "/groups/new",
        "/routes",
        "/routes/new",
        "/policies",
        "/policies/new",
        "/posture-checks",
        "/posture-checks/new",
        "/dns",
        "/dns/new",
        "/dns/settings",
        "/setup-keys",
        "/setup-keys/new",
        "/users",
        "/events",
        "/settings",
        "/network",
        "/network?view=matrix",
        "/network?view=map",
        "/health",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    pages.push(format!("/peers/{}", first("/api/peers")));
    pages.push(format!("/routes/{}", first("/api/routes")));
    pages.push(format!("/policies/{}", first("/api/policies")));
    pages.push(format!("/users/{}", first("/api/users")));
    pages
}

/// Opens `path` inside the signed-in console (no reload) and waits until its content arrived.
pub fn open(b: &Browser, path: &str) {
    b.script_with(
        "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate')); return null",
        json!([path]),
    );
    b.wait_until(&format!("{path} loaded"), || {
        let ready = b.script(
            "return !!document.querySelector('main.content h1') \
             && !document.querySelector('[aria-busy=true]') \
             && !document.querySelector('.skeleton')",
        );
        (ready == Value::Bool(true)).then_some(())
    });
}

/// Chooses `value` in the select matching `css`, as a user does (a change event).
pub fn choose(b: &Browser, css: &str, value: &str) {
    b.script_with(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return null",
        json!([css, value]),
    );
}

/// Runs `check` on the sign-in page and then, signed in as the owner, on every page of
/// `pages`, each in the light and the dark theme; `check` gets what it looks at ("dark /peers").
pub fn on_every_page_in_both_themes(b: &Browser, mock: &Mock, mut check: impl FnMut(&str)) {
    b.goto(&format!("{}/login", mock.url));
    b.wait("input[name=token]");
    for theme in ["light", "dark"] {
        choose(b, "select[name=theme]", theme);
        check(&format!("{theme} /login"));
    }
    sign_in(b, mock, &mock.token("owner"), "/login");
    b.wait("main.content h1");
    for path in pages(mock) {
        open(b, &path);
        for theme in ["light", "dark"] {
            choose(b, "select[name=theme]", theme);
            check(&format!("{theme} {path}"));
        }
    }
}

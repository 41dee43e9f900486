//! The page in a real browser: Debian's Chromium, driven through chromedriver (WebDriver):
//! hovering ball i highlights ball i, and only it, in every panel; the slider swaps the
//! balls and the level shown; the arrow keys move the highlight; and the page makes no
//! network request and logs no JavaScript error. `.ci/run` installs chromium and
//! chromium-driver; without them this test fails and says so.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C name of an element reference in WebDriver's JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Self {
        for tool in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(tool).exists(),
                "{tool} is missing: install Debian's chromium and chromium-driver (.ci/run does)"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Process::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let driver = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let start = Instant::now();
        while ureq::get(&format!("{}/status", driver.base))
            .call()
            .is_err()
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    fn send(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let reply = match method {
            "GET" => ureq::get(&url).call(),
            "DELETE" => ureq::delete(&url).call(),
            _ => ureq::post(&url).send_json(body),
        };
        match reply {
            Ok(r) => r.into_json::<Value>().unwrap()["value"].take(),
            Err(ureq::Error::Status(code, r)) => {
                panic!(
                    "WebDriver {method} {path}: {code} {}",
                    r.into_string().unwrap()
                )
            }
            Err(e) => panic!("WebDriver {method} {path}: {e}"),
        }
    }
}

/// A headless Chromium session (the flags keep it off this machine's closed network) that
/// records the browser's console and its network events.
struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.driver.base, self.id)).call();
    }
}

impl<'a> Session<'a> {
    fn new(driver: &'a Driver, profile: &Path) -> Self {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--window-size=1400,1000",
                         format!("--user-data-dir={}", profile.display())],
            },
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
        }}});
        let v = driver.send("POST", "/session", caps);
        let id = v["sessionId"].as_str().unwrap().to_string();
        Self { driver, id }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        self.driver
            .send(method, &format!("/session/{}{path}", self.id), body)
    }

    fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    /// Moves the mouse onto the middle of the element: a real hover.
    fn hover(&self, css: &str) {
        let id = self.element(css);
        let origin = json!({ ELEMENT: id });
        self.call("POST", "/actions", json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0}]}]}));
    }

    fn keys(&self, css: &str, keys: &str) {
        let id = self.element(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({"text": keys}),
        );
    }

    fn log(&self, kind: &str) -> Vec<Value> {
        self.call("POST", "/se/log", json!({"type": kind}))
            .as_array()
            .unwrap()
            .clone()
    }
}

/// Every highlighted ball element as (panel, ball, level).
const HIGHLIGHTED: &str = "return [...document.querySelectorAll('.highlight')].map(e => \
    [Number(e.closest('g.level').dataset.panel), Number(e.dataset.ball), Number(e.dataset.level)]);";

fn triples(v: &Value) -> Vec<[u64; 3]> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| [0, 1, 2].map(|k| t[k].as_u64().unwrap()))
        .collect()
}

#[test]
fn hovering_a_ball_highlights_it_in_every_panel_and_the_slider_swaps_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    Command::cargo_bin("fisherballs")
        .unwrap()
        .args([
            "compare",
            "--charts",
            "mean-std,information,natural",
            "--ball",
            "kl",
            "-o",
        ])
        .arg(&page)
        .assert()
        .success();
    let driver = Driver::start();
    let session = Session::new(&driver, &dir.path().join("profile"));
    session.call(
        "POST",
        "/url",
        json!({"url": format!("file://{}", page.display())}),
    );

    let current = session.run("return Number(document.getElementById('level').value);");
    let k = current.as_u64().unwrap();
    let (nx, balls) = {
        let g = session.run("const d = JSON.parse(document.getElementById('data').textContent); return [d.grid[0], d.balls.length];");
        (g[0].as_u64().unwrap(), g[1].as_u64().unwrap())
    };
    // The page opens on its middle ball, its density plotted (issue 18: it opened on an
    // empty plot), with the slider's ends labelled.
    let middle =
        session.run("return JSON.parse(document.getElementById('data').textContent).first_ball;");
    let middle = middle.as_u64().unwrap();
    let first = (0..3).map(|p| [p, middle, k]).collect::<Vec<_>>();
    assert_eq!(
        triples(&session.run(HIGHLIGHTED)),
        first,
        "the middle ball at first"
    );
    let curves = session.run("return document.querySelectorAll('#density polyline').length;");
    assert_eq!(curves, json!(4));
    let ends = session.run(
        "return ['level-low', 'level-high'].map(id => document.getElementById(id).textContent);",
    );
    assert_eq!(ends, json!(["L = 0.001", "L = 0.1"]));

    // Hover ball 7 in the first panel: ball 7 of this level, in each of the three panels.
    let i = 7;
    session.hover(&format!(
        r#"g.level[data-panel="0"] g.ball[data-ball="{i}"][data-level="{k}"] circle"#
    ));
    let want = |i: u64, k: u64| (0..3).map(|p| [p, i, k]).collect::<Vec<_>>();
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(i, k));
    let info = session.run("return document.getElementById('info').textContent;");
    let info = info.as_str().unwrap();
    for chart in ["mean-std", "information", "natural"] {
        assert!(info.contains(chart), "the box names every chart: {info}");
    }
    assert!(info.contains("L = 0.01"), "{info}");
    let curves = session.run("return document.querySelectorAll('#density polyline').length;");
    assert_eq!(
        curves,
        json!(4),
        "the centre's density and three of its outline's"
    );

    // Another ball moves the highlight.
    session.hover(&format!(
        r#"g.level[data-panel="1"] g.ball[data-ball="20"][data-level="{k}"] circle"#
    ));
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(20, k));

    // The slider: one step up shows the next level's balls, and the label says its L.
    let before = session.run("return document.getElementById('level-value').textContent;");
    session.keys("#level", "\u{E014}"); // ArrowRight
    let after = session.run("return document.getElementById('level-value').textContent;");
    assert_ne!(before, after);
    assert!(after.as_str().unwrap().contains("0.01778"), "{after}");
    let shown = session.run(
        "return [...document.querySelectorAll('g.level')].filter(g => getComputedStyle(g).display !== 'none').map(g => Number(g.dataset.level));",
    );
    assert_eq!(shown, json!([k + 1, k + 1, k + 1]));
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(20, k + 1));

    // Keyboard: up one row, then left one column.
    session.keys("#figure", "\u{E013}\u{E012}"); // ArrowUp, ArrowLeft
    let moved = 20 + nx - 1;
    assert!(moved < balls);
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(moved, k + 1));

    // A tap (a click) picks a ball too.
    let id = session.element(&format!(
        r#"g.level[data-panel="2"] g.ball[data-ball="3"][data-level="{}"] circle"#,
        k + 1
    ));
    session.call("POST", &format!("/element/{id}/click"), json!({}));
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(3, k + 1));

    // No JavaScript error, and no request by the page but for itself (the browser's own
    // blank tab, before the page, loads chrome:// pages of its own).
    let errors: Vec<Value> = session
        .log("browser")
        .into_iter()
        .filter(|e| e["level"] == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    let own = format!("file://{}", page.display());
    let mut requests = 0;
    for entry in session.log("performance") {
        let message: Value = serde_json::from_str(entry["message"].as_str().unwrap()).unwrap();
        if message["message"]["method"] == "Network.requestWillBeSent" {
            let params = &message["message"]["params"];
            let url = params["request"]["url"].as_str().unwrap().to_string();
            let by_page = params["documentURL"] == own.as_str();
            let allowed = url == own
                || url.starts_with("data:")
                || (!by_page && url.starts_with("chrome://"));
            assert!(
                allowed,
                "a request for {url} (by {})",
                params["documentURL"]
            );
            requests += usize::from(by_page);
        }
    }
    assert_eq!(requests, 1, "the page's one request is for itself");

    // A link chooses the first state.
    let url = format!("file://{}#ball=12&level=2", page.display());
    session.call("POST", "/url", json!({"url": url}));
    session.call("POST", "/refresh", json!({}));
    assert_eq!(triples(&session.run(HIGHLIGHTED)), want(12, 2));
    let value = session.run("return document.getElementById('level').value;");
    assert_eq!(value, json!("2"));

    // A dark figure sits on a dark page with light text.
    let dark = dir.path().join("dark.html");
    Command::cargo_bin("fisherballs")
        .unwrap()
        .args(["plot", "--theme", "dark", "-o"])
        .arg(&dark)
        .assert()
        .success();
    session.call(
        "POST",
        "/url",
        json!({"url": format!("file://{}", dark.display())}),
    );
    let colours = session
        .run("const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];");
    assert_eq!(colours, json!(["rgb(30, 34, 40)", "rgb(232, 232, 232)"]));
}

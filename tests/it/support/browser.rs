//! Real headless browsers for the web dashboard's tests: Debian's `chromium` through its
//! `chromedriver`, and Debian's `firefox-esr` through `geckodriver`, driven over WebDriver
//! (fantoccini). Each test gets its own driver and browser with a fresh profile, killed
//! with the test. A missing browser or driver is a loud skip, or a failure under
//! `TAB_REQUIRE_SERVICES=1`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::services::missing_service;

/// The flags a headless Chromium needs on this closed network, as root: without the
/// background-networking ones it keeps trying to reach Google's hosts.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--lang=en-US",
];

/// Which browser a test drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Debian's chromium, through chromedriver.
    Chromium,
    /// Debian's firefox-esr, through geckodriver (crates.io's, built by `.ci/run`).
    Firefox,
}

/// The window of a laptop screen; [`Browser::resize`] makes it a phone.
pub const DESKTOP_SIZE: (u32, u32) = (1280, 900);

/// The first of `candidates` that exists, or the program named so on `PATH`.
fn find_program(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

/// A browser for one test.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    artefacts: PathBuf,
    test: String,
    _profile: tempfile::TempDir,
    _slot: BrowserSlot,
}

impl Browser {
    /// Starts the WebDriver of `engine` and a headless browser for the test `test` (its
    /// screenshots are named after it), or reports them missing and returns `None`.
    pub async fn start_engine(engine: Engine, test: &str) -> Option<Browser> {
        let (browser, driver) = match engine {
            // The wrapper /usr/bin/chromium only sets flags; the real binary is beside it.
            Engine::Chromium => (
                find_program(
                    "TAB_TEST_CHROMIUM",
                    &["/usr/lib/chromium/chromium", "/usr/bin/chromium"],
                ),
                find_program("TAB_TEST_CHROMEDRIVER", &["/usr/bin/chromedriver"]),
            ),
            Engine::Firefox => (
                find_program(
                    "TAB_TEST_FIREFOX",
                    &["/usr/bin/firefox-esr", "/usr/bin/firefox"],
                ),
                find_program(
                    "TAB_TEST_GECKODRIVER",
                    &["/usr/local/bin/geckodriver", "/root/.cargo/bin/geckodriver"],
                ),
            ),
        };
        let (Some(browser), Some(driver)) = (browser, driver) else {
            let (service, install) = match engine {
                Engine::Chromium => ("Chromium", "apt-get install chromium chromium-driver"),
                Engine::Firefox => (
                    "Firefox",
                    "apt-get install firefox-esr; cargo install geckodriver --locked --root /usr/local",
                ),
            };
            missing_service(
                service,
                &format!("the browser or its WebDriver not found ({install})"),
            );
            return None;
        };
        // A few browsers at a time: a dozen starting at once on two cores (beside the
        // rest of the suite) can take longer than any sane wait.
        let slot = BrowserSlot::take();
        let profile = tempfile::tempdir().expect("a browser profile directory");
        let capabilities = match engine {
            Engine::Chromium => {
                let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
                args.push(format!("--user-data-dir={}", profile.path().display()));
                args.push(format!(
                    "--window-size={},{}",
                    DESKTOP_SIZE.0, DESKTOP_SIZE.1
                ));
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": browser, "args": args},
                })
            }
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": browser,
                    "args": ["-headless", "-width", DESKTOP_SIZE.0.to_string(), "-height", DESKTOP_SIZE.1.to_string()],
                    // Nothing to reach on this closed network: no updates, telemetry or
                    // captive-portal checks.
                    "prefs": {
                        "app.update.auto": false,
                        "network.captive-portal-service.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "toolkit.telemetry.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                    },
                },
            }),
        };
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        // The free port is chosen before the driver binds it, so another process may
        // take it first: then the driver exits, and we start again on another port.
        let mut failures = Vec::new();
        let (client, driver_process) = loop {
            let mut driver_process = spawn_driver(&driver, engine);
            match connect(&mut driver_process.0, driver_process.1, &capabilities).await {
                Ok(client) => break (client, driver_process.0),
                Err(why) => {
                    kill_group(&mut driver_process.0);
                    failures.push(why);
                    assert!(
                        failures.len() < 3,
                        "the WebDriver did not start a browser: {failures:?}"
                    );
                }
            }
        };
        let artefacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
        std::fs::create_dir_all(&artefacts).expect("the screenshot directory");
        Some(Browser {
            client,
            driver: driver_process,
            artefacts,
            test: test.to_string(),
            _profile: profile,
            _slot: slot,
        })
    }

    /// Opens `url` and waits for the page to settle on a screen.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("open the page");
    }

    /// Waits up to `within` for the page to show `screen` (`sign-in` or `dashboard`);
    /// how long it took.
    pub async fn wait_for_screen(&self, screen: &str, within: Duration) -> Duration {
        let started = Instant::now();
        let selector = format!("body[data-screen=\"{screen}\"]");
        loop {
            if self.client.find(Locator::Css(&selector)).await.is_ok() {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < within,
                "the page did not show the {screen} screen within {within:?}; it shows {:?}",
                self.script("return document.body.dataset.screen").await
            );
            // Polling, with the deadline above: WebDriver has no "wait for this".
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits up to 5 s until `condition` (a script's return value) is true.
    pub async fn wait_until(&self, what: &str, condition: &str) {
        let started = Instant::now();
        while self.script(condition).await != Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "waited 5 s for {what}"
            );
            // Polling, with the deadline above.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `body` as a function in the page; its return value.
    pub async fn script(&self, body: &str) -> Value {
        self.client
            .execute(body, Vec::new())
            .await
            .expect("run a script in the page")
    }

    /// Signs in through the form.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.client
            .find(Locator::Css("#sign-in-button"))
            .await
            .expect("the Sign in button")
            .click()
            .await
            .expect("click Sign in");
    }

    /// Replaces an input's text by typing.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let input = self
            .client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("no {selector}"));
        input.clear().await.expect("clear the input");
        input.send_keys(text).await.expect("type");
    }

    /// Clicks the element `selector` finds.
    pub async fn click(&self, selector: &str) {
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("no {selector}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    /// Makes the window `width` x `height` pixels.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
    }

    /// Saves a screenshot of the window as `<test>-<state>.png` among the test
    /// artefacts; its path.
    pub async fn screenshot(&self, state: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = self.artefacts.join(format!("{}-{state}.png", self.test));
        std::fs::write(&path, png).expect("save the screenshot");
        path
    }

    /// Saves a screenshot of one element at `path`.
    pub async fn element_screenshot(&self, selector: &str, path: &Path) {
        let png = self
            .client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|_| panic!("no {selector}"))
            .screenshot()
            .await
            .expect("an element screenshot");
        std::fs::write(path, png).expect("save the screenshot");
    }

    /// Ends the browser session politely (the process group is killed on drop anyway).
    pub async fn close(&self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

/// Kills a process group (chromedriver and the browsers it started) and reaps its leader.
fn kill_group(leader: &mut Child) {
    // SAFETY: kill with a negative pid signals that process group; no memory involved.
    unsafe { libc::kill(-(leader.id() as i32), libc::SIGKILL) };
    let _ = leader.wait();
}

/// Starts the WebDriver on a free loopback port, in a process group of its own (so that
/// the browser goes with it); the process and the port.
fn spawn_driver(driver: &Path, engine: Engine) -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut command = Command::new(driver);
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    match engine {
        Engine::Chromium => command.args([format!("--port={port}"), "--allowed-ips=".into()]),
        Engine::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
    };
    let process = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    (process, port)
}

/// Opens a WebDriver session (which starts the browser) on the chromedriver at `port`,
/// within 60 s; why not, if it exited or never answered.
async fn connect(
    driver: &mut Child,
    port: u16,
    capabilities: &serde_json::Map<String, Value>,
) -> Result<Client, String> {
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&url)
            .await;
        match attempt {
            Ok(client) => return Ok(client),
            Err(error) => {
                if let Ok(Some(status)) = driver.try_wait() {
                    return Err(format!(
                        "chromedriver on port {port} exited ({status}): {error}"
                    ));
                }
                if Instant::now() > deadline {
                    return Err(format!(
                        "no browser from chromedriver on port {port} in 60 s: {error}"
                    ));
                }
                // The driver is still starting: ask again shortly, until the deadline.
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// How many browsers may run at once in this test process.
const MAX_BROWSERS: usize = 3;

/// One of the [`MAX_BROWSERS`] places, held for a browser's lifetime.
struct BrowserSlot;

static BROWSERS: (std::sync::Mutex<usize>, std::sync::Condvar) =
    (std::sync::Mutex::new(0), std::sync::Condvar::new());

impl BrowserSlot {
    /// Waits for a free place (blocking: each test has a runtime of its own).
    fn take() -> BrowserSlot {
        let (count, freed) = &BROWSERS;
        let mut running = count.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= MAX_BROWSERS {
            running = freed.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
        BrowserSlot
    }
}

impl Drop for BrowserSlot {
    fn drop(&mut self) {
        let (count, freed) = &BROWSERS;
        let mut running = count.lock().unwrap_or_else(|e| e.into_inner());
        *running -= 1;
        freed.notify_one();
    }
}

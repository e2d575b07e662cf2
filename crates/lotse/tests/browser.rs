//! Runs the real-browser suite (`e2e/flows.test.mjs`: playwright-core driving Debian's
//! headless Chromium, axe-core on every page) against a real `lotse serve` with the
//! demo center on a fresh SQLite database.
//!
//! Needs `/usr/bin/chromium` and `npm ci --prefix e2e`; `.ci/run` installs both. Under
//! `CI=true` their absence fails the run; elsewhere the test says what is missing and
//! passes, so `cargo test` works on a machine without a browser.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::ServerProcess;
use std::path::PathBuf;
use std::process::Command;

#[test]
fn every_main_flow_works_in_a_real_browser_without_axe_violations() {
    let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../e2e");
    let chromium =
        std::env::var("LOTSE_E2E_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut missing = Vec::new();
    if !PathBuf::from(&chromium).exists() {
        missing.push(format!(
            "{chromium} (apt-get install chromium chromium-driver)"
        ));
    }
    if !e2e.join("node_modules/playwright-core").exists()
        || !e2e.join("node_modules/axe-core").exists()
    {
        missing.push("e2e/node_modules (npm ci --prefix e2e)".into());
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".into());
    }
    if !missing.is_empty() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "CI=true but the browser suite cannot run; missing: {}",
                missing.join(", ")
            );
        }
        eprintln!(
            "note: browser suite skipped; missing: {}",
            missing.join(", ")
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("lotse-e2e-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    // The demo's sessions lie in the future; check-in opens for all of them.
    let server = ServerProcess::start(
        &dir,
        &[
            ("LOTSE_DEMO", "1"),
            ("LOTSE_CHECKIN_OPENS_HOURS_BEFORE", "8760"),
        ],
    );
    let output = Command::new("node")
        .current_dir(&e2e)
        .args(["--test", "--test-reporter=spec", "flows.test.mjs"])
        .env("LOTSE_E2E_BASE", &server.address)
        .env("LOTSE_E2E_CHROMIUM", &chromium)
        .env("LOTSE_E2E_MAIL_DIR", dir.join("data/mail"))
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(server.terminate(), "lotse did not stop cleanly");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "browser flows failed:\n{report}");
    eprintln!("{report}");
}

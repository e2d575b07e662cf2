//! The `lotse` binary as an operator uses it: help, configuration errors, migrate,
//! and serve with graceful shutdown on SIGTERM.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::ServerProcess;

use std::path::PathBuf;
use std::process::Command;

fn lotse() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lotse"));
    for (key, _) in std::env::vars() {
        if key.starts_with("LOTSE_") {
            command.env_remove(key);
        }
    }
    command
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lotse-cli-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs lotse in `dir` and returns exit code and stderr.
fn run(dir: &PathBuf, args: &[&str]) -> (i32, String) {
    let out = lotse().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_names_the_commands_and_their_options() {
    let out = lotse().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("migrate"), "{text}");
    let out = lotse().args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--bind",
        "--database-url",
        "--demo",
        "--config",
        "LOTSE_BIND",
        "LOTSE_DATABASE_URL",
        "LOTSE_DEMO",
    ] {
        assert!(text.contains(option), "serve --help lacks {option}");
    }
}

#[test]
fn an_unknown_database_scheme_is_refused_in_one_line_and_creates_nothing() {
    let dir = scratch();
    for url in ["mysql://localhost/lotse", "lotse.db"] {
        let (code, stderr) = run(&dir, &["serve", "--database-url", url]);
        assert_ne!(code, 0);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("LOTSE_DATABASE_URL")
                && stderr.contains("unsupported database URL scheme"),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a file was created"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn broken_configuration_stops_start_up_with_one_line_naming_the_setting() {
    let dir = scratch();
    std::fs::write(dir.join("kaputt.toml"), "bind = \n").unwrap();
    std::fs::write(dir.join("typo.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    std::fs::write(dir.join("limits.toml"), "max_connections = 0\n").unwrap();
    // A replacement questionnaire with a question missing its English text.
    let english = ", en = \"Is there a written plan of the digitalisation projects you will take on in the coming years?\" }";
    assert!(lotse_core::assessment::BUILTIN_QUESTIONNAIRE.contains(english));
    let questionnaire = lotse_core::assessment::BUILTIN_QUESTIONNAIRE.replacen(english, " }", 1);
    std::fs::write(dir.join("fragen.toml"), questionnaire).unwrap();
    std::fs::write(dir.join("check.toml"), "questionnaire = \"fragen.toml\"\n").unwrap();
    // A site folder whose brand colour is too pale to carry white text, and one
    // without its imprint.
    for (folder, colour, imprint) in [("blass", "#7fbfff", true), ("ohne", "#0b4f6c", false)] {
        let site = dir.join(folder);
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(
            site.join("site.toml"),
            format!("name = \"Zentrum\"\n[colours]\nbrand = \"{colour}\"\n"),
        )
        .unwrap();
        std::fs::write(site.join("datenschutz.md"), "Text").unwrap();
        if imprint {
            std::fs::write(site.join("impressum.md"), "Text").unwrap();
        }
    }
    std::fs::write(dir.join("site.toml"), "site_dir = \"blass\"\n").unwrap();
    std::fs::write(dir.join("site-ohne.toml"), "site_dir = \"ohne\"\n").unwrap();
    std::fs::write(dir.join("proxies.toml"), "trusted_proxies = [\"nginx\"]\n").unwrap();
    let cases = [
        (vec!["serve", "--config", "kaputt.toml"], "--config"),
        (vec!["serve", "--config", "typo.toml"], "databse_url"),
        (vec!["serve", "--config", "limits.toml"], "max_connections"),
        (vec!["serve", "--config", "fehlt.toml"], "--config"),
        (vec!["serve", "--bind", "irgendwo"], "--bind"),
        (
            vec!["serve", "--config", "site.toml"],
            "site_dir / LOTSE_SITE_DIR: blass/site.toml: colours.brand: #7fbfff has a contrast of 1.9:1 with white",
        ),
        (
            vec!["serve", "--config", "site-ohne.toml"],
            "site_dir / LOTSE_SITE_DIR: ohne/impressum.md:",
        ),
        (
            vec!["serve", "--config", "proxies.toml"],
            "trusted_proxies / LOTSE_TRUSTED_PROXIES: 'nginx' is not an address",
        ),
        (
            vec!["serve", "--config", "check.toml"],
            "questionnaire: dimensions[0].items[0] (strategy_roadmap): text: englische Übersetzung (en) fehlt",
        ),
    ];
    for (args, named) in cases {
        let (code, stderr) = run(&dir, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
    let (code, stderr) = run(
        &dir,
        &[
            "serve",
            "--database-url",
            "postgres://lotse:geheim@127.0.0.1:1/lotse",
        ],
    );
    assert_ne!(code, 0);
    assert!(
        stderr.contains("LOTSE_DATABASE_URL") && !stderr.contains("geheim"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = scratch();
    let (code, stderr) = run(
        &dir,
        &["migrate", "--database-url", "sqlite://tief/unten/lotse.db"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.join("tief/unten/lotse.db").exists());
    let (code, _) = run(
        &dir,
        &["migrate", "--database-url", "sqlite://tief/unten/lotse.db"],
    );
    assert_eq!(code, 0, "migrating again is harmless");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn serve_with_demo_answers_and_stops_gracefully_on_sigterm() {
    let dir = scratch();
    let server = ServerProcess::start(&dir, &[("LOTSE_DEMO", "1")]);
    assert!(
        server
            .log
            .iter()
            .any(|e| e["message"] == "demo data loaded"),
        "LOTSE_DEMO=1 did not load the demo"
    );
    assert!(
        dir.join("data/lotse.db").exists(),
        "default database path not used"
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let body = runtime.block_on(async {
        reqwest::get(format!("{}/api/v1/offerings?limit=1", server.address))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(body["total"].as_i64().unwrap() >= 30);
    assert!(server.terminate(), "lotse did not stop cleanly on SIGTERM");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn admin_create_reads_the_password_from_stdin_and_refuses_weak_ones() {
    let dir = scratch();
    let run_with = |input: &str, role: &str| {
        let out = common::run_with_input(
            lotse().current_dir(&dir).args([
                "admin",
                "create",
                "--email",
                "Chefin@Zentrum.example",
                "--role",
                role,
            ]),
            input,
        );
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, stderr) = run_with("kurz\n", "admin");
    assert_ne!(code, 0);
    assert!(stderr.contains("password"), "{stderr}");
    let (code, _, stderr) = run_with("Leitstelle im Kompetenzzentrum\n", "gast");
    assert_ne!(code, 0);
    assert!(stderr.contains("--role"), "{stderr}");
    let (code, stdout, stderr) = run_with("Leitstelle im Kompetenzzentrum\n", "admin");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("chefin@zentrum.example (admin) created"),
        "{stdout}"
    );
    let (code, _, stderr) = run_with("Leitstelle im Kompetenzzentrum\n", "admin");
    assert_ne!(code, 0, "the same address twice");
    assert!(stderr.contains("--email"), "{stderr}");
    // The account signs in.
    let server = ServerProcess::start(&dir, &[]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let status = runtime.block_on(async {
        reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", server.address))
            .json(&serde_json::json!({ "email": "chefin@zentrum.example", "password": "Leitstelle im Kompetenzzentrum" }))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    });
    assert_eq!(status, 200);
    assert!(server.terminate());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn doctor_says_what_to_fix_and_fails_only_then() {
    let dir = scratch();
    let out = lotse()
        .current_dir(&dir)
        .args(["migrate", "--database-url", "sqlite://lotse.db"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doctor = |args: &[&str]| {
        let out = lotse()
            .current_dir(&dir)
            .arg("doctor")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // A fresh database, mail to files: works, with warnings.
    let (code, said) = doctor(&["--database-url", "sqlite://lotse.db"]);
    assert_eq!(code, 0, "{said}");
    for line in [
        "ok    database",
        "ok    schema                   version",
        "warn  mail",
        "warn  public address",
    ] {
        assert!(said.contains(line), "{line}: {said}");
    }
    // Free space is the machine's: reported either way, never a failure.
    assert!(
        said.contains("ok    space for the database")
            || said.contains("warn  space for the database"),
        "{said}"
    );
    // A closed relay port, a missing database: FAIL, exit code 1.
    let (code, said) = doctor(&[
        "--database-url",
        "sqlite://fehlt.db",
        "--smtp-url",
        "smtp://127.0.0.1:1",
        "--public-url",
        "https://lotse.example",
    ]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("FAIL  database") && said.contains("there is no database at fehlt.db"),
        "{said}"
    );
    assert!(
        said.contains("FAIL  mail") && said.contains("127.0.0.1:1"),
        "{said}"
    );
    assert!(
        said.contains("ok    public address           https://lotse.example"),
        "{said}"
    );
    assert!(said.contains("2 to fix"), "{said}");
    // A file of no material (left by an interrupted removal).
    std::fs::create_dir_all(dir.join("materials")).unwrap();
    std::fs::write(
        dir.join("materials")
            .join("0123456789abcdef0123456789abcdef"),
        b"x",
    )
    .unwrap();
    let (code, said) = doctor(&["--database-url", "sqlite://lotse.db"]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("warn  materials") && said.contains("1 files"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

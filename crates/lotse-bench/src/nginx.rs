//! Debian's nginx running the deployment's own site, `contrib/nginx/lotse.conf`, in a
//! folder of its own: only the upstream servers, the listening ports, the certificate
//! (made here for 127.0.0.1 and localhost) and the cache folder are replaced. The
//! deployment test and the benchmark's load through the proxy both start it.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running nginx; stopped (with its workers) and its folder removed when dropped.
pub struct Nginx {
    child: Child,
    /// `https://127.0.0.1:PORT`.
    pub https: String,
    /// `http://127.0.0.1:PORT`, which redirects to https.
    pub http: String,
    /// The certificate nginx serves, in PEM, for a client to trust.
    pub certificate: String,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers (SIGKILL would orphan them).
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Nginx {
    /// Starts nginx with `site` (the text of `contrib/nginx/lotse.conf`) in front of
    /// `upstreams` (`127.0.0.1:PORT` each); waits until it listens.
    pub fn start(site: &str, upstreams: &[String]) -> anyhow::Result<Nginx> {
        let dir =
            std::env::temp_dir().join(format!("lotse-nginx-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir)?;
        let certified = rcgen::generate_simple_self_signed(vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
        ])?;
        std::fs::write(dir.join("cert.pem"), certified.cert.pem())?;
        std::fs::write(dir.join("key.pem"), certified.key_pair.serialize_pem())?;
        let (https_port, http_port) = (free_port()?, free_port()?);
        std::fs::write(
            dir.join("lotse.conf"),
            render(site, upstreams, https_port, http_port, &dir)?,
        )?;
        // What Debian's /etc/nginx/nginx.conf gives a site, in the folder; as root the
        // workers stay root so that they may write there.
        let main = format!(
            "daemon off;\nworker_processes 2;\npid {d}/nginx.pid;\n{user}\
             events {{ worker_connections 4096; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  \
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  \
             include {d}/lotse.conf;\n}}\n",
            d = dir.display(),
            user = if is_root() { "user root;\n" } else { "" },
        );
        std::fs::write(dir.join("nginx.conf"), main)?;
        let child = Command::new("nginx")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start nginx (apt-get install nginx)")?;
        let nginx = Nginx {
            child,
            https: format!("https://127.0.0.1:{https_port}"),
            http: format!("http://127.0.0.1:{http_port}"),
            certificate: certified.cert.pem(),
            dir,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", https_port)).is_ok() {
                return Ok(nginx);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        bail!(
            "nginx did not start: {}",
            std::fs::read_to_string(nginx.dir.join("error.log")).unwrap_or_default()
        )
    }
}

/// The site with its upstream block, ports, certificate and cache folder replaced.
fn render(
    site: &str,
    upstreams: &[String],
    https_port: u16,
    http_port: u16,
    dir: &Path,
) -> anyhow::Result<String> {
    let servers: String = upstreams
        .iter()
        .map(|a| format!("    server {a} max_fails=1 fail_timeout=2s;\n"))
        .collect();
    let start = site.find("upstream lotse {").context("no upstream block")?;
    let keepalive = site.find("    keepalive").context("no keepalive line")?;
    let replacements = [
        (
            "listen 80;".to_owned(),
            format!("listen 127.0.0.1:{http_port};"),
        ),
        ("listen [::]:80;".to_owned(), String::new()),
        (
            "listen 443 ssl http2;".to_owned(),
            format!("listen 127.0.0.1:{https_port} ssl http2;"),
        ),
        ("listen [::]:443 ssl http2;".to_owned(), String::new()),
        (
            "/etc/letsencrypt/live/lotse.example.org/fullchain.pem".to_owned(),
            dir.join("cert.pem").display().to_string(),
        ),
        (
            "/etc/letsencrypt/live/lotse.example.org/privkey.pem".to_owned(),
            dir.join("key.pem").display().to_string(),
        ),
        (
            "/var/cache/nginx/lotse".to_owned(),
            dir.join("cache").display().to_string(),
        ),
        ("lotse.example.org".to_owned(), "localhost".to_owned()),
    ];
    let mut text = format!(
        "{}upstream lotse {{\n{servers}{}",
        &site[..start],
        &site[keepalive..]
    );
    for (from, to) in replacements {
        anyhow::ensure!(text.contains(&from), "the site no longer says {from}");
        text = text.replace(&from, &to);
    }
    Ok(text)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

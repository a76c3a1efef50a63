//! Static hosting: the release `dist/`, unchanged, served by a real nginx under `/console/` with
//! the strict Content-Security-Policy README documents, `/api` proxied to netbird-mock. The only
//! deployment step is the `<base href>` rewrite the README gives (here by nginx `sub_filter`).

use netbird_e2e::{blur, dist_dir, first_name, pick, set_text, Browser, Mock};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NGINX: &str = "/usr/sbin/nginx";

/// The policy README documents for deployers; the API is on the console's own origin here.
const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// An nginx in the foreground, configured in a private directory, killed on drop.
struct Nginx {
    child: Child,
    dir: PathBuf,
    url: String,
}

impl Nginx {
    fn start(dist: &Path, api: &str) -> Nginx {
        assert!(
            Path::new(NGINX).exists(),
            "{NGINX} is missing: run `. .ci/setup` (installs Debian's nginx)"
        );
        let dir = std::env::temp_dir().join(format!("nbc-nginx-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("www")).expect("nginx dir");
        std::fs::create_dir_all(dir.join("tmp")).expect("nginx tmp");
        let dist = dist.canonicalize().expect("dist");
        std::os::unix::fs::symlink(&dist, dir.join("www/console")).expect("symlink");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("port");
        let d = dir.display();
        // The server block is README's, with paths filled in.
        let conf = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
error_log {d}/error.log warn;
pid {d}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {d}/www;
        add_header Content-Security-Policy "{STRICT_CSP}" always;
        location /api/ {{
            proxy_pass {api};
        }}
        location = /console {{ return 301 /console/; }}
        location /console/ {{
            try_files $uri /console/index.html;
            gzip_static on;
            sub_filter '<base href="/">' '<base href="/console/">';
            sub_filter_once on;
        }}
        location ~* ^/console/.+\.(js|wasm|css|svg)$ {{
            gzip_static on;
            add_header Cache-Control "public, max-age=31536000, immutable";
            add_header Content-Security-Policy "{STRICT_CSP}" always;
        }}
    }}
}}
"#
        );
        std::fs::write(dir.join("nginx.conf"), conf).expect("nginx.conf");
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start nginx");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx {
            child,
            dir,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn nginx_serves_the_console_under_a_sub_path_with_a_strict_csp() {
    let mock = Mock::shared(&[]);
    let nginx = Nginx::start(&dist_dir(), &mock.url);
    let b = Browser::start();
    // A deep link first: the fallback serves index.html, whose assets resolve under /console/.
    b.goto(&format!("{}/console/routes/new", nginx.url));
    b.script(
        "window.__cspViolations = 0; \
         document.addEventListener('securitypolicyviolation', () => window.__cspViolations++); return null",
    );
    let token = b.wait("input[name=token]");
    b.wait_until("back at sign-in, under /console", || {
        let url = b.current_url();
        url.contains("/console/login?next=").then_some(url)
    });
    b.type_into(&token, &mock.token("owner"));
    b.click(&b.wait("button[type=submit]"));
    // The API URL defaulted to the page's origin, so requests go through nginx's /api proxy.
    b.wait("[data-testid=route-form]");
    assert_eq!(
        b.current_url(),
        format!("{}/console/routes/new", nginx.url),
        "returned to the deep link"
    );
    let stored = b.script("return sessionStorage.getItem('netbird-console.session') || ''");
    assert!(
        stored.as_str().unwrap_or("").contains(&nginx.url),
        "{stored}"
    );

    // Create a route through the proxy.
    let (peer_id, peer_name) = first_name(&mock, "/api/peers");
    let (group_id, group_name) = first_name(&mock, "/api/groups");
    set_text(&b, "network_id", "branch-net");
    set_text(&b, "network", "10.77.0.0/16");
    blur(&b);
    pick(&b, "peer", &peer_name, &peer_id);
    pick(&b, "groups", &group_name, &group_id);
    b.click(&b.wait("[data-testid=save-route]"));
    b.wait_until("back on the list under /console", || {
        Some(b.current_url()).filter(|u| u.ends_with("/console/routes"))
    });
    b.wait_until("new row", || {
        b.find_all("tbody tr")
            .into_iter()
            .find(|r| b.text(r).contains("branch-net"))
    });
    let (_, routes) = mock.api("GET", "/api/routes", &mock.token("owner"), None);
    assert!(
        routes
            .as_array()
            .is_some_and(|a| a.iter().any(|r| r["network"] == "10.77.0.0/16")),
        "the route reached the API"
    );
    b.screenshot("hosting-sub-path");

    // Every in-app link carries the sub-path, and a reload of a deep link with a query works.
    let links = b.script(
        "return [...document.querySelectorAll('nav a[href]')].map(a => a.getAttribute('href'))",
    );
    let links = links.as_array().cloned().unwrap_or_default();
    assert!(!links.is_empty(), "no navigation links");
    for link in &links {
        assert!(
            link.as_str().is_some_and(|l| l.starts_with("/console/")),
            "link outside the sub-path: {link}"
        );
    }
    b.goto(&format!("{}/console/routes?q=branch", nginx.url));
    b.wait_until("filtered deep link", || {
        let rows = b.find_all("tbody tr");
        (rows.len() == 1 && b.text(&rows[0]).contains("branch-net")).then_some(())
    });
    b.script(
        "window.__cspViolations = 0; \
         document.addEventListener('securitypolicyviolation', () => window.__cspViolations++); return null",
    );
    b.goto(&format!("{}/console/", nginx.url));
    b.wait("[data-testid=count-routes] [data-testid=count-value]");
    assert_eq!(b.script("return window.__cspViolations ?? 0"), 0);
    // The strict policy was really in force on the document.
    let blocked = b.script_async(
        "const done = arguments[arguments.length - 1]; \
         document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective)); \
         const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; \
         document.head.appendChild(s); setTimeout(() => done(window.__inline ? 'ran' : 'none'), 2000);",
    );
    assert!(
        blocked
            .as_str()
            .is_some_and(|d| d.starts_with("script-src")),
        "inline script was not blocked: {blocked}"
    );
}

//! Command line entry point. See `--help`.

use netbird_mock::server::{self, App, Config};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
netbird-mock: in-memory mock of the NetBird management REST API

USAGE: netbird-mock [OPTIONS]

  --listen ADDR          address to bind (default 127.0.0.1:8080; port 0 = ephemeral)
  --admin-token TOKEN    use this nbp_ PAT as the owner's token (must pass the checksum)
  --jwt TOKEN=USER       accept `Authorization: Bearer TOKEN` as USER (id or e-mail); repeatable
  --peers N              number of seeded peers (default 50)
  --routes N             number of seeded routes (default: the 14 built-in examples)
  --seed N               seed for the deterministic data (default 1)
  --serve-dir DIR        serve the built console from DIR at / (index.html fallback)
  --latency-ms N         delay every /api request by N ms
  --fail-rate F          answer this fraction (0..1) of /api requests with 500
  --rate-limit N         429 after N requests per minute per PAT
  --csp POLICY           send this Content-Security-Policy with the console's static files
  -h, --help             this text

On start it prints `netbird-mock listening on http://ADDR`, then one line per seeded token:
`token <role> <email-or-name> <token>` (and `expired-token <email> <token>` for an expired one).
Test-only endpoints: POST /__mock/revoke?token=TOKEN, POST /__mock/reset.
";

fn parse_args(args: Vec<String>) -> Result<Config, String> {
    let mut cfg = Config::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if key == "-h" || key == "--help" {
            return Err(String::new());
        }
        let mut val = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{key} needs a value"))
        };
        let num = |v: String, k: &str| -> Result<u64, String> {
            v.parse::<u64>()
                .map_err(|_| format!("{k}: not a number: {v}"))
        };
        match key.as_str() {
            "--listen" => cfg.listen = val()?,
            "--admin-token" => {
                let t = val()?;
                if !netbird_mock::pat::is_well_formed(&t) {
                    return Err(format!(
                        "--admin-token: {t:?} is not a valid NetBird PAT (nbp_ + 30 base62 characters + 6 character checksum)"
                    ));
                }
                cfg.admin_token = Some(t);
            }
            "--jwt" => {
                let v = val()?;
                let (t, u) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--jwt expects TOKEN=USER_ID, got {v:?}"))?;
                if t.is_empty() || u.is_empty() {
                    return Err(format!("--jwt expects TOKEN=USER_ID, got {v:?}"));
                }
                cfg.jwts.push((t.to_string(), u.to_string()));
            }
            "--peers" => cfg.peers = num(val()?, &key)? as usize,
            "--routes" => cfg.routes = Some(num(val()?, &key)? as usize),
            "--seed" => cfg.seed = num(val()?, &key)?,
            "--serve-dir" => {
                let d = std::path::PathBuf::from(val()?);
                if !d.is_dir() {
                    return Err(format!("--serve-dir: {} is not a directory", d.display()));
                }
                cfg.serve_dir = Some(d);
            }
            "--latency-ms" => cfg.latency_ms = num(val()?, &key)?,
            "--fail-rate" => {
                let v = val()?;
                let f: f64 = v
                    .parse()
                    .ok()
                    .filter(|f: &f64| (0.0..=1.0).contains(f))
                    .ok_or_else(|| format!("--fail-rate: expected 0..1, got {v}"))?;
                cfg.fail_rate = f;
            }
            "--rate-limit" => cfg.rate_limit = num(val()?, &key)? as u32,
            "--csp" => cfg.csp = Some(val()?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(cfg)
}

fn main() -> ExitCode {
    let cfg = match parse_args(std::env::args().skip(1).collect()) {
        Ok(c) => c,
        Err(e) if e.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("netbird-mock: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("netbird-mock: runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&cfg.listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("netbird-mock: cannot listen on {}: {e}", cfg.listen);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().expect("local addr");
        let app = App::new(cfg);
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "netbird-mock listening on http://{addr}");
            for t in &app.tokens {
                if t.expired {
                    let _ = writeln!(out, "expired-token {} {}", t.label, t.token);
                } else {
                    let _ = writeln!(out, "token {} {} {}", t.role, t.label, t.token);
                }
            }
            let _ = out.flush();
        }
        match server::serve(listener, app).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("netbird-mock: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

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
  --groups N             at least N groups (squad-NNNN groups of 2-40 peers fill up to N)
  --policies N           at least N policies (access-NNNN, one TCP port between two groups)
  --seed N               seed for the deterministic data (default 1)
  --serve-dir DIR        serve the built console from DIR at / (index.html fallback)
  --latency-ms N         delay every /api request by N ms
  --fail-rate F          answer this fraction (0..1) of /api requests with 500
  --rate-limit N         429 after N requests per minute per PAT
  --csp POLICY           send this Content-Security-Policy with the console's static files
  --fault KIND:PATH_PREFIX[:METHOD[:TIMES]]
                         fault rule for /api requests whose path starts with PATH_PREFIX
                         (METHOD: only that method, `*` = any; TIMES: only the first TIMES
                         matching requests); repeatable. KIND is one of
                           drop         close the connection without a response (not processed)
                           drop-after   process the request, then close without a response
                           malformed    200 application/json, a cut-off body that is not JSON:
                                        {\"id\": \"abc\", \"name\":
                           truncated    the normal answer with the full Content-Length, but only
                                        the first half of the body, then close
                           html         502 text/html, a reverse proxy's error page
                           empty        200 application/json with an empty body
                           status-NNN   status NNN (200..599, not 204/304) with {\"message\": ..., \"code\": NNN}
                           slow-MS      wait MS ms, then the normal answer
                           trickle-MS   the normal answer, its body's first 64 KiB at once
                                        and the rest MS ms later
                         Auth is checked first (a fault never hides a 401). All matching slow
                         rules add up; the first other matching rule replaces the answer. Only
                         truncated, drop-after, slow and trickle run the handler (change the data).
                         CORS headers are sent as usual (drop/drop-after send nothing).
  --shape MODE           transform the JSON of every successful /api answer; repeatable:
                           nulls          optional/nullable fields, arrays and maps -> null
                                          (ids never; policies keep `rules`)
                           missing        fields the spec does not mark required are left out
                           unknown-enums  enum fields get unlisted values (network_type Quantum,
                                          role superhero, ...); every object gets
                                          \"x_future_field\": {\"nested\": [1, 2]}
                           long-strings   free-text strings -> 10240 characters (original, then
                                          padding with é 漢 🦀); in a list, the first 100 items
                           hostile        free-text strings -> `<original> <XSS payload>`,
                                          round-robin over 7 payloads that set window.__xss
                         The data is stored unchanged; only the written JSON changes.
  --hostile              same as --shape hostile
  --no-geo               run without a geolocation database: geo posture checks and
                         /api/locations/... answer 412, as a server without the Geo DB does
  --invites              an IdP is configured: POST /api/users invites regular users and
                         POST /api/users/{id}/invite resends (without it both answer 412)
  --no-cors              send no CORS headers (a server or proxy that does not let pages of
                         another origin read its answers)
  --exit-with-stdin      exit when standard input closes (the test harness that started it
                         has ended)
  -h, --help             this text

On start it prints `netbird-mock listening on http://ADDR`, then one line per seeded token:
`token <role> <email-or-name> <token>` (and `expired-token <email> <token>` for an expired one).

Test-only endpoints (no auth; CORS allowed):
  POST   /__mock/revoke?token=TOKEN    delete that PAT
  POST   /__mock/reset[?option=OPT&option=VALUE...]
                                       seed data, request counts, fault rules and shapes back
                                       to the start (the command line's rules and modes); with
                                       options, to a start with those options instead (as on the
                                       command line; --listen and --serve-dir stay). Answers
                                       {\"reset\": true, \"tokens\": [{\"role\", \"who\", \"token\", \"expired\"}]}
  POST   /__mock/fault?kind=KIND&path=PATH_PREFIX[&method=METHOD][&times=N]
                                       add a fault rule (path defaults to /api); answers it
  GET    /__mock/fault                 [{\"kind\", \"path\", \"method\", \"times\", \"hits\"}]
  DELETE /__mock/fault                 remove every fault rule
  POST   /__mock/shape?mode=MODE       add a data-shape mode; answers the active modes
  GET    /__mock/shape                 the active modes, e.g. [\"hostile\"]
  DELETE /__mock/shape                 remove every mode
  GET    /__mock/requests[?method=M][&path=PREFIX][&exact=1]
                                       {\"count\": N}: /api requests with that method whose path
                                       starts with PREFIX (is PREFIX, with exact) since the start
                                       or the last reset
  DELETE /__mock/requests              zero the request counts
  GET    /__mock/credentials           every distinct Authorization header /api requests carried
                                       (since the start or the last reset)
";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let before = args.len();
    args.retain(|a| a != "--exit-with-stdin");
    if args.len() != before {
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            std::process::exit(0);
        });
    }
    let cfg = match Config::from_args(args) {
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
            for t in &app.tokens() {
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

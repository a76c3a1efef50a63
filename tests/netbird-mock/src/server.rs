//! HTTP layer: routing like gorilla/mux, CORS like rs/cors `AllowAll()`, the auth middleware,
//! fault injection, static files and the test-only control endpoints.

use crate::api::{self, ApiError, Ctx, Out};
use crate::fault::{self, ConnCtl, ConnHandle, CtlListener, FaultKind, FaultRule};
use crate::pat;
use crate::seed::{self, SeedOptions, SeededToken};
use crate::shape::{self, Shape};
use crate::state::State;
use crate::util::{now, parse_query, percent_decode, Rng, BASE62};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State as AxState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Config {
    pub listen: String,
    pub admin_token: Option<String>,
    pub peers: usize,
    pub routes: Option<usize>,
    pub groups: Option<usize>,
    pub policies: Option<usize>,
    pub seed: u64,
    pub serve_dir: Option<PathBuf>,
    pub latency_ms: u64,
    pub fail_rate: f64,
    pub rate_limit: u32,
    pub jwts: Vec<(String, String)>,
    /// A Content-Security-Policy sent with the console's static files.
    pub csp: Option<String>,
    /// Fault rules active from the start (and again after `/__mock/reset`).
    pub faults: Vec<FaultRule>,
    /// Data-shape modes active from the start (and again after `/__mock/reset`).
    pub shapes: Vec<Shape>,
    /// No geolocation database (`--no-geo`): geo posture checks and `/api/locations/...`
    /// answer 412.
    pub no_geo: bool,
    /// An IdP manager is configured (`--invites`): `POST /api/users` invites regular users and
    /// `POST /api/users/{id}/invite` resends; without it both answer 412.
    pub invites: bool,
    /// No CORS headers at all (`--no-cors`): a server, or the proxy in front of it, that does
    /// not let another origin's pages read its answers.
    pub no_cors: bool,
}

impl Config {
    /// The options as given on the command line (`--help` gives an empty error).
    pub fn from_args(args: Vec<String>) -> Result<Config, String> {
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
                    if !crate::pat::is_well_formed(&t) {
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
                "--groups" => cfg.groups = Some(num(val()?, &key)? as usize),
                "--policies" => cfg.policies = Some(num(val()?, &key)? as usize),
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
                "--fault" => cfg
                    .faults
                    .push(crate::fault::FaultRule::parse_cli(&val()?)?),
                "--shape" => {
                    let m = crate::shape::Shape::parse(&val()?)?;
                    if !cfg.shapes.contains(&m) {
                        cfg.shapes.push(m);
                    }
                }
                "--hostile" => {
                    let m = crate::shape::Shape::Hostile;
                    if !cfg.shapes.contains(&m) {
                        cfg.shapes.push(m);
                    }
                }
                "--no-geo" => cfg.no_geo = true,
                "--invites" => cfg.invites = true,
                "--no-cors" => cfg.no_cors = true,
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(cfg)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            admin_token: None,
            peers: 50,
            routes: None,
            groups: None,
            policies: None,
            seed: 1,
            serve_dir: None,
            latency_ms: 0,
            fail_rate: 0.0,
            rate_limit: 0,
            jwts: vec![],
            csp: None,
            faults: vec![],
            shapes: vec![],
            no_geo: false,
            invites: false,
            no_cors: false,
        }
    }
}

impl Config {
    pub fn seed_options(&self) -> SeedOptions {
        SeedOptions {
            seed: self.seed,
            peers: self.peers,
            routes: self.routes,
            groups: self.groups,
            policies: self.policies,
            admin_token: self.admin_token.clone(),
            jwts: self.jwts.clone(),
            geo: !self.no_geo,
            idp: self.invites,
        }
    }
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

pub struct App {
    /// The options it started with.
    started: Arc<Config>,
    /// The options in force: those it started with, or those of the last reset given options.
    cfg: Mutex<Arc<Config>>,
    pub state: Mutex<State>,
    tokens: Mutex<Vec<SeededToken>>,
    fault_rng: Mutex<Rng>,
    limiter: Mutex<HashMap<String, Bucket>>,
    faults: Mutex<Vec<FaultRule>>,
    shapes: Mutex<Vec<Shape>>,
    /// `/api` requests received, by (method, path).
    requests: Mutex<HashMap<(String, String), u64>>,
    /// Every distinct `Authorization` header value `/api` requests carried.
    credentials: Mutex<std::collections::BTreeSet<String>>,
}

fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl App {
    pub fn new(cfg: Config) -> Arc<App> {
        let (state, tokens) = seed::build(&cfg.seed_options());
        api::peers::warm_cache(&state);
        let cfg = Arc::new(cfg);
        Arc::new(App {
            fault_rng: Mutex::new(Rng::new(cfg.seed ^ 0xfa17)),
            faults: Mutex::new(cfg.faults.clone()),
            shapes: Mutex::new(cfg.shapes.clone()),
            requests: Mutex::new(HashMap::new()),
            credentials: Mutex::new(Default::default()),
            started: cfg.clone(),
            cfg: Mutex::new(cfg),
            state: Mutex::new(state),
            tokens: Mutex::new(tokens),
            limiter: Mutex::new(HashMap::new()),
        })
    }

    /// The options in force.
    pub fn cfg(&self) -> Arc<Config> {
        relock(&self.cfg).clone()
    }

    /// The seeded tokens (printed at the start, answered by a reset).
    pub fn tokens(&self) -> Vec<SeededToken> {
        relock(&self.tokens).clone()
    }

    pub fn router(self: &Arc<Self>) -> axum::Router {
        axum::Router::new()
            .fallback(handle)
            .with_state(self.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        relock(&self.state)
    }

    /// The fault rules now in force, with their hit counts.
    pub fn fault_rules(&self) -> Vec<FaultRule> {
        relock(&self.faults).clone()
    }

    pub fn add_fault(&self, rule: FaultRule) {
        relock(&self.faults).push(rule);
    }

    pub fn clear_faults(&self) {
        relock(&self.faults).clear();
    }

    /// The data-shape modes now in force.
    pub fn shapes(&self) -> Vec<Shape> {
        relock(&self.shapes).clone()
    }

    pub fn add_shape(&self, mode: Shape) {
        let mut s = relock(&self.shapes);
        if !s.contains(&mode) {
            s.push(mode);
        }
    }

    pub fn clear_shapes(&self) {
        relock(&self.shapes).clear();
    }

    /// How many `/api` requests with this method (any if `None`) and a path starting with
    /// `path` (or, if `exact`, that path) arrived since the start or the last reset.
    pub fn request_count(&self, method: Option<&str>, path: &str, exact: bool) -> u64 {
        relock(&self.requests)
            .iter()
            .filter(|((m, p), _)| {
                method.is_none_or(|x| x.eq_ignore_ascii_case(m))
                    && if exact {
                        p == path
                    } else {
                        p.starts_with(path)
                    }
            })
            .map(|(_, n)| n)
            .sum()
    }

    /// Seed data, request counts, fault rules and shapes back to how the server started, or,
    /// given `options` (as on the command line), to how it would have started with them: the
    /// address and the served directory stay.
    pub fn reset(&self, options: Option<Vec<String>>) -> Result<(), String> {
        let cfg = match options {
            None => self.started.clone(),
            Some(options) => {
                let mut cfg = Config::from_args(options).map_err(|e| {
                    if e.is_empty() {
                        "--help is not an option of a reset".to_string()
                    } else {
                        e
                    }
                })?;
                if cfg.listen != Config::default().listen || cfg.serve_dir.is_some() {
                    return Err("--listen and --serve-dir are fixed when the mock starts".into());
                }
                cfg.listen = self.started.listen.clone();
                cfg.serve_dir = self.started.serve_dir.clone();
                Arc::new(cfg)
            }
        };
        let (state, tokens) = seed::build(&cfg.seed_options());
        api::peers::warm_cache(&state);
        *self.lock() = state;
        *relock(&self.tokens) = tokens;
        *relock(&self.faults) = cfg.faults.clone();
        *relock(&self.shapes) = cfg.shapes.clone();
        *relock(&self.fault_rng) = Rng::new(cfg.seed ^ 0xfa17);
        relock(&self.limiter).clear();
        *relock(&self.cfg) = cfg;
        relock(&self.requests).clear();
        relock(&self.credentials).clear();
        Ok(())
    }
}

type Handler = fn(&mut Ctx) -> Out;

struct Endpoint {
    method: &'static str,
    pattern: &'static str,
    handler: Handler,
    public: bool,
}

const fn ep(method: &'static str, pattern: &'static str, handler: Handler) -> Endpoint {
    Endpoint {
        method,
        pattern,
        handler,
        public: false,
    }
}

use api::{accounts, dns, groups, peers, policies, posture, routes, setup_keys, users};

static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "GET",
        pattern: "/api/instance",
        handler: accounts::instance,
        public: true,
    },
    ep("GET", "/api/instance/version", accounts::version),
    ep("GET", "/api/accounts", accounts::list),
    ep("PUT", "/api/accounts/{}", accounts::update),
    ep("GET", "/api/users", users::list),
    ep("POST", "/api/users", users::create),
    ep("GET", "/api/users/current", users::current),
    ep("PUT", "/api/users/{}", users::update),
    ep("DELETE", "/api/users/{}", users::delete),
    ep("POST", "/api/users/{}/invite", users::invite),
    ep("POST", "/api/users/{}/approve", users::approve),
    ep("DELETE", "/api/users/{}/reject", users::reject),
    ep("GET", "/api/users/{}/tokens", users::list_pats),
    ep("POST", "/api/users/{}/tokens", users::create_pat),
    ep("GET", "/api/users/{}/tokens/{}", users::get_pat),
    ep("DELETE", "/api/users/{}/tokens/{}", users::delete_pat),
    ep("GET", "/api/peers", peers::list),
    ep("GET", "/api/peers/{}", peers::get),
    ep("PUT", "/api/peers/{}", peers::update),
    ep("DELETE", "/api/peers/{}", peers::delete),
    ep("GET", "/api/peers/{}/accessible-peers", peers::accessible),
    ep("GET", "/api/groups", groups::list),
    ep("POST", "/api/groups", groups::create),
    ep("GET", "/api/groups/{}", groups::get),
    ep("PUT", "/api/groups/{}", groups::update),
    ep("DELETE", "/api/groups/{}", groups::delete),
    ep("GET", "/api/policies", policies::list),
    ep("POST", "/api/policies", policies::create),
    ep("GET", "/api/policies/{}", policies::get),
    ep("PUT", "/api/policies/{}", policies::update),
    ep("DELETE", "/api/policies/{}", policies::delete),
    ep("GET", "/api/posture-checks", posture::list),
    ep("POST", "/api/posture-checks", posture::create),
    ep("GET", "/api/posture-checks/{}", posture::get),
    ep("PUT", "/api/posture-checks/{}", posture::update),
    ep("DELETE", "/api/posture-checks/{}", posture::delete),
    ep("GET", "/api/locations/countries", posture::countries),
    ep("GET", "/api/locations/countries/{}/cities", posture::cities),
    ep("GET", "/api/routes", routes::list),
    ep("POST", "/api/routes", routes::create),
    ep("GET", "/api/routes/{}", routes::get),
    ep("PUT", "/api/routes/{}", routes::update),
    ep("DELETE", "/api/routes/{}", routes::delete),
    ep("GET", "/api/dns/nameservers", dns::list),
    ep("POST", "/api/dns/nameservers", dns::create),
    ep("GET", "/api/dns/nameservers/{}", dns::get),
    ep("PUT", "/api/dns/nameservers/{}", dns::update),
    ep("DELETE", "/api/dns/nameservers/{}", dns::delete),
    ep("GET", "/api/dns/settings", dns::get_settings),
    ep("PUT", "/api/dns/settings", dns::put_settings),
    ep("GET", "/api/setup-keys", setup_keys::list),
    ep("POST", "/api/setup-keys", setup_keys::create),
    ep("GET", "/api/setup-keys/{}", setup_keys::get),
    ep("PUT", "/api/setup-keys/{}", setup_keys::update),
    ep("DELETE", "/api/setup-keys/{}", setup_keys::delete),
    ep("GET", "/api/events/audit", accounts::events),
    ep("GET", "/api/events", accounts::events),
];

/// The (method, pattern) list of implemented endpoints, for tests and docs.
pub fn endpoints() -> Vec<(&'static str, &'static str)> {
    ENDPOINTS.iter().map(|e| (e.method, e.pattern)).collect()
}

/// The route pattern (`/api/routes/{}`) a request's method and path go to, if any.
pub fn route_pattern(method: &str, path: &str) -> Option<&'static str> {
    let segs: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect();
    ENDPOINTS
        .iter()
        .find(|e| e.method == method && match_pattern(e.pattern, &segs).is_some())
        .map(|e| e.pattern)
}

fn match_pattern(pattern: &str, segs: &[String]) -> Option<Vec<String>> {
    let pat: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    if pat.len() != segs.len() {
        return None;
    }
    let mut params = Vec::new();
    for (p, s) in pat.iter().zip(segs) {
        if *p == "{}" {
            if s.is_empty() {
                return None;
            }
            params.push(s.clone());
        } else if p != s {
            return None;
        }
    }
    Some(params)
}

fn text_404() -> Response {
    let mut r = Response::new(Body::from("404 page not found\n"));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn json_response(status: u16, body: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    r
}

fn error_response(e: &ApiError) -> Response {
    json_response(e.status, e.body())
}

const CORS_METHODS: &[&str] = &["HEAD", "GET", "POST", "PUT", "PATCH", "DELETE"];

/// `http.CanonicalHeaderKey` for the echoed preflight headers.
fn canonical_header(h: &str) -> String {
    h.split('-')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn preflight(headers: &HeaderMap) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(
        "vary",
        HeaderValue::from_static(
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        ),
    );
    let origin = headers
        .get("origin")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let method = headers
        .get("access-control-request-method")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_uppercase();
    if origin.is_empty() || !CORS_METHODS.contains(&method.as_str()) {
        return r;
    }
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    if let Ok(v) = HeaderValue::from_str(&method) {
        h.insert("access-control-allow-methods", v);
    }
    let req_headers: Vec<String> = headers
        .get_all("access-control-request-headers")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(canonical_header)
        .collect();
    if !req_headers.is_empty() {
        if let Ok(v) = HeaderValue::from_str(&req_headers.join(", ")) {
            h.insert("access-control-allow-headers", v);
        }
    }
    r
}

/// rs/cors `handleActualRequest`: `Vary: Origin` always; the allow-origin header only when the
/// request carries an Origin and uses an allowed method.
fn add_cors(r: &mut Response, headers: &HeaderMap, method: &Method, request_id: &str) {
    let h = r.headers_mut();
    h.append("vary", HeaderValue::from_static("Origin"));
    let has_origin = headers
        .get("origin")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|o| !o.is_empty());
    if has_origin && CORS_METHODS.contains(&method.as_str()) {
        h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("x-request-id", v);
    }
}

/// The server's PAT check: length, prefix, and the checksum decoded with wrapping `uint32`
/// arithmetic compared with the CRC of the secret.
pub fn server_accepts_pat(token: &str) -> bool {
    let b = token.as_bytes();
    if b.len() != pat::TOKEN_LEN || !token.starts_with(pat::PREFIX) {
        return false;
    }
    let secret = &b[4..34];
    let cs = &b[34..40];
    let mut n: u32 = 0;
    for (i, c) in cs.iter().enumerate() {
        let Some(pos) = BASE62.iter().position(|x| x == c) else {
            return false;
        };
        n = n.wrapping_add((pos as u32).wrapping_mul(62u32.pow(5 - i as u32)));
    }
    n == crate::util::crc32(secret)
}

enum Caller {
    User(String),
}

impl App {
    fn rate_limited(&self, token: &str) -> bool {
        let n = self.cfg().rate_limit;
        if n == 0 {
            return false;
        }
        let mut m = self.limiter.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let b = m.entry(token.to_string()).or_insert(Bucket {
            tokens: n as f64,
            last: now,
        });
        let refill = now.duration_since(b.last).as_secs_f64() * n as f64 / 60.0;
        b.tokens = (b.tokens + refill).min(n as f64);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            false
        } else {
            true
        }
    }

    /// The auth middleware (`management/server/http/middleware/auth_middleware.go`).
    fn authenticate(
        &self,
        st: &mut State,
        header: &str,
        user_agent: &str,
    ) -> Result<Caller, ApiError> {
        let mut parts: Vec<&str> = header.split(' ').collect();
        let mut scheme = parts[0].to_lowercase();
        if parts.len() >= 2 && scheme == "bearer" && parts[1].starts_with("nbp_") {
            scheme = "token".into();
            parts[0] = "token";
        }
        let invalid = || ApiError::new(401, "token invalid");
        match scheme.as_str() {
            "bearer" => {
                if parts.len() != 2 {
                    return Err(invalid());
                }
                let uid = st.jwts.get(parts[1]).cloned().ok_or_else(invalid)?;
                if !st.users.contains(&uid) {
                    return Err(invalid());
                }
                Ok(Caller::User(uid))
            }
            "token" => {
                if parts.len() != 2 {
                    return Err(invalid());
                }
                let token = parts[1];
                if !user_agent.to_lowercase().contains("terraform") && self.rate_limited(token) {
                    return Err(ApiError::new(429, "too many requests"));
                }
                if !server_accepts_pat(token) {
                    return Err(invalid());
                }
                let hash = pat::hash(token);
                let now = now();
                let Some(p) = st.pats.iter_mut().find(|p| p.hashed == hash) else {
                    return Err(ApiError::not_found(format!(
                        "invalid Token: PAT: {hash} not found"
                    )));
                };
                if p.expiration < now {
                    return Err(invalid());
                }
                p.last_used = Some(now);
                let uid = p.user_id.clone();
                if !st.users.contains(&uid) {
                    return Err(invalid());
                }
                Ok(Caller::User(uid))
            }
            _ => Err(ApiError::new(401, "no valid authentication provided")),
        }
    }
}

async fn handle(AxState(app): AxState<Arc<App>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path == "/api" || path.starts_with("/api/") {
        return handle_api(app, req).await;
    }
    if let Some(rest) = path.strip_prefix("/__mock/") {
        return control(&app, rest, req.method(), req.uri().query().unwrap_or(""));
    }
    if let Some(dir) = &app.started.serve_dir {
        if req.method() == Method::GET || req.method() == Method::HEAD {
            let mut response =
                serve_static(dir, &path, req.headers(), req.method() == Method::HEAD);
            if let Some(csp) = app
                .cfg()
                .csp
                .as_deref()
                .and_then(|c| HeaderValue::from_str(c).ok())
            {
                response
                    .headers_mut()
                    .insert("content-security-policy", csp);
            }
            return response;
        }
    }
    text_404()
}

async fn handle_api(app: Arc<App>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    *relock(&app.requests)
        .entry((method.as_str().to_string(), path.clone()))
        .or_default() += 1;
    if let Some(auth) = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    {
        relock(&app.credentials).insert(auth.to_string());
    }
    let conn = req
        .extensions()
        .get::<ConnectInfo<ConnHandle>>()
        .map(|c| c.0.ctl.clone());
    let segs: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(percent_decode)
        .collect();
    let headers = req.headers().clone();
    let mut path_match: Option<(&Endpoint, Vec<String>)> = None;
    let mut exact: Option<(&Endpoint, Vec<String>)> = None;
    for e in ENDPOINTS {
        if let Some(params) = match_pattern(e.pattern, &segs) {
            if e.method == method.as_str() {
                exact = Some((e, params));
                break;
            }
            if path_match.is_none() {
                path_match = Some((e, params));
            }
        }
    }
    let cfg = app.cfg();
    if cfg.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(cfg.latency_ms)).await;
    }
    let (endpoint, params) = match (exact, path_match) {
        (Some(m), _) => m,
        (None, Some(m)) if method == Method::OPTIONS => {
            if headers.contains_key("access-control-request-method") {
                return if cfg.no_cors {
                    let mut r = Response::new(Body::empty());
                    *r.status_mut() = StatusCode::NO_CONTENT;
                    r
                } else {
                    preflight(&headers)
                };
            }
            m
        }
        (None, Some(_)) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            return r;
        }
        (None, None) => return text_404(),
    };
    let request_id = {
        let mut rng = app.fault_rng.lock().unwrap_or_else(|e| e.into_inner());
        rng.xid()
    };
    let fail = cfg.fail_rate > 0.0 && {
        let mut rng = app.fault_rng.lock().unwrap_or_else(|e| e.into_inner());
        rng.chance(cfg.fail_rate)
    };
    let query = parse_query(req.uri().query().unwrap_or(""));
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let ua = headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = axum::body::to_bytes(req.into_body(), 16 << 20)
        .await
        .unwrap_or_default();
    let mut resp = if fail {
        error_response(&ApiError::new(500, "internal server error"))
    } else {
        match app.admit(endpoint, &auth, &ua, method.as_str(), &path) {
            Err(e) => error_response(&e),
            Ok((caller, delay, fault)) => {
                if delay > 0 {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                }
                let call = Call {
                    endpoint,
                    caller,
                    params,
                    query,
                    body: &body,
                };
                app.answer(call, fault, conn.as_deref())
            }
        }
    };
    if !cfg.no_cors {
        add_cors(&mut resp, &headers, &method, &request_id);
    }
    resp
}

/// A request that passed authentication.
struct Call<'a> {
    endpoint: &'static Endpoint,
    caller: String,
    params: Vec<String>,
    query: Vec<(String, String)>,
    body: &'a [u8],
}

impl App {
    /// Authentication and the per-user checks, then the fault rules: the caller, the delay
    /// of the matching `slow` rules and the fault that replaces the answer, if any.
    fn admit(
        &self,
        endpoint: &Endpoint,
        auth: &str,
        ua: &str,
        method: &str,
        path: &str,
    ) -> Result<(String, u64, Option<FaultKind>), ApiError> {
        let caller = if endpoint.public {
            String::new()
        } else {
            let mut st = self.lock();
            let Caller::User(uid) = self.authenticate(&mut st, auth, ua)?;
            let u = st.users.get(&uid).expect("checked");
            // `ValidateUserPermissions`: a user waiting for approval is also blocked.
            if u.pending_approval {
                return Err(ApiError::new(
                    403,
                    "failed to validate user permissions: user is pending approval",
                ));
            }
            if u.is_blocked {
                return Err(ApiError::new(
                    403,
                    "failed to validate user permissions: user is blocked",
                ));
            }
            uid
        };
        let (delay, fault) = fault::pick(&mut relock(&self.faults), method, path);
        Ok((caller, delay, fault))
    }

    /// The handler's status and body, with the data-shape modes applied to a success.
    fn run(&self, call: Call) -> (u16, Vec<u8>) {
        let out = {
            let mut st = self.lock();
            // The caller may have gone while a `slow` fault held the request.
            if !call.endpoint.public && !st.users.contains(&call.caller) {
                return (401, ApiError::new(401, "token invalid").body());
            }
            let mut ctx = Ctx {
                st: &mut st,
                caller: call.caller,
                params: call.params,
                query: call.query,
                body: call.body,
            };
            (call.endpoint.handler)(&mut ctx)
        };
        match out {
            Err(e) => (e.status, e.body()),
            Ok(b) => {
                let modes = self.shapes();
                if modes.is_empty() {
                    return (200, b);
                }
                let schema = shape::schema_for(call.endpoint.method, call.endpoint.pattern);
                (200, shape::transform(&modes, schema, &b).unwrap_or(b))
            }
        }
    }

    /// The answer to an admitted request, as changed by `fault`.
    fn answer(&self, call: Call, fault: Option<FaultKind>, conn: Option<&ConnCtl>) -> Response {
        match &fault {
            Some(FaultKind::Drop) => return dropped(conn),
            Some(FaultKind::Malformed) => {
                return json_response(200, fault::MALFORMED_BODY.to_vec())
            }
            Some(FaultKind::Empty) => return json_response(200, Vec::new()),
            Some(FaultKind::Html) => return html_502(),
            Some(FaultKind::Status(code)) => {
                let message = StatusCode::from_u16(*code)
                    .ok()
                    .and_then(|c| c.canonical_reason())
                    .unwrap_or("injected fault");
                return error_response(&ApiError::new(*code, message));
            }
            _ => {}
        }
        // The handler holds the account's lock while it builds the answer (a 10,000-peer list
        // takes a while): the runtime's other tasks move to another thread meanwhile, so the
        // console's files and other connections are not queued behind it (as they are not
        // behind a real server, whose files nginx or a CDN serve).
        let (status, body) = tokio::task::block_in_place(|| self.run(call));
        match fault {
            Some(FaultKind::DropAfter) => dropped(conn),
            Some(FaultKind::Truncated) => match conn {
                Some(c) => {
                    c.cut_after(body.len() / 2);
                    json_response(status, body)
                }
                None => html_502(),
            },
            Some(FaultKind::Trickle(ms)) => {
                let mut r = json_response(status, Vec::new());
                let stream = fault::Trickle::new(body, std::time::Duration::from_millis(ms));
                *r.body_mut() = Body::from_stream(stream);
                r
            }
            _ => json_response(status, body),
        }
    }
}

/// Closes the connection without a byte of the answer. Without connection control (a router
/// served by something other than [`serve`]) a proxy's 502 page stands in.
fn dropped(conn: Option<&ConnCtl>) -> Response {
    match conn {
        Some(c) => {
            c.kill();
            Response::new(Body::empty())
        }
        None => html_502(),
    }
}

fn html_502() -> Response {
    let mut r = Response::new(Body::from(fault::HTML_BODY));
    *r.status_mut() = StatusCode::BAD_GATEWAY;
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn control(app: &App, what: &str, method: &Method, query: &str) -> Response {
    let mut r = control_answer(app, what, method, query);
    // Callable from a test page in the browser too.
    r.headers_mut()
        .insert("access-control-allow-origin", HeaderValue::from_static("*"));
    r
}

fn bad_request(message: String) -> Response {
    json_response(400, ApiError::raw(400, message).body())
}

fn json_value(v: &serde_json::Value) -> Response {
    let mut b = serde_json::to_vec(v).unwrap_or_default();
    b.push(b'\n');
    json_response(200, b)
}

fn control_answer(app: &App, what: &str, method: &Method, query: &str) -> Response {
    let q = parse_query(query);
    let arg = |k: &str| {
        q.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let allowed: &[&str] = match what {
        "revoke" | "reset" => &["POST"],
        "fault" | "shape" => &["GET", "POST", "DELETE"],
        "requests" => &["GET", "DELETE"],
        "credentials" => &["GET"],
        _ => return text_404(),
    };
    if method == Method::OPTIONS {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        let h = r.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
            h.insert("access-control-allow-methods", v);
        }
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("*"),
        );
        return r;
    }
    if !allowed.contains(&method.as_str()) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        return r;
    }
    match (what, method.as_str()) {
        ("revoke", _) => {
            let token = arg("token").unwrap_or_default();
            let hash = pat::hash(token);
            let mut st = app.lock();
            let id = st
                .pats
                .iter()
                .find(|p| p.hashed == hash)
                .map(|p| p.id.clone());
            match id {
                Some(id) => {
                    st.pats.remove(&id);
                    json_response(200, b"{\"revoked\":true}\n".to_vec())
                }
                None => json_response(
                    404,
                    b"{\"message\":\"token not found\",\"code\":404}\n".to_vec(),
                ),
            }
        }
        ("reset", _) => {
            // `?option=--peers&option=10000`: the options of the start to go back to.
            let options: Vec<String> = q
                .iter()
                .filter(|(k, _)| k == "option")
                .map(|(_, v)| v.clone())
                .collect();
            match app.reset((!options.is_empty()).then_some(options)) {
                Ok(()) => {
                    let tokens: Vec<_> = app
                        .tokens()
                        .iter()
                        .map(|t| {
                            serde_json::json!({
                                "role": t.role, "who": t.label, "token": t.token, "expired": t.expired,
                            })
                        })
                        .collect();
                    json_value(&serde_json::json!({ "reset": true, "tokens": tokens }))
                }
                Err(e) => bad_request(e),
            }
        }
        ("fault", "GET") => {
            let rules: Vec<_> = app.fault_rules().iter().map(FaultRule::view).collect();
            json_value(&serde_json::json!(rules))
        }
        ("fault", "POST") => {
            let times = match arg("times").map(str::parse::<u64>) {
                None => None,
                Some(Ok(n)) => Some(n),
                Some(Err(_)) => return bad_request("times: not a number".into()),
            };
            match FaultRule::new(
                arg("kind").unwrap_or_default(),
                arg("path").unwrap_or("/api"),
                arg("method"),
                times,
            ) {
                Ok(rule) => {
                    let view = serde_json::json!(rule.view());
                    app.add_fault(rule);
                    json_value(&view)
                }
                Err(e) => bad_request(e),
            }
        }
        ("fault", _) => {
            app.clear_faults();
            json_value(&serde_json::json!([]))
        }
        ("shape", "GET") => {
            let modes: Vec<&str> = app.shapes().iter().map(|m| m.name()).collect();
            json_value(&serde_json::json!(modes))
        }
        ("shape", "POST") => match Shape::parse(arg("mode").unwrap_or_default()) {
            Ok(mode) => {
                app.add_shape(mode);
                let modes: Vec<&str> = app.shapes().iter().map(|m| m.name()).collect();
                json_value(&serde_json::json!(modes))
            }
            Err(e) => bad_request(e),
        },
        ("shape", _) => {
            app.clear_shapes();
            json_value(&serde_json::json!([]))
        }
        ("credentials", _) => json_value(&serde_json::json!(*relock(&app.credentials))),
        ("requests", "GET") => {
            let path = arg("path").unwrap_or("/");
            let n = app.request_count(arg("method"), path, arg("exact").is_some());
            json_value(&serde_json::json!({ "count": n }))
        }
        _ => {
            relock(&app.requests).clear();
            json_value(&serde_json::json!({ "count": 0 }))
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all("accept-encoding")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut it = item.split(';');
            let name = it.next().unwrap_or("").trim();
            let q_zero = it.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f64>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !q_zero
        })
}

fn serve_static(dir: &Path, path: &str, headers: &HeaderMap, head: bool) -> Response {
    let rel = percent_decode(path.trim_start_matches('/'));
    let rel_path = Path::new(&rel);
    let safe = rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let mut file = dir.join(if safe { rel_path } else { Path::new("") });
    if !safe || rel.is_empty() || !file.is_file() {
        file = dir.join("index.html");
    }
    if !file.is_file() {
        return text_404();
    }
    let mut chosen = file.clone();
    let mut encoding = None;
    let mut has_variants = false;
    for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
        let mut p = file.clone().into_os_string();
        p.push(".");
        p.push(ext);
        let p = PathBuf::from(p);
        if p.is_file() {
            has_variants = true;
            if encoding.is_none() && accepts(headers, coding) {
                chosen = p;
                encoding = Some(coding);
            }
        }
    }
    let Ok(bytes) = std::fs::read(&chosen) else {
        return text_404();
    };
    let len = bytes.len();
    let mut r = Response::new(if head {
        Body::empty()
    } else {
        Body::from(bytes)
    });
    let h = r.headers_mut();
    h.insert(
        "content-type",
        HeaderValue::from_static(content_type(&file)),
    );
    h.insert("content-length", HeaderValue::from(len));
    if let Some(enc) = encoding {
        h.insert("content-encoding", HeaderValue::from_static(enc));
    }
    if has_variants {
        h.insert("vary", HeaderValue::from_static("Accept-Encoding"));
    }
    if file.file_name().is_some_and(|n| n == "index.html") {
        h.insert("cache-control", HeaderValue::from_static("no-cache"));
    }
    r
}

/// Binds, prints nothing, and serves until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    axum::serve(
        CtlListener(listener),
        app.router()
            .into_make_service_with_connect_info::<ConnHandle>(),
    )
    .await
}

/// Starts the server on a background thread (own runtime). For tests and embedding.
pub fn spawn(cfg: Config) -> (std::net::SocketAddr, Arc<App>) {
    let app = App::new(cfg);
    let (tx, rx) = std::sync::mpsc::channel();
    let app2 = app.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(app2.started.listen.clone())
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).ok();
            serve(listener, app2).await.ok();
        });
    });
    (rx.recv().expect("server started"), app)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_pat_check_matches_vectors() {
        assert!(server_accepts_pat(
            "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"
        ));
        assert!(server_accepts_pat(
            "nbp_0000000000000000000000000000DA0VSDRC"
        ));
        assert!(!server_accepts_pat(
            "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"
        ));
        assert!(!server_accepts_pat("nbp_short"));
    }

    #[test]
    fn patterns() {
        let s = |p: &str| p.split('/').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            match_pattern("/api/routes/{}", &s("api/routes/x")),
            Some(vec!["x".into()])
        );
        assert_eq!(match_pattern("/api/routes/{}", &s("api/routes/")), None);
        assert_eq!(match_pattern("/api/routes", &s("api/routes/x")), None);
    }

    #[test]
    fn canonical_headers() {
        assert_eq!(canonical_header("authorization"), "Authorization");
        assert_eq!(canonical_header("content-type"), "Content-Type");
        assert_eq!(canonical_header("X-REQUEST-ID"), "X-Request-Id");
    }
}

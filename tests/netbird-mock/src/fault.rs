//! Transport and format faults targeted by path (`--fault`, `/__mock/fault`), and the
//! connection control that lets a handler close its TCP connection without answering (`drop`)
//! or after half of the body (`truncated`).
//!
//! A rule matches an `/api` request whose path starts with its prefix (and whose method is the
//! rule's, when it has one). Auth is checked first, so a fault never hides a 401/403/404 from
//! the auth middleware. All matching `slow-MS` rules add up their delays; the first other
//! matching rule then replaces the normal answer.

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use serde::Serialize;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// What a fault rule does to a matching request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Close the connection without writing anything. The request is not processed.
    Drop,
    /// Process the request (the change is made), then close without answering.
    DropAfter,
    /// 200, `application/json`, a body that is not JSON. Not processed.
    Malformed,
    /// The normal answer (processed), with a `Content-Length` for the full body, but only the
    /// first half of the body is sent before the connection is closed.
    Truncated,
    /// 502 with a reverse proxy's HTML error page. Not processed.
    Html,
    /// 200, `application/json`, empty body. Not processed.
    Empty,
    /// This status with a NetBird error body `{"message", "code"}`. Not processed.
    Status(u16),
    /// Wait this many milliseconds, then the normal answer.
    Slow(u64),
    /// The normal answer (processed), its first 64 KiB at once and the rest of its body this
    /// many milliseconds later: a long list arriving over a slow link.
    Trickle(u64),
}

impl FaultKind {
    pub fn parse(s: &str) -> Result<FaultKind, String> {
        let k = match s {
            "drop" => FaultKind::Drop,
            "drop-after" => FaultKind::DropAfter,
            "malformed" => FaultKind::Malformed,
            "truncated" => FaultKind::Truncated,
            "html" => FaultKind::Html,
            "empty" => FaultKind::Empty,
            _ => {
                if let Some(n) = s.strip_prefix("status-") {
                    let code: u16 = n
                        .parse()
                        .map_err(|_| format!("fault kind {s:?}: status-NNN needs a number"))?;
                    if !(200..=599).contains(&code) || code == 204 || code == 304 {
                        return Err(format!(
                            "fault kind {s:?}: the status must be 200..599 and carry a body"
                        ));
                    }
                    FaultKind::Status(code)
                } else if let Some(n) = s.strip_prefix("slow-") {
                    let ms: u64 = n
                        .parse()
                        .map_err(|_| format!("fault kind {s:?}: slow-MS needs a number"))?;
                    FaultKind::Slow(ms)
                } else if let Some(n) = s.strip_prefix("trickle-") {
                    let ms: u64 = n
                        .parse()
                        .map_err(|_| format!("fault kind {s:?}: trickle-MS needs a number"))?;
                    FaultKind::Trickle(ms)
                } else {
                    return Err(format!(
                        "unknown fault kind {s:?} (drop, drop-after, malformed, truncated, html, empty, status-NNN, slow-MS, trickle-MS)"
                    ));
                }
            }
        };
        Ok(k)
    }

    pub fn name(&self) -> String {
        match self {
            FaultKind::Drop => "drop".into(),
            FaultKind::DropAfter => "drop-after".into(),
            FaultKind::Malformed => "malformed".into(),
            FaultKind::Truncated => "truncated".into(),
            FaultKind::Html => "html".into(),
            FaultKind::Empty => "empty".into(),
            FaultKind::Status(c) => format!("status-{c}"),
            FaultKind::Slow(ms) => format!("slow-{ms}"),
            FaultKind::Trickle(ms) => format!("trickle-{ms}"),
        }
    }
}

/// One rule. `hits` counts the requests it has affected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    pub kind: FaultKind,
    pub path: String,
    /// Upper-case method; `None` matches any.
    pub method: Option<String>,
    /// How many matching requests it affects; `None` = unlimited.
    pub times: Option<u64>,
    pub hits: u64,
}

#[derive(Serialize)]
pub struct FaultRuleView {
    pub kind: String,
    pub path: String,
    pub method: Option<String>,
    pub times: Option<u64>,
    pub hits: u64,
}

impl FaultRule {
    pub fn new(
        kind: &str,
        path: &str,
        method: Option<&str>,
        times: Option<u64>,
    ) -> Result<FaultRule, String> {
        let kind = FaultKind::parse(kind)?;
        if !path.starts_with('/') {
            return Err(format!(
                "fault path {path:?} must be a path prefix starting with / (e.g. /api/routes)"
            ));
        }
        let method = match method.map(str::trim).filter(|m| !m.is_empty() && *m != "*") {
            None => None,
            Some(m) if m.bytes().all(|b| b.is_ascii_alphabetic()) => Some(m.to_ascii_uppercase()),
            Some(m) => return Err(format!("fault method {m:?} is not an HTTP method")),
        };
        Ok(FaultRule {
            kind,
            path: path.to_string(),
            method,
            times,
            hits: 0,
        })
    }

    /// The `--fault` syntax: `KIND:PATH_PREFIX[:METHOD[:TIMES]]` (METHOD may be `*`).
    pub fn parse_cli(spec: &str) -> Result<FaultRule, String> {
        let mut parts = spec.splitn(4, ':');
        let kind = parts.next().unwrap_or("");
        let path = parts
            .next()
            .ok_or_else(|| format!("--fault expects KIND:PATH_PREFIX, got {spec:?}"))?;
        let method = parts.next();
        let times = match parts.next() {
            None => None,
            Some(t) => Some(
                t.parse::<u64>()
                    .map_err(|_| format!("--fault {spec:?}: TIMES is not a number"))?,
            ),
        };
        FaultRule::new(kind, path, method, times)
    }

    fn live(&self) -> bool {
        self.times.is_none_or(|t| self.hits < t)
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.live()
            && path.starts_with(&self.path)
            && self.method.as_deref().is_none_or(|m| m == method)
    }

    pub fn view(&self) -> FaultRuleView {
        FaultRuleView {
            kind: self.kind.name(),
            path: self.path.clone(),
            method: self.method.clone(),
            times: self.times,
            hits: self.hits,
        }
    }
}

/// What the rules do to one request: the summed delay of the `slow` rules and the first other
/// matching kind. Every rule that takes part has its `hits` incremented.
pub fn pick(rules: &mut [FaultRule], method: &str, path: &str) -> (u64, Option<FaultKind>) {
    let mut delay = 0u64;
    let mut chosen = None;
    for r in rules.iter_mut() {
        if !r.matches(method, path) {
            continue;
        }
        match r.kind {
            FaultKind::Slow(ms) => {
                delay = delay.saturating_add(ms);
                r.hits += 1;
            }
            ref k if chosen.is_none() => {
                chosen = Some(k.clone());
                r.hits += 1;
            }
            _ => {}
        }
    }
    (delay, chosen)
}

/// How much of a `trickle` body is sent at once.
pub const TRICKLE_FIRST: usize = 64 * 1024;

/// A body sent as its first `TRICKLE_FIRST` bytes, then (after `pause`) the rest.
pub struct Trickle {
    first: Option<Vec<u8>>,
    rest: Option<Vec<u8>>,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Trickle {
    pub fn new(mut body: Vec<u8>, pause: std::time::Duration) -> Trickle {
        let rest = body.split_off(body.len().min(TRICKLE_FIRST));
        Trickle {
            first: Some(body),
            rest: (!rest.is_empty()).then_some(rest),
            pause: Some(Box::pin(tokio::time::sleep(pause))),
        }
    }
}

impl futures_core::Stream for Trickle {
    type Item = Result<Vec<u8>, std::convert::Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(first)));
        }
        if self.rest.is_none() {
            return Poll::Ready(None);
        }
        if let Some(pause) = self.pause.as_mut() {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.pause = None;
        }
        Poll::Ready(self.rest.take().map(Ok))
    }
}

pub const MALFORMED_BODY: &[u8] = b"{\"id\": \"abc\", \"name\": ";
pub const HTML_BODY: &[u8] = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

// ---------------------------------------------------------------------------------------------
// Connection control

#[derive(Clone, Copy, Debug)]
enum Cut {
    Open,
    /// Every further read or write fails, so hyper closes the connection.
    Killed,
    /// Let the response head through, then `budget` body bytes, then kill.
    AfterHead {
        /// How much of `\r\n\r\n` (the end of the head) the last bytes matched.
        matched: u8,
        in_body: bool,
        budget: usize,
    },
}

/// How many bytes of `buf` may still be written, and the state once they all are.
fn advance(cut: Cut, buf: &[u8]) -> (usize, Cut) {
    match cut {
        Cut::Open => (buf.len(), cut),
        Cut::Killed => (0, cut),
        Cut::AfterHead {
            mut matched,
            mut in_body,
            mut budget,
        } => {
            let mut n = 0;
            for &b in buf {
                if in_body {
                    if budget == 0 {
                        break;
                    }
                    budget -= 1;
                } else {
                    matched = match (matched, b) {
                        (0 | 2, b'\r') | (1 | 3, b'\n') => matched + 1,
                        (_, b'\r') => 1,
                        _ => 0,
                    };
                    in_body = matched == 4;
                }
                n += 1;
            }
            (
                n,
                Cut::AfterHead {
                    matched,
                    in_body,
                    budget,
                },
            )
        }
    }
}

/// Shared between a connection's stream and the handler answering on it.
#[derive(Debug)]
pub struct ConnCtl {
    cut: Mutex<Cut>,
}

impl ConnCtl {
    fn new() -> Arc<ConnCtl> {
        Arc::new(ConnCtl {
            cut: Mutex::new(Cut::Open),
        })
    }
    fn lock(&self) -> std::sync::MutexGuard<'_, Cut> {
        self.cut.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Close the connection before anything of the current response is written.
    pub fn kill(&self) {
        *self.lock() = Cut::Killed;
    }
    /// Write the head of the current response and `body_bytes` of its body, then close.
    pub fn cut_after(&self, body_bytes: usize) {
        *self.lock() = Cut::AfterHead {
            matched: 0,
            in_body: false,
            budget: body_bytes,
        };
    }
}

/// The connect info handlers get: the peer address and the connection's control.
#[derive(Clone, Debug)]
pub struct ConnHandle {
    pub remote: std::net::SocketAddr,
    pub ctl: Arc<ConnCtl>,
}

/// A TCP listener whose connections can be cut by the handler (see [`ConnCtl`]).
pub struct CtlListener(pub TcpListener);

impl Listener for CtlListener {
    type Io = CtlStream;
    type Addr = ConnHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.0.accept().await {
                Ok((s, remote)) => {
                    // As nginx's `tcp_nodelay on`: without it a small write waits for the
                    // client's delayed ACK (40 ms on Linux) before the next one leaves.
                    s.set_nodelay(true).ok();
                    let ctl = ConnCtl::new();
                    return (
                        CtlStream {
                            inner: s,
                            ctl: ctl.clone(),
                        },
                        ConnHandle { remote, ctl },
                    );
                }
                // Like axum's own listener: back off on e.g. EMFILE instead of spinning.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(ConnHandle {
            remote: self.0.local_addr()?,
            ctl: ConnCtl::new(),
        })
    }
}

impl Connected<IncomingStream<'_, CtlListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, CtlListener>) -> Self {
        stream.remote_addr().clone()
    }
}

pub struct CtlStream {
    inner: TcpStream,
    ctl: Arc<ConnCtl>,
}

fn aborted() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "netbird-mock: fault")
}

impl AsyncRead for CtlStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if matches!(*self.ctl.lock(), Cut::Killed) {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for CtlStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let ctl = self.ctl.clone();
        let mut cut = ctl.lock();
        let (allowed, _) = advance(*cut, buf);
        if allowed == 0 && !buf.is_empty() {
            *cut = Cut::Killed;
            return Poll::Ready(Err(aborted()));
        }
        let r = Pin::new(&mut self.inner).poll_write(cx, &buf[..allowed]);
        if let Poll::Ready(Ok(n)) = r {
            *cut = advance(*cut, &buf[..n]).1;
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_cli_rules() {
        assert_eq!(FaultKind::parse("status-503"), Ok(FaultKind::Status(503)));
        assert_eq!(FaultKind::parse("slow-250"), Ok(FaultKind::Slow(250)));
        assert_eq!(FaultKind::parse("trickle-800"), Ok(FaultKind::Trickle(800)));
        assert_eq!(FaultKind::Trickle(800).name(), "trickle-800");
        assert!(FaultKind::parse("status-99").is_err());
        assert!(FaultKind::parse("status-204").is_err());
        assert!(FaultKind::parse("bogus").is_err());
        let r = FaultRule::parse_cli("drop:/api/routes").unwrap();
        assert_eq!(
            (r.kind, r.path.as_str(), r.method, r.times),
            (FaultKind::Drop, "/api/routes", None, None)
        );
        let r = FaultRule::parse_cli("status-500:/api/peers:post:2").unwrap();
        assert_eq!((r.method.as_deref(), r.times), (Some("POST"), Some(2)));
        let r = FaultRule::parse_cli("html:/api:*").unwrap();
        assert_eq!(r.method, None);
        assert!(FaultRule::parse_cli("drop").is_err());
        assert!(FaultRule::parse_cli("drop:api/routes").is_err());
        assert!(FaultRule::parse_cli("drop:/api:GET:x").is_err());
    }

    #[test]
    fn pick_sums_slow_rules_and_takes_the_first_other() {
        let mut rules = vec![
            FaultRule::new("slow-100", "/api", None, None).unwrap(),
            FaultRule::new("status-500", "/api/routes", Some("POST"), Some(1)).unwrap(),
            FaultRule::new("slow-50", "/api/routes", None, None).unwrap(),
            FaultRule::new("html", "/api/routes", None, None).unwrap(),
            FaultRule::new("empty", "/api/routes", None, None).unwrap(),
        ];
        assert_eq!(pick(&mut rules, "GET", "/api/peers"), (100, None));
        assert_eq!(
            pick(&mut rules, "POST", "/api/routes"),
            (150, Some(FaultKind::Status(500)))
        );
        assert_eq!(
            pick(&mut rules, "POST", "/api/routes"),
            (150, Some(FaultKind::Html))
        );
        let hits: Vec<u64> = rules.iter().map(|r| r.hits).collect();
        assert_eq!(hits, vec![3, 1, 2, 1, 0]);
    }

    #[test]
    fn advance_lets_the_head_and_a_budget_through() {
        let cut = Cut::AfterHead {
            matched: 0,
            in_body: false,
            budget: 3,
        };
        let msg = b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n0123456789";
        let (n, _) = advance(cut, msg);
        assert_eq!(&msg[..n], b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n012");
        // Split across writes, the head end is still found.
        let (n1, c1) = advance(cut, &msg[..20]);
        assert_eq!(n1, 20);
        let (n2, c2) = advance(c1, &msg[20..]);
        assert_eq!(n1 + n2, msg.len() - 7);
        assert_eq!(advance(c2, b"more").0, 0);
        assert_eq!(advance(Cut::Killed, b"x").0, 0);
        assert_eq!(advance(Cut::Open, b"xy").0, 2);
    }
}

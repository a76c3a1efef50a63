//! The one test HTTP/1.1 client, for loopback servers: the journeys use it for chromedriver and
//! the mock's API, and the mock's own tests for everything they send. No TLS, no pooling: one
//! connection per request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A response: status, lower-cased header names with their values, and the body (de-chunked).
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `host:port` of `base` (`http://127.0.0.1:9515/` → `127.0.0.1:9515`).
fn host_of(base: &str) -> &str {
    base.trim_start_matches("http://").trim_end_matches('/')
}

fn write_request(
    stream: &mut TcpStream,
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<()> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    if let Some(b) = body {
        bytes.extend_from_slice(b);
    }
    stream.write_all(&bytes)
}

/// Sends one request to `base` (`http://host:port` or `host:port`) and reads the answer: the
/// head, then exactly the body it announces (servers such as chromedriver may keep the
/// connection open), or everything until the server closes, de-chunked when it says chunked.
pub fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<Response, String> {
    let host = host_of(base);
    let mut stream = TcpStream::connect(host).map_err(|e| format!("connect {host}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
    write_request(&mut stream, host, method, path, headers, body).map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let (status, headers) = parse_head(&head).ok_or_else(|| format!("no status in {head:?}"))?;
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let body = match length {
        Some(n) => {
            let mut buf = vec![0; n];
            reader.read_exact(&mut buf).map_err(|e| e.to_string())?;
            buf
        }
        None => {
            let mut buf = Vec::new();
            reader.read_to_end(&mut buf).map_err(|e| e.to_string())?;
            let chunked = headers
                .iter()
                .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
            if chunked {
                dechunk(&buf)
            } else {
                buf
            }
        }
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// Everything the server wrote before it closed the connection (nothing for a dropped one):
/// for tests of broken answers.
pub fn raw(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Vec<u8>> {
    let host = host_of(base);
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write_request(&mut stream, host, method, path, headers, body)?;
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf)?;
    Ok(buf)
}

fn parse_head(head: &str) -> Option<(u16, Headers)> {
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers))
}

/// Lower-cased header names with their values.
pub type Headers = Vec<(String, String)>;

/// Status, lower-cased headers and the raw (not de-chunked) body of a whole response.
pub fn split_response(buf: &[u8]) -> Option<(u16, Headers, Vec<u8>)> {
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let (status, headers) = parse_head(&String::from_utf8_lossy(&buf[..split]))?;
    Some((status, headers, buf[split + 4..].to_vec()))
}

/// A chunked body's content; whatever follows a malformed or short chunk is dropped.
pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&b[..i])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
        let Some(size) = size.filter(|n| *n > 0 && b.len() >= i + 2 + n) else {
            break;
        };
        out.extend_from_slice(&b[i + 2..i + 2 + size]);
        b = b.get(i + 4 + size..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_and_stops_at_a_broken_chunk() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"), b"abcde");
        assert_eq!(dechunk(b"3\r\nabc\r\nzz\r\nde"), b"abc");
        assert_eq!(dechunk(b"9\r\nabc"), b"");
    }

    #[test]
    fn heads_parse() {
        let (status, headers, body) =
            split_response(b"HTTP/1.1 404 Not Found\r\nContent-Type: a/b\r\n\r\nx").unwrap();
        assert_eq!(status, 404);
        assert_eq!(headers, [("content-type".to_string(), "a/b".to_string())]);
        assert_eq!(body, b"x");
        assert!(split_response(b"garbage").is_none());
    }
}

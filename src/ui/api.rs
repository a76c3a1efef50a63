//! The one request path: base URL, auth header, JSON in and out, classification of every
//! failure into `ApiError`, abort when the caller's scope goes away, GET retries on 429.

use super::auth::{use_auth, Auth, Me, Session, SessionEnd};
use crate::error::{rate_limit_backoff_ms, ApiError};
use crate::models::{current_from_list, CurrentUser, User};
use crate::token::Credential;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    fn method(self) -> Method {
        match self {
            Verb::Get => Method::GET,
            Verb::Post => Method::POST,
            Verb::Put => Method::PUT,
            Verb::Delete => Method::DELETE,
        }
    }
}

/// Sends one request and returns the body of a 2xx answer. Only GETs are retried (on 429,
/// with backoff): a POST is never sent twice.
pub async fn request(
    api_url: &str,
    credential: &Credential,
    verb: Verb,
    path: &str,
    body: Option<&str>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<Vec<u8>, ApiError> {
    let url = format!("{api_url}{path}");
    let mut attempt = 0;
    loop {
        let builder = RequestBuilder::new(&url)
            .method(verb.method())
            .header("Accept", "application/json")
            .header("Authorization", &credential.header_value())
            .abort_signal(abort);
        let request = match body {
            Some(b) => builder
                .header("Content-Type", "application/json")
                .body(b.to_string()),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;
        // A TypeError from fetch: offline, refused, TLS, or a response without CORS headers.
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        // Bytes, not text: a 13 MB list of 10,000 peers is copied into wasm as it came,
        // without building a JS string first.
        let body = response.binary().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let error = ApiError::from_status(status, &String::from_utf8_lossy(&body));
        if error == ApiError::RateLimited && verb == Verb::Get {
            if let Some(ms) = rate_limit_backoff_ms(attempt) {
                sleep_ms(ms).await;
                attempt += 1;
                continue;
            }
        }
        return Err(error);
    }
}

/// A boxed, type-erased future: every resource of the same output type then shares one
/// compiled copy of Leptos' async machinery (measured with twiggy: that machinery was
/// monomorphised once per resource and was the largest source of bloat).
pub type BoxedFuture<T> = std::pin::Pin<Box<dyn Future<Output = T>>>;

/// A `LocalResource` whose future is boxed (see `BoxedFuture`).
pub fn resource<T, F>(fetch: impl Fn() -> F + 'static) -> LocalResource<T>
where
    T: Clone + 'static,
    F: Future<Output = T> + 'static,
{
    LocalResource::new(move || -> BoxedFuture<T> { Box::pin(fetch()) })
}

/// Runs two futures concurrently (two requests in flight at once) and returns both outputs.
pub async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let std::task::Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let std::task::Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        match (ra.take(), rb.take()) {
            (Some(x), Some(y)) => std::task::Poll::Ready((x, y)),
            (x, y) => {
                ra = x;
                rb = y;
                std::task::Poll::Pending
            }
        }
    })
    .await
}

/// Decodes a JSON body; a malformed one is a classified error, never a panic.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::Decode(e.to_string()))
}

async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// An abort signal that fires when the current reactive scope is cleaned up (the page went
/// away, or the resource is fetching again).
fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

/// Who holds this credential: `/api/users/current`, or for service users (403 there) the
/// `is_current` entry of `/api/users` with permissions from the role table.
pub async fn fetch_me(api_url: &str, credential: &Credential) -> Result<Me, ApiError> {
    match request(
        api_url,
        credential,
        Verb::Get,
        "/api/users/current",
        None,
        None,
    )
    .await
    {
        Ok(body) => decode::<CurrentUser>(&body).map(Me::from),
        Err(ApiError::Forbidden(reason)) => {
            let body = request(api_url, credential, Verb::Get, "/api/users", None, None).await?;
            current_from_list(decode::<Vec<User>>(&body)?)
                .map(Me::from)
                .ok_or(ApiError::Forbidden(reason))
        }
        Err(e) => Err(e),
    }
}

/// The API as the signed-in user. Copy it into closures freely.
#[derive(Clone, Copy)]
pub struct Api {
    auth: Auth,
}

pub fn use_api() -> Api {
    Api { auth: use_auth() }
}

impl Api {
    pub fn new(auth: Auth) -> Api {
        Api { auth }
    }

    /// Sends a request as the current session. Call it from a resource or action: the request
    /// is aborted when that scope is cleaned up. A 401 (or unknown token) ends the session.
    pub fn send(
        self,
        verb: Verb,
        path: &str,
        body: Option<String>,
    ) -> impl Future<Output = Result<Vec<u8>, ApiError>> {
        let session: Option<Session> = self.auth.session.get_untracked();
        let abort = if verb == Verb::Get {
            abort_on_cleanup()
        } else {
            None
        };
        let path = path.to_string();
        async move {
            let Some(session) = session else {
                return Err(ApiError::Unauthorized(String::new()));
            };
            let result = request(
                &session.api_url,
                &session.credential,
                verb,
                &path,
                body.as_deref(),
                abort.as_ref(),
            )
            .await;
            if let Err(e) = &result {
                // Only end the session this request was made with, not a newer one.
                if e.ends_session()
                    && self
                        .auth
                        .session
                        .with_untracked(|s| s.as_ref() == Some(&session))
                {
                    self.auth.end(SessionEnd::Expired);
                }
            }
            result
        }
    }

    pub fn get<T: DeserializeOwned>(self, path: &str) -> impl Future<Output = Result<T, ApiError>> {
        let sent = self.send(Verb::Get, path, None);
        async move { decode(&sent.await?) }
    }

    pub fn write<B: Serialize, T: DeserializeOwned>(
        self,
        verb: Verb,
        path: &str,
        body: &B,
    ) -> impl Future<Output = Result<T, ApiError>> {
        let body = serde_json::to_string(body).ok();
        let sent = self.send(verb, path, body);
        async move { decode(&sent.await?) }
    }

    pub fn delete(self, path: &str) -> impl Future<Output = Result<(), ApiError>> {
        let sent = self.send(Verb::Delete, path, None);
        async move { sent.await.map(|_| ()) }
    }
}

//! The one request path: base URL, auth header, JSON in and out, classification of every
//! failure into `ApiError`, abort when the caller's scope goes away, retries on 429 for
//! GET, PUT and DELETE.

use super::auth::{use_auth, Auth, Me, Session, SessionEnd};
use crate::base::error::{rate_limit_backoff_ms, ApiError};
use crate::base::json::FromJson;
use crate::base::json_array;
use crate::base::token::Credential;
use crate::resources::{current_from_list, CurrentUser, User};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::Serialize;
use std::future::Future;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// The body of a 2xx answer, read as it arrives.
pub struct Body {
    /// What has arrived so far (what was read of it, for a list read element by element).
    pub bytes: Vec<u8>,
    /// `None` once the whole body is in.
    reader: Option<web_sys::ReadableStreamDefaultReader>,
    /// The length the answer announced (0: unknown).
    length: usize,
}

impl Body {
    /// The body `stream` delivers (`None`: an empty body), announced as `length` bytes.
    pub fn of_stream(stream: Option<web_sys::ReadableStream>, length: usize) -> Body {
        Body {
            bytes: Vec::new(),
            reader: stream.map(|stream| stream.get_reader().unchecked_into()),
            length,
        }
    }

    /// Reads the next chunk into `bytes`; `false` once the whole body is in. Bytes, not text:
    /// a 13 MB list of 10,000 peers is copied into wasm as it comes, without a JS string.
    pub async fn read_more(&mut self) -> Result<bool, ApiError> {
        let Some(reader) = &self.reader else {
            return Ok(false);
        };
        let read = reader.read();
        let chunk = self.chunk(read).await?;
        if let Some(chunk) = &chunk {
            self.append(chunk);
        }
        Ok(chunk.is_some())
    }

    /// The chunk `read` brings, left in JavaScript; `None` at the end (the reader is then gone).
    async fn chunk(
        &mut self,
        read: js_sys::Promise,
    ) -> Result<Option<js_sys::Uint8Array>, ApiError> {
        let chunk = JsFuture::from(read).await.map_err(|_| ApiError::Network)?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &JsValue::from_str(name)).ok();
        if field("done").and_then(|d| d.as_bool()) != Some(false) {
            self.reader = None;
            return Ok(None);
        }
        field("value")
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .map(Some)
            .ok_or(ApiError::Network)
    }

    fn append(&mut self, chunk: &js_sys::Uint8Array) {
        let at = self.bytes.len();
        self.bytes.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut self.bytes[at..]);
    }

    /// Whether `read` has settled, without waiting for it to (it races one that has).
    async fn settled(read: &js_sys::Promise) -> bool {
        let not_yet = js_sys::Object::new();
        let race = js_sys::Promise::race(&js_sys::Array::of2(
            read,
            &js_sys::Promise::resolve(&not_yet),
        ));
        JsFuture::from(race)
            .await
            .map_or(true, |first| !js_sys::Object::is(&first, &not_yet))
    }

    pub async fn read_to_end(mut self) -> Result<Vec<u8>, ApiError> {
        // Room for the whole body at once when its length is known (up to 16 MB: a header
        // claiming more is not believed in advance; the buffer grows as bytes arrive).
        let room = self.length.min(1 << 24).saturating_sub(self.bytes.len());
        self.bytes.reserve(room);
        while self.read_more().await? {}
        Ok(self.bytes)
    }

    /// The JSON array this body holds, each element decoded (and made a `U`) as soon as its
    /// bytes are in, so that decoding a long list (13 MB of peers) overlaps its transfer
    /// instead of following it. `null` is none. What does not read as an array of `T`s gets
    /// the error reading it whole would: at the first element that does not decode (where it
    /// stops, counted from the body's start), else where its structure breaks.
    pub async fn array_of<T: FromJson, U>(self, each: &dyn Fn(T) -> U) -> Result<Vec<U>, ApiError> {
        let mut out = Vec::new();
        self.each_element(0, &mut |element| {
            out.push(each(crate::base::json::decode::<T>(element)?));
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// Like `array_of`, handing each element after the first `skip` (already read from the
    /// bytes in, by whoever looked ahead) to `each` instead of collecting them.
    pub async fn each_of<T: FromJson>(
        self,
        skip: usize,
        each: &mut dyn FnMut(T),
    ) -> Result<(), ApiError> {
        self.each_element(skip, &mut |element| {
            each(crate::base::json::decode::<T>(element)?);
            Ok(())
        })
        .await
    }

    /// `element` for each element of the array after the first `skip`, with the errors of
    /// `array_of`. (Not generic: one compiled copy serves every list.)
    async fn each_element(
        self,
        skip: usize,
        element: &mut dyn FnMut(&[u8]) -> crate::base::json::Result<()>,
    ) -> Result<(), ApiError> {
        let mut skipped = 0;
        let unread = self
            .elements(&mut |bytes| {
                if skipped < skip {
                    skipped += 1;
                    Ok(())
                } else {
                    element(bytes)
                }
            })
            .await?;
        match unread {
            Unread::None => Ok(()),
            Unread::Refused(error) => Err(error.into()),
            Unread::NotClosed(rest, from) => {
                crate::base::json::array_structure(&rest).map_err(|e| {
                    crate::base::json::Error {
                        what: e.what,
                        at: from + e.at,
                    }
                })?;
                Ok(())
            }
        }
    }

    /// Hands each element of the JSON array this body holds to `element` as soon as its bytes
    /// are in, until one does not read, and says what was left unread. Arriving chunks come
    /// first: they are taken (and kept in JavaScript) as soon as they are in, and elements are
    /// handed out while the next one is not, so that a fast answer is not held back by its
    /// reader and a slow one is decoded as it comes. Only the chunk being read is copied into
    /// wasm, and the bytes of elements handed out are dropped: 13 MB of peers never sit in
    /// wasm memory whole. (Not generic: one compiled copy serves every list.)
    async fn elements(
        mut self,
        element: &mut dyn FnMut(&[u8]) -> crate::base::json::Result<()>,
    ) -> Result<Unread, ApiError> {
        /// How many bytes of elements are handed out before looking for the next chunk again.
        const BATCH: usize = 64 << 10;
        let mut waiting = std::collections::VecDeque::new();
        // `spans` are the elements found in `bytes`, the first `handed` of them handed out;
        // `dropped` bytes of handed elements were removed from the front of `bytes`.
        let mut spans = Vec::new();
        json_array::extend(&self.bytes, usize::MAX, &mut spans);
        let (mut handed, mut dropped) = (0, 0);
        let mut read = None;
        loop {
            let work = handed < spans.len() || !waiting.is_empty();
            if let Some(reader) = &self.reader {
                let next = read.take().unwrap_or_else(|| reader.read());
                if !work || Body::settled(&next).await {
                    if let Some(chunk) = self.chunk(next).await? {
                        waiting.push_back(chunk);
                    }
                    continue;
                }
                read = Some(next);
            } else if !work {
                break;
            }
            if handed < spans.len() {
                let until = spans[handed].start + BATCH;
                while handed < spans.len() && spans[handed].start < until {
                    let span = spans[handed].clone();
                    handed += 1;
                    if let Err(e) = element(&self.bytes[span.clone()]) {
                        // Counted from the answer's start, as reading it whole counts.
                        return Ok(Unread::Refused(crate::base::json::Error {
                            what: e.what,
                            at: dropped + span.start + e.at,
                        }));
                    }
                }
            } else if let Some(chunk) = waiting.pop_front() {
                // Every element found is handed out: their bytes go (what is left is the start
                // of the next one), and the search resumes after the last (an empty span
                // stands for it).
                if let Some(cut) = spans.last().map(|last| last.end).filter(|end| *end > 0) {
                    self.bytes.drain(..cut);
                    dropped += cut;
                    spans.clear();
                    spans.push(0..0);
                    handed = 1;
                }
                self.append(&chunk);
                json_array::extend(&self.bytes, usize::MAX, &mut spans);
            }
        }
        Ok(if json_array::closed(&self.bytes, &spans) {
            Unread::None
        } else if dropped == 0 {
            Unread::NotClosed(self.bytes, 0)
        } else {
            // The elements dropped read as one: what is left then reads as the rest of the
            // array, from `dropped - 2` bytes on (`[0` stands for what was dropped).
            let mut rest = b"[0".to_vec();
            rest.extend_from_slice(&self.bytes);
            Unread::NotClosed(rest, dropped - 2)
        })
    }
}

/// What `Body::elements` left unread.
enum Unread {
    /// Nothing: every element was taken and the array closed.
    None,
    /// An element did not read: why, and where in the answer.
    Refused(crate::base::json::Error),
    /// Every element found was taken, but they are not the whole array: the body read as the
    /// rest of it, and where in the answer that starts.
    NotClosed(Vec<u8>, usize),
}

/// Sends one request and returns the body of a 2xx answer. A 429 is retried with backoff for
/// GET, PUT and DELETE (idempotent); a POST is never sent twice.
pub async fn request(
    api_url: &str,
    credential: &Credential,
    verb: Verb,
    path: &str,
    body: Option<&str>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<Vec<u8>, ApiError> {
    open(api_url, credential, verb, path, body, abort)
        .await?
        .read_to_end()
        .await
}

/// Sends one request; a 2xx answer's body is then read as it arrives (`Body`), any other
/// answer is read whole and classified.
pub async fn open(
    api_url: &str,
    credential: &Credential,
    verb: Verb,
    path: &str,
    body: Option<&str>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<Body, ApiError> {
    let url = format!("{api_url}{path}");
    let mut attempt = 0;
    loop {
        let prefetched = (attempt == 0 && verb == Verb::Get && body.is_none())
            .then(|| take_prefetched(&url))
            .flatten();
        let response = match prefetched {
            Some(answer) => answer.await?,
            None => send(&url, credential, verb, body, abort).await?,
        };
        let status = response.status();
        if (200..300).contains(&status) {
            // Room for the whole body at once when its length is known.
            let length = response.headers().get("content-length");
            let length = length.and_then(|l| l.parse::<usize>().ok()).unwrap_or(0);
            return Ok(Body::of_stream(response.body(), length));
        }
        let body = response.binary().await.map_err(|_| ApiError::Network)?;
        let error = ApiError::from_status(status, &String::from_utf8_lossy(&body));
        // A 429 was refused before anything was done, and GET, PUT and DELETE are idempotent:
        // they are retried after a pause. A POST is never sent twice.
        if error == ApiError::RateLimited && verb != Verb::Post {
            if let Some(ms) = rate_limit_backoff_ms(attempt) {
                sleep_ms(ms).await;
                attempt += 1;
                continue;
            }
        }
        return Err(error);
    }
}

/// Sends one request (no retry).
async fn send(
    url: &str,
    credential: &Credential,
    verb: Verb,
    body: Option<&str>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<gloo_net::http::Response, ApiError> {
    let builder = RequestBuilder::new(url)
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
    request.send().await.map_err(|_| ApiError::Network)
}

/// Where `public/loader.js` leaves the answers it asked for before the wasm was in.
const PREFETCHED: &str = "__netbirdPrefetch";

/// The answer the loader already asked for at `url` (the same GET, with the stored session's
/// credential), taken once: the console never sends that request a second time.
fn take_prefetched(
    url: &str,
) -> Option<impl Future<Output = Result<gloo_net::http::Response, ApiError>>> {
    let window = web_sys::window()?;
    let answers = js_sys::Reflect::get(&window, &JsValue::from_str(PREFETCHED)).ok()?;
    let answers = answers.dyn_into::<js_sys::Object>().ok()?;
    let key = JsValue::from_str(url);
    let answer = js_sys::Reflect::get(&answers, &key).ok()?;
    let answer = answer.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&answers, &key);
    Some(async move {
        let response = JsFuture::from(answer)
            .await
            .map_err(|_| ApiError::Network)?;
        response
            .dyn_into::<web_sys::Response>()
            .map(gloo_net::http::Response::from)
            .map_err(|_| ApiError::Network)
    })
}

/// Forgets what the loader asked for and the console has not taken: those answers belong to
/// the page first opened, with the session stored then, so they go once the console moves to
/// another page or session.
pub fn forget_prefetched() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str(PREFETCHED));
    }
}

/// A boxed, type-erased future.
pub type BoxedFuture<T> = std::pin::Pin<Box<dyn Future<Output = T>>>;

/// What every resource holds: its value, type-erased, so that one compiled copy of the
/// resource code serves every page.
#[derive(Clone)]
struct Erased(std::rc::Rc<dyn std::any::Any>);

/// A value loaded asynchronously, type-erased inside (see `Erased`). Read it with `get` or
/// `with`, or show it with `view`.
pub struct Res<T> {
    /// The latest value loaded; it stays while the next one loads.
    value: RwSignal<Option<Erased>, LocalStorage>,
    /// Bumped by `refetch`.
    version: RwSignal<u64>,
    ty: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for Res<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Res<T> {}

impl<T: Clone + 'static> Res<T> {
    /// The value once loaded (tracked).
    pub fn get(&self) -> Option<T> {
        self.with(|v| v.cloned())
    }

    /// Reads the value once loaded (tracked).
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.value
            .with(|v| f(v.as_ref().and_then(|e| e.0.downcast_ref::<T>())))
    }

    pub fn refetch(&self) {
        self.version.update(|v| *v += 1);
    }

    /// Shows `value` until the first load is in (what the page showed when last visited).
    pub fn show_meanwhile(&self, value: T) {
        if self.value.with_untracked(Option::is_none) {
            self.value.set(Some(Erased(std::rc::Rc::new(value))));
        }
    }

    /// The value's view once it is loaded, `loading()` until then. While it loads again
    /// (`refetch`), the last view stays, as with Leptos' `Transition`.
    pub fn view(self, loading: fn() -> AnyView, view: impl Fn(T) -> AnyView + 'static) -> AnyView {
        show_erased(
            self.value,
            loading,
            std::rc::Rc::new(move |value: &Erased| match value.0.downcast_ref::<T>() {
                Some(value) => view(value.clone()),
                // Cannot happen (`resource` stores a `T`); never panic over it.
                None => loading(),
            }),
        )
    }
}

/// `Res::view`, not generic: every page shares one compiled copy. (`Transition` or `Suspense`
/// with `Suspend` were compiled anew for each use, with Leptos' async machinery each time.)
fn show_erased(
    value: RwSignal<Option<Erased>, LocalStorage>,
    loading: fn() -> AnyView,
    view: std::rc::Rc<dyn Fn(&Erased) -> AnyView>,
) -> AnyView {
    let view = SendWrapper::new(view);
    (move || match value.get() {
        Some(value) => view(&value),
        None => loading(),
    })
    .into_any()
}

/// A resource: `fetch` runs at once, and again whenever a signal it read changes or on
/// `refetch`; the value its future gives is kept (only the latest run's).
pub fn resource<T, F>(fetch: impl Fn() -> F + 'static) -> Res<T>
where
    T: Clone + 'static,
    F: Future<Output = T> + 'static,
{
    let (value, version) = erased_resource(std::rc::Rc::new(move || -> BoxedFuture<Erased> {
        let value = fetch();
        Box::pin(async move { Erased(std::rc::Rc::new(value.await)) })
    }));
    Res {
        value,
        version,
        ty: std::marker::PhantomData,
    }
}

/// Not generic, so that the resource code is compiled once. An effect, rather than Leptos'
/// `LocalResource`: a signal, an effect and a spawned future are all a page needs, and the
/// async-derived machinery behind `LocalResource` cost 6 KB of brotli. `fetch` runs inside the
/// effect, so a GET it starts is aborted when the effect runs again or its page goes away.
fn erased_resource(
    fetch: std::rc::Rc<dyn Fn() -> BoxedFuture<Erased>>,
) -> (RwSignal<Option<Erased>, LocalStorage>, RwSignal<u64>) {
    let value = RwSignal::new_local(None);
    let version = RwSignal::new(0u64);
    let latest = std::rc::Rc::new(std::cell::Cell::new(0u64));
    Effect::new(move |_| {
        version.track();
        let run = latest.get() + 1;
        latest.set(run);
        let loaded = fetch();
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let loaded = loaded.await;
            // Only the latest run's value, and only while the page is there.
            if latest.get() == run && !value.is_disposed() {
                value.set(Some(loaded));
            }
        });
    });
    (value, version)
}

/// What `read` gives when this role may read it (`may`), else the default, as when the server
/// refuses it (403: the role may not read it after all): a list the role may not read is
/// unknown, not an error. Any other failure is the read's. (`read` is sent only when awaited,
/// so a list not read is never asked for.)
pub async fn read_if<T: Default>(
    may: bool,
    read: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    if !may {
        return Ok(T::default());
    }
    match read.await {
        Err(ApiError::Forbidden(_)) => Ok(T::default()),
        read => read,
    }
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

/// Runs `a` to its end while driving `b` alongside it (two requests in flight at once). If `b`
/// ends first, its output is left in `done` and it is not polled again; else it is left to
/// finish later.
pub async fn alongside<A: Future, B: Future + ?Sized>(
    a: A,
    b: &mut std::pin::Pin<Box<B>>,
    done: &mut Option<B::Output>,
) -> A::Output {
    let mut a = std::pin::pin!(a);
    std::future::poll_fn(move |cx| {
        if done.is_none() {
            if let std::task::Poll::Ready(v) = b.as_mut().poll(cx) {
                *done = Some(v);
            }
        }
        a.as_mut().poll(cx)
    })
    .await
}

/// Decodes a JSON body; a malformed one is a classified error, never a panic.
pub fn decode<T: FromJson>(body: &[u8]) -> Result<T, ApiError> {
    Ok(crate::base::json::decode(body)?)
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

/// A promise and the function that settles it, which the current reactive scope's cleanup also
/// calls: what waits on it is never left waiting once its page is gone.
pub fn settled_on_cleanup() -> (js_sys::Promise, Option<js_sys::Function>) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |done, _| resolve = Some(done));
    if let Some(done) = &resolve {
        let on_leave = SendWrapper::new(done.clone());
        on_cleanup(move || {
            let _ = on_leave.call0(&JsValue::UNDEFINED);
        });
    }
    (promise, resolve)
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
/// Whether anything answers at the API URL when the answer need not be readable: a `no-cors`
/// request, which the browser sends whatever the server's CORS settings and only reports
/// whether an answer came. After a sign-in got no answer, it tells a server that does not
/// answer from one whose CORS settings refuse this page. It carries no credential.
pub async fn answers_at(api_url: &str) -> bool {
    gloo_net::http::Request::get(&format!(
        "{}/api/users/current",
        api_url.trim_end_matches('/')
    ))
    .mode(web_sys::RequestMode::NoCors)
    .send()
    .await
    .is_ok()
}

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
    /// (Boxed, like `open`: one compiled copy serves every caller.)
    pub fn send(
        self,
        verb: Verb,
        path: &str,
        body: Option<String>,
    ) -> BoxedFuture<Result<Vec<u8>, ApiError>> {
        let opened = self.open(verb, path, body);
        Box::pin(async move { opened.await?.read_to_end().await })
    }

    /// Like `send`, but returns as soon as a 2xx answer starts, with its body to read.
    pub fn open(
        self,
        verb: Verb,
        path: &str,
        body: Option<String>,
    ) -> BoxedFuture<Result<Body, ApiError>> {
        let session: Option<Session> = self.auth.session.get_untracked();
        let abort = if verb == Verb::Get {
            abort_on_cleanup()
        } else {
            None
        };
        let path = path.to_string();
        Box::pin(async move {
            let Some(session) = session else {
                return Err(ApiError::Unauthorized(String::new()));
            };
            let result = open(
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
        })
    }

    /// The body of a GET, to read as it arrives.
    pub fn get_body(self, path: &str) -> BoxedFuture<Result<Body, ApiError>> {
        self.open(Verb::Get, path, None)
    }

    /// A GET of a list asked for now but read only once `first` is done: a long list a page
    /// needs second (names to fill in) is then decoded after what the page shows first, not
    /// interleaved with it (its answer waits in the browser meanwhile).
    pub fn get_list_after<T: FromJson>(
        self,
        path: &str,
        first: impl Future<Output = ()> + 'static,
    ) -> impl Future<Output = Result<Vec<T>, ApiError>> {
        let opened = self.open(Verb::Get, path, None);
        async move {
            let body = opened.await?;
            first.await;
            body.array_of(&|t: T| t).await
        }
    }

    /// A GET of a list, each element decoded as it arrives (`Body::array_of`).
    pub fn get_list<T: FromJson>(
        self,
        path: &str,
    ) -> impl Future<Output = Result<Vec<T>, ApiError>> {
        let opened = self.open(Verb::Get, path, None);
        async move { opened.await?.array_of(&|t: T| t).await }
    }

    pub fn get<T: FromJson>(self, path: &str) -> impl Future<Output = Result<T, ApiError>> {
        let sent = self.send(Verb::Get, path, None);
        async move { decode(&sent.await?) }
    }

    pub fn write<B: Serialize, T: FromJson>(
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

//! The stale-edit check before a PUT, for forms whose request lists its fields (`FieldSpec`):
//! the object is read fresh and compared, as requests, with the version the form loaded. The
//! API has no ETags and PUT replaces the whole object, so without this a save would undo
//! whatever someone else changed meanwhile.

use super::form::{post_once, FieldOfMessage, Form, StalePanel};
use super::task::Task;
use crate::base::error::ApiError;
use crate::base::i18n::t;
use crate::base::json::{FromJson, Ignored};
use crate::base::stale::{combine, differences, fields_of, Difference, FieldSpec, Fields};
use crate::ui::api::{Api, Verb};
use leptos::prelude::*;
use serde::Serialize;

/// The object changed on the server since the form loaded it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stale<T> {
    /// The server's version now.
    pub fresh: T,
    /// Field by field, where the server's version and the user's differ.
    pub differences: Vec<Difference>,
    /// The server's version with the user's changes on top: what "keep both" sends.
    pub combined: Fields,
}

/// Reads the object at `path` fresh. Unchanged since `loaded` (compared as requests through
/// `request_of`): `Ok(Ok(fresh))`, save `mine`. Changed: `Ok(Err(stale))`, for the user to
/// choose. `name` shows IDs by name in the differences.
pub async fn check_fresh<T: FromJson, R: Serialize>(
    api: Api,
    path: &str,
    loaded: &T,
    mine: &R,
    request_of: fn(&T) -> R,
    spec: &'static [FieldSpec],
    name: &dyn Fn(&str) -> String,
) -> Result<Result<T, Stale<T>>, ApiError> {
    let fresh = api.get::<T>(path).await?;
    Ok(compare_fresh(fresh, loaded, mine, request_of, spec, name))
}

/// `fresh` (the server's version now) compared with `loaded`, as requests: unchanged,
/// `Ok(fresh)`; changed, the differences with `mine`.
pub fn compare_fresh<T, R: Serialize>(
    fresh: T,
    loaded: &T,
    mine: &R,
    request_of: fn(&T) -> R,
    spec: &'static [FieldSpec],
    name: &dyn Fn(&str) -> String,
) -> Result<T, Stale<T>> {
    let (base, server, mine) = (
        fields_of(&request_of(loaded)),
        fields_of(&request_of(&fresh)),
        fields_of(mine),
    );
    if base == server {
        return Ok(fresh);
    }
    Err(Stale {
        differences: differences(&base, &server, &mine, spec, name),
        combined: combine(&base, &server, &mine, spec),
        fresh,
    })
}

/// How a form saves its request, the one way for every resource: a new object is created with
/// one POST (`post_once`: a lost answer is looked up, never resent); an existing one is read
/// fresh first (`check_fresh`) and, when someone changed it meanwhile, the differences wait in
/// `stale` for the user's choice (`StaleChoice`). `Copy`: move it into handlers freely.
pub struct Saver<T: 'static, R: 'static> {
    api: Api,
    form: Form,
    /// The collection: `/api/policies`. An object is at `<collection>/<id>`.
    collection: &'static str,
    /// The object being edited, as the form loaded it (None: creating).
    pub baseline: RwSignal<Option<T>>,
    pub stale: RwSignal<Option<Stale<T>>>,
    /// The last request the user asked to save, as JSON (what "overwrite" sends).
    mine: StoredValue<Option<serde_json::Value>>,
    saving: Task,
    request_of: fn(&T) -> R,
    spec: &'static [FieldSpec],
    field_of: FieldOfMessage,
    id_of: Option<fn(&T) -> &str>,
    /// Runs after a successful save.
    done: Callback<()>,
}

impl<T: 'static, R: 'static> Clone for Saver<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static, R: 'static> Copy for Saver<T, R> {}

/// What `Saver::new` needs besides the form.
pub struct SaverSpec<T: 'static, R: 'static> {
    pub collection: &'static str,
    pub request_of: fn(&T) -> R,
    pub spec: &'static [FieldSpec],
    pub field_of: FieldOfMessage,
    /// For a resource the API cannot read one by one (users: no `GET /api/users/{id}`), how
    /// to find the object in its collection's list; the fresh read before a PUT is then the
    /// list. None: `GET <collection>/<id>`.
    pub id_of: Option<fn(&T) -> &str>,
}

impl<T, R> Saver<T, R>
where
    T: FromJson + Clone + Send + Sync + 'static,
    R: Serialize + PartialEq + Send + Sync + 'static,
{
    /// `baseline`: the object being edited as the form loaded it (None: a new one), the
    /// form's `Draft::base`; kept up to date here as the user resolves a stale edit.
    pub fn new(
        api: Api,
        form: Form,
        baseline: RwSignal<Option<T>>,
        spec: SaverSpec<T, R>,
        done: Callback<()>,
    ) -> Self {
        Saver {
            api,
            form,
            collection: spec.collection,
            baseline,
            stale: RwSignal::new(None),
            mine: StoredValue::new(None),
            saving: Task::new(),
            request_of: spec.request_of,
            spec: spec.spec,
            field_of: spec.field_of,
            id_of: spec.id_of,
            done,
        }
    }

    pub fn pending(self) -> Signal<bool> {
        self.saving.pending()
    }

    /// Creates (`id` None) or updates the object `<collection>/<id>` (the collection itself
    /// when `id` is empty) with `request`. `names` (ID, name) shows IDs by name in the
    /// differences; an ID without one shows as itself.
    pub fn save(self, id: Option<String>, request: R, names: Vec<(String, String)>) {
        self.stale.set(None);
        self.mine.set_value(serde_json::to_value(&request).ok());
        self.saving.run(async move {
            let Some(id) = id else {
                match post_once(self.api, self.collection, &request, self.request_of).await {
                    Ok(()) => self.done.run(()),
                    Err(e) => self.form.failed(e, self.field_of),
                }
                return;
            };
            let path = self.path(&id);
            let Some(loaded) = self.baseline.get_untracked() else {
                return;
            };
            let fresh = match self.id_of {
                None => self.api.get::<T>(&path).await,
                Some(id_of) => self
                    .api
                    .get_list::<T>(self.collection)
                    .await
                    .and_then(|list| {
                        list.into_iter()
                            .find(|t| id_of(t) == id)
                            .ok_or_else(|| ApiError::NotFound(t("it was deleted meanwhile")))
                    }),
            };
            let fresh = match fresh {
                Ok(fresh) => fresh,
                Err(e) => return self.form.failed_outright(e),
            };
            let name = |id: &str| {
                names
                    .iter()
                    .find(|(i, _)| i == id)
                    .map_or_else(|| id.to_string(), |(_, n)| n.clone())
            };
            match compare_fresh(fresh, &loaded, &request, self.request_of, self.spec, &name) {
                Err(stale) => self.stale.set(Some(stale)),
                Ok(_) => self.put(path, serde_json::to_value(&request).ok()),
            }
        })
    }

    /// The object's path: `<collection>/<id>`, or the collection itself for an object the
    /// account has one of (`/api/dns/settings`, id "").
    fn path(self, id: &str) -> String {
        if id.is_empty() {
            self.collection.to_string()
        } else {
            format!("{}/{id}", self.collection)
        }
    }

    fn put(self, path: String, body: Option<serde_json::Value>) {
        let Some(body) = body else { return };
        self.saving.run(async move {
            match self.api.write::<_, Ignored>(Verb::Put, &path, &body).await {
                Ok(_) => self.done.run(()),
                Err(e) => self.form.failed(e, self.field_of),
            }
        })
    }

    /// "Keep both": the server's version with the user's changes on top.
    pub fn keep_both(self, id: &str) {
        if let Some(s) = self.stale.get_untracked() {
            self.stale.set(None);
            self.baseline.set(Some(s.fresh));
            self.put(self.path(id), Some(serde_json::Value::Object(s.combined)));
        }
    }

    /// "Overwrite with mine".
    pub fn overwrite(self, id: &str) {
        if let Some(s) = self.stale.get_untracked() {
            self.stale.set(None);
            self.baseline.set(Some(s.fresh));
            self.put(self.path(id), self.mine.get_value());
        }
    }

    /// "Discard mine": the server's version, for the form to show.
    pub fn discard(self) -> Option<T> {
        let s = self.stale.get_untracked()?;
        self.stale.set(None);
        self.baseline.set(Some(s.fresh.clone()));
        Some(s.fresh)
    }
}

/// The stale-edit choice of a `Saver`, shown while the object changed on the server. `reset`
/// puts the server's version into the form when the user discards their changes.
#[component]
pub fn StaleChoice<T, R>(
    saver: Saver<T, R>,
    id: String,
    /// "This policy changed on the server since you opened it".
    title: String,
    reset: Callback<T>,
) -> impl IntoView
where
    T: FromJson + Clone + Send + Sync + 'static,
    R: Serialize + PartialEq + Send + Sync + 'static,
{
    let id = StoredValue::new(id);
    let title = StoredValue::new(title);
    move || {
        saver.stale.get().map(|s| {
            view! {
                <StalePanel title=title.get_value() message=t("Choose what to save.") differences=s.differences
                    on_combine=Callback::new(move |_| id.with_value(|id| saver.keep_both(id)))
                    on_overwrite=Callback::new(move |_| id.with_value(|id| saver.overwrite(id)))
                    on_discard=Callback::new(move |_| if let Some(fresh) = saver.discard() { reset.run(fresh) })/>
            }
        })
    }
}

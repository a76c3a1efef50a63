//! The stale-edit check before a PUT, for forms whose request lists its fields (`FieldSpec`):
//! the object is read fresh and compared, as requests, with the version the form loaded. The
//! API has no ETags and PUT replaces the whole object, so without this a save would undo
//! whatever someone else changed meanwhile.

use crate::base::error::ApiError;
use crate::base::json::FromJson;
use crate::base::stale::{combine, differences, fields_of, Difference, FieldSpec, Fields};
use crate::ui::api::Api;
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
    let (base, server, mine) = (
        fields_of(&request_of(loaded)),
        fields_of(&request_of(&fresh)),
        fields_of(mine),
    );
    if base == server {
        return Ok(Ok(fresh));
    }
    Ok(Err(Stale {
        differences: differences(&base, &server, &mine, spec, name),
        combined: combine(&base, &server, &mine, spec),
        fresh,
    }))
}

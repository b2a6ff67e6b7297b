//! The mock's own endpoints under `/__mock/`, and the router that puts them in front of the
//! platform endpoints.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::faults::{FaultDice, Faults};
use super::{Shared, callback, handler, lock, wire};

/// Body of `POST /__mock/callbacks/{platform}/{endpoint}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallbackRequest {
    /// The game server's URL.
    pub target_url: String,
    /// Fields by wire name; strings as they are, numbers and booleans as written.
    #[serde(default)]
    pub fields: Map<String, Value>,
    /// A push's body format and encryption (`{"xml": true, "encrypted": true}`).
    #[serde(default)]
    pub push: super::push::PushOptions,
}

/// Admin routes first; everything else is a platform endpoint.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__mock/ledger", get(ledger))
        .route("/__mock/ledger/douyin_game", get(douyin_ledger))
        .route("/__mock/faults", get(faults).post(set_faults))
        .route("/__mock/tokens", get(tokens))
        .route("/__mock/tokens/expire", post(expire_tokens))
        .route(
            "/__mock/callbacks/{platform}/{endpoint}",
            post(send_callback),
        )
        .merge(super::page::routes(&shared))
        .fallback(handler::call)
        .with_state(shared)
}

async fn ledger(State(shared): State<Arc<Shared>>) -> Response {
    let value = serde_json::to_value(shared.stores.ledger()).unwrap_or(Value::Null);
    wire::json(StatusCode::OK, &value)
}

async fn douyin_ledger(State(shared): State<Arc<Shared>>) -> Response {
    let value = serde_json::to_value(shared.stores.douyin_ledger()).unwrap_or(Value::Null);
    wire::json(StatusCode::OK, &value)
}

async fn faults(State(shared): State<Arc<Shared>>) -> Response {
    let value = serde_json::to_value(lock(&shared.dice).faults()).unwrap_or(Value::Null);
    wire::json(StatusCode::OK, &value)
}

async fn set_faults(State(shared): State<Arc<Shared>>, Json(faults): Json<Faults>) -> Response {
    *lock(&shared.dice) = FaultDice::new(faults);
    wire::json(StatusCode::OK, &Value::from("ok"))
}

async fn tokens(State(shared): State<Arc<Shared>>) -> Response {
    let value = serde_json::to_value(shared.stores.token_counts()).unwrap_or(Value::Null);
    wire::json(StatusCode::OK, &value)
}

async fn expire_tokens(State(shared): State<Arc<Shared>>) -> Response {
    shared.stores.expire_tokens();
    wire::json(StatusCode::OK, &Value::from("ok"))
}

async fn send_callback(
    State(shared): State<Arc<Shared>>,
    Path((platform, endpoint)): Path<(String, String)>,
    Json(request): Json<CallbackRequest>,
) -> Response {
    let fields = request
        .fields
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s,
                other => other.to_string(),
            };
            (k, text)
        })
        .collect();
    let sent = callback::send_as(
        &shared,
        &platform,
        &endpoint,
        &request.target_url,
        fields,
        request.push,
    );
    match sent.await {
        Ok(report) => wire::json(
            StatusCode::OK,
            &serde_json::to_value(report).unwrap_or(Value::Null),
        ),
        Err(message) => wire::plain(StatusCode::BAD_REQUEST, &message),
    }
}

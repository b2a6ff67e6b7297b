//! The portal: the platform's page that opens the game in an iframe with a signed login, as
//! wancms opens the game's login URL with `open_id`, `sign`, `channel` and `is_favorite`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use gamechannel_codegen::eval::{Inputs, sign_endpoint};

use super::super::{Shared, callback, wire};

/// `GET /__mock/portal/{platform}?open_id=…&game_url=…`: any login field may be given; the
/// others get mock values. `game_url` overrides the configured login URL.
pub(super) async fn page(
    State(shared): State<Arc<Shared>>,
    Path(platform): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    match signed_url(&shared, &platform, &query) {
        Ok((title, url)) => super::html(render(&title, &url)),
        Err(message) => wire::plain(StatusCode::NOT_FOUND, &message),
    }
}

/// The game's login URL with every login field and its signature.
fn signed_url(
    shared: &Shared,
    platform: &str,
    query: &[(String, String)],
) -> Result<(String, String), String> {
    let p = shared
        .platforms
        .iter()
        .find(|p| p.name == platform)
        .ok_or_else(|| format!("unknown platform '{platform}'"))?;
    let login = p
        .sdk
        .as_ref()
        .and_then(|s| s.login.as_deref())
        .ok_or_else(|| format!("the spec of {platform} names no login callback (sdk.login)"))?;
    let endpoint = p
        .endpoint(login)
        .ok_or_else(|| format!("no endpoint {platform}.{login}"))?;
    let given = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let base = given("game_url")
        .or_else(|| shared.config.page.callback_url(platform, login).map(str::to_owned))
        .ok_or_else(|| {
            format!("no game URL: pass ?game_url=URL or start the mock with --callback-url {platform}.{login}=URL")
        })?;
    let mut fields: Vec<(String, String)> = endpoint
        .request
        .iter()
        .map(|f| {
            let value = given(&f.wire).unwrap_or_else(|| callback::filler(f, false));
            (f.wire.clone(), value)
        })
        .collect();
    let credentials = super::credentials(shared, p);
    let inputs = Inputs {
        fields: &fields,
        credentials: &credentials,
        path: "",
        body: "",
    };
    let signatures = sign_endpoint(endpoint, &inputs)
        .map_err(|e| format!("cannot sign {platform}.{login}: {e}"))?;
    fields.extend(signatures.into_iter().map(|s| (s.wire, s.value)));
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    let separator = if base.contains('?') { '&' } else { '?' };
    Ok((p.title.clone(), format!("{base}{separator}{query}")))
}

fn render(title: &str, url: &str) -> String {
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{t} (gamechannel mock portal)</title></head>\n\
         <body style=\"margin:0;font-family:sans-serif\">\n\
         <p id=\"portal\" style=\"margin:4px 8px\">{t}, played by <code>gamechannel mock</code>: the game opens below with a signed login.</p>\n\
         <iframe id=\"game\" src=\"{u}\" style=\"border:0;width:100%;height:92vh\"></iframe>\n\
         </body></html>\n",
        t = escape(title),
        u = escape(url),
    )
}

/// Text fit for HTML content and double-quoted attributes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

//! The stand-in of a platform's JS SDK: the same global object with the same functions (from
//! the spec's `sdk_function`s), each sending its payload to the mock and handing the mock's
//! result code to the page's callback. Where the platform would show the user a payment
//! dialog, the stand-in shows one with a button per result code the user can cause.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::Shared;

/// The script, pointed at the mock's own address as the page reached it.
pub(super) fn serve(shared: &Shared, platform: usize, headers: &HeaderMap) -> Response {
    let p = &shared.platforms[platform];
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let functions: Vec<Value> = p
        .endpoints
        .iter()
        .filter_map(|e| {
            let page = e.frontend()?;
            let path = page.sdk_function.as_ref()?;
            Some(json!({ "path": path, "endpoint": e.name, "callback": page.sdk_callback }))
        })
        .collect();
    let config = json!({
        "mock": format!("http://{host}"),
        "platform": p.name,
        "title": p.title,
        "functions": functions,
    });
    let text = format!(
        "// Stand-in of the {title} JS SDK, served by `gamechannel mock`.\n\
         (function (config) {{\n{BODY}}})({config});\n",
        title = p.title.replace(['\n', '\r'], " "),
    );
    let mut response = (StatusCode::OK, text).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The SDK's behaviour; `config` holds the mock's address and the functions to define.
const BODY: &str = r#"  "use strict";
  function post(url, body) {
    // text/plain keeps the request "simple": no CORS preflight to the platform's origin.
    return fetch(url, { method: "POST", headers: { "Content-Type": "text/plain" }, body: body })
      .then(function (answer) {
        if (!answer.ok) { return answer.text().then(function (t) { throw new Error(t); }); }
        return answer.json();
      });
  }
  function base(endpoint) {
    return config.mock + "/__mock/sdk/" + config.platform + "/" + endpoint;
  }
  // The platform's dialog: one button per result code the user can cause.
  function choose(endpoint, answer) {
    return new Promise(function (resolve, reject) {
      var dialog = document.createElement("div");
      dialog.id = "gamechannel-mock-dialog";
      dialog.setAttribute("style", "position:fixed;inset:20% 10% auto 10%;z-index:2147483647;background:#fff;border:2px solid #333;padding:12px;font-family:sans-serif");
      var heading = document.createElement("p");
      heading.textContent = answer.title + " (" + config.title + ", mock)";
      dialog.appendChild(heading);
      answer.choices.forEach(function (choice) {
        var button = document.createElement("button");
        button.setAttribute("data-result", choice.name);
        button.textContent = choice.code + " " + choice.name + (choice.doc ? ": " + choice.doc : "");
        button.style.display = "block";
        button.style.margin = "4px 0";
        button.onclick = function () {
          dialog.remove();
          post(base(endpoint) + "/outcome", JSON.stringify({ ticket: answer.ticket, code: choice.code }))
            .then(resolve, reject);
        };
        dialog.appendChild(button);
      });
      document.body.appendChild(dialog);
    });
  }
  function define(fn) {
    var parts = fn.path.split(".");
    var target = window;
    for (var i = 0; i < parts.length - 1; i++) {
      target = target[parts[i]] = target[parts[i]] || {};
    }
    target[parts[parts.length - 1]] = function (data, callback) {
      var body = JSON.stringify(data === undefined ? {} : data);
      post(base(fn.endpoint), body)
        .then(function (answer) { return answer.choices ? choose(fn.endpoint, answer) : answer; })
        .then(function (answer) {
          if (answer.problem) { console.warn(fn.path + ": " + answer.problem); }
          if (typeof callback === "function" && typeof answer.code === "number") {
            callback(answer.code, answer.msg);
          }
        })
        .catch(function (e) { console.error(fn.path + " failed: " + e); });
    };
  }
  config.functions.forEach(define);
"#;

//! Which (method, path) serves which endpoint: every `call` endpoint of every platform, at its
//! real path in every environment.

use std::collections::HashMap;

use axum::http::Method;
use gamechannel_codegen::model::{Endpoint, EndpointKind, Platform};

/// Where a request lands.
#[derive(Debug, Clone)]
pub struct Route {
    /// Index into the platform list.
    pub platform: usize,
    /// Index into the platform's endpoints.
    pub endpoint: usize,
    /// Environment whose path matched (selects `name@environment` credentials).
    pub environment: String,
    /// Other platforms' endpoints at the same method and path (WeChat's one token endpoint
    /// serves every WeChat API): a request goes to the one whose configured `appid` it names.
    pub shared: Vec<Route>,
}

/// The route table, with one human line per served path.
pub struct Routes {
    /// (method, path) -> route
    pub table: HashMap<(Method, String), Route>,
    /// `platform.endpoint METHOD path (environment)` lines, and a warning per shadowed path.
    pub lines: Vec<String>,
}

/// True for an endpoint that issues access tokens (the mock spares it from faults by
/// default and checks the tokens it issued).
pub fn issues_tokens(endpoint: &Endpoint) -> bool {
    endpoint.kind() == EndpointKind::Call
        && endpoint.response.iter().any(|f| f.wire == "access_token")
}

/// Builds the table. Environments that share a path (QQ's test host uses the production
/// paths) are served once, as the first environment that declares it.
pub fn table(platforms: &[Platform]) -> Routes {
    let mut routes = Routes {
        table: HashMap::new(),
        lines: Vec::new(),
    };
    for (pi, platform) in platforms.iter().enumerate() {
        for (ei, endpoint) in platform.endpoints.iter().enumerate() {
            let Some(call) = endpoint.call() else {
                continue;
            };
            let method = match call.method.as_str() {
                "GET" => Method::GET,
                _ => Method::POST,
            };
            for path in &call.paths {
                let key = (method.clone(), path.path.clone());
                let line = format!(
                    "{}.{} {} {}",
                    platform.name, endpoint.name, method, path.path
                );
                match routes.table.get(&key) {
                    Some(existing) if existing.platform == pi && existing.endpoint == ei => {
                        // Same endpoint, same path in another environment: say so on its line.
                        let prefix = format!("{line} (");
                        if let Some(l) = routes.lines.iter_mut().find(|l| l.starts_with(&prefix)) {
                            l.insert_str(l.len() - 1, &format!(", {}", path.environment));
                        }
                        continue;
                    }
                    Some(existing) if existing.platform != pi && issues_tokens(endpoint) => {
                        let shared = Route {
                            platform: pi,
                            endpoint: ei,
                            environment: path.environment.clone(),
                            shared: Vec::new(),
                        };
                        if let Some(first) = routes.table.get_mut(&key) {
                            first.shared.push(shared);
                        }
                        routes.lines.push(format!(
                            "{line} ({}, by the request's appid)",
                            path.environment
                        ));
                        continue;
                    }
                    Some(existing) => {
                        let owner = &platforms[existing.platform];
                        routes.lines.push(format!(
                            "warning: {line} ({}) is shadowed by {}.{}",
                            path.environment, owner.name, owner.endpoints[existing.endpoint].name
                        ));
                        continue;
                    }
                    None => {}
                }
                let route = Route {
                    platform: pi,
                    endpoint: ei,
                    environment: path.environment.clone(),
                    shared: Vec::new(),
                };
                routes.table.insert(key, route);
                routes.lines.push(format!("{line} ({})", path.environment));
            }
        }
    }
    routes
}

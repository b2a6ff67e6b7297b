//! The async client of a platform: `Config`, `Client` with one method per `call` endpoint,
//! `UserCredentials` for per-user credentials and a `TokenSource` per issued credential.
//!
//! The client needs `gamechannel`'s `client` feature, which the crate that includes the
//! generated code cannot test with `cfg` (it would ask about its own features), so the items
//! go inside `::gamechannel::__client_items! { ... }`, which `gamechannel` expands to nothing
//! without the feature. Only `ErrorCode::is_token_error` is emitted outside.

mod builder;
mod methods;
mod token_source;

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{doc_text, snake};
use super::platform::credential_type;
use crate::model::{Credential, Endpoint, EndpointKind, ErrorWhen, Platform};

/// `ErrorCode::is_token_error`, emitted for every platform (plain, no feature needed).
pub fn error_code_items(platform: &Platform) -> TokenStream {
    // The merged table: the first occurrence of a code wins, as in the enum itself.
    let token_codes: Vec<_> = platform
        .error_table
        .iter()
        .filter(|e| {
            e.when
                .iter()
                .any(|w| matches!(w, ErrorWhen::TokenExpired | ErrorWhen::TokenInvalid))
        })
        .map(|e| super::names::int(e.code))
        .collect();
    let body = if token_codes.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self.code(), #(#token_codes)|*))
    };
    quote! {
        impl ErrorCode {
            /// Whether the code says the access token was rejected (the spec's `when:
            /// token_expired` or `token_invalid`): refresh the token and send again.
            pub fn is_token_error(self) -> bool {
                #body
            }
        }
    }
}

/// The formatted client sections (empty without `call` endpoints), to append to the
/// formatted module source.
pub fn gated_source(platform: &Platform) -> syn::Result<String> {
    if !platform
        .endpoints
        .iter()
        .any(|e| e.kind() == EndpointKind::Call)
    {
        return Ok(String::new());
    }
    let mut out = wrap("::gamechannel::__client_items!", client_items(platform))?;
    out.push_str(&wrap("::gamechannel::__reqwest_items!", reqwest_items())?);
    Ok(out)
}

/// `invocation { items }`, the items formatted and indented: prettyplease leaves macro
/// bodies as one run of tokens, so they are formatted on their own.
fn wrap(invocation: &str, items: TokenStream) -> syn::Result<String> {
    let mut out = format!("\n{invocation} {{");
    // Doc text is split into one attribute per line, so no string literal spans lines and
    // indenting cannot change one.
    for line in super::format::items(&items)?.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str("}\n");
    Ok(out)
}

/// The credential a token provider supplies: the first issued by a `call` endpoint.
fn token_credential(platform: &Platform) -> Option<(&Credential, &Endpoint)> {
    platform.credentials.iter().find_map(|c| {
        let issuer = platform.endpoint(&c.issued_by.as_ref()?.endpoint)?;
        (issuer.kind() == EndpointKind::Call).then_some((c, issuer))
    })
}

fn client_items(platform: &Platform) -> TokenStream {
    let token = token_credential(platform);
    let per_user: Vec<&Credential> = platform.credentials.iter().filter(|c| c.per_user).collect();
    let user_credentials = user_credentials(&per_user);
    let api = api(token.map(|(c, _)| c), &per_user);
    let client = methods::client(platform, token.map(|(c, _)| c), &per_user);
    let source = token.and_then(|(c, issuer)| token_source::emit(c, issuer));
    // Without a token source there is nothing to wire the issuer into.
    let builder = builder::emit(platform, token.filter(|_| source.is_some()));
    quote! {
        #api

        impl ::gamechannel::client::PlatformCode for ErrorCode {
            fn code(self) -> i64 {
                ErrorCode::code(self)
            }

            fn from_code(code: i64) -> Self {
                ErrorCode::from_code(code)
            }

            fn is_retryable(self) -> bool {
                ErrorCode::is_retryable(self)
            }

            fn is_token_error(self) -> bool {
                ErrorCode::is_token_error(self)
            }
        }

        /// Where a [`Client`] sends requests, with what credentials, and how patiently.
        pub type Config = ::gamechannel::client::Config<Api>;

        #user_credentials
        #client
        #source
        #builder
    }
}

/// `Api`, the platform's types for the runtime's generic client, and how an attempt's token
/// and a player's credentials replace configured ones.
fn api(token: Option<&Credential>, per_user: &[&Credential]) -> TokenStream {
    let user = if per_user.is_empty() {
        quote!(())
    } else {
        quote!(UserCredentials)
    };
    let set_token = token.map(|c| {
        let ident = snake(&c.name);
        let value = if c.secret {
            quote!(token.clone())
        } else {
            quote!(String::from(token.expose()))
        };
        let value = if c.optional {
            quote!(Some(#value))
        } else {
            value
        };
        quote! {
            if let Some(token) = token {
                credentials.#ident = #value;
            }
        }
    });
    let set_user = (!per_user.is_empty()).then(|| {
        let idents: Vec<_> = per_user.iter().map(|c| snake(&c.name)).collect();
        quote! {
            if let Some(user) = user {
                #(credentials.#idents = user.#idents.clone();)*
            }
        }
    });
    let attempt = (set_token.is_some() || set_user.is_some()).then(|| {
        let token = if set_token.is_some() { quote!(token) } else { quote!(_token) };
        let user_param = if set_user.is_some() { quote!(user) } else { quote!(_user) };
        quote! {
            fn attempt_credentials(credentials: &mut Credentials, #token: Option<&Secret>, #user_param: Option<&#user>) {
                #set_token
                #set_user
            }
        }
    });
    quote! {
        /// This platform's types, for the runtime's generic [`Config`] and [`Client`].
        #[derive(Debug, Clone, Copy)]
        pub struct Api;

        impl Platform for Api {
            const NAME: &'static str = PLATFORM;
            type Environment = Environment;
            type Credentials = Credentials;
            type User = #user;
            type Code = ErrorCode;

            fn base_url(environment: Environment) -> &'static str {
                environment.base_url()
            }

            #attempt
        }
    }
}

fn user_credentials(per_user: &[&Credential]) -> Option<TokenStream> {
    if per_user.is_empty() {
        return None;
    }
    let fields = per_user.iter().map(|c| {
        let ident = snake(&c.name);
        let ty = credential_type(c);
        let doc = doc_text(&format!("The player's `{}`.", c.name));
        quote!(#doc pub #ident: #ty,)
    });
    Some(quote! {
        /// The credentials that differ per player, for [`Client::for_user`]; secret values
        /// never show in `Debug`.
        #[derive(Debug, Clone)]
        pub struct UserCredentials {
            #(#fields)*
        }
    })
}

/// `Client::new` over the default transport, for `gamechannel`'s `reqwest` feature.
fn reqwest_items() -> TokenStream {
    quote! {
        impl Client {
            /// A client over a new [`ReqwestTransport`]; fails only when the TLS backend
            /// cannot start.
            pub fn new(config: Config) -> Result<Self, TransportError> {
                Ok(Self::with_transport(config, ReqwestTransport::new()?))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Call, Callback, ErrorCode, Field, FieldType, IssuedBy, Location, Shape};

    fn field(wire: &str, ty: FieldType, secret: bool) -> Field {
        Field {
            wire: wire.into(),
            rust: wire.into(),
            ty,
            required: true,
            secret,
            ..Field::default()
        }
    }

    /// A token issued by `token`, a per-user key, and an endpoint named like a constructor.
    fn platform() -> Platform {
        let code = |code, when: Vec<ErrorWhen>| ErrorCode {
            code,
            name: format!("c{}", code.unsigned_abs()),
            when,
            ..ErrorCode::default()
        };
        let mut platform = Platform {
            name: "p".into(),
            environments: vec![crate::model::Environment {
                name: "production".into(),
                base_url: "https://p.example".into(),
                doc: None,
            }],
            credentials: vec![
                Credential {
                    name: "access_token".into(),
                    secret: true,
                    travels_in: Some(Location::Query),
                    issued_by: Some(IssuedBy {
                        endpoint: "token".into(),
                        value: "access_token".into(),
                        expires_in: Some("expires_in".into()),
                    }),
                    ..Credential::default()
                },
                Credential {
                    name: "session_key".into(),
                    secret: true,
                    per_user: true,
                    optional: true,
                    ..Credential::default()
                },
            ],
            errors: vec![
                code(-1, vec![ErrorWhen::SystemBusy]),
                code(42001, vec![ErrorWhen::TokenExpired]),
                code(40001, vec![ErrorWhen::TokenInvalid]),
            ],
            endpoints: vec![
                Endpoint {
                    name: "token".into(),
                    response: vec![
                        field("access_token", FieldType::String, true),
                        field("expires_in", FieldType::Int, false),
                    ],
                    shape: Shape::Call(Call {
                        read_only: true,
                        ..Call::default()
                    }),
                    ..Endpoint::default()
                },
                Endpoint {
                    name: "new".into(),
                    sends: vec!["access_token".into()],
                    ..Endpoint::default()
                },
            ],
            ..Platform::default()
        };
        platform.merge_errors();
        platform
    }

    /// Whitespace and trailing commas removed, so checks do not depend on line breaking.
    fn squash(code: &str) -> String {
        let s: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        s.replace(",)", ")").replace(",}", "}")
    }

    #[test]
    fn token_codes_come_from_when() {
        let code = squash(&error_code_items(&platform()).to_string());
        assert!(code.contains("matches!(self.code(),42001|40001)"), "{code}");
        let mut plain = platform();
        plain.errors.retain(|e| e.code == -1);
        plain.merge_errors();
        assert!(squash(&error_code_items(&plain).to_string()).contains("{false}"));
    }

    #[test]
    fn client_is_gated_and_asks_for_the_token_only_where_it_is_used() {
        let source = gated_source(&platform()).expect("valid tokens");
        syn::parse_file(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
        assert!(!source.contains("compile_error"), "{source}");
        assert!(source.starts_with("\n::gamechannel::__client_items! {\n"));
        assert!(source.contains("::gamechannel::__reqwest_items! {\n"));
        let code = squash(&source);
        assert!(code.contains("pubfnnew_endpoint<'a>(&'aself,request:&'aNewRequest)"));
        assert!(code.contains("pubfntoken<'a>(&'aself,request:&'aTokenRequest)"));
        // Only `new` gets the provider: the issuer must not wait on the token it issues.
        assert_eq!(code.matches("self.0.call_with_token(").count(), 1);
        assert!(code.contains("pubstructAccessTokenSource"));
        assert!(code.contains("credentials.session_key=user.session_key.clone();"));
        assert!(code.contains("u64::try_from(response.expires_in).unwrap_or(0)"));
        // The builder fetches the token through the same client type, from the issuer's inputs.
        assert!(code.contains("pubfnbuilder(environment:Environment)"));
        assert!(code.contains("Arc::new(AccessTokenSource::new(Client(issuer),request))"));
    }

    #[test]
    fn no_client_without_call_endpoints() {
        let mut p = platform();
        p.endpoints
            .iter_mut()
            .for_each(|e| e.shape = Shape::Callback(Callback::default()));
        assert_eq!(gated_source(&p).expect("valid tokens"), "");
    }
}

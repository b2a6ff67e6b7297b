//! A studio's private platform, generated from `specs/acme_arcade.yaml` at build time and
//! standing on the same `gamechannel` runtime as the seed platforms.

gamechannel::include_specs!();

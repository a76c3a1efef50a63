//! `config.json`, fetched once at start and shared as context.

use super::api::{resource, Res};
use super::router::href;
use crate::base::config_file::RuntimeConfig;
use leptos::prelude::*;

/// The runtime configuration, `None` until `config.json` was asked for.
#[derive(Clone, Copy)]
pub struct Config(Res<RuntimeConfig>);

impl Config {
    pub fn load() -> Config {
        Config(resource(|| async {
            let response = gloo_net::http::Request::get(&href("/config.json"))
                .send()
                .await;
            match response {
                Ok(r) if r.ok() => RuntimeConfig::parse(&r.text().await.unwrap_or_default()),
                _ => RuntimeConfig::default(),
            }
        }))
    }

    pub fn get(&self) -> Option<RuntimeConfig> {
        self.0.get()
    }

    /// The console's name: the configured title, else "NetBird Console".
    pub fn title(&self) -> Option<String> {
        self.0.with(|c| c.and_then(|c| c.title().map(String::from)))
    }
}

pub fn use_config() -> Config {
    expect_context::<Config>()
}

/// The brand as the sidebar and sign-in card show it.
pub fn brand(config: Config) -> impl IntoView {
    move || match config.title() {
        Some(title) => title.into_any(),
        None => view! { "NetBird " <span>"Console"</span> }.into_any(),
    }
}

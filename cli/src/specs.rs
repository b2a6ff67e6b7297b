//! Which specs the command knows: the built-in seeds plus any `--spec` files.

use std::path::PathBuf;

use gamechannel_codegen::load::{load_file, load_str};
use gamechannel_codegen::model::{Endpoint, Platform};

/// Every known platform.
pub struct Catalog {
    platforms: Vec<Platform>,
}

impl Catalog {
    /// The built-in specs, with `extra` files added (replacing a built-in of the same name).
    pub fn load(extra: &[PathBuf]) -> Result<Self, String> {
        let mut platforms = Vec::new();
        for (name, text) in gamechannel::SEED_SPECS {
            platforms.push(load_str(text, name).map_err(|d| d.to_string())?);
        }
        for path in extra {
            let platform = load_file(path).map_err(|d| d.to_string())?;
            platforms.retain(|p: &Platform| p.name != platform.name);
            platforms.push(platform);
        }
        Ok(Catalog { platforms })
    }

    /// Every platform, built-in first.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// Resolves `PLATFORM.ENDPOINT`, or says what exists.
    pub fn endpoint(&self, target: &str) -> Result<(&Platform, &Endpoint), String> {
        let names = || {
            self.platforms
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((platform, endpoint)) = target.split_once('.') else {
            return Err(format!(
                "expected PLATFORM.ENDPOINT, got '{target}' (platforms: {})",
                names()
            ));
        };
        let Some(platform) = self.platforms.iter().find(|p| p.name == platform) else {
            return Err(format!(
                "unknown platform '{platform}' (platforms: {})",
                names()
            ));
        };
        // A recipe with examples of its own is signed alone, over the inputs its examples name.
        let alone = || {
            platform
                .recipe_examples
                .iter()
                .find(|x| x.signature == endpoint)
                .map(|x| &x.endpoint)
        };
        let Some(found) = platform.endpoint(endpoint).or_else(alone) else {
            let endpoints: Vec<&str> = platform.endpoints.iter().map(|e| e.name.as_str()).collect();
            return Err(format!(
                "platform '{}' has no endpoint '{endpoint}' (endpoints: {})",
                platform.name,
                endpoints.join(", ")
            ));
        };
        Ok((platform, found))
    }
}

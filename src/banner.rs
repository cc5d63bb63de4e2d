//! The application-window banner shown on every page: whether 신청·접수 is not yet open, open, or
//! closed, read from the visitor's clock.
//!
//! The engine decides the states and words them; the builder asks it once per state (just before
//! opening, at opening, at closing) and pre-renders the three messages with the two instants, so a
//! tiny script can pick the right one from `Date.now()` without loading the WASM engine on reading
//! pages. Without JavaScript the banner shows the published period instead.
use af_engine::rules::Rules;
use af_engine::schedule::{self, WindowInput, WindowStatus};
use serde::Serialize;

/// One application window, ready for the banner partial.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BannerWindow {
    pub id: String,
    pub name: String,
    /// Opening and closing instants, milliseconds since the Unix epoch.
    pub opens_ms: i64,
    pub closes_ms: i64,
    /// The period as published, for readers without JavaScript (KST).
    pub period: String,
    pub not_yet_open: String,
    pub open: String,
    pub closed: String,
    /// URL of the clause the window comes from, relative to the site root
    /// (`notice/03-application/#application-period`).
    pub cite_url: String,
}

/// The banner's windows, in the order of the rules; empty when the schedule rules are absent.
pub fn windows(rules: &Rules) -> Vec<BannerWindow> {
    rules
        .schedule
        .window
        .iter()
        .filter_map(|window| {
            let opens = schedule::parse_rfc3339(&window.opens_at).ok()?;
            let closes = schedule::parse_rfc3339(&window.closes_at).ok()?;
            let (opens_ms, closes_ms) = (opens.checked_mul(1000)?, closes.checked_mul(1000)?);
            let message_at = |ms: i64, want: WindowStatus| -> Option<String> {
                let input = WindowInput {
                    now: None,
                    now_ms: Some(ms),
                };
                let output = schedule::evaluate(&rules.schedule, &input).ok()?;
                let state = output.windows.into_iter().find(|w| w.id == window.id)?;
                (state.status == want).then_some(state.message)
            };
            let offset = rules.schedule.utc_offset_minutes;
            Some(BannerWindow {
                id: window.id.clone(),
                name: window.name.clone(),
                opens_ms,
                closes_ms,
                period: format!(
                    "{} ~ {} (한국 시각)",
                    readable(&schedule::format_rfc3339(opens, offset)),
                    readable(&schedule::format_rfc3339(closes, offset))
                ),
                not_yet_open: message_at(opens_ms.checked_sub(1000)?, WindowStatus::NotYetOpen)?,
                open: message_at(opens_ms, WindowStatus::Open)?,
                closed: message_at(closes_ms, WindowStatus::Closed)?,
                cite_url: cite_url(&window.cite),
            })
        })
        .collect()
}

/// `notice/03-application#period` → `notice/03-application/#period`.
fn cite_url(cite: &str) -> String {
    match cite.split_once('#') {
        Some((path, anchor)) => format!("{}#{anchor}", crate::content::url_of(path)),
        None => crate::content::url_of(cite),
    }
}

/// `2026-06-16T17:00:00+09:00` → `2026-06-16 17:00`.
fn readable(rfc3339: &str) -> String {
    rfc3339
        .get(..16)
        .map(|s| s.replacen('T', " ", 1))
        .unwrap_or_else(|| rfc3339.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_rules() -> Rules {
        // A fixture program, not the bundled one: generator tests assert no program's figures.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ai-transition-2027/content/rules");
        let files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("rules folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .map(|e| {
                let path = e.path();
                (
                    path.to_string_lossy().into_owned(),
                    std::fs::read_to_string(&path).expect("read rules"),
                )
            })
            .collect();
        af_engine::load::from_toml_files(&files).expect("bundled rules load")
    }

    #[test]
    fn each_window_gets_the_engine_messages_for_its_three_states() {
        let rules = bundled_rules();
        let windows = windows(&rules);
        assert_eq!(windows.len(), rules.schedule.window.len());
        for (banner, rule) in windows.iter().zip(&rules.schedule.window) {
            let opens = schedule::parse_rfc3339(&rule.opens_at).expect("opens") * 1000;
            let closes = schedule::parse_rfc3339(&rule.closes_at).expect("closes") * 1000;
            assert_eq!((banner.opens_ms, banner.closes_ms), (opens, closes));
            assert!(
                banner.not_yet_open.contains("접수 전"),
                "{}",
                banner.not_yet_open
            );
            assert!(banner.open.contains("접수 중"), "{}", banner.open);
            assert!(banner.closed.contains("마감"), "{}", banner.closed);
            assert!(banner.period.ends_with("(한국 시각)"));
        }
    }

    #[test]
    fn no_schedule_rules_means_no_banner() {
        assert!(windows(&Rules::default()).is_empty());
    }
}

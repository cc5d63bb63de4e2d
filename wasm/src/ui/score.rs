//! Result rendering for the `score` tool page (placeholder).

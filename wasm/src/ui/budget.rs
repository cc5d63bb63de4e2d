//! Result rendering for the `budget` tool page (placeholder).

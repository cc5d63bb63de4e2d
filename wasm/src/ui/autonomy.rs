//! Result rendering for the `autonomy` tool page (placeholder).

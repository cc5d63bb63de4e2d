//! Result rendering for the `eligibility` tool page (placeholder).

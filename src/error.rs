//! One error type for every stage, printed as `path:line: message` so editors can jump to it.
use std::fmt;

/// A problem found while loading, rendering, validating or writing the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// Path as shown to the author (relative to the working directory when possible).
    pub file: String,
    /// 1-based line in `file`, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl BuildError {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// An error tied to a file as a whole (no line).
    pub fn in_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(file, None, message)
    }

    /// An error tied to a line in a file.
    pub fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Self::new(file, Some(line), message)
    }
}

impl fmt::Display for BuildError {
    /// Always one line: a multi-line message (TOML and Tera write several) is joined with `; `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = one_line(&self.message);
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, message),
            None => write!(f, "{}: {}", self.file, message),
        }
    }
}

/// Joins the non-empty lines of `text` with `; `, collapsing runs of spaces.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return text.into();
    }
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
        .into()
}

/// Reads a text file; bytes that are not UTF-8 are reported at their line (counted from the
/// byte offset where decoding stopped).
pub fn read_text(path: &std::path::Path, shown_as: &str) -> Result<String, BuildError> {
    let bytes = std::fs::read(path)
        .map_err(|err| BuildError::in_file(shown_as, format!("읽을 수 없습니다: {err}")))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
        BuildError::at(
            shown_as,
            line,
            format!(
                "UTF-8이 아닌 바이트가 있습니다({}번째 바이트). 파일을 UTF-8로 저장하세요",
                valid + 1
            ),
        )
    })
}

impl std::error::Error for BuildError {}

/// Result of a stage that reports every problem it finds, not just the first.
pub type BuildResult<T> = Result<T, Vec<BuildError>>;

/// Maps byte offsets in a text to 1-based line numbers (plus a fixed starting line).
pub struct LineIndex {
    newlines: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    /// `first_line` is the file line on which `text` begins (1 for a whole file).
    pub fn new(text: &str, first_line: usize) -> Self {
        let newlines = memchr_newlines(text);
        Self {
            newlines,
            first_line,
        }
    }

    /// File line of the byte at `offset` in the indexed text.
    pub fn line_of(&self, offset: usize) -> usize {
        let before = self.newlines.partition_point(|&nl| nl < offset);
        self.first_line + before
    }
}

fn memchr_newlines(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

/// Formats a tera error with its chain of causes on one line (tera hides the useful part in `source`).
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_from_first_line() {
        let index = LineIndex::new("a\nbc\n\nd", 5);
        assert_eq!(index.line_of(0), 5);
        assert_eq!(index.line_of(2), 6);
        assert_eq!(index.line_of(5), 7);
        assert_eq!(index.line_of(6), 8);
    }

    #[test]
    fn display_has_path_line_message() {
        let err = BuildError::at("content/a.md", 3, "문제");
        assert_eq!(err.to_string(), "content/a.md:3: 문제");
        assert_eq!(BuildError::in_file("x", "y").to_string(), "x: y");
        let toml = BuildError::at("r.toml", 3, "invalid string\nexpected `\"`, `'`\n");
        assert_eq!(
            toml.to_string(),
            "r.toml:3: invalid string; expected `\"`, `'`"
        );
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, b"one\ntwo\nth\xffree\n").expect("write");
        let err = read_text(&path, "a.md").expect_err("not UTF-8");
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.to_string().starts_with("a.md:3: UTF-8"), "{err}");
    }
}
